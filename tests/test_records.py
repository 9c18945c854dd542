"""The fact-record schema: YAML round trip, validation messages and evidence offsets."""

from __future__ import annotations

import re

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet import records
from factsheet.errors import RecordError
from factsheet.records import (
    ArticleInfo, Entity, Evidence, Fact, FactRecord, dump_record, load_record, load_yaml, record_from_dict,
    validate, write_record,
)
from factsheet.render import read_source
from helpers import REPO

FACT_FILES = sorted((REPO / "content" / "facts").glob("*.yaml"))
SEED_FACTS = REPO / "content" / "facts" / "un-chief-russia-first.yaml"


def problems_of(text, path="facts.yaml", article_text=None):
    data, positions = load_yaml(text, path)
    return [str(p) for p in validate(data, positions, path, article_text)]


# -- round trip ------------------------------------------------------------------

@pytest.mark.parametrize("path", FACT_FILES, ids=lambda p: p.stem[:40])
def test_committed_fact_files_round_trip(path):
    text = path.read_text(encoding="utf-8")
    record, warnings = load_record(path)
    assert warnings == []
    # writing what was read changes nothing but the comments people added by hand
    # (re-extraction keeps those: see test_editing.py)
    header_end = text.index("schema:")
    hand_comments = re.compile(r"^\s*#.*\n", re.M)
    assert dump_record(record) == text[:header_end] + hand_comments.sub("", text[header_end:])
    data, positions = load_yaml(dump_record(record))
    assert record_from_dict(data) == record


def test_write_then_load_gives_an_equal_record(tmp_path):
    record, _ = load_record(SEED_FACTS)
    target = tmp_path / "copy.yaml"
    write_record(record, target)
    again, _ = load_record(target)
    assert again == record


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(str.strip)  # a blank text is an error
_NAME = _TEXT.filter(str.strip)  # a name needs a visible character
_NUMBER = st.one_of(st.none(), st.integers(-10**15, 10**15), st.floats(allow_nan=False))


@st.composite
def fact_records(draw):
    names = draw(st.lists(_NAME, min_size=1, max_size=3))
    entities = [Entity(id=f"e{i}", name=name, kind=draw(st.sampled_from(records.ENTITY_KINDS)),
                       aliases=draw(st.lists(_TEXT, max_size=2)), roles=draw(st.lists(_TEXT, max_size=2)))
                for i, name in enumerate(names)]
    facts = []
    for i in range(draw(st.integers(0, 3))):
        text = draw(_NAME)  # `text` is required: blank text is an error
        sentence = draw(st.text(max_size=10)) + text + draw(st.text(max_size=10))
        start = draw(st.integers(0, 10_000))
        date = draw(st.one_of(st.none(), st.dates(dt.date(1000, 1, 1)).map(dt.date.isoformat)))
        facts.append(Fact(id=f"f{i}", kind=draw(st.sampled_from(records.FACT_KINDS)), text=text,
                          status=draw(st.sampled_from(records.STATUSES)), speaker=draw(st.sampled_from(
                              [None] + [e.id for e in entities])), about=[entities[0].id], date=date,
                          number=draw(_NUMBER), counts=draw(st.one_of(st.none(), _TEXT)),
                          evidence=Evidence(sentence, start, start + len(sentence))))
    info = ArticleInfo(slug="article", title=draw(_NAME), source="content/articles/article.txt", sha256="0" * 64,
                       publisher=draw(st.one_of(st.none(), _TEXT)), copyright=draw(st.one_of(st.none(), _TEXT)))
    return FactRecord(article=info, entities=entities, facts=facts)


@settings(max_examples=150, deadline=None)
@given(fact_records())
def test_any_record_survives_dump_and_load(record):
    text = dump_record(record)
    data, positions = load_yaml(text, "generated.yaml")
    assert [str(p) for p in validate(data, positions, "generated.yaml")] == []
    assert record_from_dict(data) == record


@pytest.mark.parametrize("value", ["NO", "Yes", "off", "10:30", "null", "12", "2022-04-25", "a\x85b", "~"])
def test_text_that_looks_like_another_type_stays_text(value):
    record = FactRecord(article=ArticleInfo(slug="a", title=value, source="a.txt", sha256="0"),
                        entities=[Entity(id="norway", name="Norway", kind="place", aliases=[value])])
    data, _ = load_yaml(dump_record(record))
    assert data["article"]["title"] == value
    assert data["entities"][0]["aliases"] == [value]


@pytest.mark.parametrize("number", [5200000, 2.5, 1e-05, 1.5e20, -0.001])
def test_figure_numbers_stay_numbers(number):
    fact = Fact(id="figure-1", kind="figure", text="x", number=number, evidence=Evidence("x", 0, 1))
    record = FactRecord(article=ArticleInfo(slug="a", title="A", source="a.txt", sha256="0"), facts=[fact])
    data, _ = load_yaml(dump_record(record))
    assert data["facts"][0]["number"] == number
    assert type(data["facts"][0]["number"]) is type(number)


# -- YAML written for people -----------------------------------------------------

def test_fact_files_are_block_style_utf8_with_a_header():
    text = SEED_FACTS.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# factsheet fact record (schema 1)")
    assert "Fields: docs/schema.md" in lines[4]
    assert lines[5] == "schema: 1"
    assert "  name: António Guterres" in text  # not "\xF3"
    assert "{" not in text
    # a sentence is never folded across lines
    assert "      sentence: “Yes, he is visiting both,” Haq said in a statement." in lines


def test_keys_are_written_in_schema_order():
    record, _ = load_record(SEED_FACTS)
    data, _ = load_yaml(dump_record(record))
    assert list(data) == list(records.TOP_KEYS)
    assert list(data["article"]) == [k for k in records.ARTICLE_KEYS if k in data["article"]]
    for fact in data["facts"]:
        assert list(fact) == [k for k in records.FACT_KEYS if k in fact]
        assert list(fact["evidence"]) == list(records.EVIDENCE_KEYS)


def test_kind_specific_fields_are_always_written():
    record = FactRecord(article=ArticleInfo(slug="a", title="A", source="a.txt", sha256="0"), facts=[
        Fact(id="q", kind="quote", text="Hi"), Fact(id="f", kind="figure", text="thousands"),
        Fact(id="e", kind="event", text="It happened.")])
    data, _ = load_yaml(dump_record(record))
    quote, figure, event = data["facts"]
    assert "speaker" in quote and quote["speaker"] is None
    assert figure["number"] is None and figure["counts"] is None
    assert "date" in event and event["date"] is None
    assert quote["status"] == "draft" and quote["origin"] == "extracted"


# -- validation: every problem as FILE:LINE:COL: message (hint) ------------------

GOOD = """\
schema: 1
article:
  slug: a
  title: A
  source: a.txt
  sha256: '00'
entities:
  - id: farhan-haq
    name: Farhan Haq
    kind: person
facts:
  - id: quote-1
    kind: quote
    text: Yes, he is visiting both,
    speaker: farhan-haq
    evidence:
      sentence: “Yes, he is visiting both,” Haq said.
      start: 6
      end: 43
"""
ARTICLE = "Title\n“Yes, he is visiting both,” Haq said.\n"


def test_good_file_has_no_problems():
    assert ARTICLE[6:43] == "“Yes, he is visiting both,” Haq said."
    assert problems_of(GOOD, article_text=ARTICLE) == []


def test_every_problem_is_reported_with_its_position():
    bad = (GOOD.replace("kind: person", "kind: persn").replace("    speaker:", "    spekaer:")
           .replace("kind: quote", "kind: quote\n    status: done"))
    assert problems_of(bad) == [
        "facts.yaml:10:11: unknown entity kind 'persn' (use one of: person, organization, place, other)",
        "facts.yaml:16:5: unknown key `spekaer` in fact (did you mean `speaker`?)",
        "facts.yaml:14:13: unknown status 'done' (use one of: draft, reviewed, rejected)",
    ]


def test_missing_required_keys_and_dangling_references():
    bad = GOOD.replace("  title: A\n", "").replace("speaker: farhan-haq", "speaker: farhan-hag")
    assert problems_of(bad) == [
        "facts.yaml:3:3: article is missing `title` (add `title:`)",
        "facts.yaml:14:14: speaker `farhan-hag` names no entity (did you mean `farhan-haq`?)",
    ]


def test_duplicate_ids_and_bad_dates():
    fact = GOOD[GOOD.index("  - id: quote-1"):]
    bad = GOOD + fact.replace("    kind: quote\n", "    kind: event\n    date: 2022-02-30\n")
    assert problems_of(bad) == [
        "facts.yaml:20:9: duplicate fact id `quote-1` (give the copy a new id, e.g. add -2)",
        "facts.yaml:22:11: date '2022-02-30' is not an ISO date (write YYYY-MM-DD, YYYY-MM or YYYY)",
    ]


def test_evidence_that_no_longer_slices_the_article_says_where_it_moved():
    moved = "Changed title\n" + ARTICLE[6:]
    assert problems_of(GOOD, article_text=moved) == [
        "facts.yaml:18:14: evidence offsets 6-43 no longer slice the article to the quoted sentence "
        "(the sentence is now at start: 14, end: 51)"]
    assert problems_of(GOOD, article_text="Rewritten.") == [
        "facts.yaml:18:14: evidence offsets 6-43 no longer slice the article to the quoted sentence "
        "(the article changed; re-run `factsheet extract --force` or fix the evidence by hand)"]


def test_quote_text_must_be_in_its_evidence_unless_reviewed():
    edited = GOOD.replace("text: Yes, he is visiting both,", "text: He is visiting both countries.")
    assert problems_of(edited) == [
        "facts.yaml:14:11: fact text does not appear in its evidence sentence "
        "(fix the text, or mark the fact `status: reviewed` to keep your wording)"]
    reviewed = edited.replace("kind: quote", "kind: quote\n    status: reviewed")
    assert problems_of(reviewed) == [
        "facts.yaml:15:11: warning: fact text does not appear in its evidence sentence "
        "(fix the text, or mark the fact `status: reviewed` to keep your wording)"]


def test_manual_facts_need_no_evidence_but_extracted_ones_do():
    start = GOOD.index("    evidence:")
    without = GOOD[:start]
    assert problems_of(without) == [
        "facts.yaml:12:5: an extracted fact is missing `evidence` (add evidence, or set `origin: manual`)"]
    assert problems_of(without.replace("kind: quote", "kind: quote\n    origin: manual")) == []


def test_load_record_raises_with_every_problem(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace("kind: person", "kind: persn").replace("kind: quote", "kind: qoute"),
                    encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        load_record(path)
    assert str(caught.value) == (f"{path}:10:11: unknown entity kind 'persn' "
                                 "(use one of: person, organization, place, other) (and 1 more)")
    assert [p.line for p in caught.value.problems] == [10, 13]


@pytest.mark.parametrize("text, expected", [
    ("schema: 1\narticle: [\n", "facts.yaml:3:1: invalid YAML: expected the node content, but found '<stream end>'"),
    ("a: &x 1\nb: *x\n", "facts.yaml:1:4: invalid YAML: YAML anchors (&name) are not allowed in fact files"),
    ("a: !!python/object/apply:os.system [echo]\n",
     "facts.yaml:1:4: invalid YAML: YAML tags that build objects are not allowed"),
    ("a: !!python/object:os.system {x: 1}\n",
     "facts.yaml:1:4: invalid YAML: YAML tags that build objects are not allowed"),
    ("a: !!python/name:os.system ''\n",
     "facts.yaml:1:4: invalid YAML: YAML tags that build objects are not allowed"),
    # libyaml would read past the tab; ruamel, which rewrites the file on re-extraction, would not
    ("a: 1\nstatus: draft\t\n", "facts.yaml:2:14: invalid YAML: found character '\\t' that cannot start any token"),
])
def test_unsafe_or_broken_yaml_is_refused_with_a_position(text, expected):
    with pytest.raises(RecordError) as caught:
        load_yaml(text, "facts.yaml")
    assert str(caught.value).startswith(expected)


@pytest.mark.parametrize("path", FACT_FILES[:6], ids=lambda p: p.stem[:40])
def test_libyaml_and_the_checked_loader_read_a_fact_file_alike(path):
    """load_yaml hands plain fact files to libyaml for speed; data and every position must not change."""
    text = path.read_text(encoding="utf-8")
    assert records._libyaml_may_read(text)
    fast_data, fast_positions = load_yaml(text)
    data, positions = records._load_checked(text, path.name)
    assert fast_data == data
    assert (fast_positions._values, fast_positions._keys) == (positions._values, positions._keys)


_YAML_NOISE = st.sampled_from(list(":-[]{}#&*!|>'\"%@`,? \n\t\r\x85\u2028\ufeff\x07") + ["- ", ": ", "\n  ", "---\n"])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.floats(0, 1), _YAML_NOISE), min_size=1, max_size=3))
def test_what_libyaml_accepts_the_checked_loader_reads_the_same(edits):
    """Damage a fact file anywhere: libyaml must never accept a text the checked loader refuses or reads otherwise."""
    text = SEED_FACTS.read_text(encoding="utf-8")[:4000]
    for where, noise in edits:
        at = int(where * len(text))
        text = text[:at] + noise + text[at:]
    if not records._libyaml_may_read(text):
        return  # load_yaml never gives this text to libyaml
    try:
        data, positions = records._load_fast(text)
    except (yaml.YAMLError, records._NeedsCheckedLoader):
        return  # the checked loader reads it and reports the problem
    checked_data, checked_positions = records._load_checked(text, "facts.yaml")
    assert data == checked_data
    assert (positions._values, positions._keys) == (checked_positions._values, checked_positions._keys)


@pytest.mark.parametrize("text", [
    "a: 1\nstatus: draft\t\n",  # libyaml reads past the tab; PyYAML and ruamel refuse it
    "a: 1\n\ufeff\nb: 2\n",  # libyaml skips a byte order mark between lines; PyYAML refuses it
    "a: {b: \ufeffc, d: e}\n",  # libyaml counts no column for it
])
def test_load_yaml_reads_what_libyaml_would_read_otherwise_as_the_checked_loader_does(text):
    try:
        expected = records._load_checked(text, "facts.yaml")
    except RecordError as exc:
        with pytest.raises(RecordError, match=re.escape(str(exc))):
            load_yaml(text, "facts.yaml")
        return
    data, positions = load_yaml(text, "facts.yaml")
    assert data == expected[0] and positions._values == expected[1]._values


def test_an_alias_is_refused_even_when_libyaml_resolves_it():
    """libyaml makes an alias the very node it names; the walk meets that node twice and gives up."""
    with pytest.raises(records._NeedsCheckedLoader):
        records._load_fast("a: &x [1, 2]\nb: *x\n")
    # load_yaml never hands a file with an anchor to libyaml, and the checked loader names the problem
    with pytest.raises(RecordError, match="YAML anchors"):
        load_yaml("a:\n  &x [1, 2]\nb: *x\n", "facts.yaml")


def test_a_duplicate_key_is_reported_with_the_other_problems():
    """PyYAML would keep the last of two `status:` lines without a word; it is a problem like any other."""
    text = GOOD.replace("    kind: quote\n", "    kind: quote\n    kind: qoute\n").replace("kind: person", "kind: persn")
    assert problems_of(text) == [
        "facts.yaml:14:5: invalid YAML: duplicate key `kind` (keep one of the two lines)",
        "facts.yaml:10:11: unknown entity kind 'persn' (use one of: person, organization, place, other)",
    ]


# -- evidence slices ---------------------------------------------------------------

@pytest.mark.parametrize("path", FACT_FILES, ids=lambda p: p.stem[:40])
def test_evidence_slices_the_article_to_its_sentence(path):
    article = read_source(path, REPO)
    assert article is not None, "the article of a committed fact file is in content/articles"
    record, warnings = load_record(path, article_text=article.text)
    assert warnings == []
    assert record.facts
    for fact in record.facts:
        ev = fact.evidence
        assert article.text[ev.start:ev.end] == ev.sentence
        # evidence lies inside one body paragraph or the headline, never in the footer
        headline = article.text.find(article.title)
        in_headline = headline >= 0 and headline <= ev.start and ev.end <= headline + len(article.title)
        assert in_headline or any(s <= ev.start and ev.end <= e for s, e in article.paragraphs), fact.id
