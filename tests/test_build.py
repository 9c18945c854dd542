"""Real MkDocs builds: the example site (built once per session), links and anchors, and small projects in temp dirs."""

from __future__ import annotations

import json
import posixpath
import shutil
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urldefrag

import pytest

from factsheet.config import load_project
from factsheet.records import load_record
from factsheet.site import build_site
from helpers import REPO, WIKINEWS, invoke

EXAMPLE_FACTS = sorted((REPO / "content" / "facts").glob("*.yaml"))
SECTIONS = {"person": "people", "organization": "organizations", "place": "places", "other": "other"}


class _Page(HTMLParser):
    """The ids and link targets of one HTML page."""

    def __init__(self, text):
        super().__init__()
        self.ids, self.links = set(), []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def _url_of(site, page):
    """The site-relative URL of a built page (``people/x/index.html`` -> ``people/x/``)."""
    rel = page.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _target(site, url, href):
    """The file a relative ``href`` on the page at ``url`` points to, or None."""
    path = site / posixpath.normpath(posixpath.join(posixpath.dirname(url), href))
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def _example_entities():
    """entity id -> (kind, number of fact files naming it), over the committed example."""
    kinds, files = {}, Counter()
    for path in EXAMPLE_FACTS:
        record, _ = load_record(path)
        for entity in record.entities:
            kinds.setdefault(entity.id, entity.kind)
            files[entity.id] += 1
    return kinds, files


# -- the example site, `factsheet build --strict` ------------------------------------

def test_example_site_builds_strict_without_warnings(example_build):
    root, result = example_build
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr.lower()
    assert result.stderr.splitlines()[-1].startswith(f"built {root / 'site'} in ")
    assert not list(root.glob(".site-*"))


def test_search_finds_guterres_person_page(example_site):
    index = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    hits = {doc["location"]: doc["title"] for doc in index["docs"]
            if "Guterres" in doc["title"] or "Guterres" in doc["text"]}
    assert hits.get("people/antonio-guterres/") == "António Guterres"
    assert any(location.startswith("articles/un-chief-russia-first/") for location in hits)


def test_every_entity_has_one_page_shared_across_articles(example_site):
    kinds, files = _example_entities()
    assert max(files.values()) > 1, "the example has entities named in several articles"
    for entity_id, kind in kinds.items():
        page = example_site / SECTIONS[kind] / entity_id / "index.html"
        assert page.is_file(), entity_id
        count = files[entity_id]
        assert f"Named in <strong>{count}</strong> article{'s' if count != 1 else ''}" in page.read_text(encoding="utf-8")


def test_every_article_has_a_page_and_the_indexes_exist(example_site):
    for path in EXAMPLE_FACTS:
        assert (example_site / "articles" / path.stem / "index.html").is_file()
    for page in ("index.html", "quotes/index.html", "figures/index.html", "timeline/index.html",
                 "credits/index.html", "topics/index.html", "people/index.html", "facts.json", "facts.csv"):
        assert (example_site / page).is_file(), page
    exported = json.loads((example_site / "facts.json").read_text(encoding="utf-8"))
    assert sorted(r["article"]["slug"] for r in exported["records"]) == [p.stem for p in EXAMPLE_FACTS]


def test_every_fact_is_on_its_article_page_with_its_evidence(example_site):
    for path in EXAMPLE_FACTS:
        record, _ = load_record(path)
        page = _Page((example_site / "articles" / record.article.slug / "index.html").read_text(encoding="utf-8"))
        for fact in record.facts:
            if fact.status != "rejected":
                assert {f"fact-{fact.id}", f"ev-{fact.id}"} <= page.ids, (path.name, fact.id)


def test_every_internal_link_and_anchor_resolves(example_site):
    pages = {_url_of(example_site, p): p for p in example_site.rglob("*.html")}
    ids = {}
    checked = 0
    for url, page in pages.items():
        if url == "404.html":  # MkDocs links it from the site root, wherever it is served
            continue
        for href in _Page(page.read_text(encoding="utf-8")).links:
            if "://" in href or href.startswith(("mailto:", "javascript:")):
                continue
            link, fragment = urldefrag(href)
            target = _target(example_site, url, link) if link else page
            assert target is not None, f"{url}: broken link {href}"
            if fragment:
                if target not in ids:
                    ids[target] = _Page(target.read_text(encoding="utf-8")).ids
                assert fragment in ids[target], f"{url}: no #{fragment} on {target}"
                checked += 1
    assert checked > 1000  # every fact links to its evidence


def test_copyrighted_article_shows_evidence_only_and_open_one_in_full(example_site):
    closed = (example_site / "articles" / "un-chief-russia-first" / "index.html").read_text(encoding="utf-8")
    assert "The full text is not republished here (All rights reserved)" in closed
    assert 'class="fs-text"' not in closed
    text = (REPO / "content" / "articles" / WIKINEWS).read_text(encoding="utf-8")
    paragraphs = text.strip().split("\n\n")[1:]
    open_page = (example_site / "articles" / WIKINEWS[:-4] / "index.html").read_text(encoding="utf-8")
    assert open_page.count('class="fs-text"') == len(paragraphs)
    assert "https://creativecommons.org" in (example_site / "credits" / "index.html").read_text(encoding="utf-8") \
        or "CC BY 2.5" in (example_site / "credits" / "index.html").read_text(encoding="utf-8")


def test_person_page_lists_roles_and_quotes(example_site):
    record, _ = load_record(REPO / "content" / "facts" / "un-chief-russia-first.yaml")
    haq = record.entity("farhan-haq")
    page = (example_site / "people" / "farhan-haq" / "index.html").read_text(encoding="utf-8")
    for role in haq.roles:
        assert role in page
    quotes = [f for f in record.facts if f.kind == "quote" and f.speaker == "farhan-haq"]
    assert len(quotes) == 3
    for quote in quotes:
        assert f"../../articles/un-chief-russia-first/#ev-{quote.id}" in page


def test_nav_lists_sections_not_every_entity(example_site):
    people = len(list((example_site / "people").glob("*/index.html")))
    assert people > 50
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert home.count('class="md-nav__link') < 40


# -- small projects, each built in its own temp dir ------------------------------------

def test_small_project_builds_with_search(make_project, runner):
    root = make_project()
    result = invoke(runner, "-C", root, "build", "--strict", "-j", "1")
    assert result.exit_code == 0, result.output
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert {"people/antonio-guterres/", "people/alexei-navalny/", f"articles/{WIKINEWS[:-4]}/"} <= locations
    assert not (root / "site" / "people" / "carrie-lam").exists()  # only this project's entities


def test_build_site_reports_no_mkdocs_warnings(make_project, runner):
    root = make_project()
    assert invoke(runner, "-C", root, "render", "-q").exit_code == 0
    report = build_site(load_project(root), strict=True)
    assert report.warnings == []
    assert (root / "site" / "index.html").is_file()


def test_dirty_build_updates_a_changed_page(make_project, runner):
    root = make_project()
    assert invoke(runner, "-C", root, "build", "-q", "-j", "1").exit_code == 0
    facts = root / "content" / "facts" / "un-chief-russia-first.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("      - Russian President\n",
                                                                "      - President of Russia\n"), encoding="utf-8")
    assert invoke(runner, "-C", root, "build", "-q", "--dirty", "-j", "1").exit_code == 0
    assert "President of Russia" in (root / "site" / "people" / "vladimir-putin" / "index.html").read_text(
        encoding="utf-8")


def test_project_templates_override_the_defaults(make_project, runner):
    root = make_project()
    (root / "templates").mkdir()
    (root / "templates" / "entity.md.j2").write_text("# {{ entity.name }}\n\nCustom page for {{ entity.id }}.\n",
                                                     encoding="utf-8")
    result = invoke(runner, "-C", root, "build", "-q", "-j", "1")
    assert result.exit_code == 0, result.output
    page = (root / "site" / "people" / "antonio-guterres" / "index.html").read_text(encoding="utf-8")
    assert "Custom page for antonio-guterres." in page
    assert "Custom page" not in (root / "site" / "articles" / "un-chief-russia-first" / "index.html").read_text(
        encoding="utf-8")


def test_a_broken_template_is_one_error_and_keeps_the_old_site(make_project, runner):
    root = make_project()
    assert invoke(runner, "-C", root, "build", "-q", "-j", "1").exit_code == 0
    before = (root / "site" / "index.html").read_bytes()
    (root / "templates").mkdir()
    template = root / "templates" / "home.md.j2"
    template.write_text("# {{ title }}\n\n{% for x in articles %}\n", encoding="utf-8")
    result = invoke(runner, "-C", root, "build", "-q", "-j", "1")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Error: {template}:3: template error: Unexpected end of template.")
    assert (root / "site" / "index.html").read_bytes() == before


@pytest.mark.parametrize("missing", ["content/articles", "content/facts"])
def test_build_with_a_missing_content_folder(make_project, runner, missing):
    root = make_project()
    shutil.rmtree(root / missing)
    result = invoke(runner, "-C", root, "build", "-q", "-j", "1")
    assert result.exit_code == 0, result.output
    assert (root / "site" / "index.html").is_file()
