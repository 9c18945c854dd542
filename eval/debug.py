#!/usr/bin/env python3
"""Show what extraction finds in one article (for tuning rules): python eval/debug.py FILE [quotes|entities|figures|events]"""
import sys
from pathlib import Path

from factsheet.articles import find_articles, read_article
from factsheet.extract import extract
from factsheet.extract.entities import find_entities
from factsheet.extract.nlp import analyse
from factsheet.extract.quotes import attribute, find_quote_spans, is_quotation
from factsheet.extract.roles import assign_roles

path = Path(sys.argv[1])
what = sys.argv[2] if len(sys.argv) > 2 else "quotes"
meta = dict(find_articles([path])[0][1])
article = read_article(path, meta=meta)
an = analyse(article.text, article.paragraphs)
index = find_entities(an)
assign_roles(index)
if what == "entities":
    for c in index.clusters:
        print(f"{c.kind:12} {c.name!r} aliases={c.aliases} roles={c.roles} labels={[m.label for m in c.mentions if m.tagged]}")
elif what == "quotes":
    spans = find_quote_spans(article.text, article.paragraphs)
    ok = [q for q in spans if is_quotation(q.text(article.text), article.text, q)]
    for q, a in zip(ok, attribute(ok, an, index)):
        print(f"[{a.how}] {a.speaker.name if a.speaker else None!r} verb={a.verb!r}: {q.text(article.text)[:90]!r}")
    for q in spans:
        if q not in ok:
            print("  (not a quote)", repr(q.text(article.text)[:60]))
else:
    record = extract(article)
    for f in record.facts:
        if f.kind == what.rstrip("s"):
            print(f.date or "", f.number, f.qualifier or "", "|", f.counts, "|", f.text[:100])
