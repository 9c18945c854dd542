"""The article reader: layouts, metadata from index.csv and the footer, and offsets."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.articles import find_articles, parse_footer, read_article, read_index, split_paragraphs
from factsheet.errors import ArticleError
from helpers import DATA, REPO, SEED, WIKINEWS

SEED_TITLE = "No significance to UN chief’s stop in Russia first, spokesman says"


@pytest.fixture(scope="module")
def seed():
    return read_article(SEED, project_root=DATA)


# -- the seed layout: title line, one paragraph per line, copyright footer ---

def test_seed_title_is_the_first_line(seed):
    assert seed.title == SEED_TITLE


def test_seed_has_one_paragraph_per_line(seed):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body_lines = lines[1:-1]  # neither the title nor the footer
    assert len(body_lines) == 10
    assert [seed.text[s:e] for s, e in seed.paragraphs] == body_lines


def test_seed_footer_gives_copyright_and_license_not_a_paragraph(seed):
    assert seed.meta["copyright"] == "Copyright 2024 Nexstar Media Inc."
    assert seed.meta["license"] == "All rights reserved"
    assert all("Nexstar" not in seed.text[s:e] for s, e in seed.paragraphs)


def test_seed_identity(seed):
    raw = SEED.read_bytes()
    assert seed.sha256 == hashlib.sha256(raw).hexdigest()
    assert seed.text == raw.decode("utf-8")
    assert seed.slug == "un-chief-russia-first"
    assert seed.source == "un-chief-russia-first.txt"  # relative to the project root given


def test_no_date_without_metadata(seed):
    assert seed.meta.get("published") is None


# -- the Wikinews layout: headline, blank line, blank-line paragraphs -------

def test_blank_line_layout():
    path = REPO / "content" / "articles" / WIKINEWS
    article = read_article(path, project_root=REPO)
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    assert article.title == "Russia's Navalny airlifted to Germany" == blocks[0]
    assert [article.text[s:e] for s, e in article.paragraphs] == blocks[1:]
    assert article.source == f"content/articles/{WIKINEWS}"
    assert "copyright" not in article.meta


def test_blank_lines_keep_hard_wrapped_lines_in_one_paragraph(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text("Headline here\n\nFirst line of a paragraph\nwrapped onto a second.\n\nAnother one.\n",
                    encoding="utf-8")
    article = read_article(path)
    assert article.title == "Headline here"
    assert [article.text[s:e] for s, e in article.paragraphs] == [
        "First line of a paragraph\nwrapped onto a second.", "Another one."]


def test_title_line_followed_directly_by_blank_line_paragraphs(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Headline\nFirst paragraph.\n\nSecond paragraph.\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Headline"
    assert [article.text[s:e] for s, e in article.paragraphs] == ["First paragraph.", "Second paragraph."]


# -- offsets -----------------------------------------------------------------

def test_crlf_and_bom_are_normalised_and_offsets_index_the_result(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("\ufeffTitle\r\n\r\nOne “quote”.\r\n\r\nTwo.\r\n".encode("utf-8"))
    article = read_article(path)
    assert article.text == "Title\n\nOne “quote”.\n\nTwo.\n"
    assert [article.text[s:e] for s, e in article.paragraphs] == ["One “quote”.", "Two."]
    assert article.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_windows_1252_text_is_decoded(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Title\n\nCaf\xe9 prices rose \x9330%\x94.\n".encode("latin-1"))
    article = read_article(path)
    assert [article.text[s:e] for s, e in article.paragraphs] == ["Café prices rose “30%”."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n\t\r“”é"), max_size=80))
def test_paragraph_offsets_are_trimmed_ordered_and_cover_every_word(text):
    spans = split_paragraphs(text, 0, len(text))
    previous_end = 0
    for start, end in spans:
        piece = text[start:end]
        assert piece and piece == piece.strip()
        assert start >= previous_end
        previous_end = end
    assert " ".join(text[s:e] for s, e in spans).split() == text.split()


# -- metadata: index.csv and the footer ----------------------------------------

def test_index_csv_metadata_of_the_example_articles():
    index = read_index(REPO / "content" / "articles")
    seed = index["un-chief-russia-first.txt"]
    assert seed == {"title": SEED_TITLE, "published": "2022-04-25", "publisher": "The Hill",
                    "license": "All rights reserved",  # the original's address: its page links to it
                    "url": "https://thehill.com/policy/international/"
                           "3463723-no-significance-to-un-chiefs-stop-in-russia-first-spokesman-says/"}
    wikinews = index[WIKINEWS]
    assert wikinews["license"] == "CC BY 2.5"
    assert wikinews["url"].startswith("https://en.wikinews.org/wiki/")


def test_index_csv_wins_over_the_footer():
    folder = REPO / "content" / "articles"
    pairs = dict(find_articles([folder]))
    path = folder / "un-chief-russia-first.txt"
    article = read_article(path, REPO, meta=pairs[path])
    assert article.meta["publisher"] == "The Hill"  # the footer alone says Nexstar Media Inc.
    assert article.meta["published"] == "2022-04-25"
    assert article.meta["copyright"] == "Copyright 2024 Nexstar Media Inc."


def test_find_articles_skips_documentation_and_sorts():
    folder = REPO / "content" / "articles"
    paths = [p for p, _ in find_articles([folder])]
    assert folder / "README.md" not in paths
    assert paths == sorted(paths)
    assert len(paths) == len(list(folder.glob("*.txt")))


def test_index_csv_dates_become_iso_and_need_a_file_column(tmp_path):
    (tmp_path / "index.csv").write_text("file,date,url\na.txt,2020-03-01T10:00:00Z,https://x.test/a\n",
                                        encoding="utf-8")
    assert read_index(tmp_path) == {"a.txt": {"published": "2020-03-01", "url": "https://x.test/a"}}
    (tmp_path / "index.csv").write_text("name,date\na.txt,2020-03-01\n", encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        read_index(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'index.csv'}:1: index.csv has no `file` column")


@pytest.mark.parametrize("line, expected", [
    ("Copyright 2024 Nexstar Media Inc. All rights reserved. This material may not be published.",
     {"copyright": "Copyright 2024 Nexstar Media Inc.", "publisher": "Nexstar Media Inc.",
      "license": "All rights reserved"}),
    ("© 2019 Example News Ltd.", {"copyright": "© 2019 Example News Ltd.", "publisher": "Example News Ltd."}),
    ("Nothing to see here.", {}),
])
def test_parse_footer(line, expected):
    assert parse_footer(line) == expected


# -- bad input -------------------------------------------------------------------

def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value) == (f"{path}: not a text file (binary data such as an image or PDF) "
                                 "(give a .txt, .md or .html article)")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ArticleError) as caught:
        find_articles([tmp_path / "nope"])
    assert str(caught.value) == f"{tmp_path / 'nope'}: no such file or folder (give article files or folders)"
