"""Re-extraction that respects hand edits.

When an article is extracted again (``--force``, or the article changed) and
its fact file already exists, the new record is merged into the file as the
person left it, never over it:

- facts with ``status: reviewed`` or ``rejected``, and facts with
  ``origin: manual``, are kept exactly as they are (a rejected fact is not
  proposed again: the new extraction's fact with the same id is dropped);
- a draft fact the new extraction finds again (same id) keeps the person's
  node, so edits made without marking it reviewed survive, with its evidence
  offsets refreshed when the article moved;
- other draft facts are replaced by the new extraction;
- entities keep the person's version when the id matches; entities a kept
  fact refers to are kept;
- ``article:`` keeps values the person set; ``sha256`` always follows the file.

The file is rewritten with ruamel.yaml's round-trip mode, so comments, key
order and formatting survive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .records import HEADER, dump_record, dump_yaml, load_roundtrip, record_to_dict

PROTECTED_STATUSES = ("reviewed", "rejected")


@dataclass
class MergeSummary:
    """What a merge did, for ``--dry-run`` and progress output."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def line(self):
        return (f"{len(self.added)} added, {len(self.replaced)} replaced, {len(self.removed)} removed, "
                f"{len(self.kept)} kept")


def is_protected(fact):
    """True for a fact the person owns: reviewed, rejected or manual."""
    return fact.get("status") in PROTECTED_STATUSES or fact.get("origin") == "manual"


def _to_node(data):
    """Plain data as ruamel nodes, so new entries format like the rest."""
    if isinstance(data, dict):
        node = CommentedMap()
        for key, value in data.items():
            node[key] = _to_node(value)
        return node
    if isinstance(data, list):
        seq = CommentedSeq(_to_node(v) for v in data)
        if all(not isinstance(v, (dict, list)) for v in data):
            seq.fa.set_block_style()
        return seq
    return data


def merge_text(existing_text, record):
    """Merge ``record`` into the fact file text ``existing_text``; return ``(text, summary)``.

    ``existing_text`` must already have passed validation (it is parsed with
    the round-trip loader, which keeps comments).
    """
    doc = load_roundtrip(existing_text)
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
    new = record_to_dict(record)
    summary = MergeSummary()

    old_facts = list(doc.get("facts") or [])
    new_by_id = {f["id"]: f for f in new["facts"]}
    protected_ids = {f.get("id") for f in old_facts if is_protected(f)}
    old_ids = {f.get("id") for f in old_facts}

    merged_facts = CommentedSeq()
    for old in old_facts:
        fid = old.get("id")
        if is_protected(old):
            merged_facts.append(old)
            summary.kept.append(fid)
        elif fid in new_by_id:
            fresh = new_by_id[fid]
            if "evidence" in fresh and isinstance(old.get("evidence"), dict):
                for key in ("sentence", "start", "end"):
                    old["evidence"][key] = fresh["evidence"][key]
            merged_facts.append(old)
            summary.kept.append(fid)
        else:
            summary.removed.append(fid)
    for fact in new["facts"]:
        if fact["id"] in old_ids or fact["id"] in protected_ids:
            continue
        merged_facts.append(_to_node(fact))
        summary.added.append(fact["id"])
    # a draft replaced by a different fact reads better as "replaced" than removed + added
    pairs = min(len(summary.removed), len(summary.added))
    summary.replaced = summary.added[:pairs]
    summary.added = summary.added[pairs:]
    summary.removed = summary.removed[pairs:]

    referenced = set()
    for fact in merged_facts:
        if is_protected(fact):
            if fact.get("speaker"):
                referenced.add(fact["speaker"])
            referenced.update(fact.get("about") or [])
    old_entities = {e.get("id"): e for e in (doc.get("entities") or []) if isinstance(e, dict)}
    merged_entities = CommentedSeq()
    new_entity_ids = set()
    for ent in new["entities"]:
        new_entity_ids.add(ent["id"])
        merged_entities.append(old_entities.get(ent["id"]) or _to_node(ent))
    for eid, ent in old_entities.items():
        if eid not in new_entity_ids and eid in referenced:
            merged_entities.append(ent)

    article = doc.get("article")
    if not isinstance(article, CommentedMap):
        article = CommentedMap()
    for key, value in new["article"].items():
        if key == "sha256" or key not in article or article.get(key) in (None, ""):
            article[key] = value

    doc["schema"] = new["schema"]
    doc["article"] = article
    doc["entities"] = merged_entities
    doc["facts"] = merged_facts
    header = "" if existing_text.lstrip().startswith("#") else HEADER.format(source=record.article.source)
    return dump_yaml(doc, header), summary


def fresh_text(record):
    """The text of a new fact file (no previous edits to keep)."""
    return dump_record(record)
