"""The documentation matches the code: command help, docs/cli.md and docs/schema.md."""

from __future__ import annotations

import importlib.util
import re

import click
import pytest

from factsheet import records
from factsheet.cli import cli
from factsheet.records import ArticleInfo, Entity, Fact, FactRecord, load_yaml, record_to_dict, validate
from helpers import REPO, SEED

CLI_MD = REPO / "docs" / "cli.md"
SCHEMA_MD = REPO / "docs" / "schema.md"
COMMANDS = list(cli.commands)


def _cli_docs():
    spec = importlib.util.spec_from_file_location("cli_docs", REPO / "scripts" / "cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- commands: help and docs/cli.md ---------------------------------------------------

@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_and_option_has_help(name):
    command = cli.commands[name]
    assert command.help and command.help.strip(), f"`factsheet {name}` has no docstring"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"`factsheet {name} {param.opts[0]}` has no help text"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented(name):
    assert f"\n## factsheet {name}\n" in CLI_MD.read_text(encoding="utf-8")
    assert f"`factsheet {name}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_cli_md_holds_the_current_help():
    docs = _cli_docs()
    current = CLI_MD.read_text(encoding="utf-8")
    assert docs.update(current) == current, "docs/cli.md is out of date: run `python scripts/cli_docs.py`"


def test_cli_docs_script_regenerates_a_stale_page(tmp_path, monkeypatch):
    docs = _cli_docs()
    stale = CLI_MD.read_text(encoding="utf-8").replace("Show this message and exit.", "Old text.")
    page = tmp_path / "cli.md"
    page.write_text(stale, encoding="utf-8")
    monkeypatch.setattr(docs, "DOC", page)
    assert docs.main(["--check"]) == 1
    assert docs.main([]) == 0
    assert page.read_text(encoding="utf-8") == CLI_MD.read_text(encoding="utf-8")
    assert docs.main(["--check"]) == 0


def test_help_in_the_docs_does_not_depend_on_the_terminal(monkeypatch):
    docs = _cli_docs()
    monkeypatch.setenv("COLUMNS", "200")
    wide = docs.generated()
    monkeypatch.setenv("COLUMNS", "40")
    assert docs.generated() == wide


# -- docs/schema.md ----------------------------------------------------------------

def _schema_tables():
    """section -> [(field, type, required)] from the tables of docs/schema.md."""
    tables, section = {}, None
    for line in SCHEMA_MD.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^#{2,3} (.*)$", line)
        if heading:
            title = heading.group(1)
            section = title.strip("`") if title.startswith("`") else title
        elif line.startswith("| `") and section is not None:
            cells = [c.strip() for c in line.strip("|").split("|")]
            tables.setdefault(section, []).append((cells[0].strip("`"), cells[1], cells[2]))
    return tables


SCHEMA_SECTIONS = {
    "The file": (records.TOP_KEYS, records.TOP_KEYS),
    "article": (records.ARTICLE_KEYS, records.ARTICLE_REQUIRED),
    "entities": (records.ENTITY_KEYS, records.ENTITY_REQUIRED),
    "facts": (records.FACT_KEYS, records.FACT_REQUIRED),
    "evidence": (records.EVIDENCE_KEYS, records.EVIDENCE_KEYS),
}


def test_every_schema_key_appears_in_schema_md():
    text = SCHEMA_MD.read_text(encoding="utf-8")
    for keys in (records.TOP_KEYS, records.ARTICLE_KEYS, records.ENTITY_KEYS, records.FACT_KEYS,
                 records.EVIDENCE_KEYS):
        for key in keys:
            assert f"`{key}`" in text, key


@pytest.mark.parametrize("section", list(SCHEMA_SECTIONS))
def test_schema_tables_list_exactly_the_fields_in_file_order(section):
    keys, required = SCHEMA_SECTIONS[section]
    rows = _schema_tables()[section]
    assert [field for field, _, _ in rows] == list(keys)
    assert [field for field, _, req in rows if req == "yes"] == list(required)


@pytest.mark.parametrize("section, field, values", [
    ("entities", "kind", records.ENTITY_KINDS),
    ("facts", "kind", records.FACT_KINDS),
    ("facts", "status", records.STATUSES),
    ("facts", "origin", records.ORIGINS),
    ("facts", "precision", records.DATE_PRECISIONS),
])
def test_schema_md_gives_the_allowed_values(section, field, values):
    type_cell = next(t for f, t, _ in _schema_tables()[section] if f == field)
    assert tuple(re.findall(r"`([^`]+)`", type_cell)) == values


def _always_written(section, kind=None):
    out = []
    for field, _, required in _schema_tables()[section]:
        condition, _, what = required.rpartition(": ")
        if what in ("always written", "yes") and (not condition or condition.rstrip("s") == kind):
            out.append(field)
    return out


@pytest.mark.parametrize("kind", records.FACT_KINDS)
def test_always_written_fields_are_written_even_when_empty(kind):
    record = FactRecord(article=ArticleInfo(slug="a", title="A", source="a.txt", sha256="0"),
                        entities=[Entity(id="e", name="E", kind="person")],
                        facts=[Fact(id="f", kind=kind, text="t")])
    data = record_to_dict(record)
    assert list(data["article"]) == _always_written("article")
    assert list(data["entities"][0]) == _always_written("entities")
    written = [k for k in data["facts"][0] if k != "evidence"]
    assert written == [k for k in _always_written("facts", kind) if k != "evidence"]


def _yaml_blocks():
    return re.findall(r"```yaml\n(.*?)```", SCHEMA_MD.read_text(encoding="utf-8"), re.S)


def test_the_annotated_example_is_a_valid_fact_file_of_the_seed():
    example, manual = _yaml_blocks()
    text = SEED.read_text(encoding="utf-8")
    data, positions = load_yaml(example, "schema.md")
    assert [str(p) for p in validate(data, positions, "schema.md", article_text=text)] == []
    assert {f["kind"] for f in data["facts"]} == {"quote", "figure", "event"}
    # the manual fact shown after it is valid too, appended to the example
    data, positions = load_yaml(example + manual, "schema.md")
    assert [str(p) for p in validate(data, positions, "schema.md", article_text=text)] == []
    assert data["facts"][-1]["origin"] == "manual"


def test_schema_md_is_linked_from_readme_and_cli_md():
    assert "(docs/schema.md)" in (REPO / "README.md").read_text(encoding="utf-8")
    assert "(schema.md)" in CLI_MD.read_text(encoding="utf-8")
