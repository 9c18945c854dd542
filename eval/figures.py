#!/usr/bin/env python3
"""For each missed reference figure, show predicted figures with the same value: python eval/figures.py FACTS_DIR."""
import sys
from pathlib import Path

import yaml

facts = Path(sys.argv[1])
GOLD = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent / "gold"
for gold_file in sorted(GOLD.glob("*.gold.yaml")):
    stem = gold_file.name[:-len(".gold.yaml")]
    gold = yaml.safe_load(gold_file.read_text()).get("figures") or []
    fact_file = facts / f"{stem}.yaml"
    pred = [f for f in yaml.safe_load(fact_file.read_text())["facts"] if f["kind"] == "figure"]
    for g in gold:
        same = [p for p in pred if p.get("number") is not None and g.get("value") is not None
                and abs(float(p["number"]) - float(g["value"])) <= 0.01 * abs(float(g["value"])) + 1e-9]
        print(f"{stem[:25]:25} gold {g['text']!r:28} {g.get('value')!s:10} {g.get('counts')!r:28} pred: "
              + "; ".join(f"{p['text']!r}/{p.get('counts')!r}" for p in same))
    golds = {g.get("value") for g in gold}
    for p in pred:
        if p.get("number") not in golds:
            print(f"{stem[:25]:25} EXTRA {p['text']!r} {p.get('number')} {p.get('counts')!r}")
