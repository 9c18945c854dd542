"""Re-extraction that respects hand edits.

When an article is extracted again (``--force``, or the article changed) and
its fact file already exists, the new record is merged into the file as the
person left it, never over it:

- facts with ``status: reviewed`` or ``rejected``, and facts with
  ``origin: manual``, are the person's: kept exactly as they are.  A new
  fact that is one of them (same id, or same kind, text and sentence) is
  dropped, so a rejected fact is never proposed again.  The one thing that
  may change in them is where their evidence sentence sits: when the article
  was edited and the sentence moved, ``start``/``end`` follow it (the
  sentence itself must be unchanged and found exactly once);
- draft facts are the tool's proposals: one found again (same id) is updated
  in place to the new extraction (keeping only a ``note`` the person added),
  one not found again is removed, and new facts are inserted where they
  fall in the article;
- entities are the tool's too: updated to the new extraction (a ``note``
  stays), added, or removed when no longer found and no fact names them.  An entity is fixed
  for good in ``content/entities.yaml``, which extraction applies first;
- ``article:`` keeps values the person set; ``sha256`` and ``source`` always follow the file
  (an article moved to another folder keeps its fact file, which then names where it is).

The file is rewritten with ruamel.yaml's round-trip mode, and nodes are
updated in place rather than rebuilt, so comments (including one sitting
between two facts when the fact above it goes), key order, quoting and
indentation survive.  Reading for every other purpose uses PyYAML's safe
loader (:mod:`factsheet.records`).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from .records import _squash, dump_record, dump_yaml, load_roundtrip, record_to_dict

PROTECTED_STATUSES = ("reviewed", "rejected")


@dataclass
class MergeSummary:
    """What a merge did (or would do, with ``--dry-run``), fact id by fact id."""

    #: facts the new extraction found that the file did not have
    added: list[str] = field(default_factory=list)
    #: draft facts rewritten by the new extraction (id -> the fields that changed)
    replaced: dict = field(default_factory=dict)
    #: draft facts the new extraction no longer finds
    removed: list[str] = field(default_factory=list)
    #: the person's facts (reviewed, rejected, manual), left as they are
    kept: list[str] = field(default_factory=list)
    #: draft facts found again exactly as they were
    unchanged: list[str] = field(default_factory=list)
    #: kept facts whose evidence offsets followed their sentence in an edited article
    moved: list[str] = field(default_factory=list)
    #: one-line descriptions of facts, for :meth:`details`
    labels: dict = field(default_factory=dict)
    #: entity ids new to the file
    entities_added: list[str] = field(default_factory=list)
    #: entity id -> the fields the new extraction changed
    entities_replaced: dict = field(default_factory=dict)
    #: entity ids no longer found and named by no fact
    entities_removed: list[str] = field(default_factory=list)

    def line(self):
        """``2 added, 1 replaced, 0 removed, 5 kept, 12 unchanged``."""
        text = (f"{len(self.added)} added, {len(self.replaced)} replaced, {len(self.removed)} removed, "
                f"{len(self.kept)} kept, {len(self.unchanged)} unchanged")
        if self.moved:
            text += f" ({len(self.moved)} kept with evidence offsets moved)"
        if self.entities_added or self.entities_replaced or self.entities_removed:
            text += (f"; entities: {len(self.entities_added)} added, {len(self.entities_replaced)} replaced, "
                     f"{len(self.entities_removed)} removed")
        return text

    def details(self):
        """One line per fact that changes or is kept: ``+ added``, ``~ replaced``, ``- removed``, ``= kept``."""
        out = [f"  + {fid}  {self.labels.get(fid, '')}".rstrip() for fid in self.added]
        out += [f"  ~ {fid}  (new {', '.join(fields)})" for fid, fields in self.replaced.items()]
        out += [f"  - {fid}  {self.labels.get(fid, '')}".rstrip() for fid in self.removed]
        out += [f"  = {fid}  {self.labels.get(fid, '')}".rstrip() for fid in self.kept]
        out += [f"  + entity {eid}" for eid in self.entities_added]
        out += [f"  ~ entity {eid}  (new {', '.join(fields)})" for eid, fields in self.entities_replaced.items()]
        out += [f"  - entity {eid}" for eid in self.entities_removed]
        return out


def is_protected(fact):
    """True for a fact the person owns: reviewed, rejected or manual."""
    return fact.get("status") in PROTECTED_STATUSES or fact.get("origin") == "manual"


def _sameness(fact):
    """What identifies a fact besides its id: kind, text and evidence sentence, spacing and quotes ignored."""
    evidence = fact.get("evidence")
    sentence = evidence.get("sentence") if isinstance(evidence, dict) else None
    return (fact.get("kind"), _squash(fact.get("text") or ""), _squash(sentence or ""))


def _label(fact):
    text = " ".join(str(fact.get("text") or "").split())
    status = fact.get("status") or "draft"
    tag = "manual" if fact.get("origin") == "manual" else status
    return f"{fact.get('kind')} [{tag}]: {text[:60]}{'…' if len(text) > 60 else ''}"


# ---------------------------------------------------------------------------
# ruamel nodes

def _to_node(data):
    """Plain data as ruamel nodes, so new entries format like the rest."""
    if isinstance(data, dict):
        node = CommentedMap()
        for key, value in data.items():
            node[key] = _to_node(value)
        return node
    if isinstance(data, list):
        seq = CommentedSeq(_to_node(v) for v in data)
        seq.fa.set_block_style()
        return seq
    return data


def _plain(value):
    """A round-trip value compared as plain data (a YAML date equals its ISO text)."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _last_slot(node):
    """``(container, key, index)`` of the last scalar in ``node``: where YAML keeps the comments below it."""
    while True:
        if isinstance(node, CommentedMap) and len(node):
            key = list(node)[-1]
            slot = 2
        elif isinstance(node, CommentedSeq) and len(node):
            key = len(node) - 1
            slot = 0
        else:
            return None
        value = node[key]
        if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
            node = value
            continue
        return node, key, slot


def _take_trailing(node):
    """Remove and return the comment lines and blank lines that follow ``node`` (before the next item).

    The end-of-line comment on its last line stays where it is.
    """
    where = _last_slot(node)
    if where is None:
        return ""
    container, key, slot = where
    entry = container.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if not isinstance(token, CommentToken) or "\n" not in token.value:
        return ""
    own, _, rest = token.value.partition("\n")
    token.value = own + "\n"
    return rest


def _put_trailing(node, text):
    """Add comment lines ``text`` below ``node`` (after its own trailing lines)."""
    if not text:
        return
    where = _last_slot(node)
    if where is None:
        return
    container, key, slot = where
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= slot:
        entry.append(None)
    token = entry[slot]
    if isinstance(token, CommentToken):
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + text
    else:
        entry[slot] = CommentToken("\n" + text, CommentMark(0))


def _put_before_first(seq, text):
    """Comment lines ``text`` above the first item of ``seq``."""
    if not text:
        return
    entry = seq.ca.items.setdefault(0, [None, None, None, None])
    tokens = entry[1] if isinstance(entry[1], list) else []
    for line in text.splitlines():
        stripped = line.lstrip()
        tokens.append(CommentToken(stripped + "\n" if stripped else "\n", CommentMark(len(line) - len(stripped))))
    entry[1] = tokens


#: keys only a person writes (extraction never does): a draft or entity being updated keeps them
PERSONAL_KEYS = ("note",)


def _update_map(old, new, keep=()):
    """Make the round-trip map ``old`` hold ``new`` (in place, keeping its comments); return changed keys.

    :param keep: keys of ``old`` to leave as they are when ``new`` lacks them
    """
    changed = []
    for key in list(old):
        if key not in new and key not in keep:
            del old[key]
            changed.append(key)
    keys = list(new)
    for i, key in enumerate(keys):
        value = new[key]
        if key in old:
            if isinstance(old[key], CommentedMap) and isinstance(value, dict):
                if _update_map(old[key], value):
                    changed.append(key)
            elif _plain(old[key]) != value:
                old[key] = _to_node(value)
                changed.append(key)
        else:
            # after the nearest key that comes before it in the new record's order
            before = [k for k in keys[:i] if k in old]
            position = list(old).index(before[-1]) + 1 if before else 0
            old.insert(position, key, _to_node(value))
            changed.append(key)
    return changed


def _update(item, new):
    """:func:`_update_map` for a list item: the comments below it stay below it, whatever key ends it now."""
    below = _take_trailing(item)
    changed = _update_map(item, new, keep=PERSONAL_KEYS)
    _put_trailing(item, below)
    return changed


def _rebuild(seq, keep, additions):
    """Drop from ``seq`` the items not in ``keep`` and insert ``additions``, in place.

    :param keep: ids (``id()``) of the nodes that stay
    :param additions: ``(anchor, node)`` pairs: ``node`` goes right after the
        node ``anchor`` (None: at the start), in the order given

    The comments below a dropped item are moved below the item before it,
    so a note the person wrote above the next item stays above it.
    """
    i = 0
    carried = ""
    while i < len(seq):
        node = seq[i]
        if id(node) in keep:
            if carried:
                if i > 0:
                    _put_trailing(seq[i - 1], carried)
                else:
                    _put_before_first(seq, carried)
                carried = ""
            i += 1
            continue
        carried += _take_trailing(node)
        del seq[i]
    if carried and len(seq):
        _put_trailing(seq[-1], carried)
    # (with no item left the list is written `[]` and its comments have nothing to hang on)
    for anchor, node in additions:
        if anchor is None:
            seq.insert(0, node)
            continue
        position = next(j for j, item in enumerate(seq) if item is anchor) + 1
        # comments below the anchor sit above the item that followed it: keep them there
        _put_trailing(node, _take_trailing(anchor))
        seq.insert(position, node)


# ---------------------------------------------------------------------------
# merging

def merge_text(existing_text, record, article_text=None):
    """Merge ``record`` into the fact file text ``existing_text``; return ``(text, summary)``.

    :param existing_text: a fact file that passed validation
    :param record: the new extraction of the same article
    :param article_text: the article's current text, to move the evidence
        offsets of kept facts when the article was edited (None: leave them)
    """
    doc = load_roundtrip(existing_text)
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
    new = record_to_dict(record)
    summary = MergeSummary()

    facts = doc.get("facts")
    if not isinstance(facts, CommentedSeq):
        facts = CommentedSeq()
        facts.fa.set_block_style()
    protected_ids, protected_same = set(), set()
    drafts = {}
    for old in facts:
        summary.labels[old.get("id")] = _label(old)
        if is_protected(old):
            protected_ids.add(old.get("id"))
            protected_same.add(_sameness(old))
            summary.kept.append(old.get("id"))
            if article_text is not None and _move_evidence(old, article_text):
                summary.moved.append(old.get("id"))
        else:
            drafts.setdefault(old.get("id"), old)

    keep = {id(old) for old in facts if is_protected(old)}
    additions = []
    anchor = None
    for fact in new["facts"]:
        fid = fact["id"]
        if fid in protected_ids or _sameness(fact) in protected_same:
            anchor = next((o for o in facts if o.get("id") == fid), anchor)
            continue
        old = drafts.pop(fid, None)
        if old is not None:
            changed = _update(old, fact)
            if changed:
                summary.replaced[fid] = changed
            else:
                summary.unchanged.append(fid)
            keep.add(id(old))
            anchor = old
            continue
        node = _to_node(fact)
        additions.append((anchor, node))
        anchor = node
        summary.added.append(fid)
        summary.labels[fid] = _label(fact)
    summary.removed = [fid for fid in drafts]
    _rebuild(facts, keep, additions)

    _merge_entities(doc, new["entities"], facts, summary)

    article = doc.get("article")
    if not isinstance(article, CommentedMap):
        article = CommentedMap()
    for key, value in new["article"].items():
        if key in ("sha256", "source") or article.get(key) in (None, ""):
            if value is not None and _plain(article.get(key)) != value:
                article[key] = value

    for key, value in (("schema", new["schema"]), ("article", article), ("facts", facts)):
        if doc.get(key) is not value:
            doc[key] = value
    # ruamel keeps the file's own leading comments; a header the person deleted stays deleted
    return dump_yaml(doc, like=existing_text), summary


def _merge_entities(doc, new_entities, facts, summary):
    """Bring the file's ``entities:`` to the new extraction, in place.

    Entities are derived from the article like draft facts: one found again is
    updated (so a better name or kind from an improved extractor arrives),
    a new one is added, and one no longer found goes unless a fact still
    names it.  The person's corrections to entities belong in
    ``content/entities.yaml``, which extraction applies before this merge.
    """
    referenced = set()
    for fact in facts:
        if fact.get("speaker"):
            referenced.add(fact["speaker"])
        referenced.update(fact.get("about") or [])
    entities = doc.get("entities")
    if not isinstance(entities, CommentedSeq):
        entities = CommentedSeq()
        entities.fa.set_block_style()
        doc["entities"] = entities
    old_entities = {e.get("id"): e for e in entities if isinstance(e, dict)}
    new_ids = {e["id"] for e in new_entities}
    keep = {id(e) for eid, e in old_entities.items() if eid in new_ids or eid in referenced}
    additions = []
    anchor = None
    for ent in new_entities:
        old = old_entities.get(ent["id"])
        if old is None:
            node = _to_node(ent)
            additions.append((anchor, node))
            anchor = node
            summary.entities_added.append(ent["id"])
            continue
        changed = _update(old, ent)
        if changed:
            summary.entities_replaced[ent["id"]] = changed
        anchor = old
    summary.entities_removed = [eid for eid, e in old_entities.items() if id(e) not in keep]
    _rebuild(entities, keep, additions)


def _move_evidence(fact, article_text):
    """Point a kept fact's evidence offsets at its sentence again, if the article moved it; True if done."""
    evidence = fact.get("evidence")
    if not isinstance(evidence, dict):
        return False
    sentence, start, end = evidence.get("sentence"), evidence.get("start"), evidence.get("end")
    if not isinstance(sentence, str) or not sentence or not isinstance(start, int) or not isinstance(end, int):
        return False
    if article_text[start:end] == sentence:
        return False
    found = article_text.find(sentence)
    if found < 0 or article_text.find(sentence, found + 1) >= 0:
        return False  # gone or ambiguous: `factsheet check` reports it for the person to decide
    evidence["start"], evidence["end"] = found, found + len(sentence)
    return True


def fresh_text(record):
    """The text of a new fact file (no previous edits to keep)."""
    return dump_record(record)


def fresh_summary(record):
    """The summary of writing ``record`` to a new file: every fact added."""
    summary = MergeSummary(added=[f.id for f in record.facts])
    for fact, data in zip(record.facts, record_to_dict(record)["facts"]):
        summary.labels[fact.id] = _label(data)
    return summary
