#!/usr/bin/env python3
"""Compare roles of matched people: python eval/roles.py FACTS_DIR (after eval/run.py --keep FACTS_DIR)."""
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from score import person_match, toks  # noqa: E402

facts = Path(sys.argv[1])
GOLD = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent / "gold"
for gold_file in sorted(GOLD.glob("*.gold.yaml")):
    stem = gold_file.name[:-len(".gold.yaml")]
    gold = yaml.safe_load(gold_file.read_text())
    fact_file = facts / f"{stem}.yaml"
    if not fact_file.exists():
        continue
    pred = [e for e in yaml.safe_load(fact_file.read_text())["entities"] if e["kind"] == "person"]
    for g in gold.get("people") or []:
        match = next((p for p in pred if person_match(p, g)), None)
        groles = g.get("roles") or []
        proles = match.get("roles") if match else []
        hits = [r for r in groles if any(len(set(toks(r)) & set(toks(p))) / max(1, len(set(toks(r)))) >= 0.6 for p in proles or [])]
        if set(hits) != set(groles) or len(proles or []) > len(hits):
            print(f"{stem[:30]:30} {g['name'][:22]:22} gold={groles} pred={proles}")
