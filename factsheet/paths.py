"""Small file helpers shared by every stage: slugs, hashes and atomic writes."""

import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

#: Windows device names, unsafe as file names on any platform we publish to
_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
_MAX_SLUG = 80
_MAX_SLUG_BYTES = 120


def slugify(text, fallback="item"):
    """Turn ``text`` into a lowercase slug safe as a file name and URL part.

    Accents are folded ("António" -> "antonio"), scripts without a Latin
    transliteration keep their letters, and everything else becomes ``-``.
    The result never contains a path separator, never starts with a dot, is at
    most 80 characters and 120 bytes of UTF-8 (so ``SLUG-2.yaml`` and its
    temporary file fit a file name's 255 bytes in any script), and is never a
    reserved device name such as ``con``.

    :param text: any string, possibly hostile (``../../etc/passwd``)
    :param fallback: returned when nothing usable is left
    """
    folded = unicodedata.normalize("NFKD", str(text))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    # NFKD splits Hangul syllables into letters that are not accents: put them together again
    folded = unicodedata.normalize("NFC", folded)
    folded = folded.replace("’", "").replace("'", "").casefold()
    slug = re.sub(r"[^\w]+", "-", folded, flags=re.UNICODE).replace("_", "-")
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    if len(slug) > _MAX_SLUG or len(slug.encode("utf-8")) > _MAX_SLUG_BYTES:
        cut = slug[:_MAX_SLUG]
        while len(cut.encode("utf-8")) > _MAX_SLUG_BYTES:
            cut = cut[:-1]
        slug = cut.rsplit("-", 1)[0] or cut
    if not slug:
        slug = fallback
    if slug in _RESERVED:
        slug = f"{slug}-{fallback or 'item'}"
    return slug


def unique_slug(slug, taken):
    """Return ``slug``, or ``slug-2``, ``slug-3``... the first not in ``taken``; adds it to ``taken``."""
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def assign_slug(base, taken, owned=(), occupied=(), vacant=()):
    """The slug (fact file name) of one article: its own file's, else ``base`` made unique.

    Slugs must be stable: the fact file of an article keeps its name across
    runs and when other articles are added, whatever order they come in, so
    an article never takes over another's file (and its edits).

    :param base: the slug the article's name or title gives (:func:`slugify`)
    :param taken: slugs already given in this run; the result is added to it
    :param owned: slugs of existing fact files that belong to this article
        (same source file; for standard input, the same bytes)
    :param occupied: slugs of existing fact files that belong to other articles
    :param vacant: slugs of existing fact files whose article is gone, or
        that name none: the article whose ``base`` it is may have it (a moved article)
    """
    for slug in sorted(owned, key=lambda s: (s != base, len(s), s)):
        if slug not in taken:
            taken.add(slug)
            return slug
    candidate, n = base, 2
    while candidate in taken or candidate in occupied or (candidate in vacant and candidate != base):
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def sha256_bytes(data):
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def short_hash(*parts, length=8):
    """A short, stable hex digest of the joined ``parts`` (for ids)."""
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:length]


def write_atomic(path, data, durable=True):
    """Write ``data`` (str or bytes) to ``path`` via a temp file and rename.

    A crash or Ctrl-C mid-write leaves the previous file untouched, because the
    rename is the only step that changes what ``path`` points to.  The new file
    gets the old file's permissions (or the umask's, for a new file): the temp
    file is created private, and a fact file must not turn unreadable to the
    group because it was re-extracted.

    :param durable: sync the file and its folder to disk; files any build makes
        again (rendered pages) skip it, because syncing thousands of pages cost
        more than rendering them
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    # the temp name stays short: a long file name plus a prefix and suffix could pass 255 bytes
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:64]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if durable:
        _fsync_dir(path.parent)


def _umask():
    """The process umask, read without changing it where the OS allows (``os.umask`` is process-wide)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def _fsync_dir(folder):
    """Make the rename itself durable (best effort: not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_if_changed(path, text, durable=True):
    """Write ``text`` atomically unless ``path`` already holds exactly it; return True if written.

    An unchanged file keeps its modification time, which is how MkDocs'
    incremental build knows what to rebuild.  ``durable`` is :func:`write_atomic`'s.
    """
    path = Path(path)
    raw = text.encode("utf-8")
    try:
        if path.stat().st_size == len(raw) and path.read_bytes() == raw:
            return False
    except OSError:
        pass
    write_atomic(path, raw, durable=durable)
    return True


def is_inside(path, folder):
    """True when ``path`` resolves to a location inside ``folder``."""
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False
