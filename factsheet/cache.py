"""Work on fact files that a build keeps between runs and spreads over processes.

A build checks every fact file (``factsheet check``'s problems) and loads
every one for the site; both parse YAML with positions, which is slow on a
large archive.  :class:`JsonCache` keeps each file's result in ``build/`` so
that a rebuild redoes only the files that changed, and
:func:`map_in_processes` spreads the files that must be done over processes.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

#: fewer items than this are done in this process: starting others costs more
PARALLEL_MIN_ITEMS = 32


class JsonCache:
    """Entries kept in one JSON file between runs, by file name, valid while ``key`` is the same.

    JSON, never pickle, so a cache file from elsewhere can never run code.
    :meth:`save` writes only the entries used in this run, so the entries of
    files that are gone drop out.

    :param path: the cache file (created on :meth:`save`)
    :param key: what every entry depends on besides its own files (see :func:`code_key`)
    """

    def __init__(self, path, key):
        self.path = Path(path)
        self.key = key
        self.entries, self.used, self.changed = {}, {}, False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("key") == key and isinstance(data.get("entries"), dict):
                self.entries = data["entries"]
        except (OSError, ValueError):
            pass

    def entry(self, name):
        """The stored entry for ``name`` (a dict), or None."""
        entry = self.entries.get(name)
        return entry if isinstance(entry, dict) else None

    def keep(self, name, entry):
        """Use a stored entry again in this run."""
        self.used[name] = entry

    def store(self, name, entry):
        """Remember a new entry."""
        self.used[name] = entry
        self.changed = True

    def save(self):
        """Write the entries used in this run, when they differ from the file's."""
        from .paths import write_atomic

        if not self.changed and set(self.used) == set(self.entries):
            return
        try:
            write_atomic(self.path, json.dumps({"key": self.key, "entries": self.used}, ensure_ascii=False))
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower


def code_key(version, modules, known=()):
    """A digest of factsheet's version, the source of ``modules`` (files of the package) and ``known``.

    :param version: the cache format's own version
    :param known: the registry's entity ids, which checks references against
    """
    from . import __version__

    digest = hashlib.sha256(f"{version} {__version__}".encode())
    here = Path(__file__).resolve().parent
    for name in modules:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    digest.update("\0".join(sorted(known)).encode())
    return digest.hexdigest()


def map_in_processes(func, items, jobs=1, **kwargs):
    """``[func(item, **kwargs) for item in items]``, spread over ``jobs`` processes when there are many."""
    if jobs <= 1 or len(items) < PARALLEL_MIN_ITEMS:
        return [func(item, **kwargs) for item in items]
    import functools
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        return list(pool.map(functools.partial(func, **kwargs), items,
                             chunksize=max(1, len(items) // (jobs * 4))))
