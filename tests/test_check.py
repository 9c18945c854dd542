"""`factsheet check`: every problem in every file at once, each at its exact line and column.

The fact files here are written by hand, as a person would, next to the real
seed article.  Expected positions are computed from the file text itself (the
line and column of the token at fault), independently of the YAML parser
that factsheet uses, so a test fails if a problem points anywhere else.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.articles import read_article
from factsheet.cli import cli

REPO = Path(__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parent / "data" / "un-chief-russia-first.txt"
FACTS = "content/facts/un-chief-russia-first.yaml"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def at(text, needle, nth=1, offset=0):
    """``line:col`` (1-based) of the ``nth`` occurrence of ``needle`` in ``text``, plus ``offset`` characters."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    index += offset
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{col}"


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "facts").mkdir()
    shutil.copy(SEED, root / "content" / "articles" / SEED.name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def seed_sentences():
    """The seed article's text and a few of its sentences with their offsets."""
    article = read_article(SEED)
    text = article.text
    out = {}
    for name, sentence in (("yes", "“Yes, he is visiting both,” Haq said in a statement."),
                           ("significance", "“There is no significance in which country is visited first.”"),
                           ("refugees", "Russia’s invasion of Ukraine, which began on Feb. 24, has killed thousands on "
                                        "both sides and led about 5.2 million refugees to flee the country due to "
                                        "ongoing fighting.")):
        start = text.index(sentence)
        out[name] = (sentence, start, start + len(sentence))
    return article, out


def valid_file(article, s):
    """A small, correct fact file about the seed article, as a person might write it."""
    yes, start, end = s["yes"]
    return f"""\
# Checked by hand against the article.
schema: 1
article:
  slug: un-chief-russia-first
  title: No significance to UN chief’s stop in Russia first, spokesman says
  source: content/articles/un-chief-russia-first.txt
  sha256: '{article.sha256}'
  publisher: Nexstar Media Inc.
  published: '2022-04-25'
  copyright: Copyright 2024 Nexstar Media Inc.
  license: All rights reserved
entities:
  - id: farhan-haq
    name: Farhan Haq
    kind: person
    aliases: [Haq]
facts:
  - id: quote-yes
    kind: quote
    status: reviewed
    text: Yes, he is visiting both,
    speaker: farhan-haq
    evidence:
      sentence: {yes}
      start: {start}
      end: {end}
  - id: manual-trip
    kind: event
    origin: manual
    text: Guterres visits Moscow on April 26.
"""


def test_a_valid_hand_written_file_passes(project):
    article, s = seed_sentences()
    (project / FACTS).write_text(valid_file(article, s), encoding="utf-8")
    result = invoke("-C", project, "check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "ok: 0 warning(s)\n")


def broken_file(article, s):
    yes, y0, y1 = s["yes"]
    sig, s0, s1 = s["significance"]
    ref, r0, r1 = s["refugees"]
    return f"""\
schema: 1
article:
  slug: un-chief-russia-first
  source: content/articles/un-chief-russia-first.txt
  sha256: '{article.sha256}'
  published: 25/04/2022
  license: All rights reserved
entities:
  - id: farhan-haq
    name: Farhan Haq
    kind: persn
  - id: antonio-guterres
    name: António Guterres
    kind: person
  - id: antonio-guterres
    name: Guterres
    kind: person
facts:
  - id: quote-yes
    kind: quote
    status: draft
    text: Yes, he is visiting both,
    speakr: farhan-haq
    evidence:
      sentence: {yes}
      start: {y0 + 1}
      end: {y1}
  - id: quote-yes
    kind: quotation
    status: approved
    text: There is no significance in which country is visited first.
    speaker: farhan-hag
    about: [antonio-guterres, ukraine]
    evidence:
      sentence: {sig}
      start: {s0}
      end: {s1}
  - id: event-invasion
    kind: event
    status: draft
    status: reviewed
    text: {ref}
    date: 24 February 2022
    evidence:
      sentence: {ref}
      start: {r0}
      end: {r1}
  - id: event-impossible
    kind: event
    origin: manual
    text: The invasion began.
    date: 2022-02-30
  - id: figure-refugees
    kind: figure
    text: about 5.2 million refugees
    number: five million
    evidence:
      sentence: {ref}
      start: {r0}
      end: {r1}
  - id: statement-no-evidence
    kind: statement
    text: Haq spoke to reporters.
  - kind: statement
    origin: manual
    text:
  - id: quote-typo-fixed
    kind: quote
    status: reviewed
    text: Yes, he is visting both.
    speaker: farhan-haq
    evidence:
      sentence: {yes}
      start: {y0}
      end: {y1}
  - id: quote-draft-edited
    kind: quote
    text: Yes, he visits both.
    speaker: farhan-haq
    evidence:
      sentence: {yes}
      start: {y0}
      end: {y1}
fatcs: []
"""


def test_every_kind_of_error_in_one_file_with_its_line_and_column(project):
    article, s = seed_sentences()
    text = broken_file(article, s)
    (project / FACTS).write_text(text, encoding="utf-8")
    y0 = s["yes"][1]
    result = invoke("-C", project, "check")
    assert result.exit_code == 1
    f = FACTS
    assert result.stdout.splitlines() == [
        f"{f}:{at(text, '  slug:', offset=2)}: article is missing `title` (add `title:`)",
        f"{f}:{at(text, '25/04/2022')}: `published` is not an ISO date: '25/04/2022' (write YYYY-MM-DD, or null)",
        f"{f}:{at(text, 'persn')}: unknown entity kind 'persn' (use one of: person, organization, place, other)",
        f"{f}:{at(text, 'antonio-guterres', nth=2)}: duplicate entity id `antonio-guterres` "
        "(give each entity its own id, or merge the two into one entry)",
        f"{f}:{at(text, 'speakr:')}: unknown key `speakr` in fact (did you mean `speaker`?)",
        f"{f}:{at(text, f'start: {y0 + 1}', offset=7)}: evidence offsets {y0 + 1}-{s['yes'][2]} no longer slice the "
        f"article to the quoted sentence (the sentence is now at start: {y0}, end: {s['yes'][2]})",
        f"{f}:{at(text, 'quote-yes', nth=2)}: duplicate fact id `quote-yes` (give the copy a new id, e.g. add -2)",
        f"{f}:{at(text, 'quotation')}: unknown fact kind 'quotation' (use one of: quote, figure, event, statement)",
        f"{f}:{at(text, 'approved')}: unknown status 'approved' (use one of: draft, reviewed, rejected)",
        f"{f}:{at(text, 'farhan-hag')}: speaker `farhan-hag` names no entity (did you mean `farhan-haq`?)",
        f"{f}:{at(text, 'ukraine]')}: `about` entry `ukraine` names no entity "
        "(use the id of an entity listed under `entities:` or in content/entities.yaml)",
        f"{f}:{at(text, 'status: reviewed')}: invalid YAML: duplicate key `status` (keep one of the two lines)",
        f"{f}:{at(text, '24 February 2022')}: date '24 February 2022' is not an ISO date "
        "(write YYYY-MM-DD, YYYY-MM or YYYY)",
        f"{f}:{at(text, '2022-02-30')}: date '2022-02-30' is not an ISO date (write YYYY-MM-DD, YYYY-MM or YYYY)",
        f"{f}:{at(text, 'five million')}: `number` must be a number or null, not 'five million' "
        "(write digits only, e.g. 5200000)",
        f"{f}:{at(text, 'id: statement-no-evidence')}: an extracted fact is missing `evidence` "
        "(add evidence, or set `origin: manual`)",
        f"{f}:{at(text, 'kind: statement', nth=2)}: fact is missing `id` (add `id:`)",
        f"{f}:{at(text, '    text:' + chr(10), offset=4)}: `text` of fact is empty (write a value after `text:`)",
        f"{f}:{at(text, 'Yes, he is visting')}: warning: fact text does not appear in its evidence sentence "
        "(fix the text, or mark the fact `status: reviewed` to keep your wording)",
        f"{f}:{at(text, 'Yes, he visits')}: fact text does not appear in its evidence sentence "
        "(fix the text, or mark the fact `status: reviewed` to keep your wording)",
        f"{f}:{at(text, 'fatcs:')}: unknown key `fatcs` at the top of the file (did you mean `facts`?)",
    ]
    assert result.stderr == "Error: 20 error(s), 1 warning(s)\n"


def test_the_positions_are_the_tokens_at_fault():
    """The helper that computes expected positions, checked on lines whose numbers are plain to see."""
    text = "schema: 1\narticle:\n  slug: a\n  title: [x\n"
    assert at(text, "slug") == "3:3"
    assert at(text, "[") == "4:10"
    assert at(text, "a", nth=2) == "2:1"


@pytest.mark.parametrize("name, text, needle, message", [
    ("tab.yaml", "schema: 1\narticle:\n\tslug: a\n", "\tslug",
     "invalid YAML: found character '\\t' that cannot start any token (indent with spaces, not tabs)"),
    ("unclosed.yaml", "schema: 1\narticle:\n  slug: a\n  title: 'Guterres trip\nentities: []\n", "'Guterres",
     "invalid YAML: while scanning a quoted scalar, found unexpected end of stream "
     "(close the quote; inside '...' write a ' as '')"),
    ("apostrophe.yaml", "schema: 1\narticle:\n  title: 'Guterres's trip'\n  slug: a\n", "s trip",
     "invalid YAML: expected <block end>, but found '<scalar>' "
     "(the quoted text ended early: inside '...' write a ' as '', or quote the text with \"...\")"),
    ("runaway.yaml", "schema: 1\narticle:\n  title: 'unclosed\n  slug: a\n  published: '2022-04-25'\n", "'unclosed",
     "invalid YAML: this quote is never closed on its line (YAML stopped at line 5: expected <block end>, "
     "but found '<scalar>') (close the quote; inside '...' write a ' as '')"),
    ("colon.yaml", "schema: 1\nfacts:\n  - id: a\n    text: Haq: he is visiting both\n", ": he",
     "invalid YAML: mapping values are not allowed here (a text containing ': ' must be quoted)"),
    ("bracket.yaml", "schema: 1\nfacts:\n  - id: a\n    about: [russia, ukraine\n    kind: quote\n", "[russia",
     "invalid YAML: while parsing a flow sequence, expected ',' or ']', but got ':' "
     "(close the bracket; a text containing ',', '[' or '{' needs quoting)"),
])
def test_yaml_syntax_errors_point_at_the_mistake(project, name, text, needle, message):
    (project / "content" / "facts" / name).write_text(text, encoding="utf-8")
    result = invoke("-C", project, "check")
    assert result.exit_code == 1
    assert result.stdout == f"content/facts/{name}:{at(text, needle)}: {message}\n"


def test_every_file_is_reported_in_one_run(project):
    article, s = seed_sentences()
    facts = project / "content" / "facts"
    (facts / "a-syntax.yaml").write_text("schema: 1\narticle:\n\tslug: a\n", encoding="utf-8")
    text = valid_file(article, s).replace("kind: person", "kind: persn")
    (project / FACTS).write_text(text, encoding="utf-8")
    (facts / "z-schema.yaml").write_text("schema: 2\n", encoding="utf-8")
    result = invoke("-C", project, "check")
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == [
        "content/facts/a-syntax.yaml:3:1", f"{FACTS}:{at(text, 'persn')}", "content/facts/z-schema.yaml:1:1",
        "content/facts/z-schema.yaml:1:9"]
    assert result.stderr == "Error: 4 error(s), 0 warning(s)\n"


def test_registry_errors_have_positions_too(project):
    article, s = seed_sentences()
    (project / FACTS).write_text(valid_file(article, s), encoding="utf-8")
    registry = """\
entities:
  - id: Antonio Guterres
    alias: [UN chief]
  - id: farhan-haq
    kind: human
    links: [wikipedia.org/wiki/Farhan_Haq]
    hidden: yes please
  - id: un-spokesman
    aliases: [Farhan Haq]
  - id: farhan-haq
"""
    (project / "content" / "entities.yaml").write_text(registry, encoding="utf-8")
    result = invoke("-C", project, "check")
    assert result.exit_code == 1
    r = "content/entities.yaml"
    assert result.stdout.splitlines() == [
        f"{r}:{at(registry, 'alias:')}: unknown key `alias` in registry entry (did you mean `aliases`?)",
        f"{r}:{at(registry, 'Antonio Guterres')}: registry id 'Antonio Guterres' is not a slug (use `antonio-guterres`)",
        f"{r}:{at(registry, 'human')}: unknown entity kind 'human' (use one of: person, organization, place, other)",
        f"{r}:{at(registry, 'wikipedia.org')}: link 'wikipedia.org/wiki/Farhan_Haq' is not an http(s) URL "
        "(links must start with https://)",
        f"{r}:{at(registry, 'yes please')}: `hidden` must be true or false (write `hidden: true`)",
        f"{r}:{at(registry, 'Farhan Haq]')}: the name 'Farhan Haq' already belongs to entry `farhan-haq` "
        "(keep each name in one entry; merge the entries if they are one entity)",
        f"{r}:{at(registry, 'farhan-haq', nth=2)}: duplicate registry id `farhan-haq` (merge the two entries into one)",
    ]


def test_a_registry_id_is_a_valid_speaker_in_any_file(project):
    article, s = seed_sentences()
    text = valid_file(article, s).replace("    text: Guterres visits Moscow on April 26.\n",
                                          "    text: Guterres visits Moscow on April 26.\n    about: [antonio-guterres]\n")
    (project / FACTS).write_text(text, encoding="utf-8")
    assert "names no entity" in invoke("-C", project, "check").stdout
    (project / "content" / "entities.yaml").write_text(
        "entities:\n  - id: antonio-guterres\n    name: António Guterres\n    kind: person\n", encoding="utf-8")
    result = invoke("-C", project, "check")
    assert (result.exit_code, result.stdout) == (0, "")


def test_warnings_pass_unless_strict(project):
    article, s = seed_sentences()
    text = valid_file(article, s).replace("text: Yes, he is visiting both,", "text: Yes, he is visiting both.")
    text = text.replace("    aliases: [Haq]\n", "    aliases: [Haq]\n  - id: antonio-guterres\n"
                                                "    name: António Guterres\n    kind: person\n")
    (project / FACTS).write_text(text, encoding="utf-8")
    expected = [
        f"{FACTS}:{at(text, 'antonio-guterres')}: warning: person `antonio-guterres` has no facts "
        "(add a fact about them, or remove the entity)",
        f"{FACTS}:{at(text, 'Yes, he is visiting both.')}: warning: fact text does not appear in its evidence "
        "sentence (fix the text, or mark the fact `status: reviewed` to keep your wording)",
    ]
    result = invoke("-C", project, "check")
    assert (result.exit_code, result.stdout.splitlines(), result.stderr) == (0, expected, "ok: 2 warning(s)\n")
    strict = invoke("-C", project, "check", "--strict")
    assert (strict.exit_code, strict.stdout.splitlines()) == (1, expected)
    assert strict.stderr == "Error: 0 error(s), 2 warning(s)\n"


def test_a_missing_license_or_article_is_a_warning_where_it_belongs(project):
    article, s = seed_sentences()
    text = valid_file(article, s).replace("  license: All rights reserved\n", "")
    text = text.replace("content/articles/un-chief-russia-first.txt", "content/articles/gone.txt")
    (project / FACTS).write_text(text, encoding="utf-8")
    result = invoke("-C", project, "check")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{FACTS}:{at(text, 'article:')}: warning: article `un-chief-russia-first` has no known license "
        "(set `license:` in the article's front matter, index.csv or with --license; until then the site "
        "quotes only excerpts of it)",
        f"{FACTS}:{at(text, 'content/articles/gone.txt')}: warning: article file `content/articles/gone.txt` not "
        "found; evidence offsets not checked (restore the article, or fix `source:`)",
    ]


def test_the_example_project_is_clean():
    result = invoke("-C", REPO, "check", "--strict")
    assert (result.exit_code, result.stdout) == (0, ""), result.stdout


# -- build and render refuse broken files ------------------------------------------------

def test_build_refuses_a_broken_file_and_names_it(project):
    article, s = seed_sentences()
    (project / FACTS).write_text(valid_file(article, s).replace("kind: person", "kind: persn"), encoding="utf-8")
    (project / "content" / "facts" / "notes.yaml").write_text("schema: 1\nfacts: [\n", encoding="utf-8")
    result = invoke("-C", project, "build", "-q", "-j", "1")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == (f"Error: 2 error(s) in content/facts/notes.yaml, {FACTS}; nothing was published "
                         "(run `factsheet check` for the list)")
    assert lines[:-1] == [line for line in invoke("-C", project, "check").stdout.splitlines()]
    assert not (project / "site").exists()
    assert not (project / "build" / "pages").exists()  # nothing rendered (build/ keeps only check results)


def test_build_refuses_a_broken_registry(project):
    article, s = seed_sentences()
    (project / FACTS).write_text(valid_file(article, s), encoding="utf-8")
    (project / "content" / "entities.yaml").write_text("entities:\n  - id: Farhan Haq\n", encoding="utf-8")
    result = invoke("-C", project, "build", "-q", "-j", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/entities.yaml:2:9: registry id 'Farhan Haq' is not a slug (use `farhan-haq`)",
        "Error: 1 error(s) in content/entities.yaml; nothing was published (run `factsheet check` for the list)"]


def test_build_publishes_with_warnings_and_strict_refuses(project):
    article, s = seed_sentences()
    text = valid_file(article, s).replace("text: Yes, he is visiting both,", "text: Yes, he is visiting both.")
    (project / FACTS).write_text(text, encoding="utf-8")
    warning = (f"{FACTS}:{at(text, 'Yes, he is visiting both.')}: warning: fact text does not appear in its "
               "evidence sentence (fix the text, or mark the fact `status: reviewed` to keep your wording)")
    strict = invoke("-C", project, "build", "-q", "--strict", "-j", "1")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines() == [warning, "Error: 1 warning(s) in the fact files (strict mode)"]
    assert not (project / "site").exists()
    result = invoke("-C", project, "build", "-q", "-j", "1")
    assert result.exit_code == 0, result.output
    assert (project / "site" / "people" / "farhan-haq" / "index.html").is_file()
    # the manual fact without evidence is published too
    article_page = (project / "build" / "pages" / "articles" / "un-chief-russia-first.md").read_text(encoding="utf-8")
    assert "Guterres visits Moscow on April 26" in article_page


def test_render_refuses_a_broken_file(project):
    article, s = seed_sentences()
    text = valid_file(article, s).replace("speaker: farhan-haq", "speaker: farhan-hag")
    (project / FACTS).write_text(text, encoding="utf-8")
    result = invoke("-C", project, "render")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{FACTS}:{at(text, 'farhan-hag')}: speaker `farhan-hag` names no entity (did you mean `farhan-haq`?)",
        f"Error: 1 error(s) in {FACTS}; nothing was rendered (run `factsheet check` for the list)"]
    assert not (project / "build").exists()


def test_files_that_are_not_fact_files_get_one_line_each(project):
    """Files that are valid YAML but not fact files: one line each, never a traceback."""
    facts = project / "content" / "facts"
    for name, text in {"list.yaml": "- a\n- b\n", "empty.yaml": "", "scalar.yaml": "just text\n",
                       "binary.yaml": None}.items():
        if text is None:
            (facts / name).write_bytes(b"\xff\xfe\x00bad")
        else:
            (facts / name).write_text(text, encoding="utf-8")
    result = invoke("-C", project, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/facts/binary.yaml:1:1: file is not UTF-8 text (save it as UTF-8)",
        "content/facts/empty.yaml:1:1: a fact file must be a mapping with schema, article, entities and facts "
        "(start from a file written by `factsheet extract`)",
        "content/facts/list.yaml:1:1: a fact file must be a mapping with schema, article, entities and facts "
        "(start from a file written by `factsheet extract`)",
        "content/facts/scalar.yaml:1:1: a fact file must be a mapping with schema, article, entities and facts "
        "(start from a file written by `factsheet extract`)",
    ]


def test_a_build_checks_again_only_what_changed_and_misses_no_change(project):
    # build keeps each file's problems in build/check-cache.json; a change to the fact file,
    # to its article or to the registry must still be seen
    from factsheet.check import check_project
    from factsheet.config import load_project

    article, s = seed_sentences()
    facts, source = project / FACTS, project / "content" / "articles" / SEED.name
    facts.write_text(valid_file(article, s), encoding="utf-8")
    settings, cache = load_project(project), project / "build" / "check-cache.json"
    clean = check_project(settings)
    assert check_project(settings, cache=cache) == clean and cache.is_file()
    assert check_project(settings, cache=cache) == clean  # from the cache
    # the article changes under the fact file: its evidence offsets no longer slice the sentence
    source.write_text("A new first line.\n\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    moved = check_project(settings)
    assert [p for p in moved if p.severity == "error"]
    assert check_project(settings, cache=cache) == moved
    # the fact file changes (the article back as it was)
    shutil.copy(SEED, source)
    facts.write_text(valid_file(article, s).replace("speaker: farhan-haq", "speaker: farhan-hag"), encoding="utf-8")
    typo = check_project(settings)
    assert any("farhan-hag" in p.message for p in typo)
    assert check_project(settings, cache=cache) == typo
    # the registry now knows the id: the same file becomes valid
    (project / "content" / "entities.yaml").write_text(
        "entities:\n  - id: farhan-hag\n    name: Farhan Hag\n    kind: person\n", encoding="utf-8")
    assert check_project(settings, cache=cache) == check_project(settings)
