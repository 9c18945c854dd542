"""Property-based tests (issue 7): arbitrary input never crashes the reader, extraction or the schema.

Hypothesis draws the inputs; examples stay small and few (spaCy is loaded
once for the session) so the suite stays fast.  What must hold for any input:

- the article reader returns an :class:`Article` whose offsets are sound, or
  refuses the file with a one-line :class:`ArticleError`, nothing else;
- extraction never crashes, and the fact file it writes loads back identical
  and passes ``factsheet check``;
- checking a fact file, however mangled, gives problems, never an exception;
- the helpers hostile input leans on (slugs, the mention index) keep their promises.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factsheet.articles import MAX_PARAGRAPH_CHARS, read_article
from factsheet.check import check_file
from factsheet.errors import ArticleError, RecordError
from factsheet.extract import extract
from factsheet.extract.batch import write_result
from factsheet.paths import assign_slug, slugify
from factsheet.records import load_record, load_yaml, validate

from helpers import REPO

SAFE_SLUG = re.compile(r"^[^\W_](?:[\w-]*[^\W_])?$")
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: extraction runs spaCy: few examples
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])


# -- the article reader ---------------------------------------------------------------------------

_BYTES = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.text(max_size=100).map(lambda t: t.encode("utf-16")),
    st.text(alphabet=st.characters(max_codepoint=255), max_size=200).map(lambda t: t.encode("latin-1")),
    st.lists(st.sampled_from(["---\n", "title: x\n", "date: 2020-02-30\n", "a: [\n", "Title\n", "\n", "\r\n",
                              "“", "\"", "<p>", "</p>", "&amp;", "# h\n", "- item\n", "\x00", "\ufeff", "word "]),
             max_size=30).map(lambda parts: "".join(parts).encode("utf-8")),
)


@FAST
@given(raw=_BYTES, suffix=st.sampled_from([".txt", ".md", "-"]))
def test_any_bytes_give_an_article_with_sound_offsets_or_one_clear_error(raw, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path("-") if suffix == "-" else Path(folder) / f"article{suffix}"
        if suffix != "-":
            path.write_bytes(raw)
        try:
            article = read_article(path, raw=raw if suffix == "-" else None)
        except ArticleError as exc:
            message = str(exc)
            assert message.startswith(f"{path}") and "\n" not in message and message.endswith(")")
            return
    text = article.text
    assert text.strip() and "\r" not in text
    assert isinstance(article.title, str) and SAFE_SLUG.match(article.slug)
    previous_end = -1
    for start, end in article.paragraphs:
        assert previous_end < start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and len(piece) <= MAX_PARAGRAPH_CHARS
        previous_end = end


# -- extraction and the fact files it writes ------------------------------------------------------

_WORDS = st.sampled_from([
    "Jane Doe", "John Smith", "the mayor", "Acme Corp", "the United Nations", "UN", "Paris", "Ukraine", "said",
    "told reporters", "on Monday", "in a statement", "$5 million", "12%", "5,200,000", "May 5, 2020", "1999",
    "“", "”", "‘", "’", "\"", "'", "«", "»", ",", ".", ";", ":", "!", "?", "(", ")", "—", "-", "...", "\n",
    "\n\n", "\r\n", "\t", "  ", "NO", "yes", "null", "~", "#", "- ", "* ", "<script>alert(1)</script>",
    "{{ 7*7 }}", "&amp;", "\\", "\x0b", "\u2028", "\u00a0", "café", "Путин", "北京", "🙂", "Dr.", "Mr", "Inc.",
])
_MARK = st.sampled_from(["“", "”", "\"", "‘", "’", "'", "«", "»", ""])
#: a sentence shaped like news ("“We will rebuild,” Jane Doe said on Monday."), its marks any mix
_SENTENCE = st.builds(lambda o, words, c, who, verb, more: f"{o}{' '.join(words)},{c} {who} {verb} {more}.",
                      _MARK, st.lists(st.one_of(_WORDS, st.text(max_size=6)), min_size=1, max_size=8), _MARK,
                      st.sampled_from(["Jane Doe", "the mayor", "Acme Corp", "Doe", "she", "Dr. John Smith"]),
                      st.sampled_from(["said", "told reporters", "wrote", "added"]),
                      st.sampled_from(["on Monday", "in Paris", "about $5 million", ""]))
_ARTICLE_TEXT = st.lists(st.one_of(_SENTENCE, _WORDS, st.text(max_size=8)), min_size=1, max_size=30).map(" ".join)


@SLOW
@given(title=st.text(max_size=30), body=_ARTICLE_TEXT, markdown=st.booleans())
def test_extraction_never_crashes_and_what_it_writes_loads_back_and_checks(nlp, title, body, markdown):
    assume(title.strip() or body.strip())
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content" / "articles").mkdir(parents=True)
        if markdown:
            path = root / "content" / "articles" / "article.md"
            front = "---\ntitle: " + '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"\n---\n\n'
            path.write_text(front + body, encoding="utf-8")
        else:
            path = root / "content" / "articles" / "article.txt"
            path.write_text(f"{title}\n{body}", encoding="utf-8")
        try:
            article = read_article(path, root)
        except ArticleError as exc:  # e.g. an empty article, or a title that is no valid YAML
            assert "\n" not in str(exc)
            return
        record = extract(article, nlp=nlp)
        for fact in record.facts:
            assert article.text[fact.evidence.start:fact.evidence.end] == fact.evidence.sentence
        target, changed, _ = write_result(record, root / "content" / "facts", project_root=root)
        assert changed and target.is_file()
        errors = [str(p) for p in check_file(target, root) if p.severity == "error"]
        assert errors == []
        loaded, _ = load_record(target, article_text=article.text)
        assert loaded == record


# -- the schema ----------------------------------------------------------------------------------

GOOD_FILE = (REPO / "content" / "facts" / "un-chief-russia-first.yaml").read_text(encoding="utf-8")
GOOD_LINES = GOOD_FILE.splitlines(keepends=True)[:80]  # the header, article, entities and the first facts


@st.composite
def mangled_fact_files(draw):
    lines = list(GOOD_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "indent", "cut"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t", ""])) + lines[i].lstrip(" ")
        elif action == "cut":
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + "\n"
        else:
            junk = draw(st.one_of(st.text(max_size=20), st.sampled_from([
                "&a ", "*a", "!!python/object:os.system ", "[", "{", "'", "\"", ": ", "- ", "? ", "|", ">",
                "null", "~", "2022-02-30", "1e999", "0x1F", "yes", "\x00", "\ufeff", "#", "<<: *a"])))
            if action == "insert":
                lines.insert(i, junk + "\n")
            else:
                j = draw(st.integers(0, len(lines[i])))
                lines[i] = lines[i][:j] + junk + lines[i][j:]
    return "".join(lines)


@FAST
@given(text=mangled_fact_files())
def test_a_mangled_fact_file_gives_problems_never_an_exception(text):
    try:
        data, positions = load_yaml(text, "f.yaml")
    except RecordError as exc:
        assert exc.problems and all(re.match(r"f\.yaml:\d+:\d+: ", str(p)) for p in exc.problems)
        return
    for problem in validate(data, positions, "f.yaml", article_text="x" * 5000):
        assert re.match(r"f\.yaml:\d+:\d+: ", str(problem)) and "\n" not in str(problem)


# -- slugs and the mention index --------------------------------------------------------------------

@FAST
@given(names=st.lists(st.text(max_size=40), min_size=1, max_size=8), existing=st.integers(0, 3))
def test_slugs_are_safe_unique_and_an_article_keeps_its_own(names, existing):
    bases = [slugify(name, fallback="article") for name in names]
    assert all(SAFE_SLUG.match(b) and len(b) <= 80 and len(b.encode("utf-8")) <= 120 for b in bases)
    # the first `existing` articles already have fact files; the others belong to nobody here
    owners = {}
    taken = set()
    for i, base in enumerate(bases[:existing]):
        owners[i] = assign_slug(base, taken)
    # a later run sees them in reverse order, with the newcomers first: every article keeps its file
    taken = set()
    occupied = set(owners.values())
    given_now = {}
    for i in reversed(range(len(bases))):
        own = [owners[i]] if i in owners else []
        given_now[i] = assign_slug(bases[i], taken, own, occupied - set(own))
    assert len(set(given_now.values())) == len(bases)
    assert all(given_now[i] == slug for i, slug in owners.items())
    assert all(s == bases[i] or re.fullmatch(re.escape(bases[i]) + r"-\d+", s) for i, s in given_now.items())


@FAST
@given(spans=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=12), offset=st.integers(-1, 70))
def test_the_mention_index_finds_what_a_scan_finds(spans, offset):
    from factsheet.extract.entities import EntityIndex, Mention

    # sorted by start as find_entities leaves them; they may overlap or nest
    mentions = sorted((Mention(start, start + length, "x" * length, "person") for start, length in spans),
                      key=lambda m: m.start)
    index = EntityIndex(clusters=[], mentions=mentions)
    expected = next((m for m in mentions if m.start <= offset < m.end), None)
    assert index.mention_at(offset) is expected
    # a list changed after the first look-up is looked up afresh
    index.mentions.append(Mention(offset, offset + 1, "y", "place"))
    expected = next((m for m in index.mentions if m.start <= offset < m.end), None)
    assert index.mention_at(offset) is expected


def test_a_quote_continued_over_a_line_break_checks_clean(nlp):
    # found by the property test above: the reopening mark is not part of the quote's text
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content" / "articles").mkdir(parents=True)
        path = root / "content" / "articles" / "article.txt"
        path.write_text('0\n“Jane Doe Jane Doe \n ",” Jane Doe said on Monday.', encoding="utf-8")
        article = read_article(path, root)
        record = extract(article, nlp=nlp)
        assert [f.text for f in record.facts if f.kind == "quote"]
        target, _, _ = write_result(record, root / "content" / "facts", project_root=root)
        assert [str(p) for p in check_file(target, root) if p.severity == "error"] == []
