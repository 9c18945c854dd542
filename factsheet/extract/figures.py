"""Figures: quantities with what they count.

Candidates are spaCy's CARDINAL, MONEY, PERCENT and QUANTITY spans, its DATE
and TIME spans that are really durations or ages ("18 months", "aged 78"),
and vague amounts it misses ("thousands").  Each becomes a value
(``5.2 million`` -> 5200000; null for "thousands"), a qualifier ("about"),
a unit (currency, percent, metres) and ``counts``, the thing counted, taken
from the parse: the noun the number modifies ("5.2 million refugees"), the
object of "of" ("thousands of people") or the verb it completes ("killed
thousands").

Not figures: dates, years, clock times, ordinals, ranks ("No. 3") and numbers
inside names ("COVID-19", "Boeing 737").  A number restated later with the
same value and the same counted thing is kept once.  A range or a tally
("230-to-198") gives one figure per number.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from dataclasses import dataclass

from . import rules
from .nlp import doc_text

_EVENTS = {"hurdles", "freestyle", "butterfly", "backstroke", "breaststroke", "relay", "sprint", "dash", "steeplechase",
           "medley", "individual"}
_BACK_REFERENCES = {"the", "these", "those", "its", "their", "his", "her", "our", "both", "all", "each", "every"}
_NUMERIC_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
_NAME_LABELS = {"ORG", "PRODUCT", "EVENT", "FAC", "LAW", "WORK_OF_ART", "PERSON", "NORP", "GPE", "LOC"}
_RANGE = re.compile(r"^(.*?\d.*?|.*?\b\w+)\s*(?:-|–|—|\bto\b|-to-|\band\b)\s*(.*\d.*|.*\b\w+)$")
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@dataclass
class Figure:
    """One figure found in a sentence."""

    start: int
    end: int
    text: str  # the number phrase, with the counted noun when it follows directly
    number: float | int | None
    qualifier: str | None
    unit: str | None
    counts: str | None
    sentence: object
    #: False for a figure that is never a restatement of an equal one (a game's score)
    restated: bool = True


def find_figures(analysis):
    """All figures of an analysed article, in text order, restatements removed."""
    out = []
    last = None  # the last figure that named what it counts, for numbers whose noun is left out
    for sent in analysis.sentences:
        if last is not None and last.sentence.paragraph != sent.paragraph:
            last = None
        tallies = _vote_tallies(sent, analysis) + _ratios(sent, analysis) + _coded_sums(sent, analysis) \
            + _race_times(sent, analysis)
        tallies += _scores(sent, analysis, tallies)
        out.extend(tallies)
        for span, kind in _candidates(sent):
            if any(t.start <= sent.offset + span[0].idx < t.end for t in tallies):
                continue
            found = _figures_from(span, kind, sent, analysis, elided=last.counts if last else None)
            out.extend(found)
            if found and found[-1].counts and found[-1].unit is None and found[-1].counts[:1].isalpha():
                last = found[-1]
    return _dedupe(out)


_TALLY = re.compile(r"\b(?:voted|(?:by )?(?:a )?votes? of|margin of)\s+(\d[\d,]*)\s*(?:-|–|to)\s*(\d[\d,]*)\b")
_HYPHEN_TALLY = re.compile(r"\b(\d[\d,]*)-to-(\d[\d,]*)\b")


def _vote_tallies(sent, analysis):
    """"voted 66 to 27", "voted 52-48", "by a vote of 230 to 197": two figures counting votes (the
    tagger splits the tally and takes its second number for the object of the verb)."""
    out = []
    text = analysis.text[sent.start:sent.end]
    matches = list(_TALLY.finditer(text))
    # "The vote passed along party lines, 230-to-198": a "-to-" tally in a sentence about a vote
    if re.search(r"\b(?:vot(?:e|es|ed|ing)|ballots?)\b", text, re.I):
        matches += [m for m in _HYPHEN_TALLY.finditer(text) if not any(m.start(1) < t.end(2) and t.start(1) < m.end(2) for t in matches)]
    for match in matches:
        start, end = sent.start + match.start(1), sent.start + match.end(2)
        for group in (1, 2):
            value = _tidy(float(match.group(group).replace(",", "")))
            out.append(Figure(start, end, analysis.text[start:end], value, None, None, "votes", sent))
    return out


_SCORE = re.compile(r"(?<![\d,.–-])(\d{1,3})(?: (points|goals|runs))?(?: ?[–-] ?| to )(\d{1,3})"
                    r"(?![\d%–-]|[.,]\d|\s*(?:%|per\b|percent|years|months|weeks|days|hours|minutes|"
                    r"hundred|thousand|million|billion))")
_MONTH_NAMES = tuple(name.lower() for name in calendar.month_name if name)
_DAY_NAMES = tuple(name.lower() for name in calendar.day_name)
#: month names and their abbreviations, with and without the stop
_MONTHS = set(_MONTH_NAMES) | {short + stop for short in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                                                          "oct", "nov", "dec") for stop in ("", ".")}
_GAME = re.compile(r"\b(?:defeat\w*|beat|beats|beaten|won|win|wins|winning|lost|lose|loses|losing|drew|draw|"
                   r"knocked|scoreboard|scor(?:e|es|ed|ing)|victory|half|match)\b", re.I)


def _scores(sent, analysis, taken):
    """"Caloundra defeated Wynnum 45 points to 24", "Sweden defeated South Korea 1 – 0": a game's score in
    a sentence about a game is two figures, each side's points (goals or runs where the article counts
    those); each is its own figure, however often the same numbers recur."""
    text = analysis.text[sent.start:sent.end]
    if not _GAME.search(text) or rules.holds_word(text, "figures", "election_words"):
        return []  # (not "won the electoral count 362 to 176", "drew two percent in the poll")
    counted = _score_unit(analysis.text)
    out = []
    for match in _SCORE.finditer(text):
        start, end = sent.start + match.start(1), sent.start + match.end(3)
        before = text[:match.start()].rstrip().lower()
        if any(t.start < end and start < t.end for t in taken) or before.endswith(("aged", "between", "from", "ages")) \
                or before.split()[-1:] and before.split()[-1] in _MONTHS:  # "September 25–27": days
            continue
        for group in (1, 3):
            out.append(Figure(start, end, analysis.text[start:end], int(match.group(group)), None, None,
                              match.group(2) or counted, sent, restated=False))
    return out


@lru_cache(maxsize=8)
def _score_unit(text):
    """What an article's scores count: the word one of them is written with ("45 points to 24"), else
    goals where it speaks of goals, runs where of wickets, else points."""
    written = next((m.group(2) for m in _SCORE.finditer(text) if m.group(2)), None)
    if written:
        return written
    return "goals" if re.search(r"\bgoals?\b", text, re.I) else "runs" if re.search(r"\bwickets?\b", text, re.I) \
        else "points"


@lru_cache(maxsize=1)
def _coded_sum_pattern():
    """A currency's ISO code from ``figures.yaml`` written against a number, with its multiplier."""
    codes = "|".join(c for c in rules.load("figures")["currencies"] if re.fullmatch(r"[A-Z]{3}", c))
    return re.compile(rf"\b({codes})(\d[\d,]*(?:\.\d+)?)(?: (thousand|million|billion|trillion)\b)?")


def _coded_sums(sent, analysis):
    """"SEK9 million", "USD910 thousand": a sum after a currency's ISO code, which the tagger misses
    when the code is written against the number."""
    currencies = rules.load("figures")["currencies"]
    out = []
    text = analysis.text[sent.start:sent.end]
    for match in _coded_sum_pattern().finditer(text):
        value = _number(match.group(2) + " " + (match.group(3) or ""))
        start, end = sent.start + match.start(), sent.start + match.end()
        name = currencies[match.group(1)]
        qualifier = next((q for q in ("approximately", "about", "around", "roughly", "nearly", "almost", "over")
                          if text[:match.start()].rstrip().lower().endswith(q)), None)
        out.append(Figure(start, end, analysis.text[start:end], _tidy(value), qualifier, name, name, sent))
    return out


def _race_times(sent, analysis):
    """"completing the race in 2:14:04": hours, minutes and seconds, a time in seconds (a clock time has
    no seconds)."""
    out = []
    text = analysis.text[sent.start:sent.end]
    for match in re.finditer(r"(?<![\d:])(\d{1,2}):([0-5]\d):([0-5]\d(?:\.\d+)?)(?![\d:])", text):
        value = int(match.group(1)) * 3600 + int(match.group(2)) * 60 + float(match.group(3))
        start, end = sent.start + match.start(), sent.start + match.end()
        out.append(Figure(start, end, analysis.text[start:end], _tidy(value), None, "seconds", "time", sent))
    return out


_RATIO = re.compile(r"\b(\w+)([- ])in\2(\w+)\b")


def _ratios(sent, analysis):
    """"a one-in-five chance", "one in three visits": a ratio, its value the fraction (0.2), counting
    the noun after it."""
    words = rules.load("figures")["number_words"]
    out = []
    text = analysis.text[sent.start:sent.end]
    for match in _RATIO.finditer(text):
        a, b = (_to_float(g, None) if g[0].isdigit() else words.get(g.lower()) for g in (match.group(1), match.group(3)))
        if not a or not b or b <= a:
            continue
        start, end = sent.start + match.start(), sent.start + match.end()
        after = [t for t in analysis.tokens_in(end + 1, end + 30) if t.is_alpha][:1]
        if not after or after[0].pos_ != "NOUN":
            continue  # ("one in three" with no noun after it says nothing it counts)
        out.append(Figure(start, end, analysis.text[start:end], round(a / b, 3), None, None, after[0].text.lower(), sent))
    return out


# ---------------------------------------------------------------------------
# candidates

def _candidates(sent):
    durations = rules.word_set("figures", "durations")
    vague = {k.split()[0] for k in rules.load("figures")["vague"]}
    seen = set()
    # "The deceased were aged nine, ten, thirteen, two aged fourteen, 49, and 59": each number of a
    # list after "aged" is an age (the tagger splits and merges them); "two aged …" counts people
    doc = sent.span.doc
    for tok in sent.span:
        if tok.lower_ not in ("aged", "ages"):
            continue
        k = tok.i + 1
        while k < sent.span.end:
            word = doc[k]
            # ("between the ages of 17 and 29")
            if word.text in (",", "and", "between") or word.lower_ == "respectively" \
                    or (word.lower_ == "of" and doc[k - 1].lower_ == "ages"):
                k += 1
                continue
            if not (word.like_num or word.lower_ in rules.load("figures")["number_words"]) \
                    or (k + 1 < sent.span.end and doc[k + 1].lower_ == "aged"):
                break
            if k not in seen:
                seen.add(k)
                yield doc[k:k + 1], "AGE"
            k += 1
    for ent in sent.ents:
        if any(i in seen for i in range(ent.start, ent.end)):
            continue
        if ent.label_ in _NUMERIC_LABELS:
            seen.update(range(ent.start, ent.end))
            joint = _joint_of_two_sums(ent) if ent.label_ == "MONEY" else None
            if joint is not None:
                yield ent.doc[ent.start:joint.i], ent.label_
                yield ent.doc[joint.i + 1:ent.end], ent.label_
                continue
            yield ent, ent.label_
        elif ent.label_ in ("DATE", "TIME"):
            words = [part for t in ent for part in t.lower_.split("-")]
            if len(ent) == 1 and _DIGITS.match(ent[0].text) and (
                    (not _year_number(ent[0].text) and _listed_with_place(ent[0], sent))
                    or _stated_count(ent[0])):
                seen.add(ent.start)
                yield ent, "CARDINAL"  # ("…, 36 in North Cotabato", "the number of those infected is
                continue               # 1501": a count the tagger took for a date)
            if len(ent) == 1 and ent[0].like_num and _stated_age(ent[0]):
                seen.add(ent.start)
                yield ent, "AGE"  # "Quirin and Redouane, 40 and 49, met her", "He was 101 and died"
                continue
            if len(ent) == 1 and ent[0].like_num and ent[0].dep_ == "appos":
                seen.add(ent.start)
                yield ent, "DURATION"  # "Zamperoni, 33, was found": an age
                continue
            if len(ent) == 1 and ent[0].like_num and _before_uncertainty(ent[0]):
                seen.add(ent.start)
                yield ent, "CARDINAL"  # "about 1010 ± 195 light years": a measurement, not a year
                continue
            if _count_taken_for_a_date(ent):
                seen.add(ent[-1].i)
                yield ent.doc[ent[-1].i:ent[-1].i + 1], "CARDINAL"  # "as of Wednesday, 1885 aftershocks"
                continue
            if "ago" in words or any(re.fullmatch(r"\d+(st|nd|rd|th)", w) for w in words) or not any(
                    t.like_num or re.fullmatch(r"\d+[–-]\d+", t.text) or t.lower_ in ("a", "an", "half") or
                                         t.lower_.split("-")[0] in rules.load("figures")["number_words"] for t in ent):
                continue
            if _amount_then_duration(words, durations) or any(re.match(r"^\d+-year-old$", w) for w in words) \
                    or (ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("aged", "age")) or "age" in words:
                if _is_calendar(ent):
                    continue
                seen.update(range(ent.start, ent.end))
                duration, count = _split_duration(ent, durations)
                yield duration, "DURATION"
                if count is not None:
                    yield count, "CARDINAL"  # "the first four hours" + "185 thousand" (customers)
    # vague amounts and plain numbers the tagger left out
    for tok in sent.span:
        if tok.i in seen:
            continue
        if tok.lower_ in vague and tok.pos_ in ("NOUN", "NUM"):
            yield sent.span.doc[tok.i:tok.i + 1], "CARDINAL"
        elif tok.lower_ == "couple" and tok.i + 1 < sent.span.end and tok.nbor(1).lower_ == "of" \
                and tok.i > sent.span.start and tok.nbor(-1).lower_ == "a" and not tok.ent_type_:
            yield sent.span.doc[tok.i - 1:tok.i + 1], "CARDINAL"  # "a couple of guns": two, loosely
        elif tok.like_num and _DIGITS.match(tok.text) and (
                (tok.pos_ == "NUM" and not tok.ent_type_ and not _before_time_zone(tok))
                or (tok.ent_type_ in ("PERSON", "ORG", "GPE") and _before_unit(tok))):
            # ("placed Humberto 75 miles north": a measure the tagger ran into a name;
            # "0000 UTC": a clock time)
            yield sent.span.doc[tok.i:tok.i + 1], "CARDINAL"


def _measured_thing(num):
    """"winds of 120 miles per hour" -> "sustained winds", "a depth of 10 km" -> "depth": the noun a
    measure is "of", with the word before it; None when the measure stands alone."""
    if num.dep_ not in ("nummod", "quantmod"):
        return None
    unit = num.head
    while unit.dep_ == "appos" and unit.head.i < unit.i:  # "(195 kilometers per hour)" restates the one before
        unit = unit.head
    of = unit.head
    if unit.dep_ != "pobj" or of.lower_ != "of" or of.head.pos_ != "NOUN" or of.head.i > of.i \
            or of.head.lower_ in _AMOUNT_NOUNS:
        return None
    thing = of.head
    words = [c.lower_ for c in thing.lefts if c.dep_ in ("amod", "compound") and c.i == thing.i - 1
             and c.lower_ not in _AMOUNT_NOUNS]
    return " ".join(words + [thing.lower_])


#: nouns for an amount, which say nothing of what is measured ("a total of 5 km")
_AMOUNT_NOUNS = {"total", "maximum", "minimum", "average", "mean", "estimate", "range", "figure", "number",
                 "amount", "sum", "value", "excess", "peak", "high", "low", "record", "distance"}


def _before_time_zone(tok):
    """A clock time: "0800 UTC", "10 p.m." (a time the tagger left untagged)."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and (nxt.lower_ in rules.word_set("names", "time_zones")
                                or nxt.lower_ in ("a.m.", "p.m.", "am", "pm", "a.m", "p.m"))


def _before_unit(tok):
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and len(nxt.text) > 1 and nxt.lower_ in rules.load("figures")["units"] \
        and nxt.lower_ not in ("in", "mi")


def _joint_of_two_sums(ent):
    """The "and" or "or" between two sums the tagger ran into one ("US$86,000 and €5 million"), each in
    its own currency; None for one sum or a range ("between $5 and $7 billion" shares its multiplier)."""
    doc = ent.doc
    joint = next((t for t in ent if t.lower_ in ("and", "or") and t.i + 1 < ent.end
                  and re.match(r"[$€£¥₹]|[A-Z]{0,3}\$", doc[t.i + 1].text)), None)
    if joint is None or joint.i == ent.start or "between" in (doc[ent.start - 1].lower_ if ent.start > 0 else "",
                                                              ent[0].lower_):
        return None
    left, right = doc[ent.start:joint.i].text, doc[joint.i + 1:ent.end].text
    if (_number(left) or 0) >= 1000 or _multiplier(left) or _currency_sign(left) != _currency_sign(right):
        return joint
    return None


def _currency_sign(text):
    match = re.search(r"[A-Z]{0,3}[$€£¥₹]", text)
    return match.group(0) if match else None


def _stated_count(num):
    """"the number of … is 1501": a number stated as a count's value."""
    return num.dep_ == "attr" and num.head.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _COUNT_NOUNS for c in num.head.children)


def _listed_with_place(num, sent):
    """A number after a comma or "and", followed by "in" and a name: an item of a list of counts by place."""
    doc = num.doc
    if num.i - 1 < sent.span.start or num.i + 2 >= sent.span.end:
        return False
    before, after, name = doc[num.i - 1], doc[num.i + 1], doc[num.i + 2]
    return before.text in (",", "and") and after.lower_ == "in" and name.pos_ == "PROPN"


def _count_taken_for_a_date(ent):
    """"as of Wednesday, 1885 aftershocks", "6606 lives": a number the tagger put in a date that
    counts the plural noun right after it.  A year-like number counts only after a comma, or in
    a unit ("the 2018 elections" is a year)."""
    num, doc = ent[-1], ent.doc
    if not _DIGITS.match(num.text) or num.dep_ != "nummod" or num.head.tag_ != "NNS" or num.head.i != num.i + 1:
        return False
    before = doc[num.i - 1] if num.i > 0 else None
    if before is not None and before.lower_ in ("the", "of", "in", "since", "from", "by", "until", "before", "after"):
        return False
    if _year_number(num.text):
        # ("Out of these, 1846 persons were hospitalized": after a comma and a common word, even where the
        # date is the number alone; not "the Wildlife Protection Act, 1972 lists", a name's year)
        after_word = num.i >= 2 and before.is_punct and doc[num.i - 2].is_lower
        return (num.i > ent.start and before.is_punct) or after_word or num.head.lower_ in rules.load("figures")["units"]
    return True


def _stated_age(num):
    """A bare number stated as someone's age: in apposition to two names ("Quirin and Redouane,
    40 and 49,") or after "he was" / "she is" with nothing counted ("He was 101 and died")."""
    if not 0 < _to_float(num.text, 0) < 130:
        return False
    doc = num.doc
    first = num.head if num.dep_ == "conj" and num.head.like_num else num
    # (one number of two: the second is the first's conjunct)
    if first.dep_ == "appos" and first.head.pos_ == "PROPN" and (
            first is not num or any(c.dep_ == "conj" and c.like_num for c in first.children)):
        return True
    nxt = doc[num.i + 1] if num.i + 1 < len(doc) else None
    if num.dep_ == "attr" and num.head.lemma_ == "be" and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ")):
        return any(c.dep_ == "nsubj" and (c.lower_ in ("he", "she") or c.ent_type_ == "PERSON")
                   for c in num.head.children)
    return False


def _is_calendar(ent):
    text = ent.text.lower()
    return bool(re.search(r"\b(19|20)\d\d\b|" + "|".join(_MONTH_NAMES + _DAY_NAMES), text))


def _amount_then_duration(words, durations):
    """A duration names its amount first: "three-week", "half an hour"; in "the second half" the "second"
    is an ordinal, not a unit, "the first half of this year" is a part of a date, and "Day 1 and Day 2",
    "day five of the World Cup" are days' names."""
    data = rules.load("figures")

    def is_amount(word):
        return re.match(r"^\d[\d.,–]*$", word) or word in data["number_words"] or word in data["multipliers"] \
            or word in ("a", "an", "half")
    amount = False
    named = set()  # the number of "Day 1", which names its day and counts nothing
    for k, word in enumerate(words):
        if word in ("half", "quarter") and k and words[k - 1] in ("first", "second", "third", "fourth", "last"):
            return False  # "the second half of the month", "the first quarter of the year": a part of a date
        if word in durations or word.rstrip("s") + "s" in durations:
            if amount or words[k + 1:k + 4] == ["and", "a", "half"]:  # ("the past year and a half")
                return True
            if k + 1 < len(words) and is_amount(words[k + 1]) and words[k + 1] not in ("a", "an"):
                named.add(k + 1)
        elif k not in named and is_amount(word):
            amount = True
    return False


def _split_duration(ent, durations):
    """(the duration, a count run onto it or None) from a span the tagger ran on past a duration's unit.

    "the twenty four hours preceding 10 a.m." is "the twenty four hours" (else the clock time's "m." reads
    as metres); "the first four hours 185 thousand" is "the first four hours" and a count, "185 thousand".
    A second amount after "and" or a comma ("two years and three months"), one time in several units
    ("1 hour 59 minutes 40.2 seconds") and "5 years of age" stay whole.
    """
    for tok in ent[:-1]:
        if tok.lower_ in durations and any(t.like_num for t in ent[:tok.i - ent.start]):
            nxt = tok.nbor(1)
            duration, rest = ent.doc[ent.start:tok.i + 1], ent.doc[nxt.i:ent.end]
            if nxt.like_num and not any(t.lower_ in durations for t in rest):
                return duration, rest
            into_clock_time = nxt.lower_ not in ("and", ",", "-", "to", "or") and not nxt.like_num \
                and nxt.pos_ in ("VERB", "ADP", "SCONJ") and any(t.like_num for t in rest)
            return (duration if into_clock_time else ent), None
    return ent, None


# ---------------------------------------------------------------------------
# one candidate -> figures

def _figures_from(span, label, sent, analysis, elided=None):
    """Figures of one candidate; ``elided`` is what the last figure counted, for "Biden earned 6"."""
    doc = span.doc
    toks = list(span)
    qualifiers = sorted((q.lower() for q in rules.load("figures")["qualifiers"]), key=lambda q: -len(q))
    # a qualifier just before the span belongs to it ("more than" + "20")
    start_i = toks[0].i
    for q in qualifiers:
        n = len(q.split())
        if start_i - n >= sent.span.start and " ".join(t.lower_ for t in doc[start_i - n:start_i]) == q:
            start_i -= n
            break
    # a currency sign the tagger left outside the amount: "US$" + "20,000"
    if start_i > sent.span.start and doc[start_i - 1].text in rules.load("figures")["currencies"]:
        start_i -= 1
    end_i = toks[-1].i
    # a measurement's uncertainty belongs to it: "6.3" + "± 0.7" (solar masses)
    counted_end = toks[-1].i  # where the words that say what is counted start looking
    if _before_uncertainty(doc[end_i]) and end_i + 2 < sent.span.end:
        end_i = counted_end = end_i + 2
    # a multiplier the tagger left outside a sum: "$2.5" + "bn", "£50" + "mn"
    if label == "MONEY" and end_i + 1 < sent.span.end and doc[end_i + 1].lower_ in rules.load("figures")["multipliers"]:
        end_i += 1
    # a fraction the tagger left out: "(one and two" + "thirds meters)"
    if end_i + 1 < sent.span.end and doc[end_i + 1].lower_ in _FRACTIONS and toks[-1].like_num:
        end_i += 1
    if doc[end_i].lower_ == "third" and end_i + 1 < sent.span.end \
            and doc[end_i + 1].lower_ in ("party", "parties", "world", "country", "countries"):
        return []  # "one third party presidential nominee": a kind of party, no fraction
    # a tally the tokenizer split: "230" "-" "to-197"
    if end_i + 2 < sent.span.end and doc[end_i + 1].text == "-" and re.fullmatch(r"to-\d[\d,]*", doc[end_i + 2].text):
        end_i += 2
    phrase_toks = list(doc[start_i:end_i + 1])
    if _excluded(phrase_toks, label, sent):
        return []
    phrase = doc_text(doc)[phrase_toks[0].idx: phrase_toks[-1].idx + len(phrase_toks[-1].text)]
    qualifier, rest = _split_qualifier(phrase, qualifiers)
    unit, counts = _unit(rest, label, phrase_toks)
    values = parse_values(rest)
    if values is None:
        return []
    # "the two countries", "their three children": a reference back, not a count
    before = doc[phrase_toks[0].i - 1] if phrase_toks[0].i > sent.span.start else None
    # ("the three-week trial" measures a time: not a reference back)
    # ("the two-thirds majority" is a share: a fraction never refers back)
    if before is not None and before.lower_ in _BACK_REFERENCES and all(v is not None and v <= 3 and v == int(v) for v in values) \
            and not (label == "DURATION" and unit is not None):
        return []
    if label == "AGE" or (label == "DURATION" and _is_age(phrase_toks, rest)):
        counts, unit = "age", "years"
    # a unit written after the number the tagger left out: "(285 kph)"
    nxt = doc[phrase_toks[-1].i + 1] if phrase_toks[-1].i + 1 < sent.span.end else None
    units = rules.load("figures")["units"]
    unit_end = None  # the unit's last word, when it lies past the tagger's span
    if unit is None and nxt is not None and len(nxt.text) > 1 and nxt.lower_ in units \
            and nxt.lower_ not in ("in", "m", "g", "b", "mi"):
        unit = counts = units[nxt.lower_]
        unit_end = nxt
    # "The 75 m (250 ft) ship": a lone "m" set apart from a number, with no money in the sentence, is
    # metres (joined to it, "2.2m", or beside a sum, "$75 m", it may be millions; "8 m/s" is a speed)
    elif unit is None and nxt is not None and nxt.text == "m" and phrase_toks[-1].whitespace_ \
            and not (nxt.i + 1 < len(doc) and doc[nxt.i + 1].text == "/" and not nxt.whitespace_) \
            and not any(t.ent_type_ == "MONEY" or t.text in rules.load("figures")["currencies"] for t in sent.span):
        unit = counts = units["m"]
        unit_end = nxt
    # "120 miles per hour (195 kilometers per hour)": the tagger's measure stops before "per hour"
    if unit in ("miles", "kilometers") and nxt is not None and nxt.i + 1 < sent.span.end \
            and nxt.lower_ in ("per", "an") and doc[nxt.i + 1].lower_ == "hour":
        unit = counts = unit + " per hour"
        unit_end = doc[nxt.i + 1]
    if counts is None:
        counts = _counted(list(doc[start_i:counted_end + 1]), sent)
        # "Warren earned 8 delegates, Joe Biden earned 6": a bare number that is a verb's object or
        # follows "with"/"at" counts what the figure before it counted
        num = phrase_toks[-1]
        bare = label == "CARDINAL" and len(phrase_toks) == 1 and num.like_num
        if elided and bare and ((num.dep_ == "dobj" and counts in (None, num.head.text.lower()))
                                or (counts is None and num.dep_ == "pobj" and num.head.lower_ in ("with", "at"))):
            counts = elided
        # "21 injured individuals in Davao del Sur, 36 in North Cotabato, and seven in General Santos
        # City": a bare number listed with a place counts what the list's first figure counted
        if elided and bare and _listed_with_place(num, sent):
            counts = elided
        # "hundreds of service members and the wounding of thousands more": more of the same
        if elided and counts in ("more", "others"):
            counts = elided
        if counts and counts.lower() in units and label != "CARDINAL" or counts in ("ft", "km", "kg", "mph", "lbs", "lb"):
            unit = counts = units.get(counts.lower(), counts)
    if unit is None and _year_before_a_noun(phrase_toks, rest, label, sent):
        return []
    # "sustained winds of 120 miles per hour": a measure counts the thing it measures, in its unit
    if unit is not None and unit == counts and unit in set(units.values()) | {"miles per hour", "kilometers per hour"}:
        counts = _measured_thing(next((t for t in reversed(phrase_toks) if t.like_num), phrase_toks[-1])) or counts
    # "a 6.4 quake": a small number before an earthquake is its magnitude
    if counts and counts.lower().split()[-1] in _QUAKES and all(v is not None and v < 10 for v in values):
        counts = "magnitude"
    if counts is None and _looks_like_year(rest, label):
        return []
    if counts is None and label in ("CARDINAL", "DURATION") and _age_apposition(phrase_toks):
        counts, unit = "age", "years"
    if counts is None:
        return []  # a number the sentence does not say the meaning of is not a usable figure
    if counts == "age" and unit is None:
        unit = "years"
    noun_end = _noun_after(phrase_toks, counts)
    end_tok = unit_end or (noun_end if noun_end is not None else phrase_toks[-1])
    start = sent.offset + phrase_toks[0].idx
    end = sent.offset + end_tok.idx + len(end_tok.text)
    text = analysis.text[start:end]
    out = []
    for value in values:
        out.append(Figure(start, end, text, value, qualifier, unit, counts, sent))
    return out


def _year_before_a_noun(toks, rest, label, sent):
    """"the 2016 census", "a 1912 strike", "the total 2020 population": a year-like number right before a
    singular noun dates that thing; a count would have a plural noun ("1500 people")."""
    last = toks[-1]
    nxt = last.nbor(1) if last.i + 1 < sent.span.end else None
    return nxt is not None and nxt.tag_ == "NN" and _looks_like_year(rest, label) and last.whitespace_ \
        and nxt.lower_ not in ("percent", "per", "cent", "staff", "police", "personnel", "crew")


#: the signs between a measurement and its margin of error ("6.3 ± 0.7")
_PLUS_MINUS = ("±", "+/-")


def _before_uncertainty(tok):
    """"6.3" in "6.3 ± 0.7": a measurement followed by its margin of error."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text in _PLUS_MINUS and doc[tok.i + 2].like_num


def _excluded(toks, label, sent):
    doc = toks[0].doc
    first = toks[0]
    if first.i > 0 and doc[first.i - 1].text in _PLUS_MINUS:
        return True  # the margin of error of the measurement before it ("310 ± 60 parsec")
    toks = toks[:next((k for k, t in enumerate(toks) if t.text in _PLUS_MINUS), len(toks))]  # (and not its margin)
    last = toks[-1]
    text = " ".join(t.text for t in toks)
    if label == "CARDINAL":
        # ranks and identifiers: "No. 3", "number 3", "#19", "Flight 1344"
        prev = doc[first.i - 1] if first.i > sent.span.start else None
        if prev is not None:
            if prev.lower_ in ("no", "no.", "number", "#", "nr", "nr.", "flight", "route", "channel", "page",
                               "chapter", "article", "section", "room", "gate", "platform", "line", "highway",
                               "interstate", "episode", "season", "version", "apollo", "level", "phase", "class",
                               "category", "grade", "act", "resolution", "bill", "code"):
                return True
            if prev.ent_type_ in _NAME_LABELS and prev.pos_ == "PROPN" and prev.ent_iob_ != "O" \
                    and not _before_unit(last):
                return True
            if prev.text in ("-", "–") and first.i - 2 >= sent.span.start and doc[first.i - 2].ent_type_ in _NAME_LABELS:
                return True
        nxt = doc[last.i + 1] if last.i + 1 < sent.span.end else None
        if nxt is not None and nxt.ent_type_ in ("PRODUCT", "EVENT", "LAW", "WORK_OF_ART") and nxt.ent_iob_ == "I":
            return True
        # clock times and scores written with a colon
        if re.search(r"\d:\d", text):
            return True
        # "one of the victims", "one another": a pronoun, not a count
        if text.lower() in ("one",) and (nxt is None or nxt.lower_ in ("of", "another", "who", "which", "that", ",", ".")):
            return True
        if text.lower() == "one" and (prev is None or prev.lower_ not in _COUNT_WORDS_BEFORE) and _one_as_article(first):
            return True
        if re.match(r"^[A-Za-z]+-?\d+$", first.text) or re.match(r"^\d+(st|nd|rd|th)$", first.text.lower()):
            return True
        # "4chan", "7-Eleven": digits inside a word (units like "5km" are tagged QUANTITY)
        if re.search(r"\d", first.text) and re.search(r"[A-Za-z]{3,}", first.text):
            return True
        # "COVID-19", "G-7": a number hyphenated to a word is part of a name
        if prev is not None and prev.text in ("-", "–") and not prev.whitespace_ and first.i - 2 >= 0 \
                and doc[first.i - 2].is_alpha and not doc[first.i - 2].whitespace_:
            return True
        # phone numbers: "calling 101"
        if prev is not None and prev.lower_ in ("call", "calling", "dial", "dialling", "dialing", "phone", "text"):
            return True
    if any(t.ent_type_ in _NAME_LABELS and t.ent_iob_ != "O" for t in toks) and not _before_unit(last):
        return True  # (but "placed Humberto 75 miles north": a measure the tagger ran into a name)
    # an era marker makes it a date: "664 BCE", "AD 79"
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and re.fullmatch(r"b\.?c\.?e?\.?|a\.?d\.?|c\.?e\.?", nxt.lower_):
        return True
    if re.search(r"\bb\.?c\.?e?\.?$|\ba\.?d\.?$", text.lower()):
        return True
    # a race named by its distance: "the 400 m hurdles"
    if nxt is not None and nxt.lower_ in _EVENTS or (last.i + 2 < len(doc) and doc[last.i + 2].lower_ in _EVENTS):
        return True
    return False


# words before "one" that make it a count: "at least one", "only one", "by one vote"
_COUNT_WORDS_BEFORE = {"least", "most", "only", "just", "by", "than", "exactly", "nearly", "almost", "about", "and",
                       "or", "to", "of", "killed", "killing", "injured", "injuring", "arrested", "wounded"}


def _one_as_article(one):
    """"one potential scenario", "one key issue", "One activist said": "one" used like "a", no count.

    "one" is an article when a describing word of kind (key, potential, particular) follows it,
    when "one" and its noun are the subject of a reporting verb, or when no other number shares
    its sentence.
    """
    doc = one.doc
    k = one.i + 1
    if k < len(doc) and doc[k].lower_ in rules.word_set("figures", "one_as_article_words"):
        return True
    noun = one.head if one.dep_ == "nummod" else None
    if noun is not None and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in rules.word_set("speech", "verbs"):
        return True
    # "one thing", "one aspect", "one person told us": a lone "one" in a sentence with no other number
    # picks a thing out rather than counting it ("two died and one was injured" counts; "One other
    # person was injured" counts, against the others)
    if k < len(doc) and doc[k].lower_ in ("other", "more", "or", "and", "to", "in", "out"):
        return False
    sent = one.sent
    # (a casualty or an arrest is counted even alone: "One child was among the dead")
    harm = set(rules.load("figures")["harm_verbs"]) - {"leave", "claim", "save"} | {"die", "dead"}
    return not any(tok.like_num and tok.lower_ != "one" and not _year_number(tok.text) for tok in sent) \
        and not any(tok.lemma_.lower() in harm for tok in sent)


def _split_qualifier(phrase, qualifiers):
    low = phrase.lower()
    for q in qualifiers:
        if low.startswith(q + " "):
            return phrase[: len(q)], phrase[len(q) + 1:].strip()
    return None, phrase


def _unit(rest, label, toks):
    """(unit, counts) when the phrase itself says what is measured (money, percent, metres)."""
    data = rules.load("figures")
    low = rest.lower()
    if label == "MONEY" or any(sym in rest for sym in data["currencies"]) or \
            any(w in rules.word_set("figures", "currency_words") for w in low.split()):
        for sym in sorted(data["currencies"], key=len, reverse=True):
            if sym in rest and (not sym[0].isalpha() or re.search(r"\b" + re.escape(sym) + r"(?=\W|\d|$)", rest)):
                name = data["currencies"][sym]
                return name, name.split()[-1]
        for word in low.split():
            if word in rules.word_set("figures", "currency_words"):
                name = word if word.endswith("s") or word in ("yen", "yuan", "won", "baht", "rand", "ringgit", "rupiah", "naira") else word + "s"
                return name, name
        if label != "MONEY":
            return "money", "money"
        # tagged MONEY with no currency in sight ("roughly 1 billion"): count it like any number
    if label == "PERCENT" or "%" in rest or re.search(r"\bper ?cent\b", low):
        return "percent", "percent"
    if label in ("QUANTITY", "DURATION", "CARDINAL"):
        units = data["units"]
        # a speed: "75 miles per hour" is not a count of hours
        speed = re.search(r"\b(miles|kilomet(?:re|er)s)\s+(?:per|an)\s+hour\b", low)
        if speed:
            unit = "miles per hour" if speed.group(1) == "miles" else "kilometers per hour"
            return unit, unit
        for word in re.findall(r"[a-z°/²0-9]+", low)[::-1]:
            if word in units and not word.isdigit():
                if label == "CARDINAL" and word in ("in", "m", "g", "b"):
                    continue
                return units[word], units[word]
            if word in rules.word_set("figures", "durations"):
                plural = word if word.endswith("s") else word + "s"
                if word in ("century",):
                    plural = "centuries"
                return plural, plural
    return None, None


def _is_age(toks, rest):
    doc = toks[0].doc
    before = doc[toks[0].i - 1].lower_ if toks[0].i > 0 else ""
    return before in ("aged", "age") or re.search(r"years?[- ]old", rest.lower()) is not None \
        or any(t.lower_ == "age" for t in toks) \
        or rest.lower().startswith(("age ", "aged ")) or _age_apposition(toks) \
        or (toks[-1].i + 2 < len(doc) and doc[toks[-1].i + 1].lower_ == "old")


def _age_apposition(toks):
    """"Name, 45, said", "Another brother, 22, was found": a bare number set off by commas after a person
    (not a plural: "the greatest number of women, 102," is a count)."""
    doc = toks[0].doc
    i, j = toks[0].i, toks[-1].i
    if len(toks) != 1 or i < 2 or j + 1 >= len(doc):
        return False
    if i >= 3 and doc[i - 1].lower_ in ("now", "then") and doc[i - 2].text == ",":
        i -= 1  # "Fields, now 22,"
    return doc[i - 1].text == "," and doc[j + 1].text in (",", ")") and \
        (doc[i - 2].ent_type_ == "PERSON" or doc[i - 2].pos_ == "PROPN"
         or (doc[i - 2].lemma_.lower() in _PERSON_NOUNS and doc[i - 2].tag_ == "NN")) \
        and toks[-1].like_num and 0 < _to_float(toks[-1].text, 0) < 130


#: nouns for a person, after which a number set off by commas is an age ("Another brother, 22, was found")
_PERSON_NOUNS = {"man", "woman", "boy", "girl", "brother", "sister", "son", "daughter", "mother", "father", "wife",
                 "husband", "child", "victim", "suspect", "driver", "teenager", "student", "friend", "resident",
                 "uncle", "aunt", "nephew", "niece", "grandson", "granddaughter", "grandmother", "grandfather",
                 "cousin", "sibling", "partner", "girlfriend", "boyfriend", "neighbour", "neighbor"}


def _to_float(text, default=None):
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return default


def _year_number(text):
    """A number that could be a year (1500 to 2099)."""
    return 1500 <= _to_float(text, 0) <= 2099


def _looks_like_year(rest, label):
    return label in ("CARDINAL", "DATE") and re.fullmatch(r"(1[5-9]|20)\d\d", rest.strip()) is not None


_MEASURES = {"magnitude", "aged", "age", "height", "weight", "temperature", "score", "rating", "size", "speed", "depth"}


_COUNT_NOUNS = {"number", "total", "toll", "count", "tally"}

_LIGHT_VERBS = {"be", "have", "do", "get", "make", "say", "see", "go", "come"}


def _counted(toks, sent):
    """The thing a bare number counts, from the parse (None when the sentence does not say)."""
    doc = toks[0].doc
    last = toks[-1]
    num_head = last
    if re.match(r"to-\d", last.head.text):  # "230-to-197": the tally's other end carries the parse
        num_head = last.head
    # a measure named just before: "a magnitude 5.5 earthquake"
    if toks[0].i > sent.span.start and doc[toks[0].i - 1].lower_ in _MEASURES:
        word = doc[toks[0].i - 1].lower_
        return "age" if word in ("aged", "age") else word
    # the noun the number modifies: "5.2 million refugees" (a name in between is skipped:
    # "28,000 Andy Warhol photographs")
    for tok in toks:
        if tok.dep_ in ("nummod", "quantmod", "amod", "compound") and tok.head.i > last.i and tok.head.pos_ in ("NOUN", "PROPN") \
                and not re.match(r"to-\d", tok.head.text):
            head = tok.head
            # ("231 Democrats supporting the resolution": a plural name of a group ends the phrase)
            after = doc[head.i + 1] if head.i + 1 < len(doc) else None
            # (not one person: "One Rohingya, Muhammad Amin, said")
            if head.pos_ == "PROPN" and (head.tag_ == "NNPS" or head.ent_type_ == "NORP") \
                    and (after is None or after.pos_ not in ("NOUN", "PROPN")) and _to_float(last.text, 2) != 1 \
                    and last.lower_ != "one":
                return head.text
            if head.pos_ == "PROPN":
                noun = next((t for t in doc[head.i + 1: min(len(doc), head.i + 4)] if t.pos_ == "NOUN"), None)
                if noun is None:
                    break
                head = noun
            # "a 131-page document", "a five-storey building": the compound's noun, counted, is plural
            if head.i == last.i + 2 and doc[last.i + 1].text == "-" and not doc[last.i + 1].whitespace_ \
                    and head.tag_ == "NN" and not last.whitespace_ and _to_float(last.text, 2) != 1:
                return _plural(head.lower_)
            return _noun_phrase(head, last)
    # the next noun right after the span ("25 people", "12 Cuban airports")
    k = last.i + 1
    while k < sent.span.end and k <= last.i + 3:
        tok = doc[k]
        if tok.pos_ == "NOUN":
            return _noun_phrase(tok, last)
        # ("1,124 pledged delegates": a participle before the noun, which the parser may take for a verb)
        if (tok.pos_ not in ("ADJ", "PROPN", "NUM") and not (tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBD") and tok.text.islower())) \
                or tok.is_punct:
            break
        k += 1
    # "injured at least 50 more", "wounding 238": what the verb before it did ("more" counts nothing)
    after = doc[last.i + 1] if last.i + 1 < sent.span.end else None
    if after is None or after.lower_ in ("more", "others", "other", ",", "and", "or", "."):
        verb = _verb_before(toks[0], sent)
        if verb is not None:
            return verb
    # "21 confirmed cases", parsed as the subject of "confirmed": the noun the participle modifies
    after = doc[last.i + 1] if last.i + 1 < sent.span.end else None
    if after is not None and after.tag_ == "VBN" and after.dep_ == "amod" and after.head.i == after.i + 1 \
            and after.head.pos_ == "NOUN":
        return _noun_phrase(after.head, last)
    # a state right after it: "27 dead", "five seriously injured"
    k = last.i + 1
    if k < sent.span.end and doc[k].pos_ == "ADV" and k + 1 < sent.span.end:
        k += 1
    if k < sent.span.end and (doc[k].pos_ == "ADJ" or doc[k].tag_ == "VBN") and doc[k].text.islower():
        return doc[last.i + 1:k + 1].text
    # "thousands of people", "four of the deceased"
    for child in num_head.children:
        if child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN", "ADJ"):
                    return _noun_phrase(pobj, child)
    head = num_head.head
    # "five killed and seventeen wounded": a later conjunct counts what its verb says
    if num_head.dep_ == "conj" and (head.like_num or re.match(r"to-\d", head.text)):
        return _counted([head], sent)
    # "the total number of infections worldwide surpassed one million": what the count is of
    if num_head.dep_ == "dobj" and head.pos_ == "VERB":
        count = next((c for c in head.children if c.dep_ == "nsubj" and c.lemma_.lower() in _COUNT_NOUNS), None)
        if count is not None:
            return _what_a_count_is_of(count)
    # "killed thousands", "33 were reported hospitalised", "thousands were killed"
    if num_head.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        said = _what_its_verb_says(num_head)
        if said is not None:
            return said
    # "the magnitude of the earthquake was 6.6": a measure named as the subject; "the number of
    # deaths is 66", "the total number of those infected is 1501", "the death toll is 20": a count's
    if num_head.dep_ == "attr" and head.lemma_ == "be":
        for child in head.children:
            if child.dep_ == "nsubj" and child.lemma_.lower() in _MEASURES - {"aged", "age"}:
                return child.lemma_.lower()
            if child.dep_ == "nsubj" and child.lemma_.lower() in _COUNT_NOUNS:
                for prep in child.children:
                    for pobj in (p for p in prep.children if prep.lower_ == "of" and p.dep_ == "pobj"):
                        if pobj.pos_ == "NOUN":
                            return _noun_phrase(pobj, prep)
                        participle = next((t for t in pobj.children if t.dep_ in ("acl", "relcl", "amod")
                                           and t.tag_ in ("VBN", "JJ")), None)
                        if participle is not None:
                            return participle.lower_  # ("those infected")
                if child.lemma_.lower() in ("toll", "tally"):
                    return _noun_phrase(child, None)
    # "Doris Day dies at 97": an age
    if num_head.dep_ == "pobj" and head.lower_ == "at" and head.head.lemma_.lower() in ("die", "pass", "retire"):
        return "age"
    # "votes of 230-to-197", "a population of 5,000": the noun the "of" hangs on
    if num_head.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        amount = head.head
        # "A total of 39 are confirmed dead": an amount noun as the subject counts what its verb says
        if amount.lemma_.lower() in _AMOUNT_NOUNS and amount.dep_ in ("nsubj", "nsubjpass") \
                and amount.head.pos_ in ("VERB", "AUX"):
            said = _what_its_verb_says(amount)
            if said is not None:
                return said
        return _noun_phrase(amount, None)
    # "the death toll rose to 20"; "aftershocks increased the death toll to six": the verb's object
    # when it has one
    if num_head.dep_ == "pobj" and head.lower_ in ("to", "at", "by") and head.head.pos_ == "VERB":
        verb = head.head
        # (not a year: "At the virtual 2020 Convention, Blankenship won the nomination" counts nothing)
        year = any(_DIGITS.match(t.text) and _year_number(t.text) for t in (*toks, num_head))
        for deps in (("dobj",), ("nsubj", "nsubjpass")) if head.lower_ in ("to", "at") and not year \
                else (("nsubj", "nsubjpass"),):
            for child in verb.children:
                if child.dep_ in deps and child.pos_ == "NOUN":
                    # ("the number of cases in the outbreak rose to 58": what the number is of)
                    return _what_a_count_is_of(child)
    return None


def _what_its_verb_says(word):
    """"33 were reported hospitalised", "killed thousands": the state its verb gives ``word`` (the verb's
    subject or object) after it, else the verb itself; None after a light verb ("we have around 650", "fifteen
    were" say nothing of what is counted)."""
    verb = word.head
    for child in verb.children:
        if child.dep_ in ("xcomp", "acomp", "oprd") and child.i > word.i:
            return child.text.lower()
    if verb.pos_ == "VERB" and verb.lemma_.lower() not in _LIGHT_VERBS:
        return verb.text.lower()
    return None


def _what_a_count_is_of(noun):
    """"the number of cases" -> "cases", "the death toll" -> "death toll": the thing a count noun counts, else
    the noun itself."""
    of = next((p for p in noun.children if p.lower_ == "of"), None) \
        if noun.lemma_.lower() in _COUNT_NOUNS - {"toll"} else None
    counted = next((o for o in of.children if o.dep_ == "pobj" and o.pos_ == "NOUN"), None) if of is not None else None
    return _noun_phrase(counted, of) if counted is not None else _noun_phrase(noun, None)


def _verb_before(first, sent):
    """The harm verb right before a number, as a participle ("wounding 238" -> "wounded";
    "injured at least 50"), else None."""
    doc = first.doc
    k = first.i - 1
    while k > sent.span.start and doc[k].lower_ in ("least", "at", "than", "more", "about", "around", "nearly",
                                                    "almost", "over", "some", "another", "further"):
        k -= 1
    if k < sent.span.start or doc[k].pos_ != "VERB":
        return None
    return rules.load("figures")["harm_verbs"].get(doc[k].lemma_.lower())


_IRREGULAR_PLURALS = {"man": "men", "woman": "women", "person": "people", "child": "children", "foot": "feet",
                      "tooth": "teeth", "mouse": "mice"}


def _plural(noun):
    """"page" -> "pages", "storey" -> "storeys", "country" -> "countries", "man" -> "men"."""
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


def _noun_phrase(noun, after):
    """The noun with its adjacent compound/adjective modifiers, at most three words."""
    words = [noun]
    k = noun.i - 1
    while k >= 0 and (after is None or k > after.i) and noun.doc[k].dep_ in ("compound", "amod") and len(words) < 3:
        words.insert(0, noun.doc[k])
        k -= 1
    return " ".join(t.text for t in words)


def _noun_after(toks, counts):
    """The last token of the counted noun when it directly follows the number."""
    if not counts:
        return None
    doc = toks[0].doc
    last = toks[-1]
    words = counts.split()
    k = last.i + 1
    got = []
    while k < len(doc) and len(got) < len(words) + 2:
        if doc[k].text == words[-1] or (doc[k].i == last.i + 2 and _plural(doc[k].lower_) == words[-1]):
            return doc[k]  # (or the singular of a compound's noun: "131-page" counts pages)
        if doc[k].is_punct and doc[k].text != "-":
            return None
        got.append(doc[k])
        k += 1
    return None


# ---------------------------------------------------------------------------
# values

def parse_values(text):
    """The number(s) a phrase states: [5200000.0] for "5.2 million", [None] for "thousands".

    Ranges and tallies give two values ("230-to-198" -> [230, 198]).  Returns
    None when the phrase holds no number.
    """
    data = rules.load("figures")
    low = text.lower().strip()
    low = re.sub(r"(?:us|nz|a|au|c|ca|hk|s|r)?\$|£|€|¥|₹|₱|%|\brs\.?\s|\bper ?cent\b", " ", low)
    low = re.sub(r"-years?-old\b|\byears? old\b", " ", low)
    # "seven-year", "three-week": a number word joined to its unit
    low = re.sub(r"(?<=[a-z])-(?:year|week|month|day|hour|minute|second|mile|kilometre|kilometer|metre|meter|foot)s?\b",
                 " ", low)
    for vague in sorted(data["vague"], key=len, reverse=True):
        if re.search(r"\b" + re.escape(vague) + r"\b", low) and not re.search(r"\d", low):
            return [None]
    # "6.3 ± 0.7": the value, not its margin of error
    low = re.sub(r"\s*(?:" + "|".join(map(re.escape, _PLUS_MINUS)) + r")\s*[\d.,]+", "", low)
    low = _join_number_words(low)
    low = _and_a_fraction(low)
    # "1 hour 59 minutes 40.2 seconds": one time, in its smallest unit
    compound = re.fullmatch(r"(?:\D*?)(\d+|[a-z]+) hours? (?:and )?(\d+|[a-z-]+) minutes?(?: (?:and )?(\d+(?:\.\d+)?) seconds?)?",
                            low.strip())
    if compound and _number(compound.group(1)) is not None and _number(compound.group(2)) is not None:
        minutes = _number(compound.group(1)) * 60 + _number(compound.group(2))
        return [_tidy(minutes * 60 + float(compound.group(3)) if compound.group(3) else minutes)]
    # "six feet five inches": one height, in inches
    height = re.fullmatch(r"(?:\D*?)(\d+|[a-z]+) (?:feet|foot|ft) (?:and )?(\d+|[a-z]+) (?:inches|inch|in)\b.*", low.strip())
    if height and _number(height.group(1)) is not None and _number(height.group(2)) is not None:
        return [_tidy(_number(height.group(1)) * 12 + _number(height.group(2)))]
    hyphen_word = re.fullmatch(r"[a-z]+(?:-[a-z]+)+", low.strip()) is not None
    range_match = None if hyphen_word else re.match(
        r"^(?:between\s+)?(.+?)\s*(?:-to-|–|—|-|\bto\b|\band\b)\s*(.+)$", low)
    if range_match:
        left, right = _number(range_match.group(1)), _number(range_match.group(2))
        if left is not None and right is not None:
            # "5 to 6 million": the first number shares the second's multiplier
            # (not a number written in full: "US$86,000 and €5 million")
            mult = _multiplier(range_match.group(2))
            if mult and not _multiplier(range_match.group(1)) and left < min(mult, 1000):
                left *= mult
            return [_tidy(left), _tidy(right)]
    value = _number(low)
    if value is None:
        return None
    return [_tidy(value)]


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"


def _and_a_fraction(text):
    """"two and a half years" -> "2.5 years", "a year and a half" -> "1.5 year", "one and two thirds" -> "1.667":
    one amount, not a range of two ("and" otherwise joins the two ends of one)."""
    durations = "|".join(sorted(rules.word_set("figures", "durations"), key=len, reverse=True))
    text = re.sub(rf"\b(?:(?:a|an|one)\s+)?({durations})\s+and\s+a\s+half\b", r"1.5 \1", text)

    def add_fraction(match):
        whole, fraction = _number(match.group(1)), _number(match.group(2))
        return match.group(0) if whole is None or fraction is None else f"{round(whole + fraction, 3):g}"
    return re.sub(r"\b(\d+(?:\.\d+)?|[a-z]+)\s+and\s+(a\s+(?:half|third|quarter)|(?:one|two|three|four)\s+"
                  r"(?:thirds?|quarters?|fifths?))\b", add_fraction, text)


def _join_number_words(text):
    """"thirty-five" -> "35", so a hyphenated number is not read as a range."""
    words = rules.load("figures")["number_words"]
    return re.sub(rf"\b({_TENS})-({_UNITS})\b", lambda m: str(words[m.group(1)] + words[m.group(2)]), text)


def _multiplier(text):
    mults = rules.load("figures")["multipliers"]
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in mults and word not in ("m", "b", "k"):
            return mults[word]
    return None


def _tidy(value):
    if value is None:
        return None
    if abs(value - round(value)) < 1e-9:
        return int(round(value))
    if abs(value) < 1:  # three significant digits: 0.667 for two thirds, and 0.000032 stays 0.000032
        return float(f"{value:.3g}")
    return round(value, 3)


def _number(text):
    """A single number from digits and/or words ("5.2 million", "twenty-one", "half a million"), or None."""
    data = rules.load("figures")
    words_map = data["number_words"]
    mults = data["multipliers"]
    low = text.lower().replace(",", "").strip()
    low = re.sub(r"(\d)\s*(bn|mn|mln|m|k|b|tn)\b", r"\1 \2", low)
    tokens = re.findall(r"\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)*", low)
    total, current, seen = 0.0, 0.0, False
    for tok in tokens:
        if tok[0].isdigit():
            if seen and current:
                break  # a second number: not part of this one
            current, seen = float(tok), True
        elif tok in _FRACTIONS and seen and 0 < current < 20 and not total:
            current = round(current * _FRACTIONS[tok], 3)  # "two thirds" -> 0.667, "three quarters" -> 0.75
        elif tok in words_map and tok not in ("a", "an", "dozen", "half"):
            current, seen = current + float(words_map[tok]), True
        elif "-" in tok and all(p in words_map for p in tok.split("-")):
            current, seen = current + sum(float(words_map[p]) for p in tok.split("-")), True
        elif tok == "dozen":
            current, seen = (current or 1.0) * 12, True
        elif tok == "half" and not seen:
            current, seen = 0.5, True
        elif tok in mults and tok not in ("a",):
            if tok in ("m", "b", "k") and not re.search(r"\d\s*" + tok + r"\b", low):
                continue
            if mults[tok] == 100:
                current, seen = (current or 1.0) * 100, True
            else:
                total, current, seen = total + (current or 1.0) * mults[tok], 0.0, True
    if not seen:
        return None
    return total + current


_QUAKES = {"quake", "quakes", "earthquake", "earthquakes", "tremor", "tremors", "aftershock", "aftershocks"}
_FRACTIONS = {"halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25, "fifth": 0.2,
              "fifths": 0.2, "tenth": 0.1, "tenths": 0.1}


def _dedupe(figures):
    seen = set()
    out = []
    for fig in figures:
        if not fig.restated:
            out.append(fig)
            continue
        # ("two Cabinet officers" … "the two current Cabinet officers": one figure, told twice)
        head = (fig.counts or "").lower().split()[-1:]
        key = (fig.number, tuple(head), fig.unit) if fig.number is not None else (fig.start, fig.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(fig)
    return out
