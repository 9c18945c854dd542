"""Rule data for the extractors, loaded once from ``factsheet/rules/*.yaml``.

Rules are data: word lists and patterns live in YAML files next to this
package so they can be read, reviewed and extended without touching code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


@lru_cache(maxsize=None)
def load(name):
    """The parsed rule file ``rules/<name>.yaml``."""
    with (RULES_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=None)
def word_set(name, key):
    """A lowercase set from a list in a rule file."""
    return frozenset(str(w).lower() for w in load(name)[key])


@lru_cache(maxsize=None)
def word_list(name):
    """The words of ``rules/<name>.txt``: one or more per line, ``#`` starts a comment."""
    words = set()
    with (RULES_DIR / f"{name}.txt").open(encoding="utf-8") as handle:
        for line in handle:
            words.update(line.split("#", 1)[0].lower().split())
    return frozenset(words)


def holds_word(text, name, key):
    """True when ``text`` holds a word of the list ``key`` in ``rules/<name>.yaml`` ("voted" in a sentence)."""
    return not word_set(name, key).isdisjoint(re.findall(r"[a-z]+", text.lower()))
