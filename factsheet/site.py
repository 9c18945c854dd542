"""Run MkDocs on the rendered pages: build, serve and deploy the site.

The project's own ``mkdocs.yml`` is the user's; factsheet only points its
``docs_dir`` at the rendered pages.  A build writes into a temporary folder
next to ``site/`` and swaps it in only when MkDocs succeeded, so a failed
build leaves the previous site in place; a lock file keeps two builds of one
project from interleaving.
"""

from __future__ import annotations

import contextlib
import fcntl
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
    """What an MkDocs build said."""

    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


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
#: never indexed: permalink anchors, the search page itself and JSON-LD
PAGEFIND_EXCLUDE = (".headerlink", "#fs-search", "script")
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


def build_site(project, strict=False, dirty=False):
    """Build ``project``'s site into ``site/``; return a :class:`BuildReport`.

    With ``search: pagefind`` in ``factsheet.yml`` MkDocs' search plugin is
    left out and Pagefind indexes the built pages before they are swapped in.

    :param strict: treat MkDocs warnings as errors
    :param dirty: reuse the existing ``site/`` and let MkDocs rebuild only
        pages whose source changed (fast incremental builds)
    """
    import jinja2
    from mkdocs import exceptions
    from mkdocs.commands.build import build

    started = time.monotonic()
    target = project.site_dir
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=project.root))
    try:
        if dirty and target.is_dir():
            shutil.copytree(target, tmp, dirs_exist_ok=True, copy_function=shutil.copy2)
        pagefind = project.settings.search == "pagefind"
        overrides = {}
        if pagefind:
            if project.mkdocs_yml.is_file():
                try:
                    overrides["plugins"] = _plugins_without_search(project.mkdocs_yml)
                except Exception as exc:  # reported properly by _load_config below
                    logging.getLogger(__name__).debug("cannot read plugins: %s", exc)
            shutil.rmtree(tmp / "pagefind", ignore_errors=True)
        config = _load_config(project, tmp, strict, **overrides)
        try:
            build(config, dirty=dirty)
        except exceptions.Abort as exc:
            first = collector.messages[0] if collector.messages else str(exc)
            raise BuildError(f"MkDocs: {first} ({len(collector.messages)} warning(s) in strict mode; "
                             "fix them or build without --strict)") from None
        except exceptions.MkDocsException as exc:
            raise BuildError(f"MkDocs: {' '.join(str(exc).split())} (fix mkdocs.yml or the templates)") from None
        except jinja2.TemplateError as exc:
            raise BuildError(_theme_template_message(exc)) from None
        except OSError as exc:
            raise BuildError(f"{exc.filename or target}: {exc.strerror} (check the paths in mkdocs.yml)") from None
        except Exception as exc:  # a theme template or hook that raises: one line, never a traceback
            raise BuildError(_theme_template_message(exc)) from None
        if pagefind:
            run_pagefind(tmp, config.theme.name)
        _swap(tmp, target)
    finally:
        logger.removeHandler(collector)
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return BuildReport(warnings=collector.messages, seconds=time.monotonic() - started)


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


def _swap(new, target):
    """Replace ``target`` by ``new`` with renames, so readers see the old or the new site."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


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
