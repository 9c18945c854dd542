#!/usr/bin/env python3
"""Score the plain pipeline of issue 3 on our reference sets, to compare sets with the hidden one.

usage: python eval/baseline.py [--fold] [--set NAME|all]

Issue 3 gives the scores of a plain pipeline on its hidden articles (spaCy
``en_core_web_sm`` entities as they come: people 0.82, organizations 0.59,
places 0.83). Running the same pipeline on our sets shows how hard each set is
next to the hidden one, and so how far our own scores can stand in for it.
Entities only (PERSON -> people, ORG -> organizations, GPE/LOC/FAC -> places);
quotes and figures are left out. ``--fold`` also drops a name whose words all
appear in a longer name of the same kind ("Blinken" beside "Antony Blinken"),
since the issue does not say whether its pipeline did.
"""

import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from run import SETS  # noqa: E402  (eval/ is not a package)
from score import score  # noqa: E402

from factsheet.articles import read_article  # noqa: E402
from factsheet.extract.nlp import load_pipeline  # noqa: E402

KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
COLUMNS = ("people", "organizations", "places")


def plain_entities(article, nlp, fold=False):
    """(kind, name) pairs of the tagger's entities in an article, first use first."""
    found = {}
    for doc in nlp.pipe(article.text[start:end] for start, end in article.paragraphs):
        for ent in doc.ents:
            if ent.label_ in KINDS:
                name = ent.text.removeprefix("the ").removeprefix("The ") if fold else ent.text
                found.setdefault((KINDS[ent.label_], name), None)
    if not fold:
        return list(found)
    return [(kind, name) for kind, name in found
            if not any(k == kind and n != name and set(name.split()) < set(n.split()) for k, n in found)]


def score_set(name, nlp, fold, out):
    articles, gold = SETS[name]
    for path in sorted((HERE / articles).glob("*.txt")):
        pairs = plain_entities(read_article(path), nlp, fold)
        record = {"article": {"slug": path.stem},
                  "entities": [{"id": f"e{i}", "name": n, "kind": k} for i, (k, n) in enumerate(pairs)]}
        (out / f"{path.stem}.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    return score(HERE / gold, out)


def main(argv):
    chosen = argv[argv.index("--set") + 1] if "--set" in argv else "all"
    names = list(SETS) if chosen == "all" else [chosen]
    nlp = load_pipeline()
    print(f"{'set':10}" + "".join(f"{c:>15}" for c in COLUMNS))
    for name in names:
        with tempfile.TemporaryDirectory() as tmp:
            result = score_set(name, nlp, "--fold" in argv, Path(tmp))
        print(f"{name:10}" + "".join(f"{result[c]['f1']:>15}" for c in COLUMNS), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
