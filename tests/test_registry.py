"""`content/entities.yaml`: one registry of entities, applied by extraction and by rendering.

The projects here hold the seed article and a reprint of it whose fact file
names an entity differently, as another article's extraction would ("UN
chief" or just "Guterres" where the seed says "António Guterres").  Pages
are checked after a real `factsheet render` or `factsheet build`.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factsheet.cli import cli
from helpers import seed_project

REPO = Path(__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parent / "data" / "un-chief-russia-first.txt"
FACTS = Path("content/facts")
def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_facts(tmp_path_factory):
    """The seed's fact file as `factsheet extract` writes it."""
    root = seed_project(tmp_path_factory.mktemp("seed"), mkdocs=True)
    result = invoke("-C", root, "extract", "-j", "1")
    assert result.exit_code == 0, result.output
    return (root / FACTS / "un-chief-russia-first.yaml").read_text(encoding="utf-8")


def entity(text, entity_id):
    return next(e for e in yaml.safe_load(text)["entities"] if e["id"] == entity_id)


def add_reprint(root, seed_facts, renames):
    """A reprint of the seed whose fact file names entities differently.

    :param renames: entity id -> (new id, new name), as another extraction might have named them
    """
    shutil.copy(SEED, root / "content" / "articles" / "un-chief-russia-first-reprint.txt")
    text = (seed_facts.replace("slug: un-chief-russia-first\n", "slug: un-chief-russia-first-reprint\n")
            .replace("source: content/articles/un-chief-russia-first.txt",
                     "source: content/articles/un-chief-russia-first-reprint.txt")
            .replace("  title: No significance", "  title: 'Reprint: No significance"))
    text = re.sub(r"(  title: 'Reprint: .*)$", r"\1'", text, count=1, flags=re.M)
    for old_id, (new_id, new_name) in renames.items():
        old_name = entity(seed_facts, old_id)["name"]
        text = re.sub(rf"(?<![\w-]){re.escape(old_id)}(?![\w-])", new_id, text)
        text = text.replace(f"  - id: {new_id}\n    name: {old_name}\n", f"  - id: {new_id}\n    name: {new_name}\n")
    (root / FACTS / "un-chief-russia-first-reprint.yaml").write_text(text, encoding="utf-8")
    return text


@pytest.fixture
def project(tmp_path, seed_facts):
    root = seed_project(tmp_path / "project", mkdocs=True)
    (root / FACTS).mkdir(parents=True)
    (root / FACTS / "un-chief-russia-first.yaml").write_text(seed_facts, encoding="utf-8")
    return root


def page_text(path):
    """The visible text of a built HTML page (tags dropped, entities decoded, spaces squashed)."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<script.*?</script>|<style.*?</style>", " ", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def linked_data(path):
    """The schema.org JSON-LD of a page (its first item): the entity as the page describes it."""
    raw = path.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S).group(1))
    return data["@graph"][0] if "@graph" in data else data


def article_body(path):
    """The page's own content: what MkDocs puts in <article>, without the site navigation."""
    raw = path.read_text(encoding="utf-8")
    return raw[raw.index("<article"):raw.index("</article>")]


# -- merging names -------------------------------------------------------------------------

def test_a_merge_in_entities_yaml_turns_two_entity_pages_into_one(project, seed_facts):
    assert entity(seed_facts, "antonio-guterres")["name"] == "António Guterres"
    add_reprint(project, seed_facts, {"antonio-guterres": ("un-chief", "UN chief")})
    result = invoke("-C", project, "build", "-q", "-j", "1")
    assert result.exit_code == 0, result.output
    people = project / "site" / "people"
    assert (people / "antonio-guterres" / "index.html").is_file()
    assert (people / "un-chief" / "index.html").is_file()

    (project / "content" / "entities.yaml").write_text("""\
entities:
  # one person under three names in the press
  - id: antonio-guterres
    name: António Guterres
    aliases: [UN chief, U.N. Secretary-General António Guterres, Guterres]
""", encoding="utf-8")
    assert invoke("-C", project, "check").exit_code == 0
    result = invoke("-C", project, "build", "-q", "-j", "1")
    assert result.exit_code == 0, result.output
    assert not (people / "un-chief").exists()
    page = people / "antonio-guterres" / "index.html"
    described = linked_data(page)
    assert described["name"] == "António Guterres"
    assert {"UN chief", "U.N. Secretary-General António Guterres", "Guterres"} <= set(described["alternateName"])
    text = page_text(page)
    assert "UN chief" in text and "U.N. Secretary-General António Guterres" in text
    body = article_body(page)
    assert 'href="../../articles/un-chief-russia-first/"' in body
    assert 'href="../../articles/un-chief-russia-first-reprint/"' in body
    # both articles link to the one page, and the people index lists it once
    for slug in ("un-chief-russia-first", "un-chief-russia-first-reprint"):
        body = article_body(project / "site" / "articles" / slug / "index.html")
        assert 'href="../../people/antonio-guterres/"' in body
        assert "people/un-chief/" not in body
    index = page_text(people / "index.html")
    assert index.count("António Guterres") == 1 and "UN chief" not in index


def test_the_registry_applies_to_articles_extracted_later(project, seed_facts):
    organization = next(e for e in yaml.safe_load(seed_facts)["entities"] if e["kind"] == "organization")
    (project / "content" / "entities.yaml").write_text(f"""\
entities:
  - id: un-secretary-general
    name: António Guterres
    kind: person
    aliases: [UN chief, Guterres]
  - id: {organization['id']}
    kind: other
""", encoding="utf-8")
    result = invoke("-C", project, "extract", "--force", "-j", "1")
    assert result.exit_code == 0, result.output
    text = (project / FACTS / "un-chief-russia-first.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    ids = {e["id"]: e for e in data["entities"]}
    assert "antonio-guterres" not in text
    assert ids["un-secretary-general"]["name"] == "António Guterres"
    assert ids[organization["id"]]["kind"] == "other"
    named = [f for f in data["facts"] if f.get("speaker") == "un-secretary-general"
             or "un-secretary-general" in (f.get("about") or [])]
    assert named, "facts about Guterres point at the registry's id"
    assert invoke("-C", project, "check").exit_code == 0

    # an article extracted for the first time gets the same ids
    shutil.copy(SEED, project / "content" / "articles" / "un-chief-later.txt")
    assert invoke("-C", project, "extract", "-j", "1").exit_code == 0
    later = yaml.safe_load((project / FACTS / "un-chief-later.yaml").read_text(encoding="utf-8"))
    assert {e["id"] for e in later["entities"]} == set(ids)


def test_description_links_display_name_and_hidden_on_the_site(project, seed_facts):
    hidden = next(e for e in yaml.safe_load(seed_facts)["entities"] if e["kind"] == "organization"
                  and e["id"] != "united-nations")
    (project / "content" / "entities.yaml").write_text(f"""\
entities:
  - id: antonio-guterres
    name: António Guterres (UN Secretary-General)
    description: Secretary-General of the United Nations since 2017.
    links:
      - https://en.wikipedia.org/wiki/Ant%C3%B3nio_Guterres
      - https://www.wikidata.org/wiki/Q311440
  - id: {hidden['id']}
    hidden: true
""", encoding="utf-8")
    result = invoke("-C", project, "render", "-q")
    assert result.exit_code == 0, result.output
    pages = project / "build" / "pages"
    page = pages / "people" / "antonio-guterres.md"
    described = linked_data(page)
    assert described["name"] == "António Guterres (UN Secretary-General)"
    assert described["description"] == "Secretary-General of the United Nations since 2017."
    assert described["sameAs"] == ["https://en.wikipedia.org/wiki/Ant%C3%B3nio_Guterres",
                                   "https://www.wikidata.org/wiki/Q311440"]
    markdown = page.read_text(encoding="utf-8")
    assert "\n# António Guterres \\(UN Secretary\\-General\\)\n" in markdown
    assert "\nSecretary\\-General of the United Nations since 2017\\.\n" in markdown
    assert 'href="https://en.wikipedia.org/wiki/Ant%C3%B3nio_Guterres"' in markdown
    assert 'href="https://www.wikidata.org/wiki/Q311440"' in markdown
    assert not (pages / "organizations" / f"{hidden['id']}.md").exists()
    article = (pages / "articles" / "un-chief-russia-first.md").read_text(encoding="utf-8")
    assert f"organizations/{hidden['id']}.md" not in article
    assert f"organizations/{hidden['id']}.md" not in (pages / "organizations" / "index.md").read_text(encoding="utf-8")


def test_a_corrected_kind_moves_the_page_in_files_extracted_before(project, seed_facts):
    organization = next(e for e in yaml.safe_load(seed_facts)["entities"] if e["kind"] == "organization")
    assert invoke("-C", project, "render", "-q").exit_code == 0
    pages = project / "build" / "pages"
    assert (pages / "organizations" / f"{organization['id']}.md").is_file()
    (project / "content" / "entities.yaml").write_text(
        f"entities:\n  - id: {organization['id']}\n    kind: place\n", encoding="utf-8")
    assert invoke("-C", project, "render", "-q").exit_code == 0
    assert not (pages / "organizations" / f"{organization['id']}.md").exists()
    assert linked_data(pages / "places" / f"{organization['id']}.md")["@type"] == "Place"
    # the fact file itself is untouched: the fix lives in one place
    assert (project / FACTS / "un-chief-russia-first.yaml").read_text(encoding="utf-8") == seed_facts


def test_a_fact_may_name_an_entity_only_the_registry_knows(project, seed_facts):
    text = seed_facts + ("  - id: manual-predecessor\n    kind: statement\n    origin: manual\n"
                         "    text: Ban Ki-moon held the office before Guterres.\n    speaker: ban-ki-moon\n")
    (project / FACTS / "un-chief-russia-first.yaml").write_text(text, encoding="utf-8")
    (project / "content" / "entities.yaml").write_text(
        "entities:\n  - id: ban-ki-moon\n    name: Ban Ki-moon\n    kind: person\n", encoding="utf-8")
    assert invoke("-C", project, "check").exit_code == 0
    assert invoke("-C", project, "render", "-q").exit_code == 0
    page = (project / "build" / "pages" / "people" / "ban-ki-moon.md").read_text(encoding="utf-8")
    assert "Ban Ki\\-moon held the office before Guterres\\." in page


def test_a_one_word_alias_does_not_capture_another_person(project, seed_facts):
    """"Guterres" as an alias of António Guterres must not swallow a "Maria Guterres" elsewhere."""
    add_reprint(project, seed_facts, {"antonio-guterres": ("maria-guterres", "Maria Guterres")})
    (project / "content" / "entities.yaml").write_text(
        "entities:\n  - id: antonio-guterres\n    aliases: [Guterres]\n", encoding="utf-8")
    assert invoke("-C", project, "render", "-q").exit_code == 0
    people = project / "build" / "pages" / "people"
    assert (people / "maria-guterres.md").is_file()
    page = (people / "antonio-guterres.md").read_text(encoding="utf-8")
    assert "articles/un-chief-russia-first.md" in page
    assert "articles/un-chief-russia-first-reprint.md" not in page


# -- factsheet entities ---------------------------------------------------------------------

def test_entities_lists_counts_and_suggests_duplicates_to_paste(project, seed_facts):
    add_reprint(project, seed_facts, {"antonio-guterres": ("guterres", "Guterres"),
                                      "united-nations": ("un", "UN")})
    result = invoke("-C", project, "entities")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "KIND", "ARTICLES", "FACTS", "NAME", "ALSO", "CALLED"]
    rows = {line.split()[0]: line.split() for line in lines[1:lines.index("")]}
    assert rows["antonio-guterres"][1:3] == ["person", "1"]
    assert rows["guterres"][1:3] == ["person", "1"]
    suggestions = lines[lines.index("") + 2:]
    assert "  guterres -> antonio-guterres: 'Guterres' is the surname of 'António Guterres'" in suggestions
    assert "  un -> united-nations: 'UN' is the acronym of 'United Nations'" in suggestions

    pasted = invoke("-C", project, "entities", "--format", "yaml")
    assert pasted.exit_code == 0
    entries = {e["id"]: e for e in yaml.safe_load(pasted.stdout)["entities"]}
    assert entries["antonio-guterres"] == {"id": "antonio-guterres", "name": "António Guterres",
                                           "aliases": ["Guterres"]}
    assert entries["united-nations"]["aliases"] == ["UN"]
    assert "# 'Guterres' is the surname of 'António Guterres' (guterres: 1 article; antonio-guterres: 1 article)" \
        in pasted.stdout
    (project / "content" / "entities.yaml").write_text(pasted.stdout, encoding="utf-8")
    assert invoke("-C", project, "check").exit_code == 0

    after = invoke("-C", project, "entities")
    lines = after.stdout.splitlines()
    rows = {line.split()[0]: line.split() for line in lines[1:lines.index("")]}
    assert "guterres" not in rows and "un" not in rows
    assert rows["antonio-guterres"][2] == "2"
    assert rows["united-nations"][2] == "2"
    assert lines[-1] == "No likely duplicates."


def test_entities_yaml_for_an_entity_already_in_the_registry_replaces_its_entry(project, seed_facts):
    add_reprint(project, seed_facts, {"antonio-guterres": ("guterres", "Guterres")})
    (project / "content" / "entities.yaml").write_text("""\
entities:
  - id: antonio-guterres
    description: Secretary-General of the United Nations since 2017.
    aliases: [UN chief]
""", encoding="utf-8")
    pasted = invoke("-C", project, "entities", "--format", "yaml")
    entries = yaml.safe_load(pasted.stdout)["entities"]
    assert entries == [{"id": "antonio-guterres", "name": "António Guterres", "aliases": ["UN chief", "Guterres"],
                        "description": "Secretary-General of the United Nations since 2017."}]
    assert "# replaces the entry `antonio-guterres` already in entities.yaml" in pasted.stdout


def test_entities_kind_filter_and_hidden_marker(project, seed_facts):
    (project / "content" / "entities.yaml").write_text(
        "entities:\n  - id: farhan-haq\n    hidden: true\n", encoding="utf-8")
    result = invoke("-C", project, "entities", "--kind", "person")
    kinds = {line.split()[1] for line in result.stdout.splitlines()[1:] if line and not line.startswith(("No", " "))}
    assert kinds == {"person"}
    assert any(line.startswith("farhan-haq ") and "(hidden)" in line for line in result.stdout.splitlines())


def test_entities_refuses_broken_files(project, seed_facts):
    (project / "content" / "entities.yaml").write_text("entities:\n  - id: Bad Id\n", encoding="utf-8")
    result = invoke("-C", project, "entities")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/entities.yaml:2:9: registry id 'Bad Id' is not a slug (use `bad-id`)",
        "Error: 1 error(s) in content/entities.yaml (fix them first; `factsheet check` lists them)"]
