"""Dates resolved against the publication date, and the dated events that use them.

News writes dates relative to the day it appears: "on Monday", "Feb. 24",
"last week", "earlier this month".  ``resolve`` turns such a phrase into an ISO
date and its precision (day, month or year), choosing the past occurrence
unless the sentence speaks of the future ("will", "next").  Phrases our own
rules don't know are handed to ``dateparser``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_FUTURE_HEADS = {"plan", "schedule", "expect", "set", "due", "intend", "go", "aim", "hope", "prepare"}


@dataclass
class ResolvedDate:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) and its precision."""

    iso: str
    precision: str


def _day(d):
    return ResolvedDate(d.isoformat(), "day")


def _month(year, month):
    return ResolvedDate(f"{year:04d}-{month:02d}", "month")


def _shift_month(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def resolve(phrase, published, future=False):
    """Resolve a date phrase against ``published`` (a :class:`datetime.date`); None if unknown.

    :param phrase: the words of the date ("last Friday", "Feb. 24", "March 2019")
    :param future: the sentence speaks of the future, so weekdays point forward
    """
    if published is None:
        return _absolute(phrase)
    low = phrase.lower().strip().replace("’", "'")
    low = re.sub(r"^(on|in|by|since|from|until|till|during|at|of|the|earlier|late|early|mid|later)\s+", "", low)
    low = re.sub(r"^(on|in|the)\s+", "", low)
    if low in ("today", "this morning", "this afternoon", "this evening", "tonight", "earlier today", "today's"):
        return _day(published)
    if low in ("yesterday", "last night", "yesterday's"):
        return _day(published - dt.timedelta(days=1))
    if low in ("tomorrow", "tomorrow's"):
        return _day(published + dt.timedelta(days=1))
    match = re.fullmatch(r"(?:(last|this|next|past|previous|coming)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                         r"(?:'s)?(?:\s+(morning|afternoon|evening|night))?", low)
    if match:
        which, day = match.group(1), WEEKDAYS[match.group(2)]
        back = (published.weekday() - day) % 7
        if which in ("next", "coming") or (future and which != "last" and back != 0):
            return _day(published + dt.timedelta(days=(day - published.weekday()) % 7 or 7))
        if which in ("last", "past", "previous") and back == 0:
            back = 7
        return _day(published - dt.timedelta(days=back))
    match = re.fullmatch(r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week)s?\s+ago", low)
    if match:
        n = _small_number(match.group(1))
        days = n * (7 if match.group(2) == "week" else 1)
        target = published - dt.timedelta(days=days)
        return _day(target) if match.group(2) == "day" else _month(target.year, target.month)
    if re.fullmatch(r"(?:earlier |later |early |late )?this month|(?:earlier |later )?in the month", low):
        return _month(published.year, published.month)
    if low in ("last month", "the previous month", "previous month", "past month"):
        return _month(*_shift_month(published.year, published.month, -1))
    if low in ("next month",):
        return _month(*_shift_month(published.year, published.month, 1))
    if re.fullmatch(r"(?:earlier |early |late |later )?(this|last|past|previous|next) week(?:end)?", low):
        which = re.search(r"(this|last|past|previous|next)", low).group(1)
        monday = published - dt.timedelta(days=published.weekday())
        monday += dt.timedelta(days={"this": 0, "next": 7}.get(which, -7))
        sunday = monday + dt.timedelta(days=6)
        if monday.month == sunday.month:
            return _month(monday.year, monday.month)
        return None
    absolute = _absolute(phrase, published, future)
    if absolute is not None:
        return absolute
    return _dateparser(phrase, published)


def _small_number(word):
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return int(word) if word.isdigit() else words.index(word)


def _absolute(phrase, published=None, future=False):
    """Month-day(-year), day-month(-year), month-year, ISO and bare years."""
    low = phrase.lower().strip()
    low = re.sub(r"^(on|in|by|since|from|until|during|the|early|late|mid|mid-)\s*", "", low)
    low = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", low).replace(",", " ")
    low = re.sub(r"\s+", " ", low).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", low)
    if match:
        return _safe_day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    patterns = [
        (rf"{_MONTH} (\d{{1,2}})(?: (\d{{4}}))?", lambda m: (m.group(1), m.group(2), m.group(3))),
        (rf"(\d{{1,2}}) {_MONTH}(?: (\d{{4}}))?", lambda m: (m.group(2), m.group(1), m.group(3))),
    ]
    for pattern, parts in patterns:
        match = re.fullmatch(pattern, low)
        if match:
            month_name, day, year = parts(match)
            month = MONTHS.get(month_name.rstrip(".")[:3] if month_name[:4] != "sept" else "sept")
            month = month or MONTHS.get(month_name.rstrip("."))
            if year:
                return _safe_day(int(year), month, int(day))
            if published is None:
                return None
            candidate = _safe_date(published.year, month, int(day))
            if candidate is None:
                return None
            # no year given: the nearest such date, in the past unless the sentence is about the future
            if not future and candidate > published + dt.timedelta(days=14):
                candidate = _safe_date(published.year - 1, month, int(day)) or candidate
            elif future and candidate < published - dt.timedelta(days=14):
                candidate = _safe_date(published.year + 1, month, int(day)) or candidate
            return _day(candidate)
    match = re.fullmatch(rf"{_MONTH}(?: of)?(?: (\d{{4}}))?", low)
    if match and (match.group(2) or published is not None):
        month = MONTHS.get(match.group(1).rstrip(".")[:3]) or MONTHS.get(match.group(1).rstrip("."))
        if match.group(2):
            return _month(int(match.group(2)), month)
        year = published.year
        if not future and month > published.month:
            year -= 1
        return _month(year, month)
    match = re.fullmatch(r"(1[89]\d\d|20\d\d)", low)
    if match:
        return ResolvedDate(match.group(1), "year")
    return None


def _safe_date(year, month, day):
    try:
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        return None


def _safe_day(year, month, day):
    date = _safe_date(year, month, day)
    return _day(date) if date else None


def _dateparser(phrase, published):
    """Last resort for phrases with a month name or digits that our rules did not read."""
    if not re.search(r"\d|" + _MONTH, phrase.lower()):
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - installed with factsheet
        return None
    base = dt.datetime.combine(published, dt.time(12))
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["month"],
                "STRICT_PARSING": False, "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; the phrase is just unknown
        return None
    if parsed is None:
        return None
    has_day = re.search(r"\b\d{1,2}\b", re.sub(r"\b\d{4}\b", "", phrase)) is not None
    return _day(parsed.date()) if has_day else _month(parsed.year, parsed.month)


def is_future(token):
    """True when the clause holding ``token`` speaks of what will happen ("will meet on Friday")."""
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    for _ in range(3):
        if any(child.dep_ == "aux" and child.lower_ in _FUTURE_AUX for child in verb.children):
            return True
        if any(child.lower_ in ("next", "upcoming", "coming") for child in token.subtree):
            return True
        # "plans to visit on Friday", "is scheduled to meet"
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in _FUTURE_HEADS:
            return True
        if verb.head is verb:
            break
        verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            break
    return False


def parse_iso(value):
    """A :class:`datetime.date` from ``YYYY-MM-DD`` (or None)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def find_dates(analysis, published, quotes=(), sentences=None):
    """(sentence, ent, ResolvedDate) for each resolvable date outside quotations."""
    out = []
    inside = [(q.open, q.close) for q in quotes]
    for sent in analysis.sentences if sentences is None else sentences:
        for ent in sent.ents:
            if ent.label_ != "DATE":
                continue
            future = is_future(ent.root)
            pos = sent.offset + ent[0].idx
            if any(a <= pos <= b for a, b in inside):
                continue
            if re.search(r"\b(years?|months?|weeks?|days?|decades?)\s+(old|long)\b|year-old|\bago\b.*\bago\b", ent.text.lower()):
                continue
            resolved = resolve(ent.text, published, future)
            if resolved is not None:
                out.append((sent, ent, resolved))
    return out
