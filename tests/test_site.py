"""The built example site: entity pages, indexes, evidence links, JSON-LD, exports, escaping.

One real MkDocs build of a copy of the example project per module (see
``site``), with three additions that real projects have: an entity registry,
a fact marked reviewed, and a hostile article whose every field tries to
inject HTML, Markdown, Jinja or a javascript: link.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest
from click.testing import CliRunner

from factsheet.cli import cli
from factsheet.config import load_project
from factsheet.registry import load_registry
from factsheet.render import (TEMPLATES, VIEWS, build_site_data, format_number, load_records, page_contexts,
                              render_site, templates_reference)

try:
    from sitekit import HOSTILE_QUOTE, REPO, add_hostile_article, add_registry, copy_example, mark_reviewed
except ImportError:  # tests/ as a package
    from tests.sitekit import HOSTILE_QUOTE, REPO, add_hostile_article, add_registry, copy_example, mark_reviewed


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_example(tmp_path_factory.mktemp("example"))
    add_registry(root)
    mark_reviewed(root)
    add_hostile_article(root)
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "--quiet"])
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def site(project):
    return project / "site"


def page(site, url):
    path = site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url
    return path.read_text(encoding="utf-8")


class Links(HTMLParser):
    """Every href/src, element id, text, and JSON-LD block of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids, self.text, self.ld, self._in_ld, self.scripts = [], set(), [], [], False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append((tag, attrs[key]))
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"
        if tag == "script" and not self._in_ld:
            self.scripts.append(attrs.get("src"))

    def handle_endtag(self, tag):
        self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.ld.append(json.loads(data))
        else:
            self.text.append(data)


def parse(html_text):
    parser = Links()
    parser.feed(html_text)
    parser.body = " ".join(" ".join(parser.text).split())
    return parser


def main_html(html_text):
    """The page's main content (Material's article element)."""
    start = html_text.index('<article class="md-content__inner')
    return html_text[start:html_text.index("</article>", start)]


# -- entity pages -------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    (5200000, "5,200,000"), (2.5, "2.5"), (0.667, "0.667"), (0.000032, "0.000032"), (0.0015, "0.0015"),
])
def test_a_figures_value_keeps_its_first_digits_however_small(value, shown):
    assert format_number(value) == shown


def test_person_page_has_card_quotes_about_mentions_and_related(site):
    html_text = page(site, "people/antonio-guterres/")
    main = parse(main_html(html_text))
    assert "António Guterres" in main.body
    # the summary card: kind, role, alias, description and link from content/entities.yaml
    card = main_html(html_text).split('class="fs-card"')[1].split("</div>")[0]
    assert 'fs-kind-person">Person<' in card and "U.N. Secretary-General" in card
    assert "Also called:" in card and "Guterres" in card
    assert "Secretary-General of the United Nations since 2017." in card
    assert 'href="https://en.wikipedia.org/wiki/Ant%C3%B3nio_Guterres"' in card and ">en.wikipedia.org<" in card
    # Blinken's quote about him, its evidence on the article page, marked reviewed
    assert "What others said about them" in main.body
    assert "“a very strong and clear message”" in main.body
    assert ("../../articles/un-chief-russia-first/#ev-quote-3ed82cf5" in [href for _, href in main.links])
    assert "✔ reviewed" in main.body
    # events about him grouped with dates, the article that names him, related entities with counts
    assert "25 April 2022" in main.body
    assert re.search(r"Mentioned in .*No significance to UN chief’s stop in Russia first", main.body)
    assert re.search(r"Related .*Antony Blinken · person · 1 shared article", main.body)


def test_speaker_page_lists_their_quotes_with_status(site):
    main = parse(main_html(page(site, "people/antony-blinken/")))
    assert "Quotes" in main.body and "“a very strong and clear message”" in main.body
    # his quotes are reviewed in the example; his other facts are drafts
    assert main.body.count("✔ reviewed") >= 1 and "draft" in main.body


def test_related_entities_are_the_most_co_mentioned(project):
    site_data = _site_data(project)
    sanders = site_data.entities["bernie-sanders"]
    shared = [r.shared for r in sanders.related]
    assert shared == sorted(shared, reverse=True) and shared[0] >= 2
    # the count is the number of articles both are named in
    top = sanders.related[0]
    both = {a.slug for a in sanders.articles} & {a.slug for a in top.entity.articles}
    assert top.shared == len(both)


def test_section_index_lists_every_entity_with_counts(site, project):
    site_data = _site_data(project)
    people = site_data.section("people")
    html_text = main_html(page(site, "people/"))
    rows = re.findall(r"<tr>\s*<td><a href=\"([^\"]+)\">([^<]+)</a></td>(.*?)</tr>", html_text, re.S)
    assert [name for _, name, _ in rows] == [e.name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                                             for e in people]
    assert f"{len(people)} in all" in html_text
    sanders = next(r for r in rows if r[1] == "Bernie Sanders")
    cells = re.findall(r"<td[^>]*>(.*?)</td>", sanders[2], re.S)
    assert cells[1:3] == [str(site_data.entities["bernie-sanders"].mentions),
                          str(len(site_data.entities["bernie-sanders"].quotes))]
    assert (site / "people" / "bernie-sanders" / "index.html").is_file()


def test_nav_is_short_and_lists_no_entity_pages(site):
    for url in ("people/antonio-guterres/", "articles/un-chief-russia-first/", ""):
        html_text = page(site, url)
        nav_links = re.findall(r'class="md-(?:nav|tabs)__link[^"]*"[^>]*href="([^"]+)"|'
                               r'href="([^"]+)"[^>]*class="md-(?:nav|tabs)__link', html_text)
        targets = {a or b for a, b in nav_links} - {a or b for a, b in nav_links if (a or b).startswith("#")}
        assert 8 <= len(targets) <= 12, targets  # the ten sections of mkdocs.yml's nav (the toc aside)
        assert not any("antonio-guterres" in t or "un-chief" in t for t in targets)


def test_quotes_grouped_by_speaker_most_quoted_first(site, project):
    html_text = main_html(page(site, "quotes/"))
    headings = re.findall(r"<h2 id=\"[^\"]*\">(.*?)<a", html_text)
    site_data = _site_data(project)
    counts = {}
    for fact in site_data.facts:
        if fact.kind == "quote":
            key = fact.speaker.name if fact.speaker else "Unattributed"
            counts[key] = counts.get(key, 0) + 1
    assert sorted(counts.values(), reverse=True)[0] == counts[unescape(headings[0])]
    assert {unescape(h) for h in headings} == set(counts)


def unescape(text):
    import html

    return html.unescape(text)


def test_figures_table_and_timeline_by_date(site, project):
    site_data = _site_data(project)
    figures = [f for f in site_data.facts if f.kind == "figure"]
    html_text = main_html(page(site, "figures/"))
    assert html_text.count("<tr>") == len(figures) + 1  # a header row and a row a figure
    assert "5,200,000" in html_text and "#ev-figure-" in html_text
    timeline = main_html(page(site, "timeline/"))
    months = re.findall(r"<h2 id=\"[^\"]*\">(.*?)<a", timeline)
    days = re.findall(r"<h3 id=\"[^\"]*\">(.*?)<a", timeline)
    assert months[0] == "April 2022" and "March 2020" in months
    assert days[0] == "25 April 2022" and "11 March 2020" in days
    dated = [f for f in site_data.facts if f.kind == "event" and f.date]
    assert f"{len(dated)} dated events" in timeline


# -- evidence and links -----------------------------------------------------------

def test_every_internal_link_and_anchor_resolves(site):
    """Crawl every page: each relative link leads to a file, each #anchor to an element."""
    pages = {p: parse(p.read_text(encoding="utf-8")) for p in site.rglob("*.html") if "404" not in p.name}
    assert len(pages) > 250
    checked = 0
    for path, parsed in pages.items():
        base = "file://" + path.as_posix()
        for tag, link in parsed.links:
            if re.match(r"^[a-z]+:", link) or link.startswith("//"):
                continue
            url, fragment = urldefrag(urljoin(base, link))
            target = Path(unquote(url[len("file://"):]))
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{path.relative_to(site)}: broken link {link}"
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target.read_text(encoding="utf-8")).ids
                assert fragment in ids, f"{path.relative_to(site)}: no #{fragment} in {target.relative_to(site)}"
            checked += 1
    assert checked > 5000


def test_evidence_is_marked_on_open_and_closed_article_pages(site, project):
    site_data = _site_data(project)
    for article in site_data.articles:
        html_text = page(site, f"articles/{article.slug}/")
        for fact in article.facts:
            if fact.sentence:
                assert f'id="{fact.evidence_anchor}"' in html_text, (article.slug, fact.id)
    # open license: the text with <mark>s; closed: only the evidence sentences, no paragraph of text
    open_page = page(site, "articles/0273-germany-says-alexei-navalny-poisoned-with-novichok/")
    assert '<mark id="ev-' in open_page and 'class="fs-text"' in open_page
    assert 'href="https://creativecommons.org/licenses/by/2.5/"' in open_page
    closed = page(site, "articles/un-chief-russia-first/")
    assert 'class="fs-text"' not in closed and 'class="fs-evidence" id="ev-quote-3ed82cf5"' in closed


# -- machine-readable output ------------------------------------------------------

def test_json_ld_on_entity_and_article_pages(site):
    ld = parse(page(site, "people/antony-blinken/")).ld
    graph = ld[0]["@graph"]
    assert graph[0]["@type"] == "Person" and graph[0]["name"] == "Antony Blinken"
    assert graph[0]["jobTitle"] == "Secretary of State"
    quotes = [n for n in graph if n["@type"] == "Quotation"]
    assert quotes and all(q["spokenByCharacter"] == {"@type": "Person", "name": "Antony Blinken"} for q in quotes)
    assert all(q["creator"] == q["spokenByCharacter"] for q in quotes)
    assert quotes[0]["isPartOf"]["@type"] == "NewsArticle"
    org = parse(page(site, "organizations/united-nations/")).ld[0]["@graph"][0]
    assert org["@type"] == "Organization" and "UN" in org["alternateName"]
    place = parse(page(site, "places/ukraine/")).ld[0]["@graph"][0]
    assert place == {"@type": "Place", "name": "Ukraine"}
    article = parse(page(site, "articles/un-chief-russia-first/")).ld[0]["@graph"]
    assert article[0]["@type"] == "NewsArticle" and article[0]["datePublished"] == "2022-04-25"
    assert any(n["@type"] == "Quotation" and n["text"] == "a very strong and clear message" for n in article)
    guterres = parse(page(site, "people/antonio-guterres/")).ld[0]["@graph"][0]
    assert guterres["sameAs"] == ["https://en.wikipedia.org/wiki/Ant%C3%B3nio_Guterres"]


def test_data_files_match_the_export_command(site, project):
    runner = CliRunner()
    for fmt in ("json", "csv", "jsonl"):
        result = runner.invoke(cli, ["-C", str(project), "export", "--format", fmt])
        assert result.exit_code == 0, result.output
        assert result.output == (site / f"facts.{fmt}").read_text(encoding="utf-8"), fmt
    data = json.loads((site / "facts.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((site / "facts.csv").read_text(encoding="utf-8"))))
    lines = [json.loads(line) for line in (site / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    facts = [f for r in data["records"] for f in r["facts"] if f.get("status") != "rejected"]
    assert len(rows) == len(lines) == len(facts) > 300
    blinken = next(x for x in lines if x["id"] == "quote-3ed82cf5")
    assert blinken["status"] == "reviewed" and blinken["about"] == ["antonio-guterres", "vladimir-putin"]
    row = next(r for r in rows if r["id"] == "quote-3ed82cf5")
    assert row["about"] == "antonio-guterres;vladimir-putin" and row["speaker"] == "antony-blinken"
    assert blinken["evidence"] == row["evidence"] and int(row["start"]) == blinken["start"]


def test_export_to_a_file(project, tmp_path):
    out = tmp_path / "facts.jsonl"
    result = CliRunner().invoke(cli, ["-C", str(project), "export", "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == (project / "site" / "facts.jsonl").read_text(encoding="utf-8")
    bad = CliRunner().invoke(cli, ["-C", str(project), "export", "-f", "xml"])
    assert bad.exit_code == 2 and "'xml' is not one of" in bad.output


# -- safety: article text is untrusted ----------------------------------------------

def test_hostile_text_is_printed_as_text_everywhere(site):
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    for name, html_text in pages.items():
        assert "<script>alert" not in html_text, name
        assert "<img src=x" not in html_text, name
        assert not re.search(r"""(href|src)=["']?\s*javascript:""", html_text, re.I), name
        assert "<b>Evil" not in html_text and "<i>Evil" not in html_text and "<u>chief" not in html_text, name
        assert "onmouseover" not in html_text, name
        # "{{ 7*7 }}" in the hostile title and role is never evaluated (a page may show a count of 49)
        assert not re.search(r"alert\(1\)\)?\s*49\b|\b49\s*(?:<u>|&lt;u&gt;)?\s*chief", html_text), name
    assert any("{{ 7*7 }}" in unescape(html_text) for html_text in pages.values())
    article = parse(main_html(pages["articles/hostile/index.html"]))
    # shown as written, as text
    assert '<script>alert("title")</script> [x](javascript:alert(1)) {{ 7*7 }}' in article.body
    assert 'Mallory said "<img src=x onerror=alert(1)>" at the <!-- hidden --> meeting.' in article.body
    assert "{% raw %} **not bold** [link](javascript:alert(5)) &amp; done." in article.body
    assert HOSTILE_QUOTE in article.body and "<i>Evil</i> Press" in article.body
    assert "javascript:alert(6)" not in pages["articles/hostile/index.html"]  # a non-http source URL is dropped
    person = parse(main_html(pages["people/mallory/index.html"]))
    assert "Mallory <b>M</b>" in person.body and "{{ 7*7 }} <u>chief</u>" in person.body
    assert "<script>alert(3)</script> *stars*" in person.body
    assert 'href="https://example.org/mallory?a=1&amp;b=2"' in pages["people/mallory/index.html"]
    assert parse(pages["people/mallory/index.html"]).ld[0]["@graph"][0]["name"] == "Mallory <b>M</b>"
    # the page <title> (Material prints it raw) stays escaped too
    title = re.search(r"<title>(.*?)</title>", pages["articles/hostile/index.html"], re.S).group(1)
    assert "<script>" not in title and "&lt;script&gt;" in title


def test_search_index_has_the_pages(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {d["location"]: d for d in index["docs"]}
    assert "people/antonio-guterres/" in by_location
    assert by_location["people/antonio-guterres/"]["title"] == "António Guterres"
    assert any("refugees" in d["text"] for d in index["docs"])
    assert not any("@context" in d["text"] for d in index["docs"])  # JSON-LD is not indexed as text


# -- templates ----------------------------------------------------------------------

def _site_data(project):
    loaded, _ = load_records(project / "content" / "facts", project, load_registry(project / "content" / "entities.yaml"))
    return build_site_data(loaded, load_registry(project / "content" / "entities.yaml"),
                           load_project(project).settings.open_licenses)


def test_project_template_wins_file_by_file(project, tmp_path):
    templates = tmp_path / "templates"
    (templates / "assets").mkdir(parents=True)
    (templates / "_status.md.j2").write_text('<span class="mine">{{ fact.status|upper }}</span>', encoding="utf-8")
    (templates / "assets" / "factsheet.css").write_text("/* mine */\n", encoding="utf-8")
    out = tmp_path / "pages"
    render_site(_site_data(project), out, templates)
    entity = (out / "people" / "antony-blinken.md").read_text(encoding="utf-8")
    assert '<span class="mine">REVIEWED</span>' in entity and "fs-status" not in entity
    assert "## Quotes" in entity  # entity.md.j2 itself is still the package's
    assert (out / "assets" / "factsheet.css").read_text(encoding="utf-8") == "/* mine */\n"
    assert "sortBy" in (out / "assets" / "factsheet.js").read_text(encoding="utf-8")


def test_broken_project_template_names_file_and_line(project, tmp_path):
    from factsheet.errors import BuildError

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "quotes.md.j2").write_text("# Quotes\n\n{{ no_such_variable }}\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"quotes\.md\.j2:3: template error: 'no_such_variable' is undefined"):
        render_site(_site_data(project), tmp_path / "pages", templates)


def test_every_template_variable_is_documented(project):
    contexts = {}
    for _, template, context in page_contexts(_site_data(project), search="pagefind"):
        contexts.setdefault(template, set(context))
    assert contexts == {name: set(variables) for name, (_, variables) in TEMPLATES.items()}
    on_disk = {p.name for p in (REPO / "templates").glob("*.j2") if not p.name.startswith("_")}
    assert on_disk == set(TEMPLATES)


def test_every_view_attribute_is_documented():
    import dataclasses

    from factsheet import render

    for name, documented in VIEWS.items():
        cls = getattr(render, name)
        public = {f.name for f in dataclasses.fields(cls)} | {
            k for k, v in vars(cls).items() if isinstance(v, property) and not k.startswith("_")}
        assert public == set(documented), name


def test_templates_doc_is_in_sync():
    assert (REPO / "docs" / "templates.md").read_text(encoding="utf-8") == templates_reference(), \
        "regenerate: python -c 'from factsheet.render import templates_reference as t; print(t(), end=\"\")' " \
        "> docs/templates.md"


def test_no_markdown_escape_shows_on_any_page(site):
    """Values printed inside raw HTML must be HTML-escaped, not Markdown-escaped (no stray backslashes)."""
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue
        body = parse(main_html(path.read_text(encoding="utf-8"))).body
        assert not re.search(r"\\[\\`*_{}\[\]()#+\-.!|]", body), (path.relative_to(site), body[:200])
