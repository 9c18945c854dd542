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

An extracted entity whose id, name or one of whose aliases matches an entry's
id, name or aliases becomes that entry.  Extraction applies the registry to
new records and rendering applies it again to every record, so a fix made
once holds in articles extracted before and after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import RecordError
from .records import ENTITY_KINDS, ID_PATTERN, Problem, _Checker, load_yaml, read_text_file
from .paths import slugify

REGISTRY_KEYS = ("id", "name", "kind", "aliases", "description", "links", "hidden")


def _key(text):
    from .extract.entities import name_key

    return name_key(text)


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


@dataclass
class Registry:
    """All entries, with a lookup from every name form to its entry."""

    entries: list[RegistryEntry] = field(default_factory=list)
    path: str | None = None

    def __post_init__(self):
        self._by_key = {}
        self._by_id = {}
        for entry in self.entries:
            self._by_id[entry.id] = entry
            for form in [entry.id, entry.name, *entry.aliases]:
                if form:
                    self._by_key.setdefault(_key(form), entry)
                    self._by_key.setdefault(_key(form.replace("-", " ")), entry)

    @property
    def ids(self):
        return set(self._by_id)

    def get(self, entity_id):
        """The entry with ``entity_id``, or None."""
        return self._by_id.get(entity_id)

    def lookup(self, entity_id, names):
        """The entry matching an entity's id or any of its ``names``, or None."""
        if entity_id in self._by_id:
            return self._by_id[entity_id]
        for name in names:
            entry = self._by_key.get(_key(name))
            if entry is not None:
                return entry
        return None

    def apply_to_index(self, index):
        """Rename, re-kind and merge the clusters of an extraction's EntityIndex."""
        by_id = {}
        for c in list(index.clusters):
            entry = self.lookup(c.id, [c.name, *c.aliases, *(m.text for m in c.mentions)])
            if entry is None:
                by_id.setdefault(c.id, c)
                continue
            names = [c.name, *c.aliases]
            c.id = entry.id
            c.name = entry.name or c.name
            c.kind = entry.kind or c.kind
            c.aliases = [n for n in dict.fromkeys(names + list(entry.aliases)) if n != c.name]
            if c.id in by_id and by_id[c.id] is not c:
                keep = by_id[c.id]
                for m in c.mentions:
                    keep.add(m)
                keep.aliases = [n for n in dict.fromkeys(keep.aliases + c.aliases + [c.name]) if n != keep.name]
                keep.roles = list(dict.fromkeys(keep.roles + c.roles))
                c.mentions.clear()
                index.clusters.remove(c)
            else:
                by_id[c.id] = c
        for m in index.mentions:
            m.label = m.cluster.kind

    def apply_to_record(self, record):
        """Map a loaded record's entity ids onto registry ids (in place); return it."""
        renamed = {}
        merged = {}
        for ent in record.entities:
            entry = self.lookup(ent.id, [ent.name, *ent.aliases])
            if entry is None:
                merged.setdefault(ent.id, ent)
                continue
            renamed[ent.id] = entry.id
            names = [ent.name, *ent.aliases]
            ent.id = entry.id
            ent.name = entry.name or ent.name
            ent.kind = entry.kind or ent.kind
            ent.aliases = [n for n in dict.fromkeys(names + list(entry.aliases)) if n != ent.name]
            if entry.id in merged:
                keep = merged[entry.id]
                keep.aliases = [n for n in dict.fromkeys(keep.aliases + ent.aliases + [ent.name]) if n != keep.name]
                keep.roles = list(dict.fromkeys(keep.roles + ent.roles))
            else:
                merged[entry.id] = ent
        record.entities = list(merged.values())
        for fact in record.facts:
            if fact.speaker in renamed:
                fact.speaker = renamed[fact.speaker]
            fact.about = list(dict.fromkeys(renamed.get(a, a) for a in fact.about))
        return record


def load_registry(path):
    """Read and validate ``content/entities.yaml``; an absent file is an empty registry."""
    path = Path(path)
    if not path.is_file():
        return Registry(path=str(path))
    text = read_text_file(path)
    data, positions = load_yaml(text, path)
    problems = validate_registry(data, positions, path)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise RecordError(f"{errors[0]}{more}", problems)
    entries = []
    for item in (data or {}).get("entities") or []:
        entries.append(RegistryEntry(id=item["id"], name=item.get("name"), kind=item.get("kind"),
                                     aliases=list(item.get("aliases") or []), description=item.get("description"),
                                     links=list(item.get("links") or []), hidden=bool(item.get("hidden", False))))
    return Registry(entries=entries, path=str(path))


def validate_registry(data, positions, path):
    """Every problem in the registry data, as :class:`~factsheet.records.Problem` objects."""
    c = _Checker(path, positions)
    if data is None:
        return []
    if not isinstance(data, dict):
        c.add((), "entities.yaml must be a mapping with an `entities:` list", "see the README's editing section")
        return c.problems
    c.keys(data, (), ("entities",), (), "the registry")
    items = data.get("entities") or []
    if not isinstance(items, list):
        c.add(("entities",), "`entities` must be a list", "write `entities: []` when empty")
        return c.problems
    seen = set()
    for i, item in enumerate(items):
        where = ("entities", i)
        if not isinstance(item, dict):
            c.add(where, "a registry entry must be a mapping with at least an id", "see the README's editing section")
            continue
        c.keys(item, where, REGISTRY_KEYS, ("id",), "registry entry")
        eid = item.get("id")
        if isinstance(eid, str):
            if not ID_PATTERN.match(eid) or slugify(eid) != eid:
                c.add(where + ("id",), f"registry id {eid!r} is not a slug", f"use `{slugify(eid)}`")
            elif eid in seen:
                c.add(where + ("id",), f"duplicate registry id `{eid}`", "merge the two entries into one")
            seen.add(eid)
        elif eid is not None:
            c.add(where + ("id",), "registry id must be text", "write a slug such as antonio-guterres")
        kind = item.get("kind")
        if kind is not None and kind not in ENTITY_KINDS:
            c.add(where + ("kind",), f"unknown entity kind {kind!r}", f"use one of: {', '.join(ENTITY_KINDS)}")
        for key in ("name", "description"):
            c.string(item, key, where, "registry entry")
        c.string_list(item, "aliases", where, "registry entry")
        for j, link in enumerate(c.string_list(item, "links", where, "registry entry")):
            if not link.startswith(("http://", "https://")):
                c.add(where + ("links", j), f"link {link!r} is not an http(s) URL", "links must start with https://")
        hidden = item.get("hidden")
        if hidden is not None and not isinstance(hidden, bool):
            c.add(where + ("hidden",), "`hidden` must be true or false", "write `hidden: true`")
    return c.problems


__all__ = ["Registry", "RegistryEntry", "load_registry", "validate_registry", "Problem"]
