"""``factsheet add URL``: fetch news pages from a local HTTP server (never the internet).

The server runs on 127.0.0.1 in a thread and serves the saved seed page and
others made to fail in the ways real sites do: 404, a PDF, a French page, a
slow answer, a redirect away from the web.
"""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factsheet.articles import read_article
from factsheet.cli import cli
from factsheet.fetch import USER_AGENT, Fetcher, FetchError, add_page

DATA = Path(__file__).resolve().parent / "data" / "formats"
ROOT = Path(__file__).resolve().parents[1]
SEED_LINES = (ROOT / "content" / "articles" / "un-chief-russia-first.txt").read_text(encoding="utf-8").split("\n")
SEED_TITLE = SEED_LINES[0]
SEED_URL = ("https://thehill.com/policy/international/"
            "3463723-no-significance-to-un-chiefs-stop-in-russia-first-spokesman-says/")
SEED_FILE = "no-significance-to-un-chiefs-stop-in-russia-first-spokesman-says.md"

FRENCH = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Le pont rouvre</title></head>
<body><nav><a href="/">Accueil</a></nav><article><h1>Le pont du port rouvre après huit mois de travaux</h1>
<p>Le pont du port a rouvert à la circulation vendredi après huit mois de travaux, a indiqué le service des
transports de la ville dans un communiqué publié dans la matinée.</p>
<p>« Nous sommes heureux de rendre le pont aux habitants qui l'empruntent chaque jour », a déclaré la
commissaire aux transports Lena Ortiz lors de la cérémonie de réouverture, devant une centaine de personnes.</p>
<p>Les travaux ont coûté 48 millions de dollars, soit environ six millions de plus que prévu, car l'acier
corrodé a dû être remplacé sur toute la travée est du pont.</p></article></body></html>"""

BRIDGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bridge reopens after repairs</title>
<link rel="license" href="https://creativecommons.org/licenses/by/4.0/"></head>
<body><div class="cookie-banner">We use cookies to improve your experience. <button>OK</button></div>
<article><h1>Bridge reopens after repairs</h1>
<p>The Harbour Bridge reopened to traffic on Friday after eight months of repairs, the city’s transport
department said in a statement.</p>
<p>“We are glad to give the bridge back to the people who use it every day,” transport commissioner
Lena Ortiz told reporters at the reopening ceremony.</p>
<p>The repairs cost $48 million, about $6 million more than planned, because corroded steel had to be
replaced along the whole eastern span.</p></article>
<aside class="related"><h2>Read next</h2><ul><li><a href="/a">Tunnel tolls to rise</a></li></ul></aside>
</body></html>"""


class Site:
    """Routes of the local server and a log of the requests it answered."""

    def __init__(self):
        self.routes = {
            "/news/un-chief": (200, {"Content-Type": "text/html; charset=utf-8"}, (DATA / "seed.html").read_bytes()),
            "/news/bridge": (200, {"Content-Type": "text/html"}, BRIDGE.encode("utf-8")),
            "/old/un-chief": (301, {"Location": "/news/un-chief"}, b""),
            "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n" + bytes(500)),
            "/fr/pont": (200, {"Content-Type": "text/html; charset=utf-8"}, FRENCH.encode("utf-8")),
            "/fr/mislabeled": (200, {"Content-Type": "text/html; charset=utf-8"},
                               FRENCH.replace('lang="fr"', 'lang="en"').encode("utf-8")),
            "/image": (200, {"Content-Type": "text/html"}, b"\x89PNG\r\n\x1a\n" + bytes(300)),
            "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
            "/gone": (410, {"Content-Type": "text/html"}, b"<html><body><p>Gone</p></body></html>"),
        }
        self.slow = {"/slow": 3.0}
        self.log = []  # (path, user agent, start, end), appended once the answer is sent

    def wait_for(self, count, timeout=5.0):
        """Wait until ``count`` requests were answered (the client may finish reading first)."""
        deadline = time.monotonic() + timeout
        while len(self.log) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return len(self.log)


@pytest.fixture
def site():
    state = Site()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            start = time.monotonic()
            if self.path in state.slow:
                time.sleep(state.slow[self.path])
            status, headers, body = state.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"Not found"))
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            state.log.append((self.path, self.headers.get("User-Agent"), start, time.monotonic()))

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)  # one request at a time
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def project(tmp_path):
    (tmp_path / "content" / "articles").mkdir(parents=True)
    return tmp_path


def run(project, *args):
    return CliRunner().invoke(cli, ["-C", str(project), "add", "--wait", "0", *args], catch_exceptions=False)


def errors(result):
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def test_add_saves_markdown_with_front_matter_and_extracts_facts(site, project):
    url = f"{site.base}/news/un-chief"
    result = run(project, url)
    assert result.exit_code == 0, result.output
    saved = project / "content" / "articles" / SEED_FILE
    assert f"{url}: saved content/articles/{SEED_FILE}" in result.stdout
    text = saved.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {"title": SEED_TITLE, "date": dt.date(2022, 4, 25), "author": "Sam Rivera",
                     "publisher": "The Hill", "url": SEED_URL, "license": "All rights reserved",
                     "copyright": "Copyright 2024 Nexstar Media Inc.", "fetched": dt.date.today(),
                     "fetched_from": url}
    for junk in ("cookies", "Most Popular", "patriot1776", "Advertisement", "Related:"):
        assert junk not in text
    # the saved file reads back as the page's article, paragraph for paragraph
    article = read_article(saved)
    assert [article.text[s:e] for s, e in article.paragraphs] == SEED_LINES[1:-1]
    assert article.text == read_article(DATA / "seed.html").text  # the same rendering, title first
    record = yaml.safe_load((project / "content" / "facts" / SEED_FILE.replace(".md", ".yaml")).read_text("utf-8"))
    info = record["article"]
    assert info["url"] == SEED_URL and info["publisher"] == "The Hill" and info["author"] == "Sam Rivera"
    assert info["license"] == "All rights reserved" and str(info["published"]) == "2022-04-25"
    assert info["source"] == f"content/articles/{SEED_FILE}"
    speakers = {f.get("speaker") for f in record["facts"] if f["kind"] == "quote"}
    assert {"farhan-haq", "antony-blinken"} <= speakers
    assert site.wait_for(1) == 1 and site.log[0][1] == USER_AGENT and USER_AGENT.startswith("factsheet/")
    assert CliRunner().invoke(cli, ["-C", str(project), "check"]).exit_code == 0


def test_errors_are_one_line_each_and_the_rest_goes_on(site, project):
    urls = [f"{site.base}/missing", f"{site.base}/report.pdf", f"{site.base}/fr/pont", f"{site.base}/image",
            f"{site.base}/gone", f"{site.base}/news/bridge"]
    result = run(project, "--no-extract", *urls)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert errors(result) == [
        f"Error: {urls[0]}: HTTP error 404 Not Found (check the address; if the site refuses programs, "
        "save the page from a browser and extract the .html file)",
        f"Error: {urls[1]}: not an HTML page (Content-Type: application/pdf) "
        "(factsheet add reads web pages; save other documents' text as .txt)",
        f'Error: {urls[2]}: the page is not in English (it declares lang="fr") (factsheet extracts English news only)',
        f"Error: {urls[3]}: not an HTML page (binary data) "
        "(factsheet add reads web pages; save other documents' text as .txt)",
        f"Error: {urls[4]}: HTTP error 410 Gone (check the address; if the site refuses programs, "
        "save the page from a browser and extract the .html file)",
        f"Error: 5 page(s) failed: {', '.join(urls[:5])}",
    ]
    assert [p.name for p in (project / "content" / "articles").iterdir()] == ["bridge-reopens-after-repairs.md"]
    assert not (project / "content" / "facts").exists()


def test_a_page_mislabelled_english_is_still_refused(site, project):
    result = run(project, f"{site.base}/fr/mislabeled")
    assert result.exit_code == 1
    assert errors(result)[0].endswith("the page is not in English (its text does not read as English) "
                                      "(factsheet extracts English news only)")


@pytest.mark.parametrize("url, message", [
    ("ftp://example.com/a.html", "ftp://example.com/a.html: not a web address (give an http:// or https:// URL)"),
    ("file:///etc/passwd", "file:///etc/passwd: not a web address (give an http:// or https:// URL)"),
    ("example.com/news", "example.com/news: not a web address (give an http:// or https:// URL)"),
    ("http://[::1/news", "http://[::1/news: not a web address (give an http:// or https:// URL)"),
    ("http://a.example/x\ny", "'http://a.example/x\\ny': not a web address "
                              "(spaces and control characters must be %-encoded)"),
])
def test_only_web_addresses(project, url, message):
    result = run(project, url)
    assert result.exit_code == 1
    assert errors(result)[0] == f"Error: {message}"


def test_redirects_are_followed_but_never_off_the_web(site, project):
    result = run(project, "--no-extract", f"{site.base}/old/un-chief", f"{site.base}/to-file")
    assert result.exit_code == 1
    assert (project / "content" / "articles" / SEED_FILE).is_file()
    front = yaml.safe_load((project / "content" / "articles" / SEED_FILE).read_text("utf-8").split("---\n")[1])
    assert front["fetched_from"] == f"{site.base}/old/un-chief"
    assert errors(result)[0] == f"Error: {site.base}/to-file: redirected to file:///etc/passwd, which is not a web address"


def test_slow_pages_time_out(site, project):
    result = run(project, "--timeout", "1", f"{site.base}/slow")
    assert result.exit_code == 1
    assert errors(result)[0] == f"Error: {site.base}/slow: no answer within 1 s (try again later)"


def test_nothing_listening_is_a_clear_error(project):
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run(project, f"http://127.0.0.1:{port}/news")
    assert result.exit_code == 1
    assert errors(result)[0].startswith(f"Error: http://127.0.0.1:{port}/news: cannot fetch the page (")


def test_an_address_already_added_is_not_fetched_again_unless_forced(site, project):
    url = f"{site.base}/news/bridge"
    assert run(project, "--no-extract", url).exit_code == 0
    saved = project / "content" / "articles" / "bridge-reopens-after-repairs.md"
    saved.write_text(saved.read_text("utf-8").replace("Friday", "Thursday"), encoding="utf-8")
    again = run(project, "--no-extract", url)
    assert again.exit_code == 0
    assert again.stdout == f"{url}: already added as content/articles/bridge-reopens-after-repairs.md " \
                           "(use --force to fetch it again)\n"
    assert site.wait_for(2, timeout=0.3) == 1
    forced = run(project, "--no-extract", "--force", url)
    assert forced.exit_code == 0
    assert site.wait_for(2) == 2
    assert "Friday" in saved.read_text("utf-8")
    assert sorted(p.name for p in saved.parent.iterdir()) == ["bridge-reopens-after-repairs.md"]


def test_date_flag_wins_and_license_flag_only_fills(site, project):
    result = run(project, "--no-extract", "--date", "2024-06-07", "--license", "All rights reserved",
                 f"{site.base}/news/bridge", f"{site.base}/news/un-chief")
    assert result.exit_code == 0, result.output
    folder = project / "content" / "articles"
    bridge = read_article(folder / "bridge-reopens-after-repairs.md")
    assert bridge.meta["published"] == "2024-06-07"
    assert bridge.meta["license"] == "CC BY 4.0"  # the page's license link, not --license
    assert "cookies" not in bridge.text and "Tunnel tolls" not in bridge.text
    seed = read_article(folder / SEED_FILE)
    assert seed.meta["published"] == "2024-06-07"  # over the page's 2022-04-25


def test_one_request_at_a_time_with_a_pause(site, project):
    fetcher = Fetcher(timeout=5, wait=0.4)
    folder = project / "content" / "articles"
    for path in ("/news/bridge", "/news/un-chief", "/missing"):
        try:
            add_page(fetcher, site.base + path, folder)
        except FetchError:
            pass
    assert site.wait_for(3) == 3
    starts = [entry[2] for entry in site.log]
    ends = [entry[3] for entry in site.log]
    for i in range(1, 3):
        assert starts[i] >= ends[i - 1]  # never two at once
        assert starts[i] - starts[i - 1] >= 0.35  # and a pause between


def test_a_malformed_answer_is_a_clear_error(project):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def answer():
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"this is not HTTP\r\n\r\n")
        conn.close()

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/news"
    result = run(project, url)
    thread.join(5)
    listener.close()
    assert result.exit_code == 1
    assert errors(result)[0].startswith(f"Error: {url}: cannot fetch the page (")
    assert errors(result)[0].endswith("(the site sent a malformed answer)")
