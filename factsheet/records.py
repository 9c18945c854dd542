"""The fact-record schema (version 1): dataclasses, validation and YAML I/O.

This module owns the schema; every other module imports it.  One YAML file per
article holds ``schema``, ``article``, ``entities`` and ``facts``.  The page
``docs/schema.md`` documents the same fields for people editing the files.

Reading uses PyYAML's safe loader (fast, never constructs Python objects) with
the node positions kept, so every problem can be reported as
``FILE:LINE:COL: what is wrong (how to fix it)``.  Writing uses ruamel.yaml's
round-trip mode so that, when a file is rewritten, the comments, key order
and formatting a person left in it survive (see :mod:`factsheet.merge`).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import RecordError
from .paths import write_atomic

SCHEMA_VERSION = 1

ENTITY_KINDS = ("person", "organization", "place", "other")
FACT_KINDS = ("quote", "figure", "event", "statement")
STATUSES = ("draft", "reviewed", "rejected")
ORIGINS = ("extracted", "manual")
DATE_PRECISIONS = ("day", "month", "year")

#: fact files larger than this are refused before parsing (bounded memory)
MAX_FILE_BYTES = 10 * 1024 * 1024

ARTICLE_KEYS = ("slug", "title", "source", "sha256", "publisher", "published", "copyright",
                "license", "url", "author", "dateline")
ARTICLE_REQUIRED = ("slug", "title", "source", "sha256")
ENTITY_KEYS = ("id", "name", "kind", "aliases", "roles", "note")
ENTITY_REQUIRED = ("id", "name", "kind")
FACT_KEYS = ("id", "kind", "status", "origin", "text", "speaker", "verb", "channel", "about",
             "topics", "date", "precision", "number", "qualifier", "unit", "counts", "evidence", "note")
FACT_REQUIRED = ("id", "kind", "text")
EVIDENCE_KEYS = ("sentence", "start", "end")
TOP_KEYS = ("schema", "article", "entities", "facts")

ID_PATTERN = re.compile(r"^[a-z0-9\w][\w-]*$")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

HEADER = """\
# factsheet fact record (schema 1): the facts found in {source}.
# Edit by hand: fix any field, then set `status: reviewed` to keep the fact as you
# left it; `status: rejected` drops a fact for good; add your own facts with
# `origin: manual` (id, kind and text are enough). Re-extraction replaces only
# `draft` facts. Run `factsheet check` after editing. Fields: docs/schema.md
"""


@dataclass
class Evidence:
    """Where a fact comes from: ``article_text[start:end] == sentence``."""

    sentence: str
    start: int
    end: int


@dataclass
class ArticleInfo:
    """Metadata of the article a record was extracted from."""

    slug: str
    title: str
    source: str
    sha256: str
    publisher: str | None = None
    published: str | None = None
    copyright: str | None = None
    license: str | None = None
    url: str | None = None
    author: str | None = None
    dateline: str | None = None


@dataclass
class Entity:
    """A person, organization, place or other named thing in one article."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass
class Fact:
    """One quote, figure, dated event or statement, with its evidence."""

    id: str
    kind: str
    text: str
    status: str = "draft"
    origin: str = "extracted"
    #: entity id of who said it (quotes, statements)
    speaker: str | None = None
    #: the reporting verb as written ("said", "told reporters")
    verb: str | None = None
    #: where it was said, when the article says ("in a statement", "on Twitter")
    channel: str | None = None
    about: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    date: str | None = None
    precision: str | None = None
    number: float | int | None = None
    qualifier: str | None = None
    unit: str | None = None
    counts: str | None = None
    evidence: Evidence | None = None
    note: str | None = None


@dataclass
class FactRecord:
    """Everything extracted from one article."""

    article: ArticleInfo
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    schema: int = SCHEMA_VERSION

    def entity(self, entity_id):
        """The entity with ``entity_id``, or None."""
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None


@dataclass
class Problem:
    """One thing wrong in a file, with where it is and how to fix it."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self):
        where = f"{self.path}:{self.line}:{self.col}"
        tail = f" ({self.hint})" if self.hint else ""
        label = "" if self.severity == "error" else "warning: "
        return f"{where}: {label}{self.message}{tail}"


# ---------------------------------------------------------------------------
# dict <-> dataclass, with the file's key order

def _clean(value):
    return value not in (None, [], "")


def fact_to_dict(fact):
    """The fact as a plain dict in file order, empty optional fields left out."""
    out = {}
    for key in FACT_KEYS:
        value = getattr(fact, key)
        if key == "evidence" and value is not None:
            value = {"sentence": value.sentence, "start": value.start, "end": value.end}
        keep = key in FACT_REQUIRED or key in ("status", "origin") or _clean(value)
        if fact.kind == "figure" and key in ("number", "counts"):
            keep = True
        if fact.kind == "quote" and key == "speaker":
            keep = True
        if fact.kind == "event" and key == "date":
            keep = True
        if keep:
            out[key] = value
    return out


def entity_to_dict(entity):
    """The entity as a plain dict in file order."""
    out = {"id": entity.id, "name": entity.name, "kind": entity.kind,
           "aliases": list(entity.aliases), "roles": list(entity.roles)}
    if entity.note:
        out["note"] = entity.note
    return out


def record_to_dict(record):
    """The whole record as plain data in file order."""
    article = {k: getattr(record.article, k) for k in ARTICLE_KEYS
               if k in ARTICLE_REQUIRED or k in ("publisher", "published", "copyright", "license")
               or getattr(record.article, k) is not None}
    return {
        "schema": record.schema,
        "article": article,
        "entities": [entity_to_dict(e) for e in record.entities],
        "facts": [fact_to_dict(f) for f in record.facts],
    }


def _iso(value):
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return value


def fact_from_dict(data):
    """Build a :class:`Fact` from validated plain data."""
    kwargs = {k: data.get(k) for k in FACT_KEYS if k in data}
    ev = kwargs.get("evidence")
    if isinstance(ev, dict):
        kwargs["evidence"] = Evidence(str(ev.get("sentence", "")), int(ev.get("start", 0)), int(ev.get("end", 0)))
    kwargs["about"] = list(kwargs.get("about") or [])
    kwargs["topics"] = list(kwargs.get("topics") or [])
    kwargs["date"] = _iso(kwargs.get("date"))
    kwargs["text"] = str(kwargs.get("text", ""))
    kwargs.setdefault("status", "draft")
    kwargs.setdefault("origin", "extracted")
    kwargs["status"] = kwargs["status"] or "draft"
    kwargs["origin"] = kwargs["origin"] or "extracted"
    return Fact(**kwargs)


def entity_from_dict(data):
    """Build an :class:`Entity` from validated plain data."""
    return Entity(id=str(data["id"]), name=str(data["name"]), kind=data["kind"],
                  aliases=[str(a) for a in data.get("aliases") or []],
                  roles=[str(r) for r in data.get("roles") or []], note=data.get("note"))


def record_from_dict(data):
    """Build a :class:`FactRecord` from validated plain data."""
    art = dict(data["article"])
    art["published"] = _iso(art.get("published"))
    info = ArticleInfo(**{k: (str(art[k]) if art.get(k) is not None else None) for k in ARTICLE_KEYS if k in art})
    return FactRecord(article=info,
                      entities=[entity_from_dict(e) for e in data.get("entities") or []],
                      facts=[fact_from_dict(f) for f in data.get("facts") or []],
                      schema=data.get("schema", SCHEMA_VERSION))


# ---------------------------------------------------------------------------
# Reading: safe YAML with positions

class _NoAliasComposer(yaml.composer.Composer):
    """A composer that refuses anchors and aliases.

    Fact files never need them, and refusing them is what keeps a
    "billion laughs" alias bomb from expanding into gigabytes.
    """

    #: fact files nest five levels deep; a deeper file would only exhaust Python's stack
    max_depth = 50

    def compose_node(self, parent, index):
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > self.max_depth:
                raise yaml.composer.ComposerError(
                    None, None, f"the YAML is nested more than {self.max_depth} levels deep", self.peek_event().start_mark)
            return self._compose_checked(parent, index)
        finally:
            self._depth -= 1

    def _compose_checked(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases (*name) are not allowed in fact files", event.start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "YAML anchors (&name) are not allowed in fact files", event.start_mark)
        return super().compose_node(parent, index)


class _SafeLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _NoAliasComposer,
                  yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _NoAliasComposer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


class Positions:
    """Line and column (1-based) of every key and value in a loaded YAML file."""

    def __init__(self):
        self._values = {}
        self._keys = {}
        #: ``(path, line, col)`` of every key that repeats an earlier key of its mapping
        self.duplicates = []

    def value(self, path):
        """Position of the value at ``path`` (a tuple of keys and indexes), or the nearest parent's."""
        while path not in self._values and path:
            path = path[:-1]
        return self._values.get(path, (1, 1))

    def key(self, path):
        """Position of the key that ends ``path``, falling back to its value."""
        return self._keys.get(path) or self.value(path)


_PLAIN_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _walk(node, path, positions, loader, seen=None):
    if seen is not None:
        # libyaml resolves an alias to the node it names: meeting a node twice means the file has one
        if id(node) in seen:
            raise _NeedsCheckedLoader
        seen.add(id(node))
    mark = node.start_mark
    positions._values[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_COLLECTIONS:
        # a tag on a mapping or list (!!python/object, !!set) would otherwise be silently dropped
        raise yaml.constructor.ConstructorError(
            None, None, f"could not determine a constructor for the tag {node.tag!r}", mark)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _construct_scalar(key_node, loader) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            kp = path + (key,)
            key_at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                # PyYAML would silently keep the last value (and ruamel refuses the file on
                # rewrite): report it with the file's other problems, and validate the first
                positions.duplicates.append((kp, *key_at))
                continue
            positions._keys[kp] = key_at
            out[key] = _walk(value_node, kp, positions, loader, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(child, path + (i,), positions, loader, seen) for i, child in enumerate(node.value)]
    return _construct_scalar(node, loader)


def _construct_scalar(node, loader):
    """The value of a scalar node; an impossible date such as ``2022-02-30`` stays text.

    PyYAML turns anything shaped like a date into ``datetime.date`` and raises a
    bare ``ValueError`` when the date does not exist; keeping the text lets
    validation report it with its position like any other bad date.
    """
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError):
        return node.value


class _NeedsCheckedLoader(Exception):
    """libyaml met something only the checked loader handles safely (an alias)."""


_C_LOADER = getattr(yaml, "CSafeLoader", None)
#: what libyaml must not be given: anchors, flow collections that may nest deeply ("[[[..."), sequences
#: nested on one line ("- - -"), deep indentation, and tabs, which libyaml accepts where PyYAML and
#: ruamel (which rewrites the file) refuse them, and byte order marks, which the two read differently;
#: a fact file has none of them
_UNCHECKED = re.compile(r"[\t\ufeff]|(?:^|[ [{,])&[^ \r\n]|(?:- +){3}|^ {60}", re.M)
_FLOW_OPENING = re.compile(r"[\[{](?![ \t]*[\]}])")


def _libyaml_may_read(text):
    """True when ``text`` holds nothing only the checked loader handles safely (see :data:`_UNCHECKED`)."""
    return _C_LOADER is not None and not _UNCHECKED.search(text) and len(_FLOW_OPENING.findall(text)) <= 40


def _load_fast(text):
    """``(data, positions)`` composed by libyaml, about eight times as fast as the checked loader.

    Only for text :func:`_libyaml_may_read` lets through; raises ``yaml.YAMLError``
    or :class:`_NeedsCheckedLoader` for anything else, so that the checked
    loader reports it with its position and hint.
    """
    loader = _C_LOADER(text)
    try:
        node = loader.get_single_node()
        positions = Positions()
        if node is None:
            return None, positions
        return _walk(node, (), positions, loader, seen=set()), positions
    finally:
        loader.dispose()


def load_yaml(text, path="<string>"):
    """Parse ``text`` safely; return ``(data, positions)`` or raise :class:`RecordError`.

    Only plain data is built: tags such as ``!!python/object`` are errors,
    and anchors/aliases are refused.
    """
    if _libyaml_may_read(text):
        try:
            return _load_fast(text)
        except (yaml.YAMLError, _NeedsCheckedLoader):
            pass  # the checked loader finds the problem again and says where it is
    return _load_checked(text, path)


def _load_checked(text, path):
    """:func:`load_yaml` by PyYAML's pure-Python loader, which checks for aliases, anchors and depth."""
    loader = None
    try:
        loader = _SafeLoader(text)  # refuses control characters such as NUL at once
        node = loader.get_single_node()
        if node is None:
            return None, Positions()
        positions = Positions()
        data = _walk(node, (), positions, loader)
        return data, positions
    except yaml.YAMLError as exc:
        problem = _syntax_problem(exc, path, text)
        raise RecordError(str(problem), [problem]) from None
    finally:
        if loader is not None:
            loader.dispose()


_OPENING_QUOTE = re.compile(r"""^\s*(?:- +)?(?:[^\s'"#][^:#]*:\s+)?(['"])(.*)$""")


def _unclosed_quote(line):
    """Column (0-based) of a quote that opens a value on ``line`` and is not closed on it, or None."""
    match = _OPENING_QUOTE.match(line)
    if not match:
        return None
    quote, rest = match.group(1), match.group(2)
    rest = rest.replace("''", "") if quote == "'" else re.sub(r"\\.", "", rest)
    return None if quote in rest else match.start(1)


def _syntax_problem(exc, path, text=""):
    """One :class:`Problem` for a YAML syntax error, placed where the person must look.

    PyYAML reports an unclosed quote where the parse finally fails: the end
    of the file, or the next quoted value, whose opening quote closed the
    runaway one.  Fact files never need a quoted value spanning lines, so the
    place to fix is the last quote before that point left open on its line.
    """
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    mark = problem_mark or context_mark
    if context_mark is not None and (problem_mark is None or "end of stream" in what
                                     or context in ("while parsing a flow sequence", "while parsing a flow mapping")):
        # an unclosed quote or bracket: point at where it opened
        mark = context_mark
        what = f"{context}, {what}" if context else what
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.position, int):
        what = f"control character U+{exc.character:04X} is not allowed in YAML" \
            if isinstance(exc.character, int) else "the file holds bytes that are not text"
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
    lines = text.splitlines()
    opened = [(i, _unclosed_quote(lines[i])) for i in range(min(line, len(lines)))]
    opened = [(i, c) for i, c in opened if c is not None and i + 1 < line]
    opening = _OPENING_QUOTE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    # a quoted value starting before the error on the same line ended early
    quoted_before = opening is not None and opening.start(1) < col - 1
    if opened and "'\\t'" not in what:
        at_line, at_col = opened[-1]
        what = f"this quote is never closed on its line (YAML stopped at line {line}: {what})"
        line, col = at_line + 1, at_col + 1
        quoted_before = False
    if "could not determine a constructor" in str(exc):
        what, hint = "YAML tags that build objects are not allowed", \
            "remove the !!tag; fact files hold plain text, numbers and lists"
    elif "'\\t'" in what:
        hint = "indent with spaces, not tabs"
    elif "aliases" in what or "anchors" in what:
        hint = "write the value out in full"
    elif "nested more than" in what:
        hint = "fact files hold a mapping of lists of mappings; remove the extra brackets or indentation"
    elif isinstance(exc, yaml.reader.ReaderError):
        hint = "remove the control character; YAML files hold printable text"
    elif "quote" in what:
        hint = "close the quote; inside '...' write a ' as ''"
    elif quoted_before:
        # 'Guterres's trip': the apostrophe closed the quote and the rest of the text is left over
        hint = "the quoted text ended early: inside '...' write a ' as '', or quote the text with \"...\""
    elif "flow sequence" in what or "flow mapping" in what:
        hint = "close the bracket; a text containing ',', '[' or '{' needs quoting"
    elif "mapping values are not allowed" in what:
        hint = "a text containing ': ' must be quoted"
    elif "indentation" in what or "expected <block end>" in what:
        hint = "line the key up with the keys around it"
    else:
        hint = "fix the YAML syntax; a text containing ': ' or starting with a quote needs quoting"
    return Problem(str(path), line, col, f"invalid YAML: {what}", hint)


def read_text_file(path, limit=MAX_FILE_BYTES):
    """Read a UTF-8 text file with a size limit; raise :class:`RecordError` with a one-line message."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            problem = Problem(str(path), 1, 1, f"file is {size / (1024 * 1024):.1f} MB, over the "
                              f"{limit / (1024 * 1024):g} MB limit", "is it the right file? remove it, or split the article")
            raise RecordError(str(problem), [problem])
        raw = path.read_bytes()
    except OSError as exc:
        problem = Problem(str(path), 1, 1, f"cannot read file: {exc.strerror}", "check the path and permissions")
        raise RecordError(str(problem), [problem]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem = Problem(str(path), line, 1, "file is not UTF-8 text", "save it as UTF-8")
        raise RecordError(str(problem), [problem]) from None


# ---------------------------------------------------------------------------
# Validation

def _suggest(key, known):
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else f"known keys: {', '.join(known)}"


def _choose(value, choices):
    """The hint for a value outside ``choices``: all of them (there are at most four)."""
    return f"use one of: {', '.join(choices)}"


class _Checker:
    """Collects :class:`Problem` objects, placing each at a key or value of the file."""

    def __init__(self, path, positions):
        self.path = str(path)
        self.positions = positions
        self.problems = []
        for where, line, col in positions.duplicates:
            self.problems.append(Problem(self.path, line, col, f"invalid YAML: duplicate key `{where[-1]}`",
                                         "keep one of the two lines"))

    def add(self, where, message, hint="", severity="error", at_key=False):
        line, col = self.positions.key(where) if at_key else self.positions.value(where)
        self.problems.append(Problem(self.path, line, col, message, hint, severity))

    def keys(self, mapping, where, known, required, what):
        """Unknown keys (with the closest known one as hint) and required keys that are absent or empty."""
        for key in mapping:
            if key not in known:
                self.add(where + (key,), f"unknown key `{key}` in {what}", _suggest(key, known), at_key=True)
        for key in required:
            if key not in mapping:
                self.add(where, f"{what} is missing `{key}`", f"add `{key}:`")
            elif mapping[key] is None or (isinstance(mapping[key], str) and not mapping[key].strip()):
                self.add(where + (key,), f"`{key}` of {what} is empty", f"write a value after `{key}:`",
                         at_key=True)

    def string(self, mapping, key, where, what):
        value = mapping.get(key)
        if value is not None and not isinstance(value, str):
            self.add(where + (key,), f"`{key}` of {what} must be text, not {_type_name(value)}",
                     "write it as text, quoted if needed")

    def string_list(self, mapping, key, where, what):
        value = mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(where + (key,), f"`{key}` of {what} must be a list of texts", f"write `{key}: [a, b]`")
            return []
        for j, item in enumerate(value):
            if not isinstance(item, str):
                self.add(where + (key, j), f"`{key}` of {what} must hold texts, not {_type_name(item)}",
                         "write each entry as text, quoted if needed")
        return [item for item in value if isinstance(item, str)]


def _type_name(value):
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if _is_number(value):
        return "a number"
    return type(value).__name__


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def validate(data, positions, path, article_text=None, known_entities=()):
    """Check one fact file's data against schema 1; return every :class:`Problem`.

    Everything is checked and reported, not just the first error, so one run
    of ``factsheet check`` lists all there is to fix.

    :param data: what :func:`load_yaml` returned
    :param positions: its :class:`Positions`
    :param path: the file name used in messages
    :param article_text: the article's text, to check evidence offsets (None skips)
    :param known_entities: extra entity ids valid as speaker/about (the registry's)
    """
    c = _Checker(path, positions)
    if not isinstance(data, dict):
        c.add((), "a fact file must be a mapping with schema, article, entities and facts",
              "start from a file written by `factsheet extract`")
        return c.problems
    for key in data:
        if key not in TOP_KEYS:
            c.add((key,), f"unknown key `{key}` at the top of the file", _suggest(key, TOP_KEYS), at_key=True)
    for key in ("schema", "article"):
        if key not in data:
            c.add((), f"the file is missing `{key}`", f"add `{key}:`")
    if "schema" in data and data["schema"] != SCHEMA_VERSION:
        c.add(("schema",), f"unsupported schema version {data['schema']!r}", f"this factsheet reads schema {SCHEMA_VERSION}")

    article = data.get("article")
    if "article" in data and not isinstance(article, dict):
        c.add(("article",), "`article` must be a mapping of title, source, sha256...", "see docs/schema.md")
    elif isinstance(article, dict):
        c.keys(article, ("article",), ARTICLE_KEYS, ARTICLE_REQUIRED, "article")
        for key in ARTICLE_KEYS:
            if key != "published":
                c.string(article, key, ("article",), "article")
        slug = article.get("slug")
        if isinstance(slug, str) and slug.strip() and not ID_PATTERN.match(slug):
            # the slug names the article's page: a path such as ../../x must never become a file name
            c.add(("article", "slug"), f"article slug {slug!r} is not a slug",
                  "use lowercase letters, digits and hyphens, e.g. the fact file's name")
        pub = _iso(article.get("published"))
        if pub is not None and not _is_iso_date(pub):
            c.add(("article", "published"), f"`published` is not an ISO date: {pub!r}", "write YYYY-MM-DD, or null")

    entity_ids = set()
    entities = data.get("entities")
    if entities is not None and not isinstance(entities, list):
        c.add(("entities",), "`entities` must be a list", "write `entities: []` when empty")
        entities = []
    for i, ent in enumerate(entities or []):
        _validate_entity(c, ent, ("entities", i), entity_ids)

    valid_ids = entity_ids | set(known_entities)
    fact_ids = set()
    facts = data.get("facts")
    if facts is not None and not isinstance(facts, list):
        c.add(("facts",), "`facts` must be a list", "write `facts: []` when empty")
        facts = []
    for i, fact in enumerate(facts or []):
        _validate_fact(c, fact, ("facts", i), valid_ids, fact_ids, article_text)
    return c.problems


def _check_id(c, item, where, kind, seen, duplicate_hint):
    """An entity's or fact's ``id``: a slug, not used before in the file (``seen`` collects them)."""
    value = item.get("id")
    if value is None:
        return
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        c.add(where + ("id",), f"{kind} id {value!r} is not a slug", "use lowercase letters, digits and hyphens")
    elif value in seen:
        c.add(where + ("id",), f"duplicate {kind} id `{value}`", duplicate_hint)
    seen.add(value)


def _validate_entity(c, ent, where, entity_ids):
    if not isinstance(ent, dict):
        c.add(where, "an entity must be a mapping with id, name and kind", "see docs/schema.md")
        return
    c.keys(ent, where, ENTITY_KEYS, ENTITY_REQUIRED, "entity")
    _check_id(c, ent, where, "entity", entity_ids, "give each entity its own id, or merge the two into one entry")
    c.string(ent, "name", where, "entity")
    kind = ent.get("kind")
    if kind is not None and kind not in ENTITY_KINDS:
        c.add(where + ("kind",), f"unknown entity kind {kind!r}", _choose(kind, ENTITY_KINDS))
    c.string_list(ent, "aliases", where, "entity")
    c.string_list(ent, "roles", where, "entity")
    c.string(ent, "note", where, "entity")


def _validate_fact(c, fact, where, valid_ids, fact_ids, article_text):
    if not isinstance(fact, dict):
        c.add(where, "a fact must be a mapping with id, kind and text", "see docs/schema.md")
        return
    c.keys(fact, where, FACT_KEYS, FACT_REQUIRED, "fact")
    _check_id(c, fact, where, "fact", fact_ids, "give the copy a new id, e.g. add -2")
    kind = fact.get("kind")
    if kind is not None and kind not in FACT_KINDS:
        c.add(where + ("kind",), f"unknown fact kind {kind!r}", _choose(kind, FACT_KINDS))
    status = fact.get("status", "draft")
    if status not in STATUSES:
        c.add(where + ("status",), f"unknown status {status!r}", _choose(status, STATUSES))
    origin = fact.get("origin", "extracted")
    if origin not in ORIGINS:
        c.add(where + ("origin",), f"unknown origin {origin!r}", _choose(origin, ORIGINS))
    for key in ("text", "verb", "channel", "qualifier", "unit", "counts", "note"):
        c.string(fact, key, where, "fact")
    speaker = fact.get("speaker")
    if speaker is not None:
        if not isinstance(speaker, str):
            c.add(where + ("speaker",), "`speaker` must be an entity id", "write the id of an entity in this file")
        elif speaker not in valid_ids:
            c.add(where + ("speaker",), f"speaker `{speaker}` names no entity", _entity_hint(speaker, valid_ids))
    for j, ref in enumerate(fact.get("about") or [] if isinstance(fact.get("about"), list) else []):
        if isinstance(ref, str) and ref not in valid_ids:
            c.add(where + ("about", j), f"`about` entry `{ref}` names no entity", _entity_hint(ref, valid_ids))
    c.string_list(fact, "about", where, "fact")
    c.string_list(fact, "topics", where, "fact")
    for j, topic in enumerate(fact["topics"] if isinstance(fact.get("topics"), list) else []):
        if isinstance(topic, str) and not ID_PATTERN.match(topic):  # a topic names its page, topics/TOPIC.md
            c.add(where + ("topics", j), f"topic {topic!r} is not a slug", "use lowercase letters, digits and hyphens")
    date = _iso(fact.get("date"))
    if date is not None and not _is_iso_date(date):
        c.add(where + ("date",), f"date {date!r} is not an ISO date", "write YYYY-MM-DD, YYYY-MM or YYYY")
    precision = fact.get("precision")
    if precision is not None and precision not in DATE_PRECISIONS:
        c.add(where + ("precision",), f"unknown date precision {precision!r}", _choose(precision, DATE_PRECISIONS))
    number = fact.get("number")
    if number is not None and not _is_number(number):
        c.add(where + ("number",), f"`number` must be a number or null, not {number!r}", "write digits only, e.g. 5200000")
    _validate_evidence(c, fact, where, status, origin, article_text)


def _validate_evidence(c, fact, where, status, origin, article_text):
    evidence = fact.get("evidence")
    manual = origin == "manual"
    if evidence is None:
        if not manual:
            # `evidence:` left empty is as missing as no key at all
            at = where + ("evidence",) if "evidence" in fact else where
            c.add(at, "an extracted fact is missing `evidence`", "add evidence, or set `origin: manual`",
                  at_key="evidence" in fact)
        return
    ev_where = where + ("evidence",)
    if not isinstance(evidence, dict):
        c.add(ev_where, "`evidence` must be a mapping with sentence, start and end", "see docs/schema.md")
        return
    c.keys(evidence, ev_where, EVIDENCE_KEYS, EVIDENCE_KEYS, "evidence")
    sentence, start, end = evidence.get("sentence"), evidence.get("start"), evidence.get("end")
    c.string(evidence, "sentence", ev_where, "evidence")
    for key, value in (("start", start), ("end", end)):
        if value is not None and not (_is_int(value) and value >= 0):
            c.add(ev_where + (key,), f"evidence `{key}` must be a whole number, not {value!r}",
                  "it is a character offset into the article")
    if not (isinstance(sentence, str) and _is_int(start) and _is_int(end)):
        return
    if article_text is not None and (not (0 <= start <= end <= len(article_text))
                                     or article_text[start:end] != sentence):
        c.add(ev_where + ("start",), f"evidence offsets {start}-{end} no longer slice the article to the quoted sentence",
              _offset_hint(article_text, sentence))
        return
    text = fact.get("text")
    # (a quote continued over a paragraph break skips the mark that reopens it, so marks aside)
    if isinstance(text, str) and _squash(text) not in _squash(sentence) \
            and _squash(_unmarked(text)) not in _squash(_unmarked(sentence)):
        # a reviewed or manual fact may correct the article's wording on purpose: advice, not an error
        severity = "warning" if (status == "reviewed" or manual) else "error"
        c.add(where + ("text",), "fact text does not appear in its evidence sentence",
              "fix the text, or mark the fact `status: reviewed` to keep your wording", severity)


def _unmarked(text):
    return re.sub(r"[\"“”‘’«»]", " ", str(text))


def _squash(text):
    return " ".join(str(text).replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


def _is_iso_date(value):
    return isinstance(value, str) and bool(ISO_DATE.match(value)) and _real_date(value)


def _real_date(value):
    parts = [int(p) for p in value.split("-")]
    try:
        _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        return True
    except ValueError:
        return False


def _entity_hint(ref, valid_ids):
    close = difflib.get_close_matches(ref, sorted(valid_ids), n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "use the id of an entity listed under `entities:` or in content/entities.yaml"


def _offset_hint(article_text, sentence):
    found = article_text.find(sentence)
    if found >= 0:
        return f"the sentence is now at start: {found}, end: {found + len(sentence)}"
    return "the article changed; re-run `factsheet extract --force` or fix the evidence by hand"


# ---------------------------------------------------------------------------
# Loading and writing whole files

_ARTICLE_BLOCK = re.compile(r"^article:[ \t]*(?:#.*)?\n((?:(?:[ \t]+.*|[ \t]*|#.*)(?:\n|$))*)", re.M)
_ARTICLE_FIELD = re.compile(r"^([ \t]+)(source|sha256):(?:[ \t]+(.*))?$", re.M)
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: the header comment and the article block fit in this many bytes, unless a title is very long
_HEAD = 16384


def article_identity(path):
    """``(source, sha256)`` of the article a fact file was extracted from, or None when it names none.

    Read from the ``article:`` block at the head of the file without parsing
    the whole of it, so that every fact file of a project can be asked which
    article it belongs to (slugs are given by that); a file whose head says
    nothing, or that cannot be read, is parsed in full or gives None.
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_HEAD + 1)
    except OSError:
        return None
    whole = len(raw) <= _HEAD
    head = raw[:_HEAD].decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    block = _ARTICLE_BLOCK.search(head)
    if block and (whole or block.end() < len(head)):
        found, indent = {}, None
        for match in _ARTICLE_FIELD.finditer(block.group(1)):
            if indent is None:
                indent = min((len(m.group(1)) for m in _ARTICLE_FIELD.finditer(block.group(1))), default=0)
            if len(match.group(1)) == indent:
                try:
                    value = yaml.load(f"v: {match.group(3) or ''}", Loader=_FAST_LOADER)["v"]
                except (yaml.YAMLError, TypeError, KeyError):
                    value = None
                found.setdefault(match.group(2), value)
        source = found.get("source")
        if isinstance(source, str) and source.strip():
            sha = found.get("sha256")
            return source, sha if isinstance(sha, str) else None
        return None
    try:  # no article block at the head: read the whole file (bounded by read_text_file)
        data = yaml.load(read_text_file(path), Loader=_FAST_LOADER)
    except (RecordError, yaml.YAMLError, ValueError, RecursionError):
        return None
    article = data.get("article") if isinstance(data, dict) else None
    source = article.get("source") if isinstance(article, dict) else None
    if isinstance(source, str) and source.strip():
        sha = article.get("sha256")
        return source, sha if isinstance(sha, str) else None
    return None


def load_record(path, article_text=None, known_entities=(), display=None):
    """Load and validate the fact file at ``path``.

    Returns ``(record, warnings)``.  Raises :class:`RecordError` carrying every
    problem when the file has any error.

    :param display: the file name used in messages (default: ``path``)
    """
    display = display or path
    text = read_text_file(path)
    data, positions = load_yaml(text, display)
    problems = validate(data, positions, display, article_text, known_entities)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise RecordError(f"{errors[0]}{more}", problems)
    return record_from_dict(data), problems


#: resolves plain scalars the way fact files are read back (PyYAML, YAML 1.1)
_READ_RESOLVER = yaml.resolver.Resolver()


def _represent_str(representer, value):
    # ruamel writes YAML 1.2, where `NO` and `10:30` are plain text, but files are
    # read with PyYAML's YAML 1.1 rules (False, 630); quote whatever 1.1 would not
    # read back as text.  NEL (U+0085) is a line break to 1.1 readers, so a text
    # holding one is written double-quoted, where it becomes the escape \N.
    style = None
    # line breaks other than \n (\r, NEL, LS, PS) and other control characters are
    # folded or dropped when read back from plain or single-quoted scalars
    if any(c in value for c in "\r\x85\u2028\u2029") or any(ord(c) < 32 and c not in "\n\t" for c in value):
        style = '"'
    elif _READ_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":
        style = "'"
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_float(representer, value):
    # repr writes 1e-05, which YAML 1.1 reads as text: give the mantissa its dot
    text = repr(value)
    if value != value or text in ("inf", "-inf"):
        return representer.represent_float(value)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return representer.represent_scalar("tag:yaml.org,2002:float", text)


def _ruamel(indent=(2, 4, 2)):
    from ruamel.yaml import YAML

    yml = YAML()  # round-trip mode: keeps comments and order on rewrite
    yml.width = 100_000  # never fold a sentence across lines
    mapping, sequence, offset = indent
    yml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yml.allow_unicode = True
    yml.preserve_quotes = True  # a value the person quoted stays quoted
    yml.representer.add_representer(str, _represent_str)
    yml.representer.add_representer(float, _represent_float)
    return yml


_KEY_OPENS_BLOCK = re.compile(r"^( *)[^\s#-][^:#]*:\s*(#.*)?$")


def guess_indent(text, default=(2, 4, 2)):
    """``(mapping, sequence, offset)`` indentation of a YAML text, as ruamel's ``indent()`` takes it.

    A person's file indented differently from factsheet's own (``- id:``
    flush with its parent key, say) keeps its style when rewritten.
    """
    mapping = sequence = offset = None
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for line, following in zip(lines, lines[1:]):
        opener = _KEY_OPENS_BLOCK.match(line)
        if not opener:
            continue
        base = len(opener.group(1))
        inner = len(following) - len(following.lstrip(" "))
        if following.lstrip(" ").startswith("- ") and sequence is None and inner >= base:
            after_dash = following[inner + 1:]
            offset = inner - base
            sequence = offset + 1 + len(after_dash) - len(after_dash.lstrip(" "))
        elif not following.lstrip(" ").startswith("-") and mapping is None and inner > base:
            mapping = inner - base
        if mapping is not None and sequence is not None:
            break
    mapping = mapping or default[0]
    if sequence is None:
        sequence, offset = default[1], default[2]
    return mapping, max(sequence, offset + 2), offset


def dump_yaml(data, header=None, like=None):
    """Serialise plain or round-trip data as block-style YAML for people to edit.

    :param header: comment lines to put first
    :param like: the text ``data`` was loaded from, whose indentation to keep
    """
    yml = _ruamel(guess_indent(like) if like else (2, 4, 2))
    stream = io.StringIO()
    yml.dump(data, stream)
    body = stream.getvalue()
    return (header or "") + body


def load_roundtrip(text):
    """Parse ``text`` with ruamel's round-trip loader (keeps comments and quotes) for rewriting."""
    return _ruamel().load(text)


def dump_record(record):
    """The fact file text for ``record``: header comment, then the YAML."""
    return dump_yaml(record_to_dict(record), HEADER.format(source=record.article.source))


def write_record(record, path):
    """Write ``record`` to ``path`` atomically."""
    write_atomic(path, dump_record(record))


def replace_fields(obj, **changes):
    """A copy of a record dataclass with ``changes`` applied."""
    return dataclasses.replace(obj, **changes)
