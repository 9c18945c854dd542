#!/usr/bin/env python3
"""Score factsheet's extraction against the hand-checked reference files in eval/gold.

usage: python eval/run.py [--verbose] [--json] [--keep DIR]

Extracts every article in eval/articles/ (metadata from its index.csv) into a
temporary folder with `factsheet extract`'s own code path, then runs
eval/score.py (a copy of the project's scorer) against eval/gold/.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv):
    keep = None
    if "--keep" in argv:
        keep = Path(argv[argv.index("--keep") + 1])
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or Path(tmp)
        if keep is not None and keep.exists():
            shutil.rmtree(keep)  # a fresh extraction, not a merge with the last run's files
        cmd = [sys.executable, "-m", "factsheet", "extract", str(HERE / "articles"), "--output", str(out), "--force", "--quiet"]
        subprocess.run(cmd, check=True)
        flags = [a for a in argv if a in ("--verbose", "--json")]
        return subprocess.run([sys.executable, str(HERE / "score.py"), str(HERE / "gold"), str(out), *flags]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
