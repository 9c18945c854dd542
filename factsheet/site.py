"""Run MkDocs on the rendered pages: build, serve and deploy the site.

The project's own ``mkdocs.yml`` is the user's; factsheet only points its
``docs_dir`` at the rendered pages.  A build writes into a temporary folder
next to ``site/`` and swaps it in only when MkDocs succeeded, so a failed
build leaves the previous site in place; a lock file keeps two builds of one
project from interleaving.

A build can be incremental: when the last build's state (``build/site-state.json``)
shows the same configuration, theme and versions, the old site is copied into
the temporary folder and MkDocs rebuilds only the pages whose Markdown is newer
than their HTML (its ``dirty`` build).  factsheet then does what MkDocs' dirty
build leaves undone: it deletes the pages of Markdown files that are gone, and
puts the unchanged pages' entries back into the search index, so the result
equals a full build.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError, DeployError
from .render import merge_spans


@dataclass
class BuildReport:
    """What an MkDocs build said and did."""

    warnings: list[str] = field(default_factory=list)
    #: the whole step: MkDocs, the search index and the swap
    seconds: float = 0.0
    #: True when only changed pages were rebuilt
    incremental: bool = False
    #: why a full build ran when an incremental one was asked for ("" otherwise)
    full_reason: str = ""
    #: pages of the site, and how many MkDocs (re)built
    pages: int = 0
    rebuilt: int = 0
    #: seconds spent in MkDocs, and in Pagefind (0 with lunr, which MkDocs builds)
    mkdocs_seconds: float = 0.0
    search_seconds: float = 0.0


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []
        self.errors = []

    def emit(self, record):
        message = " ".join(record.getMessage().split())
        self.messages.append(message)
        if record.levelno >= logging.ERROR:
            self.errors.append(message)


@contextlib.contextmanager
def project_lock(root, timeout=600):
    """Hold ``root/.factsheet.lock`` exclusively (waits for a running build).

    Once held, no other build of the project runs, so the temporary folders
    a killed build left behind (``.site-*``) are removed.
    """
    path = Path(root) / ".factsheet.lock"
    try:
        handle = open(path, "a+")
    except OSError as exc:
        raise BuildError(f"{path}: cannot create the lock file ({exc.strerror}) "
                         "(factsheet needs to write in the project folder)") from None
    with handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BuildError(f"{path}: another factsheet build holds the lock (wait for it, or remove the file)")
                time.sleep(0.2)
        for stale in Path(root).glob(".site-*"):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _load_config(project, site_dir, strict, **overrides):
    from mkdocs import exceptions
    from mkdocs.config import load_config

    path = project.mkdocs_yml
    if not path.is_file():
        raise BuildError(f"{path}: no mkdocs.yml in the project (run `factsheet init` to create one)")
    # MkDocs logs what is wrong with each setting and then aborts with a bare
    # "Aborted with a configuration error!", so keep the log to name the problem
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        return load_config(config_file=str(path), site_dir=str(site_dir), docs_dir=str(project.pages_dir),
                           strict=strict, **overrides)
    except exceptions.ConfigurationError as exc:
        raise BuildError(_config_message(path, exc, collector.errors or collector.messages)) from None
    except Exception as exc:  # yaml errors and the like: name the file and line
        raise BuildError(_config_message(path, exc, collector.errors or collector.messages)) from None
    finally:
        logger.removeHandler(collector)


def _config_message(path, exc, logged=()):
    """One line naming ``mkdocs.yml``, the line at fault when it can be told, and the problem."""
    import re

    text = " ".join(str(exc).split())
    if text.startswith("Aborted with") and logged:
        text = "; ".join(logged)
    line = None
    cause = exc
    while cause is not None and line is None:  # MkDocs wraps PyYAML's error, which knows the line
        mark = getattr(cause, "problem_mark", None) or getattr(cause, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        cause = cause.__cause__ or cause.__context__
    if line is None:
        found = re.findall(r"\bline (\d+)", text)
        line = int(found[-1]) if found else None
    if line is None:  # "Config value 'plugins': ...": the line of that setting
        key = re.search(r"Config value '([\w.-]+)'", text)
        line = _line_of_key(path, key.group(1).split(".")[0]) if key else None
    where = f"{path}:{line}" if line else str(path)
    return f"{where}: invalid MkDocs configuration: {text} (fix mkdocs.yml)"


def _line_of_key(path, key):
    """The line (1-based) where the top-level ``key:`` of a YAML file is set, or None."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for number, text in enumerate(lines, 1):
        if text.startswith(f"{key}:"):
            return number
    return None


#: what Pagefind indexes: the page's main content, by theme (Pagefind takes one selector)
PAGEFIND_ROOTS = {"material": "article.md-content__inner", "mkdocs": "div[role=main]", "readthedocs": "div[role=main]"}
#: never indexed: permalink anchors, the search page itself, JSON-LD, and listings of facts that
#: are indexed where they come from (``.fs-listing``: indexes, entity and topic pages, the fact
#: lists under an article's full text), so that each fact is indexed once and the indexer's
#: memory grows with the articles, not with how often a fact is listed
PAGEFIND_EXCLUDE = (".headerlink", "#fs-search", "script", ".fs-listing")
#: every page but the top-level 404.html
PAGEFIND_GLOB = "{*/**/*.html,index.html}"
_SEARCH_PLUGINS = ("search", "material/search")


def _plugins_without_search(path):
    """The ``plugins`` of ``mkdocs.yml`` minus MkDocs' search (Pagefind replaces it)."""
    from mkdocs.utils.yaml import yaml_load

    with open(path, encoding="utf-8") as handle:
        raw = yaml_load(handle) or {}
    plugins = raw.get("plugins", ["search"])
    if isinstance(plugins, dict):
        return {k: v for k, v in plugins.items() if k not in _SEARCH_PLUGINS}
    return [p for p in plugins if not (p in _SEARCH_PLUGINS
                                       or (isinstance(p, dict) and set(p) & set(_SEARCH_PLUGINS)))]


def run_pagefind(site_dir, theme="material"):
    """Index ``site_dir`` with Pagefind (main content only) into ``site_dir/pagefind/``.

    :param theme: the MkDocs theme's name, which says where the main content is
    """
    import subprocess
    import sys

    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--root-selector",
               PAGEFIND_ROOTS.get(theme, "main"), "--exclude-selectors", ", ".join(PAGEFIND_EXCLUDE),
               "--glob", PAGEFIND_GLOB, "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"pagefind: {exc} (install it with `pip install 'pagefind[bin]'`)") from None
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[:300]
        if "No module named pagefind" in detail:
            raise BuildError("pagefind is not installed (run `pip install 'factsheet[pagefind]'`, "
                             "or set `search: lunr` in factsheet.yml)")
        raise BuildError(f"pagefind failed: {detail} (see `python -m pagefind --help`)")


def search_footprint(site_dir):
    """What the browser downloads to search ``site_dir``: ``{"engine", "files", "bytes", "first_query_bytes"}``.

    lunr (MkDocs' search) loads the whole ``search/search_index.json`` before
    the first result; Pagefind loads its entry file, one index chunk per word
    and the fragments it shows, so ``first_query_bytes`` is an estimate: entry,
    metadata and the largest index chunk.  The benchmark calls this for both
    engines on the same site.
    """
    site_dir = Path(site_dir)
    pagefind = site_dir / "pagefind"
    if pagefind.is_dir():
        files = [p for p in pagefind.rglob("*") if p.is_file()]
        chunks = [p.stat().st_size for p in files if p.suffix == ".pf_index"]
        meta = [p.stat().st_size for p in files if p.suffix == ".pf_meta" or p.name == "pagefind-entry.json"]
        return {"engine": "pagefind", "files": len(files), "bytes": sum(p.stat().st_size for p in files),
                "first_query_bytes": sum(meta) + max(chunks, default=0)}
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        size = index.stat().st_size
        return {"engine": "lunr", "files": 1, "bytes": size, "first_query_bytes": size}
    return {"engine": None, "files": 0, "bytes": 0, "first_query_bytes": 0}


def build_site(project, strict=False, dirty=False, jobs=1):
    """Build ``project``'s site into ``site/``; return a :class:`BuildReport`.

    With ``search: pagefind`` in ``factsheet.yml`` MkDocs' search plugin is
    left out and Pagefind indexes the built pages before they are swapped in.

    :param strict: treat MkDocs warnings as errors
    :param dirty: reuse the existing ``site/`` and let MkDocs rebuild only
        pages whose Markdown changed; the site is the same as a full build's.
        A full build runs instead when there is no previous build, or when
        ``mkdocs.yml``, ``factsheet.yml``, the theme or a package changed since
        (``report.full_reason`` says which), or in strict mode after a build
        that had warnings
    :param jobs: processes that build pages side by side when there are many
        to build (each takes a share of the pages; the site is the same)

    .. versionchanged:: 0.1
       ``dirty`` builds remove pages that are gone and keep the search index whole; ``jobs``.
    """
    started = time.monotonic()
    target = project.site_dir
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=project.root))
    report = BuildReport()
    trash = project.root / "build"
    cleaner = _remove_old_sites(trash)
    try:
        pagefind = project.settings.search == "pagefind"
        overrides = {}
        if pagefind:
            if project.mkdocs_yml.is_file():
                try:
                    overrides["plugins"] = _plugins_without_search(project.mkdocs_yml)
                except Exception as exc:  # reported properly by _load_config below
                    logging.getLogger(__name__).debug("cannot read plugins: %s", exc)
        config = _load_config(project, tmp, strict, **overrides)
        # what goes into the site, and what the last build left
        files = _doc_files(config)
        pages = [f for f in files if f.is_documentation_page()]
        fingerprint = _fingerprint(project, config)
        previous = _read_state(project)
        incremental = False
        if dirty:
            report.full_reason = _why_full(project, config, previous, fingerprint, strict)
            incremental = not report.full_reason
        if incremental:
            # The old site goes into the new one as hard links, which keep the modification times
            # MkDocs compares with the pages'; each file the build writes is unlinked first (see
            # _share_plugin), so the old site never changes
            shutil.copytree(target, tmp, dirs_exist_ok=True, copy_function=os.link,
                            ignore=lambda folder, names: ["pagefind"] if Path(folder) == target else [])
            _remove_stale(tmp, previous["files"], {f.dest_uri for f in files})
            todo = [f for f in pages if f.is_modified()]
        else:
            todo = pages
        report.incremental, report.pages, report.rebuilt = incremental, len(pages), len(todo)
        # MkDocs: the pages to build, shared between processes when there are many
        mkdocs_started = time.monotonic()
        shares = _shares(todo, jobs if _can_share(config) else 1)
        if len(shares) == 1 and not incremental:
            _run_mkdocs(config, dirty=False, collector=collector)
        else:
            _build_shares(project, config, tmp, strict, overrides, shares, collector, detach=incremental)
        search = _search_plugin(config)
        if search is not None and (incremental or len(shares) > 1):
            _merge_search_index(target if incremental else None, tmp, pages, shares,
                                _MERGEABLE_SEARCH.get(type(search).__module__, False))
        report.mkdocs_seconds = time.monotonic() - mkdocs_started
        # search, then the swap
        if pagefind:
            search_started = time.monotonic()
            run_pagefind(tmp, config.theme.name)
            report.search_seconds = time.monotonic() - search_started
        _swap(tmp, target, trash)
        _write_state(project, fingerprint, files, collector.messages)
    finally:
        logger.removeHandler(collector)
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        cleaner.join()
    report.warnings = collector.messages
    report.seconds = time.monotonic() - started
    return report


def _run_mkdocs(config, dirty, collector=None):
    """Run MkDocs' build; its failures become one-line :class:`BuildError` messages."""
    import jinja2
    from mkdocs import exceptions
    from mkdocs.commands.build import build

    quiet = _DropDirtyWarning()
    build_logger = logging.getLogger("mkdocs.commands.build")
    build_logger.addFilter(quiet)
    try:
        build(config, dirty=dirty)
    except exceptions.Abort as exc:
        messages = collector.messages if collector is not None else []
        first = messages[0] if messages else str(exc)
        raise BuildError(f"MkDocs: {first} ({len(messages)} warning(s) in strict mode; "
                         "fix them or build without --strict)") from None
    except exceptions.MkDocsException as exc:
        raise BuildError(f"MkDocs: {' '.join(str(exc).split())} (fix mkdocs.yml or the templates)") from None
    except jinja2.TemplateError as exc:
        raise BuildError(_theme_template_message(exc)) from None
    except OSError as exc:
        raise BuildError(f"{exc.filename or config.site_dir}: {exc.strerror} (check the paths in mkdocs.yml)") from None
    except Exception as exc:  # a theme template or hook that raises: one line, never a traceback
        raise BuildError(_theme_template_message(exc)) from None
    finally:
        build_logger.removeFilter(quiet)


# ---------------------------------------------------------------------------
# incremental and parallel builds

#: the state of the last build, next to the rendered pages (never published)
STATE_NAME = "site-state.json"
STATE_VERSION = 1
#: the search plugins whose index factsheet knows how to assemble from parts, and
#: whether each writes its JSON with sorted keys
_MERGEABLE_SEARCH = {"material.plugins.search.plugin": False, "mkdocs.contrib.search": True}
#: fewer pages than this are built by one process: starting another costs more
PARALLEL_MIN_PAGES = 200


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns that dirty builds can leave wrong links; ours complete what it leaves, so drop it.

    Dropped here, on MkDocs' build logger, it never reaches the strict-mode counter.
    """

    def filter(self, record):
        return "'dirty' build" not in record.getMessage()


def _share_plugin(pages, statics, detach=False):
    """A plugin making MkDocs' dirty build build exactly ``pages`` (source paths), and static files or not.

    It runs after every other plugin's ``on_files`` and answers MkDocs'
    "is this file modified?" for each file: pages outside the share are not.

    :param detach: unlink each output the build will write first (the site
        folder holds hard links to the last site's files, which must not change)
    """
    from mkdocs.plugins import BasePlugin, event_priority

    class SharePlugin(BasePlugin):
        @event_priority(-100)
        def on_files(self, files, config):
            for file in files:
                if file.is_documentation_page():
                    if file.src_uri not in pages:
                        file.is_modified = _false
                elif not statics:
                    file.is_modified = _false
                if detach and file.is_modified():
                    _unlink(file.abs_dest_path)
            if detach:
                site = Path(config.site_dir)
                written = [*config.theme.static_templates, *config.extra_templates, "sitemap.xml.gz",
                           "search/search_index.json"]
                for rel in written:
                    _unlink(site / rel)
            return files

    return SharePlugin()


def _unlink(path):
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _false():
    return False


def _can_share(config):
    """True when the plugins are only search ones, whose output factsheet can assemble from shares."""
    return not (set(config.plugins) - set(_SEARCH_PLUGINS)) and all(
        type(plugin).__module__ in _MERGEABLE_SEARCH for plugin in config.plugins.values())


def _shares(todo, jobs):
    """Split the pages to build between ``jobs`` processes, balanced by the size of their Markdown."""
    if jobs <= 1 or len(todo) < PARALLEL_MIN_PAGES:
        return [todo]
    shares = [[] for _ in range(jobs)]
    load = [0] * jobs
    for file in sorted(todo, key=lambda f: (-os.path.getsize(f.abs_src_path), f.src_uri)):
        k = load.index(min(load))
        shares[k].append(file)
        load[k] += os.path.getsize(file.abs_src_path) + 2048  # every page also costs its theme
    return [share for share in shares if share]


def _build_shares(project, config, tmp, strict, overrides, shares, collector, detach=False):
    """Build each share of pages: the first in this process into ``tmp``, the others in new processes.

    Each other process is a fresh Python (:func:`_share_process`), so it holds
    its share of the pages and not a copy of this process's memory; it builds
    into its own folder, and its pages (and its part of the search index,
    merged later) are then moved into ``tmp``.  This process alone copies
    static files and the theme's assets.

    :param detach: ``tmp`` holds hard links to the last site (see :func:`_share_plugin`)
    """
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    children = []
    try:
        for k, share in enumerate(shares[1:], start=1):
            folder = tmp.parent / f"{tmp.name}-{k}"
            task = {"root": str(project.root), "folder": str(folder), "strict": strict, "overrides": overrides,
                    "share": sorted(f.src_uri for f in share)}
            process = subprocess.Popen([sys.executable, "-c", "from factsheet.site import _share_process; "
                                        "_share_process()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL, env=env, text=True, encoding="utf-8")
            children.append((process, folder, share))
            process.stdin.write(json.dumps(task, default=str))
            process.stdin.close()
        config.plugins["factsheet/share"] = _share_plugin({f.src_uri for f in shares[0]}, statics=True, detach=detach)
        _run_mkdocs(config, dirty=True, collector=collector)
        errors = []
        for k, (process, folder, share) in enumerate(children, start=1):
            output = process.stdout.read()
            process.wait()
            try:
                result = json.loads(output.strip().splitlines()[-1])
            except (ValueError, IndexError):
                result = {"outcome": "error", "messages": [],
                          "error": f"a page-building process failed (exit status {process.returncode})"}
            collector.messages.extend(result["messages"])
            if result["outcome"] != "ok":
                errors.append(result["error"])
                continue
            for file in share:
                dest = tmp / file.dest_uri
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(folder / file.dest_uri, dest)
            index = folder / "search" / "search_index.json"
            if index.is_file():
                (tmp / "search").mkdir(exist_ok=True)
                os.replace(index, tmp / "search" / f".part-{k}.json")
        if errors:
            raise BuildError(errors[0])
    finally:
        for process, folder, _share in children:
            if process.poll() is None:
                process.kill()
                process.wait()
            shutil.rmtree(folder, ignore_errors=True)


def _share_process():
    """A page-building process: reads its task as JSON on standard input, writes the outcome as JSON."""
    import sys

    from .config import load_project

    task = json.loads(sys.stdin.read())
    collector = _Collect()
    logging.getLogger("mkdocs").addHandler(collector)
    try:
        config = _load_config(load_project(task["root"]), Path(task["folder"]), task["strict"], **task["overrides"])
        config.plugins["factsheet/share"] = _share_plugin(set(task["share"]), statics=False)
        _run_mkdocs(config, dirty=True, collector=collector)
        result = {"outcome": "ok", "messages": collector.messages, "error": None}
    except BaseException as exc:  # everything goes back to the parent, which reports it
        result = {"outcome": "error", "messages": collector.messages, "error": str(exc) or type(exc).__name__}
    sys.stdout.write("\n" + json.dumps(result) + "\n")


def _state_path(project):
    return project.root / "build" / STATE_NAME


def _read_state(project):
    try:
        state = json.loads(_state_path(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return None
    return state


def _write_state(project, fingerprint, files, warnings):
    from .paths import write_atomic

    state = {"version": STATE_VERSION, "fingerprint": fingerprint, "warnings": len(warnings),
             "files": sorted(f.dest_uri for f in files)}
    write_atomic(_state_path(project), json.dumps(state, indent=0) + "\n")


def _doc_files(config):
    """The files MkDocs makes from the docs folder (pages and copied files), in its order."""
    from mkdocs.structure.files import get_files

    return list(get_files(config))


def _fingerprint(project, config):
    """A hash of everything besides the pages that shapes the built site.

    The configuration files, the packages that turn Markdown into HTML and the
    theme's own files (a ``custom_dir`` is walked; the theme package counts by
    its version).  A page built under another fingerprint may differ, so the
    next build is a full one.
    """
    from importlib import metadata

    from . import __version__

    digest = hashlib.sha256()
    for path in (project.mkdocs_yml, project.config_path):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    versions = [f"factsheet={__version__}"]
    for package in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=-")
    digest.update("\n".join(versions).encode())
    walked = [config.theme.custom_dir] if config.theme.custom_dir else []
    walked += list(config.get("hooks") or {})
    for item in walked:
        root = Path(item)
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _why_full(project, config, previous, fingerprint, strict):
    """Why the build must be a full one, or "" when the last site can be reused."""
    if previous is None or not project.site_dir.is_dir():
        return "no previous build"
    if previous.get("fingerprint") != fingerprint:
        return "mkdocs.yml, factsheet.yml, the theme or a package changed"
    if strict and previous.get("warnings"):
        return "strict mode after a build with warnings"
    if not _can_share(config):
        # only for these does factsheet know every file a build writes and how to complete the search index
        others = sorted(set(config.plugins) - set(_SEARCH_PLUGINS)) or sorted(config.plugins)
        return f"plugins other than search ({', '.join(others)}) are always built in full"
    search = _search_plugin(config)
    if search is not None and search.config.get("prebuild_index"):
        return "a prebuilt search index cannot be updated page by page"
    return ""


def _search_plugin(config):
    for name in _SEARCH_PLUGINS:
        if name in config.plugins:
            return config.plugins[name]
    return None


def _page_url(file):
    """The page's URL as pages and the search index give it (the home page's is "", not "./")."""
    return "" if file.url in (".", "./") else file.url


def _remove_stale(site, old_files, new_files):
    """Delete from ``site`` what the last build made from files that are gone, then empty folders."""
    for rel in sorted(set(old_files) - new_files):
        path = site / rel
        if path.is_file() and path.resolve().is_relative_to(site.resolve()):
            path.unlink()
            parent = path.parent
            while parent != site and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent


def _merge_search_index(old_site, new_site, pages, shares, sort_keys=False):
    """Assemble the search index of the whole site from the parts MkDocs wrote.

    MkDocs indexes only the pages it builds: a dirty build's index holds the
    changed pages alone, and each process of a parallel build its share.
    Each page's entries (its ``location`` up to ``#``) come from the part of
    the process that built it, else from the last site's index, in MkDocs'
    page order, so the index equals a full build's.

    :param old_site: the last site, for pages not rebuilt (None in a full build)
    :param shares: the pages each process built; part 0 is ``search_index.json``,
        part k ``.part-k.json`` (removed here)
    :param sort_keys: how the search plugin writes its JSON (MkDocs' own sorts keys)
    """
    folder = Path(new_site) / "search"
    main = folder / "search_index.json"
    if not main.is_file():
        return
    index = json.loads(main.read_text(encoding="utf-8"))
    parts, owner = [], {}
    for k, share in enumerate(shares):
        if k == 0:
            parts.append(_entries_by_page(index))
        else:
            part = folder / f".part-{k}.json"
            parts.append(_entries_by_page(_read_json(part)))
            part.unlink(missing_ok=True)
        owner.update((_page_url(f), k) for f in share)
    kept = _entries_by_page(_read_json(Path(old_site) / "search" / "search_index.json")) if old_site else {}
    docs = []
    for file in pages:
        url = _page_url(file)
        docs.extend((parts[owner[url]] if url in owner else kept).get(url, []))
    index["docs"] = docs
    # written the way the search plugin writes it, so the file equals a full build's
    main.write_text(json.dumps(index, separators=(",", ":"), default=str, sort_keys=sort_keys), encoding="utf-8")


def _read_json(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _entries_by_page(index):
    """A search index's entries grouped by page URL (a ``location`` up to its ``#``)."""
    pages = {}
    for entry in index.get("docs", []):
        pages.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    return pages


def _theme_template_message(exc):
    import traceback

    import jinja2

    where = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    frames = traceback.extract_tb(exc.__traceback__)
    if not where:
        for frame in reversed(frames):
            if frame.filename.endswith((".html", ".j2", ".xml", ".js")):
                where, line = frame.filename, frame.lineno
                break
    detail = " ".join(str(exc).split())
    if not isinstance(exc, jinja2.TemplateError):
        detail = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    if where:
        return f"{where}:{line}: template error: {detail} (fix the overridden template)"
    # not in a template: name the innermost file of the project (a hook), else MkDocs
    import sys

    inside = [f for f in frames if "site-packages" not in f.filename and not f.filename.startswith(sys.prefix)
              and "/factsheet/" not in f.filename.replace("\\", "/")]
    location = f"{inside[-1].filename}:{inside[-1].lineno}" if inside else "MkDocs"
    return f"{location}: the site build failed: {detail} (fix mkdocs.yml, its hooks or the theme overrides)"


def _swap(new, target, trash):
    """Replace ``target`` by ``new`` with renames, so readers see the old or the new site.

    The old site goes into the folder ``trash`` (``build/``): deleting thousands
    of files takes seconds, so the next build does it while MkDocs works (see
    :func:`_remove_old_sites`).
    """
    if target.exists():
        name = f"{_OLD_SITE}{os.getpid()}-{time.time_ns()}"
        try:
            trash.mkdir(parents=True, exist_ok=True)
            os.replace(target, trash / name)
        except OSError:  # build/ on another file system: beside the site, removed by the next build's lock
            os.replace(target, target.with_name(f".{target.name}-{name}"))
    os.replace(new, target)


#: the name of a replaced site, in ``build/``, until the next build deletes it
_OLD_SITE = "old-site-"


def _remove_old_sites(trash):
    """Start deleting the sites earlier builds replaced; return the thread doing it (join it)."""
    import threading

    old = sorted(Path(trash).glob(f"{_OLD_SITE}*"))
    thread = threading.Thread(target=lambda: [shutil.rmtree(path, ignore_errors=True) for path in old],
                              name="factsheet-remove-old-sites", daemon=True)
    thread.start()
    return thread


def serve(project, rerender, dev_addr="127.0.0.1:8000", open_browser=False):
    """MkDocs' dev server with live reload; ``rerender()`` runs when inputs change.

    MkDocs watches the rendered pages; a background thread watches articles,
    fact files, the registry and templates and re-renders when one changes,
    which MkDocs then picks up.
    """
    import threading

    from mkdocs.commands.serve import serve as mkdocs_serve

    watched = [project.articles_dir, project.facts_dir, project.registry_path, project.templates_dir,
               project.config_path]
    stop = threading.Event()

    def stamp():
        out = []
        for path in watched:
            if path.is_file():
                out.append((str(path), path.stat().st_mtime_ns))
            elif path.is_dir():
                out.extend((str(p), p.stat().st_mtime_ns) for p in sorted(path.rglob("*")) if p.is_file())
        return out

    def watch():
        last = stamp()
        while not stop.wait(1.0):
            now = stamp()
            if now != last:
                last = now
                try:
                    rerender()
                except Exception as exc:  # keep serving; show the problem in the terminal
                    logging.getLogger("mkdocs").error(str(exc))

    from mkdocs import exceptions

    path = project.mkdocs_yml
    if not path.is_file():
        raise BuildError(f"{path}: no mkdocs.yml in the project (run `factsheet init` to create one)")
    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        mkdocs_serve(config_file=str(path), livereload=True, dev_addr=dev_addr,
                     open_in_browser=open_browser, docs_dir=str(project.pages_dir))
    except exceptions.Abort as exc:
        raise BuildError(_config_message(path, exc, collector.errors or collector.messages)) from None
    except OSError as exc:  # the port is taken, or the host is not this machine's
        raise BuildError(f"{dev_addr}: cannot serve there ({exc.strerror}) "
                         "(choose another address with --dev-addr)") from None
    finally:
        logger.removeHandler(collector)
        stop.set()


#: site files that can hold article text: pages, the search index, data files, the sitemap
SCANNED_SUFFIXES = (".html", ".json", ".jsonl", ".csv", ".xml", ".txt")
_WORD = re.compile(r"\w+")


def _page_text(raw):
    import html as _html
    import re as _re

    raw = _re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    return " ".join(_html.unescape(_re.sub(r"<[^>]+>", " ", raw)).split())


def _strings(data):
    """Every string inside decoded JSON, depth first."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def site_texts(site_dir):
    """``(file, text)`` for every file of ``site_dir`` that can hold article text, as a reader sees it.

    Pages lose their markup (scripts and styles too); JSON and JSON Lines files
    (the search index, ``facts.json``) are decoded so that escapes do not hide
    words, and the HTML inside the search index is stripped like a page.
    """
    import json as _json

    for path in sorted(p for p in Path(site_dir).rglob("*") if p.suffix in SCANNED_SUFFIXES and p.is_file()):
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix in (".json", ".jsonl"):
            try:
                values = [_json.loads(raw)] if path.suffix == ".json" else \
                    [_json.loads(line) for line in raw.splitlines() if line.strip()]
                raw = "\n".join(s for value in values for s in _strings(value))
            except ValueError:
                pass
        yield path, _page_text(raw)


@dataclass
class Exposure:
    """How much of one closed article a built site shows."""

    #: the share of the article's body characters the site shows in runs of words
    share: float = 0.0
    #: files showing a run of its words that factsheet withheld (beyond its excerpts)
    leaks: list = field(default_factory=list)


def measure_exposure(site_dir, closed, run=8):
    """What ``site_dir`` shows of each closed article: ``{slug: Exposure}``.

    A word of an article's body counts as shown when it is part of a run of at
    least ``run`` consecutive body words that some file of the site (page
    text, search index, data files) holds in the same order; shorter runs are
    names, titles and figures.  A file showing ``run`` consecutive words
    outside the article's granted excerpts leaks: it holds text factsheet
    withheld.  (One withheld word next to an excerpt is a coincidence, e.g. a
    name closing the description printed before it.)

    :param closed: :class:`~factsheet.render.ClosedText` objects, from
        :func:`factsheet.render.closed_texts`
    """
    from .render import word_spans

    grams, words, granted = {}, {}, {}
    for item in closed:
        spans = words[item.slug] = word_spans(item.text, item.paragraphs)
        granted[item.slug] = [any(s <= start and end <= e for s, e in item.spans) for start, end in spans]
        tokens = [item.text[s:e].lower() for s, e in spans]
        for i in range(len(tokens) - run + 1):
            grams.setdefault(tuple(tokens[i:i + run]), []).append((item.slug, i))
    found = {item.slug: set() for item in closed}
    leaked = {item.slug: [] for item in closed}
    if grams:
        for path, text in site_texts(site_dir):
            tokens = [w.lower() for w in _WORD.findall(text)]
            hits = set()
            for i in range(len(tokens) - run + 1):
                hits.update(grams.get(tuple(tokens[i:i + run]), ()))
            shown = {}
            for slug, j in hits:
                found[slug].add(j)
                shown.setdefault(slug, set()).update(range(j, j + run))
            for slug, indexes in shown.items():
                if _longest_run(i for i in indexes if not granted[slug][i]) >= run:
                    leaked[slug].append(path)
    out = {}
    for item in closed:
        covered = merge_spans((words[item.slug][j][0], words[item.slug][j + run - 1][1]) for j in found[item.slug])
        body = sum(e - s for s, e in item.paragraphs)
        out[item.slug] = Exposure(share=sum(e - s for s, e in covered) / body if body else 0.0,
                                  leaks=leaked[item.slug])
    return out


def _longest_run(indexes):
    """The length of the longest stretch of consecutive integers in ``indexes``."""
    best, length, last = 0, 0, None
    for i in sorted(indexes):
        length = length + 1 if last is not None and i == last + 1 else 1
        best, last = max(best, length), i
    return best


def find_leaks(site_dir, closed):
    """Files of ``site_dir`` holding text of a closed article beyond its excerpts: ``[(file, slug, license)]``.

    :param closed: :class:`~factsheet.render.ClosedText` objects, from
        :func:`factsheet.render.closed_texts`
    """
    licenses = {item.slug: item.license or "license unknown" for item in closed}
    exposure = measure_exposure(site_dir, closed)
    return sorted((path, slug, licenses[slug]) for slug, found in exposure.items() for path in found.leaks)


def deploy(project, remote="origin", branch="gh-pages", message=None, force=True, leaks=()):
    """Publish ``site/`` to ``branch`` of ``remote`` with ghp-import (what ``mkdocs gh-deploy`` uses).

    :param leaks: what :func:`find_leaks` found; any refuses the deploy, so no
        more of an article that is not openly licensed than its excerpts is published

    ghp-import writes ``site/`` as one commit on the local ``branch`` (with
    ``.nojekyll``, so GitHub Pages serves folders starting with ``_``); the push
    is run here so that git's complaint becomes a one-line error.
    """
    import subprocess

    from ghp_import import GhpError, ghp_import

    site = project.site_dir
    if not (site / "index.html").is_file():
        raise DeployError(f"{site}: no built site to publish (run `factsheet build` first)")
    if leaks:
        path, slug, license = leaks[0]
        more = f" (and {len(leaks) - 1} more file(s))" if len(leaks) > 1 else ""
        raise DeployError(f"{path}: holds text of article {slug!r} ({license}) beyond its excerpts{more}; "
                          "refusing to publish (rebuild the site, fix the template that prints it, or list the "
                          "license in open_licenses of factsheet.yml)")

    def git(*args):
        return subprocess.run(["git", *args], cwd=project.root, capture_output=True, text=True)

    try:
        inside = git("rev-parse", "--git-dir")
    except OSError:
        raise DeployError("git is not installed (install git to deploy)") from None
    if inside.returncode != 0:
        raise DeployError(f"{project.root}: not a git repository (run `git init` and add a remote)")
    if git("remote", "get-url", remote).returncode != 0:
        raise DeployError(f"git: no remote named {remote!r} (add it with `git remote add {remote} URL`, "
                          "or pass --remote)")
    message = message or "Publish fact sheet site"
    cwd = os.getcwd()
    try:
        os.chdir(project.root)
        ghp_import(str(site), mesg=message, branch=branch, push=False, nojekyll=True)
    except (GhpError, subprocess.CalledProcessError) as exc:
        raise DeployError(f"git: {' '.join(str(exc).split())} (check that {project.root} is a working git "
                          "repository)") from None
    finally:
        os.chdir(cwd)
    pushed = git("push", *(["--force"] if force else []), remote, f"{branch}:{branch}")
    if pushed.returncode != 0:
        lines = [line.strip() for line in (pushed.stderr or pushed.stdout).splitlines() if line.strip()]
        first = lines[0] if lines else f"exit status {pushed.returncode}"
        raise DeployError(f"git push {remote} {branch}: {first} (check --remote and your access to it)")
