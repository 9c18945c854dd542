"""Bad and hostile input (issue 7): articles and fact files that are broken, huge, binary or malicious.

Every case is a real file run through the real command: a clear one-line
error naming the file (exit 1 at the end of the batch, the rest extracted), or
the text decoded as written; slugs that are safe, unique and stable; nothing
written outside the output folder; fact files that can neither run code nor
exhaust memory or time.  The site built from hostile text is in
``test_hostile_site.py``; MkDocs failing and concurrent builds in
``test_failures.py``.
"""

from __future__ import annotations

import hashlib
import http.server
import re
import threading
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from factsheet.articles import (MAX_ARTICLE_BYTES, MAX_PARAGRAPH_CHARS, MAX_TEXT_CHARS, bound_paragraphs,
                                read_article)
from factsheet.check import check_file
from factsheet.errors import ArticleError, RecordError
from factsheet.paths import slugify
from factsheet.records import load_record, load_yaml

from helpers import REPO, invoke

SEED = REPO / "content" / "articles" / "un-chief-russia-first.txt"
SEED_FACTS = REPO / "content" / "facts" / "un-chief-russia-first.yaml"
GOOD = "Minister resigns\n\nJane Doe, the minister, resigned on Monday. “I am done,” Doe told reporters.\n"
BINARY = "not a text file (binary data such as an image or PDF) (give a .txt, .md or .html article)"
SAFE_SLUG = re.compile(r"^[^\W_](?:[\w-]*[^\W_])?$")


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "content" / "articles").mkdir(parents=True)
    return root


def articles(root):
    return root / "content" / "articles"


def facts(root):
    return root / "content" / "facts"


def fact_files(root):
    return sorted(p.name for p in facts(root).glob("*.yaml")) if facts(root).is_dir() else []


def record(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def tree(folder):
    """Every file under ``folder`` with its sha256: what a command wrote, and where."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in Path(folder).rglob("*") if p.is_file()}


def no_traceback(result):
    """The command ended with its own message: no exception escaped (CliRunner would catch and keep it)."""
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


# -- a batch of bad articles ------------------------------------------------------------

def test_a_batch_of_bad_articles_fails_each_on_one_line_and_extracts_the_rest(runner, project, nlp):
    folder = articles(project)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\n\t \r\n \n")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                                        + bytes(range(256)))
    (folder / "title-only.txt").write_text("Only a headline\n", encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    result = invoke(runner, "-C", project, "extract", "-j", "1")
    assert result.exit_code == 1
    no_traceback(result)
    bad = [folder / name for name in ("blank.txt", "empty.txt", "photo.txt", "report.txt")]
    empty = "the article is empty (nothing to extract) (write its title on the first line and its text below it)"
    assert result.stderr.splitlines() == [
        "wrote 2, unchanged 0, up to date 0, failed 4",
        f"{bad[0]}: {empty}",
        f"{bad[1]}: {empty}",
        f"{bad[2]}: {BINARY}",
        f"{bad[3]}: {BINARY}",
        f"Error: 4 article(s) failed: {', '.join(str(p) for p in bad)}",
    ]
    # the rest went through: a headline alone is an article without facts
    assert fact_files(project) == ["good.yaml", "title-only.yaml"]
    headline = record(facts(project) / "title-only.yaml")
    assert headline["article"]["title"] == "Only a headline" and headline["facts"] == []
    assert any(f["kind"] == "quote" and f["text"] == "I am done," for f in record(facts(project) / "good.yaml")["facts"])
    # and `build` names the same failures, without publishing
    (project / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    built = invoke(runner, "-C", project, "build", "-q", "-j", "1")
    assert built.exit_code == 1 and not (project / "site").exists()
    assert built.stderr.splitlines()[-1] == "Error: 4 article(s) failed to extract"
    assert f"{bad[2]}: {BINARY}" in built.stderr.splitlines()


TEXT = "Café owner says “we are open”\n\nJosé García, the café’s owner, said “we are open” on Monday.\n"


@pytest.mark.parametrize("name, raw", [
    ("latin-1", TEXT.replace("“", '"').replace("”", '"').replace("’", "'").encode("latin-1")),
    ("windows-1252", TEXT.encode("cp1252")),
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8 with BOM", TEXT.encode("utf-8-sig")),
    ("utf-16 with BOM", TEXT.encode("utf-16")),
    ("utf-16-be with BOM", b"\xfe\xff" + TEXT.encode("utf-16-be")),
    ("utf-16 without BOM", TEXT.encode("utf-16-le")),
    ("utf-32 with BOM", TEXT.encode("utf-32")),
    ("windows line endings", TEXT.replace("\n", "\r\n").encode("utf-8")),
    ("old mac line endings", TEXT.replace("\n", "\r").encode("utf-8")),
])
def test_text_in_any_common_encoding_is_decoded_as_written(runner, project, nlp, name, raw):
    expected = TEXT if name != "latin-1" else TEXT.replace("“", '"').replace("”", '"').replace("’", "'")
    path = articles(project) / "cafe.txt"
    path.write_bytes(raw)
    article = read_article(path)
    assert article.text == expected
    assert article.title == expected.split("\n")[0]
    assert "\r" not in article.text and "\ufeff" not in article.text
    result = invoke(runner, "-C", project, "extract", "-j", "1")
    assert result.exit_code == 0, result.output
    quote = next(f for f in record(facts(project) / "cafe.yaml")["facts"] if f["kind"] == "quote")
    assert quote["text"] == "we are open" and quote["speaker"] == "jose-garcia"
    start, end = quote["evidence"]["start"], quote["evidence"]["end"]
    assert article.text[start:end] == quote["evidence"]["sentence"]
    assert invoke(runner, "-C", project, "check").exit_code == 0  # offsets verified against the file again


@pytest.mark.parametrize("raw, problem", [
    (b"\xff\xfe" + "Title".encode("utf-16-le") + b"\x00\xd8", "not a text file (broken UTF-16)"),
    (b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + bytes(64), "not a text file (binary data"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), "not a text file (binary data"),
    (b"\x7fELF\x02\x01\x01" + bytes(64), "not a text file (binary data"),
    (bytes(range(1, 32)) * 40, "not a text file (control characters)"),
    (b"\xff\xfe" + b"\x01\x00" * 100, "not a text file (undecodable bytes)"),  # binary after a BOM
])
def test_undecodable_files_are_refused_with_one_line_naming_the_file(tmp_path, raw, problem):
    path = tmp_path / "article.md"
    path.write_bytes(raw)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {problem}") and "\n" not in message


# -- size ----------------------------------------------------------------------------------

def test_a_20_mb_article_is_refused_at_once_naming_the_limit(runner, project):
    big = articles(project) / "big.txt"
    with big.open("wb") as handle:
        handle.write(b"A very long article\n\n")
        line = b"The council met again on Monday and said nothing new about the budget. " * 14 + b"\n\n"
        while handle.tell() < 20 * 1024 * 1024:
            handle.write(line)
    (articles(project) / "good.txt").write_text(GOOD, encoding="utf-8")
    size = big.stat().st_size / (1024 * 1024)
    message = (f"{big}: file is {size:.1f} MB, over the limit of {MAX_ARTICLE_BYTES // (1024 * 1024)} MB "
               "for one article (split it into articles)")
    tracemalloc.start()
    try:
        with pytest.raises(ArticleError) as caught:
            read_article(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(caught.value) == message
    assert peak < 1024 * 1024  # refused by its size: never read
    started = time.monotonic()
    result = invoke(runner, "-C", project, "extract", "-j", "1")
    assert time.monotonic() - started < 120  # not minutes of spaCy: the other article only
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert fact_files(project) == ["good.yaml"]
    # the same article on standard input: read up to the limit, then refused
    piped = invoke(runner, "-C", project, "extract", "-", input=big.read_bytes())
    assert piped.exit_code == 1
    assert piped.stderr.splitlines()[-1] == ("Error: -: standard input holds more than the limit of 10 MB for one "
                                             "article (split it into articles)")


def test_an_article_longer_than_the_text_limit_is_refused(tmp_path):
    path = tmp_path / "long.md"
    body = "The council met on Monday and agreed to meet again.\n\n" * (MAX_TEXT_CHARS // 50)
    path.write_text(f"---\ntitle: A long story\n---\n\n{body}", encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert re.fullmatch(rf"{re.escape(str(path))}: the article's text is [\d,]+ characters, over the limit of "
                        r"200,000 for one article \(split it into articles\)", str(caught.value))


def test_a_paragraph_longer_than_any_news_paragraph_is_read_in_pieces(tmp_path):
    sentence = "Jane Doe, the mayor, said the city will rebuild the bridge by May. "
    text = "Title\n\n" + sentence * 200 + "\n\n" + "word " * 3000 + "\n\nLast paragraph."
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    pieces = [article.text[s:e] for s, e in article.paragraphs]
    assert all(0 < len(p) <= MAX_PARAGRAPH_CHARS and p == p.strip() for p in pieces)
    assert all(a[1] < b[0] for a, b in zip(article.paragraphs, article.paragraphs[1:]))
    # cut after a sentence where there is one, else between words; no word lost
    assert all(p.endswith("May.") for p in pieces[:2])
    assert " ".join(pieces).split() == text.split()[1:]
    assert bound_paragraphs("a b", [(0, 3)], limit=2) == [(0, 1), (2, 3)]
    assert bound_paragraphs("abcde", [(0, 5)], limit=2) == [(0, 2), (2, 4), (4, 5)]


# -- quotation marks -----------------------------------------------------------------------

QUOTES = {
    "none": "No quotes here\n\nJane Doe, the mayor, resigned on Monday. Nobody said anything about it.\n",
    "unbalanced": ("Unbalanced\n\nJane Doe, the mayor, said \"we will rebuild on Monday.\n\n"
                   "John Smith said “nothing else.\n\nThe end is near, said Bob Jones.”\n"),
    "nested": ("Nested\n\n“He told me ‘never again’ and left,” Jane Doe, the mayor, said on Monday.\n\n"
               "\"She said 'no' twice,\" John Smith said.\n"),
    "mixed": "Mixed\n\n“We are ready,\" Jane Doe said on Monday. \"Really ready”, she added.\n",
}


def test_quotation_marks_of_every_kind_give_sound_facts(runner, project, nlp):
    for name, text in QUOTES.items():
        (articles(project) / f"{name}.txt").write_text(text, encoding="utf-8")
    result = invoke(runner, "-C", project, "extract", "-j", "1")
    assert result.exit_code == 0, result.output
    quotes = {name: [(f["text"], f["speaker"]) for f in record(facts(project) / f"{name}.yaml")["facts"]
                     if f["kind"] == "quote"] for name in QUOTES}
    assert quotes["none"] == [] and quotes["unbalanced"] == []
    assert quotes["nested"] == [("He told me ‘never again’ and left,", "jane-doe"),
                                ("She said 'no' twice,", "john-smith")]
    assert ("We are ready,", "jane-doe") in quotes["mixed"]
    for name, text in QUOTES.items():
        article = read_article(articles(project) / f"{name}.txt")
        for fact in record(facts(project) / f"{name}.yaml")["facts"]:
            ev = fact["evidence"]
            # an unclosed mark never runs a quote on into the next paragraph
            assert any(s <= ev["start"] and ev["end"] <= e for s, e in article.paragraphs), (name, fact)
    assert invoke(runner, "-C", project, "check").exit_code == 0


# -- names and slugs -----------------------------------------------------------------------

@pytest.mark.parametrize("title, slug", [
    ("../../etc/passwd", "etc-passwd"),
    ("CON", "con-article"),
    ("aux", "aux-article"),
    ("?!… — ***", "article"),
    ("Путин встретился с Гутерришем", "путин-встретился-с-гутерришем"),
    ("中国宣布新的经济计划", "中国宣布新的经济计划"),
    ("한국 대통령 선거", "한국-대통령-선거"),
    ("الأمم المتحدة تجتمع", "الامم-المتحدة-تجتمع"),  # the hamza folds away like an accent
    ("Ünïcödé Café ﬁnal", "unicode-cafe-final"),
])
def test_a_dangerous_title_on_standard_input_gives_a_safe_slug(runner, project, nlp, title, slug):
    before = tree(project.parent)
    result = invoke(runner, "-C", project, "extract", "-", "-j", "1", input=f"{title}\n\n{GOOD}".encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert fact_files(project) == [f"{slug}.yaml"]
    assert record(facts(project) / f"{slug}.yaml")["article"]["title"] == title
    written = set(tree(project.parent)) - set(before)
    assert written == {f"project/content/facts/{slug}.yaml"}  # nothing anywhere else


def test_a_500_character_title_gives_a_short_slug_in_any_script():
    for word in ("budget", "бюджет", "预算案", "예산안"):
        slug = slugify(" ".join([word] * 200))
        assert SAFE_SLUG.match(slug) and len(slug) <= 80 and len(slug.encode("utf-8")) <= 120, slug
        assert slug.startswith(word) and not slug.endswith("-")
    # an ASCII slug is cut at a word, as it always was: existing slugs don't change
    assert slugify("word " * 100) == "-".join(["word"] * 16)


@pytest.mark.parametrize("text", ["../../etc/passwd", "..", ".", "/", "\\..\\..\\windows", "a/../../b", "~root",
                                  "CON", "nul", "com1", "lpt9", "\x00", "-", "", " " * 10, "a" * 500, "\u202e\u200b",
                                  ".hidden", "x" + "\u0301" * 300])
def test_slugs_are_safe_file_names(text):
    slug = slugify(text, fallback="article")
    assert SAFE_SLUG.match(slug), slug
    assert "/" not in slug and "\\" not in slug and not slug.startswith(".") and slug not in ("con", "nul")
    assert len(slug) <= 80


def test_files_with_dangerous_names_get_safe_slugs(runner, project, nlp):
    names = ["CON.txt", "$(touch x).txt", "-rf.txt", "中国新闻.txt", f"{'long-name-' * 24}.txt"]
    for name in names:
        (articles(project) / name).write_text(GOOD, encoding="utf-8")
    result = invoke(runner, "-C", project, "extract", "-j", "1")
    assert result.exit_code == 0, result.output
    slugs = [name[:-5] for name in fact_files(project)]
    assert sorted(slugs) == sorted(["con-article", "touch-x", "rf", "中国新闻", ("long-name-" * 8)[:-1]])
    assert all(SAFE_SLUG.match(s) for s in slugs)
    assert invoke(runner, "-C", project, "check").exit_code == 0


def test_titles_that_give_one_slug_give_unique_slugs_that_never_move(runner, project, nlp):
    folder = articles(project)
    (folder / "budget-vote.txt").write_text(GOOD.replace("Minister", "Budget"), encoding="utf-8")
    (folder / "Budget vote.txt").write_text(GOOD.replace("Jane Doe", "Ann Lee").replace("Doe", "Lee"),
                                            encoding="utf-8")
    assert invoke(runner, "-C", project, "extract", "-j", "1").exit_code == 0
    owners = {p.name: record(p)["article"]["source"] for p in facts(project).glob("*.yaml")}
    assert owners == {"budget-vote.yaml": "content/articles/Budget vote.txt",
                      "budget-vote-2.yaml": "content/articles/budget-vote.txt"}
    # a person reviews a fact of budget-vote-2.yaml
    edited = facts(project) / "budget-vote-2.yaml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("status: draft", "status: reviewed  # checked", 1), encoding="utf-8")
    # an article whose name sorts first and gives the same slug arrives, and everything is re-extracted
    (folder / "BUDGET VOTE.txt").write_text(GOOD.replace("Jane Doe", "Max Roe").replace("Doe", "Roe"),
                                            encoding="utf-8")
    result = invoke(runner, "-C", project, "extract", "-j", "1", "--force")
    assert result.exit_code == 0, result.output
    owners = {p.name: record(p)["article"]["source"] for p in facts(project).glob("*.yaml")}
    assert owners == {"budget-vote.yaml": "content/articles/Budget vote.txt",
                      "budget-vote-2.yaml": "content/articles/budget-vote.txt",
                      "budget-vote-3.yaml": "content/articles/BUDGET VOTE.txt"}
    assert "status: reviewed  # checked" in edited.read_text(encoding="utf-8")
    # and a run over one file alone finds its own fact file too
    before = tree(facts(project))
    again = invoke(runner, "-C", project, "extract", "-j", "1", "--force", folder / "budget-vote.txt")
    assert again.exit_code == 0, again.output
    assert tree(facts(project)) == before


def test_an_article_from_another_folder_with_the_same_name_takes_no_other_file(runner, project, nlp, tmp_path):
    (articles(project) / "news.txt").write_text(GOOD, encoding="utf-8")
    assert invoke(runner, "-C", project, "extract", "-j", "1").exit_code == 0
    first = (facts(project) / "news.yaml").read_bytes()
    other = tmp_path / "elsewhere" / "news.txt"
    other.parent.mkdir()
    other.write_text(GOOD.replace("Jane Doe", "Ann Lee").replace("Doe", "Lee"), encoding="utf-8")
    result = invoke(runner, "-C", project, "extract", "-j", "1", other)
    assert result.exit_code == 0, result.output
    assert (facts(project) / "news.yaml").read_bytes() == first
    assert record(facts(project) / "news-2.yaml")["article"]["source"] == other.as_posix()


def test_a_moved_article_keeps_its_fact_file(runner, project, nlp):
    (articles(project) / "news.txt").write_text(GOOD, encoding="utf-8")
    assert invoke(runner, "-C", project, "extract", "-j", "1").exit_code == 0
    (articles(project) / "2024").mkdir()
    (articles(project) / "news.txt").rename(articles(project) / "2024" / "news.txt")
    result = invoke(runner, "-C", project, "extract", "-j", "1")
    assert result.exit_code == 0, result.output
    assert fact_files(project) == ["news.yaml"]
    assert record(facts(project) / "news.yaml")["article"]["source"] == "content/articles/2024/news.txt"


def test_standard_input_articles_with_one_title_get_their_own_files(runner, project, nlp):
    first = f"Breaking news\n\n{GOOD}".encode("utf-8")
    second = "Breaking news\n\nAnn Lee, the mayor, resigned on Tuesday.\n".encode("utf-8")
    assert invoke(runner, "-C", project, "extract", "-", "-j", "1", input=first).exit_code == 0
    assert invoke(runner, "-C", project, "extract", "-", "-j", "1", input=second).exit_code == 0
    assert fact_files(project) == ["breaking-news-2.yaml", "breaking-news.yaml"]
    assert "Jane Doe" in (facts(project) / "breaking-news.yaml").read_text(encoding="utf-8")
    assert "Ann Lee" in (facts(project) / "breaking-news-2.yaml").read_text(encoding="utf-8")
    # the same bytes again are the same article: up to date, no third file
    again = invoke(runner, "-C", project, "extract", "-", "-j", "1", input=first)
    assert again.exit_code == 0 and "up to date 1" in again.stderr
    assert fact_files(project) == ["breaking-news-2.yaml", "breaking-news.yaml"]


class _Pages(http.server.BaseHTTPRequestHandler):
    """Two news pages with the same headline, and pages whose headline is a dangerous file name."""

    titles = {"/a": "Storm hits coast", "/b": "Storm hits coast", "/c": "../../etc/passwd", "/d": "CON",
              "/e": "?!?", "/f": "x" * 500}

    def do_GET(self):  # noqa: N802 - http.server's name
        title = self.titles.get(self.path, "Missing")
        body = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
                f"<body><article><h1>{title}</h1><p>The storm hit the coast on Monday, the weather service said "
                f"in a statement ({self.path}).</p><p>“We have never seen waves this high,” harbour master Lena "
                "Ortiz told reporters at the port, where the water rose above the quay.</p></article></body>"
                "</html>").encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_pages_added_with_one_title_or_a_dangerous_one_get_safe_unique_files(runner, project, nlp):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        before = tree(project.parent)
        result = invoke(runner, "-C", project, "add", "--wait", "0", *(f"{base}{p}" for p in _Pages.titles))
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 0, result.output
    saved = sorted(p.name for p in articles(project).iterdir())
    assert saved == sorted(["storm-hits-coast.md", "storm-hits-coast-2.md", "etc-passwd.md", "con-item.md",
                            "e.md", f"{'x' * 80}.md"])
    assert fact_files(project) == sorted(name[:-3] + ".yaml" for name in saved)
    written = set(tree(project.parent)) - set(before)
    assert all(w.startswith(("project/content/articles/", "project/content/facts/")) for w in written), written


# -- nothing outside the output folder ---------------------------------------------------------

def test_a_hand_edited_slug_or_topic_cannot_write_outside_the_pages(runner, tmp_path):
    from helpers import copy_project

    root = copy_project(tmp_path / "p", ["un-chief-russia-first.txt"])
    path = root / "content" / "facts" / "un-chief-russia-first.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  slug: un-chief-russia-first\n", "  slug: ../../../../escaped\n", 1)
                    .replace("      - conflict\n", "      - ../../../escaped-topic\n", 1), encoding="utf-8")
    before = tree(tmp_path)
    result = invoke(runner, "-C", root, "check")
    assert result.exit_code == 1
    assert re.search(r"un-chief-russia-first\.yaml:\d+:9: article slug '\.\./\.\./\.\./\.\./escaped' is not a slug",
                     result.stdout)
    assert re.search(r"topic '\.\./\.\./\.\./escaped-topic' is not a slug", result.stdout)
    for command in (["render"], ["build", "-j", "1"], ["export", "-f", "json"]):
        result = invoke(runner, "-C", root, *command)
        assert result.exit_code == 1, command
        no_traceback(result)
    written = set(tree(tmp_path)) - set(before)
    assert not any("escaped" in w for w in written) and not any(tmp_path.parent.glob("escaped*"))
    assert all(w.startswith("p/") for w in written), written


def test_render_never_removes_or_replaces_what_it_did_not_make(runner, tmp_path):
    from helpers import copy_project

    root = copy_project(tmp_path / "p", ["un-chief-russia-first.txt"])
    article = root / "content" / "articles" / "un-chief-russia-first.md"
    article.write_text("---\ntitle: Mine\n---\n\nA Markdown article.\n", encoding="utf-8")
    for output in ("content/articles", "content", ".", "content/facts/pages"):
        result = invoke(runner, "-C", root, "render", "-o", root / output)
        assert result.exit_code == 1, output
        assert result.stderr.startswith(f"Error: {root / output}: refusing to render pages there, it holds or "
                                        "is inside ")
    assert article.read_text(encoding="utf-8").endswith("A Markdown article.\n")
    # a folder of one's own holding other files: they stay, and only pages factsheet made are ever removed
    out = tmp_path / "out"
    (out / "people").mkdir(parents=True)
    (out / "notes.md").write_text("my notes\n", encoding="utf-8")
    (out / "people" / "someone.md").write_text("kept\n", encoding="utf-8")
    assert invoke(runner, "-C", root, "render", "-o", out).exit_code == 0
    assert (out / "people" / "antonio-guterres.md").is_file()
    (root / "content" / "facts" / "un-chief-russia-first.yaml").unlink()
    result = invoke(runner, "-C", root, "render", "-o", out)
    assert result.exit_code == 0 and " 0 removed)" not in result.stderr
    assert not (out / "people" / "antonio-guterres.md").exists()
    assert (out / "notes.md").read_text(encoding="utf-8") == "my notes\n"
    assert (out / "people" / "someone.md").read_text(encoding="utf-8") == "kept\n"


# -- fact files ----------------------------------------------------------------------------------

BOMB = """schema: 1
article: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
entities: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
facts: *h
"""
CODE = "touch {marker}"


@pytest.fixture
def seeded(tmp_path):
    """A project with the seed article and its committed fact file, and a marker no code may create."""
    from helpers import copy_project

    root = copy_project(tmp_path / "p", ["un-chief-russia-first.txt"])
    return root, tmp_path / "PWNED"


def _evil_files(marker):
    command = CODE.format(marker=marker)
    return {
        "object": f"schema: 1\narticle: !!python/object/apply:os.system [{command!r}]\n",
        "name": "schema: !!python/name:os.system\narticle: {}\n",
        "new": f"schema: 1\nfacts:\n  - !!python/object/new:subprocess.Popen [[sh, -c, {command!r}]]\n",
        "module": "schema: !!python/module:os\n",
        "tuple": "schema: !!python/tuple [1, 2]\n",
    }


@pytest.mark.parametrize("kind", ["object", "name", "new", "module", "tuple"])
def test_yaml_tags_never_run_code_in_any_command(runner, seeded, nlp, kind):
    root, marker = seeded
    path = root / "content" / "facts" / "un-chief-russia-first.yaml"
    path.write_text(_evil_files(marker)[kind], encoding="utf-8")
    (root / "content" / "entities.yaml").write_text("entities: !!python/object/apply:os.system "
                                                    f"[{CODE.format(marker=marker)!r}]\n", encoding="utf-8")
    (root / "content" / "articles" / "tagged.md").write_text(
        f"---\ntitle: !!python/object/apply:os.system [{CODE.format(marker=marker)!r}]\n---\n\nText.\n",
        encoding="utf-8")
    for command in (["check"], ["extract", "-j", "1", "--force"], ["render"], ["build", "-j", "1"],
                    ["export"], ["entities"]):
        result = invoke(runner, "-C", root, *command)
        assert result.exit_code == 1, (command, result.output)
        no_traceback(result)
        assert result.stderr.splitlines()[-1].startswith("Error: ")
    check = invoke(runner, "-C", root, "check")
    assert "content/entities.yaml:1:11: invalid YAML: YAML tags that build objects are not allowed" in check.stdout
    assert "content/facts/un-chief-russia-first.yaml:" in check.stdout
    assert not marker.exists()


def test_a_config_file_with_tags_or_aliases_is_one_clear_error(runner, seeded):
    root, marker = seeded
    (root / "factsheet.yml").write_text(f"title: !!python/object/apply:os.system [{CODE.format(marker=marker)!r}]\n",
                                        encoding="utf-8")
    result = invoke(runner, "-C", root, "check")
    assert result.exit_code == 1 and not marker.exists()
    assert result.stderr == (f"Error: {root / 'factsheet.yml'}:1:8: invalid YAML: YAML tags that build objects are "
                             "not allowed (remove the !!tag; factsheet.yml holds plain text, numbers and lists)\n")
    (root / "factsheet.yml").write_text(BOMB.replace("schema: 1\narticle", "title").replace("facts: *h\n", "")
                                        .replace("entities:", "topics:"), encoding="utf-8")
    result = invoke(runner, "-C", root, "check")
    assert result.exit_code == 1
    assert "YAML anchors (&name) are not allowed" in result.stderr and result.stderr.count("\n") == 1
    (root / "factsheet.yml").write_text("topics:\n  sport: [[match, [league]], 3]\n", encoding="utf-8")
    result = invoke(runner, "-C", root, "check")
    assert result.exit_code == 1 and "topics must map each theme to a list of words" in result.stderr


def test_a_billion_laughs_is_refused_at_the_first_anchor_in_every_command(runner, seeded, nlp):
    root, _ = seeded
    path = root / "content" / "facts" / "un-chief-russia-first.yaml"
    path.write_text(BOMB, encoding="utf-8")
    (root / "content" / "entities.yaml").write_text(BOMB.replace("schema: 1\narticle", "x"), encoding="utf-8")
    (root / "content" / "articles" / "bomb.md").write_text(f"---\n{BOMB.replace('schema: 1', 'title: x')}---\n\nText.\n",
                                                           encoding="utf-8")
    tracemalloc.start()
    started = time.monotonic()
    try:
        results = {" ".join(c): invoke(runner, "-C", root, *c) for c in (
            ["check"], ["extract", "-j", "1"], ["render"], ["build", "-j", "1"], ["export"], ["entities"])}
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 60 and peak < 200 * 1024 * 1024
    for command, result in results.items():
        assert result.exit_code == 1, command
        no_traceback(result)
    check = results["check"].stdout.splitlines()
    assert "content/facts/un-chief-russia-first.yaml:2:10: invalid YAML: YAML anchors (&name) are not allowed in " \
           "fact files (write the value out in full)" in check
    assert any(line.startswith("content/entities.yaml:1:4: invalid YAML: YAML anchors") for line in check)
    assert results["extract -j 1"].stderr.splitlines()[-1].startswith("Error: content/entities.yaml:1:4: ")
    # without the broken registry, extraction names the article whose front matter is a bomb, and goes on
    (root / "content" / "entities.yaml").unlink()
    extract = invoke(runner, "-C", root, "extract", "-j", "1")
    assert extract.exit_code == 1
    assert (f"{root / 'content' / 'articles' / 'bomb.md'}:3: invalid YAML front matter (YAML anchors (&name) are not "
            "allowed) (write the value out in full)") in extract.stderr.splitlines()


def test_a_50_mb_fact_file_is_refused_unread(runner, seeded, nlp):
    root, _ = seeded
    path = root / "content" / "facts" / "un-chief-russia-first.yaml"
    original = path.read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as handle:
        handle.write(original)
        note = "  - id: manual-x\n    kind: event\n    origin: manual\n    text: " + "padding " * 120 + "\n"
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(note)
    size = path.stat().st_size / (1024 * 1024)
    before = path.stat().st_mtime_ns
    problem = f"file is {size:.1f} MB, over the 10 MB limit (is it the right file? remove it, or split the article)"
    tracemalloc.start()
    started = time.monotonic()
    try:
        results = [invoke(runner, "-C", root, *c) for c in (["check"], ["render"], ["export"], ["entities"])]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 60
    assert peak < 20 * 1024 * 1024  # never read into memory
    assert results[0].stdout == f"content/facts/un-chief-russia-first.yaml:1:1: {problem}\n"
    # extraction and build (which run spaCy) refuse it the same way, and leave it alone
    results += [invoke(runner, "-C", root, *c) for c in (["extract", "-j", "1"], ["build", "-j", "1"])]
    for result in results:
        assert result.exit_code == 1
        assert problem in result.output
        no_traceback(result)
    assert path.stat().st_mtime_ns == before


NESTED = "schema: 1\narticle: " + "[" * 10000 + "]" * 10000 + "\n"


@pytest.mark.parametrize("text, where, message", [
    ("schema: 1\narticle: {title: [unclosed\n", "2:18", "invalid YAML: while parsing a flow sequence"),
    ("schema: 1\n\tarticle: x\n", "2:1", "invalid YAML: found character '\\t' that cannot start any token"),
    (NESTED, "2:59", "invalid YAML: the YAML is nested more than 50 levels deep"),
    ("schema: 1\narticle:\n  title: a\x00b\n", "3:11", "invalid YAML: control character U+0000 is not allowed"),
    ("schema: 1\narticle: x\narticle: y\n", "3:1", "invalid YAML: duplicate key `article`"),
    ("\ufeff- just\n- a list\n", "1:1", "a fact file must be a mapping"),
    ("", "1:1", "a fact file must be a mapping"),
])
def test_malformed_fact_files_are_one_line_each_with_a_position(runner, seeded, text, where, message):
    root, _ = seeded
    path = root / "content" / "facts" / "un-chief-russia-first.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke(runner, "-C", root, "check")
    assert result.exit_code == 1
    no_traceback(result)
    assert any(line.startswith(f"content/facts/un-chief-russia-first.yaml:{where}: {message}")
               for line in result.stdout.splitlines()), result.stdout
    assert result.stderr.startswith("Error: ")


def test_a_fact_file_that_is_not_utf8_is_one_clear_error(runner, seeded):
    root, _ = seeded
    path = root / "content" / "facts" / "un-chief-russia-first.yaml"
    path.write_bytes(b"schema: 1\narticle:\n  title: caf\xe9\n")
    result = invoke(runner, "-C", root, "check")
    assert result.exit_code == 1
    assert result.stdout == ("content/facts/un-chief-russia-first.yaml:3:1: file is not UTF-8 text "
                             "(save it as UTF-8)\n")


WRONG = """\
schema: one
article:
  slug: [a]
  title: 5
  source: {x: 1}
  sha256: true
  published: yesterday
  url: 3.5
entities: {a: b}
facts:
  - 7
  - id: 5
    kind: [quote]
    status: maybe
    origin: 1
    text: {a: 1}
    speaker: 3
    about: nobody
    topics: 5
    date: 20200101
    precision: hour
    number: many
    evidence: x
  - id: quote-1
    kind: quote
    text: hi
    about: [1, [2]]
    topics: [{}]
    date: 2022-02-30
    evidence: {sentence: 1, start: -1, end: a, extra: 2}
  - id: quote-1
    kind: quote
    text: hi
    evidence: {sentence: hi, start: 999999, end: 1000001}
"""


def test_wrong_types_everywhere_are_all_reported_and_crash_nothing(runner, seeded):
    root, _ = seeded
    path = root / "content" / "facts" / "un-chief-russia-first.yaml"
    path.write_text(WRONG, encoding="utf-8")
    (root / "content" / "entities.yaml").write_text(
        "entities:\n  - id: [x]\n    name: {a: 1}\n    kind: 4\n    aliases: a\n    links: [1, javascript:alert(1)]\n"
        "    description: [x]\n    hide: maybe\n  - 5\n  - {}\n", encoding="utf-8")
    result = invoke(runner, "-C", root, "check")
    assert result.exit_code == 1
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert len(lines) >= 30 and all(re.match(r"content/(facts/un-chief-russia-first|entities)\.yaml:\d+:\d+: ", l)
                                    for l in lines), lines
    for needle in ("unsupported schema version 'one'", "`title` of article must be text, not a number",
                   "`entities` must be a list", "a fact must be a mapping", "fact id 5 is not a slug",
                   "unknown status 'maybe'", "`number` must be a number or null, not 'many'",
                   "`evidence` must be a mapping", "evidence `start` must be a whole number, not -1",
                   "duplicate fact id `quote-1`", "date '2022-02-30' is not an ISO date"):
        assert any(needle in line for line in lines), needle
    for command in (["render"], ["build", "-j", "1"], ["export"], ["entities"], ["extract", "-j", "1", "--force"],
                    ["deploy"]):
        result = invoke(runner, "-C", root, *command)
        assert result.exit_code == 1, command
        no_traceback(result)
        assert result.stderr.splitlines()[-1].startswith("Error: ")


def test_loading_a_fact_file_is_safe_and_bounded_in_the_library_too(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(BOMB, encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        load_record(path)
    assert str(caught.value).startswith(f"{path}:2:10: invalid YAML: YAML anchors (&name) are not allowed")
    with pytest.raises(RecordError, match="nested more than 50 levels"):
        load_yaml(NESTED)
    problems = check_file(path, tmp_path)
    assert [p.message for p in problems] == ["invalid YAML: YAML anchors (&name) are not allowed in fact files"]
