"""Licenses: where an article's license comes from, what the site shows of it, credits, check and deploy.

Publish facts, not other people's articles (issue 9).  An article whose license
is open (``open_licenses`` of factsheet.yml) is shown in full with the credit
its license asks for; of any other article the site quotes at most
``excerpt_share`` of its text, as its facts' evidence sentences, and nothing
else of it reaches a page, the search index or the data files.  Every test
reads real articles, runs the real extraction, render and MkDocs build, and
deploys to a real bare git repository.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factsheet.articles import read_article
from factsheet.config import load_project
from factsheet.records import ArticleInfo, Evidence, Fact, FactRecord, load_record
from factsheet.registry import load_registry
from factsheet.render import (closed_texts, is_open_license, license_family, license_url, load_records,
                              plan_excerpts, word_spans)
from factsheet.site import find_leaks, measure_exposure, site_texts
from helpers import DATA, REPO, WIKINEWS, copy_project, git, git_repo_with_origin, invoke

SEED = "un-chief-russia-first"
SEED_URL = ("https://thehill.com/policy/international/"
            "3463723-no-significance-to-un-chiefs-stop-in-russia-first-spokesman-says/")
WIKINEWS_SLUG = WIKINEWS[:-4]
WIKINEWS_URL = "https://en.wikinews.org/wiki/Russia%27s_Navalny_airlifted_to_Germany"
CC_BY_25 = "https://creativecommons.org/licenses/by/2.5/"
DEFAULTS = ("CC BY", "CC BY-SA", "CC0", "Public domain")


def squash(text):
    return " ".join(text.split())


def main_text(html_text):
    """What a reader sees in a page's main content (Material's article element), as one line of text."""
    import html

    start = html_text.index('<article class="md-content__inner')
    inner = html_text[start:html_text.index("</article>", start)]
    inner = re.sub(r"(?is)<script\b.*?</script>", " ", inner)
    inner = re.sub(r"(?i)</?(p|li|td|th|tr|h\d|div|br|ul|ol|table|blockquote)\b[^>]*>", " ", inner)
    return squash(html.unescape(re.sub(r"<[^>]+>", "", inner)))


def covered(text, start, end, spans):
    """True when every word of ``text[start:end]`` lies in one of ``spans``."""
    return all(any(s <= ws and we <= e for s, e in spans) for ws, we in word_spans(text, [(start, end)]))


def closed_of(root, slug=SEED):
    """The :class:`ClosedText` factsheet plans for ``slug`` under the project's own settings."""
    project = load_project(root)
    loaded, _ = load_records(project.facts_dir, root, load_registry(project.registry_path))
    for closed in closed_texts(loaded, project.settings.open_licenses, project.settings.excerpt_share):
        if closed.slug == slug:
            return closed
    raise AssertionError(f"{slug} is not a closed article")


# -- which licenses are open ----------------------------------------------------------

@pytest.mark.parametrize("name, family, open_", [
    ("CC BY 2.5", "cc by", True),
    ("CC BY-SA 4.0", "cc by sa", True),
    ("CC-BY-4.0", "cc by", True),
    ("Creative Commons Attribution-ShareAlike 4.0 International", "cc by sa", True),
    ("https://creativecommons.org/licenses/by/2.5/", "cc by", True),
    ("Attribution 4.0 International (CC BY 4.0)", "cc by", True),
    ("CC0 1.0", "cc0", True),
    ("CC0", "cc0", True),
    ("Public Domain Mark 1.0", "public domain", True),
    # NonCommercial and NoDerivatives licenses forbid what a public site does: never open by default
    ("CC BY-NC 4.0", "cc by nc", False),
    ("CC BY-ND 4.0", "cc by nd", False),
    ("CC BY-NC-SA 4.0", "cc by nc sa", False),
    ("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0", "cc by nc nd", False),
    ("https://creativecommons.org/licenses/by-nc/2.0/", "cc by nc", False),
    ("All rights reserved", "all rights reserved", False),
    (None, "", False),
    ("", "", False),
])
def test_default_open_licenses(name, family, open_):
    assert license_family(name) == family
    assert is_open_license(name, DEFAULTS) is open_


@pytest.mark.parametrize("name, url", [
    ("CC BY 2.5", CC_BY_25),
    ("Creative Commons Attribution-ShareAlike 4.0 International", "https://creativecommons.org/licenses/by-sa/4.0/"),
    ("CC BY-NC-SA 3.0", "https://creativecommons.org/licenses/by-nc-sa/3.0/"),
    ("CC BY", "https://creativecommons.org/licenses/by/4.0/"),
    ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ("https://creativecommons.org/licenses/by-nd/2.0/", "https://creativecommons.org/licenses/by-nd/2.0/"),
    ("All rights reserved", None), ("Public domain", None), (None, None),
])
def test_license_deeds(name, url):
    assert license_url(name) == url


def test_open_licenses_are_whatever_factsheet_yml_lists():
    assert is_open_license("CC BY-NC 4.0", ["CC BY-NC"])
    assert not is_open_license("CC BY 4.0", ["CC BY-NC"])
    assert not is_open_license("CC BY 4.0", [])


# -- where article.license comes from ----------------------------------------------------

FRONT_MATTER = """---
title: "Council approves budget: what changes"
date: 2024-03-05
author: Ana Ruiz
publisher: Springfield Herald
url: https://herald.example/news/budget
license: CC BY-SA 4.0
---

The city council approved a **$4.2 million** budget on Tuesday, Mayor Jane Doe said.

"We kept every library open and every bus route running," Doe told reporters after the vote.
"""

COLLECTION = """Harbour ferry fares rise next month

Ferry fares across the harbour will rise by 20 cents on June 1, the port authority said on Monday.

The authority said fuel costs had grown by a third since last year and the ferries carried fewer passengers.
"""

FOOTER = """Museum reopens after flood repairs

The city museum reopened on Saturday after six months of repairs to its flooded basement, its director said.

"The collection is safe and the doors are open again," director Ines Moreau told visitors.

© 2024 Example Media Ltd. This material may not be published, broadcast, rewritten, or redistributed.
"""

NOTHING = """Library extends weekend hours

The central library will stay open until 8 p.m. on Saturdays from next month, the city council said on Tuesday.

Council member Tom Okafor said the change followed a survey in which most readers asked for longer hours.
"""

FLAGGED = """Park gets new playground

A new playground opened in Riverside Park on Sunday, the parks department said in a statement.
"""


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """A project with one article per way of stating a license, extracted by the real CLI."""
    root = tmp_path_factory.mktemp("sources") / "project"
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (articles / "budget.md").write_text(FRONT_MATTER, encoding="utf-8")
    (articles / "ferry.txt").write_text(COLLECTION, encoding="utf-8")
    (articles / "index.csv").write_text("file,title,date,publisher,url,license\n"
                                        "ferry.txt,,2024-05-06,Harbour Post,https://post.example/ferry,"
                                        "CC BY-NC 4.0\n", encoding="utf-8")
    shutil.copy(DATA / "formats" / "wikinews.html", articles / "who.html")  # a saved page: rel="license" link
    (articles / "museum.txt").write_text(FOOTER, encoding="utf-8")
    (articles / "library.txt").write_text(NOTHING, encoding="utf-8")
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "park.txt").write_text(FLAGGED, encoding="utf-8")
    runner = CliRunner()
    for args in (["extract", "--jobs", "1", "--quiet"],
                 ["extract", "--jobs", "1", "--quiet", "--license", "CC0 1.0", elsewhere / "park.txt"],
                 # --license fills in only what nothing states: the footer's "All rights reserved" stays
                 ["extract", "--jobs", "1", "--quiet", "--force", "--license", "CC0 1.0", articles / "museum.txt"]):
        result = invoke(runner, "-C", root, *args)
        assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize("slug, license", [
    ("budget", "CC BY-SA 4.0"),        # front matter
    ("ferry", "CC BY-NC 4.0"),         # index.csv
    ("who", "CC BY 2.5"),              # the page's rel="license" link
    ("museum", "All rights reserved"),  # a footer "may not be published", not --license
    ("park", "CC0 1.0"),               # --license, as the article states none
    ("library", None),                 # nothing says: unknown
])
def test_every_source_of_a_license_reaches_the_record(sources, slug, license):
    record, _ = load_record(sources / "content" / "facts" / f"{slug}.yaml")
    assert record.article.license == license
    raw = yaml.safe_load((sources / "content" / "facts" / f"{slug}.yaml").read_text(encoding="utf-8"))
    assert raw["article"].get("license") == license


def test_check_warns_about_the_article_with_no_license(sources):
    runner = CliRunner()
    result = invoke(runner, "-C", sources, "check")
    assert result.exit_code == 0, result.output
    text = (sources / "content" / "facts" / "library.yaml").read_text(encoding="utf-8")
    line = 1 + next(i for i, line in enumerate(text.splitlines()) if line.startswith("  license:"))
    assert result.stdout == (  # at the empty `license:` the extraction wrote
        f"content/facts/library.yaml:{line}:11: warning: article `library` has no known license (set `license:` "
        "in the article's front matter, index.csv or with --license; until then the site quotes only excerpts "
        "of it)\n")
    strict = invoke(runner, "-C", sources, "check", "--strict")
    assert (strict.exit_code, strict.stderr) == (1, "Error: 0 error(s), 1 warning(s)\n")
    build = invoke(runner, "-C", sources, "build", "--strict", "--quiet")
    assert build.exit_code == 1
    assert build.stderr.splitlines()[-1] == "Error: 1 warning(s) in the fact files (strict mode)"


@pytest.fixture(scope="module")
def sources_site(sources):
    result = invoke(CliRunner(), "-C", sources, "build", "--quiet")
    assert result.exit_code == 0, result.output
    return sources / "site"


def test_pages_follow_each_license(sources_site, sources):
    def page(slug):
        return (sources_site / "articles" / slug / "index.html").read_text(encoding="utf-8")

    for slug in ("budget", "who"):  # open: the full text, with its credit
        assert 'class="fs-text"' in page(slug) and 'class="fs-credit"' in page(slug), slug
    budget = main_text(page("budget"))
    assert re.search(r'<p class="fs-credit">(.*?)</p>', page("budget"), re.S).group(1) == (
        'From Springfield Herald, by Ana Ruiz: <a href="https://herald.example/news/budget" rel="nofollow noopener">'
        'Council approves budget: what changes</a>, licensed under <a href="https://creativecommons.org/licenses/'
        'by-sa/4.0/" rel="license nofollow noopener">CC BY-SA 4.0</a>. Changes: shown as plain text without the '
        "original&#x27;s formatting, links and images; the sentences behind each fact highlighted.")
    assert "The city council approved a $4.2 million budget on Tuesday, Mayor Jane Doe said." in budget
    # CC BY-NC, "All rights reserved" and unknown: no text beyond excerpts, no credit line (there is no license
    # to credit under); the notice names the license
    for slug, license in (("ferry", "CC BY-NC 4.0"), ("museum", "All rights reserved"),
                          ("library", "license unknown")):
        html_text = page(slug)
        assert 'class="fs-text"' not in html_text and 'class="fs-credit"' not in html_text, slug
        assert f"The full text is not republished here ({license}). This site quotes at most 25% of it" \
            in main_text(html_text), slug
    loaded, _ = load_records(sources / "content" / "facts", sources)
    closed = closed_texts(loaded, DEFAULTS, 0.25)
    assert sorted(c.slug for c in closed) == ["ferry", "library", "museum"]
    for slug, exposure in measure_exposure(sources_site, closed).items():
        assert exposure.leaks == [] and exposure.share <= 0.25, slug
    # the footer is a notice, not news: neither a fact nor text on the site
    assert "may not be published" not in page("museum")


# -- the policy for closed articles -------------------------------------------------------

POLICY = """Council budget passes

The council met on Tuesday evening in the old town hall and, after a long debate about parking, roads and bus lanes, voted on the plan.

"We kept every library open," Mayor Jane Doe said.

The budget adds 40 new bus drivers and repaves 12 kilometres of road over the next two years.

Council member Tom Okafor said the vote showed that the city could agree on its priorities even in a difficult year for everyone.
"""


def test_excerpts_go_to_quotes_then_figures_within_the_share(tmp_path):
    """Quotes first, then figures, statements and events, shorter first; one sentence costs once."""
    path = tmp_path / "budget.txt"
    path.write_text(POLICY, encoding="utf-8")
    article = read_article(path, tmp_path)
    text = article.text

    def fact(id_, kind, sentence, **fields):
        start = text.index(sentence)
        return Fact(id=id_, kind=kind, text=fields.pop("text", sentence),
                    evidence=Evidence(sentence, start, start + len(sentence)), **fields)

    event = "The council met on Tuesday evening in the old town hall and, after a long debate about parking, " \
            "roads and bus lanes, voted on the plan."
    quote = '"We kept every library open," Mayor Jane Doe said.'
    figure = "The budget adds 40 new bus drivers and repaves 12 kilometres of road over the next two years."
    statement = "Council member Tom Okafor said the vote showed that the city could agree on its priorities " \
                "even in a difficult year for everyone."
    record = FactRecord(article=ArticleInfo(slug="budget", title=article.title, source="budget.txt", sha256="0" * 64,
                                            license="All rights reserved"), facts=[
        fact("event-1", "event", event),
        fact("statement-1", "statement", statement),
        fact("figure-1", "figure", figure, text="40 new bus drivers"),
        fact("figure-2", "figure", figure, text="12 kilometres"),
        fact("event-2", "event", figure),  # the figures' sentence again: free once granted
        fact("quote-1", "quote", quote, text="We kept every library open,"),
        # in the editor's own words: always shown, and it cites no sentence of its own
        Fact(id="manual-1", kind="event", text="The council passed its budget.", origin="manual"),
    ])
    body = sum(e - s for s, e in article.paragraphs)
    plan = plan_excerpts(record, article, (len(quote) + len(figure) + 5) / body)
    assert plan.shown == {"quote-1", "figure-1", "figure-2", "event-2"}
    # the event and the statement are the article's writing: withheld; the short figure texts are not
    assert plan.withheld == {"event-1", "statement-1"}
    assert plan.spans == sorted([(text.index(quote), text.index(quote) + len(quote)),
                                 (text.index(figure), text.index(figure) + len(figure))])
    assert plan.share <= plan.limit
    # the quote goes first, though the figures' sentence would serve three facts
    assert plan_excerpts(record, article, (len(quote) + 1) / body).shown == {"quote-1"}
    # nothing at all, then everything
    assert plan_excerpts(record, article, 0).shown == set()
    assert plan_excerpts(record, article, 1).withheld == set()
    # without the article file nothing can be measured: no sentence is shown
    gone = plan_excerpts(record, None, 1)
    assert gone.shown == set() and gone.withheld == {"event-1", "statement-1", "event-2"}


# -- the example site ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def example(example_build):
    """The example project built by conftest (``factsheet build --strict``), and its site."""
    root, result = example_build
    assert result.exit_code == 0, result.output
    return root, root / "site"


def test_seed_page_has_no_text_beyond_its_evidence_within_the_limit(example):
    root, site = example
    closed = closed_of(root)
    article = read_article(root / "content" / "articles" / f"{SEED}.txt", root)
    record, _ = load_record(root / "content" / "facts" / f"{SEED}.yaml")
    evidence = [(f.evidence.start, f.evidence.end) for f in record.facts if f.evidence and f.status != "rejected"]
    # what is granted is evidence sentences only, and at most a quarter of the body
    assert closed.shown and closed.withheld
    for start, end in closed.spans:
        assert covered(article.text, start, end, evidence), article.text[start:end]
    assert 0 < closed.share <= 0.25
    page = main_text((site / "articles" / SEED / "index.html").read_text(encoding="utf-8"))
    shown = 0
    for start, end in article.paragraphs:
        if covered(article.text, start, end, closed.spans):
            shown += 1
        else:  # a paragraph beyond the granted sentences is nowhere on the page
            assert squash(article.text[start:end]) not in page, article.text[start:end]
    assert 0 < shown < len(article.paragraphs) / 2
    for fact in record.facts:
        if fact.evidence is not None and fact.status != "rejected":
            assert (squash(fact.evidence.sentence) in page) == _within(fact.evidence, closed.spans), fact.id
    # the whole site (pages, search index, facts.json/csv/jsonl) shows no more than the page
    exposure = measure_exposure(site, [closed])[SEED]
    assert exposure.leaks == []
    assert exposure.share <= closed.share <= 0.25


def test_search_index_holds_no_seed_text_beyond_its_excerpts(example, tmp_path):
    root, site = example
    closed = closed_of(root)
    (tmp_path / "search").mkdir()
    shutil.copy(site / "search" / "search_index.json", tmp_path / "search")
    exposure = measure_exposure(tmp_path, [closed])[SEED]
    assert exposure.leaks == [] and 0 < exposure.share <= 0.25
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(squash(re.sub(r"<[^>]+>", " ", d["text"])) for d in index["docs"])
    record, _ = load_record(root / "content" / "facts" / f"{SEED}.yaml")
    for fact in record.facts:
        if fact.id in closed.withheld:
            assert squash(fact.text) not in text, fact.id


def test_every_seed_fact_stays_linked_to_where_it_comes_from(example):
    root, site = example
    closed = closed_of(root)
    record, _ = load_record(root / "content" / "facts" / f"{SEED}.yaml")
    html_text = (site / "articles" / SEED / "index.html").read_text(encoding="utf-8")
    published = next(r for r in json.loads((site / "facts.json").read_text(encoding="utf-8"))["records"]
                     if r["article"]["slug"] == SEED)
    by_id = {f["id"]: f for f in published["facts"]}
    for fact in record.facts:
        if fact.status == "rejected":
            assert fact.id not in by_id
            continue
        assert f'id="fact-{fact.id}"' in html_text and f'id="ev-{fact.id}"' in html_text, fact.id
        data = by_id[fact.id]
        if fact.evidence is not None:  # the offsets stay; the sentence only when granted
            assert (data["evidence"]["start"], data["evidence"]["end"]) == (fact.evidence.start, fact.evidence.end)
            assert data["evidence"]["sentence"] == (fact.evidence.sentence if fact.id in closed.shown else None)
        if fact.id in closed.withheld:
            assert data["withheld"] is True and data["text"] != fact.text
    # a withheld fact says where to read it: the paragraph of the original, which the page links to
    withheld = next(f for f in record.facts if f.id in closed.withheld and f.evidence is not None)
    article = read_article(root / "content" / "articles" / f"{SEED}.txt", root)
    number = 1 + max(i for i, (s, _) in enumerate(article.paragraphs) if s <= withheld.evidence.start)
    assert f'id="ev-{withheld.id}">Sentence not quoted: paragraph {number} of the original.' in html_text
    assert f'href="{SEED_URL}"' in html_text


def test_the_limit_is_measured_from_none_to_everything(make_project):
    """excerpt_share 0 quotes nothing of the seed; 1 is what the site did before the limit (all of it)."""
    root = make_project([f"{SEED}.txt"])
    shares = {}
    for limit in (0, 0.25, 1):
        (root / "factsheet.yml").write_text(f"excerpt_share: {limit}\n", encoding="utf-8")
        result = invoke(CliRunner(), "-C", root, "build", "--strict", "--quiet")
        assert result.exit_code == 0, result.output
        closed = closed_of(root)
        exposure = measure_exposure(root / "site", [closed])[SEED]
        assert exposure.leaks == [], limit
        assert exposure.share <= closed.share <= limit
        shares[limit] = exposure.share
    assert shares[0] == 0
    assert 0.15 < shares[0.25] <= 0.25
    assert shares[1] > 0.95  # every sentence of the seed is some fact's evidence


def test_wikinews_page_has_full_text_and_its_cc_by_credit(example):
    root, site = example
    html_text = (site / "articles" / WIKINEWS_SLUG / "index.html").read_text(encoding="utf-8")
    page = main_text(html_text)
    article = read_article(root / "content" / "articles" / WIKINEWS, root)
    for start, end in article.paragraphs:
        assert squash(article.text[start:end]) in page
    assert html_text.count('class="fs-text"') == len(article.paragraphs)
    credit = re.search(r'<p class="fs-credit">(.*?)</p>', html_text, re.S).group(1)
    assert credit == (
        f'From Wikinews, the free news source: <a href="{WIKINEWS_URL}" rel="nofollow noopener">Russia&#x27;s '
        f'Navalny airlifted to Germany</a>, licensed under <a href="{CC_BY_25}" rel="license nofollow noopener">'
        "CC BY 2.5</a>. Changes: shown as plain text without the original&#x27;s formatting, links and images; "
        "the sentences behind each fact highlighted.")
    with pytest.raises(AssertionError, match="not a closed article"):
        closed_of(root, WIKINEWS_SLUG)


def test_credits_page_lists_every_source_with_its_license(example):
    root, site = example
    html_text = (site / "credits" / "index.html").read_text(encoding="utf-8")
    page = main_text(html_text)
    assert "CC BY 2.5: 25 articles, shown in full" in page
    assert "All rights reserved: 1 article, excerpts only" in page
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html_text, re.S)[1:]:
        cells = [squash(re.sub(r"<[^>]+>", " ", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[cells[0].split(" · ")[0]] = (cells, row)
    titles = {load_record(p)[0].article.title for p in (root / "content" / "facts").glob("*.yaml")}
    assert set(rows) == titles
    seed_cells, seed_row = rows["No significance to UN chief’s stop in Russia first, spokesman says"]
    assert seed_cells[1:] == ["The Hill · Copyright 2024 Nexstar Media Inc.", "2022-04-25", "All rights reserved",
                              f"excerpts, {closed_of(root).share:.0%}"]
    assert f'href="{SEED_URL}"' in seed_row
    wikinews_cells, wikinews_row = rows["Russia's Navalny airlifted to Germany"]
    assert wikinews_cells[1:] == ["From Wikinews, the free news source", "2020-08-22", "CC BY 2.5", "full text"]
    assert f'href="{CC_BY_25}" rel="license' in wikinews_row and f'href="{WIKINEWS_URL}"' in wikinews_row


def test_closed_quotes_without_an_excerpt_leave_json_ld(example):
    root, site = example
    closed = closed_of(root)
    record, _ = load_record(root / "content" / "facts" / f"{SEED}.yaml")
    html_text = (site / "articles" / SEED / "index.html").read_text(encoding="utf-8")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html_text, re.S).group(1))
    quoted = {n["text"] for n in ld["@graph"] if n["@type"] == "Quotation"}
    quotes = [f for f in record.facts if f.kind == "quote" and f.status != "rejected"]
    assert quoted == {f.text for f in quotes if f.id not in closed.withheld}
    assert len(quoted) < len(quotes)


# -- deploy ----------------------------------------------------------------------------

@pytest.fixture
def seed_project(tmp_path):
    """The seed alone, built, in a git repository whose origin is a real bare repository."""
    root = copy_project(tmp_path / "seed", [f"{SEED}.txt"])
    assert invoke(CliRunner(), "-C", root, "build", "--quiet").exit_code == 0
    return git_repo_with_origin(root, tmp_path / "remote.git")


def _deploy_refusal(path, more=0):
    return (f"Error: {path}: holds text of article '{SEED}' (All rights reserved) beyond its excerpts"
            f"{f' (and {more} more file(s))' if more else ''}; refusing to publish (rebuild the site, fix the "
            "template that prints it, or list the license in open_licenses of factsheet.yml)\n")


def test_a_template_asking_for_the_full_text_gets_none(seed_project):
    """An overridden template that prints every text field it can reach: the closed article has none to give."""
    root, remote = seed_project
    (root / "templates").mkdir()
    (root / "templates" / "article.md.j2").write_text(
        '{% include "_front.md.j2" %}\n# {{ article.title }}\n\n{{ article.text }}\n\n'
        "{% for paragraph in article.paragraphs %}<p>{{ paragraph }}</p>\n{% endfor %}\n"
        "{% for fact in article.facts %}\n"
        '- <span id="{{ fact.anchor|html }}"></span><span id="{{ fact.evidence_anchor|html }}"></span>'
        "{{ fact.text }}: {{ fact.sentence }}\n{% endfor %}\n", encoding="utf-8")
    assert invoke(CliRunner(), "-C", root, "build", "--quiet").exit_code == 0
    exposure = measure_exposure(root / "site", [closed_of(root)])[SEED]
    assert exposure.leaks == [] and exposure.share <= 0.25
    result = invoke(CliRunner(), "-C", root, "deploy")
    assert result.exit_code == 0, result.output
    assert git("log", "-1", "--format=%s", "gh-pages", cwd=remote).strip() == "Publish fact sheet site"


def test_deploy_refuses_a_template_that_prints_withheld_text(seed_project):
    root, remote = seed_project
    article = read_article(root / "content" / "articles" / f"{SEED}.txt", root)
    closed = closed_of(root)
    start, end = next((s, e) for s, e in article.paragraphs if not covered(article.text, s, e, closed.spans))
    lede = article.text[start:end]
    (root / "templates").mkdir()
    credits = (REPO / "templates" / "credits.md.j2").read_text(encoding="utf-8")
    (root / "templates" / "credits.md.j2").write_text(credits + f"\n> {lede}\n", encoding="utf-8")
    assert invoke(CliRunner(), "-C", root, "build", "--quiet").exit_code == 0
    result = invoke(CliRunner(), "-C", root, "deploy")
    assert result.exit_code == 1
    leaks = find_leaks(root / "site", [closed_of(root)])
    assert [path.relative_to(root / "site").as_posix() for path, _, _ in leaks] == [
        "credits/index.html", "search/search_index.json"]
    assert result.stderr == _deploy_refusal(leaks[0][0], 1)
    assert "gh-pages" not in git("branch", "--list", cwd=remote)  # nothing was published


def test_deploy_refuses_a_site_built_when_the_article_was_open(seed_project):
    """Built while factsheet.yml called the seed's license open, deployed after that was undone."""
    root, remote = seed_project
    (root / "factsheet.yml").write_text("open_licenses: [CC BY, All rights reserved]\n", encoding="utf-8")
    assert invoke(CliRunner(), "-C", root, "build", "--quiet").exit_code == 0
    page = root / "site" / "articles" / SEED / "index.html"
    assert 'class="fs-text"' in page.read_text(encoding="utf-8")
    (root / "factsheet.yml").write_text("open_licenses: [CC BY]\n", encoding="utf-8")
    result = invoke(CliRunner(), "-C", root, "deploy")
    assert result.exit_code == 1
    leaks = find_leaks(root / "site", [closed_of(root)])
    assert page in [path for path, _, _ in leaks] and len(leaks) > 3  # the page, search index, facts.*...
    assert result.stderr == _deploy_refusal(leaks[0][0], len(leaks) - 1)
    assert "gh-pages" not in git("branch", "--list", cwd=remote)
    # rebuilt under the settings it is deployed with, the site goes out
    assert invoke(CliRunner(), "-C", root, "build", "--quiet").exit_code == 0
    assert invoke(CliRunner(), "-C", root, "deploy").exit_code == 0


def test_deploy_names_articles_with_no_license(tmp_path):
    """A Wikinews article whose license nothing states: the warning, and excerpts only on the site."""
    root = copy_project(tmp_path / "project", [WIKINEWS])
    facts = root / "content" / "facts" / f"{WIKINEWS_SLUG}.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("  license: CC BY 2.5\n", ""), encoding="utf-8")
    index = root / "content" / "articles" / "index.csv"
    index.write_text(index.read_text(encoding="utf-8").replace(",CC BY 2.5", ","), encoding="utf-8")
    runner = CliRunner()
    assert invoke(runner, "-C", root, "build", "--quiet").exit_code == 0
    assert load_record(facts)[0].article.license is None  # nothing in the article states one either
    check = invoke(runner, "-C", root, "check")
    assert f"warning: article `{WIKINEWS_SLUG}` has no known license" in check.stdout
    page = (root / "site" / "articles" / WIKINEWS_SLUG / "index.html").read_text(encoding="utf-8")
    assert "The full text is not republished here (license unknown)." in main_text(page)
    assert 'class="fs-text"' not in page and 'class="fs-credit"' not in page
    remote = tmp_path / "remote.git"
    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    git("init", "-q", cwd=root)
    git("remote", "add", "origin", str(remote), cwd=root)
    git("config", "user.name", "Fact Checker", cwd=root)
    git("config", "user.email", "checker@example.org", cwd=root)
    result = invoke(runner, "-C", root, "deploy")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: article `{WIKINEWS_SLUG}` has no known license: only excerpts of it are published "
        "(run `factsheet check`)", f"published {root / 'site'} to origin/gh-pages"]


# -- settings -------------------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ("excerpt_share: 2\n", "excerpt_share must be a number from 0 to 1 (e.g. 0.25 for a quarter), not 2"),
    ("excerpt_share: half\n", "excerpt_share must be a number from 0 to 1 (e.g. 0.25 for a quarter), not 'half'"),
    ("credits: [Wikinews]\n", "credits must map each publisher to its credit line "
                              "(e.g. Wikinews: From Wikinews, the free news source)"),
    ("open_licenses: CC BY\n", "open_licenses must be a list of license names (e.g. [CC BY, CC0])"),
])
def test_bad_license_settings_are_one_line_errors(tmp_path, text, message):
    (tmp_path / "factsheet.yml").write_text(text, encoding="utf-8")
    result = invoke(CliRunner(), "-C", tmp_path, "check")
    assert (result.exit_code, result.stderr) == (1, f"Error: {tmp_path / 'factsheet.yml'}: {message}\n")


def test_settings_defaults_and_credits(tmp_path):
    settings = load_project(tmp_path).settings
    assert settings.open_licenses == DEFAULTS and settings.excerpt_share == 0.25
    assert settings.credits == {"Wikinews": "From Wikinews, the free news source"}
    (tmp_path / "factsheet.yml").write_text("credits: {Springfield Herald: Courtesy of the Springfield Herald}\n"
                                            "excerpt_share: 0.1\n", encoding="utf-8")
    settings = load_project(tmp_path).settings
    assert settings.excerpt_share == 0.1
    assert settings.credits == {"Wikinews": "From Wikinews, the free news source",
                                "Springfield Herald": "Courtesy of the Springfield Herald"}


# -- helpers ------------------------------------------------------------------------------

def _within(evidence, spans):
    return any(s <= evidence.start and evidence.end <= e for s, e in spans)


def test_word_spans_cover_the_body_only():
    article = read_article(REPO / "content" / "articles" / f"{SEED}.txt")
    words = word_spans(article.text, article.paragraphs)
    assert article.text[words[0][0]:words[0][1]] == "A"  # the title is not the body
    assert article.text[words[-1][0]:words[-1][1]] == "Monday"  # nor is the copyright footer
    assert list(site_texts(Path("/nonexistent"))) == []
