"""Helpers shared by the site tests: a copy of the example project with a registry, a reviewed
fact and a hostile article.  (Not a conftest: the fixtures live in each test module.)"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
HOSTILE_TITLE = '<script>alert("title")</script> [x](javascript:alert(1)) {{ 7*7 }}'
HOSTILE_PARAGRAPH = ('Mallory said "<img src=x onerror=alert(1)>" at the <!-- hidden --> meeting. '
                     '{% raw %} **not bold** [link](javascript:alert(5)) &amp; done.')
HOSTILE_QUOTE = "<script>alert(2)</script> is what I said"


def copy_example(target):
    """A copy of the example project (articles, facts, mkdocs.yml) in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "content", target / "content")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def add_registry(root):
    (root / "content" / "entities.yaml").write_text(yaml.safe_dump({"entities": [
        {"id": "antonio-guterres", "name": "António Guterres", "kind": "person",
         "description": "Secretary-General of the United Nations since 2017.",
         "links": ["https://en.wikipedia.org/wiki/Ant%C3%B3nio_Guterres"]},
        {"id": "mallory", "description": "<script>alert(3)</script> *stars*",
         "links": ["https://example.org/mallory?a=1&b=2", "https://example.org/x\"onmouseover=\"alert(7)"]},
    ]}, allow_unicode=True), encoding="utf-8")


def mark_reviewed(root, fact_id="quote-3ed82cf5"):
    path = root / "content" / "facts" / "un-chief-russia-first.yaml"
    text = path.read_text(encoding="utf-8")
    new = re.sub(rf"(- id: {fact_id}\n    kind: quote\n    status: )(draft|reviewed)", r"\1reviewed", text)
    assert f"- id: {fact_id}\n    kind: quote\n    status: reviewed" in new  # the example may have it reviewed already
    path.write_text(new, encoding="utf-8")


def add_hostile_article(root):
    """An open-licensed article and its fact file, written by hand with exact offsets."""
    from factsheet.articles import read_article

    source = root / "sources" / "hostile.txt"  # outside content/articles: build will not re-extract it
    source.parent.mkdir()
    source.write_text(f"{HOSTILE_TITLE}\n\n{HOSTILE_PARAGRAPH}\n\n“{HOSTILE_QUOTE},” Mallory said.\n",
                      encoding="utf-8")
    article = read_article(source, root)
    sentence = f"“{HOSTILE_QUOTE},” Mallory said."
    start = article.text.index(sentence)
    record = {
        "schema": 1,
        "article": {"slug": "hostile", "title": HOSTILE_TITLE, "source": "sources/hostile.txt",
                    "sha256": hashlib.sha256(source.read_bytes()).hexdigest(), "publisher": "<i>Evil</i> Press",
                    "published": "2021-01-02", "license": "CC BY 4.0", "url": "javascript:alert(6)"},
        "entities": [{"id": "mallory", "name": "Mallory <b>M</b>", "kind": "person", "aliases": [],
                      "roles": ["{{ 7*7 }} <u>chief</u>"]}],
        "facts": [{"id": "quote-hostile", "kind": "quote", "status": "draft", "origin": "manual",
                   "text": HOSTILE_QUOTE, "speaker": "mallory",
                   "evidence": {"sentence": sentence, "start": start, "end": start + len(sentence)}}],
    }
    (root / "content" / "facts" / "hostile.yaml").write_text(yaml.safe_dump(record, allow_unicode=True,
                                                                            sort_keys=False), encoding="utf-8")


