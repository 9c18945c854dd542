"""Every command through Click's CliRunner: output, exit codes 0/1/2 and the exact `Error:` lines."""

from __future__ import annotations

import re

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from factsheet.cli import cli
from factsheet.records import load_record
from helpers import REPO, SEED, SEED_DATE, WIKINEWS, invoke

COMMANDS = sorted(cli.commands)
SEED_FACTS = "content/facts/un-chief-russia-first.yaml"


# -- every command -------------------------------------------------------------------

@pytest.mark.parametrize("command", COMMANDS)
def test_help(runner, command):
    result = invoke(runner, command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: factsheet {command} [OPTIONS]")
    assert cli.commands[command].help.split("\n")[0] in " ".join(result.stdout.split())


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option_is_a_usage_error(runner, command):
    result = invoke(runner, command, "--no-such-option")
    assert result.exit_code == 2
    last = result.stderr.splitlines()[-1]  # Click words it "No such option: x" or "No such option 'x'."
    assert last.startswith("Error: No such option") and "--no-such-option" in last


def test_group_help_lists_every_command(runner):
    result = invoke(runner, "--help")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.split("Commands:\n")[1].splitlines() if line.strip()]
    assert listed == COMMANDS


def test_unknown_command(runner):
    result = invoke(runner, "frobnicate")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: No such command 'frobnicate'."


def test_version(runner):
    result = invoke(runner, "--version")
    assert (result.exit_code, result.stdout) == (0, "factsheet, version 0.1.0\n")


def test_missing_project_folder_is_a_usage_error(runner, tmp_path):
    result = invoke(runner, "-C", tmp_path / "nope", "check")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == \
        f"Error: Invalid value for '--project' / '-C': Directory '{tmp_path / 'nope'}' does not exist."


def test_invalid_factsheet_yml(runner, make_project):
    root = make_project()
    (root / "factsheet.yml").write_text("serch: lunr\n", encoding="utf-8")
    result = invoke(runner, "-C", root, "check")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {root / 'factsheet.yml'}: unknown key `serch` "
                             "(known keys: search, open_licenses, excerpt_share, credits, topics, title)\n")


# -- extract -------------------------------------------------------------------------

def test_extract_writes_one_fact_file_per_article(runner, make_project, nlp):
    root = make_project(facts=False)
    result = invoke(runner, "-C", root, "extract", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote 2, unchanged 0, up to date 0, failed 0\n"
    assert sorted(p.name for p in (root / "content" / "facts").iterdir()) == [
        f"{WIKINEWS[:-4]}.yaml", "un-chief-russia-first.yaml"]
    record, _ = load_record(root / SEED_FACTS)
    assert record.article.source == "content/articles/un-chief-russia-first.txt"
    assert record.article.published == SEED_DATE  # from index.csv
    assert f"{SEED_FACTS}: {len(record.facts)} added, 0 replaced, 0 removed, 0 kept, 0 unchanged" in result.stdout


def test_extract_skips_up_to_date_articles_and_force_re_extracts(runner, make_project, nlp):
    root = make_project(["un-chief-russia-first.txt"], facts=False)
    assert invoke(runner, "-C", root, "extract", "-j", "1").exit_code == 0
    before = (root / SEED_FACTS).read_bytes()
    again = invoke(runner, "-C", root, "extract", "-j", "1")
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "wrote 0, unchanged 0, up to date 1, failed 0\n")
    forced = invoke(runner, "-C", root, "extract", "-j", "1", "--force")
    assert (forced.exit_code, forced.stderr) == (0, "wrote 0, unchanged 1, up to date 0, failed 0\n")
    assert (root / SEED_FACTS).read_bytes() == before


def test_a_changed_article_is_extracted_again(runner, make_project, nlp):
    root = make_project(["un-chief-russia-first.txt"])
    article = root / "content" / "articles" / "un-chief-russia-first.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("about 5.2 million", "about 5.3 million"),
                       encoding="utf-8")
    result = invoke(runner, "-C", root, "extract", "-j", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote 1, unchanged 0, up to date 0, failed 0\n"
    record, _ = load_record(root / SEED_FACTS, article_text=article.read_text(encoding="utf-8"))
    assert 5_300_000 in [f.number for f in record.facts]
    assert 5_200_000 not in [f.number for f in record.facts]


def test_force_keeps_reviewed_and_manual_facts(runner, make_project, nlp):
    root = make_project(["un-chief-russia-first.txt"])
    path = root / SEED_FACTS
    edited = path.read_text(encoding="utf-8").replace(
        "    status: draft\n    origin: extracted\n    text: thousands\n",
        "    status: reviewed\n    origin: extracted\n    text: thousands killed\n")
    edited += ("  - id: my-note\n    kind: statement\n    origin: manual\n"
               "    text: The visit was announced by the UN.\n")
    path.write_text(edited, encoding="utf-8")
    assert invoke(runner, "-C", root, "check").exit_code == 0
    result = invoke(runner, "-C", root, "extract", "-j", "1", "--force")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert "    text: thousands killed\n" in after
    assert "  - id: my-note\n" in after and "The visit was announced by the UN." in after
    assert invoke(runner, "-C", root, "check").exit_code == 0


def test_extract_date_option(runner, tmp_path, nlp):
    result = invoke(runner, "-C", tmp_path, "extract", SEED, "--date", "2022-04-25", "-o", tmp_path / "out", "-j", "1")
    assert result.exit_code == 0, result.output
    record, _ = load_record(tmp_path / "out" / "un-chief-russia-first.yaml")
    assert record.article.published == "2022-04-25"
    assert record.article.source == str(SEED.as_posix())  # outside the project: the path as given


def test_extract_reads_standard_input(runner, tmp_path, nlp):
    result = invoke(runner, "-C", tmp_path, "extract", "-", "-o", tmp_path, "-j", "1", input=SEED.read_bytes())
    assert result.exit_code == 0, result.output
    path = tmp_path / "no-significance-to-un-chiefs-stop-in-russia-first-spokesman-says.yaml"
    record, _ = load_record(path, article_text=SEED.read_text(encoding="utf-8"))
    assert record.article.source == "-"
    assert record.article.title == "No significance to UN chief’s stop in Russia first, spokesman says"
    assert any(f.kind == "quote" for f in record.facts)


@pytest.mark.parametrize("args, message", [
    (["--date", "2022-13-01"], "Error: Invalid value for '--date': '2022-13-01' is not a date; use YYYY-MM-DD"),
    (["--jobs", "0"], "Error: Invalid value for '--jobs' / '-j': 0 is not in the range x>=1."),
    (["-", "other.txt"], "Error: `-` (standard input) cannot be combined with other paths"),
    (["--executor", "spark"], "Error: Invalid value for '--executor': 'spark' is not one of 'local', 'dask'."),
])
def test_extract_usage_errors(runner, tmp_path, args, message):
    result = invoke(runner, "-C", tmp_path, "extract", *args, input=b"")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message


def test_extract_missing_path(runner, tmp_path):
    result = invoke(runner, "-C", tmp_path, "extract", tmp_path / "nope.txt")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {tmp_path / 'nope.txt'}: no such file or folder (give article files or folders)\n"


def test_extract_binary_file_is_one_error_line(runner, tmp_path):
    photo = tmp_path / "photo.txt"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = invoke(runner, "-C", tmp_path, "extract", photo, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "wrote 0, unchanged 0, up to date 0, failed 1",
        f"Error: {photo}: not a text file (binary data such as an image or PDF) (give a .txt, .md or .html article)",
    ]
    assert not (tmp_path / "out" / "photo.yaml").exists()


def test_extract_reports_each_bad_article_and_extracts_the_rest(runner, tmp_path, nlp):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"%PDF-1.4 not text")
    (folder / "b.txt").write_bytes(b"\x7fELF binary")
    (folder / "good.txt").write_text("Minister resigns\n\nJane Doe, the minister, resigned on Monday.\n",
                                     encoding="utf-8")
    result = invoke(runner, "-C", tmp_path, "extract", folder, "-o", tmp_path / "out", "-j", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        f"{folder / 'a.txt'}: not a text file (binary data such as an image or PDF) (give a .txt, .md or .html article)",
        f"{folder / 'b.txt'}: not a text file (binary data such as an image or PDF) (give a .txt, .md or .html article)",
        f"Error: 2 article(s) failed: {folder / 'a.txt'}, {folder / 'b.txt'}",
    ]
    assert (tmp_path / "out" / "good.yaml").is_file()


@pytest.mark.parametrize("old, new, problem", [
    ("    kind: person\n", "    kind: persn\n", "{line}:11: unknown entity kind 'persn'"),
    ("    status: draft\n", "    status: draft\n    status: reviewed\n",
     "{line}:5: invalid YAML: duplicate key `status` (keep one of the two lines)"),
])
def test_extract_refuses_to_overwrite_a_broken_fact_file(runner, make_project, nlp, old, new, problem):
    root = make_project(["un-chief-russia-first.txt"])
    path = root / SEED_FACTS
    text = path.read_text(encoding="utf-8")
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    problem = problem.format(line=text[:text.index(old)].count("\n") + len(new.splitlines()))
    result = invoke(runner, "-C", root, "extract", "-j", "1", "--force")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(
        f"Error: {SEED_FACTS}: not re-extracted because the file has errors; {SEED_FACTS}:{problem}")
    assert path.read_text(encoding="utf-8") == broken


# -- render --------------------------------------------------------------------------

def test_render_writes_pages_and_only_what_changed(runner, make_project):
    root = make_project()
    result = invoke(runner, "-C", root, "render")
    assert result.exit_code == 0, result.output
    pages = root / "build" / "pages"
    written = sorted(p.relative_to(pages).as_posix() for p in pages.rglob("*") if p.is_file())
    assert written.pop(written.index(".factsheet-pages")) and (pages / ".factsheet-pages").read_text(
        encoding="utf-8").splitlines() == written  # the list of what was made: only those are ever removed
    assert f"rendered {len(written)} pages ({len(written)} written, 0 removed)\n" == result.stderr
    for page in ("index.md", "people/antonio-guterres.md", "articles/un-chief-russia-first.md", "quotes.md",
                 "figures.md", "timeline.md", "credits.md", "topics/index.md"):
        assert page in written
    again = invoke(runner, "-C", root, "render")
    assert again.stderr == f"rendered {len(written)} pages (0 written, 0 removed)\n"


def test_render_removes_pages_no_longer_made(runner, make_project):
    root = make_project()
    assert invoke(runner, "-C", root, "render").exit_code == 0
    (root / "content" / "facts" / f"{WIKINEWS[:-4]}.yaml").unlink()
    result = invoke(runner, "-C", root, "render")
    assert result.exit_code == 0
    assert not (root / "build" / "pages" / "people" / "alexei-navalny.md").exists()
    assert (root / "build" / "pages" / "people" / "antonio-guterres.md").exists()
    assert " 0 removed)" not in result.stderr


def test_render_output_option(runner, make_project, tmp_path):
    root = make_project()
    result = invoke(runner, "-C", root, "render", "--output", tmp_path / "pages", "-q")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (tmp_path / "pages" / "index.md").is_file()
    assert not (root / "build").exists()


def test_render_lists_every_error_then_fails(runner, make_project):
    root = make_project()
    path = root / SEED_FACTS
    path.write_text(path.read_text(encoding="utf-8").replace("kind: person", "kind: persn", 1)
                    .replace("speaker: farhan-haq", "speaker: farhan-hag", 1), encoding="utf-8")
    result = invoke(runner, "-C", root, "render")
    assert result.exit_code == 1
    text = path.read_text(encoding="utf-8")
    kind_line = text[:text.index("kind: persn")].count("\n") + 1
    speaker_line = text[:text.index("speaker: farhan-hag")].count("\n") + 1
    assert result.stderr.splitlines() == [
        f"{SEED_FACTS}:{kind_line}:11: unknown entity kind 'persn' (use one of: person, organization, place, other)",
        f"{SEED_FACTS}:{speaker_line}:14: speaker `farhan-hag` names no entity (did you mean `farhan-haq`?)",
        f"Error: 2 error(s) in {SEED_FACTS}; nothing was rendered (run `factsheet check` for the list)",
    ]


# -- check ---------------------------------------------------------------------------

def test_check_a_valid_project(runner, make_project):
    result = invoke(runner, "-C", make_project(), "check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "ok: 0 warning(s)\n")


def test_check_reports_every_problem_with_its_position(runner, make_project):
    root = make_project()
    path = root / SEED_FACTS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: person", "kind: persn", 1).replace("    start: 408\n", "    start: 409\n"),
                    encoding="utf-8")
    kind_line = text[:text.index("kind: person")].count("\n") + 1
    start_line = text[:text.index("    start: 408\n")].count("\n") + 1
    (root / "content" / "entities.yaml").write_text(
        "entities:\n  - id: Antonio Guterres\n    links: [wikipedia]\n", encoding="utf-8")
    result = invoke(runner, "-C", root, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/entities.yaml:2:9: registry id 'Antonio Guterres' is not a slug (use `antonio-guterres`)",
        "content/entities.yaml:3:13: link 'wikipedia' is not an http(s) URL (links must start with https://)",
        f"content/facts/un-chief-russia-first.yaml:{kind_line}:11: unknown entity kind 'persn' "
        "(use one of: person, organization, place, other)",
        f"content/facts/un-chief-russia-first.yaml:{start_line}:14: evidence offsets 409-460 no longer slice the article "
        "to the quoted sentence (the sentence is now at start: 408, end: 460)",
    ]
    assert result.stderr == "Error: 4 error(s), 0 warning(s)\n"


def test_check_warnings_fail_only_with_strict(runner, make_project):
    root = make_project(["un-chief-russia-first.txt"])
    path = root / SEED_FACTS
    text = path.read_text(encoding="utf-8").replace("  license: All rights reserved\n", "")
    path.write_text(text, encoding="utf-8")
    article_line = text.splitlines().index("article:") + 1  # the license is missing from this block
    warning = (f"content/facts/un-chief-russia-first.yaml:{article_line}:1: warning: article `un-chief-russia-first` has no "
               "known license (set `license:` in the article's front matter, index.csv or with --license; "
               "until then the site quotes only excerpts of it)\n")
    result = invoke(runner, "-C", root, "check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, warning, "ok: 1 warning(s)\n")
    strict = invoke(runner, "-C", root, "check", "--strict")
    assert (strict.exit_code, strict.stdout, strict.stderr) == (1, warning, "Error: 0 error(s), 1 warning(s)\n")


def test_check_the_example_project(runner):
    result = invoke(runner, "-C", REPO, "check", "--strict")
    assert (result.exit_code, result.stdout) == (0, "")


# -- build ---------------------------------------------------------------------------

def test_build_extracts_renders_and_builds(runner, make_project, nlp):
    root = make_project(facts=False)
    result = invoke(runner, "-C", root, "build", "-j", "1")
    assert result.exit_code == 0, result.output
    assert (root / SEED_FACTS).is_file()
    assert (root / "site" / "index.html").is_file()
    assert (root / "site" / "people" / "antonio-guterres" / "index.html").is_file()
    assert result.stderr.splitlines()[-1].startswith(f"built {root / 'site'} in ")
    assert not list(root.glob(".site-*"))  # the temporary build folder is gone


@pytest.mark.parametrize("config, message", [
    ("site_name: x\ntheme:\n  name: nosuchtheme\n",
     ":2: invalid MkDocs configuration: Config value 'theme': Unrecognised theme name: 'nosuchtheme'."),
    ("site_name: [x\n", ":2: invalid MkDocs configuration: MkDocs encountered an error parsing the configuration file"),
    ("nav: []\n", ": invalid MkDocs configuration: Config value 'site_name': Required configuration not provided."),
])
def test_build_with_a_bad_mkdocs_yml_keeps_the_old_site(runner, make_project, config, message):
    root = make_project()
    assert invoke(runner, "-C", root, "build", "-q").exit_code == 0
    index = (root / "site" / "index.html").read_bytes()
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = invoke(runner, "-C", root, "build", "-q")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {root / 'mkdocs.yml'}{message}")  # and the line, when there is one
    assert result.stderr.endswith(" (fix mkdocs.yml)\n") and result.stderr.count("\n") == 1
    assert (root / "site" / "index.html").read_bytes() == index


def test_build_without_mkdocs_yml(runner, make_project):
    root = make_project()
    (root / "mkdocs.yml").unlink()
    result = invoke(runner, "-C", root, "build", "-q")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {root / 'mkdocs.yml'}: no mkdocs.yml in the project")


def test_build_strict_fails_on_fact_file_warnings(runner, make_project):
    root = make_project(["un-chief-russia-first.txt"])
    path = root / SEED_FACTS
    edited = re.sub(r"    status: (draft|reviewed)\n    origin: extracted\n    text: Yes, he is visiting both,",
                    "    status: reviewed\n    origin: extracted\n    text: Yes, he visits both.",
                    path.read_text(encoding="utf-8"))
    path.write_text(edited, encoding="utf-8")
    line = edited.splitlines().index("    text: Yes, he visits both.") + 1
    assert invoke(runner, "-C", root, "build", "-q").exit_code == 0
    result = invoke(runner, "-C", root, "build", "-q", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{SEED_FACTS}:{line}:11: warning: fact text does not appear in its evidence sentence "
        "(fix the text, or mark the fact `status: reviewed` to keep your wording)",
        "Error: 1 warning(s) in the fact files (strict mode)",
    ]


# -- serve ---------------------------------------------------------------------------

def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, timeout=2):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8")


def _wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    return None


def test_serve_serves_the_site_and_rerenders_on_edit(make_project, tmp_path):
    root = make_project()
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    server = subprocess.Popen([sys.executable, "-m", "factsheet", "-C", str(root), "serve", "--dev-addr",
                               f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"

    def page(path):
        try:
            return _get(base + path)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    try:
        served = _wait_for(lambda: page("/people/farhan-haq/"), 90)
        log.seek(0)
        assert served is not None, log.read()
        status, html = served
        assert status == 200
        assert "Farhan Haq" in html and "U.N. Deputy-Spokesman" in html
        # an edited fact file is rendered again and served without a restart
        facts = root / SEED_FACTS
        facts.write_text(facts.read_text(encoding="utf-8").replace(
            "      - U.N. Deputy-Spokesman\n", "      - Deputy Spokesperson of the Secretary-General\n"),
            encoding="utf-8")
        updated = _wait_for(lambda: (page("/people/farhan-haq/") or (0, ""))[1].count(
            "Deputy Spokesperson of the Secretary-General"), 60)
        log.seek(0)
        assert updated, log.read()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    assert page("/") is None  # stopped


def test_serve_on_a_taken_port_is_one_error_line(make_project):
    root = make_project()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = "127.0.0.1:%d" % taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "factsheet", "-C", str(root), "serve", "--dev-addr", address],
                              capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (f"Error: {address}: cannot serve there (Address already in use) "
                                            "(choose another address with --dev-addr)")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("address", ["nonsense", "127.0.0.1", "localhost:http", "127.0.0.1:70000"])
def test_serve_address_must_be_host_and_port(runner, make_project, address):
    result = invoke(runner, "-C", make_project(), "serve", "--dev-addr", address)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (f"Error: Invalid value for '--dev-addr' / '-a': {address!r} "
                                              "is not HOST:PORT, e.g. 127.0.0.1:8000")
