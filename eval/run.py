#!/usr/bin/env python3
"""Score factsheet's extraction against the hand-checked reference files.

usage: python eval/run.py [--verbose] [--json] [--keep DIR] [--set dev|heldout|blind|fresh|extra|check|late|final|last|later|latest|newest|rest|long|all]

Fourteen reference sets, written by the rules in eval/GOLD-GUIDELINES.md:
  dev      eval/gold/ for the articles in eval/articles/ (39 Wikinews articles and
           the seed article; used while writing the rules)
  heldout  eval/heldout/ for eval/heldout-articles/ (20 other Wikinews articles,
           written later and first scored before any rule was tuned on them)
  blind    eval/blind/ for eval/blind-articles/ (20 more, written last; only their
           totals have been looked at, so they estimate quality on unseen articles)
  fresh    eval/fresh/ for eval/fresh-articles/ (24 more, written in a later session
           and scored once before any rule was tuned on them)
  extra    eval/extra/ for eval/extra-articles/ (24 more, written after that, scored once
           before tuning; drawn from corpus articles read earlier for rule ideas)
  check    eval/check/ for eval/check-articles/ (24 more, written last in that session the
           same way, scored once before tuning)
  late     eval/late/ for eval/late-articles/ (24 more corpus articles no rule was drawn
           from, written in the session of 2026-11-27 after its rules were done)
  final    eval/final/ for eval/final-articles/ (24 more, drawn at random from the corpus
           articles in no other set, written at the start of the next session and scored
           once with the code of commit ac8578f before any rule looked at them)
  last     eval/last/ for eval/last-articles/ (20 more, drawn at random from the corpus articles
           still in no set, written in a session of 2026-11-27 and scored once
           before any rule looked at them)
  later    eval/later/ for eval/later-articles/ (20 more, drawn the same way in the next
           session and scored once with the code of commit 5c636ad before any rule looked at them)
  latest   eval/latest/ for eval/latest-articles/ (20 more, drawn the same way in the session of
           2026-11-27 and scored once with the code of commit a8a54d7 before any rule looked at them)
  newest   eval/newest/ for eval/newest-articles/ (20 more, drawn at random, seed 2029, from the 35
           corpus articles under 3,000 words still in no set, in the session of 2026-11-27 and
           scored once with the code of commit bfa9dd4 before any rule looked at them)
  rest     eval/rest/ for eval/rest-articles/ (the 15 corpus articles under 3,000 words left in no set,
           written later in that session and scored once with the code of commit 500f7bf before
           any rule looked at them)
  long     eval/long/ for eval/long-articles/ (10 of the 11 corpus articles of 3,000 words or more in no other
           set, mostly interviews, written in the session of 2026-11-28 and scored once with the code of
           commit c46fbf1 before any rule looked at them)
Each set's articles are extracted with `factsheet extract` into a fresh folder,
then eval/score.py (a copy of the project's scorer) compares them.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = {"dev": ("articles", "gold"), "heldout": ("heldout-articles", "heldout"),
        "blind": ("blind-articles", "blind"), "fresh": ("fresh-articles", "fresh"),
        "extra": ("extra-articles", "extra"), "check": ("check-articles", "check"),
        "late": ("late-articles", "late"), "final": ("final-articles", "final"),
        "last": ("last-articles", "last"), "later": ("later-articles", "later"),
        "latest": ("latest-articles", "latest"),
        "newest": ("newest-articles", "newest"),
        "rest": ("rest-articles", "rest"), "long": ("long-articles", "long")}


def run_set(name, out, flags):
    articles, gold = SETS[name]
    if out.exists():
        shutil.rmtree(out)  # a fresh extraction, not a merge with the last run's files
    cmd = [sys.executable, "-m", "factsheet", "extract", str(HERE / articles), "--output", str(out), "--force", "--quiet"]
    subprocess.run(cmd, check=True)
    print(f"== {name}: {gold}/ ({len(list((HERE / gold).glob('*.gold.yaml')))} articles)", flush=True)
    return subprocess.run([sys.executable, str(HERE / "score.py"), str(HERE / gold), str(out), *flags]).returncode


def main(argv):
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    chosen = argv[argv.index("--set") + 1] if "--set" in argv else "all"
    names = list(SETS) if chosen == "all" else [chosen]
    flags = [a for a in argv if a in ("--verbose", "--json")]
    with tempfile.TemporaryDirectory() as tmp:
        base = keep or Path(tmp)
        status = 0
        for name in names:
            out = base if len(names) == 1 else base / name
            status |= run_set(name, out, flags)
        return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
