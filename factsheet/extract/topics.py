"""Themes: each fact gets the news themes whose words its sentence uses.

The default themes and their words are in ``rules/topics.yaml``; a project
replaces or adds themes under ``topics:`` in its ``factsheet.yml``.
"""

from __future__ import annotations

import re

from ..paths import slugify
from . import rules


class TopicMatcher:
    """Matches sentences to themes by lemma and phrase."""

    def __init__(self, themes=None):
        themes = themes if themes is not None else rules.load("topics")
        self.words = {}
        self.phrases = []
        for theme, words in themes.items():
            slug = slugify(theme)
            for word in words or []:
                word = str(word).lower()
                if " " in word:
                    self.phrases.append((re.compile(r"\b" + re.escape(word) + r"\b"), slug))
                else:
                    self.words.setdefault(word, []).append(slug)
        #: theme slug -> display name
        self.names = {slugify(t): str(t) for t in themes}

    def topics(self, tokens, text):
        """Theme slugs for a sentence, in the order of ``rules/topics.yaml``."""
        found = set()
        for tok in tokens:
            # a part of a hyphenated word ("cease-fire") is not the word itself
            if _in_hyphenated(tok):
                continue
            for key in (tok.lemma_.lower(), tok.lower_):
                for slug in self.words.get(key, ()):
                    found.add(slug)
        low = text.lower()
        for pattern, slug in self.phrases:
            if pattern.search(low):
                found.add(slug)
        return [slug for slug in self.names if slug in found]


def _in_hyphenated(tok):
    doc = tok.doc
    before = tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
    after = tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_
    return before or after
