"""Read article files into :class:`Article` objects: the first pipeline stage.

An article's ``text`` is what every evidence offset indexes: the decoded file
with line endings normalised to ``\\n``.  The reader also finds the title, the
body paragraphs (as offsets into ``text``) and a copyright footer, and merges
metadata from the file itself, a folder's ``index.csv`` and the command line
(later sources win).
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ArticleError
from .paths import sha256_bytes, slugify, unique_slug

#: suffixes read as articles when a folder is given
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
#: files in an article folder that document it rather than being articles
DOC_STEMS = ("README", "CREDITS", "LICENSE", "NOTICE")
#: metadata keys an article may carry (front matter, index.csv, command line)
META_KEYS = ("title", "published", "publisher", "url", "author", "license", "copyright", "dateline")
#: articles larger than this are refused (they are not news articles)
MAX_ARTICLE_BYTES = 64 * 1024 * 1024

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF", b"MZ")
_FOOTER = re.compile(r"(copyright\b|©|\(c\)\s*\d{4}|all rights reserved|may not be (re)?published)", re.I)
_COPYRIGHT_LINE = re.compile(r"((?:copyright|©)\s*(?:©\s*)?(?:\(c\)\s*)?\d{4}(?:[-–]\d{2,4})?\s+[^.]*?(?:\b(?:inc|ltd|llc|co|corp|plc)\.)?)(?=\s*(?:\.|all rights|$))", re.I)


@dataclass
class Article:
    """One article, decoded, with the offsets of its parts."""

    #: the file it came from, relative to the project when possible ("-" for stdin)
    source: str
    #: sha256 of the raw bytes
    sha256: str
    #: the decoded text; evidence offsets index this string
    text: str
    title: str
    slug: str
    #: (start, end) offsets of each body paragraph in ``text``
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    #: publisher, published, copyright, license, url, author, dateline
    meta: dict = field(default_factory=dict)

    @property
    def body(self):
        """The paragraphs joined, for callers that only need the words."""
        return "\n\n".join(self.text[s:e] for s, e in self.paragraphs)


def decode(raw, name):
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Raises :class:`ArticleError` for binary data (images, PDFs, executables).
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError(f"{name}: not a text file (broken UTF-16) (save the article as UTF-8 text)") from None
    if raw.startswith(_BINARY_MAGIC) or b"\x00" in raw[:4096]:
        raise ArticleError(f"{name}: not a text file (binary data such as an image or PDF) "
                           "(give a .txt, .md or .html article)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1252", errors="replace")
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 8 or text.count("\ufffd") > max(8, len(text) // 100):
        raise ArticleError(f"{name}: not a text file (undecodable bytes) (save the article as UTF-8 text)")
    return text


def normalise_newlines(text):
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; offsets index the result."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_paragraphs(text, start, end):
    """Offsets of the paragraphs of ``text[start:end]``.

    Blank lines separate paragraphs when the text has any; otherwise each line
    is a paragraph (the layout of one paragraph per line).
    """
    chunk = text[start:end]
    separator = r"\n[ \t]*\n\s*" if re.search(r"\n[ \t]*\n", chunk) else r"\n\s*"
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
        if trail > lead:
            out.append((start + s + lead, start + s + trail))
    return out


def parse_footer(line):
    """Copyright and license facts from a footer line, e.g. the seed's Nexstar line."""
    meta = {}
    match = _COPYRIGHT_LINE.search(line)
    if match:
        meta["copyright"] = match.group(1).strip().rstrip(",;")
        holder = re.sub(r"^(?:copyright|©)\s*(?:©\s*)?(?:\(c\)\s*)?\d{4}(?:[-–]\d{2,4})?\s+", "", meta["copyright"], flags=re.I)
        if holder:
            meta["publisher"] = holder.strip()
    if re.search(r"all rights reserved|may not be (re)?published|not be redistributed", line, re.I):
        meta["license"] = "All rights reserved"
    return meta


def _is_footer(paragraph):
    return len(paragraph) < 400 and bool(_FOOTER.search(paragraph))


def _front_matter(text, name):
    match = re.match(r"---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(\n|$)", text, re.S)
    if not match:
        return {}, 0
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise ArticleError(f"{name}:{line}: invalid YAML front matter ({getattr(exc, 'problem', exc)}) "
                           "(quote values that contain ': ')") from None
    if not isinstance(data, dict):
        raise ArticleError(f"{name}:1: front matter must be a mapping of keys such as title and date "
                           "(write `title: ...` lines between the --- markers)")
    meta = {}
    for key, value in data.items():
        key = str(key).lower()
        key = {"date": "published", "site_name": "publisher", "source": "url", "link": "url"}.get(key, key)
        if key in META_KEYS and value is not None:
            meta[key] = _iso(value) if key == "published" else str(value)
    return meta, match.end()


def _iso(value):
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", text)
    return match.group(1) if match else text


def parse_text(text, name, markdown=False):
    """Split decoded text into (title, paragraphs, meta), the layout of ``.txt`` and ``.md``."""
    meta, offset = _front_matter(text, name) if markdown else ({}, 0)
    paragraphs = split_paragraphs(text, offset, len(text))
    title = meta.get("title")
    if markdown and paragraphs:
        first = text[paragraphs[0][0]:paragraphs[0][1]]
        if first.startswith("# "):
            title = title or first[2:].strip()
            paragraphs = paragraphs[1:]
    if title is None and paragraphs:
        first_start, first_end = paragraphs[0]
        line_end = text.find("\n", first_start, first_end)
        line_end = first_end if line_end < 0 else line_end
        title = text[first_start:line_end].strip()
        rest = split_paragraphs(text, line_end, first_end) if line_end < first_end else []
        paragraphs = rest + paragraphs[1:]
    while paragraphs and _is_footer(text[paragraphs[-1][0]:paragraphs[-1][1]]):
        footer = parse_footer(text[paragraphs[-1][0]:paragraphs[-1][1]])
        for key, value in footer.items():
            meta.setdefault(key, value)
        paragraphs = paragraphs[:-1]
    return title or "", paragraphs, meta


def read_index(folder):
    """Per-file metadata from ``folder/index.csv``, keyed by file name (empty if none)."""
    index_path = Path(folder) / "index.csv"
    if not index_path.is_file():
        return {}
    out = {}
    try:
        with index_path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "file" not in [f.strip().lower() for f in reader.fieldnames]:
                raise ArticleError(f"{index_path}:1: index.csv has no `file` column "
                                   "(the first row must name columns, e.g. file,title,date,url,license)")
            for row in reader:
                row = {str(k).strip().lower(): (v or "").strip() for k, v in row.items() if k}
                meta = {}
                for key, value in row.items():
                    key = {"date": "published", "site_name": "publisher"}.get(key, key)
                    if key in META_KEYS and value:
                        meta[key] = _iso(value) if key == "published" else value
                if row.get("file"):
                    out[row["file"]] = meta
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ArticleError(f"{index_path}: cannot read index.csv ({exc}) (save it as UTF-8 CSV)") from None
    return out


def read_article(path, project_root=None, meta=None, raw=None, taken_slugs=None):
    """Read one article file into an :class:`Article`.

    :param path: the file (``.txt``, ``.md`` or ``.html``), or "-" with ``raw`` for stdin
    :param project_root: ``source`` is written relative to it when possible
    :param meta: metadata that wins over what the file says (index.csv, command line)
    :param raw: the bytes, when already read (stdin)
    :param taken_slugs: slugs already used in this batch; the new slug is made unique
    """
    path = Path(path)
    name = str(path)
    if raw is None:
        try:
            if path.stat().st_size > MAX_ARTICLE_BYTES:
                raise ArticleError(f"{name}: file is over {MAX_ARTICLE_BYTES // (1024 * 1024)} MB "
                                   "(split it into articles)")
            raw = path.read_bytes()
        except OSError as exc:
            raise ArticleError(f"{name}: cannot read file ({exc.strerror}) (check the path)") from None
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        from .html import parse_html  # trafilatura is heavy; import on demand

        text, title, paragraphs, file_meta = parse_html(raw, name)
    else:
        text = normalise_newlines(decode(raw, name))
        title, paragraphs, file_meta = parse_text(text, name, markdown=suffix in (".md", ".markdown"))
    merged = {**file_meta, **{k: v for k, v in (meta or {}).items() if v}}
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
                   paragraphs=paragraphs, meta=merged)


def find_articles(paths):
    """Expand files and folders into ``(path, index_meta)`` pairs, sorted, folders recursively."""
    found = []
    for given in paths:
        given = Path(given)
        if given.is_dir():
            for file in sorted(given.rglob("*")):
                if (file.is_file() and file.suffix.lower() in ARTICLE_SUFFIXES and not file.name.startswith(".")
                        and file.stem.upper() not in DOC_STEMS):
                    found.append(file)
        elif given.is_file() or str(given) == "-":
            found.append(given)
        else:
            raise ArticleError(f"{given}: no such file or folder (give article files or folders)")
    indexes = {}
    out = []
    for file in found:
        folder = file.parent
        if folder not in indexes:
            indexes[folder] = read_index(folder) if str(file) != "-" else {}
        out.append((file, indexes[folder].get(file.name, {})))
    return out
