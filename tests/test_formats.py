"""Article formats (issue 6): plain text, Markdown, saved web pages, collections, standard input.

Every sample is realistic: the seed article (The Hill) as the text file it is,
as Markdown with front matter and markup, and as a saved news page with
navigation, a cookie banner, share buttons, related links, comments and a site
footer; a Wikinews page saved from MediaWiki; Wikinews text files with an
``index.csv``.  The seed in all three formats must give the same facts.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.articles import find_articles, read_article, read_index, squash, with_title
from factsheet.cli import cli
from factsheet.errors import ArticleError
from factsheet.extract import extract, load_pipeline
from factsheet.extract.batch import plan
from factsheet.markdown import escape_markdown, render_markdown, to_markdown

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "formats"
ARTICLES = ROOT / "content" / "articles"
SEED_TXT = ARTICLES / "un-chief-russia-first.txt"
SEED_MD = DATA / "seed.md"
SEED_HTML = DATA / "seed.html"
WIKINEWS_TXT = ARTICLES / "0202-world-health-organization-names-new-coronavirus.txt"
WIKINEWS_HTML = DATA / "wikinews.html"
SEED_TITLE = "No significance to UN chief’s stop in Russia first, spokesman says"
SEED_URL = ("https://thehill.com/policy/international/"
            "3463723-no-significance-to-un-chiefs-stop-in-russia-first-spokesman-says/")
FOOTER = ("Copyright 2024 Nexstar Media Inc. All rights reserved. "
          "This material may not be published, broadcast, rewritten, or redistributed..")


def paragraphs(article):
    return [article.text[s:e] for s, e in article.paragraphs]


def seed_lines():
    """The seed file's lines: title, ten paragraphs, the footer."""
    return SEED_TXT.read_text(encoding="utf-8").split("\n")


def run(project, *args, input=None):
    return CliRunner().invoke(cli, ["-C", str(project), *args], input=input, catch_exceptions=False)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "content" / "articles").mkdir(parents=True)
    return tmp_path


# -- plain text ------------------------------------------------------------------

def test_seed_layout_title_paragraph_per_line_and_footer():
    article = read_article(SEED_TXT)
    lines = seed_lines()
    assert article.format == "text"
    assert article.title == SEED_TITLE
    assert paragraphs(article) == lines[1:-1]
    assert article.text == SEED_TXT.read_text(encoding="utf-8")
    assert article.meta == {"copyright": "Copyright 2024 Nexstar Media Inc.", "publisher": "Nexstar Media Inc.",
                            "license": "All rights reserved"}
    assert not any("Nexstar" in p for p in paragraphs(article))


def test_blank_line_layout_of_the_wikinews_articles():
    article = read_article(WIKINEWS_TXT)
    blocks = WIKINEWS_TXT.read_text(encoding="utf-8").strip().split("\n\n")
    assert article.title == blocks[0] == "World Health Organization names new coronavirus COVID-19"
    assert paragraphs(article) == blocks[1:]
    assert article.meta == {}


def test_title_blank_line_then_one_paragraph_per_line(tmp_path):
    lines = seed_lines()
    path = tmp_path / "seed.txt"
    path.write_text(lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == SEED_TITLE
    assert paragraphs(article) == lines[1:-1]
    assert article.meta["license"] == "All rights reserved"


def test_hard_wrapped_paragraphs_stay_whole(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text("Storm closes schools\n\n"
                    "Schools across the county closed on Monday as the storm brought\n"
                    "heavy snow, the superintendent said.\n\n"
                    "Officials said roads would be cleared by Tuesday, according to the\n"
                    "county's public works department.\n", encoding="utf-8")
    article = read_article(path)
    assert paragraphs(article) == [
        "Schools across the county closed on Monday as the storm brought\nheavy snow, the superintendent said.",
        "Officials said roads would be cleared by Tuesday, according to the\ncounty's public works department.",
    ]


def test_windows_line_endings_are_normalised_and_offsets_index_the_result(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\r\n".join(seed_lines()).encode("utf-8"))
    article = read_article(path)
    assert "\r" not in article.text
    assert paragraphs(article) == seed_lines()[1:-1]


@pytest.mark.parametrize("footer, expected", [
    (FOOTER, {"copyright": "Copyright 2024 Nexstar Media Inc.", "publisher": "Nexstar Media Inc.",
              "license": "All rights reserved"}),
    ("© 2023 Reuters. All rights reserved.", {"copyright": "© 2023 Reuters", "publisher": "Reuters",
                                              "license": "All rights reserved"}),
    ("Copyright © 2021 The Associated Press. All rights reserved. This material may not be published, "
     "broadcast, rewritten or redistributed without permission.",
     {"copyright": "Copyright © 2021 The Associated Press", "publisher": "The Associated Press",
      "license": "All rights reserved"}),
    ("© 1998 - 2024 Nexstar Media Inc. | All Rights Reserved.",
     {"copyright": "© 1998 - 2024 Nexstar Media Inc.", "publisher": "Nexstar Media Inc.",
      "license": "All rights reserved"}),
])
def test_copyright_footers_become_metadata_never_paragraphs(tmp_path, footer, expected):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nThe council voted 7-2 on Monday, the mayor said.\n\n" + footer + "\n", encoding="utf-8")
    article = read_article(path)
    assert paragraphs(article) == ["The council voted 7-2 on Monday, the mayor said."]
    assert article.meta == expected


@pytest.mark.parametrize("last", [
    "Copyright law, he said, has not kept up with software.",
    "((WN)) Who owns the copyright on the test videos?",
    "The ruling is expected to be appealed, and © symbols alone do not protect a work, she said.",
])
def test_news_about_copyright_is_not_a_footer(tmp_path, last):
    path = tmp_path / "a.txt"
    path.write_text(f"Title\n\nThe court heard the case on Monday.\n\n{last}\n", encoding="utf-8")
    article = read_article(path)
    assert paragraphs(article)[-1] == last
    assert "license" not in article.meta


def test_a_date_only_first_paragraph_is_a_dateline_not_news(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nWednesday, February 12, 2020\n\nOn Tuesday, the WHO named the disease.\n",
                    encoding="utf-8")
    article = read_article(path)
    assert paragraphs(article) == ["On Tuesday, the WHO named the disease."]
    assert article.meta == {"published": "2020-02-12"}


def test_the_seed_footer_never_becomes_a_fact():
    record = extract(read_article(SEED_TXT, meta={"published": "2022-04-25"}), nlp=load_pipeline())
    assert record.facts
    assert not any("Nexstar" in f.evidence.sentence or "redistributed" in f.evidence.sentence
                   for f in record.facts)
    assert record.article.copyright == "Copyright 2024 Nexstar Media Inc."


# -- Markdown ----------------------------------------------------------------------

def test_seed_markdown_front_matter_and_a_clean_rendering():
    article = read_article(SEED_MD)
    assert article.format == "markdown"
    assert article.title == SEED_TITLE
    assert article.meta == {"published": "2022-04-25", "author": "Sam Rivera", "publisher": "The Hill",
                            "url": SEED_URL, "copyright": "Copyright 2024 Nexstar Media Inc.",
                            "license": "All rights reserved"}
    # the same paragraphs as the text file, although the Markdown has links,
    # emphasis, an image, an HTML comment, a subheading and hard-wrapped lines
    assert paragraphs(article) == seed_lines()[1:-1]
    for markup in ("*", "](", "![", "<!--", "guterres.jpg", "https://", "#", "\n\n\n"):
        assert markup not in article.text
    assert 'A "very strong and clear message"' in article.text  # the subheading: text, not a paragraph


MARKDOWN_SAMPLE = """\
---
title: "Council approves budget: what changes"
date: 2024-03-05T18:30:00-05:00
authors:
  - Ana Ruiz
  - Tom Lee
site_name: Springfield Herald
canonical_url: https://herald.example/news/budget
license: CC BY-SA 4.0
---

# Council approves budget

Tuesday, March 5, 2024

The city council approved a **$4.2 million** budget on Tuesday, Mayor
[Jane Doe](https://example.com/doe "profile") said. <span class="x">It passed</span> 7&ndash;2 \\*after\\* a
long debate.<br>

> "We made hard choices," Doe said in a statement.  
> "Nobody got everything."

![Council chamber](chamber.jpg)

- Parks get `$300,000` more.
- Libraries keep their hours.

```
Line item | Amount
```

| Item | Amount |
|------|--------|
| Parks | 300,000 |

<div class="ad">Advertisement</div>

The vote follows ~~two~~ three public hearings.

## Related stories

- [Council delays vote](https://herald.example/news/delay)
"""


def test_markdown_markup_lists_quotes_code_tables_and_html(tmp_path):
    path = tmp_path / "budget.md"
    path.write_text(MARKDOWN_SAMPLE, encoding="utf-8")
    article = read_article(path)
    assert article.title == "Council approves budget: what changes"
    assert article.meta == {"published": "2024-03-05", "author": "Ana Ruiz, Tom Lee",
                            "publisher": "Springfield Herald", "url": "https://herald.example/news/budget",
                            "license": "CC BY-SA 4.0"}
    assert article.text == (
        "Council approves budget: what changes\n\n"  # the title, then the body's own heading
        "Council approves budget\n\n"
        "Tuesday, March 5, 2024\n\n"
        "The city council approved a $4.2 million budget on Tuesday, Mayor Jane Doe said. "
        "It passed 7–2 *after* a long debate.\n\n"
        "\"We made hard choices,\" Doe said in a statement. \"Nobody got everything.\"\n\n"
        "Parks get $300,000 more.\n\n"
        "Libraries keep their hours.\n\n"
        "The vote follows two three public hearings.\n\n"
        "Related stories\n\n"
        "Council delays vote")
    assert paragraphs(article) == [
        "The city council approved a $4.2 million budget on Tuesday, Mayor Jane Doe said. "
        "It passed 7–2 *after* a long debate.",
        "\"We made hard choices,\" Doe said in a statement. \"Nobody got everything.\"",
        "Parks get $300,000 more.",
        "Libraries keep their hours.",
        "The vote follows two three public hearings.",
    ]


def test_markdown_title_from_a_first_heading_else_the_file_name(tmp_path):
    (tmp_path / "a.md").write_text("# Dam breaks after storm\n\nWater flooded the valley on Sunday.\n",
                                   encoding="utf-8")
    (tmp_path / "dam-report.md").write_text("Water flooded the valley on Sunday.\n", encoding="utf-8")
    first = read_article(tmp_path / "a.md")
    assert first.title == "Dam breaks after storm"
    assert first.text == "Dam breaks after storm\n\nWater flooded the valley on Sunday."
    assert paragraphs(first) == ["Water flooded the valley on Sunday."]
    untitled = read_article(tmp_path / "dam-report.md")
    assert untitled.title == "dam-report"
    assert untitled.text == "Water flooded the valley on Sunday."


def test_the_front_matter_title_opens_the_text_like_a_text_files_first_line(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Dam breaks after storm\n---\n\nWater flooded the valley on Sunday.\n",
                    encoding="utf-8")
    assert read_article(path).text == "Dam breaks after storm\n\nWater flooded the valley on Sunday."


@pytest.mark.parametrize("front, message", [
    ("title: Budget: the vote\n", r"a\.md:2: invalid YAML front matter .*\(quote values that contain ': '\)"),
    ("- just\n- a list\n", r"a\.md:2: front matter must be a mapping"),
    ("title: Budget\ndate: next Tuesdayish\n", r"a\.md: front matter: `published`: 'next Tuesdayish' is not a date"),
])
def test_bad_front_matter_is_one_clear_error(tmp_path, front, message):
    path = tmp_path / "a.md"
    path.write_text(f"---\n{front}---\n\nThe council met.\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=message):
        read_article(path)


def test_front_matter_dates_in_other_spellings_and_a_source_address(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ndate: April 25, 2022\nsource: https://herald.example/a\n---\n\nThe council met.\n",
                    encoding="utf-8")
    assert read_article(path).meta == {"published": "2022-04-25", "url": "https://herald.example/a"}


def test_bad_article_on_the_command_line_is_one_line_and_exit_1(project):
    bad = project / "content" / "articles" / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    (project / "content" / "articles" / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    result = run(project, "extract", "-j", "1", "-q")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    # each failed article on its own line, then one Error: line that counts them
    assert any(re.match(r"\S*bad\.md:2: invalid YAML front matter \(while parsing a flow sequence", line) for line in lines)
    assert any(re.match(r"\S*photo\.html: not a text file \(binary data", line) for line in lines)
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 1 and errors[0].startswith("Error: 2 article(s) failed")
    assert "Traceback" not in result.output


line_text = st.text(
    alphabet=st.one_of(st.sampled_from(list("\\`*_[]<>~&#;!-+=|.)(0123456789 aZ\t\u00a0\"'“”")),
                       st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))),
    max_size=60).map(squash).filter(bool)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["paragraph", "heading"]), line_text), min_size=1, max_size=5),
       line_text, line_text)
def test_saved_markdown_renders_back_to_the_same_text(blocks, title, author):
    """What `factsheet add` saves reads back as exactly the text and metadata it saved."""
    saved = to_markdown({"title": title, "author": author, "url": "https://a.example/x"}, blocks)
    text, read_title, _, meta = render_markdown(saved, "x.md")
    assert text == "\n\n".join(line for _, line in with_title(blocks, title))
    assert text.startswith(title)
    assert read_title == title
    assert meta["url"] == "https://a.example/x" and meta["author"] == author


def test_escaping_keeps_the_saved_file_readable():
    assert escape_markdown("He said “no” on Monday.") == "He said “no” on Monday."
    assert escape_markdown("1986. The year *it* began & ended &amp; <b>") == \
        "1986\\. The year \\*it\\* began & ended \\&amp; \\<b>"


# -- saved web pages -------------------------------------------------------------

BOILERPLATE = ("cookies", "Accept all", "Privacy Policy", "Newsletters", "Search", "Advertisement",
               "Share on Facebook", "Related:", "Blinken, Austin make first visit", "(AP Photo)",
               "Most Popular", "Senate passes", "Comments", "patriot1776", "Nobody listens",
               "Talking to both sides", "1625 K STREET", "Tags", "Policy ›")


def test_saved_news_page_keeps_only_the_article():
    article = read_article(SEED_HTML)
    assert article.format == "html"
    for junk in BOILERPLATE:
        assert junk not in article.text, junk
    assert paragraphs(article) == seed_lines()[1:-1]
    assert article.text == SEED_TITLE + "\n\n" + "\n\n".join(seed_lines()[1:])
    assert article.title == SEED_TITLE
    assert article.meta == {"published": "2022-04-25", "author": "Sam Rivera", "publisher": "The Hill",
                            "url": SEED_URL, "copyright": "Copyright 2024 Nexstar Media Inc.",
                            "license": "All rights reserved"}


def test_saved_wikinews_page_license_link_dateline_and_sources():
    article = read_article(WIKINEWS_HTML)
    text_version = read_article(WIKINEWS_TXT)
    assert paragraphs(article) == paragraphs(text_version)
    assert article.title == text_version.title
    assert article.meta["license"] == "CC BY 2.5"
    assert article.meta["published"] == "2020-02-12"
    assert article.meta["url"] == "https://en.wikinews.org/wiki/World_Health_Organization_names_new_coronavirus_COVID-19"
    for junk in ("Help Wikinews grow", "Jump to navigation", "Related articles", "Image: ITU",
                 "Categories", "Navigation menu", "last edited", "Create account"):
        assert junk not in article.text, junk
    # the sources list stays in the rendering but is no paragraph (so no facts)
    assert "STAT News" in article.text
    assert not any("STAT News" in p for p in paragraphs(article))


def test_local_news_page_with_promos_newsletter_comments_and_byline():
    article = read_article(DATA / "harbour.html")
    assert article.title == "Bridge reopens after repairs"
    assert paragraphs(article) == [
        "The Harbour Bridge reopened to traffic on Friday after eight months of repairs, the city’s transport "
        "department said in a statement.",
        "“We are glad to give the bridge back to the people who use it every day,” transport commissioner "
        "Lena Ortiz told reporters at the reopening ceremony.",
        "The repairs cost $48 million, about $6 million more than planned, because corroded steel had to be "
        "replaced along the whole eastern span.",
    ]
    for junk in ("READ MORE", "Tunnel tolls", "newsletter", "Sign up", "cookies", "harbourdad", "Took them long",
                 "Trending", "Storm closes", "Facebook", "About us", "Subscribe"):
        assert junk not in article.text, junk
    assert article.meta == {"author": "Sam Rivera", "published": "2024-06-07", "publisher": "Harbour Times",
                            "url": "https://harbourtimes.example/local/2024/06/07/bridge-reopens",
                            "copyright": "© 2024 Harbour Media Group Ltd.", "license": "All rights reserved"}


def page(body, head="", lang="en", charset="utf-8"):
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}">{head}</head><body>'
            f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>{body}</body></html>')


STORY = ("<article><h1>Bridge reopens after repairs</h1>"
         "<p>The Harbour Bridge reopened to traffic on Friday after eight months of repairs, the city’s "
         "transport department said in a statement.</p>"
         "<p>“We are glad to give the bridge back to the people who use it every day,” transport "
         "commissioner Lena Ortiz told reporters at the reopening ceremony.</p>"
         "<p>The repairs cost $48 million, about $6 million more than planned, because corroded steel "
         "had to be replaced along the whole eastern span.</p></article>")


def test_site_footer_copyright_fills_gaps_but_page_metadata_wins(tmp_path):
    path = tmp_path / "bridge.html"
    footer = "<footer><p class='legal'>&copy; 2024 Harbour Media Group Ltd. All rights reserved.</p></footer>"
    path.write_text(page(STORY + footer, '<meta property="og:site_name" content="Harbour Times">'),
                    encoding="utf-8")
    article = read_article(path)
    assert article.meta["publisher"] == "Harbour Times"  # the page's metadata, not the footer's holder
    assert article.meta["copyright"] == "© 2024 Harbour Media Group Ltd."
    assert article.meta["license"] == "All rights reserved"
    assert len(article.paragraphs) == 3


def test_rel_license_link_in_the_head(tmp_path):
    path = tmp_path / "bridge.html"
    path.write_text(page(STORY, '<link rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">'),
                    encoding="utf-8")
    assert read_article(path).meta["license"] == "CC BY-SA 4.0"


def test_a_saved_fragment_of_a_page(tmp_path):
    path = tmp_path / "fragment.html"
    path.write_text("<p>The Harbour Bridge reopened to traffic on Friday after eight months of repairs.</p>\n"
                    "<p>&ldquo;We are glad,&rdquo; Lena Ortiz said.</p>", encoding="utf-8")
    assert paragraphs(read_article(path)) == [
        "The Harbour Bridge reopened to traffic on Friday after eight months of repairs.",
        "“We are glad,” Lena Ortiz said."]


def test_declared_windows_1252_page_decodes(tmp_path):
    path = tmp_path / "bridge.html"
    path.write_bytes(page(STORY, charset="windows-1252").encode("cp1252"))
    article = read_article(path)
    assert "the city’s transport department" in article.text
    assert "“We are glad" in paragraphs(article)[1]


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "not a text file (binary data"),
    (page("<nav><a href='/'>Home</a></nav>").encode(), "no article text found in the page"),
    (b"  \n", "the page is empty"),
])
def test_pages_without_an_article_are_one_clear_error(tmp_path, content, message):
    path = tmp_path / "p.html"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as info:
        read_article(path)
    assert str(info.value).startswith(f"{path}: {message}")
    assert "\n" not in str(info.value)


# -- the same facts from every format -----------------------------------------

def signature(article):
    """What must not depend on the format: facts (kind, words, speaker, figures, dates, mentions) and entities."""
    record = extract(article, nlp=load_pipeline())
    names = {e.id: e.name for e in record.entities}
    for fact in record.facts:  # offsets always slice the article text to the sentence
        assert article.text[fact.evidence.start:fact.evidence.end] == fact.evidence.sentence
    facts = sorted((f.id, f.kind, f.text, names.get(f.speaker), f.verb, f.number, f.unit, f.counts, f.date,
                    tuple(sorted(names.get(a, a) for a in f.about))) for f in record.facts)
    entities = sorted((e.name, e.kind, tuple(e.aliases), tuple(e.roles)) for e in record.entities)
    return facts, entities


def test_seed_as_text_markdown_and_web_page_gives_the_same_facts(tmp_path):
    text = signature(read_article(SEED_TXT, meta={"published": "2022-04-25"}))
    markdown = signature(read_article(SEED_MD))
    html = signature(read_article(SEED_HTML))
    # the title only in the front matter (no "# heading"): the headline is still read
    no_heading = tmp_path / "seed.md"
    no_heading.write_text(SEED_MD.read_text(encoding="utf-8").replace(f"# {SEED_TITLE}\n", ""), encoding="utf-8")
    assert signature(read_article(no_heading)) == text
    assert len(text[0]) > 10
    assert {f[1] for f in text[0]} >= {"quote", "figure"}
    assert {f[3] for f in text[0] if f[1] == "quote"} >= {"Farhan Haq", "Antony Blinken"}
    assert markdown == text
    assert html == text


def test_wikinews_text_and_page_give_the_same_facts():
    text = signature(read_article(WIKINEWS_TXT, meta={"published": "2020-02-12"}))
    assert signature(read_article(WIKINEWS_HTML)) == text


def test_markdown_evidence_is_free_of_markup(tmp_path):
    path = tmp_path / "budget.md"
    path.write_text(MARKDOWN_SAMPLE, encoding="utf-8")
    article = read_article(path)
    record = extract(article, nlp=load_pipeline())
    assert record.facts
    for fact in record.facts:
        assert article.text[fact.evidence.start:fact.evidence.end] == fact.evidence.sentence
        assert not re.search(r"\*\*|\]\(|<span|&ndash;|^> ", fact.evidence.sentence)


# -- collections -------------------------------------------------------------------

def test_wikinews_collection_index_gives_each_article_its_metadata():
    entries = dict(find_articles([ARTICLES]))
    assert len(entries) == 26
    seed = entries[SEED_TXT]
    assert seed == {"title": SEED_TITLE, "published": "2022-04-25", "publisher": "The Hill",
                    "license": "All rights reserved", "url": "https://thehill.com/policy/international/"
                    "3463723-no-significance-to-un-chiefs-stop-in-russia-first-spokesman-says/"}
    meta = entries[WIKINEWS_TXT]
    assert meta["url"] == "https://en.wikinews.org/wiki/World_Health_Organization_names_new_coronavirus_COVID-19"
    assert meta["license"] == "CC BY 2.5" and meta["published"] == "2020-02-14"
    assert not any(p.name == "README.md" for p in entries)


def test_corpus_style_index_with_mixed_formats_and_subfolders(tmp_path):
    folder = tmp_path / "news"
    (folder / "2022").mkdir(parents=True)
    shutil.copy(WIKINEWS_TXT, folder / "who.txt")
    shutil.copy(SEED_MD, folder / "2022" / "seed.md")
    shutil.copy(SEED_HTML, folder / "2022" / "seed.html")
    (folder / "index.csv").write_text(
        "file,title,date,source,url,license\n"
        "who.txt,WHO names COVID-19,2020-02-11,Wikinews via a corpus,https://en.wikinews.org/wiki/WHO,CC BY 2.5\n"
        "2022/seed.md,,\"April 26, 2022\",,,\n"
        "./2022/seed.html,The Hill: UN chief,,,,\n", encoding="utf-8")
    entries = dict(find_articles([folder]))
    assert entries[folder / "who.txt"] == {"title": "WHO names COVID-19", "published": "2020-02-11",
                                           "url": "https://en.wikinews.org/wiki/WHO", "license": "CC BY 2.5"}
    assert entries[folder / "2022" / "seed.md"] == {"published": "2022-04-26"}
    who = read_article(folder / "who.txt", meta=entries[folder / "who.txt"])
    assert who.title == "WHO names COVID-19" and who.meta["license"] == "CC BY 2.5"
    # the index wins over the front matter, keeps what it does not set
    seed = read_article(folder / "2022" / "seed.md", meta=entries[folder / "2022" / "seed.md"])
    assert seed.meta["published"] == "2022-04-26" and seed.meta["author"] == "Sam Rivera"
    page_ = read_article(folder / "2022" / "seed.html", meta=entries[folder / "2022" / "seed.html"])
    assert page_.title == "The Hill: UN chief" and page_.meta["url"] == SEED_URL


@pytest.mark.parametrize("csv_text, message", [
    ("name,title\na.txt,A\n", r"index\.csv:1: index.csv has no `file` column"),
    ("file,date\na.txt,someday soon\n", r"index\.csv:2: `published`: 'someday soon' is not a date"),
])
def test_bad_index_is_one_clear_error(tmp_path, csv_text, message):
    (tmp_path / "index.csv").write_text(csv_text, encoding="utf-8")
    with pytest.raises(ArticleError, match=message):
        read_index(tmp_path)


def test_precedence_text_then_file_then_index_then_date_flag(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_MD, folder / "seed.md")
    shutil.copy(SEED_TXT, folder / "seed.txt")
    (folder / "index.csv").write_text("file,publisher,date\nseed.txt,The Hill,2022-04-25\n"
                                      "seed.md,The Hill (online),\n", encoding="utf-8")
    out = tmp_path / "facts"
    jobs, _, failures = plan([folder], out, tmp_path, date=None, license="CC BY 4.0")
    assert not failures
    metas = {Path(j.path).name: read_article(j.path, meta=j.meta, defaults=j.defaults).meta for j in jobs}
    # text: the footer says Nexstar; the index says The Hill and wins
    assert metas["seed.txt"]["publisher"] == "The Hill"
    assert metas["seed.txt"]["published"] == "2022-04-25"
    # front matter wins over the footer; the index wins over the front matter
    assert metas["seed.md"]["publisher"] == "The Hill (online)"
    assert metas["seed.md"]["published"] == "2022-04-25"
    # --license never overrides a stated license ("All rights reserved" from the footer)
    assert metas["seed.md"]["license"] == metas["seed.txt"]["license"] == "All rights reserved"
    # --date wins over the front matter and the index
    jobs, _, _ = plan([folder], out, tmp_path, date="2022-05-01")
    assert {read_article(j.path, meta=j.meta).meta["published"] for j in jobs} == {"2022-05-01"}


def test_license_flag_fills_in_when_nothing_states_one(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(WIKINEWS_TXT, folder / "who.txt")
    jobs, _, _ = plan([folder], tmp_path / "facts", tmp_path, license="CC BY 2.5")
    assert read_article(jobs[0].path, meta=jobs[0].meta, defaults=jobs[0].defaults).meta == {"license": "CC BY 2.5"}


def test_metadata_reaches_the_fact_record(project):
    articles = project / "content" / "articles"
    shutil.copy(SEED_HTML, articles / "seed.html")
    shutil.copy(WIKINEWS_TXT, articles / "who.txt")
    (articles / "index.csv").write_text("file,title,date,publisher,url,license\n"
                                        "who.txt,,2020-02-14,Wikinews,https://en.wikinews.org/wiki/WHO,CC BY 2.5\n",
                                        encoding="utf-8")
    result = run(project, "extract", "-j", "1", "--date", "2022-04-26")
    assert result.exit_code == 0, result.output
    seed = yaml.safe_load((project / "content" / "facts" / "seed.yaml").read_text(encoding="utf-8"))["article"]
    assert seed["publisher"] == "The Hill" and seed["author"] == "Sam Rivera" and seed["url"] == SEED_URL
    assert seed["license"] == "All rights reserved" and seed["copyright"] == "Copyright 2024 Nexstar Media Inc."
    assert str(seed["published"]) == "2022-04-26"  # --date wins over the page's date
    assert seed["source"] == "content/articles/seed.html"
    who = yaml.safe_load((project / "content" / "facts" / "who.yaml").read_text(encoding="utf-8"))["article"]
    assert who["publisher"] == "Wikinews" and who["license"] == "CC BY 2.5"
    assert who["url"] == "https://en.wikinews.org/wiki/WHO"
    assert run(project, "check").exit_code == 0  # the offsets slice the rendering, read again from the file
    # metadata added to the index later reaches the record on the next run
    (articles / "index.csv").write_text("file,title,date,publisher,url,license,author\n"
                                        "who.txt,,2020-02-14,Wikinews,https://en.wikinews.org/wiki/WHO,CC BY 2.5,"
                                        "Wikinews contributors\n", encoding="utf-8")
    result = run(project, "extract", "-j", "1", "--date", "2022-04-26")
    assert result.exit_code == 0, result.output
    who = yaml.safe_load((project / "content" / "facts" / "who.yaml").read_text(encoding="utf-8"))["article"]
    assert who["author"] == "Wikinews contributors"


# -- standard input ------------------------------------------------------------------

def test_extract_reads_one_article_from_standard_input(project):
    result = run(project, "extract", "-", "-j", "1", "--date", "2022-04-25", input=SEED_TXT.read_bytes())
    assert result.exit_code == 0, result.output
    target = project / "content" / "facts" / "no-significance-to-un-chiefs-stop-in-russia-first-spokesman-says.yaml"
    record = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert record["article"]["source"] == "-"
    assert record["article"]["title"] == SEED_TITLE
    assert str(record["article"]["published"]) == "2022-04-25"
    assert record["article"]["license"] == "All rights reserved"
    assert any(f["kind"] == "quote" for f in record["facts"])


@pytest.mark.parametrize("sample, fmt", [(SEED_HTML, "html"), (SEED_MD, "markdown")])
def test_standard_input_recognises_web_pages_and_front_matter(sample, fmt):
    article = read_article("-", raw=sample.read_bytes())
    assert article.format == fmt
    assert article.title == SEED_TITLE
    assert paragraphs(article) == seed_lines()[1:-1]
    assert article.meta["url"] == SEED_URL


def test_standard_input_cannot_be_mixed_with_paths(project):
    result = run(project, "extract", "-", str(SEED_TXT), input=b"x")
    assert result.exit_code == 2
    assert "`-` (standard input) cannot be combined with other paths" in result.output
