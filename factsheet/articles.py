"""Read article files into :class:`Article` objects: the first pipeline stage.

An article's ``text`` is what every evidence offset indexes, so it must be a
pure function of the file's bytes (``factsheet check`` and ``render`` read the
file again and slice it).  What ``text`` is depends on the format:

- **Plain text** (``.txt``, standard input): the decoded file itself, line
  endings normalised to ``\\n``.  The first line is the title; paragraphs are
  separated by blank lines, or are one per line when the file has no blank
  line (the seed's layout); a trailing copyright footer becomes metadata.
- **Markdown** (``.md``): a plain-text *rendering* of the body after the YAML
  front matter (:mod:`factsheet.markdown`): markup, links, images, HTML and
  code are gone, the title comes first, every block is one line, blocks are
  separated by a blank line (a text file's layout).  Offsets index the rendering, never the Markdown source, so markup
  can't leak into a quote; the file itself (``source``, ``sha256``) is the
  provenance.
- **Saved web pages** (``.html``): the same kind of rendering of the main
  text that trafilatura finds (:mod:`factsheet.html`), boilerplate dropped.

Metadata comes in layers, each winning over the one before:

1. what the text suggests: the title line, a copyright footer;
2. the file's own metadata: front matter, a page's ``<meta>`` tags;
3. the collection's ``index.csv`` row (``meta`` of :func:`read_article`);
4. the command line's ``--date`` (also ``meta``; the caller puts it last).

``--license`` is different: it only fills in a license nothing else states
(``defaults`` of :func:`read_article`), so it never overrides "All rights
reserved".
"""

from __future__ import annotations

import csv
import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ArticleError, RecordError
from .paths import sha256_bytes, slugify, unique_slug

#: suffixes read as articles when a folder is given
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
#: files in an article folder that document it rather than being articles
DOC_STEMS = ("README", "CREDITS", "LICENSE", "NOTICE")
#: metadata keys an article may carry (front matter, index.csv, command line)
META_KEYS = ("title", "published", "publisher", "url", "author", "license", "copyright", "dateline")
#: other names for them in front matter and index.csv columns
META_ALIASES = {"date": "published", "pubdate": "published", "published_at": "published",
                "date_published": "published", "datepublished": "published",
                "site_name": "publisher", "sitename": "publisher", "site": "publisher",
                "link": "url", "canonical": "url", "canonical_url": "url", "permalink": "url",
                "authors": "author", "byline": "author", "rights": "license", "headline": "title"}
#: article files larger than this are refused before they are read (a saved web page
#: with its scripts and inline images is a few MB; no news article is 10 MB)
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
#: articles whose text (the decoded file, or the rendering of a page) is longer than
#: this are refused: about 35,000 words, twenty times the longest example article,
#: and what extraction gets through in seconds rather than minutes
MAX_TEXT_CHARS = 200_000
#: a paragraph longer than this is read as several, cut after a sentence: spaCy and
#: the extraction rules take time that grows faster than a paragraph's length, and no
#: paragraph of news is this long (the example articles' longest is about 1,000)
MAX_PARAGRAPH_CHARS = 5_000

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF", b"MZ")
#: a paragraph that is a rights notice rather than news: it starts like a
#: copyright line, or says the text is reserved ("Copyright law" does neither)
_FOOTER = re.compile(r"^\W{0,3}(?:copyright\s*(?:©\s*)?(?:\(c\)\s*)?\d{4}|©|\(c\)\s*\d{4})"
                     r"|all rights reserved|may not be (?:re)?published|not be (?:re)?distributed", re.I)
_YEARS = r"\d{4}(?:\s*[-–]\s*\d{2,4})?"
_COPYRIGHT_LINE = re.compile(
    r"((?:copyright|©)\s*(?:©\s*)?(?:\(c\)\s*)?" + _YEARS + r"[,\s]+(?:by\s+)?"
    r"[^.|]*?(?:\b(?:inc|ltd|llc|co|corp|plc|s\.a|gmbh|ag)\.)?)(?=\s*(?:[.|;]|all rights|$))", re.I)
_COPYRIGHT_PREFIX = re.compile(r"^(?:copyright|©)\s*(?:©\s*)?(?:\(c\)\s*)?" + _YEARS + r"[,\s]+(?:by\s+)?", re.I)
#: sentence-final punctuation, closing quotes and brackets allowed after it
_SENTENCE_END = re.compile(r"[.!?:…][\"'”’»)\]]*$|[\"”’»]$")
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u202f]+")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: a paragraph that is only a date (Wikinews' "Wednesday, February 12, 2020"), maybe with a time
_DATE_LINE = re.compile(
    r"^(?:(?:published|posted|updated)(?:\s+on)?:?\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH
    + r",?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\W{0,3}$", re.I)
#: headings of the sections that close a page and are not the article
_BACK_MATTER = re.compile(r"^(?:sources?|references|related(?: news| articles| stories| coverage)?|see also|"
                          r"external links|read more|more on this story|further reading|notes|"
                          r"(?:more )?from (?:around )?the web|recommended|most (?:read|popular))\W*$", re.I)


@dataclass
class Article:
    """One article, decoded, with the offsets of its parts."""

    #: the file it came from, relative to the project when possible ("-" for stdin)
    source: str
    #: sha256 of the raw bytes
    sha256: str
    #: the decoded text (plain text) or its plain-text rendering (Markdown, HTML);
    #: evidence offsets index this string
    text: str
    title: str
    slug: str
    #: (start, end) offsets of each body paragraph in ``text``
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    #: publisher, published, copyright, license, url, author, dateline
    meta: dict = field(default_factory=dict)
    #: "text", "markdown" or "html": how ``text`` was made from the file
    format: str = "text"

    @property
    def body(self):
        """The paragraphs joined, for callers that only need the words."""
        return "\n\n".join(self.text[s:e] for s, e in self.paragraphs)


# -- decoding ------------------------------------------------------------------

def check_binary(raw, name):
    """Raise :class:`ArticleError` when ``raw`` is an image, PDF, archive or executable."""
    if raw.startswith(_BINARY_MAGIC) or (b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise ArticleError(f"{name}: not a text file (binary data such as an image or PDF) "
                           "(give a .txt, .md or .html article)")


def _wide_encoding(raw):
    """"utf-32", "utf-16" (a BOM says so), "utf-16-le"/"-be" (ASCII-range text with a NUL
    every other byte, as Windows' Notepad saves "Unicode" without a BOM), else None."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = raw[:4096]
    if len(head) >= 4 and len(raw) % 2 == 0:
        even, odd = head[0::2], head[1::2]
        for zeros, letters, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
            if zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) == 0:
                return encoding
    return None


def decode(raw, name, encoding=None):
    """Decode article bytes: a BOM's encoding, ``encoding`` if given, UTF-8, else Windows-1252.

    :param encoding: the encoding the file declares (an HTML ``<meta charset>``
        or an HTTP header); tried after a BOM and before UTF-8
    Raises :class:`ArticleError` for binary data (images, PDFs, executables).
    """
    wide = _wide_encoding(raw)
    if wide:
        try:
            text = raw.decode(wide)
        except UnicodeDecodeError:
            raise ArticleError(f"{name}: not a text file (broken {wide.upper()}) "
                               "(save the article as UTF-8 text)") from None
        text = text[1:] if text.startswith("\ufeff") else text
        if _controls(text) > 8:  # a BOM followed by binary data
            raise ArticleError(f"{name}: not a text file (undecodable bytes) (save the article as UTF-8 text)")
        return text
    check_binary(raw, name)
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    if encoding:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to the usual guesses
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if _controls(text) > 8:  # ASCII control codes, not words
            raise ArticleError(f"{name}: not a text file (control characters) (save the article as UTF-8 text)")
        return text
    text = raw.decode("cp1252", errors="replace")
    if _controls(text) > 8 or text.count("\ufffd") > max(8, len(text) // 100):
        raise ArticleError(f"{name}: not a text file (undecodable bytes) (save the article as UTF-8 text)")
    return text


def _controls(text):
    """How many control characters (other than line breaks and tabs) open ``text``: many means binary."""
    return sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")


def normalise_newlines(text):
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; offsets index the result."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def squash(text):
    """Collapse runs of whitespace (and no-break spaces) to one space, trimmed: one line of a rendering."""
    return _SPACES.sub(" ", text).strip()


# -- plain text ----------------------------------------------------------------

def _is_hard_wrapped(lines):
    """True when a block's line breaks fall inside sentences (text wrapped at ~72 columns)."""
    inner = lines[:-1]
    if not inner or any(len(line) > 100 for line in inner):
        return False
    return not all(_SENTENCE_END.search(line.rstrip()) for line in inner)


def split_paragraphs(text, start, end):
    """Offsets of the paragraphs of ``text[start:end]``.

    Blank lines separate paragraphs when the text has any; otherwise each line
    is a paragraph (the layout of one paragraph per line).  A block between
    blank lines whose lines each end a sentence is one paragraph per line too
    (a title and a blank line above one-per-line paragraphs); a hard-wrapped
    block stays one paragraph.
    """
    chunk = text[start:end]
    blank = re.search(r"\n[ \t]*\n", chunk)
    separator = r"\n[ \t]*\n\s*" if blank else r"\n\s*"
    spans, pos = [], 0
    for match in re.finditer(separator, chunk):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(chunk)))
    out = []
    for s, e in spans:
        piece = chunk[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail <= lead:
            continue
        s, e = s + lead, s + trail
        lines = chunk[s:e].split("\n")
        if blank and len(lines) > 1 and not _is_hard_wrapped([line.strip() for line in lines]):
            out.extend(split_paragraphs(text, start + s, start + e))
        else:
            out.append((start + s, start + e))
    return out


def parse_footer(line):
    """Copyright and license facts from a footer line, e.g. the seed's Nexstar line."""
    meta = {}
    match = _COPYRIGHT_LINE.search(line)
    if match:
        meta["copyright"] = match.group(1).strip().rstrip(",;")
        holder = _COPYRIGHT_PREFIX.sub("", meta["copyright"]).strip()
        if holder and not re.match(r"^(all rights|the )?$", holder, re.I):
            meta["publisher"] = holder
    if re.search(r"all rights reserved|may not be (re)?published|not be (re)?distributed", line, re.I):
        meta["license"] = "All rights reserved"
    return meta


def is_footer(paragraph):
    """True when a paragraph is a copyright or rights notice, not news."""
    return len(paragraph) < 400 and bool(_FOOTER.search(paragraph.strip()))


def strip_footer(text, paragraphs, meta):
    """Drop trailing rights notices from ``paragraphs``; their facts fill gaps in ``meta``.

    Returns the remaining paragraphs.  A notice never becomes a fact.
    """
    paragraphs = list(paragraphs)
    while paragraphs and is_footer(text[paragraphs[-1][0]:paragraphs[-1][1]]):
        for key, value in parse_footer(text[paragraphs[-1][0]:paragraphs[-1][1]]).items():
            meta.setdefault(key, value)
        paragraphs.pop()
    return paragraphs


def is_dateline(paragraph):
    """True when a paragraph is only a date (and maybe a time): a dateline, not news."""
    return len(paragraph) < 60 and bool(_DATE_LINE.match(paragraph.strip()))


def strip_dateline(text, paragraphs, meta):
    """Drop a first paragraph that is only a date; it suggests ``published`` (filling a gap only)."""
    if paragraphs and is_dateline(text[paragraphs[0][0]:paragraphs[0][1]]):
        line = text[paragraphs[0][0]:paragraphs[0][1]]
        try:
            meta.setdefault("published", normalise_date(re.sub(r"^\W*(published|posted|updated)(\s+on)?:?\s*", "",
                                                               line.strip(), flags=re.I).rstrip(" .,;:"), "dateline"))
        except ArticleError:
            pass
        return list(paragraphs[1:])
    return list(paragraphs)


_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+")


def bound_paragraphs(text, paragraphs, limit=MAX_PARAGRAPH_CHARS):
    """``paragraphs`` with each one longer than ``limit`` cut into pieces of at most ``limit``.

    A piece ends after the last sentence end that fits, else at the last space,
    else at ``limit`` itself; pieces are trimmed like paragraphs.  Only
    the offsets change, never ``text``: evidence still indexes the same string.
    """
    out = []
    for start, end in paragraphs:
        while end - start > limit:
            window = text[start:start + limit]
            cut = None
            for match in _SENTENCE_BREAK.finditer(window):
                cut = match.end()
            if cut is None or cut < limit // 4:
                space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
                cut = space + 1 if space > limit // 4 else limit
            piece = text[start:start + cut]
            trimmed = piece.rstrip()
            if trimmed:
                out.append((start, start + len(trimmed)))
            start += cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            out.append((start, end))
    return out


def parse_text(text, name):
    """Split decoded plain text into ``(title, paragraphs, meta)``; paragraphs index ``text``.

    Markdown is not plain text: see :func:`factsheet.markdown.render_markdown`.
    """
    meta = {}
    paragraphs = split_paragraphs(text, 0, len(text))
    title = None
    if paragraphs:
        first_start, first_end = paragraphs[0]
        line_end = text.find("\n", first_start, first_end)
        line_end = first_end if line_end < 0 else line_end
        title = text[first_start:line_end].strip()
        rest = split_paragraphs(text, line_end, first_end) if line_end < first_end else []
        paragraphs = rest + paragraphs[1:]
    paragraphs = strip_dateline(text, paragraphs, meta)
    paragraphs = strip_footer(text, paragraphs, meta)
    find_dateline(text, paragraphs, meta)
    return title or "", paragraphs, meta


_PLACE_DATELINE = re.compile(r"^((?:[A-Z][A-Z.'’-]+)(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)?)?"
                             r"(?: \([^)]{1,40}\))?)\s*(?:—|–|--|-)\s+")


def find_dateline(text, paragraphs, meta):
    """A wire-style dateline opening the body ("WASHINGTON (AP) — ...") becomes ``dateline``.

    The text is left as it is, so offsets are unchanged; the dateline is
    metadata, not a fact.
    """
    if not paragraphs or meta.get("dateline"):
        return
    match = _PLACE_DATELINE.match(text[paragraphs[0][0]:paragraphs[0][1]])
    if match and sum(c.isupper() for c in match.group(1)) >= 3:
        meta["dateline"] = match.group(1).strip()


# -- rendered formats (Markdown, HTML) ---------------------------------------

def back_matter(blocks):
    """The index of the first block of a closing "Sources", "Related" or "See also" section, else None."""
    seen_paragraph = False
    for i, (kind, line) in enumerate(blocks):
        if kind == "paragraph":
            seen_paragraph = True
        elif kind == "heading" and seen_paragraph and _BACK_MATTER.match(squash(line)):
            return i
    return None


def with_title(blocks, title):
    """``blocks`` opening with the title as a heading, like a text file's first line.

    The title (from front matter or the page's metadata) goes first unless the
    body already opens with it, so the headline is part of the text that the
    extractor reads, whatever the format.
    """
    blocks = list(blocks)
    title = squash(title or "")
    if title and not (blocks and blocks[0][0] == "heading" and squash(blocks[0][1]) == title):
        blocks.insert(0, ("heading", title))
    return blocks


def assemble(blocks):
    """Lay out rendered blocks as article text: ``(text, paragraphs)``.

    :param blocks: ``(kind, line)`` pairs in reading order; ``kind`` is
        "paragraph" or "heading", ``line`` one line of plain text.  Blocks are
        joined with a blank line; only paragraphs become ``paragraphs`` (a
        heading is not a sentence of news), and none after a closing
        "Sources" or "See also" heading (lists of links, not news).
    """
    blocks = [(kind, line) for kind, line in blocks if squash(line)]
    cut = back_matter(blocks)
    if cut is not None:
        blocks = blocks[:cut] + [("back", line) for _, line in blocks[cut:]]
    parts, paragraphs, pos = [], [], 0
    for kind, line in blocks:
        line = squash(line)
        if not line:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(line)
        if kind == "paragraph":
            paragraphs.append((pos, pos + len(line)))
        pos += len(line)
    return "".join(parts), paragraphs


# -- metadata --------------------------------------------------------------------

def normalise_date(value, where):
    """An ISO date (``YYYY-MM-DD``, or ``YYYY-MM``/``YYYY``) from a date, datetime or string.

    Strings such as "April 25, 2022" or "Mon, 25 Apr 2022 13:26:00 GMT" are
    parsed with dateparser.  Raises :class:`ArticleError` naming ``where`` when
    the value is no date.
    """
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)", text)
    if match:
        try:
            return _dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            pass
    elif re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", text):
        return text
    else:
        import dateparser  # slow to import; only for dates that are not ISO

        parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                                                      "REQUIRE_PARTS": ["year"]})
        if parsed is not None:
            return parsed.date().isoformat()
    raise ArticleError(f"{where}: {text!r} is not a date (write it as YYYY-MM-DD)")


def meta_value(key, value, where):
    """Clean one metadata value: lists are joined, dates made ISO; None when empty."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        items = [meta_value(key, item, where) for item in value]
        value = ", ".join(item for item in items if item)
    elif isinstance(value, dict):
        value = value.get("name") or value.get("url") or None
        if value is None:
            return None
    if key == "published":
        return normalise_date(value, where) if str(value).strip() else None
    value = squash(str(value))
    return value or None


def clean_meta(data, where):
    """Metadata keys from a mapping (front matter, a CSV row): aliases resolved, values cleaned."""
    meta = {}
    for key, value in data.items():
        key = str(key).strip().lower().replace("-", "_")
        if key == "source":  # a web address, or a note on where the text came from (the corpus's index)
            key = "url" if isinstance(value, str) and re.match(r"https?://", value.strip(), re.I) else ""
        key = META_ALIASES.get(key, key)
        if key in META_KEYS and key not in meta:
            cleaned = meta_value(key, value, f"{where}: `{key}`")
            if cleaned:
                meta[key] = cleaned
    return meta


def split_front_matter(text, name):
    """``(front matter mapping, offset of the body)`` of a Markdown text; ``({}, 0)`` without one.

    Raises :class:`ArticleError` for front matter that is not a YAML mapping.
    """
    match = re.match(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(\n|$)", text, re.S)
    if not match:
        return {}, 0
    from .records import load_yaml  # safe: no objects, no aliases (an alias bomb), bounded nesting

    try:
        data, _ = load_yaml(match.group(1) or "", name)
    except RecordError as exc:
        problem = exc.problems[0]
        what = problem.message.removeprefix("invalid YAML: ").replace(" in fact files", "")
        hint = "quote values that contain ': '" if "mapping values" in what or not problem.hint else problem.hint
        if "fact files hold" in hint:  # the hints speak of fact files
            hint = "write `key: value` lines" if "nested" in what else \
                "remove the !!tag; front matter holds plain text, dates and lists"
        raise ArticleError(f"{name}:{problem.line + 1}: invalid YAML front matter ({what}) ({hint})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError(f"{name}:2: front matter must be a mapping of keys such as title and date "
                           "(write `title: ...` lines between the --- markers)")
    return data, match.end()


def read_index(folder):
    """Per-file metadata from ``folder/index.csv``, keyed by the ``file`` column (empty if none).

    Keys are paths relative to ``folder`` in ``/`` form (``a.txt``,
    ``2019/b.md``).  Columns are matched case-insensitively; ``date`` may be
    ISO or any date dateparser reads.
    """
    index_path = Path(folder) / "index.csv"
    if not index_path.is_file():
        return {}
    out = {}
    try:
        with index_path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "file" not in [f.strip().lower() for f in reader.fieldnames if f]:
                raise ArticleError(f"{index_path}:1: index.csv has no `file` column "
                                   "(the first row must name columns, e.g. file,title,date,url,license)")
            for row in reader:
                row = {str(k).strip().lower(): (v or "").strip() for k, v in row.items()
                       if k and isinstance(v, (str, type(None)))}
                file = row.pop("file", "").replace("\\", "/")
                while file.startswith("./"):
                    file = file[2:]
                if file:
                    out[file] = clean_meta(row, f"{index_path}:{reader.line_num}")
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ArticleError(f"{index_path}: cannot read index.csv ({exc}) (save it as UTF-8 CSV)") from None
    except OSError as exc:
        raise ArticleError(f"{index_path}: cannot read index.csv ({exc.strerror})") from None
    return out


# -- reading -----------------------------------------------------------------------

def article_format(path, raw):
    """"text", "markdown" or "html" for a file name (``-``: sniffed from the bytes)."""
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if str(path) == "-":  # standard input has no name: look at the start
        head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<body" in raw[:65536].lower()):
            return "html"
        if re.match(rb"---[ \t]*\r?\n", head):
            return "markdown"
    return "text"


def too_big(name, size=None):
    """The error for an article over :data:`MAX_ARTICLE_BYTES` (``size`` None: standard input, read in part)."""
    limit = f"the limit of {MAX_ARTICLE_BYTES // (1024 * 1024)} MB for one article (split it into articles)"
    if size is None:
        return ArticleError(f"{name}: standard input holds more than {limit}")
    return ArticleError(f"{name}: file is {size / (1024 * 1024):.1f} MB, over {limit}")


def read_limited(path, limit=MAX_ARTICLE_BYTES):
    """The bytes of ``path``, refused without being read when over ``limit`` (bounded memory)."""
    name = str(path)
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise too_big(name, size)
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)  # the file may have grown since
    except OSError as exc:
        raise ArticleError(f"{name}: cannot read file ({exc.strerror}) (check the path)") from None
    if len(raw) > limit:
        raise too_big(name, os.stat(path).st_size)
    return raw


def read_article(path, project_root=None, meta=None, raw=None, taken_slugs=None, defaults=None):
    """Read one article file into an :class:`Article`.

    :param path: the file (``.txt``, ``.md`` or ``.html``), or "-" with ``raw`` for stdin
    :param project_root: ``source`` is written relative to it when possible
    :param meta: metadata that wins over what the file says (index.csv, then the command line)
    :param raw: the bytes, when already read (stdin)
    :param taken_slugs: slugs already used in this batch; the new slug is made unique
    :param defaults: metadata used only where nothing else gives a value (``--license``)

    Raises :class:`ArticleError` (one line naming the file) for a file that
    cannot be read or decoded, is over :data:`MAX_ARTICLE_BYTES` (refused
    unread), is empty, or whose text is over :data:`MAX_TEXT_CHARS`.
    Paragraphs over :data:`MAX_PARAGRAPH_CHARS` are cut in pieces.
    """
    path = Path(path)
    name = str(path)
    if raw is None:
        raw = read_limited(path)
    elif len(raw) > MAX_ARTICLE_BYTES:
        raise too_big(name, None if name == "-" else len(raw))
    fmt = article_format(path, raw)
    if fmt == "html":
        try:
            from .html import parse_html  # trafilatura is heavy; import on demand
        except ImportError as exc:  # e.g. lxml_html_clean missing from a hand-made environment
            raise ArticleError(f"{name}: cannot read web pages ({exc}) (run `pip install -e .` to install "
                               "trafilatura and its dependencies)") from None
        text, title, paragraphs, file_meta = parse_html(raw, name)
    elif fmt == "markdown":
        from .markdown import parse_markdown

        text, title, paragraphs, file_meta = parse_markdown(raw, name)
    else:
        text = normalise_newlines(decode(raw, name))
        title, paragraphs, file_meta = parse_text(text, name)
    if not text.strip():
        raise ArticleError(f"{name}: the article is empty (nothing to extract) "
                           "(write its title on the first line and its text below it)")
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleError(f"{name}: the article's text is {len(text):,} characters, over the limit of "
                           f"{MAX_TEXT_CHARS:,} for one article (split it into articles)")
    paragraphs = bound_paragraphs(text, paragraphs)
    merged = {**{k: v for k, v in (defaults or {}).items() if v},
              **file_meta, **{k: v for k, v in (meta or {}).items() if v}}
    title = merged.pop("title", None) or title or path.stem
    source = name
    if project_root is not None and name != "-":
        try:
            source = path.resolve().relative_to(Path(project_root).resolve()).as_posix()
        except ValueError:
            source = path.as_posix()
    slug = slugify(path.stem if name != "-" else title, fallback="article")
    if taken_slugs is not None:
        slug = unique_slug(slug, taken_slugs)
    return Article(source=source, sha256=sha256_bytes(raw), text=text, title=title, slug=slug,
                   paragraphs=paragraphs, meta=merged, format=fmt)


def find_articles(paths):
    """Expand files and folders into ``(path, index_meta)`` pairs, sorted, folders recursively.

    A file's ``index_meta`` is its row in the nearest ``index.csv`` that lists
    it: in its own folder, or in a folder above it up to the folder given.
    """
    found = []
    for given in paths:
        given = Path(given)
        if given.is_dir():
            for file in sorted(given.rglob("*")):
                rel = file.relative_to(given).parts
                if (file.is_file() and file.suffix.lower() in ARTICLE_SUFFIXES
                        and not any(part.startswith(".") for part in rel)
                        and file.stem.upper() not in DOC_STEMS):
                    found.append((file, given))
        elif given.is_file() or str(given) == "-":
            found.append((given, given.parent))
        else:
            raise ArticleError(f"{given}: no such file or folder (give article files or folders)")
    indexes = {}
    out = []
    for file, top in found:
        meta = {}
        if str(file) != "-":
            folder = file.parent
            while True:
                if folder not in indexes:
                    indexes[folder] = read_index(folder)
                key = file.relative_to(folder).as_posix()
                if key in indexes[folder]:
                    meta = indexes[folder][key]
                    break
                if folder == top or folder.parent == folder or top not in folder.parents:
                    break
                folder = folder.parent
        out.append((file, meta))
    return out
