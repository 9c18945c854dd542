"""The site is safe to publish (issue 7): hostile text everywhere, proved in the HTML and in a real browser.

One small project whose every untrusted field tries to inject something:
article text and titles (extracted for real, so the hostile text reaches
quotes, figures, events and statements), metadata from front matter and
``index.csv`` (publisher, author, url, license, copyright), hand-edited
fields (a manual fact's text, unit, qualifier and note; the registry's
name, aliases, description and links) and the site title.  Script tags,
``onerror`` images, ``javascript:`` links, Markdown, Jinja (``{{ 7*7 }}``,
``{% raw %}``) and HTML comments must all reach the page as the literal
text they are, run nothing and change no page structure.  The browser part
loads the built pages in Debian's chromium (Playwright, no download).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import REPO, invoke

HOSTILE_TXT = """\
<img src=x onerror=alert(1)> [x](javascript:alert(3)) {{ 7*7 }} {% raw %} <!-- t --> council vote

“<script>alert(2)</script> we will rebuild the [bridge](javascript:alert(4)) {{ 7*7 }},” Jane Doe, the mayor, \
said on Monday.

The council approved a $4.2 million budget {% raw %}{% endraw %} for the <!-- hidden --> bridge on March 5, 2024, \
Doe said.

Mallory Smith, the <i>chief</i> of Acme Corp, said the plan was “<img src=x onerror=alert(5)> and **not bold** \
| a | b |”.
"""
INDEX = """\
file,title,date,publisher,url,license,author
hostile.txt,,2024-03-05,"<script>alert(8)</script> Press",javascript:alert(12),CC BY 4.0,\
"<b>A</b> [x](javascript:alert(13))"
"""
COUNCIL_MD = """\
---
title: "<script>alert(\\"t1\\")</script> Council <img src=x onerror=alert(15)> vote {{ 7*7 }} {% raw %} <!-- c -->"
date: 2024-03-06
author: "[x](javascript:alert(11))"
publisher: "<img src=x onerror=alert(9)> Herald"
url: "javascript:alert(10)"
license: "<script>alert(16)</script> All rights reserved"
copyright: "© 2024 <b>Evil</b> Corp {{ 7*7 }}"
---

Ann Lee, the treasurer, said on Tuesday that the budget `<script>alert(17)</script>` is final.
"""
REGISTRY = """\
entities:
  - id: jane-doe
    name: "Jane <script>alert(6)</script> Doe"
    aliases: ["{{ 7*7 }}", "<!-- alias -->"]
    description: "<img src=x onerror=alert(7)> [x](javascript:alert(8)) {% raw %} <!-- d --> **bold**"
    links:
      - "https://example.org/doe?a=1&b=2"
      - "https://example.org/x\\" onmouseover=\\"alert(10)"
      - "https://example.org/a?c=<script>alert(18)</script>"
"""
MANUAL_FACT = """\
  - id: manual-hostile
    kind: figure
    origin: manual
    status: reviewed
    text: "<script>alert(14)</script> manual {{ 7*7 }}"
    number: 5
    unit: "<b>bricks</b>"
    counts: "{{ 7*7 }} things <!-- x -->"
    qualifier: "<i>about</i>"
    about: [jane-doe]
    note: "<script>alert(19)</script>"
"""
SITE_TITLE = "<script>alert(20)</script> Facts {{ 7*7 }}"
#: a name and a role edited by hand in the fact file
MALLORY = "Mallory <u>Smith</u> [m](javascript:alert(21))"
ROLE = "{{ 7*7 }} <i>chief</i> <!-- r -->"

TITLE = "<img src=x onerror=alert(1)> [x](javascript:alert(3)) {{ 7*7 }} {% raw %} <!-- t --> council vote"
QUOTE = "<script>alert(2)</script> we will rebuild the [bridge](javascript:alert(4)) {{ 7*7 }},"
QUOTE2 = "<img src=x onerror=alert(5)> and **not bold** | a | b |"
COUNCIL = '<script>alert("t1")</script> Council <img src=x onerror=alert(15)> vote {{ 7*7 }} {% raw %} <!-- c -->'
JANE = "Jane <script>alert(6)</script> Doe"
DESCRIPTION = "<img src=x onerror=alert(7)> [x](javascript:alert(8)) {% raw %} <!-- d --> **bold**"

#: what each page must show, exactly as written
VISIBLE = {
    "": [SITE_TITLE, TITLE, COUNCIL, JANE],
    "articles/": [TITLE, COUNCIL],
    "articles/hostile/": [
        TITLE, f"“{QUOTE}” Jane Doe, the mayor, said on Monday.",
        "The council approved a $4.2 million budget {% raw %}{% endraw %} for the <!-- hidden --> bridge",
        f"Mallory Smith, the <i>chief</i> of Acme Corp, said the plan was “{QUOTE2}”.",
        "<script>alert(8)</script> Press", "<b>A</b> [x](javascript:alert(13))", QUOTE, QUOTE2, JANE,
        "<script>alert(14)</script> manual {{ 7*7 }}"],
    "articles/council/": [COUNCIL, "<img src=x onerror=alert(9)> Herald", "[x](javascript:alert(11))",
                          "<script>alert(16)</script> All rights reserved", "© 2024 <b>Evil</b> Corp {{ 7*7 }}"],
    "people/jane-doe/": [JANE, "{{ 7*7 }}", "<!-- alias -->", DESCRIPTION, QUOTE, "mayor",
                         "<script>alert(14)</script> manual {{ 7*7 }}"],
    "people/": [JANE, MALLORY],
    "people/mallory-smith/": [MALLORY, ROLE, QUOTE2],
    "quotes/": [JANE, MALLORY, QUOTE, QUOTE2],
    "figures/": ["<script>alert(14)</script> manual {{ 7*7 }}", "{{ 7*7 }} things <!-- x -->", TITLE],
    "timeline/": [f"“{QUOTE}” Jane Doe, the mayor, said on Monday.", TITLE],
    "credits/": [TITLE, COUNCIL, "<script>alert(8)</script> Press", "<img src=x onerror=alert(9)> Herald",
                 "<script>alert(16)</script> All rights reserved"],
}


def build_hostile_project(root):
    """Write the hostile project into ``root``, extract it, add the hand edits, build it; return ``root``."""
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (articles / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (articles / "index.csv").write_text(INDEX, encoding="utf-8")
    (articles / "council.md").write_text(COUNCIL_MD, encoding="utf-8")
    (root / "factsheet.yml").write_text(f"title: {json.dumps(SITE_TITLE)}\n", encoding="utf-8")
    runner = CliRunner()
    result = invoke(runner, "-C", root, "extract", "-j", "1")
    assert result.exit_code == 0, result.output
    facts = root / "content" / "facts" / "hostile.yaml"
    text = facts.read_text(encoding="utf-8")
    entity = "  - id: mallory-smith\n    name: Mallory Smith\n    kind: person\n    aliases: []\n    roles: []\n"
    assert entity in text
    text = text.replace(entity, f"  - id: mallory-smith\n    name: {json.dumps(MALLORY)}\n    kind: person\n"
                                f"    aliases: []\n    roles: [{json.dumps(ROLE)}]\n")
    facts.write_text(text + MANUAL_FACT, encoding="utf-8")
    (root / "content" / "entities.yaml").write_text(REGISTRY, encoding="utf-8")
    result = invoke(runner, "-C", root, "build", "-q", "-j", "1")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return build_hostile_project(tmp_path_factory.mktemp("hostile") / "p")


@pytest.fixture(scope="module")
def site(project):
    return project / "site"


class Page(HTMLParser):
    """What matters for safety in one page: elements, attributes, scripts and the visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.handlers, self.urls, self.scripts, self.text = [], [], [], [], []
        self._script = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        for key, value in attrs:
            if key.startswith("on"):
                self.handlers.append((tag, key, value))
            if key in ("href", "src", "action", "formaction", "srcset", "data") and value:
                self.urls.append(value.strip())
        self._script = dict(attrs) if tag == "script" else None
        if tag == "script":
            self.scripts.append([dict(attrs), ""])

    def handle_endtag(self, tag):
        self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self.scripts[-1][1] += data
        else:
            self.text.append(data)

    @property
    def body(self):
        return " ".join(" ".join(self.text).split())


def parse(html_text):
    page = Page()
    page.feed(html_text)
    return page


def main_html(html_text):
    start = html_text.index('<article class="md-content__inner')
    return html_text[start:html_text.index("</article>", start)]


def test_every_page_is_free_of_injected_markup(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 15
    for path in pages:
        page = parse(path.read_text(encoding="utf-8"))
        name = path.relative_to(site).as_posix()
        assert page.handlers == [], name  # no onerror=, onmouseover=...
        assert not [u for u in page.urls if re.match(r"(?i)(javascript|vbscript|data):", u)], name
        assert not [t for t, a in page.tags if t in ("img", "iframe", "object", "embed") and a.get("src") == "x"], name
        assert not [t for t, a in page.tags if t in ("b", "u") or (t == "i" and not a)], name  # none from the data
        for attrs, code in page.scripts:
            if attrs.get("type") == "application/ld+json":
                data = json.loads(code)  # stays JSON: no text closed the script element
                assert "</" not in code and data["@context"] == "https://schema.org"
            else:
                assert "alert(" not in code, (name, code[:200])
        assert ">49<" not in path.read_text(encoding="utf-8") and " 49 " not in page.body, name  # {{ 7*7 }} stays


@pytest.mark.parametrize("url", sorted(VISIBLE))
def test_hostile_text_reads_as_written(site, url, project):
    html_text = (site / url / "index.html").read_text(encoding="utf-8")
    body = parse(main_html(html_text)).body
    for literal in VISIBLE[url]:
        assert literal in body, (url, literal)


def test_links_to_sources_are_http_only_and_attributes_stay_closed(site):
    hostile = parse((site / "articles" / "hostile" / "index.html").read_text(encoding="utf-8"))
    council = parse((site / "articles" / "council" / "index.html").read_text(encoding="utf-8"))
    for page in (hostile, council):
        assert not [u for u in page.urls if "alert(" in u]  # (headings' anchors are slugs of the hostile title)
    jane_html = (site / "people" / "jane-doe" / "index.html").read_text(encoding="utf-8")
    jane = parse(jane_html)
    external = [u for u in jane.urls if u.startswith("https://example.org")]
    assert external == ["https://example.org/doe?a=1&b=2"]  # the others are not clean URLs: left out
    assert 'href="https://example.org/doe?a=1&amp;b=2"' in jane_html
    ld = json.loads(next(code for attrs, code in jane.scripts if attrs.get("type") == "application/ld+json"))
    person = ld["@graph"][0]
    assert person["name"] == JANE and person["description"] == DESCRIPTION
    assert person["sameAs"] == ["https://example.org/doe?a=1&b=2"]
    # a page's <title> is text too (Material prints it from the front matter)
    title = re.search(r"<title>(.*?)</title>", (site / "articles" / "hostile" / "index.html").read_text(
        encoding="utf-8"), re.S).group(1)
    assert "<img" not in title and "&lt;img src=x onerror=alert(1)&gt;" in title


def test_the_hand_edited_note_and_data_files_keep_the_text_as_data(site):
    rows = [json.loads(line) for line in (site / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    manual = next(r for r in rows if r["id"] == "manual-hostile")
    assert manual["text"] == "<script>alert(14)</script> manual {{ 7*7 }}" and manual["unit"] == "<b>bricks</b>"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:  # the search index holds HTML that the theme shows: escaped like the pages
        assert "<script" not in doc["text"] and "<img" not in doc["text"] and "<script" not in doc["title"]
    assert any("&lt;script&gt;alert(2)&lt;/script&gt;" in doc["text"] for doc in index["docs"])


# -- in a real browser ----------------------------------------------------------------------------

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
#: generous: the machine may be busy with other builds
TIMEOUT = 90_000


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base(site):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that records every dialog (alert, confirm, prompt) and refuses requests to other hosts."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "data:", "blob:")) else route.abort())
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


INJECTED = "img[src='x'], [onerror], [onmouseover], [onclick], a[href^='javascript'], iframe"


def test_no_script_runs_and_every_hostile_text_is_visible(base, page):
    for url, literals in VISIBLE.items():
        page.goto(base + url, wait_until="load")
        page.wait_for_load_state("networkidle")  # images tried, scripts run: any alert would have fired
        assert page.dialogs == [], (url, page.dialogs)
        assert page.errors == [], (url, page.errors)
        assert page.locator(INJECTED).count() == 0, url
        assert page.locator("article h1").count() == 1, url  # the page's own structure, nothing added
        shown = " ".join(page.locator("article").inner_text().split())
        for literal in literals:
            assert literal in shown, (url, literal)
    assert page.title() == "Credits - News fact sheet"
    page.goto(base + "articles/hostile/")
    assert page.title().startswith(TITLE)


def test_searching_for_the_hostile_text_runs_nothing(base, page):
    page.goto(base + "quotes/", wait_until="load")
    page.locator("input.md-search__input").click()
    meta = page.locator(".md-search-result__meta")
    sync_api.expect(meta).not_to_have_text(re.compile("Initializing"), timeout=TIMEOUT)  # the index is loaded
    box = page.locator("input.md-search__input")
    box.fill("alert onerror script")
    box.press("End")  # the theme reads the query on keyup
    results = page.locator(".md-search-result__item")
    sync_api.expect(results.first).to_be_visible(timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    assert page.dialogs == [] and page.errors == []
    assert page.locator(INJECTED).count() == 0
    shown = page.locator(".md-search-result").inner_text()
    assert "alert(" in shown and ("<script>" in shown or "onerror" in shown)
