"""Roles: the titles and positions an article gives a person.

Two news conventions carry nearly all of them:

- a title before the name: "U.N. Deputy-Spokesman Farhan Haq",
  "Secretary of State Antony Blinken", "former deputy chief minister Francis D'Souza";
- an apposition after (or before) the name: "Akilisi Pohiva, the prime
  minister of Tonga," / "Tonga's prime minister, Akilisi Pohiva,".

A phrase counts only when it holds a word from ``rules/roles.yaml`` heads.
Of nested roles ("President", "Russian President") the fullest is kept.
"""

from __future__ import annotations

import re

from . import rules

_STOP_APPOSITION = {",", ".", ";", ":", ")", "(", "—", "–", "who", "which", "that", "said", "says", "and", "but",
                    "when", "where", "while", "after", "before", "because", "as", '"', "“", "”"}
_MAX_WORDS = 10


def assign_roles(index):
    """Fill ``cluster.roles`` for every person cluster of an :class:`EntityIndex`."""
    heads = rules.word_set("roles", "heads")
    modifiers = rules.word_set("roles", "modifiers")
    found = {}
    for m in index.mentions:
        if m.cluster.kind != "person" or m.sentence is None:
            continue
        span = m.sentence.span
        doc = span.doc
        first = _token_at(doc, m.start - m.sentence.offset)
        last = _token_at(doc, m.end - 1 - m.sentence.offset)
        if first is None or last is None:
            continue
        for role in (_title_before(doc, span, first, heads, modifiers, index),
                     _apposition_after(doc, span, last, heads, index),
                     _apposition_before(doc, span, first, heads, index)):
            if role:
                found.setdefault(m.cluster.id, []).append(role)
    for c in index.clusters:
        c.roles = _fullest_roles(found.get(c.id, []))


def _token_at(doc, char):
    for tok in doc:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def _is_head(tok, heads):
    word = tok.lower_
    return word in heads or word.rstrip(".") in heads or any(part in heads for part in word.split("-") if part)


def _title_before(doc, span, first, heads, modifiers, index):
    """A title written just before the name ("Russian President Vladimir Putin")."""
    i = first.i - 1
    words = []
    while i >= span.start and len(words) < _MAX_WORDS:
        tok = doc[i]
        low = tok.lower_
        if tok.text in ("-", "–"):
            words.append(tok)
            i -= 1
            continue
        if tok.ent_type_ == "PERSON" and not _is_head(tok, heads):
            break
        if low in ("'s", "’s") and i - 1 >= span.start and doc[i - 1].ent_type_ in ("GPE", "ORG", "NORP"):
            words.append(tok)
            i -= 1
            continue
        ok = (_is_head(tok, heads) or low in modifiers or tok.ent_type_ in ("ORG", "GPE", "NORP")
              or (tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ") and low not in ("the", "a", "an")))
        if not ok or tok.is_punct and tok.text not in (".",):
            break
        if low in ("the", "a", "an"):
            break
        words.append(tok)
        i -= 1
    words.reverse()
    while words and (words[0].lower_ in ("of", "and", "for", "'s", "’s", "-", "&") or words[0].is_punct):
        words = words[1:]
    if not words or not any(_is_head(t, heads) for t in words):
        return None
    # the last word before the name must be part of the title itself
    if not (_is_head(words[-1], heads) or words[-1].lower_ in rules.word_set("roles", "modifiers")
            or words[-1].ent_type_ in ("ORG", "GPE")):
        return None
    text = doc.text[words[0].idx: words[-1].idx + len(words[-1].text)]
    if text.lower().rstrip(".") in rules.word_set("roles", "honorifics") and text.lower().rstrip(".") in ("mr", "mrs", "ms", "dr"):
        return None
    return _clean(text)


def _apposition_after(doc, span, last, heads, index):
    """"Name, the prime minister of Tonga," -> "prime minister of Tonga"."""
    i = last.i + 1
    if i >= span.end or doc[i].text != ",":
        return None
    i += 1
    # an age between name and role: "Name, 45, a teacher"
    if i + 1 < span.end and doc[i].like_num and doc[i + 1].text == ",":
        i += 2
    words = []
    while i < span.end and len(words) <= _MAX_WORDS:
        tok = doc[i]
        if tok.lower_ in _STOP_APPOSITION and not (tok.lower_ == "and" and words and _is_head(words[-1], heads) is False):
            break
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBN",):
            return None
        words.append(tok)
        i += 1
    if i >= span.end or doc[i].text not in (",", ".", ";", ")", "—", "–") or not words:
        return None
    return _role_phrase(doc, words, heads)


def _apposition_before(doc, span, first, heads, index):
    """"Tonga's prime minister, Akilisi Pohiva," -> "Tonga's prime minister"."""
    i = first.i - 1
    if i < span.start or doc[i].text != ",":
        return None
    i -= 1
    words = []
    while i >= span.start and len(words) <= _MAX_WORDS:
        tok = doc[i]
        if tok.text in (",", ";", ":", "(", "“", '"', "—", "–") or tok.pos_ in ("VERB", "AUX"):
            break
        words.append(tok)
        i -= 1
    words.reverse()
    if not words:
        return None
    # the phrase must start a noun phrase: a determiner or possessive begins it
    starts = [k for k, t in enumerate(words) if t.lower_ in ("the", "a", "an", "its", "his", "her", "their")]
    if not starts:
        return None
    words = words[starts[-1]:]
    if len(words) < 2:
        return None
    return _role_phrase(doc, words, heads)


def _role_phrase(doc, words, heads):
    while words and words[0].lower_ in ("the", "a", "an", "its", "his", "her", "their", "also", "now"):
        words = words[1:]
    if not words or len(words) > _MAX_WORDS:
        return None
    # the head of the phrase (its first noun) must be a role word
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
    if not nouns or not any(_is_head(t, heads) for t in words):
        return None
    if words[0].ent_type_ == "PERSON":
        return None
    first_head = next(k for k, t in enumerate(words) if _is_head(t, heads))
    # "a resident of", "the son" are fine; "the police said" was stopped at the verb
    if any(t.ent_type_ == "PERSON" for t in words[:first_head]):
        return None
    text = doc.text[words[0].idx: words[-1].idx + len(words[-1].text)]
    return _clean(text)


def _clean(text):
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-–—")
    return text or None


def _fullest_roles(roles):
    """Distinct roles, dropping any whose words all appear in a longer one."""
    def words(role):
        return set(re.sub(r"[^\w\s]", " ", role.lower().replace("’s", "").replace("'s", "")).split())

    unique = []
    for role in roles:
        if role not in unique:
            unique.append(role)
    kept = []
    for role in unique:
        w = words(role)
        if any(other != role and w <= words(other) and len(words(other)) > len(w) for other in unique):
            continue
        if any(words(k) == w for k in kept):
            continue
        kept.append(role)
    return kept
