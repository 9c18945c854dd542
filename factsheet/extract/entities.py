"""People, organizations and places: mentions found by spaCy, fixed up by news rules.

Steps, in order (each a function below):

1. ``ner_mentions``: spaCy's entity spans, cleaned (determiners, honorifics,
   possessives stripped) and mapped to our kinds.
2. ``cluster``: mentions of one entity are grouped: equal names, a bare
   surname or first name to the full name seen elsewhere, acronyms to the
   name they abbreviate ("UN" -> "United Nations"), and the well-known
   alternative names in ``rules/names.yaml``.
3. ``add_unlabelled_mentions``: further occurrences of a known name that the
   tagger missed ("Haq said") become mentions, so quotes can find speakers.
4. The kind of each entity is voted by its mentions; a group holding a
   multi-word person name is a person, whatever the tagger said of a surname.

Roles are found by :mod:`factsheet.extract.roles` on the result.
"""

from __future__ import annotations

import bisect
import calendar
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from dataclasses import dataclass, field

from ..paths import slugify, unique_slug
from ..registry import _CONNECTORS, name_key
from ..records import Entity
from . import rules
from .nlp import adjectives_only, dictionary_words, doc_text, verbs

LABEL_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
_WEB_ADDRESS = re.compile(r"\w\.(?:com|org|net|gov|edu|io|co|(?-i:[a-z]{2}))(?:\.[a-z]{2})?$", re.IGNORECASE)
# "in remarks to UOL.com.br", "the news site oe24.at": a web address a source is named by, after a word that
# introduces one
_CITED_ADDRESS = re.compile(r"\b(?:to|told|by|site|website|portal|outlet)\s+([A-Za-z][\w-]*(?:\.[a-z]{2,3}){1,2})(?![\w/.-])")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,6}$|^[A-Z][A-Z&]{1,7}$")


@dataclass
class Mention:
    """One place in the text where an entity is named."""

    start: int
    end: int
    text: str
    label: str  # person | organization | place
    sentence: object = None  # nlp.Sentence
    #: the honorific stripped from the front ("Mr", "Dr"), kept as an alias form
    honorific: str | None = None
    #: True when spaCy tagged it; False for names found by our own scans
    tagged: bool = True
    cluster: "Cluster" = None
    #: a name someone was born with ("Day was born Doris Mary Ann Kappelhoff"): an alias, never the name
    birth_name: bool = False
    #: a name right after a noun for a body ("the rock band Cream", "the journal Nature"): a body,
    #: whatever the tagger said
    after_body_noun: bool = False
    #: a candidate's campaign that speaks ("The Biden campaign criticized …"): a body, though "campaign" is
    #: an event's word
    speaking_campaign: bool = False
    #: the tagger's span ran on into an "and" ("the Army’s Research and" + "Referral Hospital"): the
    #: name goes on after it
    runs_into_and: bool = False
    #: a rule read it as a place from its context ("the city of Kyiv", "attractions such as Boracay")
    placed: bool = False

    @property
    def words(self):
        return self.text.split()


@dataclass
class Cluster:
    """The mentions of one entity and what is known about it."""

    mentions: list[Mention] = field(default_factory=list)
    kind: str = "other"
    name: str = ""
    id: str = ""
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    #: a kind settled by a rule that outranks the tagger's votes
    forced_kind: str | None = None
    #: a one-word name taken for a person's with nothing to show it is one: dropped unless a list of
    #: places takes it in ("from Dolgellau, Harlech, Barmouth, Bala, and Blaenau Ffestiniog")
    doubtful: bool = False

    def add(self, mention):
        mention.cluster = self
        self.mentions.append(mention)

    @property
    def first(self):
        return min(m.start for m in self.mentions)

    def keys(self):
        return {name_key(m.text) for m in self.mentions}


@dataclass
class EntityIndex:
    """The entities of one article and where each is mentioned."""

    clusters: list[Cluster]
    mentions: list[Mention]

    def entities(self):
        """The :class:`~factsheet.records.Entity` records, in order of first mention."""
        return [Entity(id=c.id, name=c.name, kind=c.kind, aliases=list(c.aliases), roles=list(c.roles))
                for c in self.clusters]

    def mention_at(self, offset):
        """The mention covering character ``offset``, or None (the first in list order, if several)."""
        # called for every token of every sentence that names someone: a scan of all
        # mentions made hostile articles dense with names take minutes, so bisect
        # ``mentions`` (sorted by start) on the starts and on the running maximum of the ends
        lookup = self._lookup()
        if lookup is None:  # not in text order (changed by hand): scan
            return next((m for m in self.mentions if m.start <= offset < m.end), None)
        starts, reach = lookup
        i = bisect.bisect_right(reach, offset)  # the first mention ending after offset
        return self.mentions[i] if i < bisect.bisect_right(starts, offset) else None

    def _lookup(self):
        key = (id(self.mentions), len(self.mentions))
        cached = getattr(self, "_lookup_cache", None)
        if cached is None or cached[0] != key:
            starts = [m.start for m in self.mentions]
            sorted_ = all(a <= b for a, b in zip(starts, starts[1:]))
            reach = list(itertools.accumulate((m.end for m in self.mentions), max)) if sorted_ else None
            cached = self._lookup_cache = (key, (starts, reach) if sorted_ else None)
        return cached[1]

    def mentions_between(self, start, end):
        """Mentions lying inside ``[start, end)``, in text order."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def ids_between(self, start, end):
        """Entity ids mentioned inside ``[start, end)``, first-mentioned first, no repeats."""
        seen = []
        for m in self.mentions_between(start, end):
            if m.cluster.id not in seen:
                seen.append(m.cluster.id)
        return seen

    def last_before(self, offset, kind=None, floor=0):
        """The last mention ending before ``offset`` (and not before ``floor``), optionally of ``kind``."""
        best = None
        for m in self.mentions:
            if m.end <= offset and m.start >= floor and (kind is None or m.cluster.kind == kind):
                best = m
        return best

    def by_key(self, text):
        """The cluster one of whose mentions has the name ``text``, or None."""
        key = name_key(text)
        for c in self.clusters:
            if key in c.keys():
                return c
        return None


def find_entities(analysis):
    """Find and group the named entities of an analysed article."""
    mentions = rejoin_split_names(analysis, split_people_off_names(analysis, ner_mentions(analysis)))
    mentions = join_of_names(analysis, extend_of_names(analysis, split_places(analysis, mentions)))
    mentions = join_and_names(analysis, movement_names(analysis, extend_bodies_left(analysis, mentions)))
    mentions = extend_places_right(analysis, cause_names(analysis, mentions))
    mentions = drop_defined_terms(analysis, mentions)
    mentions = drop_title_openings(analysis, mentions)
    mentions = tribe_names(analysis, mentions)
    mentions = federal_courts(analysis, mentions)
    mentions = natural_feature_names(analysis, possessive_building_names(analysis, mentions))
    mentions = campus_names(analysis, place_word_names(analysis, mentions))
    mentions = known_organizations(analysis, national_bodies(analysis, mentions))
    mentions += body_noun_names(analysis, mentions)
    mentions = _in_place_of(mentions, party_names(analysis, mentions))
    mentions = _in_place_of(mentions, speaking_campaigns(analysis, mentions))
    mentions += reporting_outlets(analysis, mentions)
    mentions += cited_addresses(analysis, mentions)
    mentions += cited_sources(analysis, mentions)
    mentions += pollsters(analysis, mentions)
    mentions = parenthetical_acronyms(analysis, mentions)
    mentions += place_phrases(analysis, mentions)
    mentions = congressional_districts(analysis, mentions)
    mentions += places_in_chains(analysis, mentions)
    mentions += untagged_countries(analysis, mentions)
    mentions += untagged_towns(analysis, mentions)
    mentions = bodies_of_people(analysis, mentions)
    mentions = untagged_bodies(analysis, mentions)
    mentions = cut_owners_off_bodies(split_listed_bodies(mentions))
    people, replaced = titled_people(analysis, mentions)
    mentions = [m for m in mentions if id(m) not in replaced] + people
    mentions = drop_works_and_products(mentions)
    clusters = cluster(mentions)
    correct_kinds(clusters)
    the_named_bodies(clusters)
    bodies_people_belong_to(clusters, analysis.text)
    drop_storm_names(analysis, clusters)
    drop_fictional_names(analysis, clusters)
    drop_residents(clusters)
    clusters = [c for c in clusters if c.mentions]
    list_kinds(analysis, clusters)
    clusters = [c for c in clusters if not c.doubtful]
    clusters = drop_dictionary_words(drop_families(clusters), analysis.text)
    given_names_as_people(clusters)
    mentions = add_unlabelled_mentions(analysis, clusters, [m for c in clusters for m in c.mentions])
    clusters = join_bare_surnames(join_plural_names(join_misspellings(join_birth_names(clusters))))
    clusters = drop_modifier_names(drop_products(drop_unplaced_names(clusters)))
    finish(clusters)
    mentions = sorted((m for c in clusters for m in c.mentions), key=lambda m: m.start)
    return EntityIndex(clusters=sorted(clusters, key=lambda c: c.first), mentions=mentions)


# ---------------------------------------------------------------------------
# 1. mentions from the tagger

def rejoin_split_names(analysis, mentions):
    """"the UC" + " Davis" where the article elsewhere names "UC Davis" whole: two names a space apart that
    make one the tagger found elsewhere in the article are that one name, with its kind."""
    whole = {}
    for m in mentions:
        if len(m.words) >= 2:
            whole.setdefault(m.text, m.label)
    ordered = sorted(mentions, key=lambda m: m.start)
    joined = {}  # id of the first of a pair -> the one name; id of the second -> None
    for m, nxt in zip(ordered, ordered[1:]):
        text = f"{m.text} {nxt.text}"
        if id(m) not in joined and nxt.start == m.end + 1 and analysis.text[m.end] == " " and text in whole \
                and m.sentence is nxt.sentence:
            joined[id(m)] = Mention(m.start, nxt.end, text, whole[text], m.sentence)
            joined[id(nxt)] = None
    # (in the order they came, which later steps keep: longest first)
    return [joined.get(id(m), m) for m in mentions if joined.get(id(m), m) is not None]


def split_places(analysis, mentions):
    """One place the tagger cut in two: "Las" + "Estrellas" (two unknown places with only a space
    between; not "South Carolina US"), and "Hawke" + "Bay" where the gazetteer knows "Hawke's Bay"."""
    from .gazetteer import is_place_name

    mentions = sorted(mentions, key=lambda m: m.start)
    out = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.sentence is m.sentence:
            gap = analysis.text[prev.end:m.start]
            joined = analysis.text[prev.start:m.end]
            if (gap == " " and prev.label == m.label == "place" and not is_place_name(prev.text)
                    and not is_place_name(m.text)) \
                    or (gap in (" ", "'s ", "’s ") and len(joined.split()) >= 2 and is_place_name(joined)):
                out[-1] = Mention(prev.start, m.end, joined, "place", m.sentence, tagged=True)
                continue
        out.append(m)
    return out


def split_people_off_names(analysis, mentions):
    """"told NPR Hamza bin Laden had appeared", "President of India Pranab Mukherjee dies": a body's or a
    place's name the tagger ran on into a person's name, which the article writes on its own elsewhere.

    The person's name is cut off the end, and the rest (with the words after it) becomes that person's.
    """
    # (a person's name that opens with a given name or a word no dictionary has: not "Divisional Railway
    # Manager", a title the tagger took for a name)
    people = {m.text for m in mentions if m.label == "person" and len(m.words) >= 2
              and (is_given_name(m.words[0]) or m.words[0].lower() not in dictionary_words())}
    out = []
    for m in mentions:
        cut = None
        if m.label != "person" and len(m.words) >= 2:
            following = analysis.text[m.end:m.end + 60]
            for k in range(1, len(m.words)):
                tail = " ".join(m.words[k:])
                # (the whole person's name in the span, or its first words and the rest right after it)
                name = next((p for p in people if p == tail or (p.startswith(tail + " ")
                             and following.startswith(p[len(tail):]))), None)
                if name is not None:
                    cut = (m.words[:k], name)
                    break
        if cut is None:
            out.append(m)
            continue
        head, name = cut
        start_person = m.start + len(" ".join(head)) + 1
        if analysis.text[start_person:start_person + len(name)] != name:
            out.append(m)  # (a name spread over a line break or double space: left as the tagger had it)
            continue
        out.append(Mention(m.start, m.start + len(" ".join(head)), " ".join(head), m.label, m.sentence))
        if not any(o.label == "person" and o.start == start_person for o in mentions):
            out.append(Mention(start_person, start_person + len(name), name, "person", m.sentence))
    return out


def _nickname_joined(ents):
    """The tagger's entities, with 'Matiu "Matt' and 'Ratana' made one name: it cuts a person's name
    after a nickname's opening mark and tags the surname on its own."""
    ents = list(ents)
    out = []
    k = 0
    while k < len(ents):
        ent = ents[k]
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if ent.label_ == "PERSON" and k + 1 < len(ents) and ents[k + 1].label_ == "PERSON" \
                and after is not None and after.text in ('"', "”") and ents[k + 1].start == ent.end + 1 \
                and sum(t.text in ('"', "“") for t in ent) == 1 and ent[-2].text in ('"', "“"):
            out.append(ent.doc[ent.start:ents[k + 1].end])
            out[-1].label_ = "PERSON"
            k += 2
            continue
        out.append(ent)
        k += 1
    return out


_PERSONAL_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir", "dame"}
_COMPASS_WORDS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western"}


def ner_mentions(analysis):
    """spaCy's PERSON/ORG/GPE/LOC/FAC spans as cleaned :class:`Mention` objects."""
    from .gazetteer import is_place_name

    honorifics = rules.word_set("roles", "honorifics")
    heads = rules.word_set("roles", "heads")
    not_entities = rules.word_set("names", "not_entities") | rules.word_set("names", "time_zones")
    title_words = rules.word_set("names", "title_words")
    # surnames of the people the tagger names in full, however it tags them elsewhere ("According to Rathbun")
    surnames = {ent[-1].text for sent in analysis.sentences for ent in sent.ents
                if ent.label_ == "PERSON" and len(ent) >= 2}
    out = []
    for sent in analysis.sentences:
        for ent in _nickname_joined(sent.ents):
            label = LABEL_KINDS.get(ent.label_)
            if ent.label_ == "NORP" and len(ent) >= 2 and _ACRONYM.match(ent[-1].text) and ent[-1].pos_ == "PROPN":
                # "Belarusian KGB arrested …": a people's adjective before a body's acronym, tagged as a group
                out.append(_mention(analysis, sent, [ent[-1]], "organization"))
                continue
            if ent.label_ == "NORP" and len(ent) == 2 and ent[-1].pos_ == "PROPN" and ent[-1].is_title \
                    and ent[-1].is_alpha and ent[-1].lower_ not in dictionary_words() and not is_given_name(ent[-1].text):
                # "Saudi Arabia's state-owned Saudi Aramco": a people's adjective and a word no dictionary has
                out.append(_mention(analysis, sent, list(ent), "organization"))
                continue
            if ent.label_ in ("WORK_OF_ART", "PRODUCT") and 2 <= len(ent) <= 3 and is_given_name(ent[0].text) \
                    and all(t.text[:1].isupper() for t in ent) \
                    and not any(t.lower_ in dictionary_words() for t in ent[1:]):
                label = "person"  # "support for Nicolás Maduro", "books by Atul Gawande", tagged as works
            if label is None:
                continue
            toks = list(ent)
            # a bracket or an unpaired quotation mark ends the name: "Jehovah's Witnesses (JWs",
            # 'on Twitter "Youtube-dl' (a nickname in a pair stays: 'Jeremy "Spike" Cohen')
            marks = ('"', "“", "”") if sum(t.text in ('"', "“", "”") for t in toks) % 2 else ()
            if marks and len(toks) > 2 and toks[0].lower_ == "the" and toks[1].text in marks:
                toks = toks[2:]  # 'known as the "Blue House"': the name is after the mark
            for k, tok in enumerate(toks):
                if k > 0 and (tok.text in ("(", "[", "/", "in", *marks) or (tok.text in ("—", "–", "-") and toks[k - 1].whitespace_)
                              or (tok.text == "," and not (k + 1 < len(toks) and toks[k + 1].text in ("D.C.", "DC")))):
                    toks = toks[:k]
                    break
            # "said on Twitter the Federal Aviation Administration …", "Rathbun the Scientology …": a
            # lower-case "the" after no preposition joins two names the tagger ran together
            for k, tok in enumerate(toks):
                if 0 < k < len(toks) - 1 and tok.text == "the" and toks[k - 1].lower_ not in _JOINING_WORDS \
                        and (toks[k - 1].pos_ == "PROPN" or toks[k - 1].text in surnames) \
                        and toks[k + 1].text[:1].isupper():
                    rest = toks[k + 1:]
                    text = analysis.text[sent.offset + rest[0].idx:sent.offset + rest[-1].idx + len(rest[-1].text)]
                    if _plausible_name(text, not_entities):
                        out.append(_mention(analysis, sent, rest, label))
                    toks = toks[:k]
                    break
            # "Lydia Buchtmann for Food Standards Australia": a person's name, then the body she speaks for
            if label == "organization" and len(toks) >= 4 and is_given_name(toks[0].text):
                k = next((k for k, tok in enumerate(toks) if tok.lower_ == "for"), None)
                if k in (2, 3) and all(t.text[:1].isupper() for t in toks[:k]) and toks[k + 1].text[:1].isupper():
                    out.append(_mention(analysis, sent, toks[:k], "person"))
                    toks = toks[k + 1:]
            # "Caboolture 43–5": a game's score after a side's name is no part of it
            if len(toks) > 1 and re.fullmatch(r"\d+[–-]\d+", toks[-1].text):
                toks = toks[:-1]
            elif len(toks) > 3 and toks[-2].text in ("–", "-") and toks[-1].is_digit and toks[-3].is_digit:
                toks = toks[:-3]
            # "Remarked Center for Biological Diversity scientist Tierra Curry": an inverted verb opening
            # the sentence is no part of a name
            while len(toks) > 1 and toks[0].i == sent.span.start and toks[0].pos_ == "VERB" \
                    and toks[0].tag_ in ("VBD", "VBN", "VBZ", "VBG") and (toks[0].lower_ in _SPEECH_OPENERS or toks[0].lower_ in dictionary_words()):
                toks = toks[1:]
                if toks[-1].lower_ in rules.word_set("names", "joinable_organizations") | {"center", "centre"}:
                    label = "organization"  # ("Remarked Center" + " for Biological Diversity")
            # "the Center for Biological Diversity and Center for Food Safety": two bodies
            if label == "organization":
                head = toks[1] if toks[0].lower_ == "the" and len(toks) > 1 else toks[0]
                for k, tok in enumerate(toks):
                    if 1 < k < len(toks) - 2 and tok.lower_ == "and" and toks[k + 1].lower_ == head.lower_ \
                            and head.lower_ in rules.word_set("names", "body_first_words") | {"center", "centre"}:
                        out.append(_mention(analysis, sent, toks[k + 1:], label))
                        toks = toks[:k]
                        break
            # "leaving Blues Incorporated for The Rolling Stones", "The Progressive and The New York Times":
            # a capital "The" after "for" or "and" starts another name
            if label == "organization":
                for k, tok in enumerate(toks[:-2]):
                    if k > 0 and tok.lower_ in ("for", "and") and toks[k + 1].text == "The":
                        out.append(_mention(analysis, sent, toks[k + 1:], label))
                        toks = toks[:k]
                        break
            # "Amnesty International's Man-kei Tam": a body's person, two names the tagger ran together
            if label != "person":
                for k, tok in enumerate(toks[:-2]):
                    rest = toks[k + 2:]
                    if k > 0 and toks[k + 1].text in ("'s", "’s") and 2 <= len(rest) <= 4 \
                            and all(t.text[:1].isupper() or t.text == "-" or (t.i > 0 and t.nbor(-1).text == "-")
                                    for t in rest) and (rest[0].ent_type_ == "PERSON" or is_given_name(rest[0].text)):
                        out.append(_mention(analysis, sent, rest, "person"))
                        toks = toks[:k + 1]
                        break
            # "the United Nations' Food and Agriculture Organization", "the House of Representatives' Committee on
            # Ways and Means": a body's name, its possessive, then the name of a body of its own
            if label == "organization":
                k = _possessive_between_bodies(toks)
                if k is not None:
                    out.append(_mention(analysis, sent, toks[1 if toks[0].lower_ == "the" else 0:k], label))
                    toks = toks[k + 1:]
            honorific = None
            # leading "the", "a", punctuation; for people, honorifics and titles
            while toks and (toks[0].lower_ in ("the", "a", "an") or toks[0].is_punct or toks[0].text in ("'s", "’s")):
                toks = toks[1:]
            # "North and South Korea": two places sharing a name; the second is named whole, the first is left
            # to its own mentions
            if len(toks) >= 4 and toks[0].text in _COMPASS_WORDS and toks[1].lower_ == "and" and toks[2].text in _COMPASS_WORDS:
                toks = toks[2:]
            # "Pan-democrat Lam Cheuk-ting", "Pro-Beijing DAB": a camp's hyphenated word opening the name is no part of it
            if len(toks) > 3 and toks[0].lower_ in _CAMP_PREFIXES and toks[1].text == "-" and not toks[0].whitespace_:
                toks = toks[3:]
            # "in Sultan Kudarat": a known place whose name opens with a title is no titled person (not
            # "Saint Paul", where a given name follows the title)
            if label == "person" and len(toks) >= 2 and (toks[0].lower_ in honorifics or _is_role_word(toks[0], heads)) \
                    and not is_given_name(toks[1].text) and is_place_name(" ".join(t.text for t in toks)):
                label = "place"
            # "Dr Martisius told Wikinews", tagged as a body: a personal honorific before a name marks a person
            # (not "Dr. Reddy's Laboratories", named with a body's word)
            if label != "person" and 2 <= len(toks) <= 4 and toks[0].lower_.rstrip(".") in _PERSONAL_HONORIFICS \
                    and all(t.is_title and t.pos_ == "PROPN" for t in toks[1:]) \
                    and not any(t.lower_ in rules.word_set("names", "organization_words") for t in toks[1:]):
                label = "person"
            while len(toks) > 1 and label == "person" and (toks[0].lower_ in honorifics or _is_role_word(toks[0], heads)):
                honorific = toks[0].text if toks[0].lower_.rstrip(".") in _PERSONAL_HONORIFICS else honorific
                toks = toks[1:]
            # "Republican Assemblywoman Jill Tolles": the title ends at its last title word
            if label == "person":
                titles = [k for k, t in enumerate(toks[:-1]) if _is_role_word(t, heads) and t.text[:1].isupper()]
                if titles and all(t.pos_ == "PROPN" for t in toks[titles[-1] + 1:]):
                    toks = toks[titles[-1] + 1:]
            # "Lead Paul Sun-Hyung Lee talked": a capitalised word opening the sentence before a
            # given name is a common word (a role), not the first of the person's names
            if label == "person" and len(toks) >= 3 and toks[0].i == sent.span.start \
                    and not is_given_name(toks[0].text) and is_given_name(toks[1].text) \
                    and toks[0].is_alpha and toks[1].text[:1].isupper() and toks[1].whitespace_ and len(toks[1].text) >= 3:
                toks = toks[1:]
            if label == "person" and _bare_title(toks, heads):
                continue
            # "a Republican Assemblywoman": a title without a name
            if label == "person" and toks and all(_is_role_word(t, heads) or t.lower_ in honorifics for t in toks):
                continue
            # "Mayor of Koszalin Piotr Jedlinski": the place belongs to the title
            if label == "person" and len(toks) >= 3 and toks[0].i >= 2 and toks[0].nbor(-1).lower_ == "of" \
                    and _is_role_word(toks[0].nbor(-2), heads):
                toks = toks[1:]
            if label != "person":
                toks, person = _split_title(toks, heads, honorifics)
                if person is None:
                    toks, person = _split_trailing_name(toks)
                if person:
                    out.append(_mention(analysis, sent, person, "person"))
            while toks and (toks[-1].text in ("'s", "’s", "'", "’") or (toks[-1].is_punct and toks[-1].text not in ".")):
                toks = toks[:-1]
            # "Associated Press news agency", "Durham Hall QC": trailing common words and post-nominals go
            runs_into_and = False
            while len(toks) > 1 and toks[-2].whitespace_ and (
                    (toks[-1].text.islower() and toks[-1].is_alpha) or toks[-1].text in _POST_NOMINALS
                    or toks[-1].lower_ in ("of", "and", "the")):
                runs_into_and = toks[-1].lower_ == "and"
                toks = toks[:-1]
            if not toks:
                continue
            # "Bishop-Emeritus", "Deputy Secretary-General": a title alone, not an organization or place
            if label != "person" and len(toks) >= 2 and all(
                    _is_role_word(t, heads) or t.lower_ in honorifics or t.lower_ in _TITLE_MODIFIERS
                    or t.text in ("-", "–") for t in toks):
                continue
            # "Archbishop of Gdańsk", "Chair in Global Islamic Politics": a title, not an organization or place
            if label != "person" and len(toks) >= 3 and _is_role_word(toks[0], heads) \
                    and toks[1].lower_ in ("of", "in", "for"):
                continue
            start = sent.offset + toks[0].idx
            end = sent.offset + toks[-1].idx + len(toks[-1].text)
            text = analysis.text[start:end]
            if text.endswith(".") and not re.search(r"(?:\b[A-Z]\.){2,}$|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St)\.$", text):
                text, end = text[:-1], end - 1
            # invisible format characters (a zero-width joiner pasted from the web) are no part of a name
            while text and unicodedata.category(text[-1]) == "Cf":
                text, end = text[:-1], end - 1
            while text and unicodedata.category(text[0]) == "Cf":
                text, start = text[1:], start + 1
            # ("Magnitude 6.3 according to Phivolcs": a number is no part of a person's name)
            if label == "person" and any(ch.isdigit() for ch in text):
                continue
            if not _plausible_name(text, not_entities) or text in _POST_NOMINALS:
                continue  # ("QC", "SC" alone: letters after a name, not a name)
            # "#DemDebate", "@NASA", "[S]evengill": a hashtag, a handle or an editor's bracket, not a name
            if analysis.text[start - 1:start] in ("#", "@") or re.search(r"\w[\[\]]\w|^\w\]", text):
                continue
            first = toks[0]
            # "the State of Virginia": the place is Virginia
            state_of = re.match(r"^(?:State|Commonwealth|Province) of (.+)$", text)
            if label != "person" and state_of:
                if is_place_name(state_of.group(1)):
                    start, text, label = start + state_of.start(1), state_of.group(1), "place"
            # "Secretary of State", "Interior Minister": the word is part of a title
            if label != "person" and name_key(text) in title_words:
                continue
            # "Republican Senate Majority Leader": a party's word before a legislature is no part of its name
            if label == "organization" and len(toks) == 2 and toks[0].text in _PARTY_ADJECTIVES \
                    and toks[1].lower_ in ("senate", "house", "congress", "parliament"):
                start, text = start + len(toks[0].text) + 1, toks[1].text
            # "Hungarian National Asset Management, Inc.": a company's legal suffix after a comma
            suffix = _LEGAL_SUFFIX.match(analysis.text, end) if label == "organization" else None
            if suffix:
                end = suffix.end()
                text = analysis.text[start:end]
            # keep a capitalised "The" that belongs to the name ("The Hill"), not a sentence start
            if label == "organization" and first.i > sent.span.start and first.i >= 1:
                prev = first.nbor(-1)
                if prev.text == "The" and prev.i > sent.span.start:
                    start = sent.offset + prev.idx
                    text = analysis.text[start:end]
            # "Valéry Giscard d'Estaing": a particle-joined surname the tagger left outside
            if label == "person" and toks[-1].i + 1 < sent.span.end:
                nxt = toks[-1].nbor(1)
                if re.match(r"^(d'|d’|de|van|von|der|da|di|du|del|dos|al-|el-|bin|ibn)", nxt.text) and \
                        nxt.pos_ == "PROPN" and not nxt.ent_type_:
                    end = sent.offset + nxt.idx + len(nxt.text)
                    text = analysis.text[start:end]
            # "Judge Amy Berman Jackson", "Wong Yeung-tat": the tagger stopped a word or a hyphen short
            if label == "person" and end == sent.offset + toks[-1].idx + len(toks[-1].text):
                end = _rest_of_name(toks, sent, end, heads)
                text = analysis.text[start:end]
            # "Sławoj Leszek Głódź": a first given name the tagger left outside
            if label == "person" and first.i > sent.span.start:
                prev = first.nbor(-1)
                # (not a common word: "Minister of Economy Richard Sulík", "Bishop Emeritus Dinualdo Gutierrez")
                if prev.pos_ == "PROPN" and prev.is_alpha and prev.is_title and not prev.ent_type_ \
                        and not _is_role_word(prev, heads) and prev.lower_ not in honorifics and prev.whitespace_ \
                        and (prev.lower_ not in dictionary_words() or is_given_name(prev.text)):
                    start = sent.offset + prev.idx
                    text = analysis.text[start:end]
            # "a General Santos City hospital": a known place the tagger began a word late
            if label == "place" and first.i > sent.span.start and first.nbor(-1).is_title \
                    and first.nbor(-1).lower_ not in ("the", "a", "an") and first.nbor(-1).pos_ != "DET":
                prev = first.nbor(-1)
                longer = f"{prev.text} {text}"
                if is_place_name(longer) or (longer.endswith(" City") and is_place_name(longer[:-5])):
                    start = sent.offset + prev.idx
                    text = analysis.text[start:end]
            # "Man-kei Tam": a hyphenated given name the tagger left out before the surname
            hyphenated = _hyphenated_word_before(first, sent)
            if label == "person" and hyphenated:
                head, tail = hyphenated
                if tail.text.islower() and not head.ent_type_ in ("ORG", "GPE") \
                        and tail.lower_ not in dictionary_words() and not _is_role_word(tail, heads):
                    start = sent.offset + head.idx
                    text = analysis.text[start:end]
            # "Nils-Erik Haagenrud": the tagger often starts the name after the hyphen
            if label == "person" and first.i >= 2 and first.nbor(-1).text == "-" and not first.nbor(-1).whitespace_ \
                    and first.nbor(-2).text[:1].isupper() and not first.nbor(-2).whitespace_:
                start = sent.offset + first.nbor(-2).idx
                text = analysis.text[start:end]
            # "the Co-operative Commonwealth Federation": a hyphenated capitalised word the tagger left out
            if label == "organization" and hyphenated:
                head, _tail = hyphenated
                if len(head.text) <= 3 and head.lower_ not in _CAMP_PREFIXES | {"ex", "pre"}:
                    start = sent.offset + head.idx
                    text = analysis.text[start:end]
            out.append(Mention(start, end, text, label, sent, honorific, runs_into_and=runs_into_and))
    return _longest_first(out)


_TITLE_MODIFIERS = {"emeritus", "elect", "designate", "acting", "interim", "deputy", "vice", "assistant"}


def _possessive_between_bodies(toks):
    """The index of the possessive that joins two bodies' names in ``toks``, or None.

    The name before it is a well-known body's or place's, or its head word is a body's ("House of
    Representatives'"); the name after it has two words or more and a body's head word. Not "the Catholic
    Bishops' Conference of the Philippines" (bishops are people) nor "the Kurdistan Workers' Party" (one word after).
    """
    from .gazetteer import is_place_name

    bodies = rules.word_set("names", "organization_words") | rules.word_set("names", "body_words") \
        | _TITLE_BODIES | {"organization", "organisation", "nations"}
    for k, tok in enumerate(toks):
        if tok.text not in ("'s", "’s", "'", "’") or not 0 < k < len(toks) - 2:
            continue
        before = " ".join(t.text for t in toks[1 if toks[0].lower_ == "the" else 0:k])
        after = name_key(" ".join(t.text for t in toks[k + 1:])).split()
        # (the head word before "of", "for" or "on": "Committee on Ways and Means")
        cut = next((i for i, w in enumerate(after) if i > 0 and w in ("of", "for", "on")), len(after))
        if not before or not toks[k + 1].text[:1].isupper() or after[cut - 1] not in bodies:
            return None
        if name_key(before) in _known_body_keys() or is_place_name(before) or (len(before.split()) >= 2 and _head_word(name_key(before)) in bodies):
            return k
        return None
    return None


_CAMP_PREFIXES = {"pro", "anti", "pan", "non"}
_PARTY_ADJECTIVES = {"Republican", "Democratic", "Democrat", "Conservative", "Labour", "Liberal", "GOP"}
_LEGAL_SUFFIX = re.compile(r",? (?:Inc\.|Ltd\.|Corp\.|L\.L\.C\.|LLC\b|PLC\b|plc\b|Limited\b|Inc\b|Ltd\b)")

_SPEECH_OPENERS = {"remarked", "said", "says", "added", "noted", "explained", "wrote", "tweeted", "stated"}

#: words after which "the" stays inside a name ("Church of the Nazarene", "Veterans Against the War")
_JOINING_WORDS = {"of", "for", "to", "on", "and", "in", "at", "from", "with", "against", "by", "under", "over",
                  "&", "into", "upon", "beyond", "across", "around", "behind", "between"}


def _longest_first(mentions):
    """Of overlapping mentions keep the longer ("Nils-Erik Haagenrud" over "Nils")."""
    kept = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _is_role_word(tok, heads):
    word = tok.lower_.rstrip(".")
    return word in heads or tok.lemma_.lower() in heads or _singular_word(word) in heads \
        or any(part in heads for part in word.split("-") if part)


def _hyphenated_word_before(first, sent):
    """``(head, tail)`` when a capitalised hyphenated word ends right before ``first`` ("Man-kei" before
    "Tam", "Co-operative" before "Commonwealth"), else None."""
    if first.i < 3 or first.i - 3 < sent.span.start:
        return None
    tail, hyphen, head = first.nbor(-1), first.nbor(-2), first.nbor(-3)
    if hyphen.text == "-" and not hyphen.whitespace_ and not head.whitespace_ and tail.whitespace_ \
            and head.text[:1].isupper() and head.is_alpha and tail.is_alpha:
        return head, tail
    return None


def _bare_title(toks, heads):
    """"as Foreign Secretary": a title ending in its role word, with no given name, names no one."""
    return len(toks) >= 2 and _is_role_word(toks[-1], heads) and not any(is_given_name(t.text) for t in toks)


def _head_word(key):
    """The word a name's kind rests on: the one before "of" or "for", else the last ("Scripps
    Institution of Oceanography", "Public Service Vehicle Regulations for Buses")."""
    words = key.split()
    cut = next((k for k, w in enumerate(words) if k > 0 and w in ("of", "for")), len(words))
    return words[cut - 1]


def _singular_word(word):
    """"advisors" -> "advisor", "secretaries" -> "secretary" (the tagger leaves capitalised plurals alone)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _split_title(toks, heads, honorifics):
    """Split "Assemblywoman Selena Torres" or "Coast Guard Commandant" tagged as one organization.

    Returns the tokens left for the organization (possibly none) and the
    tokens of a person's name that followed a title inside the span.
    """
    last_title = None
    for k, tok in enumerate(toks):
        if _is_role_word(tok, heads) or tok.lower_ in honorifics:
            last_title = k
    if last_title is None:
        return toks, None
    after = toks[last_title + 1:]
    if after and after[-1].lower_ in _not_name_ends():
        return toks, None  # "Republican National Convention": the name of an event or body, not a person's
    if len(after) >= 2 and all(t.is_title or t.text[:1].isupper() for t in after) and \
            all(t.pos_ == "PROPN" for t in after):
        return [], after
    if not after and not _is_role_word(toks[last_title], heads):
        return toks, None  # an honorific never ends a name: "Notre Dame" is no "Notre" and a "Dame"
    if not after and last_title >= 2 and toks[last_title - 1].lower_ == "of" \
            and toks[last_title - 2].lower_ in rules.word_set("names", "joinable_organizations"):
        return toks, None  # "Rosenstiel School of Marine": a school's subject, not a title
    if not after and _singular_word(toks[last_title].lower_) != toks[last_title].lower_ \
            and any(t.lower_ == "of" for t in toks[1:last_title]):
        return toks, None  # "League of United Latin American Citizens": people the body is of, not a title
    if not after:
        # a trailing title word: "Coast Guard Commandant" -> "Coast Guard"
        kept = toks[:last_title]
        while kept and (_is_role_word(kept[-1], heads) or kept[-1].lower_ in ("of", "and", "the", "-")):
            kept = kept[:-1]
        return kept, None
    return toks, None


@lru_cache(maxsize=1)
def _not_name_ends():
    """Last words of bodies', buildings' and events' names, which no person's name ends in."""
    return rules.word_set("names", "organization_words") | rules.word_set("names", "facility_words") \
        | rules.word_set("names", "event_words") | rules.word_set("names", "body_words") \
        | {"administration", "directorate", "embassy"}  # ("General Services Administration")


def _rest_of_name(toks, sent, end, heads):
    """The end of a person's name the tagger cut short: a hyphenated ending or one more name word."""
    doc = toks[-1].doc
    k = toks[-1].i + 1
    if k + 1 < sent.span.end and doc[k].text == "-" and not toks[-1].whitespace_ and not doc[k].whitespace_ \
            and doc[k + 1].is_alpha and not doc[k + 1].ent_type_:
        return sent.offset + doc[k + 1].idx + len(doc[k + 1].text)  # "Yeung-tat"
    if k < sent.span.end and len(toks) <= 2 and toks[-1].whitespace_:
        nxt = doc[k]
        blocked = rules.word_set("names", "organization_words") | rules.word_set("names", "facility_words") \
            | rules.word_set("names", "not_entities") | rules.word_set("names", "after_name_words")
        if nxt.pos_ == "PROPN" and nxt.is_alpha and nxt.is_title and nxt.ent_type_ in ("", "PERSON") \
                and nxt.lower_ not in blocked and not _is_role_word(nxt, heads) \
                and not (k + 1 < sent.span.end and doc[k + 1].pos_ == "PROPN" and doc[k + 1].is_title):
            return sent.offset + nxt.idx + len(nxt.text)  # "Graciano Mijares", "Amy Berman Jackson"
    return end


def _split_trailing_name(toks):
    """"House of Representatives Darin LaHood": a given name starts a person's name at the end."""
    first_names = rules.word_list("first_names")
    not_names = rules.word_set("names", "organization_words") | rules.word_set("names", "facility_words") | \
        rules.word_set("names", "joinable_places") | rules.word_set("names", "joinable_organizations")
    # "Amnesty International Man-kei Tam": a hyphenated given name and a surname end the span
    if len(toks) >= 6 and toks[-3].text == "-" and not toks[-3].whitespace_ and not toks[-4].whitespace_ \
            and toks[-4].text[:1].isupper() and toks[-2].text.islower() and toks[-2].is_alpha \
            and toks[-1].text[:1].isupper() and toks[-5].whitespace_:
        return toks[:-4], toks[-4:]
    for k in range(1, len(toks) - 1):
        rest = toks[k:]
        if toks[k - 1].text in ("-", "‐") and not toks[k - 1].whitespace_:
            # "Nils-Erik Haagenrud": the hyphen joins the given name; the whole span is the person
            if k >= 2 and toks[k - 2].text[:1].isupper() and not toks[k - 2].whitespace_ and (
                    k == 2 or toks[k - 3].whitespace_) and toks[k].lower_ in first_names and 2 <= len(rest) <= 3:
                return toks[:k - 2], toks[k - 2:]
            continue
        if toks[k].lower_ in first_names and 2 <= len(rest) <= 3 and \
                all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in not_names for t in rest) and \
                toks[k - 1].lower_ not in ("san", "santa", "saint", "st", "st.", "los", "las", "northern", "southern", "eastern",
                                           "western", "new", "north", "south", "east", "west", "upper", "lower",
                                           # ("Redfield & Wilton Strategies": a joining word holds the name in)
                                           "&", "and", "of"):
            return toks[:k], rest
    return toks, None


def is_given_name(word):
    """True for a given name of any country ("Morgan", "Piotr", "Thibaut", "Suman")."""
    lower, plain = _name_forms(word)
    return is_common_given_name(word) or lower in world_given_names() or plain in world_given_names()


def is_common_given_name(word):
    """True for a common English given name ("Morgan", "Deirdre"): strong enough to make a
    one-word name a person's, where a rarer one ("Forbes") is more often a surname or a body."""
    lower, plain = _name_forms(word)
    names = rules.word_list("first_names")
    return lower in names or plain in names


def _name_forms(word):
    """The word in lower case, with and without its accents."""
    folded = unicodedata.normalize("NFKD", word.lower())
    return word.lower(), "".join(c for c in folded if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def world_given_names():
    """Given names from 50-odd countries: Jörg Michael's name dictionary as shipped by
    ``gender-guesser`` (its data file, GNU FDL; read, not vendored).

    Names that are also English words, stop words or places ("Will", "The", "Paris")
    are left out, as in ``rules/first_names.txt``.
    """
    from importlib.resources import files

    from spacy.lang.en.stop_words import STOP_WORDS

    from .gazetteer import own_place_keys
    from .nlp import english_words

    try:
        data = files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - a dependency; degrade to the census list
        return frozenset()
    words = english_words()
    places = own_place_keys()
    names = set()
    for line in data.splitlines():
        parts = line.split()
        # "M  Thibaut    1 …": sex code, name; "+" joins compound names; "=" lines are spellings
        if len(parts) < 2 or line[0] in "#=" or "+" in parts[1]:
            continue
        name = parts[1].lower()
        if len(name) >= 3 and name not in words and name not in STOP_WORDS and name_key(name) not in places:
            names.add(name)
    return frozenset(names)


def _mention(analysis, sent, toks, label):
    start = sent.offset + toks[0].idx
    end = sent.offset + toks[-1].idx + len(toks[-1].text)
    return Mention(start, end, analysis.text[start:end], label, sent)


def _plausible_name(text, not_entities):
    if not text or "\n" in text or len(text) > 80:
        return False
    if not any(c.isupper() for c in text):
        return False
    if text.lower() in not_entities or name_key(text) in not_entities:
        return False
    if not re.search(r"[^\W\d_]", text) or text[0] in "@#|" or "@" in text:
        return False
    if re.fullmatch(r"(?:[A-Z]{3}|Rs\.?) ?\d[\d,.]*(?:[-–](?:[A-Z]{3}|Rs\.?)? ?\d[\d,.]*)?", text):
        return False  # "USD910", "USD 26.95", "Rs.30-Rs.40": a sum of money after its currency code
    if any(c.isalpha() and unicodedata.category(c) != "Lm" and not unicodedata.name(c, "").startswith("LATIN")
           for c in text):
        return False  # ("Union नहीं है": words of another script the tagger ran into an English name)
    if re.fullmatch(r"[A-Z]{2,4}-\d{1,4}", text):
        return False  # "STS-134", "AR-15": a mission's or a model's code
    # "intra-Africa", "pro-Beijing": a prefix on a name is a word, not a name; a lower-case start
    # is a name only with a particle ("al-Ikhbariya", "de Blasio") or as a brand ("iPhone", "eBay")
    first = re.split(r"[\s\-‐]", text, maxsplit=1)[0]
    if text[0].islower() and "-" in text.split()[0] and first.lower() not in _PARTICLES:
        return False
    return True


def parenthetical_acronyms(analysis, mentions):
    """"United Nations (UN)": the bracketed acronym as a mention of the same kind (the mentions, with those added)."""
    from .gazetteer import is_country_or_region, is_place_name

    out, held = [], set()
    by_end = {m.end: m for m in mentions}
    for match in re.finditer(r"\s?\(([A-Z][A-Za-z.&]{1,9})\)", analysis.text):
        acronym = match.group(1)
        start = match.start(1)
        sent = analysis.sentence_at(start)
        before = by_end.get(match.start())
        # "Libertyville Township (Illinois)": the state or country a place lies in, not another name of it
        if is_country_or_region(acronym) and _initials(before.text if before else "") != acronym.upper():
            if not any(m.start == start for m in mentions):
                out.append(Mention(start, start + len(acronym), acronym, "place", sent, tagged=True))
            continue
        # "the Parliament of New South Wales (NSW)": the letters spell the place the body is "of"
        place = before.text.rsplit(" of ", 1)[-1] if before is not None and " of " in before.text else ""
        if place and _initials(place) == acronym.replace(".", "").upper() and _initials(before.text) != _initials(place) \
                and is_place_name(place):
            a = before.end - len(place)
            out.append(Mention(a, before.end, place, "place", sent, tagged=True))
            mention = Mention(start, start + len(acronym), acronym, "place", sent, tagged=True)
            mention.expands = out[-1]
            out.append(mention)
            continue
        # "Member of Parliament (MP)": the letters spell a title that holds the name, not the name
        if before is not None and _initials(before.text) != acronym.replace(".", "").upper():
            longer = _spelled_out(analysis, match.start(), acronym, sent)
            if longer is not None and longer.start < before.start:
                if longer.text.split()[0].lower() in rules.word_set("roles", "heads"):
                    continue
                # "Notes from Poland (NFP)": the letters spell a longer name the tagger cut, which holds it
                held.add(id(before))
                before = None
        if before is None:
            # the tagger missed the name; take the capitalised words whose initials spell the acronym
            before = _spelled_out(analysis, match.start(), acronym, sent)
            if before is None:
                continue
            out.append(before)
        mention = Mention(start, start + len(acronym), acronym, before.label, sent, tagged=True)
        mention.expands = before  # the name it abbreviates
        out.append(mention)
    return [m for m in mentions if id(m) not in held] + out


def _spelled_out(analysis, end, acronym, sent):
    letters = acronym.replace(".", "").replace("&", "").upper()
    # "Transport for London (TfL)": a lower-case letter stands for a connecting word
    capitals = "".join(c for c in acronym if c.isupper())
    capitals = capitals if len(capitals) >= 2 else letters  # ("(Stardom)" is a short name, not an acronym)
    if sent is None or not 2 <= len(letters) <= 8:
        return None
    words = list(re.finditer(r"[\w’'&.-]+", analysis.text[sent.start:end]))
    for k in range(len(words) - 1, -1, -1):
        chunk = words[k:]
        if chunk[0].group(0)[0].islower():
            continue
        phrase = analysis.text[sent.start + chunk[0].start(): end].strip()
        initials = _initials(phrase)
        # a short small word may give its letter too ("Notes from Poland (NFP)")
        if initials in (letters, capitals) and all(w.group(0)[0].isupper() or w.group(0).lower() in _CONNECTORS
                                                   or (initials == letters and len(w.group(0)) <= 5)
                                                   for w in chunk):
            start = sent.start + chunk[0].start()
            return Mention(start, start + len(phrase), phrase, "organization", sent, tagged=True)
        if len(chunk) > len(letters) + 3:
            break
    return None


_WORD_ORDINALS = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
                  "fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth")
_DISTRICT = re.compile(rf"(?<![\w.'’-])((?:[A-Z][a-z]+ )?[A-Z][a-z]+)['’]s (?:\d{{1,2}}(?:st|nd|rd|th)|{_WORD_ORDINALS}|"
                       rf"at-large) [Cc]ongressional (?:[Dd]istrict|seat)\b")


def congressional_districts(analysis, mentions):
    """"Maryland's seventh Congressional District", "California's 22nd congressional seat": a state's numbered
    district is a place, named whole (the tagger finds the state, or "Congressional District" as a body)."""
    from .gazetteer import is_place_name

    found = []
    for s, e in analysis.paragraphs:
        for match in _DISTRICT.finditer(analysis.text, s, e):
            if is_place_name(match.group(1)):
                a, b = match.span()
                found.append(Mention(a, b, match.group(0), "place", analysis.sentence_at(a), placed=True))
    return _in_place_of(mentions, found)


def place_phrases(analysis, mentions):
    """"the city of Kyiv", "the province of Aceh": a capitalised name after a place noun."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from .gazetteer import is_place_name

    facility = rules.word_set("names", "facility_words") - {"center", "centre", "base", "house"}
    known_orgs = _known_organization_keys()
    body_words = rules.word_set("names", "organization_words") | facility
    taken = [(m.start, m.end) for m in mentions]
    out = []
    pattern = re.compile(r"\b(?:city|town|village|capital|province|state|county|region|district|island|"
                         r"islands|port|municipality|prefecture|republic|kingdom|suburb|neighbourhood|"
                         r"neighborhood) of ((?:[A-Z][\w’'-]+)(?: [A-Z][\w’'-]+){0,2})")
    for s, e in analysis.paragraphs:
        for match in pattern.finditer(analysis.text, s, e):
            a, b = match.span(1)
            if any(x < b and a < y for x, y in taken):
                continue
            out.append(Mention(a, b, match.group(1), "place", analysis.sentence_at(a), placed=True))
        # "Mecca's Grand Mosque", "the Emancipation Memorial": a capitalised name ending in a building's
        # word that the tagger left untagged is a place
        for match in _BUILDING.finditer(analysis.text, s, e):
            a, b = match.span(1)
            words = match.group(1).split()
            if words[-1].lower() not in facility or words[0].lower() in STOP_WORDS or a == s \
                    or any(x < b and a < y for x, y in taken):
                continue
            out.append(Mention(a, b, match.group(1), "place", analysis.sentence_at(a), placed=True))
            taken.append((a, b))
        # "tourist attractions, such as Boracay and Coron": names listed after a plural noun for places
        for match in _PLACES_SUCH_AS.finditer(analysis.text, s, e):
            for name in re.finditer(_LISTED_NAME, match.group(1)):
                a, b = match.start(1) + name.start(), match.start(1) + name.end()
                same = [m for m in mentions if m.start == a and m.end == b]
                for m in same:
                    m.label, m.placed = "place", True
                if not same and not any(x < b and a < y for x, y in taken):
                    out.append(Mention(a, b, name.group(0), "place", analysis.sentence_at(a), placed=True))
                    taken.append((a, b))
        # "appliances from Dolgellau, Harlech, Barmouth, Bala, and Blaenau Ffestiniog", "in Damietta and Idku": a
        # list after a preposition of place that a place opens names places (not people nor known bodies)
        for match in _PLACE_LIST.finditer(analysis.text, s, e):
            first = [m for m in mentions if (m.start, m.end) == match.span(1)]
            if not (any(m.label == "place" for m in first) or is_place_name(match.group(1))):
                continue
            for name in re.finditer(_LISTED_NAME, match.group(2)):
                a, b = match.start(2) + name.start(), match.start(2) + name.end()
                words = name.group(0).split()
                if is_given_name(words[0]) or _ACRONYM.match(words[0]) or name_key(name.group(0)) in known_orgs \
                        or re.match(r"I\b|(?:He|She|We|They|You)['’]", words[0]) \
                        or words[-1].lower() in body_words or any(
                            m.label == "person" and len(m.words) >= 2 and m.words[-1] == words[-1] and m.start != a
                            for m in mentions):
                    continue
                same = [m for m in mentions if m.start == a and m.end == b]
                for m in same:
                    m.label, m.placed = "place", True
                if not same and not any(x < b and a < y for x, y in taken) \
                        and words[0].lower() not in dictionary_words():
                    out.append(Mention(a, b, name.group(0), "place", analysis.sentence_at(a), placed=True))
                    taken.append((a, b))
        # roads by number: "Interstate 75", "U.S. Route 2" (the tagger rarely takes them for places)
        for match in _ROADS.finditer(analysis.text, s, e):
            a, b = match.span()
            kept = [(x, y) for x, y in taken if not (a <= x and y <= b)]
            if any(x < b and a < y for x, y in kept):
                continue
            out.append(Mention(a, b, match.group(0), "place", analysis.sentence_at(a), placed=True))
            taken.append((a, b))
    return out


_LISTED_NAME = r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}"
_PLACES_SUCH_AS = re.compile(
    r"\b(?:cities|towns|villages|islands|countries|provinces|regions|destinations|attractions|resorts|"
    rf"neighbou?rhoods|suburbs),? (?:(?:such as|including|like) )?((?:{_LISTED_NAME}, )*"
    rf"{_LISTED_NAME}(?:,? and {_LISTED_NAME})?)")
_PLACE_LIST = re.compile(rf"\b(?:in|from|at|near) (?:the )?({_LISTED_NAME})((?:, {_LISTED_NAME})*,? (?:and|or) "
                         rf"{_LISTED_NAME})(?![\w’'-])")
_BUILDING = re.compile(r"(?<![\w.’'-])((?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+)(?![\w’'-])")
# "the Aphrodite gas field", "in Jeeyapuram forest", "the Amazon rainforest": a name and a lower-case word for a
# field or a forest make one place's name, whatever the tagger made of the name (a body, a town, nothing)
_NATURAL_FEATURE = re.compile(r"(?<![\w'’-])(?!(?:The|A|An|This|That|Its|Their) )((?:[A-Z][\w'’-]+ ){0,2}[A-Z][\w'’-]+)"
                              r" (?:rainforest|forest|jungle|(?:oil|gas|oil and gas) ?field)\b")
_DC = re.compile(r",? (?:D\.C\.|DC)(?![\w.])")
_KINDS_OF_PLACE = re.compile(r" (?:district|airport|station|ground)\b")
# "in Jakarta Bay", tagged "Jakarta": a capitalised word for a body of water or a land form after a place's name
# is part of it (not before another capitalised word: "Salt Lake City", "Hudson Bay Company")
_FEATURE_AFTER_PLACE = re.compile(r" (?:Bay|River|Strait|Gulf|Harbour|Harbor|Peninsula|Sea|Valley|Mountains|Canal|"
                                  r"Delta|Basin|Coast|Desert|Falls|Island|Islands|Lagoon|Estuary)(?![\w'’-]| [A-Z&])")


def campus_names(analysis, mentions):
    """"University of California, San Diego", "University of Texas at Tyler": a state university
    and its campus town are one body's name."""
    from .gazetteer import geonames_keys

    ordered = sorted(mentions, key=lambda m: m.start)
    out, skip = [], set()
    for i, m in enumerate(ordered):
        if i in skip:
            continue
        state = re.fullmatch(r"University of (.+)", m.text)
        n = ordered[i + 1] if i + 1 < len(ordered) else None
        if state and name_key(state.group(1)) in geonames_keys("us_states") and n is not None and n.label != "person" \
                and analysis.text[m.end:n.start] in (", ", " at "):
            out.append(Mention(m.start, n.end, analysis.text[m.start:n.end], "organization", m.sentence))
            skip.add(i + 1)
            continue
        out.append(m)
    return out


_OWNERS_BUILDING = re.compile(r"(?<![\w.'’])((?:St\.?|Saint) )?([A-Z][a-z]+(?: [A-Z][a-z]+)?)['’]s?((?: [A-Z][a-z]+){1,3})\b")


def _named_in_full(mentions):
    """The mentions of people named with two words or more ("Joshua Winch")."""
    return [m for m in mentions if m.label == "person" and len(m.words) >= 2]


def _named_surnames(mentions):
    """The last words of the people named in full ("Winch" of Joshua Winch): a lone one is that person."""
    return {m.words[-1] for m in _named_in_full(mentions)}


def possessive_building_names(analysis, mentions):
    """"St. Patrick's Cathedral", "Grauman's Egyptian Theatre": a saint's or a founder's name in the possessive
    before a building's word is one place's name, where the tagger stopped at the possessive (a church is left
    out: the name of a congregation as often as of a building). A founder is no place, body, given name,
    dictionary word, named person's surname or name the article uses on its own ("Britain's Heathrow Airport",
    "Boeing's Everett Factory", "Wynnum's Grenada Street ground")."""
    from .gazetteer import is_place_name

    buildings = rules.word_set("names", "facility_words")
    surnames = _named_surnames(mentions)

    def named_elsewhere(name, a, b):
        return any(name_key(m.text) == name_key(name) for m in mentions if m.end <= a or m.start >= b)

    out = list(mentions)
    for s, e in analysis.paragraphs:
        for match in _OWNERS_BUILDING.finditer(analysis.text, s, e):
            a, b = match.span()
            saint, owner = match.group(1), match.group(2)
            if match.group(3).split()[-1].lower() not in buildings \
                    or any(m.start < a < m.end or m.start < b < m.end for m in out):
                continue
            if not saint and (is_place_name(owner) or name_key(owner) in _known_body_keys() or is_given_name(owner)
                              or owner.split()[-1] in surnames or named_elsewhere(owner, a, b)
                              or any(w.lower() in dictionary_words() for w in owner.split())):
                continue
            inside = [m for m in out if a <= m.start and m.end <= b]
            if any((m.start, m.end) == (a, b) for m in inside):
                continue
            out = [m for m in out if m not in inside]
            out.append(Mention(a, b, match.group(0), "place", analysis.sentence_at(a)))
    return out


def natural_feature_names(analysis, mentions):
    """"the Aphrodite gas field", "in Jeeyapuram forest", "the Amazon rainforest": a capitalised name before a
    lower-case word for a field or a forest is that place's name with the word, replacing what the tagger found
    inside it. Not a name that opens a sentence as a common word ("Rain forest …"), nor a person's name."""
    out = list(mentions)
    for s, e in analysis.paragraphs:
        for match in _NATURAL_FEATURE.finditer(analysis.text, s, e):
            a, b = match.span()
            name = match.group(1)
            opens_sentence = analysis.sentence_at(a).offset == a
            if opens_sentence and name.split()[0].lower() in dictionary_words() \
                    or any(m.start < a < m.end or m.start < b < m.end for m in out):
                continue
            inside = [m for m in out if a <= m.start and m.end <= b]
            if any(m.label == "person" and len(m.words) >= 2 for m in inside):
                continue
            out = [m for m in out if m not in inside]
            out.append(Mention(a, b, match.group(0), "place", analysis.sentence_at(a), placed=True))
    return out


def place_word_names(analysis, mentions):
    """"the Central district", "Gillespie Field airport": a lower-case word for a kind of place right
    after a name belongs to the place's name (fields and forests: ``natural_feature_names``).

    Always for a district; for an airport or a station only when the name alone is
    no known town ("Kabul airport" stays the town of Kabul). A known town the tagger took for
    a person or a body before such a word is a place ("at Waterloo station").
    """
    from .gazetteer import is_place_name

    out = []
    for m in mentions:
        end = None
        found = m.text == "Washington" and _DC.match(analysis.text, m.end)
        if found:
            end = found.end()  # ("Washington, D.C.": the city, not the state and a stray "D.C.")
        elif m.label == "place" and (feature := _FEATURE_AFTER_PLACE.match(analysis.text, m.end)):
            end = feature.end()
        elif m.label == "place":
            found = _KINDS_OF_PLACE.match(analysis.text, m.end)
            if found and (found.group(0) == " district" or not is_place_name(m.text)) \
                    and not _noun_follows(analysis, found.end()):
                end = found.end()  # (not "the Manhattan district attorney")
        elif _KINDS_OF_PLACE.match(analysis.text, m.end) and is_place_name(m.text):
            m = Mention(m.start, m.end, m.text, "place", m.sentence)
        if end is None:
            out.append(m)
        else:
            out.append(Mention(m.start, end, analysis.text[m.start:end], "place", m.sentence, honorific=m.honorific))
    return _without_swallowed(out)  # ("D.C." in "Washington, D.C.")


def _noun_follows(analysis, offset):
    """The word at ``offset`` (after a space) is a noun the one before it modifies."""
    sent = analysis.sentence_at(offset)
    rel = offset + 1 - sent.offset
    tok = next((t for t in sent.span if t.idx == rel), None)
    return tok is not None and tok.pos_ in ("NOUN", "PROPN") and tok.text[:1].islower()


def places_in_chains(analysis, mentions):
    """"Winchester, Hampshire, England", "in Queens, New York": a known place the tagger
    missed, set off by a comma beside a town or region it found, is a place too.

    A facility's neighbour is left alone: "Stavanger Airport, Sola" is one name.
    """
    from .gazetteer import is_place_name

    facility = rules.word_set("names", "facility_words")
    taken = sorted((m.start, m.end) for m in mentions)
    out = []
    name = r"[A-Z][\w’'-]+"
    before = re.compile(rf"((?:{name} ){{0,2}}{name}), $")
    after = re.compile(rf", ({name}(?: {name}){{0,2}})")
    for m in sorted(mentions, key=lambda m: m.start):
        if m.label != "place" or m.text.split()[-1].lower() in facility:
            continue
        sides = []
        found = before.search(analysis.text, max(0, m.start - 80), m.start)
        if found:
            # longest first: the known place that ends the run ("In Queens" -> "Queens")
            words = list(re.finditer(r"\S+", found.group(1)))
            sides.append([(found.start(1) + w.start(), found.end(1)) for w in words])
        found = after.match(analysis.text, m.end)
        if found:
            words = list(re.finditer(r"\S+", found.group(1)))
            sides.append([(found.start(1), found.start(1) + w.end()) for w in reversed(words)])
        for spans in sides:
            for a, b in spans:
                if not _overlaps(taken, a, b) and is_place_name(analysis.text[a:b]):
                    out.append(Mention(a, b, analysis.text[a:b], "place", analysis.sentence_at(a), placed=True))
                    _insert(taken, a, b)
                    break
    return out


_ROADS = re.compile(r"\b(?:Interstate|U\.S\. Route|US Route|State Route|State Highway|Route|Highway)\s\d{1,4}\b")


def _country_of_placed_body(body, country):
    """"Colorado State University" + "of the US": a body named after a place, then its country,
    which is no part of its name ("Supreme Court of the United States" is one name)."""
    from .gazetteer import is_country_or_region, is_place_name

    words = body.split()
    joinable = rules.word_set("names", "joinable_organizations") | rules.word_set("names", "joinable_places")
    return len(words) >= 2 and words[-1].lower() in joinable and is_country_or_region(country) \
        and (is_place_name(words[0]) or is_place_name(" ".join(words[:2])))


def drop_defined_terms(analysis, mentions):
    """"anterior cingulate cortex (ACC)", "iodine deficiency disorders (IDD)": letters the article spells out in
    lower-case words stand for a term, not a name, wherever it uses them."""
    terms = set()
    for match in re.finditer(r"((?:[a-z][\w-]* ){1,6})\(([A-Z]{2,6})\)", analysis.text):
        words = match.group(1).split()
        letters = match.group(2)
        for n in range(len(letters), len(words) + 1):
            if _initials(" ".join(words[-n:])) == letters:
                terms.add(letters)
                break
    return [m for m in mentions if m.text not in terms]


def extend_bodies_left(analysis, mentions):
    """"Doctor Who" + "Society of Canada": a body's name the tagger began at its body's word ("Society",
    "Institute" … "of"), after capitalised words no other name holds, starts with those words.

    Not at a sentence's start, nor over "The", a place or a given name ("Harvard" + "University of …" is
    the tagger's own call).
    """
    from .gazetteer import is_place_name

    first_words = rules.word_set("names", "body_first_words")
    heads = rules.word_set("roles", "heads")
    out = []
    for m in mentions:
        words = m.words
        if m.label == "organization" and len(words) >= 3 and words[0].lower() in first_words and words[1] == "of":
            before = re.search(r"(?<![\w'’-])((?:[A-Z][a-z]+ ){1,3})$", analysis.text[max(0, m.start - 40):m.start])
            if before:
                start = m.start - len(before.group(1))
                lead = before.group(1).split()
                if m.sentence is not None and start > m.sentence.start and lead[0] not in ("The", "A", "An") \
                        and not any(o.start < m.start and start < o.end for o in mentions if o is not m) \
                        and not is_given_name(lead[0]) and lead[-1].lower() not in heads \
                        and not is_place_name(" ".join(lead)):
                    out.append(Mention(start, m.end, analysis.text[start:m.end], m.label, m.sentence))
                    continue
        out.append(m)
    return out


def movement_names(analysis, mentions):
    """"the Houthi movement", "Houthi rebels": a one-word body's name the tagger stopped before a lower-case
    "movement" or "rebels" is named with that word, as the article names the body."""
    for m in mentions:
        after = re.match(r" (movement|rebels)\b", analysis.text[m.end:m.end + 12])
        if m.label == "organization" and len(m.words) == 1 and not _ACRONYM.match(m.text) and after:
            m.end += after.end()
            m.text = analysis.text[m.start:m.end]
    return mentions


def extend_places_right(analysis, mentions):
    """"a Utah Jazz player", "the London Underground mass transit system", "Nick Rhodes of Duran Duran": a
    place's name the tagger tagged alone inside a longer name, followed by one more capitalised word that
    names no kind of place, title, person or time, is a body's name with that word."""
    from .gazetteer import is_place_name

    stops = _not_name_continuations()
    taken = sorted((m.start, m.end) for m in mentions)
    out = []
    for m in mentions:
        tok = _token_of(m)
        nxt = _token_after(m) if tok is not None else None
        # (the tagger may tag the place alone as a body too: "Samoa Observer editor Keni Lesa")
        if (m.label == "place" or (m.label == "organization" and is_place_name(m.text))) and m.tagged \
                and nxt is not None and nxt.sent == tok.sent and nxt.is_title \
                and nxt.is_alpha and nxt.pos_ in ("PROPN", "NOUN") and not nxt.ent_type_ \
                and nxt.idx == tok.doc[nxt.i - 1].idx + len(tok.doc[nxt.i - 1].text) + 1 \
                and nxt.lower_ not in stops and _singular_word(nxt.lower_) not in stops and not is_given_name(nxt.text) \
                and not (nxt.i + 1 < len(tok.doc) and tok.doc[nxt.i + 1].is_title and tok.doc[nxt.i + 1].pos_ == "PROPN"):
            end = m.sentence.offset + nxt.idx + len(nxt.text)
            if not _overlaps(taken, m.end + 1, end):
                out.append(Mention(m.start, end, analysis.text[m.start:end], "organization", m.sentence))
                continue
        out.append(m)
    return out


@lru_cache(maxsize=1)
def _not_name_continuations():
    """Words that do not carry a place's name on into a body's: kinds of place, titles, times and qualities
    ("Florida Keys", "Utah Governor", "US Presidential", "Bhera Market")."""
    return frozenset().union(*(rules.word_set("names", k) for k in (
        "not_team_words", "region_words", "joinable_places", "place_after_words", "facility_words"))) \
        | rules.word_set("roles", "heads") | _CALENDAR_WORDS | adjectives_only() | {"vice", "deputy", "acting", "market"}


_FOR_CAUSE = re.compile(r" for ((?:[A-Z][\w-]+)(?: [A-Z][\w-]+){0,2})(?![\w-])")


def cause_names(analysis, mentions):
    """"Black Voices for Trump", "Women for America First", "Parliamentarians for Global Action": a group of
    people named by a plural, "for" and the capitalised cause it stands for is one body's name, which the
    tagger often cut before the "for" (the plural alone tagged as a body or a group of people)."""
    spans = [(m.start, m.end) for m in mentions if m.label == "organization"]
    for sent in analysis.sentences:
        spans += [(sent.offset + e[0].idx, sent.offset + e[-1].idx + len(e[-1].text)) for e in sent.ents
                  if e.label_ == "NORP"]
    out = list(mentions)
    for a, b in spans:
        last = analysis.text[a:b].split()[-1]
        cause = _FOR_CAUSE.match(analysis.text, b)
        if not cause or not (last.endswith("s") or last in ("Women", "Men", "People", "Children")) \
                or not last[:1].isupper():
            continue
        end = cause.end(1)
        out = [m for m in out if not (a <= m.start and m.end <= end)]
        out.append(Mention(a, end, analysis.text[a:end], "organization", analysis.sentence_at(a)))
    return out


def join_and_names(analysis, mentions):
    """A body's name with "and" inside, which the tagger cut at the "and".

    Forwards, after a body's name "of", "for" or "on" a subject that is no body or place of its own:
    "National Institute of Allergy" + " and Infectious Diseases", "Rosenstiel School of Marine" + " and
    Atmospheric Science". Backwards, before a body's word, from capitalised words no other name holds:
    "Confederated Salish and" + "Kootenai Tribes", "Bill and" + "Melinda Gates Foundation", "the Army’s
    Research and" + "Referral Hospital" (the tagger ran the first part on into the "and"), "the Bread
    and" + "Roses Party" (not "the FBI and" + "Justice Department", "Trump and" + "Clinton Foundation",
    nor "the Democratic and" + "Republican Party", two parties).
    """
    from .gazetteer import is_place_name

    heads = rules.word_set("names", "organization_words") | rules.word_set("names", "body_words") \
        | rules.word_set("names", "joinable_organizations") | rules.word_set("names", "generic_bodies") \
        | rules.word_set("names", "facility_words") | rules.word_set("names", "body_first_words")
    by_start = {m.start: m for m in mentions}
    out, dropped = [], set()
    for m in sorted(mentions, key=lambda m: m.start):
        if id(m) in dropped or m.label == "person" and m.text.split()[-1].lower() not in heads:
            out.append(m)
            continue
        words = m.text.split()
        after = re.match(r" and ((?:[A-Z][\w'’-]+ ){0,2}[A-Z][\w'’-]+)(?![\w'’-]| [A-Z]| of\b)", analysis.text[m.end:m.end + 60])
        # "the Tang Teaching Museum" + " and Art Gallery": a second body's word after "and", with only common
        # words before it, names no body of its own (not "the Pentagon and State Department", tagged apart)
        generic_end = after and words[-1].lower() in heads and after.group(1).split()[-1].lower() in heads \
            and all(w.lower() in dictionary_words() for w in after.group(1).split())
        if generic_end and m.label == "organization":
            start2 = m.end + after.start(1)
            other = by_start.get(start2)
            if other is None or other.label != "organization" and other.end <= m.end + after.end(1):
                end = m.end + after.end(1)
                if other is not None:
                    dropped.add(id(other))
                out.append(Mention(m.start, end, analysis.text[m.start:end], m.label, m.sentence))
                continue
        prep = next((k for k, w in enumerate(words) if w in ("of", "for", "on") and k > 0), None)
        if after and m.label == "organization" and prep is not None and words[-1].lower() not in heads \
                and words[-1][:1].isupper() and not is_place_name(" ".join(words[prep + 1:])) \
                and not any(w.lower() in heads for w in after.group(1).split()):
            start2 = m.end + after.start(1)
            other = by_start.get(start2)
            if other is None or (other.label == "person" and not is_given_name(other.text.split()[0])):
                end = m.end + after.end(1)
                if other is not None:
                    dropped.add(id(other))
                out.append(Mention(m.start, end, analysis.text[m.start:end], m.label, m.sentence))
                continue
        before = re.search(r"((?:(?!(?:The|A|An) )[A-Z][\w'’-]+ )?[A-Z][\w'’-]+) and $", analysis.text[max(0, m.start - 60):m.start])
        if before and words[-1].lower() in heads and len(words) >= 2:
            start = m.start - len(before.group(0))
            inside = [o for o in mentions if o is not m and start <= o.start < m.start]
            # (what stands before "and" is no body or known place of its own, nor ends in a body's or a building's
            # word, "Fath Airport and Payam International Airport": a people's name, a given name, a building the
            # tagger made of part of the name)
            # (a body the tagger ran on into the "and" is the name's first part, "the Army’s Research and")
            # (a couple's foundation: "Bill and Melinda Gates Foundation", where "Bill" is a dictionary word)
            couple = len(words) >= 3 and is_given_name(words[0])
            if all((o.label != "organization" and not is_place_name(o.text)
                    and (o.label != "person" or (len(o.words) == 1 and (is_given_name(o.text) or couple))))
                   or o.runs_into_and for o in inside) \
                    and not any(o.start < start < o.end for o in mentions) \
                    and not is_place_name(before.group(1)) and before.group(1) not in ("The", "A", "An") \
                    and before.group(1).split()[-1].lower() not in heads \
                    and (words[-1].lower() not in ("party", "parties")
                         or not any(t.ent_type_ == "NORP" or t.text in _PARTY_ADJECTIVES
                                    for t in analysis.tokens_in(start, m.start))) \
                    and f"{before.group(1)} {' '.join(words[1:])}" not in analysis.text:
                # (not "the Democratic and Republican Party": two parties, each named elsewhere)
                dropped.update(id(o) for o in inside)
                out = [o for o in out if id(o) not in dropped]
                out.append(Mention(start, m.end, analysis.text[start:m.end], "organization", m.sentence))
                continue
        out.append(m)
    return [m for m in out if id(m) not in dropped]


def join_of_names(analysis, mentions):
    """"Western District" + "of" + "Texas" -> one mention "Western District of Texas"."""
    from .gazetteer import is_place_name

    places = rules.word_set("names", "joinable_places")
    orgs = rules.word_set("names", "joinable_organizations")
    ordered = sorted(mentions, key=lambda m: m.start)
    out, i = [], 0
    while i < len(ordered):
        m = ordered[i]
        if i + 1 < len(ordered) and m.label != "person":
            n = ordered[i + 1]
            last = m.text.split()[-1].lower()
            head = _head_word(name_key(m.text)) if m.label == "organization" and " of " in m.text else None
            if head in orgs and n.label == "place" and analysis.text[m.end:n.start] == " of ":
                last = head  # "Council of Ex-Muslims" + "of" + "Britain": one body
            country_of_body = analysis.text[m.end:n.start] == " of the " \
                and _country_of_placed_body(m.text, n.text)  # ("Colorado State University of the US")
            if n.label != "person" and analysis.text[m.end:n.start] in (" of ", " of the ") \
                    and (last in places or last in orgs) and not country_of_body:
                label = "place" if last in places else "organization"
                out.append(Mention(m.start, n.end, analysis.text[m.start:n.end], label, m.sentence))
                i += 2
                continue
            # "U.S." + " " + "District Court for …": a country's short name the tagger cut off a body's name
            if n.label == "organization" and analysis.text[m.end:n.start] == " " and _ACRONYM.match(m.text) \
                    and name_key(m.text) in _country_forms() \
                    and _head_word(name_key(n.text)) in rules.word_set("names", "organization_words"):
                out.append(Mention(m.start, n.end, analysis.text[m.start:n.end], "organization", m.sentence))
                i += 2
                continue
            # "CNN" + " " + "Philippines", "Netflix Japan": a body's branch in a country, when no noun
            # follows that the country names ("a CNN Philippines report" stays; "the NATO Ukraine summit" is no name)
            if m.label == "organization" and n.label == "place" and analysis.text[m.end:n.start] == " " \
                    and _is_country_name(n.text) and not _noun_follows(analysis, n.end):
                out.append(Mention(m.start, n.end, analysis.text[m.start:n.end], "organization", m.sentence))
                i += 2
                continue
            # "Port Authority of New York" + " and " + "New Jersey": a body named for two places (where the
            # name ends its phrase: "The High Court of England and Wales also ruled"; not "… and Wales officials")
            following = analysis.tokens_in(n.end, n.end + 20)
            if m.label == "organization" and " of " in m.text and (n.label == "place" or is_place_name(n.text)) \
                    and analysis.text[m.end:n.start] == " and " and is_place_name(m.text.rsplit(" of ", 1)[1]) \
                    and (re.match(r"\s*(?:[,;:.)]|$)", analysis.text[n.end:n.end + 2])
                         or (following and following[0].pos_ in ("VERB", "AUX", "ADV"))):
                out.append(Mention(m.start, n.end, analysis.text[m.start:n.end], m.label, m.sentence))
                i += 2
                continue
        out.append(m)
        i += 1
    return out


_TRIBE = re.compile(r"\b((?:[A-Z][\w'’-]+ ){1,3}(?:Tribe|Tribes|Nation))\b")


def tribe_names(analysis, mentions):
    """"the Northern Arapaho Tribe", "the nearby Eastern Shoshone Tribe": a name ending in "Tribe" or
    "Nation" is a body's, also where the tagger missed it or left the last word out."""
    out = list(mentions)
    for s, e in analysis.paragraphs:
        for match in _TRIBE.finditer(analysis.text, s, e):
            a, b = match.span(1)
            words = match.group(1).split()
            while words and words[0] in ("The", "A", "An", "In", "Of", "For", "And"):
                a += len(words.pop(0)) + 1
            if len(words) < 2:
                continue
            # (a name the tagger missed entirely is one tribe's: "the Schedule Tribes" are a class of people)
            if words[-1] == "Tribes" and not any(a <= m.start and m.end <= b for m in out):
                continue
            out = _with_body(analysis, out, a, b) or out
    return sorted(out, key=lambda m: m.start)


def _with_body(analysis, mentions, a, b):
    """``mentions`` with one body's name over ``text[a:b]`` in place of the names inside it; None when a
    longer name holds part of it or the tagger found that very name."""
    if any(m.start < b and a < m.end and not (a <= m.start and m.end <= b) for m in mentions):
        return None
    if any(m.start == a and m.end == b for m in mentions):
        return None
    return [m for m in mentions if not (a <= m.start and m.end <= b)] \
        + [Mention(a, b, analysis.text[a:b], "organization", analysis.sentence_at(a))]


_FEDERAL_COURT = re.compile(
    r"\b(?:United States|U\.S\.|US) (?:District Court|Court of Appeals|Bankruptcy Court|Court of International Trade)"
    r"(?: (?:for|of) (?:the )?(?:(?:Northern|Southern|Eastern|Western|Middle|Central) )?(?:District of (?:Columbia|"
    r"[A-Z][a-z]+(?: [A-Z][a-z]+)?)|[A-Z][\w.]* Circuit))?")


def federal_courts(analysis, mentions):
    """"the United States District Court for the Western District of Virginia": a US federal court's full
    name, which the tagger splits into a country and a district."""
    out = list(mentions)
    for match in _FEDERAL_COURT.finditer(analysis.text):
        out = _with_body(analysis, out, *match.span()) or out
    return sorted(out, key=lambda m: m.start)


_TITLE_AFTER = re.compile(r" ([A-Z][\w-]*)(\W{0,2}\s*\S?)")


def drop_title_openings(analysis, mentions):
    """"Shadow Home Secretary Yvette Cooper", "Police and Crime Commissioner Stephen Mold": words the
    tagger took for a body that, wherever the article uses them, open a title, name no body."""
    heads = rules.word_set("roles", "heads")
    bodies = rules.word_set("names", "organization_words") | rules.word_set("names", "joinable_organizations") \
        | rules.word_set("names", "body_words") | rules.word_set("names", "generic_bodies")

    def title_follows(end):
        match = _TITLE_AFTER.match(analysis.text, end)
        word = analysis.tokens_in(match.start(1), match.start(1) + 1) if match else []
        if not word or not _is_role_word(word[0], heads):
            return False
        # ("Marvel Comics character", "League of United Latin American Citizens president": a plural
        # noun before no name ends a body's name, it opens no title)
        return not match.group(1).endswith("s") or match.group(2)[-1:].isupper()

    def opens_titles(text):  # every use of the words in the article opens a title
        ends = [found.end() for found in re.finditer(r"\b" + re.escape(text) + r"\b", analysis.text)]
        return bool(ends) and all(title_follows(end) for end in ends)

    candidates = {m.text for m in mentions if m.label == "organization" and not _ACRONYM.match(m.words[-1])
                  and m.words[-1].lower() not in bodies}
    titles = {text for text in candidates if opens_titles(text)}
    return [m for m in mentions if not (m.label == "organization" and m.text in titles)]


def _is_country_name(text):
    from .gazetteer import geonames_keys

    return name_key(text) in geonames_keys("countries") or name_key(text) in _country_forms()


@lru_cache(maxsize=1)
def _country_forms():
    """Name keys of the countries' names in ``names.yaml`` ("us", "u s", "united states of america"),
    each to the key of the country's own name ("united states")."""
    return {name_key(n): name_key(names[0]) for names in rules.load("names")["places"] for n in names}


def extend_of_names(analysis, mentions):
    """"European Court" + " of Justice" -> "European Court of Justice" (the tagger stopped at "of")."""
    from .gazetteer import is_place_name

    orgs = rules.word_set("names", "joinable_organizations") | rules.word_set("names", "joinable_places")
    out = []
    for m in mentions:
        # "Colorado State University of the US": a named body's country, not more of its name
        country = re.search(r" of the ([\w. ]+)$", m.text)
        if country and m.label != "person" and _country_of_placed_body(m.text[:country.start()], country.group(1)):
            end = m.start + country.start()
            m = Mention(m.start, end, analysis.text[m.start:end], m.label, m.sentence, honorific=m.honorific)
        last = m.text.split()[-1].lower()
        # "Autonomous Region" + " in Muslim Mindanao": a region named for where it lies
        region_in = re.match(r" in ((?:[A-Z][\w'’-]+ ){0,2}[A-Z][\w'’-]+)\b(?! [A-Z])", analysis.text[m.end:m.end + 60]) \
            if m.label == "place" and m.text.split()[-1] == "Region" and len(m.words) >= 2 else None
        if region_in and not is_place_name(region_in.group(1)):  # (not "Biobio Region in Chile")
            end = m.end + region_in.end(1)
            m = Mention(m.start, end, analysis.text[m.start:end], m.label, m.sentence)
        elif m.label != "person" and last in orgs:
            word = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’-]*)"
            # "Committee on Foreign Affairs": "on" only after bodies that sit on a subject, and never "on Monday"
            joins = "of|for|on" if last in rules.word_set("names", "on_subject_bodies") else "of|for"
            match = re.match(rf" ({joins}) ((?:the )?{word}(?: (?:{word}|for|of|and|on|the)){{0,5}})",
                             analysis.text[m.end:m.end + 90])
            if match and match.group(1) == "on" and match.group(2).split()[0].lower() in _CALENDAR_WORDS:
                match = None
            # ("left Blues Incorporated for The Rolling Stones": a capital "The" starts another name)
            if match and match.group(2).startswith("The "):
                match = None
            # (nor a named body's country: "Colorado State University of the US")
            if match and match.group(2).startswith("the ") \
                    and _country_of_placed_body(m.text, match.group(2)[4:].split(" and ")[0]):
                match = None
            if match:
                words = match.group(2).split()
                # "… University of the US and the University of Sheffield": a second name after "and"
                # ends this one (not "Department of Health and Human Services")
                heads = orgs | rules.word_set("names", "organization_words")
                # ("Center for Biological Diversity and Center for Food Safety": two bodies)
                first_words = rules.word_set("names", "body_first_words")
                for k, w in enumerate(words):
                    rest = [x for x in words[k + 1:] if x != "the"]
                    if w == "and" and ((k + 1 < len(words) and words[k + 1] == "the")
                                       or (len(rest) >= 3 and rest[-1].lower() in heads)
                                       or (k + 1 < len(words) and words[k + 1].lower() in (last, *first_words))):
                        words = words[:k]
                        break
                while words and words[-1] in ("for", "of", "and", "on", "the"):
                    words.pop()
                end = m.end + len(match.group(1)) + 2 + len(" ".join(words))
                if words and not any(o is not m and o.start < end and m.end < o.end and o.label == "person" for o in mentions):
                    m = Mention(m.start, end, analysis.text[m.start:end], m.label, m.sentence)
        # "Committee to Protect" + " Journalists", "Iraq Veterans Against" + " the War": a body's name
        # the tagger stopped after a verb or a preposition goes on to the capitalised word after it
        elif m.label == "organization" and m.sentence is not None:
            end_tok = _last_token_of(m)
            match = re.match(r" (?:the )?([A-Z][\w'’-]+)\b", analysis.text[m.end:m.end + 40])
            if end_tok is not None and end_tok.pos_ in ("VERB", "ADP") and end_tok.text[:1].isupper() and match \
                    and not any(o.start == m.end + match.start(1) for o in mentions):
                end = m.end + match.end(1)
                m = Mention(m.start, end, analysis.text[m.start:end], m.label, m.sentence)
        out.append(m)
    return _without_swallowed(out)


def _in_place_of(mentions, found):
    """The mentions less those inside one of ``found`` (the same span included), then ``found``: names a rule
    found whole in place of the tagger's pieces."""
    return [m for m in mentions if not any(f.start <= m.start and m.end <= f.end for f in found)] + found


def _without_swallowed(mentions):
    """The mentions less those inside a longer one (a name swallowed when another was extended)."""
    spans = [(m.start, m.end) for m in mentions]
    return [m for m in mentions if not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in spans)]


_NAME_WORDS = r"(?:[A-Z][\w'’&.@-]*)(?:\s+(?:[A-Z][\w'’&.-]*|of|and)){0,3}"
_BODY_NOUN = re.compile(r"\b(?:band|supergroup|bands|group|newspaper|(?<!\ba )daily|tabloid|journal|magazine|broadcaster|"
                        r"outlet|website|news agency|agency|company|firm|retailer|supermarket|chain|airline|charity|"
                        r"network|channel|manufacturer|carmaker|automaker|drugmaker|chipmaker|planemaker|conglomerate|"
                        r"platform|organi[sz]ation|union|supplier|utility|insurer|lender|exporter|distributor|"
                        r"faction|promotion|blog)\s+"
                        rf"(?:the\s+)?({_NAME_WORDS})")
# "the Greek gas producer Energean", "the tour operator Kuoni": a producer, developer or operator is as often a
# person ("record producer Terry Melcher", "game developer Perttu Ahola"), so not a name with a given name, one
# the tagger took for a person's or a named person's surname
_MAKER_NOUN = re.compile(rf"\b(?:producer|developer|operator)\s+({_NAME_WORDS})")
# "published in PLoS One", "published in Nature on October 22": a journal or paper (not a place or a month)
_PUBLISHED_IN = re.compile(rf"\bpublished (?:online |on \w+ |this \w+ |last \w+ )?in (?:the )?(?:journal )?({_NAME_WORDS})")
_CALENDAR_WORDS = {name.lower() for name in (*calendar.month_name, *calendar.day_name) if name} \
    | {"spring", "summer", "autumn", "fall", "winter"}
# "store chains Woolworths and Coles", "discount stores like Biedronka and LIDL": a plural noun for bodies
# before a list of their names
_BODY_NOUNS = re.compile(r"\b(?:chains|retailers|supermarkets|stores|companies|firms|airlines|broadcasters|newspapers|"
                         r"outlets|charities|manufacturers)\s+(?:such as |like |including )?((?:[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,3}, )*"
                         r"[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,3},? and [A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,3})")


def body_noun_names(analysis, mentions):
    """"the rock band Cream", "Greek daily Kathimerini", "the journal PLOS ONE": a name right
    after a noun for a band, a paper or an outlet is that body's, and so is the name a study was
    "published in" ("published in PLoS One")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from .gazetteer import is_place_name

    out = []
    heads = rules.word_set("roles", "heads")
    surnames = _named_surnames(mentions)
    for s, e in analysis.paragraphs:
        spans = [match.span(1) for match in _BODY_NOUN.finditer(analysis.text, s, e)]
        producer_spans = {match.span(1) for match in _MAKER_NOUN.finditer(analysis.text, s, e)
                         if not is_given_name(match.group(1).split()[0])
                         and match.group(1).split()[0].lower() not in STOP_WORDS}
        spans += sorted(producer_spans)
        for match in _PUBLISHED_IN.finditer(analysis.text, s, e):
            name = match.group(1).split(". ")[0].rstrip(".")  # ("in The Washington Post. Kokesh has …")
            name = name.split(" of ")[0] if name.endswith((" of", " and")) else name
            if name.split()[0].lower() in _CALENDAR_WORDS or is_place_name(name.split(" and ")[0]):
                continue
            a, b = match.start(1), match.start(1) + len(name)
            inside = [m for m in mentions if a <= m.start and m.end <= b]
            # ("PLoS" tagged as a place inside "PLoS One": the tagger's part grows to the whole name)
            if len(inside) == 1 and (inside[0].start, inside[0].end) != (a, b) \
                    and not any(m.start < b and a < m.end for m in mentions if m is not inside[0]):
                inside[0].start, inside[0].end, inside[0].text = a, b, analysis.text[a:b]
            spans.append((a, b))
        for match in _BODY_NOUNS.finditer(analysis.text, s, e):
            for name in re.finditer(r"[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*)*", match.group(1)):
                spans.append((match.start(1) + name.start(), match.start(1) + name.end()))
        for a, span_end in spans:
            text = analysis.text[a:span_end].split(". ")[0]  # ("the chain HomePlus. Speaking to …")
            if text.endswith(".") and not _ACRONYM.match(text.split()[-1]) and text.split()[-1] not in ("Ltd.", "Inc.", "Co."):
                text = text[:-1]
            while text.split()[-1] in ("of", "and"):
                text = text.rsplit(" ", 1)[0]
            b = a + len(text)
            first = text.split()[0]
            if first[1:].islower() and ((is_common_given_name(first) and len(text.split()) >= 2)
                                        or _singular_word(first.lower()) in heads):
                continue  # ("the agency Director John Ratcliffe", "the firm Michael Cohen founded": people)
            same = [m for m in mentions if m.start == a and m.end == b]
            if (a, span_end) in producer_spans and (text.split()[-1] in surnames or any(
                    m.start < b and a < m.end and m.label == "person" for m in mentions)):
                continue  # ("Joshua Winch … producer Winch")
            for m in same:
                m.label = "organization"
                m.after_body_noun = True
            if not same and not any(m.start < b and a < m.end for m in mentions) and text.lower() not in ("the",):
                m = Mention(a, b, text, "organization", analysis.sentence_at(a))
                m.after_body_noun = True
                out.append(m)
    return out


_PARTY = re.compile(r"\b(?:the|a|an|its|his|her|their)\s+((?:[A-Z][a-z]+ ){1,3}party)\b")


def party_names(analysis, mentions):
    """"belong to the Democratic party": a capitalised name before a lower-case "party" is a party
    (the tagger takes "Democratic" for a group of people and leaves the word "party" out)."""
    out = []
    for s, e in analysis.paragraphs:
        for match in _PARTY.finditer(analysis.text, s, e):
            a, b = match.span(1)
            if match.group(1).split()[0].lower() in rules.word_set("roles", "heads"):
                continue  # ("the President party" is no name)
            inside = [m for m in mentions if m.start < b and a < m.end]
            if all(m.start >= a and m.end <= b for m in inside) and not any(m.end == b for m in inside):
                out.append(Mention(a, b, match.group(1), "organization", analysis.sentence_at(a)))
    return out


_REPORTED = re.compile(r"(?<![\w.’'])([A-Z][\w.-]*(?: [A-Z0-9][\w.-]*){0,3}) (?:reported|reports|has reported|had reported)\b")


def _relabel_as_body(mention, mentions):
    """A name the tagger took for a person's is a body's, unless the article also writes its last word
    alone as a person's: the cluster the two make is judged whole later ("Maritime Bulletin" …
    "Bulletin", where "Bulletin" alone would be left a person's)."""
    if not any(m.label == "person" and m.text == mention.words[-1] for m in mentions):
        mention.label = "organization"


def reporting_outlets(analysis, mentions):
    """"TVN24 reported he received surgery", "News 12 reported": a name the tagger missed that
    reports is a news outlet (a person reporting is tagged, or has a given name); so is a name of two
    or more words the tagger took for a person's with no given name or dictionary word first ("Gazeta
    Prawna reports"). A person named so elsewhere too stays a person: the name's cluster is judged whole."""
    from spacy.lang.en.stop_words import STOP_WORDS

    not_names = rules.word_set("names", "not_entities")
    out = []
    for s, e in analysis.paragraphs:
        for match in _REPORTED.finditer(analysis.text, s, e):
            a, b = match.span(1)
            words = match.group(1).split()
            # ("Officials reported": a common word; "Sky News reported": an outlet's word ends the name)
            # (a channel's number ends an outlet's name too: "News 12 reported")
            outlet = len(words) >= 2 and (words[-1].lower() in rules.word_set("names", "organization_words")
                                          or words[-1].isdigit())
            tagged_person = [m for m in mentions if (m.start, m.end) == (a, b) and m.label == "person"]
            if tagged_person and len(words) >= 2 and not is_given_name(words[0]) \
                    and words[0].lower() not in dictionary_words():
                _relabel_as_body(tagged_person[0], mentions)  # ("Gazeta Prawna reports": no given name, so a paper)
                continue
            if any(m.start < b and a < m.end for m in mentions) or words[0].lower() in not_names \
                    or words[0].lower() in STOP_WORDS or (is_given_name(words[0]) and not outlet) \
                    or (words[0].lower() in dictionary_words() and not outlet and not _ACRONYM.match(match.group(1))):
                continue  # (an acronym the dictionary lists is still a body's: "UNICEF reported")
            out.append(Mention(a, b, match.group(1), "organization", analysis.sentence_at(a)))
    return out


def _to_sentence_end(name):
    """A run of capitalised words cut where its sentence ends ("told The Verge. In the filing …"); a
    full stop that ends an acronym stays ("according to the U.S.")."""
    name = name.split(". ")[0]
    return name[:-1] if name.endswith(".") and not _ACRONYM.match(name.split()[-1]) else name


# "told The Verge", "as quoted by Greek Reporter", "according to WSET-TV": who a source spoke to or who
# printed a claim (the tagger tags most outlets; these are the ones it missed)
_CITED_SOURCE = re.compile(r"\b(?:told|[Aa]ccording to|interview with|quoted by|reported by|[Ww]riting in|wrote in|"
                           r"[Ss]peaking to|spoke to|[Tt]alking to) (?:the )?"
                           r"((?:The )?[A-Z][\w.&'’-]*(?: (?:[A-Z0-9][\w.&'’-]*|of|from))*)")


def cited_sources(analysis, mentions):
    """"told The Verge", "as quoted by Greek Reporter", "according to the Saudi Interior Ministry": an
    untagged name a source spoke to, or one that printed a claim, is an outlet's or a body's; so is a
    name of two or more words the tagger took for a person's ("according to Gazeta Wyborcza"; a person
    named so elsewhere too stays one, as the name's cluster is judged whole). A people's adjective, a
    day, a stop word or an honorific there is no name."""
    from spacy.lang.en.stop_words import STOP_WORDS

    not_names = rules.word_set("names", "not_entities")
    out = []
    for s, e in analysis.paragraphs:
        for match in _CITED_SOURCE.finditer(analysis.text, s, e):
            text = _to_sentence_end(match.group(1))
            while text.split()[-1] in ("of", "from"):
                text = text.rsplit(" ", 1)[0]
            a, b = match.start(1), match.start(1) + len(text)
            words = text.split()
            first = re.sub(r"['’]s$", "", words[1] if words[0] == "The" and len(words) > 1 else words[0])
            if first.lower() in not_names or first.lower() in STOP_WORDS or first.lower() in _CALENDAR_WORDS \
                    or all(t.ent_type_ == "NORP" for t in analysis.tokens_in(a, b)):
                continue  # ("according to Syrian state media": a people's adjective)
            overlapping = [m for m in mentions if m.start < b and a < m.end]
            if not overlapping:
                out.append(Mention(a, b, text, "organization", analysis.sentence_at(a)))
            elif len(words) >= 2 and len(overlapping) == 1 and overlapping[0].label == "person" \
                    and (overlapping[0].start, overlapping[0].end) == (a, b):
                _relabel_as_body(overlapping[0], mentions)
    return out


# A run of capitalised words, joined by "of", "for", "on", "and" or "&" (with "the" after them)
_RUN_JOINER = r" (?:of|for|on|and|&)(?: the)?"
_NAME_RUN = re.compile(r"(?<![\w'’.–-])[A-Z][\w–-]*(?:['’][^\Ws][\w–-]*)?"
                       rf"(?:(?:{_RUN_JOINER})? [A-Z][\w–-]*(?:['’][^\Ws][\w–-]*)?)+(?![\w'’])")
_RUN_JOINER_THEN_WORD = re.compile(_RUN_JOINER + " ")
_ON_A_DAY_AT_END = re.compile(r" on (?:%s)$" % "|".join(sorted(_CALENDAR_WORDS)), re.I)
_SENTENCE_OPENERS = {"the", "a", "an", "in", "on", "at", "for", "but", "and", "as", "if", "when", "while", "this",
                     "that", "after", "before", "with", "from", "by", "to", "of"}


def untagged_bodies(analysis, mentions):
    """"North Wales Fire and Rescue Service", "Party for Socialism and Liberation", "the Chinese Precinct
    Chamber of Commerce", "Cinema for Peace Foundation": a run of three or more capitalised words that opens
    with a body's first word or ends in a body's word, and that the tagger left untagged, names a body; so
    do two ending in a body's word ("RMIT University"), unless they end a longer name ("Chess Federation"
    beside "Iranian Chess Federation"), which the article's other mentions resolve.

    Long names are the ones the tagger most often leaves out whole; a body's word makes the run a
    body's name, where two capitalised words alone might be anything. Where the whole run is no such
    name, the part after one of its joining words may be ("Gloria La Riva of the" + "Party for Socialism
    and Liberation"). A run that holds a name the tagger found is left to it: it is as often two names
    ("the University of Washington and Stanford University") as one the tagger has whole ("University of
    North Carolina at Chapel Hill")."""
    heads = rules.word_set("names", "body_words") | rules.word_set("names", "organization_words") \
        | rules.word_set("names", "joinable_organizations")
    first_words = rules.word_set("names", "body_first_words")

    two_word_heads = rules.word_set("names", "body_words") | {"university", "college"}
    longer_names = {m.text for m in mentions if len(m.words) > 2}

    def body_shaped(words):
        if len(words) == 2:
            # ("RMIT University"; not "Chess Federation" where the article names a longer one)
            return all(w[:1].isupper() for w in words) and words[-1].lower() in two_word_heads \
                and not any(n.endswith(" " + " ".join(words)) for n in longer_names)
        return sum(w[:1].isupper() for w in words) >= 3 \
            and (_head_word(name_key(" ".join(words))) in heads or words[0].lower() in first_words
                 or ("of" not in words and words[-1].lower() in heads))

    out = list(mentions)
    for s, e in analysis.paragraphs:
        for match in _NAME_RUN.finditer(analysis.text, s, e):
            text, start = match.group(0), match.start()
            # ("The" or "In" opening a sentence, and "on Monday" after the name, are no part of it)
            while text.split()[0].lower() in _SENTENCE_OPENERS and " " in text:
                cut = text.index(" ") + 1
                text, start = text[cut:], start + cut
            text = _ON_A_DAY_AT_END.sub("", text)
            # the run, else the part after each joining word, first to last
            starts = [0] + [j.end() for j in _RUN_JOINER_THEN_WORD.finditer(text)]
            for k in starts:
                a, b = start + k, start + len(text)
                if not body_shaped(text[k:].split()):
                    continue
                if any(m.start < b and a < m.end for m in out):
                    break  # (a name the tagger found inside)
                out.append(Mention(a, b, text[k:], "organization", analysis.sentence_at(a)))
                break
    return sorted(out, key=lambda m: m.start)


# "Chris Fallows of Apex Shark Expeditions": the body a named person belongs to
_OF_BODY = re.compile(r" of (?:the )?((?:The )?[A-Z][\w.&'’-]*(?: (?:[A-Z0-9][\w.&'’-]*|of (?=[A-Z])))*)")


def bodies_of_people(analysis, mentions):
    """"Paul McCartney of The Beatles", "Leung Kwok-hung of LSD": an untagged name right after a named
    person and "of" is the body the person belongs to (a place there, "Amy Klobuchar of Minnesota", is
    tagged; one word is a body's only as an acronym or in camel case, else as often a town's). Returns the
    mentions with those bodies, less a place that ends one ("Marriage Equality Coalition Taiwan")."""
    out, held = [], set()
    # (also a given name and a surname the tagger took for a body's: "told Paul Rivera of WESH 2 news")
    body_words = rules.word_set("names", "body_words") | rules.word_set("names", "organization_words")
    shaped = [m for m in mentions if m.label == "organization" and len(m.words) == 2 and is_given_name(m.words[0])
              and m.words[1][:1].isupper() and m.words[1].lower() not in body_words]
    for person in _named_in_full(mentions) + shaped:
        match = _OF_BODY.match(analysis.text, person.end)
        if not match:
            continue
        text = _to_sentence_end(match.group(1))
        a, b = match.start(1), match.start(1) + len(text)
        words = text.split()
        inside = [m for m in mentions if m.start < b and a < m.end]
        # ("Jennifer Lu of Marriage Equality Coalition Taiwan": a place may end a body's name with a body's word)
        if inside and all(m.label == "place" and a < m.start and m.end == b for m in inside) \
                and any(w.lower() in body_words for w in analysis.text[a:inside[0].start].split()):
            held.update(id(m) for m in inside)
            inside = []
        if inside or (len(words) == 1 and not any(ch.isupper() for ch in text[1:])):
            continue  # ("Dinualdo Gutierrez of Marbel")
        out.append(Mention(a, b, text, "organization", analysis.sentence_at(a)))
    return [m for m in mentions if id(m) not in held] + out


def cut_owners_off_bodies(mentions):
    """"Trump's State Department", "Ron Paul's Rally for the Republic": a named person's surname in the
    possessive before a body's name says whose it is, and is no part of the name ("People's Party", "Jehovah's
    Witnesses" and "Alachua Sheriff's Office" keep theirs)."""
    surnames = _named_surnames(mentions)
    for m in mentions:
        owner = re.match(r"([A-Z][\w-]*)['’]s (?=[A-Z])", m.text) if m.label == "organization" else None
        if owner and owner.group(1) in surnames:
            m.start, m.text = m.start + owner.end(), m.text[owner.end():]
    return mentions


def split_listed_bodies(mentions):
    """"scientists from the University of Miami and Apex Shark Expeditions", tagged as one body, names
    two where the article also names each half, of two words or more, on its own (not "Rogaland Fire
    and Rescue" beside a lone "Rescue")."""
    out = []
    names = Counter(m.text for m in mentions)
    for m in mentions:
        halves = m.text.split(" and ")
        if m.label == "organization" and len(halves) == 2 \
                and all(names[h] and len(h.split()) >= 2 for h in halves):
            second = m.start + len(halves[0]) + len(" and ")
            out += [Mention(m.start, m.start + len(halves[0]), halves[0], m.label, m.sentence),
                    Mention(second, m.end, halves[1], m.label, m.sentence)]
        else:
            out.append(m)
    return out


def cited_addresses(analysis, mentions):
    """"in remarks to UOL.com.br", "the Austrian news site oe24.at": a web address the article cites as a
    source is a body's name, even untagged and in lower case."""
    out = []
    for s, e in analysis.paragraphs:
        for match in _CITED_ADDRESS.finditer(analysis.text, s, e):
            a, b = match.span(1)
            if _WEB_ADDRESS.search(match.group(1)) and not any(m.start < b and a < m.end for m in mentions):
                out.append(Mention(a, b, match.group(1), "organization", analysis.sentence_at(a)))
    return out


# A broadcaster's channel by its number: "News 12", "Channel 4", "WESH 2"
_CHANNEL = re.compile(r"(?:\b(?:News|Channel|TV|Radio)|\b[A-Z]{3,5}) \d{1,2}$")
_POLLED = re.compile(r"(?<![\w.’'/])([A-Z][\w.&-]*(?: [A-Z0-9][\w.&-]*){0,3}) (?:poll|polls|survey)\b")


def pollsters(analysis, mentions):
    """"She polled at two percent in the Monmouth poll": a name right before "poll" is the pollster,
    a body, even where the gazetteer knows a town of that name (a state's poll stays a place)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from .gazetteer import is_country_or_region

    out = []
    for s, e in analysis.paragraphs:
        for match in _POLLED.finditer(analysis.text, s, e):
            a, b = match.span(1)
            words = match.group(1).split()
            if is_country_or_region(match.group(1)) or words[0].lower() in STOP_WORDS:
                continue
            same = [m for m in mentions if m.start == a and m.end == b]
            for m in same:
                m.label = "organization"
                m.after_body_noun = True
            if not same and not any(m.start < b and a < m.end for m in mentions) and not is_given_name(words[0]) \
                    and words[0].lower() not in dictionary_words():
                m = Mention(a, b, match.group(1), "organization", analysis.sentence_at(a))
                m.after_body_noun = True
                out.append(m)
    return out


def speaking_campaigns(analysis, mentions):
    """"The Trump campaign accused Biden of …": a candidate's campaign that speaks for itself is a body, and
    the speaker; one that only acts ("the O'Rourke campaign cancelled events") stays a description."""
    # ("accused Biden of “siding with criminals”": no reporting verb for quotes in general, which name the accused)
    verbs = rules.word_set("speech", "verbs") | {"accuse"}
    named = {w for m in mentions if m.label == "person" for w in m.words}
    out = []
    for sent in analysis.sentences:
        for tok in sent.span:
            if tok.lower_ != "campaign" or tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in verbs \
                    or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                continue
            names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
            if not names:
                continue
            a = sent.offset + names[0].idx
            b = sent.offset + tok.idx + len(tok.text)
            # (the name before "campaign" is a person's the article names, wherever the tagger took it for a
            # body: "the Biden campaign", not "the Brexit campaign")
            if all(n.text in named for n in names):
                out.append(Mention(a, b, analysis.text[a:b], "organization", sent, speaking_campaign=True))
    return out


def known_organizations(analysis, mentions):
    """Mentions of well-known organizations ("Facebook") and places ("the Azores") the tagger left untagged,
    or cut short ("Black Lives" of "Black Lives Matter"): the known name replaces the pieces inside it."""
    known = _known_organization_keys()
    out = []
    for m in mentions:
        # "Amnesty International and Facebook": two bodies the tagger ran together over "and", one well known
        left, sep, right = m.text.partition(" and ")
        if m.label == "organization" and sep and (name_key(left) in known or name_key(right) in known):
            cut = m.start + len(left) + len(sep)
            out.append(Mention(m.start, m.start + len(left), left, m.label, m.sentence))
            out.append(Mention(cut, m.end, right, m.label, m.sentence))
            continue
        out.append(m)
    # "Netflix Japan due to …": a well-known body's name right before a country's is its arm there
    from .gazetteer import is_country_or_region

    by_start = {m.start: m for m in out}
    for m in sorted(out, key=lambda m: m.start):
        other = by_start.get(m.end + 1)
        if other is not None and m in out and name_key(m.text) in known and analysis.text[m.end] == " " \
                and other.label == "place" and is_country_or_region(other.text) \
                and not re.match(r"['’]?\s?[A-Z]", analysis.text[other.end:other.end + 2]):
            out = [o for o in out if o is not m and o is not other]
            out.append(Mention(m.start, other.end, analysis.text[m.start:other.end], "organization", m.sentence))
    for label, rule in (("organization", "known_organizations"), ("place", "untagged_places")):
        for s, e in analysis.paragraphs:
            for match in _known_names_pattern(rule).finditer(analysis.text, s, e):
                a, b = match.span()
                overlapping = [m for m in out if m.start < b and a < m.end]
                if not overlapping and re.match(r" [A-Z]", analysis.text[b:b + 2]):
                    continue  # the start of a longer name no rule has found yet ("Google Chrome")
                if all(a <= m.start and m.end <= b and (m.start, m.end) != (a, b) for m in overlapping) \
                        and (not overlapping or label == "organization"):
                    out = [m for m in out if m not in overlapping]
                    out.append(Mention(a, b, match.group(0), label, analysis.sentence_at(a)))
    return out


_NATIONAL_BODY = re.compile(r"(?<![\w.])((?!The )(?:[A-Z][\w.]*)(?: [A-Z][\w.]*){0,2}) (House of Representatives|House of Commons|"
                            r"House of Lords|Senate|Congress|Parliament|Supreme Court|Constitutional Court)(?![\w-])")


def national_bodies(analysis, mentions):
    """"the United States House of Representatives seat", "the U.S. Senate": a country's or state's name right
    before its legislature or highest court is part of that body's name, where the tagger tagged the two
    apart or only the place."""
    from .gazetteer import is_country_or_region

    out = list(mentions)
    for s, e in analysis.paragraphs:
        for match in _NATIONAL_BODY.finditer(analysis.text, s, e):
            place, (a, b) = match.group(1), match.span()
            if not is_country_or_region(place) or any(m.start < a < m.end or m.start < b < m.end for m in out):
                continue  # (a longer name holds it: "the Wisconsin State Senate")
            inside = [m for m in out if a <= m.start and m.end <= b]
            if any(m.start == a and m.end == b for m in inside):
                continue
            out = [m for m in out if m not in inside]
            out.append(Mention(a, b, match.group(0), "organization", analysis.sentence_at(a)))
    return out


_CAPITALISED_RUN = re.compile(r"(?<![\w@#.-])[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?![\w-]|\.\w)")


def untagged_countries(analysis, mentions):
    """"Wales have made no recommendation": a country, US state or listed region the tagger left
    untagged is a place (not a common given name: "Georgia", "Jordan" may be people)."""
    from .gazetteer import country_keys

    taken = sorted((m.start, m.end) for m in mentions)
    out = []
    for s, e in analysis.paragraphs:
        for match in _CAPITALISED_RUN.finditer(analysis.text, s, e):
            a, b = match.span()
            text = match.group(0)
            if name_key(text) in country_keys() and not _overlaps(taken, a, b) \
                    and not any(is_common_given_name(w) for w in text.split()):
                out.append(Mention(a, b, text, "place", analysis.sentence_at(a)))
                _insert(taken, a, b)
    return out


_TOWN_AFTER_PREPOSITION = re.compile(r"\b(?:in|at|to|from|near|outside|into|across|throughout|via|towards?|around"
                                     r"|visit|visits|visited|visiting) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?![\w’'-]| [A-Z])"
                                     r"|\b(?:the|its|their|a|an) ([A-Z][a-z]+)(?= [a-z]+\b)")


def untagged_towns(analysis, mentions):
    """"goes up to Mangalore", "terminals in Damietta", "the Raqqa battle": a town the gazetteer knows, written
    right after a preposition of place or between "the" and a common noun, is a place where the tagger missed
    it or called it a product. Not a given name, a dictionary word or the surname of a person the article names
    ("talked to Warren")."""
    from .gazetteer import is_place_name

    taken = sorted((m.start, m.end) for m in mentions)
    surnames = _named_surnames(mentions)
    out = []
    for s, e in analysis.paragraphs:
        for match in _TOWN_AFTER_PREPOSITION.finditer(analysis.text, s, e):
            group = 1 if match.group(1) else 2
            a, b = match.span(group)
            text, words = match.group(group), match.group(group).split()
            if _overlaps(taken, a, b) or not is_place_name(text) or is_given_name(words[0]) \
                    or words[0].lower() in dictionary_words() or words[-1] in surnames:
                continue
            out.append(Mention(a, b, text, "place", analysis.sentence_at(a), placed=True))
            _insert(taken, a, b)
    return out


@lru_cache(maxsize=1)
def _known_body_keys():
    """Name keys of the well-known organizations and of every form of the bodies in ``names.yaml``'s groups."""
    return _known_organization_keys() | {name_key(n) for group in rules.load("names")["organizations"] for n in group}


@lru_cache(maxsize=1)
def _known_organization_keys():
    """Name keys of the well-known organizations in ``rules/names.yaml``."""
    return frozenset(name_key(n) for n in rules.load("names")["known_organizations"])


@lru_cache(maxsize=1)
def _listed_organization_keys():
    """Name keys of the organizations ``rules/names.yaml`` lists with their other names ("United Nations", "UN")."""
    return frozenset(name_key(n) for names in rules.load("names")["organizations"] for n in names)


@lru_cache(maxsize=2)
def _known_names_pattern(rule):
    names = sorted(rules.load("names")[rule], key=len, reverse=True)
    return re.compile(r"(?<![\w@#.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w]|\.\w)")


#: letters after a name that are honours or professional titles, not part of it
_POST_NOMINALS = {"QC", "KC", "MP", "MEP", "MSP", "OBE", "MBE", "CBE", "KBE", "PhD", "MD", "Esq", "Esq.", "SC"}
_PARTICLES = {"de", "van", "von", "der", "den", "bin", "bint", "al", "el", "da", "dos", "das", "del", "la", "le", "di", "du", "ibn"}


def titled_people(analysis, mentions):
    """Names the tagger missed but the text marks as people.

    A run of two to four capitalised proper nouns is a person when a title
    comes right before it ("Cardinal Marc Ouellet", "spokesperson, Morgan
    Ortagus,") or it is the subject of a reporting verb ("Alia Salem said").
    """
    heads = rules.word_set("roles", "heads")
    honorifics = rules.word_set("roles", "honorifics")
    verbs = rules.word_set("speech", "verbs")
    known_orgs = _known_organization_keys()
    # ("Republican National Convention": a name ending in an event's word is no person's; one ending in
    # a body's or building's word is still found here, and correct_kinds gives it its kind)
    events = rules.word_set("names", "event_words")
    taken = sorted((m.start, m.end) for m in mentions)
    out, replaced = [], set()
    for sent in analysis.sentences:
        toks = list(sent.span)
        i = 0
        while i < len(toks):
            j = i
            # (a capitalised word after a given name mid-sentence is the surname, whatever its part of speech:
            # "Research Fellow Martin How")
            while j < len(toks) and (_name_token(toks[j]) or (j > i and toks[j].lower_ in _PARTICLES and j + 1 < len(toks)
                                                               and _name_token(toks[j + 1]))
                                     or (j > i and toks[j].pos_ != "PROPN" and _surname_after_given_name(toks[j]))):
                j += 1
            run = toks[i:j]
            lead = 0
            # ("Bishop-Emeritus Dinualdo Gutierrez": a hyphenated title; "ex-Muslims": no name opens with a hyphen)
            while lead < len(run) and (_is_role_word(run[lead], heads) or run[lead].lower_ in honorifics
                                       or run[lead].text == "-" or (lead > 0 and run[lead].lower_ in _TITLE_MODIFIERS)):
                lead += 1
            # "US President Barack Obama": the name starts after the last title word
            later = [k for k, t in enumerate(run[:-1]) if k >= lead and (_is_role_word(t, heads) or t.lower_ in honorifics)]
            if later:
                lead = later[-1] + 1
            titled_inside = lead > 0
            run = run[lead:]
            if 2 <= len(run) <= 4 and (_name_token(run[-1]) or _surname_after_given_name(run[-1])) \
                    and not _bare_title(run, heads) \
                    and run[-1].lower_ not in events:
                start = sent.offset + run[0].idx
                end = sent.offset + run[-1].idx + len(run[-1].text)
                first_i = i + lead
                prev = toks[first_i - 1] if first_i > 0 else None
                before_comma = toks[first_i - 2] if first_i > 1 and prev is not None and prev.text == "," else None
                titled = titled_inside or (prev is not None and (_is_role_word(prev, heads) or prev.lower_ in honorifics))
                if not titled and not any(t.whitespace_ for t in run[:-1]) and any(
                        m.label == "organization" and m.start <= start and end <= m.end for m in mentions):
                    i = max(j, i + 1)
                    continue  # ("Kimberly-Clark said": one hyphenated word the tagger took for a company)
                apposed = before_comma is not None and _is_role_word(before_comma, heads) and before_comma.pos_ == "NOUN"
                speaking = run[-1].dep_ == "nsubj" and run[-1].head.lemma_.lower() in verbs
                after = toks[i + lead + len(run):i + lead + len(run) + 6]
                described = len(after) >= 3 and after[0].text == "," and after[1].lower_ in ("a", "an", "the") \
                    and any(_is_role_word(t, heads) for t in after[2:])
                text = analysis.text[start:end]
                # a part the tagger took for something else ("Kubiak" as an organization) gives way
                inside = [m for m in mentions if start <= m.start and m.end <= end and m.label != "person"
                          and len(m.words) == 1]
                clear = not _overlaps(taken, start, end) or (inside and is_given_name(run[0].text) and not any(
                    m.start < end and start < m.end and not (start <= m.start and m.end <= end) for m in mentions))
                if (titled or apposed or speaking or described) and clear and name_key(text) not in known_orgs:
                    from .gazetteer import is_place_name

                    if not is_place_name(text):
                        out.append(Mention(start, end, text, "person", sent))
                        replaced.update(id(m) for m in inside)
                        _insert(taken, start, end)
            i = max(j, i + 1)
    return out, replaced


def _surname_after_given_name(tok):
    """A capitalised word right after a given name mid-sentence ("Research Fellow Martin How")."""
    prev = tok.nbor(-1) if tok.i > 0 else None
    return prev is not None and tok.is_title and tok.is_alpha and is_given_name(prev.text) and not prev.is_sent_start


_CLAUSE_ENDS = {".", "!", "?", ";", ":"}


def drop_works_and_products(mentions):
    """Titles of works ("the film Black Panther") and products ("Boeing 737") are not entities."""
    from .gazetteer import is_place_name

    works = {"film", "movie", "album", "song", "single", "book", "novel", "series", "show", "play", "musical",
             "record", "track", "painting", "documentary", "game", "opera", "poem", "sculpture", "ep", "sitcom",
             "comedy", "drama", "thriller", "memoir", "memoirs", "biopic", "miniseries", "franchise"}
    heads = rules.word_set("roles", "heads")
    out = []
    for m in mentions:
        tok = _token_of(m)
        if tok is not None:
            doc = tok.doc
            # (the words right before it in its own clause: not "… the show. Sky News reported")
            before = [doc[k].lower_ for k in range(max(0, tok.i - 2), tok.i)]
            if tok.i >= 1 and doc[tok.i - 1].text in _CLAUSE_ENDS:
                before = []
            elif tok.i >= 2 and doc[tok.i - 2].text in _CLAUSE_ENDS:
                before = before[1:]
            if tok.i >= 1 and doc[tok.i - 1].lower_ in heads:
                before = []  # (a person's title between: "the record producer Terry Melcher", "game designer")
            end = (_last_token_of(m) or tok).i + 1
            # (not a game's score after a side: "University knocked off Noosa 32–22")
            model = end < len(doc) and re.match(r"^\d", doc[end].text) and m.label != "person" and \
                not re.match(r"^(19|20)\d\d$", doc[end].text) and not (
                    _RESULT.match(doc_text(doc), doc[end].idx)
                    and any(t.lemma_.lower() in _RESULT_VERBS for t in doc[end].sent))  # (a "Boeing 737-800" stays)
            # ("Steve Rubell of Studio 54", "Paul Rivera of WESH 2": what a named person is "of" is a body)
            affiliation = tok.i >= 2 and doc[tok.i - 1].lower_ == "of" and doc[tok.i - 2].pos_ == "PROPN" \
                and doc[tok.i - 2].is_title and m.label != "person"
            if (any(w in works for w in before) and (m.label != "place" or not is_place_name(m.text))) or model \
                    or (re.search(r" (?:\d+|[A-Z]{1,3}-?\d{2,}s?|\d{3,}s)$", m.text) and not _ROADS.fullmatch(m.text)
                        and not _CHANNEL.search(m.text) and not affiliation):
                continue  # ("Boeing 737" is a product; "Interstate 75" is a road, "News 12" a channel)
        # "The Time of Your Life", "Together Through Life": a capitalised pronoun or "Through" inside a
        # body's or place's name makes it a title of a work
        if m.label != "person" and len(m.words) >= 3 and any(w in _WORK_TITLE_WORDS for w in m.words[1:]):
            continue
        out.append(m)
    return out


_WORK_TITLE_WORDS = {"Your", "My", "Me", "I", "You", "We", "Our", "Us", "Through", "Is", "Are", "Was", "Be"}


def _name_token(tok):
    if tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_:
        return True  # "Glawischnig-Piesczek"
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.isalpha() or \
        (tok.pos_ == "PROPN" and re.fullmatch(r"[A-Z]\.|[A-Z][\w'’-]+", tok.text) is not None)


# ---------------------------------------------------------------------------
# 2. grouping

def _initials(text, hyphens=True):
    """The first letters of a name's words, less connectors; ``hyphens``: each part of a hyphenated word counts."""
    words = [w for w in re.split(r"[\s-]+" if hyphens else r"\s+", text) if w and w.lower() not in _CONNECTORS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _without_country(text):
    """A body's name without the country that opens it ("United States Commission on Presidential Debates" ->
    "Commission on Presidential Debates"), or the name itself."""
    words = text.split()
    k = _country_prefix_length(words, keep=2, key=name_key)
    return " ".join(words[k:]) if k else text


def _country_prefix_length(words, keep, key=lambda text: text):
    """How many of ``words`` (at most four) spell a country's name that opens them, leaving at least
    ``keep`` words after it; 0 when none does. ``key`` turns the joined words into a name key."""
    for k in range(min(4, len(words) - keep), 0, -1):
        if key(" ".join(words[:k])) in _country_forms():
            return k
    return 0


def _one_country_form(key):
    """A name key with the country that opens it written one way ("uk supreme court" -> "united kingdom supreme
    court"; "the" before it dropped)."""
    words = key.split()
    words = words[1:] if words[:1] == ["the"] else words
    k = _country_prefix_length(words, keep=1)
    return " ".join([_country_forms()[" ".join(words[:k])]] + words[k:]) if k else key


def _acronym_letters(text):
    return text.replace(".", "").replace("&", "").upper() if _ACRONYM.match(text) else None


def cluster(mentions):
    """Group mentions into clusters (see the module docstring for the rules)."""
    from .gazetteer import is_country_or_region

    groups = {}
    order = []
    for m in sorted(mentions, key=lambda m: m.start):
        key = name_key(m.text)
        if key not in groups:
            groups[key] = Cluster()
            order.append(key)
        groups[key].add(m)

    def merge(into, other):
        if into is other:
            return into
        for m in list(other.mentions):
            into.add(m)
        other.mentions.clear()
        return into

    live = lambda: [groups[k] for k in order if groups[k].mentions]  # noqa: E731

    # well-known alternative names ("US" / "United States" / "America", "Iran" / "Islamic Republic of Iran")
    from .gazetteer import country_name_groups

    for kind in ("places", "organizations"):
        for names in rules.load("names")[kind] + (country_name_groups() if kind == "places" else []):
            keys = {name_key(n) for n in names}
            members = [c for c in live() if c.keys() & keys]
            for other in members[1:]:
                merge(members[0], other)

    # "US Supreme Court" and "United States Supreme Court": one body, its country written two ways
    prefixes = _country_forms()
    by_country_form = {}
    for c in live():
        if c.mentions[0].label == "person":
            continue
        for m in list(c.mentions):
            words = name_key(m.text).split()
            k = _country_prefix_length(words, keep=1)
            if k:
                form = f"{prefixes[' '.join(words[:k])]} {' '.join(words[k:])}"
                other = by_country_form.setdefault(form, c)
                if other is not c and other.mentions:
                    c = merge(other, c)

    # acronyms in brackets join the name they follow
    for c in live():
        for m in list(c.mentions):
            source = getattr(m, "expands", None)
            if source is not None and source.cluster is not None and source.cluster is not c:
                merge(source.cluster, c)

    # acronyms match the initials of a longer name
    for c in live():
        letters = {_acronym_letters(m.text) for m in c.mentions} - {None}
        if not letters:
            continue
        # ("of the US and the University of Sheffield": a country's letters spell no body's name)
        country = any(is_country_or_region(m.text) for m in c.mentions)
        for other in live():
            if other is c or other.kind == "person" or (country and other.mentions[0].label != "place"):
                continue
            # ("U.S. Senate" holds "U.S.": it is not what "US" spells; "CPD" spells "United States Commission
            # on Presidential Debates" without its country)
            # ("OECD" spells "Organisation for Economic Co-operation and Development" with "Co-operation" one word)
            if any(len(m.words) >= 2 and (_initials(m.text) in letters or _initials(_without_country(m.text)) in letters
                                          or len(m.words) >= 3 and _initials(m.text, hyphens=False) in letters)
                   and not any(_acronym_letters(w) in letters for w in m.text.split()) for m in other.mentions):
                merge(other, c)
                break

    # "UC Davis" and "University of California Davis", "UNC Greensboro" and "University of North Carolina at
    # Greensboro": an acronym for the opening words, then the same closing words
    for c in live():
        if c.mentions[0].label != "organization":
            continue
        for m in list(c.mentions):
            letters, _, rest = m.text.partition(" ")
            if not rest or not re.fullmatch(r"[A-Z]{2,5}", letters) or not rest[:1].isupper():
                continue
            longer = re.compile(rf"(.+?)(?:,| at| in)? {re.escape(rest)}")
            other = next((o for o in live() if o is not c and o.mentions[0].label == "organization" and any(
                (full := longer.fullmatch(n.text)) and _initials(full.group(1)) == letters for n in o.mentions)), None)
            if other is not None:
                merge(other, c)
                break

    # "Puerto Rico Supreme Court" and "Supreme Court of Puerto Rico": one name, two word orders
    by_order = {}
    org_words = rules.word_set("names", "organization_words")
    for c in live():
        # (a body's name the tagger took for a person's still joins: "Indian Railway" / "Indian Railways")
        if c.mentions[0].label == "person" and name_key(c.mentions[0].text).split()[-1] not in org_words:
            continue
        for m in list(c.mentions):
            # (one word has no order to turn: only its plural joins, "Senates"; "Minneapolis" is not "Minnesota")
            key = name_key(m.text)
            parts = key.split(" of ", 1)
            flipped = f"{parts[1]} {parts[0]}" if len(parts) == 2 else key
            # ("UK Supreme Court" and "Supreme Court of the United Kingdom": the country written two ways)
            key, flipped = _one_country_form(key), _one_country_form(flipped)
            if len(m.words) >= 2:
                key, flipped = _stem_words(key), _stem_words(flipped)
            else:
                key = flipped = _singular_word(key)
            # (a place and its people's name share a stem: "American Samoa" is not "American Samoans")
            place = is_country_or_region(m.text)
            key, flipped = (place, key), (place, flipped)
            other = by_order.get(flipped) or by_order.get(key)
            if other is not None and other is not c and other.mentions:
                c = merge(other, c)
                break
            by_order[key] = c
            by_order[flipped] = c

    # "Supreme Court" inside "Supreme Court of Puerto Rico": a shorter form of the one longer name
    listed = _listed_organization_keys()
    for c in live():
        if c.mentions[0].label != "organization" or not c.mentions:
            continue  # places nest for real ("New York" in "New York City")
        forms = {name_key(m.text) for m in c.mentions}
        # (a body known by its own names is no short form: "United Nations" beside "United Nations Educational,
        # Scientific and Cultural Organization")
        if any(len(f.split()) < 2 for f in forms) or forms & listed:
            continue
        holders = [o for o in live() if o is not c and o.mentions and o.mentions[0].label == c.mentions[0].label
                   and any(_contains_words(name_key(m.text), f) for m in o.mentions for f in forms)]
        if len(holders) > 1:
            # ("Prohibition Party" beside "U.S. Prohibition Party" and "Prohibition Party of Illinois": the
            # one that only adds its country)
            # (not beside another place's: "Wisconsin Supreme Court" and "United States Supreme Court")
            national = [o for o in holders if any(name_key(_without_country(m.text)) in forms and
                                                  _without_country(m.text) != m.text for m in o.mentions)]
            local = [o for o in holders if o not in national and any(
                name_key(m.text).endswith(" " + f) for m in o.mentions for f in forms)]
            before = [o for o in holders if o.first < c.first]
            holders = national if not local else []
            if local and before and all(_head_word(f) == "court" for f in forms):
                # "the Wisconsin Supreme Court … the United States Supreme Court … the Supreme Court": a court's
                # bare name is the one named last before it
                holders = [max(before, key=lambda o: max(m.start for m in o.mentions if m.start < c.first))]
        if len(holders) == 1:
            merge(holders[0], c)

    def join_in_order(shorter_fits, longer_fits):
        """Each cluster ``shorter_fits`` joins the one longer name ``longer_fits`` that holds the words of each
        of its forms in order (each: a cluster that already holds a longer name of its own stays)."""
        for c in live():
            forms = {name_key(m.text) for m in c.mentions}
            if any(len(f.split()) < 2 for f in forms) or not shorter_fits(c, forms):
                continue
            holders = [o for o in live() if o is not c and all(any(
                longer_fits(o, name_key(m.text)) and _in_order(_stem_words(f), _stem_words(name_key(m.text)))
                for m in o.mentions) for f in forms)]
            if len(holders) == 1:
                merge(holders[0], c)

    # "Oversight Committee" beside "House Oversight and Reform Committee", "Expediency Council" beside "Iranian
    # Expediency Discernment Council", "New People Party" beside "New People's Party": a body's shorter form of
    # the one longer name that holds its words (cut to five letters) in order and ends as it does
    join_in_order(lambda c, forms: c.mentions[0].label == "organization",
                  lambda o, longer: o.mentions[0].label == "organization")
    # "Bradley Airport" beside "Bradley International Airport", "Francis Hospital" beside "Saint Francis
    # Hospital": a building's shorter name, whatever the tagger's labels (it takes "Francis Hospital" for a
    # person's name)
    building_words = rules.word_set("names", "building_words")
    join_in_order(lambda c, forms: all(f.split()[-1] in building_words for f in forms), lambda o, longer: True)

    # "Ford" beside "Ford Motor Company", "Scripps" beside "Scripps Institution of Oceanography",
    # "Payam" beside "Payam International Airport": the short name of the one body or building
    from .gazetteer import is_place_name

    body_words = rules.word_set("names", "body_words") | rules.word_set("names", "organization_words")
    buildings = rules.word_set("names", "building_words")
    for c in live():
        forms = {name_key(m.text) for m in c.mentions}
        if c.mentions[0].label == "person" or len(forms) != 1 or len(next(iter(forms)).split()) != 1:
            continue
        word = next(iter(forms))
        in_place = any(_after_locative(m, strict=True) for m in c.mentions)
        islands = [o for o in live() if o is not c and o.mentions[0].label == "place" and any(
            name_key(m.text) in (f"{word} islands", f"{word} island") for m in o.mentions)]
        if c.mentions[0].label == "place" and len(islands) == 1 and not is_place_name(word):
            merge(islands[0], c)  # "Abaco" beside "the Abaco Islands" (not "Vancouver" beside Vancouver Island)
            continue
        if c.mentions[0].label == "place" and (is_place_name(word) or in_place):
            continue  # ("in Cahors" beside "Cahors Cathedral": the town, not the cathedral's short name)
        if is_place_name(word) and (_votes(c)["place"] or in_place):
            continue  # ("in Christchurch" beside "Christchurch District Court")
        heads = buildings if c.mentions[0].label == "place" else body_words | buildings
        opening = [o for o in live() if o is not c and o.mentions[0].label != "person" and any(
            len(f.split()) >= 2 and f.split()[0] == word for f in (name_key(m.text) for m in o.mentions))]
        holders = [o for o in opening if any(_head_word(f) in heads and f.split()[0] == word
                                             for f in (name_key(m.text) for m in o.mentions))]
        # ("House" beside "House of Representatives" and "House Intelligence Committee": first the name
        # the word heads)
        headed = [o for o in opening if any(_head_word(f) == word for f in (name_key(m.text) for m in o.mentions))]
        if len(headed) == 1:
            merge(headed[0], c)
        elif len(holders) == 1:
            merge(holders[0], c)

    # "Iraqi Parliament" and "Parliament of Iraq": the same body named by its country two ways
    by_place = {}
    for c in live():
        if c.mentions[0].label == "person":
            continue
        for m in c.mentions:
            body, of, place = name_key(m.text).partition(" of ")
            if of and body and place:
                by_place.setdefault(body, []).append((place, c))
    for c in live():
        if c.mentions[0].label == "person":
            continue
        for m in c.mentions:
            words = name_key(m.text).split()
            if len(words) < 2:
                continue
            same = [o for place, o in by_place.get(" ".join(words[1:]), ())
                    if o is not c and o.mentions and _demonym_of(words[0], place)]
            if len(same) == 1:
                merge(same[0], c)
                break

    # "the Parliament" after "Parliament of Iraq": a generic word joins the one name that holds it
    generic = rules.word_set("names", "joinable_organizations") | {"parliament", "congress", "senate", "assembly",
                                                                   "police", "army", "navy", "government", "court"}
    for c in live():
        keys = {name_key(m.text) for m in c.mentions}
        if len(keys) != 1 or next(iter(keys)) not in generic:
            continue
        word = next(iter(keys))
        holders = [o for o in live() if o is not c and o.mentions[0].label != "person"
                   and any(word in name_key(m.text).split() and len(m.words) > 1 for m in o.mentions)]
        if len(holders) == 1:
            merge(holders[0], c)

    # people: a surname, first name, or shorter form joins the full name
    people = [c for c in live() if (_votes(c)["person"] > 0 or _personal_name(c))
              and max(len(m.words) for m in c.mentions) >= 2]
    full = {}
    for c in people:
        for m in c.mentions:
            words = _name_words(m.text)
            if len(words) >= 2:
                full.setdefault(c_id(c), (c, []))[1].append(words)
    surname_of = defaultdict(set)
    firstname_of = defaultdict(set)
    tail_of = defaultdict(set)
    inner_of = defaultdict(set)
    for cid, (c, forms) in full.items():
        for words in forms:
            surname_of[words[-1]].add(cid)
            firstname_of[words[0]].add(cid)
            for word in words[1:-1]:
                if len(word) > 2:
                    inner_of[word].add(cid)
            for k in range(1, len(words)):
                tail_of[" ".join(words[k:])].add(cid)
    # variants with a middle initial or name ("Donald J. Trump" / "Donald Trump")
    by_ends = defaultdict(list)
    for cid, (c, forms) in full.items():
        for words in forms:
            by_ends[(words[0], words[-1])].append(c)
    for same in by_ends.values():
        for other in same[1:]:
            if other.mentions and same[0].mentions:
                merge(same[0], other)
    # "Wanda Vázquez" before "Wanda Vázquez Garced": the start of the one longer name (two surnames);
    # also when the tagger took the shorter form for a place (a headline in Title Case)
    starts = dict(full)
    for c in live():
        words = [_name_words(m.text) for m in c.mentions]
        if c_id(c) not in starts and all(w == words[0] for w in words) and len(words[0]) == 2 \
                and is_given_name(words[0][0]):
            starts[c_id(c)] = (c, words[:1])
    for cid, (c, forms) in starts.items():
        if not c.mentions or max(len(words) for words in forms) > 2:
            continue
        longer = {o_id for o_id, (o, o_forms) in full.items() if o is not c and o.mentions and any(
            len(o_words) > len(words) and o_words[:len(words)] == words for o_words in o_forms for words in forms)}
        if len(longer) == 1:
            merge(full[longer.pop()][0], c)
    # "Pedro Pierluisi" and "Pedro R. Pierluisi Urrutia"; "Rivera Schatz" and "Thomas Rivera Schatz":
    # a two-word name whose words the one longer name holds in order, first name or surnames
    # (and "Mohammad Mir-Mohammadi", whose hyphenated surname counts two words, in "Seyed Mohammad Mir-Mohammadi")
    for cid, (c, forms) in full.items():
        if not c.mentions or max(len(words) for words in forms) != 2 and not all(
                "-" in m.text for m in c.mentions if len(_name_words(m.text)) > 2):
            continue
        longer = {o_id for o_id, (o, o_forms) in full.items() if o is not c and o.mentions and any(
            len(o_words) > len(words) and (
                (len(words) == 2 and o_words[0] == words[0] and words[1] in o_words[1:-1] + o_words[-1:] and len(words[1]) > 2)
                or o_words[-len(words):] == words)
            for o_words in o_forms for words in forms)}
        if len(longer) == 1:
            merge(full[longer.pop()][0], c)
    for c in live():
        if c in people and any(len(_name_words(m.text)) >= 2 and not _surname_only(m.text) for m in c.mentions):
            continue
        key = " ".join(_name_words(c.mentions[0].text))
        targets = {t for t in tail_of.get(key, ()) if full[t][0].mentions}
        # (a given name the tagger took for a body too: "Tynice" beside Tynice Nichole Hall)
        if not targets and len(key.split()) == 1 and (c.mentions[0].label == "person" or is_given_name(key)):
            targets = {t for t in firstname_of.get(key, ()) if full[t][0].mentions}
        if not targets and len(key.split()) == 1:
            # "Vázquez" for Wanda Vázquez Garced: the first of two surnames
            targets = {t for t in inner_of.get(key, ()) if full[t][0].mentions}
        if len(targets) > 1:
            # "Cummings" with Elijah, Robert and Ruth Cummings named: the one the article is about
            # (counting the mentions that carry the surname: "Melania" alone does not make Melania Trump the
            # Trump the article is about)
            def named(t):
                return sum(key in _name_words(m.text) for m in full[t][0].mentions)
            ranked = sorted(targets, key=lambda t: -named(t))
            if named(ranked[0]) > named(ranked[1]):
                targets = {ranked[0]}
            else:
                # "Usman Khan stabbed … Khan … Khan", and late in the story "Mayor Sadiq Khan": the one
                # named in full before the surname is first used alone; of several, the first named
                # ("President Donald Trump reported he and his wife Melania Trump …")
                before = sorted((t for t in targets if full[t][0].first < c.first), key=lambda t: full[t][0].first)
                if before:
                    targets = set(before[:1])
        if not targets and len(key.split()) == 1 and len(key) >= 5 and len(c.mentions) == 1:
            # "Pierliusi" for Pierluisi, "Chriac" for Chirac: a misspelt surname (a slip happens
            # once; a name used again, like "Wikinews" beside Wilkins, is a name of its own)
            targets = {t for t, (person, _forms) in full.items() if person.mentions and any(
                _misspelt(key, _name_words(m.text)[-1]) for m in person.mentions if len(m.words) >= 2)}
        if len(targets) == 1:
            merge(full[targets.pop()][0], c)
        elif not targets and len(key.split()) == 1:
            # "Queen Elizabeth" in a headline and "Queen Elizabeth II": the one name that differs only
            # by its generational or regnal suffix
            same = [o for o in people if o is not c and o.mentions and any(
                len(m.words) > 1 and _name_words(m.text) == [key] for m in o.mentions)]
            if len(same) == 1:
                merge(same[0], c)
    return live()


# "of" in English and the languages whose bodies' names news copies ("Observatoire de Paris")
_OF_WORDS = {"of", "de", "del", "della", "di", "du", "des", "do", "da", "dos", "das", "für", "der"}


def _title_only(words, org_words):
    """A name ending in a person's title ("Los Angeles Sheriff", "Divisional Railway Manager"); not a
    body named "of" its head ("Office of the President")."""
    heads = rules.word_set("roles", "heads") - rules.word_set("names", "title_words_in_names")
    return words[-1].lower() in heads and "of" not in words and words[-1].lower() not in org_words


def _team_name(words, votes):
    """A known place and one more capitalised word that is no kind of place or group of people:
    a team's or company's name ("Utah Jazz", "Charlotte Hornets", "San Francisco 49ers"), not
    "Florida Keys", "Gaza Strip" or "Texas Democrats"."""
    from .gazetteer import is_place_name

    last = words[-1]
    if len(words) < 2 or not (last[:1].isupper() or last[:1].isdigit()) or not is_place_name(" ".join(words[:-1])) \
            or is_place_name(" ".join(words)) or is_place_name(last):
        return False
    low = last.lower()
    not_teams = rules.word_set("names", "not_team_words") | rules.word_set("names", "facility_words") \
        | rules.word_set("names", "region_words") | rules.word_set("names", "joinable_places") \
        | rules.word_set("names", "event_words") | rules.word_set("names", "place_after_words")
    if low in not_teams or _singular_word(low) in not_teams or low in rules.word_set("roles", "heads"):
        return False
    # a team is named by a common noun ("Hornets", "Jazz"); "Walker Evans", "Nikki Haley" are people
    if last[:1].isdigit():
        return True
    if low.endswith("s") and _singular_word(low) in dictionary_words():
        return True
    return votes["organization"] > 0 and low in dictionary_words() and not is_given_name(words[0])


def _surname_only(text):
    """A surname of three words or more that opens with a particle ("De La Fuente", "van der Berg"): no
    given name.  (Two-word surnames join through the rule for "Rivera Schatz".)"""
    words = text.split()
    return len(words) >= 3 and words[0].lower() in _SURNAME_PARTICLES and not is_given_name(words[0])


_SURNAME_PARTICLES = {"de", "del", "della", "di", "da", "dos", "du", "la", "le", "van", "von", "der", "den", "ter",
                      "al", "al-", "el", "bin", "ibn", "ben", "abu", "mac", "st.", "saint"}


def _demonym_of(adjective, place):
    """"iraqi" / "iraq", "canadian" / "canada": the adjective is formed from the place's name."""
    for ending in ("ian", "ese", "ish", "an", "i", "n"):
        stem = adjective[:-len(ending)]
        if adjective.endswith(ending) and len(stem) >= 3 and place.startswith(stem) and " " not in place:
            return True
    return False


def _personal_name(c):
    """True for a name shaped like a person's that the tagger labelled otherwise ("Ricardo Rosselló
    Nevares" as an organization): a given name then one to three capitalised words, none of them a
    body's word or a connector."""
    body_words = set().union(*(rules.word_set("names", k) for k in (
        "body_words", "generic_bodies", "joinable_organizations", "organization_words", "facility_words",
        "region_words", "after_name_words", "event_words")))
    for m in c.mentions:
        words = m.text.split()
        if 2 <= len(words) <= 4 and is_given_name(words[0]) and all(w[:1].isupper() for w in words) \
                and not any(name_key(w) in body_words for w in words):
            return True
    return False


def _misspelt(word, surname):
    """True when ``word`` is ``surname`` with a letter or two swapped, missing or wrong."""
    import difflib

    return word != surname and word[0] == surname[0] and abs(len(word) - len(surname)) <= 1 \
        and difflib.SequenceMatcher(None, word, surname).ratio() >= 0.8


def _stem_words(key):
    """Words cut to five letters, so "Iraqi Parliament" meets "Parliament of Iraq"."""
    return " ".join(w if w == "of" else w[:5] for w in key.split())


def _in_order(shorter, longer):
    """True when ``shorter``'s words stand in ``longer`` in order, and both end with the same word."""
    a, b = shorter.split(), longer.split()
    if len(a) >= len(b) or a[-1] != b[-1]:
        return False
    k = 0
    for word in b:
        if k < len(a) and word == a[k]:
            k += 1
    return k == len(a)


def _contains_words(longer, shorter):
    """True when ``shorter``'s words start or end ``longer``'s (and it is really longer)."""
    a, b = longer.split(), shorter.split()
    return len(a) > len(b) and (a[:len(b)] == b or a[-len(b):] == b)


def c_id(c):
    return id(c)


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# A Chinese or Korean name: a one-syllable surname, then a given name of two syllables joined by a hyphen,
# the second in lower case ("Lam Cheuk-ting", "Moon Jae-in")
_EAST_ASIAN_NAME = re.compile(r"[A-Z][a-z]{1,4} [A-Z][a-z]{1,5}-[a-z]{1,5}")


def _name_words(text):
    """The words of a person's name without a generational suffix ("Robert Downey Jr." -> robert downey)."""
    words = name_key(text).split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return words


def _describing_word(word):
    """An English adjective that is no noun and no given name ("Civic", "Atmospheric", "Longtime")."""
    from .nlp import adjectives_only

    return word.lower() in adjectives_only() and not is_given_name(word)


def _votes(c):
    votes = Counter({"person": 0, "organization": 0, "place": 0})
    for m in c.mentions:
        if m.tagged:
            votes[m.label] += 1
    return votes


_LOCATIVE = {"in", "at", "near", "from", "to", "outside", "across", "around", "into", "towards", "toward", "of", "via", "throughout"}


def _marked_as_person(c):
    """Whether any mention of the cluster has an honorific, a title, an age or a reporting verb
    (`_person_evidence`, which holds `_after_title` and ``honorific``)."""
    return any(_person_evidence(m) for m in c.mentions)


def the_named_bodies(clusters):
    """"telling the Nevada Independent", "the Jamaah Ansharut Daulah network": a name of two or more words
    taken for a person's that the article only ever writes after "the" is a body's when the tagger also took
    it for one or a body's noun follows it; a person's name takes no "the" (a given name opens one in "the
    James Cagney film"; "Nevada" is a state first). Things and places take "the" too: "the Holy Headdress of
    Christ", "to the Bat Cave" stay as they were."""
    from .gazetteer import is_country_or_region, is_place_name

    body_nouns = rules.word_set("names", "apposed_body_nouns")
    for c in clusters:
        if not c.mentions or _kind(c) != "person" or not (_votes(c)["organization"] or any(
                (after := _token_after(m)) is not None and after.lower_ in body_nouns for m in c.mentions)):
            continue
        words = max(c.mentions, key=lambda m: len(m.words)).text.split()
        if len(words) >= 2 and (not is_given_name(words[0]) or is_country_or_region(words[0])) \
                and words[-1].lower() not in _not_name_continuations() and not is_place_name(" ".join(words)) \
                and all(_after_word(m, {"the"}) for m in c.mentions) \
                and not _marked_as_person(c):
            c.forced_kind = "organization"


def bodies_people_belong_to(clusters, text):
    """"Mike McCready of Pearl Jam": a name taken for a person's, with no title, honorific or speech, that the
    article only ever writes right after another person's full name and "of" is the body that person belongs to
    (a band's, a company's), as an untagged name there is (`bodies_of_people`)."""
    ends = {m.end: c for c in clusters if c.mentions and _kind(c) == "person"
            for m in c.mentions if len(m.words) >= 2 and is_given_name(m.words[0])}
    for c in clusters:
        if not c.mentions or _kind(c) != "person" or _marked_as_person(c):
            continue
        owners = [ends.get(m.start - 4) for m in c.mentions if text[m.start - 4:m.start] == " of "]
        if len(owners) == len(c.mentions) and all(o is not None and o is not c for o in owners):
            c.forced_kind = "organization"


def correct_kinds(clusters):
    """Settle kinds the tagger gets wrong, using name shape, context and the gazetteer.

    Known organizations ("Twitter") are organizations; names of events and
    works ("Texas Haunters Convention", "Operation Clambake") are dropped;
    named buildings and features ("Grand Central Terminal") are places; a
    single word taken for a person with nothing marking it as one (no title,
    no first name, never speaking) becomes a place when the gazetteer knows
    it, else keeps another vote, else is dropped.
    """
    from .gazetteer import is_country_or_region, is_place_name

    known_orgs = _known_organization_keys()
    the_orgs = {name_key(n) for n in rules.load("names")["known_organizations"] if n.startswith("The ")}
    facility = rules.word_set("names", "facility_words")
    facility_prefixes = rules.word_set("names", "facility_prefixes")
    events = rules.word_set("names", "event_words")
    event_prefixes = rules.word_set("names", "event_prefixes")
    generic_bodies = rules.word_set("names", "generic_bodies")
    body_words = rules.word_set("names", "body_words")
    body_first_words = rules.word_set("names", "body_first_words")
    region_words = rules.word_set("names", "region_words")
    org_words = rules.word_set("names", "organization_words")
    for c in clusters:
        if not c.mentions:
            continue
        longest = max(c.mentions, key=lambda m: len(m.words))
        words = longest.text.split()
        first, last = words[0].lower(), words[-1].lower()
        head_word = _head_word(name_key(longest.text))
        votes = _votes(c)
        multiword_person = any(m.label == "person" and m.tagged and len(m.words) >= 2 for m in c.mentions)
        if len(words) == 2 and _EAST_ASIAN_NAME.fullmatch(longest.text) and not is_place_name(longest.text):
            c.forced_kind = "person"  # "Lam Cheuk-ting", "Kim Jong-un": a surname, then a hyphenated given name
            continue
        if len(words) == 1 and any(ch.isdigit() for ch in first) and max(votes, key=votes.get) == "place":
            c.mentions.clear()  # "IE6", "R0": a product or a term; no place's one-word name holds a digit
            continue
        if (len(words) >= 2 and last in _NOT_BODY_HEADS) or all(_before_not_body_head(m) for m in c.mentions):
            # "Australian National Iodine Nutrition Study", "the James Webb space telescope": research and
            # instruments, neither a body nor a person
            c.mentions.clear()
            continue
        if len(words) >= 3 and votes["person"] == 0 and words[1] == "the" \
                and (first in verbs()
                     or any((tok := _token_of(m)) is not None and tok.tag_ == "VB" for m in c.mentions)) \
                and name_key(longest.text) not in known_orgs:
            # "Stop the Steal", "Defund the Police": a slogan opens with a bare verb and its object ("Save the
            # Children" is a known charity)
            c.mentions.clear()
            continue
        # ("The Atlantic" is a magazine only with its "The": "the northeastern Atlantic" is the ocean)
        if any(m.after_body_noun or m.speaking_campaign for m in c.mentions):
            c.forced_kind = "organization"
            continue
        if len(words) == 1 and first in _PARTY_WORDS and all(
                len(m.words) == 1 and (_before_role_word(m) or _before_event_word(m)) for m in c.mentions):
            # ("Labour MP Tom Watson": a party named only through a member's title is a role, not a body;
            # "Labour Day" is a holiday)
            c.mentions.clear()
            continue
        if any(name_key(m.text) in known_orgs and (name_key(m.text) not in the_orgs or _after_capital_the(m))
               for m in c.mentions) and not is_country_or_region(longest.text):
            c.forced_kind = "organization"
            continue
        if len(words) >= 2 and last in _SEATS and any(_acts(m) for m in c.mentions) \
                and not any(_after_place_preposition(m) for m in c.mentions):
            c.forced_kind = "organization"  # "the White House released a summary": the office, not the building
            continue
        if not multiword_person and not is_country_or_region(longest.text) and any(_side_in_result(m) for m in c.mentions):
            c.forced_kind = "organization"  # "Caloundra defeated Wynnum 45 points to 24": clubs (a country's side is the country)
            continue
        # ("Steven F. Udvar-Hazy Center": a center named after someone is a body, unlike a hospital)
        if len(words) >= 2 and votes["person"] and (last in org_words or last in ("center", "centre")
                                                     or _singular_word(last) in org_words) \
                and (not is_given_name(words[0]) or len(words) >= 3):
            c.forced_kind = "organization"
            continue
        if len(words) >= 2 and re.fullmatch(r"[A-Z]{2,6}", words[0]) \
                and (max(votes, key=votes.get) == "person" or is_given_name(words[0])) \
                and not any(m.honorific or _after_title(m) for m in c.mentions):
            # "UC Davis", "ISIS Caliphate" (Isis is a given name): no person's name opens with an acronym
            c.forced_kind = "organization"
            continue
        if 2 <= len(words) <= 3 and is_country_or_region(words[-1]) and max(votes, key=votes.get) == "place" \
                and all(w[:1].isupper() and w.lower() not in dictionary_words() and not is_given_name(w)
                        for w in words[:-1]) and not is_place_name(" ".join(words[:-1])):
            c.forced_kind = "organization"  # "tax preparer Mazars USA": a firm's arm in a country, not a place
            continue
        if len(words) == 2 and is_given_name(words[0]) and any(_after_title(m) and not _after_saint(m) for m in c.mentions):
            c.forced_kind = "person"  # "presidential nominee Darrell Castle": a title outweighs a building's word
            continue
        if len(words) >= 2 and votes["person"] and last in facility and last not in ("house", "center", "centre"):
            c.forced_kind = "place"  # "John Radcliffe Hospital", "Jacob Javits Center": a building named after someone
            continue
        if len(words) == 1 and first in generic_bodies and all(len(m.words) == 1 for m in c.mentions) \
                and not votes["person"]:
            c.mentions.clear()  # "the Court" among several courts: a reference, not a name
            continue
        if len(words) >= 2 and votes["person"] == 0 and _title_only(words, org_words):
            c.mentions.clear()  # "Divisional Railway Manager", "Los Angeles Sheriff": a title, not a body
            continue
        if len(words) == 1 and first in _TITLE_BODIES and all(len(m.words) == 1 and _before_role_word(m)
                                                               for m in c.mentions):
            c.mentions.clear()  # "the Senate minority leader", "former Army colonel": named only in a title
            continue
        if " and " in longest.text and not (last in org_words or last in facility) and all(
                is_place_name(part) for part in longest.text.split(" and ")):
            c.mentions.clear()  # "Crete and Cyprus": two places the tagger ran together
            continue
        if len(words) == 1 and all(len(m.words) == 1 for m in c.mentions) and first not in _TITLE_BODIES \
                and not is_country_or_region(longest.text) and _common_word(c):
            # ("Parliament is to remain out of session" beside "suspended parliament" is the body,
            # and "Wales have made no recommendation" the country)
            c.mentions.clear()  # "Millions dwell in slums", "“Guardrails can only take so much”"
            continue
        if any(longest.text.lower().startswith(prefix + " ") or longest.text.lower() == prefix
               for prefix in rules.word_set("names", "vessel_prefixes")):
            c.mentions.clear()  # "Space Shuttle Atlantis", "U.S.S. Grayback": a craft, not a person or body
            continue
        if len(words) >= 2 and first in event_prefixes and not is_given_name(words[0]):
            c.mentions.clear()  # "Storm Lorenzo", "Hurricane Dorian": a weather event, whatever the tagger said
            continue
        if len(words) == 2 and first in region_words and (first == "county" or is_place_name(words[1])) \
                and words[1].lower() not in rules.word_set("roles", "heads"):
            c.forced_kind = "place"  # "County Mayo", "Province Alberta"
            continue
        if not is_given_name(words[0]) and last not in generic_bodies and last not in org_words \
                and all(_object_of_place_verb(m) for m in c.mentions):
            c.forced_kind = "place"  # "the army entered Tell Tamer and Ain Issa": towns, whatever the tagger said
            continue
        if len(words) >= 2 and votes["person"] and _describing_word(words[0]) \
                and words[-1].lower() in dictionary_words() and not is_given_name(words[-1]):
            # "Civic Passion", "Civic Platform": an adjective and a noun name a body, not a person
            # ("Greater Melbourne": an adjective before a known place is a place)
            c.forced_kind = "place" if is_place_name(longest.text) or is_place_name(" ".join(words[1:])) \
                else "organization"
            continue
        if not is_given_name(words[0]) and any(_body_apposition(m) for m in c.mentions):
            c.forced_kind = "organization"  # "Milltech Marine, a firm specialising in AIS"
            continue
        if len(words) >= 2 and first in facility_prefixes and head_word not in org_words:
            c.forced_kind = "place"  # "Fort Lee", "Mount Kenya": a place, whatever the tagger said
            continue
        if not multiword_person and any(_after_place_noun_of(m) for m in c.mentions) and last not in org_words:
            c.forced_kind = "place"  # "the town of Yeoncheon": a place, whatever the tagger said
            continue
        if not multiword_person and not votes["person"] and last not in org_words and last not in generic_bodies \
                and not _ACRONYM.match(longest.text) \
                and any(_after_locative(m, strict=True) and _before_its_country(m) for m in c.mentions):
            c.forced_kind = "place"  # "in Windsor Locks, Connecticut": a town, followed by its state or country
            continue
        if multiword_person and not is_given_name(words[0]) and c.forced_kind is None \
                and not _marked_as_person(c) \
                and any(len(m.words) >= 2 and _after_word(m, ("in", "at", "near")) and not _possessive_after(m)
                        for m in c.mentions):
            c.forced_kind = "place"  # "penguins at Punta Tombo": a name after "in" or "at" with no given name
            continue
        if len(words) >= 2 and votes["person"] and any(_after_word(m, {"the"}) and _before_region_word(m)
                                                       for m in c.mentions) \
                and all(_after_locative(m) or _before_region_word(m) for m in c.mentions if m.tagged) \
                and not _marked_as_person(c):
            c.forced_kind = "place"  # "in Karol Bagh", "the Karol Bagh area": a person's name names no area
            continue
        if multiword_person:
            continue
        # "Jasim Uddin, a spokesperson for the fire service": a name with a person's role in apposition
        if 2 <= len(words) <= 3 and last not in org_words and last not in facility and votes["person"] == 0 \
                and all(re.fullmatch(r"[A-Z][\w.'’-]*", w) for w in words) and not is_place_name(longest.text) \
                and any(_role_apposition(m) for m in c.mentions):
            c.forced_kind = "person"
            continue
        if len(words) >= 3 and first in body_first_words and words[1].lower() in _OF_WORDS and not votes["person"]:
            c.forced_kind = "organization"  # "University of Sheffield", "Bank of England"
            continue
        if len(words) >= 2 and last in body_words and votes["place"] >= votes["organization"] \
                and not is_country_or_region(longest.text):
            # (the "Soviet Union" is a country)
            c.forced_kind = "organization"  # "Saudi Gazette", "Civic Party": a body, whatever the tagger said
            continue
        head = words[words.index("of") - 1].lower() if "of" in words[1:] else last
        honour = head != last and head in rules.word_set("names", "honour_words")
        if len(words) >= 2 and (last in events or first in event_prefixes or honour) \
                and not (head in org_words or head in body_words):
            # ("US National Medal of Science", "Legion of Honour": an honour, named by its head word)
            # ("Chapman University School of Law" is a school: its head word comes before "of")
            c.mentions.clear()
            continue
        if len(words) >= 2 and head_word in rules.word_set("names", "disease_words") \
                and votes["person"] == 0 and first != "the" and not any(w.lower() in org_words for w in words):
            # (not "National Institute of Allergy and Infectious Diseases", nor "The Lancet Infectious Diseases")
            c.mentions.clear()  # "Middle East Respiratory Syndrome", "Multiple Sclerosis": a disease
            continue
        if len(words) >= 3 and head_word in rules.word_set("names", "document_words"):
            c.mentions.clear()  # "National Rail Conditions of Travel", "… Regulations for Buses": a document
            continue
        if len(words) >= 2 and head_word in ("system", "database") and _kind(c) == "organization" \
                and not any(w.lower() in org_words for w in words[:-1]):
            # "Automatic Identification System", "National Violent Injury Statistic System": a system, no
            # body (a body's word inside keeps it: "Selective Service System")
            c.mentions.clear()
            continue
        if _team_name(words, votes):
            c.forced_kind = "organization"  # "Utah Jazz", "Charlotte Hornets", "San Francisco 49ers": a team
            continue
        if 2 <= len(words) <= 4 and is_given_name(words[0]) and last not in org_words \
                and last not in facility and all(re.fullmatch(r"[A-Z][\w.'’-]*", w) for w in words) \
                and not is_place_name(longest.text):
            c.forced_kind = "person"
            continue
        if len(words) >= 2 and last in ("center", "centre") and (
                first in rules.word_set("names", "body_prefixes")
                or words[-2].lower() in rules.word_set("names", "institution_center_words")):
            c.forced_kind = "organization"  # "National Hurricane Center": a body, not a building
            continue
        if len(words) >= 2 and (last in facility or first in facility_prefixes) \
                and head_word not in org_words:  # (not "Port Authority of New York")
            c.forced_kind = "place"
            continue
        if all(len(m.words) == 1 for m in c.mentions) and all(_is_adjective_use(m) for m in c.mentions):
            c.mentions.clear()  # "Tongan officials": a nationality, not a name
            continue
        titled = any(_after_title(m) for m in c.mentions)
        if titled and not is_place_name(longest.text) and last not in org_words and last not in facility \
                and (len(words) >= 2 or is_given_name(words[0])):
            c.forced_kind = "person"  # "Prosecutor Kama Melly", "his wife Amanda": a title marks a person
            continue
        if len(words) == 1 and _WEB_ADDRESS.search(words[0]):
            c.forced_kind = "organization"  # "News.com.au", "Politics1.com": a website, not a place or a person
            continue
        if len(words) == 1 and _ACRONYM.match(words[0]) and len(words[0]) >= 3 and votes["person"] >= 2 \
                and first not in rules.word_set("roles", "heads"):
            c.forced_kind = "organization"  # "ALDI also introduced a limit": a name in capitals is no person's
            continue
        best = max(votes, key=lambda k: (votes[k], k == "person"))
        # (however often the tagger says so: "Bermuda" is a country, not a person, without a title or speech)
        if best == "person" and len(words) == 1 and not any(_person_evidence(m) for m in c.mentions) \
                and (votes["person"] < 3 or is_country_or_region(longest.text)):
            if is_place_name(longest.text):
                c.forced_kind = "place"
            elif votes["organization"] or votes["place"]:
                c.forced_kind = "organization" if votes["organization"] >= votes["place"] else "place"
            else:
                c.doubtful = True
            continue
        if best == "organization" and not c.forced_kind:
            from .gazetteer import is_country_or_region

            generic = last in org_words or last in rules.word_set("names", "joinable_organizations")
            if is_country_or_region(longest.text):
                c.forced_kind = "place"
            elif all(_before_place_word(m) for m in c.mentions if m.tagged):
                c.forced_kind = "place"
            elif not {longest.text.lower(), _singular_word(longest.text.lower())} & dictionary_words() \
                    and all(_before_region_word(m, lower=True) for m in c.mentions if m.tagged):
                # "the Nagorno-Karabakh region" wherever it is named (not "The Azerbaijanis state")
                c.forced_kind = "place"
            elif not generic and is_place_name(longest.text) and any(
                    _after_locative(m) or _before_region_word(m) for m in c.mentions):
                c.forced_kind = "place"  # "in Chelyabinsk", "the Chelyabinsk region"
            elif not generic and (len(words) == 1 or "del" in words or "de" in words) \
                    and all(_after_locative(m, strict=True) for m in c.mentions if m.tagged):
                c.forced_kind = "place"
            elif any(_model_number_follows(m) for m in c.mentions) and len(c.mentions) == sum(
                    _model_number_follows(m) for m in c.mentions):
                c.mentions.clear()  # "Boeing 737", "Bell 206": a product, named by its maker
            elif len(words) <= 2 and re.search(r"(ians|ans|ists|ese)$", last) and not generic:
                c.mentions.clear()  # "Ancient Egyptians", "Egyptologists": people in general



#: what separates the items of a list (a capitalised word the tagger missed may stand between two)
def drop_storm_names(analysis, clusters):
    """"Humberto was expected to pass by Bermuda" after "Hurricane Humberto": a storm's bare name is the
    storm, a weather event, not a person."""
    storms = {name_key(m.group(1)) for m in re.finditer(
        r"\b(?:Hurricane|Typhoon|Cyclone|(?:Tropical )?Storm|Tropical Depression) ([A-Z][a-z]+)\b", analysis.text)}
    for c in clusters:
        if c.mentions and all(name_key(m.text) in storms for m in c.mentions):
            c.mentions.clear()


_FICTION_BEFORE = re.compile(r"\b(?:character|characters|god|goddess)(?: of)? $")


def drop_fictional_names(analysis, clusters):
    """"the character Tasha Yar", "Hellboy character Abe Sapien", "the god Thoth": a name the article
    first writes right after a word for a character or a god names no real person."""
    for c in clusters:
        if c.mentions and _kind(c) == "person":
            first = min(c.mentions, key=lambda m: m.start)
            if _FICTION_BEFORE.search(analysis.text[max(0, first.start - 20):first.start]):
                c.mentions.clear()


def drop_residents(clusters):
    """"Hong Kongers", "a Hong Konger": a place's name of two or more words with "-er" or "-ers" on its
    end, taken for a person's, names the people who live there ("The New Yorker", a body, stays)."""
    from .gazetteer import is_place_name

    for c in clusters:
        if c.mentions and _kind(c) == "person" and all(
                len(m.words) >= 2 and (place := re.sub(r"ers?$", "", m.text)) != m.text and is_place_name(place)
                for m in c.mentions):
            c.mentions.clear()


def drop_dictionary_words(clusters, text):
    """"Eruption", "Progressives": a one-word body named once that is an English noun or adjective,
    or named more often where the article also writes it in small letters ("challenged corona").

    Used once with nothing marking it as a body, a dictionary word is far more often a
    capitalised common word or the title of a work than an organization. Known
    organizations, acronyms and generic bodies ("Parliament") keep their own rules. A one-word
    place the gazetteer does not know goes the same way when the article writes it in small
    letters too ("the Law of the Sea" beside "the sea between Crete and Cyprus").
    """
    from .gazetteer import is_place_name

    known_orgs = _known_organization_keys()
    generic = rules.word_set("names", "generic_bodies") | rules.word_set("names", "organization_words") \
        | rules.word_set("names", "joinable_organizations")
    for c in clusters:
        kind = _kind(c)
        if kind not in ("organization", "place") or len({m.text for m in c.mentions}) != 1 \
                or len(c.mentions[0].words) != 1:
            continue
        word = c.mentions[0].text
        # (a plural too: "Progressives", "Latinos", "Debates")
        if not (word.lower() in dictionary_words() or _singular_word(word.lower()) in dictionary_words()):
            continue
        # an acronym's letters may spell a word ("NATO"); a word in capitals the article also writes
        # in small letters is that word, set in capitals for stress ("LEFT" beside "left")
        if _ACRONYM.match(word) and (len(word) < 4 or not _used_lowercase(word, text)):
            continue
        if kind == "place":
            if not is_place_name(word) and _used_lowercase(word, text):
                c.mentions.clear()
            continue
        if any(m.after_body_noun for m in c.mentions) or (len(c.mentions) > 1 and not _used_lowercase(word, text)):
            continue  # ("the rock band Cream" is a name, dictionary word or not)
        if name_key(word) not in known_orgs and word.lower() not in generic:
            if is_place_name(word) and _before_its_country(c.mentions[0]):
                c.forced_kind = "place"  # ("the Auckland, New Zealand police force": the dictionary knows towns too)
            else:
                c.mentions.clear()
    return [c for c in clusters if c.mentions]


def _used_lowercase(word, text):
    """Whether the article also writes ``word`` in small letters, as a common word."""
    return word.lower() != word and _written(word.lower(), text)


def _written(word, text):
    """Whether ``text`` holds ``word`` as a word of its own, not inside a word, web address or handle."""
    return re.search(r"(?<![\w./@-])" + re.escape(word) + r"(?![\w@-]|\.\w)", text) is not None


def join_misspellings(clusters):
    """"Lousiana" beside Louisiana, "Luckasz" beside Łukasz: a one-word name used once that is a slip
    of another one-word name of the same kind joins it."""
    for c in clusters:
        if len(c.mentions) != 1 or len(c.mentions[0].words) != 1:
            continue
        word = name_key(c.mentions[0].text)
        if len(word) < 5:
            continue
        for other in clusters:
            if other is c or not other.mentions or _kind(other) != _kind(c):
                continue
            forms = {name_key(m.text) for m in other.mentions if len(m.words) == 1}
            if any(_misspelt(word, form) or _misspelt(form, word) for form in forms if len(form) >= 5):
                other.add(c.mentions[0])
                c.mentions.clear()
                break
    return [c for c in clusters if c.mentions]


def join_plural_names(clusters):
    """"the Houthis" beside "Houthi rebels": a one-word plural of the word a body's name opens with names the
    body's members, an alias of the body, not a person or a place of its own; so does that word alone where
    the body is a movement ("under Houthi control")."""
    for c in clusters:
        if not c.mentions or _kind(c) == "place" or not all(len(m.words) == 1 for m in c.mentions):
            continue  # (not "the Philippines" beside "Philippine Red Cross")
        word = c.mentions[0].text
        for other in clusters:
            if other is not c and other.mentions and _kind(other) == "organization" and any(
                    len(m.words) >= 2 and ((word.endswith("s") and m.words[0] == word[:-1])
                                           or (m.words[0] == word and m.words[-1] in ("movement", "rebels")))
                    for m in other.mentions):
                for m in list(c.mentions):
                    other.add(m)
                c.mentions.clear()
                other.forced_kind = other.forced_kind or "organization"
                break
    return [c for c in clusters if c.mentions]


def join_bare_surnames(clusters):
    """"a bracelet of Navaratnam's" beside "Skandaraj Navaratnam", both taken for a body: a one-word name
    that ends the full name of one person, and is no known body or place, is that person's surname.

    Clustering joins a surname to a name that already looked like a person's; this catches the ones
    whose full name became a person's only when the kinds were settled (here by "a former boyfriend")."""
    from .gazetteer import is_place_name

    known_orgs = _known_organization_keys()
    owners = defaultdict(dict)  # surname -> {id: person cluster}
    for c in clusters:
        if _kind(c) == "person":
            for m in c.mentions:
                if len(m.words) >= 2:
                    owners[name_key(m.text).split()[-1]][id(c)] = c
    for c in clusters:
        keys = {name_key(m.text) for m in c.mentions}
        if not c.mentions or _kind(c) == "person" or c.forced_kind or len(keys) != 1:
            continue
        word = next(iter(keys))
        people = owners.get(word, {})
        if len(people) != 1 or " " in word or word in known_orgs or is_place_name(word) \
                or any(_ACRONYM.match(m.text) for m in c.mentions):
            continue
        person = next(iter(people.values()))
        for m in list(c.mentions):
            person.add(m)
        c.mentions.clear()
    return [c for c in clusters if c.mentions]


def join_birth_names(clusters):
    """"Day was born Doris Mary Ann Kappelhoff": the birth name is another name of the same person."""
    for c in clusters:
        for m in list(c.mentions):
            tok = _token_of(m)
            if tok is None or _kind(c) != "person":
                continue
            head = _last_token_of(m) or tok
            verb = head.head
            if head.dep_ != "nsubjpass" or verb.lower_ != "born":
                continue
            for child in verb.children:
                if child.dep_ not in ("oprd", "attr", "dobj", "npadvmod") or child.i < verb.i:
                    continue
                other = next((o for o in clusters if o is not c and any(
                    o_m.start <= m.sentence.offset + child.idx < o_m.end for o_m in o.mentions)), None)
                if other is not None and _kind(other) == "person":
                    for o_m in list(other.mentions):
                        o_m.birth_name = True
                        c.add(o_m)
                    other.mentions.clear()
    return [c for c in clusters if c.mentions]


def given_names_as_people(clusters):
    """"Deirdre", "Zachary": a one-word name the tagger took for a body or a place that is a
    common given name, and neither a known place nor a dictionary word, is a person."""
    from .gazetteer import is_place_name

    known_orgs = _known_organization_keys()
    places = [(m.start, m.end) for c in clusters if _kind(c) == "place" for m in c.mentions]
    for c in clusters:
        if _kind(c) == "person" or c.forced_kind or any(len(m.words) != 1 for m in c.mentions):
            continue
        # (not one in a list of places, "Madrid, Carmen, Lanuza", nor after "in")
        if any(_after_locative(m) or any(0 < m.start - b <= 6 or 0 < a - m.end <= 6 for a, b in places
                                         if (a, b) != (m.start, m.end)) for m in c.mentions):
            continue
        word = c.mentions[0].text
        if is_common_given_name(word) and not is_place_name(word) and name_key(word) not in known_orgs \
                and not _ACRONYM.match(word) and word.lower() not in dictionary_words():
            c.forced_kind = "person"


def drop_families(clusters):
    """"The Turpins" beside David and Louise Turpin, "the Shinawatra family": a family, not an organization or a place;
    "Kelly and Baroni" beside Bridget Anne Kelly and William Baroni, "Trump-Pence" beside Donald Trump and Mike
    Pence: two people, not a body."""
    surnames = {name_key(m.text).split()[-1] for c in clusters if _kind(c) == "person"
                for m in c.mentions if len(m.words) >= 2}
    people = {name_key(m.text) for c in clusters if _kind(c) == "person" for m in c.mentions} | surnames
    out = []
    for c in clusters:
        forms = {name_key(m.text) for m in c.mentions}
        if _kind(c) != "person" and all(len(f.split()) == 1 for f in forms) and any(
                f.endswith("s") and f[:-1] in surnames for f in forms):
            continue
        if _kind(c) != "person" and all(" and " in f and all(part in people for part in f.split(" and "))
                                        for f in forms):
            continue
        if _kind(c) != "person" and all(
                (after := _token_after(m)) is not None and after.lower_ in ("family", "dynasty", "clan")
                for m in c.mentions):
            continue  # "supporters of the Shinawatra family": a family
        if _kind(c) != "person" and all(len(m.words) == 1 and len(m.text.split("-")) == 2
                                        and all(name_key(part) in surnames for part in m.text.split("-"))
                                        for m in c.mentions):
            continue  # "the Trump-Pence campaign", "Hammons-Bodenstab": two people's ticket, no body or place
        out.append(c)
    return out


_LIST_GAP = re.compile(r",\s*(?:[A-Z][\w'’-]*,\s*)*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def list_kinds(analysis, clusters):
    """"Carrascal, Cantilan, Madrid, Carmen and Cortes": a one-word name in a list of places is a place.

    The tagger judges each name of a list alone; a list names things of one
    kind, so when most of a list of three or more are places, a bare
    one-word name in it taken for an organization is a place too, and one the
    tagger took for a place stays one though no gazetteer knows it.
    """
    text = analysis.text
    known_orgs = _known_organization_keys()
    generic = rules.word_set("names", "organization_words") | rules.word_set("names", "joinable_organizations")
    ordered = sorted(((m, c) for c in clusters for m in c.mentions), key=lambda item: item[0].start)
    runs, run = [], []
    for m, c in ordered:
        if run and m.start >= run[-1][0].end and _LIST_GAP.fullmatch(text[run[-1][0].end:m.start]):
            run.append((m, c))
            continue
        runs.append(run)
        run = [(m, c)]
    runs.append(run)
    for run in runs:
        # (a doubtful name counts for neither side: "Carmen" and "Cortes" beside "Madrid")
        sure = [c for _, c in run if not c.doubtful]
        if len(run) < 3 or sum(_kind(c) == "place" for c in sure) * 2 <= len(sure):
            continue
        for m, c in run:
            words = _fullest(c).split()
            if _kind(c) == "organization" and len(words) == 1 and words[0].lower() not in generic \
                    and name_key(words[0]) not in known_orgs and not _ACRONYM.match(words[0]):
                c.forced_kind = "place"
            # (the list's places stay places though no gazetteer knows them: "Cantilan")
            elif len(words) == 1 and (_kind(c) == "place" or c.doubtful):
                c.forced_kind, c.doubtful = "place", False


#: what puts a name in a place: "in Tumkuru", "on Boracay", "flooding over Coron"
_PLACE_PREPOSITIONS = _LOCATIVE | {"on", "over"}


def drop_unplaced_names(clusters):
    """"corals such as Porites", "Vibrio bacteria", "Ubisoft showed": a one-word name the tagger took for a
    place, which no gazetteer knows and no mention puts after a preposition of place ("in", "at", "from" …),
    is no place the article names (a genus, a product, a company).

    Names a rule made places stay ("Carrascal, Cantilan, Madrid", "the town of Yeoncheon", "tourist
    attractions, such as Boracay and Coron").
    """
    from .gazetteer import is_place_name

    kept = []
    for c in clusters:
        words = _fullest(c).split()
        if _kind(c) == "place" and c.forced_kind is None and len(words) == 1 and all(len(m.words) == 1 for m in c.mentions) \
                and not any(m.placed for m in c.mentions) \
                and not is_place_name(words[0]) and not any(_after_place_preposition(m) or _before_its_country(m)
                                                            for m in c.mentions):
            continue  # (not "on Boracay", "in the Nile-Delta", "Thesprotia, Greece")
        kept.append(c)
    return kept


def drop_modifier_names(clusters):
    """"the TurkStream gas pipeline", "Hellboy character Abe Sapien", "Pocillopora damicornis": a one-word name
    the tagger took for a body, written once and only to describe the common noun after it, names a thing,
    a work or a species, not a body ("Al-Qaeda suicide attack", "a GoFundMe campaign", "Marvel film" stay: a
    well-known body's name, or a noun that a body's name describes). A known place so written is a place
    ("a 36-year-old Cheltenham man")."""
    from .gazetteer import is_place_name

    known_orgs = _known_organization_keys()
    keeps = rules.word_set("names", "organization_words") | rules.word_set("names", "body_words") \
        | rules.word_set("roles", "heads") | _BODY_DESCRIBED
    kept = []
    for c in clusters:
        if _kind(c) == "organization" and c.forced_kind is None and len(c.mentions) == 1:
            m = c.mentions[0]
            tok, nxt = _token_of(m), _token_after(m)
            if len(m.words) == 1 and tok is not None and nxt is not None and nxt.is_lower and nxt.pos_ == "NOUN" \
                    and tok.dep_ in ("compound", "nmod", "amod") and nxt.lower_ not in keeps \
                    and _singular_word(nxt.lower_) not in keeps and not m.after_body_noun \
                    and name_key(m.text) not in known_orgs and not _ACRONYM.match(m.text) \
                    and not _WEB_ADDRESS.search(m.text):
                if is_place_name(m.text):
                    c.forced_kind = "place"
                else:
                    continue
        kept.append(c)
    return kept


# Nouns a body's name describes ("a GoFundMe campaign", "the Monmouth poll", "Vox website")
_BODY_DESCRIBED = {"campaign", "poll", "polls", "survey", "website", "site", "television", "radio", "film", "films",
                   "show", "news", "podcast", "blog", "account", "page", "channel", "video", "post", "statement",
                   "report", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "employee",
                   "employees", "staff", "member", "members", "headquarters", "store", "stores", "shares", "app"}


def drop_products(clusters):
    """"Red Hat Enterprise Linux", "Mozilla Firefox", "Boeing B-17 Flying Fortress": a body's name (named in
    the article or well known) followed by words that name no body, branch or place is its product, not an
    organization ("BBC Sport", "CNN Philippines", "Constitution Party of Idaho", "HDT Limited" stay)."""
    from .gazetteer import is_place_name

    body_words = rules.word_set("names", "organization_words") | rules.word_set("names", "body_words") \
        | rules.word_set("names", "generic_bodies") | rules.word_set("names", "joinable_organizations") \
        | {"sport", "sports", "limited", "ltd", "inc", "of", "for", "and", "collections", "collection"}
    # (a maker is a well-known body or one the article names, not a common word: "United" + "Nations")
    bodies = {name_key(m.text) for c in clusters if _kind(c) == "organization" for m in c.mentions
              if m.text.lower() not in dictionary_words()} | _known_organization_keys()
    kept = []
    for c in clusters:
        if _kind(c) != "organization" or _votes(c)["person"]:
            kept.append(c)
            continue
        words = _fullest(c).split()
        maker = next((k for k in range(1, len(words)) if name_key(" ".join(words[:k])) in bodies), None)
        # (a cluster that also names the maker alone is the maker: "United Nations" beside "United Nations
        # Educational", the tagger's cut of UNESCO's name)
        if maker is not None and name_key(" ".join(words[:maker])) in {name_key(m.text) for m in c.mentions}:
            maker = None
        if maker is not None and not any(
                re.sub(r"['’]s?$", "", w.lower()) in body_words or is_place_name(w) or re.search(r"['’]s?$", w)
                or re.fullmatch(r"(?:[A-Z]\.)+|[A-Z]+/[A-Z]+|[A-Z]{1,2}", w)  # a legal form: "Cipriani S.A.", "… A/S"
                for w in words[maker:]) and not is_place_name(" ".join(words[maker:])):
            continue
        kept.append(c)
    return kept


def _kind(c):
    """A cluster's kind as things stand: forced, or the tagger's vote."""
    votes = _votes(c)
    return c.forced_kind or max(votes, key=lambda k: (votes[k], k == "person"))


_RESULT = re.compile(r"\b\d{1,3}(?: points)?(?: ?[–-] ?| to )\d{1,3}\b")
_RESULT_VERBS = {"defeat", "beat", "knock", "lose", "draw", "edge", "thrash", "overcome", "trounce", "down", "win",
                 "victory"}


def _side_in_result(mention):
    """The name is a side in a game's result: the subject or object of "defeated", "beat", "lost to" in a
    sentence that gives the score."""
    tok = _token_of(mention)
    text = mention.sentence.span.text if tok is not None else ""
    if not _RESULT.search(text) or rules.holds_word(text, "figures", "election_words"):
        return False  # (not "Biden won the county 60-40 in the primary")
    while tok.dep_ == "compound" and tok.head.i > tok.i:
        tok = tok.head
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    return tok.dep_ in ("nsubj", "dobj", "pobj") and verb.lemma_.lower() in _RESULT_VERBS


#: head words of names that are neither bodies nor people nor places
_NOT_BODY_HEADS = {"study", "studies", "telescope", "linux"}


def _before_not_body_head(mention):
    """A lower-case "study" or "(space) telescope" follows the name."""
    nxt = _token_after(mention)
    if nxt is not None and nxt.lower_ == "space" and nxt.i + 1 < len(nxt.doc):
        nxt = nxt.doc[nxt.i + 1]
    return nxt is not None and nxt.text.islower() and nxt.lower_ in _NOT_BODY_HEADS


def _before_its_country(mention):
    """"Auckland, New Zealand": a comma and a country or region follow the name."""
    from .gazetteer import is_country_or_region

    sent = mention.sentence
    rest = doc_text(sent.span.doc)[mention.end - sent.offset:] if sent is not None else ""
    found = re.match(r", ((?:[A-Z][\w.'’-]* ?){1,3})", rest)
    return bool(found) and any(is_country_or_region(" ".join(found.group(1).split()[:n])) for n in (1, 2, 3))


_PLACE_NOUNS = {"city", "town", "village", "province", "county", "region", "district", "island", "islands",
                "municipality", "prefecture", "suburb", "capital", "hamlet", "township"}


def _after_place_noun_of(mention):
    """"the town of Yeoncheon", "the city of Kyiv": a word for a place and "of" stand before the name."""
    return _after_word(mention, ("of",)) and _after_word(mention, _PLACE_NOUNS, gap=1)


def _token_of(mention):
    sent = mention.sentence
    return None if sent is None else sent.token_at(mention.start)


def _person_evidence(mention):
    """A title, honorific, age or reporting verb marks a one-word name as a person's."""
    if mention.honorific:
        return True
    tok = _token_of(mention)
    if tok is None:
        return False
    doc = tok.doc
    if tok.i > 0:
        prev = doc[tok.i - 1]
        if _is_role_word(prev, rules.word_set("roles", "heads")) or prev.lower_ in rules.word_set("roles", "honorifics"):
            return True
        if prev.lower_ in ("named", "called") and prev.dep_ == "acl" and prev.head.pos_ == "NOUN" and (
                _is_role_word(prev.head, rules.word_set("roles", "heads")) or prev.head.lemma_ in _PERSON_NOUNS):
            return True  # "a university student named Wong", not "a drug called Ecstasy"
        if prev.lower_ in ("pseudonym", "pseudonyms", "alias"):
            return True  # "a protester using the pseudonym Katya"
    last = _last_token_of(mention) or tok
    if last.dep_ == "nsubj" and last.head.lemma_.lower() in rules.word_set("speech", "verbs"):
        from .gazetteer import is_country_or_region

        # ("Malawi confirmed its first infections": a country speaks through its government)
        return not is_country_or_region(mention.text) or is_given_name(mention.text)
    if last.i + 2 < len(doc) and doc[last.i + 1].text == "," and doc[last.i + 2].like_num:
        return True
    if last.i + 1 < len(doc) and doc[last.i + 1].text in _LEADERS_NOUNS:
        return True  # "the Obama administration": a leader's term is named after them, not after a town
    return False


#: nouns a leader's surname goes before
_LEADERS_NOUNS = {"administration", "presidency", "premiership"}

_PERSON_NOUNS = {"man", "woman", "boy", "girl", "person", "child", "resident", "student", "friend", "neighbour",
                 "neighbor", "teenager", "youth", "worker", "passenger", "witness", "victim", "protester"}


def _common_word(c):
    """A capitalised word that opens each sentence it is in and is a common word, not a name.

    The word is a common noun to the parser, or the article also writes it in
    lower case ("The guardrail was damaged").
    """
    toks = [_token_of(m) for m in c.mentions]
    if not toks or any(t is None for t in toks):
        return False
    for tok in toks:
        start = tok.is_sent_start or (tok.i > 0 and tok.doc[tok.i - 1].text in ('"', "“", "‘", "'", "(", "—"))
        if not start:
            return False
    word = toks[0].text
    if any(t.pos_ in ("NOUN", "NUM", "ADJ", "ADV", "VERB") for t in toks):
        return True
    lower = word.lower()
    stems = {lower, lower[:-1] if lower.endswith("s") else lower + "s"}
    text = doc_text(toks[0].doc)
    return any(_written(w, text) for w in stems)


def _apposition_start(mention, marks=(",",)):
    """The token after ", a"/", the" right after the name (an apposition's first word), or None."""
    mark = _token_after(mention)
    if mark is None or mark.text not in marks:
        return None
    doc, k = mark.doc, mark.i
    if k + 2 >= len(doc) or doc[k + 1].lower_ not in ("a", "an", "the"):
        return None
    return doc[k + 2]


def _role_apposition(mention):
    """The name is followed by a person's role in apposition ("Jasim Uddin, a spokesperson for …")."""
    start = _apposition_start(mention)
    if start is None:
        return False
    doc, k = start.doc, start.i - 2
    first = _token_of(mention)
    if first is not None and first.i > 0 and first.doc[first.i - 1].lower_ in ("of", "at", "from"):
        return False  # "Dr. Tristan Smith of University College London, a shipping researcher": the role is Smith's
    heads = rules.word_set("roles", "heads")
    for j in range(k + 2, min(len(doc), k + 5)):
        if doc[j].is_punct or doc[j].lower_ in ("of", "for", "at", "in"):
            break
        if doc[j].pos_ == "NOUN" and _is_role_word(doc[j], heads) \
                and doc[j].lower_ not in rules.word_set("names", "group_role_words"):
            return True
    return False


def _body_apposition(mention):
    """The name is followed by a noun for a body in apposition ("Milltech Marine, a firm specialising in AIS",
    "LiveLeak — a video-sharing platform")."""
    start = _apposition_start(mention, marks=(",", "—", "–"))
    if start is None:
        return False
    doc, k = start.doc, start.i - 2
    nouns = rules.word_set("names", "apposed_body_nouns")
    for j in range(k + 2, min(len(doc), k + 7)):
        if doc[j].text == "-":
            continue  # "a video-sharing platform"
        if doc[j].is_punct or doc[j].pos_ in ("ADP", "VERB"):
            break
        if doc[j].pos_ == "NOUN" and (j + 1 >= len(doc) or doc[j + 1].pos_ not in ("NOUN", "PROPN")
                                      and doc[j + 1].text != "-"):
            return doc[j].lower_ in nouns  # the head of the phrase: "a software company", not "a firm believer"
    return False


def _after_title(mention):
    """A person's title or honorific right before the name ("Judge", "wife", "Mr")."""
    tok = _token_of(mention)
    if tok is None or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return (_is_role_word(prev, rules.word_set("roles", "heads")) or prev.lower_ in rules.word_set("roles", "honorifics")) \
        and prev.pos_ in ("NOUN", "PROPN") and prev.ent_type_ not in ("ORG", "GPE")


def _after_saint(mention):
    """"Saint Francis Hospital": a saint's name, not a titled person."""
    tok = _token_of(mention)
    return tok is not None and tok.i > 0 and tok.nbor(-1).lower_ in ("st", "st.", "saint", "san", "santa", "sainte")


_PLACE_VERBS = {"enter", "capture", "seize", "reach", "shell", "bomb", "liberate", "occupy", "besiege", "invade",
                "evacuate", "recapture", "overrun"}


def _object_of_place_verb(mention):
    """"entered Tell Tamer and Ain Issa", "seized Raqqa": the object of a verb of taking or reaching a place."""
    tok, last = _token_of(mention), _last_token_of(mention)
    if tok is None or last is None:
        return False
    for word in tok.doc[tok.i:last.i + 1]:
        # (through names only: "enter a new NATO style trade pact" is no place)
        while word.dep_ in ("conj", "compound", "flat", "dobj") and word.head.pos_ == "PROPN" and word.head is not word:
            word = word.head
        if word.dep_ == "dobj" and word.head.lemma_.lower() in _PLACE_VERBS:
            return True
    return False


def _after_preposition(mention, prepositions):
    """"near the White House", "with the White House": one of ``prepositions``, perhaps then "the", before the name."""
    return _after_word(mention, prepositions) \
        or (_after_word(mention, ("the",)) and _after_word(mention, prepositions, gap=1))


def _after_place_preposition(mention):
    """"in Carrascal", "near the White House": a preposition of place before the name."""
    return _after_preposition(mention, _PLACE_PREPOSITIONS)


def _acts(mention):
    """"the White House released a summary", "raising it with the White House": the name says or decides
    something, or is the one dealt "with", as a body is (not "the Hotel Arpit Palace caught fire")."""
    tok = _token_of(mention)
    if tok is None:
        return False
    last = _last_token_of(mention) or tok
    verb = last.head
    return (last.dep_ == "nsubj" and verb.pos_ == "VERB"
            and (verb.lemma_.lower() in rules.word_set("speech", "verbs") or verb.lemma_.lower() in _OFFICE_VERBS)) \
        or _after_preposition(mention, ("with",))


def _after_locative(mention, strict=False):
    """"in Carrascal": after a preposition of place (strictly: in, near, outside, from)."""
    return _after_word(mention, {"in", "near", "outside", "from", "around", "across"} if strict else _LOCATIVE)


def _after_word(mention, words, gap=0):
    """True when the word right before ``mention`` (or ``gap`` words further back) is one of ``words``."""
    tok = _token_of(mention)
    return tok is not None and tok.i > gap and tok.doc[tok.i - 1 - gap].lower_ in words


def _possessive_after(mention):
    """"Ain Issa's": a possessive follows the name."""
    nxt = _token_after(mention)
    return nxt is not None and nxt.text in ("'s", "’s", "'", "’")


def _token_after(mention):
    """The token right after ``mention``, or None."""
    last = _last_token_of(mention)
    return last.doc[last.i + 1] if last is not None and last.i + 1 < len(last.doc) else None


def _last_token_of(mention):
    """The mention's last token (not its first plus its word count: "Nagorno-Karabakh" is three tokens)."""
    sent = mention.sentence
    return None if sent is None else sent.token_at(mention.end - 1)


def _before_region_word(mention, lower=False):
    """"the Chelyabinsk region", "Chelyabinsk regional governor": a place's name before a word for its area
    (with ``lower``, one written in small letters: not "Islamic State")."""
    nxt = _token_after(mention)
    return nxt is not None and nxt.lower_ in rules.word_set("names", "region_words") \
        and not (lower and not nxt.text.islower())


def _after_capital_the(mention):
    """True for "The Atlantic" written with its "The" inside a sentence (the magazine, not the ocean)."""
    if mention.text.startswith("The "):
        return True
    tok = _token_of(mention)
    return tok is not None and tok.i > 0 and tok.nbor(-1).text == "The" and not tok.nbor(-1).is_sent_start


# Last words of buildings that stand for the office in them ("the White House said", "Kensington Palace announced")
_SEATS = {"house", "palace"}
# What an office does besides speaking ("the White House released a summary")
_OFFICE_VERBS = {"release", "issue", "publish", "order", "refuse", "decline", "reject", "approve", "oppose", "support",
                 "request", "demand", "seek", "want", "plan", "sign", "decide", "send", "ask"}

_TITLE_BODIES = {"senate", "assembly", "army", "navy", "congress", "parliament", "house", "police", "cabinet"}


def _before_role_word(mention):
    """"Senate minority leader", "Army colonel": a role word follows, after at most one
    lower-case modifier."""
    nxt = _token_after(mention)
    heads = rules.word_set("roles", "heads")
    modifiers = rules.word_set("roles", "modifiers")
    for _ in range(2):
        # ("The Senate Minority Leader": a capitalised title's words too)
        if nxt is None or not (nxt.text.islower() or nxt.lower_ in heads or nxt.lower_ in modifiers):
            return False
        if _is_role_word(nxt, heads):
            return True
        nxt = nxt.nbor(1) if nxt.i + 1 < len(nxt.doc) else None
    return False


def _before_event_word(mention):
    """"Labour Day": a capitalised word for an event follows."""
    nxt = _token_after(mention)
    return nxt is not None and nxt.is_title and nxt.lower_ in rules.word_set("names", "event_words")


# One-word names of parties, which articles often use only in a member's title ("Labour MP")
_PARTY_WORDS = {word.lower() for word in _PARTY_ADJECTIVES} | {"labor", "tory", "green", "snp", "ukip", "likud", "fidesz"}


def _before_place_word(mention):
    """"left Mysore Junction railway station", "reached KSR Bangalore station": a name before a
    lower-case word for a kind of place names that place."""
    nxt = _token_after(mention)
    if nxt is not None and nxt.lower_ == "railway" and nxt.i + 1 < len(nxt.doc):
        nxt = nxt.nbor(1)
    return nxt is not None and nxt.text.islower() and nxt.lower_ in rules.word_set("names", "place_after_words")


def _model_number_follows(mention):
    nxt = _token_after(mention)
    return nxt is not None and nxt.like_num and not nxt.text.isalpha()


def _is_adjective_use(mention):
    """A nationality or adjective used before a noun ("Tongan officials")."""
    tok, nxt = _token_of(mention), _token_after(mention)
    return tok is not None and (tok.pos_ == "ADJ" or mention.text.lower().endswith(("an", "ese", "ish", "ian"))) \
        and nxt is not None and nxt.pos_ == "NOUN" and nxt.text[:1].islower() and len(mention.words) == 1


# ---------------------------------------------------------------------------
# 3. further occurrences of known names

def add_unlabelled_mentions(analysis, clusters, mentions):
    """Register occurrences of known names and surnames that spaCy did not tag."""
    taken = sorted((m.start, m.end) for m in mentions)
    forms = []
    for c in clusters:
        texts = {m.text for m in c.mentions}
        for m in c.mentions:
            words = m.text.split()
            if m.label == "person" and len(words) >= 2:
                texts.add(words[-1])
        for text in texts:
            if len(text) >= 2 and text[0].isupper():
                forms.append((text, c))
    forms.sort(key=lambda f: -len(f[0]))
    added = []
    for text, c in forms:
        for s, e in analysis.paragraphs:
            for a, b in _whole_word_matches(analysis.text, text, s, e):
                if _overlaps(taken, a, b):
                    continue
                sent = analysis.sentence_at(a)
                m = Mention(a, b, text, c.mentions[0].label, sent, tagged=False)
                c.add(m)
                added.append(m)
                _insert(taken, a, b)
    return mentions + added


def _whole_word_matches(text, form, start, end):
    """``(start, end)`` of each occurrence of ``form`` in ``text[start:end]`` that is a whole word.

    No word character or dot may come before it, and no word character or dot
    plus word character ("U.S" in "U.S.A") after it.  ``str.find`` rather than
    a regular expression: an article has hundreds of forms, each compiled once.
    """
    def word(c):
        return c.isalnum() or c == "_"

    at = text.find(form, start, end)
    while at >= 0:
        after = at + len(form)
        clear_before = at == 0 or not (word(text[at - 1]) or text[at - 1] == ".")
        clear_after = after >= end or not (word(text[after]) or (
            text[after] == "." and after + 1 < end and word(text[after + 1])))
        if clear_before and clear_after:
            yield at, after
            at = text.find(form, after, end)
        else:
            at = text.find(form, at + 1, end)


def _overlaps(spans, a, b):
    import bisect

    i = bisect.bisect_left(spans, (a, b))
    for j in (i - 1, i):
        if 0 <= j < len(spans):
            s, e = spans[j]
            if s < b and a < e:
                return True
    return False


def _insert(spans, a, b):
    import bisect

    bisect.insort(spans, (a, b))


# ---------------------------------------------------------------------------
# 4. kind, name, aliases, ids

_SOVEREIGN_TITLES = {"King", "Queen", "Prince", "Princess", "Emperor", "Empress", "Pope", "Sultan", "Sheikh", "Emir"}


def finish(clusters):
    """Decide each cluster's kind, display name, aliases and id."""
    taken = set()
    for c in sorted(clusters, key=lambda c: c.first):
        votes = _votes(c)
        multiword_person = any(m.label == "person" and m.tagged and len(m.words) >= 2 for m in c.mentions)
        if c.forced_kind:
            c.kind = c.forced_kind
        elif multiword_person:
            c.kind = "person"
        else:
            best = max(votes.values())
            for kind in ("person", "organization", "place"):
                if votes[kind] == best:
                    c.kind = kind
                    break
            if best == 0:
                c.kind = c.mentions[0].label
        c.name = _fullest(c)
        names = []

        def add(form):
            if form and form != c.name and form not in names and name_key(form) != name_key(c.name):
                names.append(form)

        for m in sorted(c.mentions, key=lambda m: m.start):
            add(m.text)
            add(f"{m.honorific} {m.text}" if m.honorific else None)
        # "Queen Elizabeth II", "Pope Francis": a sovereign's or pontiff's title is part of the name people use
        if c.kind == "person":
            for m in c.mentions:
                tok = _token_of(m)
                if tok is not None and tok.i > 0 and tok.doc[tok.i - 1].text in _SOVEREIGN_TITLES:
                    add(f"{tok.doc[tok.i - 1].text} {m.text}")
        # a surname used alone is an alias even when spaCy never tagged it alone
        if c.kind == "person":
            words = c.name.split()
            if len(words) >= 2 and any(m.text == words[-1] for m in c.mentions) and words[-1] not in names:
                names.append(words[-1])
        c.aliases = names
        c.mentions.sort(key=lambda m: m.start)
        for m in c.mentions:
            m.label = c.kind
        c.id = unique_slug(slugify(c.name, fallback="entity"), taken)


def _fullest(c):
    """The fullest form: most words, then accents kept ("Jarosław Kaczyński" over a headline's
    "Jaroslaw Kaczynski"), then most often used, then first seen."""
    counts = Counter(m.text for m in c.mentions)
    first_seen = {}
    for m in sorted(c.mentions, key=lambda m: m.start):
        first_seen.setdefault(m.text, m.start)
    birth = {m.text for m in c.mentions if m.birth_name}
    candidates = [t for t in counts if not _ACRONYM.match(t) and t not in birth] or list(counts)
    fullest = max(candidates, key=lambda t: (len(t.split()), sum(not ch.isascii() for ch in t), counts[t], -first_seen[t]))
    # a country goes by its short name ("Iran", not "Islamic Republic of Iran"), the same on every page
    from .gazetteer import short_country_name

    short = short_country_name(fullest)
    return next((t for t in candidates if name_key(t) == name_key(short)), fullest) if short else fullest
