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
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError, DeployError


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
    """Hold ``root/.factsheet.lock`` exclusively (waits for a running build)."""
    path = Path(root) / ".factsheet.lock"
    with open(path, "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BuildError(f"{path}: another factsheet build holds the lock (wait for it, or remove the file)")
                time.sleep(0.2)
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
    mark = getattr(exc, "problem_mark", None)
    where = f"{path}:{mark.line + 1}" if mark else str(path)
    text = " ".join(str(exc).split())
    if text.startswith("Aborted with") and logged:
        text = "; ".join(logged)
    return f"{where}: invalid MkDocs configuration: {text} (fix mkdocs.yml)"


def build_site(project, strict=False, dirty=False):
    """Build ``project``'s site into ``site/``; return a :class:`BuildReport`.

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
        config = _load_config(project, tmp, strict)
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
        _swap(tmp, target)
    finally:
        logger.removeHandler(collector)
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return BuildReport(warnings=collector.messages, seconds=time.monotonic() - started)


def _theme_template_message(exc):
    import traceback

    where = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if not where:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".j2")):
                where, line = frame.filename, frame.lineno
                break
    location = f"{where}:{line}" if where else "theme template"
    return f"{location}: template error: {' '.join(str(exc).split())} (fix the overridden template)"


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


def deploy(project, remote="origin", branch="gh-pages", message=None, force=True):
    """Publish ``site/`` to ``branch`` of ``remote`` with ghp-import (what ``mkdocs gh-deploy`` uses)."""
    import subprocess

    from ghp_import import GhpError, ghp_import

    site = project.site_dir
    if not (site / "index.html").is_file():
        raise DeployError(f"{site}: no built site to publish (run `factsheet build` first)")
    try:
        subprocess.run(["git", "rev-parse", "--git-dir"], cwd=project.root, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        raise DeployError(f"{project.root}: not a git repository (run `git init` and add a remote)") from None
    (site / ".nojekyll").touch()
    message = message or "Publish fact sheet site"
    cwd = os.getcwd()
    try:
        os.chdir(project.root)
        ghp_import(str(site), mesg=message, remote=remote, branch=branch, push=True, force=force, nojekyll=True)
    except GhpError as exc:
        raise DeployError(f"git: {' '.join(str(exc).split())} (check --remote and your access to it)") from None
    finally:
        os.chdir(cwd)
