"""The entity registry, ``content/entities.yaml``: fixes made once, applied everywhere.

Each entry names one entity across all articles::

    entities:
      - id: antonio-guterres
        name: António Guterres          # the name shown on the site
        kind: person                    # corrects the kind found by extraction
        aliases: [UN chief, Guterres]   # other names that mean this entity
        description: Secretary-General of the United Nations since 2017.
        links: [https://en.wikipedia.org/wiki/Ant%C3%B3nio_Guterres]
        hidden: false                   # true keeps it off the site

An entity found in an article becomes an entry when its id is the entry's id,
or its name is the entry's id, name or one of its aliases.  The other names
extraction gave it are not compared: they include surnames and titles
("Guterres" for a Maria Guterres, "U.S. President" for whoever held the
office), which different entities share, so only the entity's own name decides.

Extraction applies the registry to new records (:meth:`Registry.apply_to_index`)
and rendering applies it again to every record (:meth:`Registry.apply_to_record`),
so a fix made once holds in articles extracted before and after it.

:func:`entity_counts` and :func:`suggest_merges` back ``factsheet entities``:
the entities of the whole site with their counts, and the pairs that look like
one entity under two names.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import RecordError
from .paths import slugify
from .records import ENTITY_KINDS, ID_PATTERN, Entity, Problem, _Checker, _choose, load_yaml, read_text_file

REGISTRY_KEYS = ("id", "name", "kind", "aliases", "description", "links", "hidden")

#: words skipped when spelling out an acronym ("United Nations" -> UN, "Bank of England" -> BE)
_CONNECTORS = {"of", "the", "and", "for", "de", "du", "la", "le", "des", "on", "in", "at", "a", "an", "to"}


# letters NFKD leaves whole: "Jarosław Kaczyński" in the text is "Jaroslaw Kaczynski" in a headline
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})


@lru_cache(maxsize=65536)

def name_key(text):
    """Normalised form of a name for comparing ("U.N." == "UN", "António" == "antonio", "the" dropped)."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().translate(_UNDECOMPOSED)
    text = text.replace("’", "'")
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"\b([a-z])\.", r"\1", text)
    words = re.sub(r"[^\w]+", " ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass
class RegistryEntry:
    """One entity as the person describes it."""

    id: str
    name: str | None = None
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    links: list[str] = field(default_factory=list)
    hidden: bool = False

    @property
    def forms(self):
        """Every name this entry answers to: its id (as words), name and aliases."""
        return [self.id.replace("-", " "), *([self.name] if self.name else []), *self.aliases]


@dataclass
class Registry:
    """All entries, with a lookup from every name form to its entry."""

    entries: list[RegistryEntry] = field(default_factory=list)
    path: str | None = None
    #: advice found while loading (not errors), as :class:`~factsheet.records.Problem`
    warnings: list = field(default_factory=list)

    def __post_init__(self):
        self._by_key = {}
        self._by_id = {}
        for entry in self.entries:
            self._by_id[entry.id] = entry
            for form in entry.forms:
                self._by_key.setdefault(name_key(form), entry)

    @property
    def ids(self):
        """The ids of all entries (valid as ``speaker``/``about`` in any fact file)."""
        return set(self._by_id)

    def get(self, entity_id):
        """The entry with ``entity_id``, or None."""
        return self._by_id.get(entity_id)

    def lookup(self, entity_id, name):
        """The entry an extracted entity belongs to (by its id, else its name), or None.

        :param entity_id: the entity's id in its article
        :param name: its name in its article
        """
        if entity_id in self._by_id:
            return self._by_id[entity_id]
        return self._by_key.get(name_key(name)) if name else None

    def apply_to_index(self, index):
        """Rename, re-kind and merge the clusters of an extraction's ``EntityIndex`` (in place).

        Runs before facts are built, so speakers and ``about`` lists get the
        registry's ids directly.
        """
        by_id = {}
        for c in list(index.clusters):
            entry = self.lookup(c.id, c.name)
            if entry is None:
                by_id.setdefault(c.id, c)
                continue
            c.id, c.name, c.kind, c.aliases = _corrected(entry, c.name, c.kind, c.aliases)
            keep = by_id.get(c.id)
            if keep is not None and keep is not c:
                for m in list(c.mentions):
                    keep.add(m)
                keep.aliases = _names_but(keep.aliases + c.aliases + [c.name], keep.name)
                keep.roles = list(dict.fromkeys(keep.roles + c.roles))
                c.mentions.clear()
                index.clusters.remove(c)
            else:
                by_id[c.id] = c
        for m in index.mentions:
            m.label = m.cluster.kind

    def apply_to_record(self, record):
        """Map a loaded record's entities onto registry entries (in place); return it.

        Entities that match one entry are merged into one, speakers and
        ``about`` lists follow the new ids, and an entry that a fact names
        directly (``speaker: antonio-guterres``) without the article listing
        it is added to the record's entities.
        """
        renamed = {}
        merged = {}
        for ent in record.entities:
            entry = self.lookup(ent.id, ent.name)
            if entry is None:
                merged.setdefault(ent.id, ent)
                continue
            renamed[ent.id] = entry.id
            ent.id, ent.name, ent.kind, ent.aliases = _corrected(entry, ent.name, ent.kind, ent.aliases)
            keep = merged.get(entry.id)
            if keep is not None:
                keep.aliases = _names_but(keep.aliases + ent.aliases + [ent.name], keep.name)
                keep.roles = list(dict.fromkeys(keep.roles + ent.roles))
            else:
                merged[entry.id] = ent
        for fact in record.facts:
            if fact.speaker in renamed:
                fact.speaker = renamed[fact.speaker]
            fact.about = list(dict.fromkeys(renamed.get(a, a) for a in fact.about))
            for ref in [fact.speaker, *fact.about]:
                entry = self._by_id.get(ref)
                if entry is not None and ref not in merged:
                    merged[ref] = Entity(id=entry.id, name=entry.name or entry.id.replace("-", " "),
                                         kind=entry.kind or "other", aliases=list(entry.aliases))
        record.entities = list(merged.values())
        return record


def _corrected(entry, name, kind, aliases):
    """``(id, name, kind, aliases)`` of an entity after the registry ``entry`` applied."""
    new_name = entry.name or name
    return entry.id, new_name, entry.kind or kind, _names_but([name, *aliases, *entry.aliases], new_name)


def _names_but(names, name):
    """``names`` without repeats (by normalised form) and without ``name`` itself."""
    seen = {name_key(name)}
    out = []
    for n in names:
        key = name_key(n)
        if n and key not in seen:
            seen.add(key)
            out.append(n)
    return out


# ---------------------------------------------------------------------------
# Loading and validation

def load_registry(path, display=None):
    """Read and validate ``content/entities.yaml``; an absent file is an empty registry.

    :param path: the file
    :param display: the name used in messages (default: ``path``)
    :raises RecordError: carrying every problem, when the file has errors
    """
    path = Path(path)
    display = display or str(path)
    if not path.is_file():
        return Registry(path=str(path))
    try:
        data, positions = load_yaml(read_text_file(path), display)
    except RecordError as exc:
        for problem in exc.problems:
            if problem.path == str(path):
                problem.path = display
        raise
    problems = validate_registry(data, positions, display)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise RecordError(f"{errors[0]}{more}", problems)
    entries = []
    for item in (data or {}).get("entities") or []:
        entries.append(RegistryEntry(id=item["id"], name=item.get("name"), kind=item.get("kind"),
                                     aliases=list(item.get("aliases") or []), description=item.get("description"),
                                     links=list(item.get("links") or []), hidden=bool(item.get("hidden", False))))
    return Registry(entries=entries, path=str(path), warnings=[p for p in problems if p.severity != "error"])


def validate_registry(data, positions, path):
    """Every problem in the registry data, as :class:`~factsheet.records.Problem` objects."""
    c = _Checker(path, positions)
    if data is None:
        return c.problems
    if not isinstance(data, dict):
        c.add((), "entities.yaml must be a mapping with an `entities:` list", "start the file with `entities:`")
        return c.problems
    for key in data:
        if key != "entities":
            c.add((key,), f"unknown key `{key}` in entities.yaml", "the file holds one list, `entities:`", at_key=True)
    items = data.get("entities") or []
    if not isinstance(items, list):
        c.add(("entities",), "`entities` must be a list", "write `entities: []` when empty")
        return c.problems
    seen_ids = set()
    #: name key -> (id, where) of the entry that claimed it first
    claimed = {}
    for i, item in enumerate(items):
        where = ("entities", i)
        if not isinstance(item, dict):
            c.add(where, "a registry entry must be a mapping with at least an id", "write `- id: some-name`")
            continue
        c.keys(item, where, REGISTRY_KEYS, ("id",), "registry entry")
        eid = item.get("id")
        if isinstance(eid, str):
            if not ID_PATTERN.match(eid) or slugify(eid) != eid:
                c.add(where + ("id",), f"registry id {eid!r} is not a slug", f"use `{slugify(eid)}`")
            elif eid in seen_ids:
                c.add(where + ("id",), f"duplicate registry id `{eid}`", "merge the two entries into one")
            seen_ids.add(eid)
        elif eid is not None:
            c.add(where + ("id",), "registry id must be text", "write a slug such as antonio-guterres")
        kind = item.get("kind")
        if kind is not None and kind not in ENTITY_KINDS:
            c.add(where + ("kind",), f"unknown entity kind {kind!r}", _choose(kind, ENTITY_KINDS))
        for key in ("name", "description"):
            c.string(item, key, where, "registry entry")
        aliases = c.string_list(item, "aliases", where, "registry entry")
        for j, link in enumerate(c.string_list(item, "links", where, "registry entry")):
            if not link.startswith(("http://", "https://")):
                c.add(where + ("links", j), f"link {link!r} is not an http(s) URL", "links must start with https://")
        hidden = item.get("hidden")
        if hidden is not None and not isinstance(hidden, bool):
            c.add(where + ("hidden",), "`hidden` must be true or false", "write `hidden: true`")
        if not isinstance(eid, str):
            continue
        # one name must mean one entry, or which entry an article's entity joins is a coin toss
        forms = [(eid.replace("-", " "), where + ("id",))]
        if isinstance(item.get("name"), str):
            forms.append((item["name"], where + ("name",)))
        forms += [(a, where + ("aliases", j)) for j, a in enumerate(item.get("aliases") or []) if a in aliases]
        for form, at in forms:
            key = name_key(form)
            owner = claimed.setdefault(key, eid)
            if owner != eid:
                c.add(at, f"the name {form!r} already belongs to entry `{owner}`",
                      "keep each name in one entry; merge the entries if they are one entity")
    return c.problems


# ---------------------------------------------------------------------------
# The site's entities, counted, and likely duplicates

@dataclass
class EntityCount:
    """One entity across the site (after the registry): its names and how often it appears."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    #: slugs of the articles that list it
    articles: list[str] = field(default_factory=list)
    #: facts (not rejected) it said or is about
    facts: int = 0
    hidden: bool = False
    in_registry: bool = False


@dataclass
class MergeSuggestion:
    """Entities that look like one: ``others`` could become aliases of ``keep``."""

    keep: EntityCount
    others: list[EntityCount]
    reasons: list[str]


def entity_counts(records, registry=None):
    """Every entity of ``records`` merged by id, with counts; most-mentioned first.

    :param records: :class:`~factsheet.records.FactRecord` objects; the
        registry is applied to them (in place) first
    :param registry: a :class:`Registry`, or None
    """
    counts = {}
    name_votes = defaultdict(lambda: defaultdict(int))
    for record in records:
        if registry is not None:
            registry.apply_to_record(record)
        for ent in record.entities:
            item = counts.get(ent.id)
            if item is None:
                item = counts[ent.id] = EntityCount(id=ent.id, name=ent.name, kind=ent.kind)
            name_votes[ent.id][(ent.name, ent.kind)] += 1
            item.aliases = _names_but(item.aliases + ent.aliases + [ent.name], "")
            if record.article.slug not in item.articles:
                item.articles.append(record.article.slug)
        for fact in record.facts:
            if fact.status == "rejected":
                continue
            for ref in dict.fromkeys([fact.speaker, *fact.about]):
                if ref in counts:
                    counts[ref].facts += 1
    for eid, item in counts.items():
        item.name, item.kind = max(name_votes[eid].items(), key=lambda kv: kv[1])[0]
        entry = registry.get(eid) if registry is not None else None
        if entry is not None:
            item.in_registry = True
            item.name = entry.name or item.name
            item.kind = entry.kind or item.kind
            item.hidden = entry.hidden
        item.aliases = _names_but(item.aliases, item.name)
    return sorted(counts.values(), key=lambda e: (-len(e.articles), -e.facts, e.name.casefold()))


def _initials(words):
    return "".join(w[0] for w in words if w not in _CONNECTORS)


def suggest_merges(entities):
    """Pairs that are probably one entity under two names, grouped by the entity to keep.

    The rules, in order: the same normalised name under two ids; a one-word
    person name that is the surname of exactly one longer person name
    ("Guterres" / "António Guterres"); a name that ends with a longer person
    name ("U.N. Secretary-General António Guterres" / "António Guterres"); an
    acronym that spells the initials of an organization or place ("UN" /
    "United Nations").  Hidden entities are left out.  The entity kept is the
    one in the registry, else the one with a full name, else the most mentioned.

    :param entities: :class:`EntityCount` objects, as from :func:`entity_counts`
    """
    live = [e for e in entities if not e.hidden]
    keys = {e.id: name_key(e.name) for e in live}
    words = {e.id: keys[e.id].split() for e in live}
    pairs = []  # (a, b, reason): b probably means a

    by_key = defaultdict(list)
    for e in live:
        by_key[keys[e.id]].append(e)
    for same in by_key.values():
        for other in same[1:]:
            pairs.append((same[0], other, f"same name {other.name!r}"))

    people = [e for e in live if e.kind == "person"]
    full = [e for e in people if len(words[e.id]) >= 2]
    by_surname = defaultdict(list)
    for e in full:
        by_surname[words[e.id][-1]].append(e)
    for e in people:
        if len(words[e.id]) == 1 and len(by_surname.get(words[e.id][0], [])) == 1:
            target = by_surname[words[e.id][0]][0]
            pairs.append((target, e, f"{e.name!r} is the surname of {target.name!r}"))
    for e in live:
        for target in full:
            w, t = words[e.id], words[target.id]
            if target is not e and len(w) > len(t) and w[-len(t):] == t:
                pairs.append((target, e, f"{e.name!r} ends with the name {target.name!r}"))

    for e in live:
        if e.kind == "person" or len(words[e.id]) != 1 or not 2 <= len(words[e.id][0]) <= 8:
            continue
        if not (e.name.replace(".", "").replace("&", "").isupper()):
            continue
        for target in live:
            t = words[target.id]
            if target is not e and target.kind != "person" and len(t) >= 2 and _initials(t) == words[e.id][0]:
                pairs.append((target, e, f"{e.name!r} is the acronym of {target.name!r}"))

    groups = {}
    order = []
    for a, b, reason in pairs:
        keep, other = _which_to_keep(a, b)
        if keep.id not in groups:
            groups[keep.id] = MergeSuggestion(keep=keep, others=[], reasons=[])
            order.append(keep.id)
        group = groups[keep.id]
        if other.id not in {o.id for o in group.others}:
            group.others.append(other)
            group.reasons.append(reason)
    # an entity suggested for two different targets is ambiguous: drop it from both
    targets = defaultdict(list)
    for gid in order:
        for other in groups[gid].others:
            targets[other.id].append(gid)
    for other_id, gids in targets.items():
        if len(gids) > 1:
            for gid in gids:
                group = groups[gid]
                kept = [(o, r) for o, r in zip(group.others, group.reasons) if o.id != other_id]
                group.others, group.reasons = [o for o, _ in kept], [r for _, r in kept]
    return [groups[g] for g in order if groups[g].others]


def _which_to_keep(a, b):
    """Of two names of one entity, which id to keep: the registry's, the fuller name, the most seen."""
    if a.in_registry != b.in_registry:
        return (a, b) if a.in_registry else (b, a)
    return a, b


def suggestions_yaml(suggestions, registry=None):
    """Registry entries that carry out ``suggestions``, as YAML to paste into ``content/entities.yaml``.

    Each entry is preceded by comments saying why.  An entity already in the
    registry is printed whole with the new aliases added, to replace its
    entry (pasting a second entry with the same id would be an error).
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from .records import dump_yaml

    items = CommentedSeq()
    for suggestion in suggestions:
        keep = suggestion.keep
        entry = registry.get(keep.id) if registry is not None else None
        item = CommentedMap(id=keep.id, name=entry.name if entry and entry.name else keep.name)
        if entry is not None and entry.kind:
            item["kind"] = entry.kind
        known = list(entry.aliases) if entry is not None else []
        # a name equal to the entry's own (bar case, accents, "the") needs no alias: it matches already
        aliases = _names_but(known + [o.name for o in suggestion.others], item["name"])
        if aliases:
            item["aliases"] = CommentedSeq(aliases)
            item["aliases"].fa.set_flow_style()
        if entry is not None:
            if entry.description:
                item["description"] = entry.description
            if entry.links:
                item["links"] = CommentedSeq(entry.links)
            if entry.hidden:
                item["hidden"] = True
        notes = [f"{reason} ({_count_text(other)}; {_count_text(keep)})"
                 for other, reason in zip(suggestion.others, suggestion.reasons)]
        if entry is not None:
            notes.append(f"replaces the entry `{keep.id}` already in entities.yaml")
        items.append(item)
        items.yaml_set_comment_before_after_key(len(items) - 1, before="\n".join(notes), indent=2)
    header = ("# Likely duplicates found by `factsheet entities`. Paste the entries you agree with\n"
              "# into content/entities.yaml (under `entities:`), then run `factsheet check`.\n")
    return dump_yaml({"entities": items}, header)


def _count_text(entity):
    n = len(entity.articles)
    return f"{entity.id}: {n} article{'s' if n != 1 else ''}"


__all__ = ["Registry", "RegistryEntry", "EntityCount", "MergeSuggestion", "load_registry", "validate_registry",
           "entity_counts", "suggest_merges", "suggestions_yaml", "name_key", "Problem"]
