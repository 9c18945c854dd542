"""Extract many articles: skip what is up to date, run in parallel, merge with edits, write atomically.

This is what ``factsheet extract`` and ``factsheet build`` call.  Articles
are independent, so ``jobs > 1`` spreads them over a process pool whose
workers each load the spaCy pipeline once.  Writing happens in the calling
process only, one file at a time, so a failure never leaves a half-written
fact file; a bad article is reported and the rest of the batch goes on.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..articles import find_articles, read_article
from ..errors import FactsheetError, RecordError
from ..merge import fresh_summary, fresh_text, merge_text
from ..paths import assign_slug, is_inside, slugify, write_atomic
from ..records import article_identity, load_record, read_text_file

try:  # the C loader is much faster for the up-to-date check
    _FastLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _FastLoader = yaml.SafeLoader


@dataclass
class ExtractResult:
    """What a batch did, file by file."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: ``(slug, message)`` of articles whose existing fact file has errors, so it was left alone
    invalid: list[tuple[str, str]] = field(default_factory=list)
    summaries: dict = field(default_factory=dict)


@dataclass
class Job:
    """One article to extract (picklable, for worker processes)."""

    path: str
    #: metadata that wins over the file's (index.csv, then --date)
    meta: dict
    slug: str
    raw: bytes | None = None
    #: metadata used only where nothing else says (--license)
    defaults: dict = field(default_factory=dict)


def default_jobs():
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def plan(paths, output_dir, project_root, date=None, force=False, stdin_bytes=None, license=None):
    """Decide which articles need extracting; return ``(jobs, skipped_paths, failures)``.

    Metadata precedence (see :mod:`factsheet.articles`): the file's own
    metadata wins over what its text suggests, the folder's ``index.csv`` row
    wins over both, and ``date`` (``--date``) wins over everything.
    ``license`` (``--license``) only fills in a license nothing states.
    """
    jobs, skipped, failures = [], [], []
    taken = set()
    entries = [] if stdin_bytes is not None else find_articles(paths)
    if stdin_bytes is not None:
        entries = [(Path("-"), {})]
    defaults = {"license": license} if license else {}
    files = FactFiles(output_dir, project_root)
    for path, index_meta in entries:
        meta = dict(index_meta)
        if date:
            meta["published"] = date
        try:
            raw = stdin_bytes if stdin_bytes is not None else None
            article = read_article(path, project_root, meta=meta, raw=raw, defaults=defaults)
        except FactsheetError as exc:
            failures.append((str(path), str(exc)))
            continue
        article.slug = files.slug_for(article, taken)
        target = Path(output_dir) / f"{article.slug}.yaml"
        if not force and target.exists() and _up_to_date(target, article):
            skipped.append(path)
            continue
        jobs.append(Job(str(path), meta, article.slug, raw, defaults))
    return jobs, skipped, failures


class FactFiles:
    """The fact files already in the output folder and the article each belongs to, to give stable slugs.

    An article keeps the file it was extracted to before (same source file;
    for standard input, same bytes), so adding an article whose name gives
    the same slug, or running in another order, never hands one article's
    file (and the edits in it) to another: the newcomer gets ``SLUG-2``.
    """

    def __init__(self, output_dir, project_root):
        self.owned, self.occupied, self.vacant = {}, set(), set()
        folder = Path(output_dir)
        stems = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
        for stem in stems:
            identity = article_identity(folder / f"{stem}.yaml")
            if identity is None:
                self.vacant.add(stem)
                continue
            source, sha = identity
            key = ("-", sha) if source == "-" else source
            self.owned.setdefault(key, []).append(stem)
            if source != "-" and project_root is not None and not (Path(project_root) / source).exists() \
                    and not Path(source).is_absolute():
                self.vacant.add(stem)  # its article is gone (moved?): free for the article of that name
            else:
                self.occupied.add(stem)

    def slug_for(self, article, taken):
        """The slug of ``article``'s fact file; adds it to ``taken`` (the slugs given in this run)."""
        base = slugify(Path(article.source).stem if article.source != "-" else article.title, fallback="article")
        key = ("-", article.sha256) if article.source == "-" else article.source
        owned = self.owned.get(key, [])
        slug = assign_slug(base, taken, owned, self.occupied - set(owned), self.vacant)
        self.occupied.discard(slug)
        self.vacant.discard(slug)
        return slug


def _up_to_date(target, article):
    """True when ``target`` was extracted from these bytes and lacks none of the article's metadata.

    A value newly given (a url added to index.csv, a ``--date``) makes the
    record out of date, so the next run fills it in.
    """
    recorded = _recorded_article(target)
    if recorded.get("sha256") != article.sha256 or recorded.get("source") != article.source:
        return False  # changed, or moved (the record then names where it is now)
    return all(recorded.get(key) not in (None, "") for key, value in article.meta.items() if value)


def _recorded_article(path):
    try:  # bounded: a 50 MB file is refused unread, and the C parser caps nesting
        data = yaml.load(read_text_file(path), Loader=_FastLoader)
        article = data.get("article") if isinstance(data, dict) else None
        return article if isinstance(article, dict) else {}
    except (RecordError, yaml.YAMLError, ValueError):
        return {}


def _recorded_sha(path):
    return _recorded_article(path).get("sha256")


# -- worker side ------------------------------------------------------------

_WORKER = {}


def _init_worker(project_root, themes, registry_path):
    from ..registry import load_registry
    from . import load_pipeline

    _WORKER["nlp"] = load_pipeline()
    _WORKER["root"] = project_root
    _WORKER["themes"] = themes
    _WORKER["registry"] = load_registry(registry_path) if registry_path else None


def _run_job(job):
    """Extract one article in a worker; returns ``(slug, record or None, error or None)``."""
    from . import extract

    try:
        article = read_article(Path(job.path), _WORKER["root"], meta=job.meta, raw=job.raw, defaults=job.defaults)
        article.slug = job.slug
        record = extract(article, nlp=_WORKER["nlp"], themes=_WORKER["themes"], registry=_WORKER["registry"])
        return job.slug, record, None
    except FactsheetError as exc:
        return job.slug, None, str(exc)
    except Exception as exc:  # one article must never sink the batch
        return job.slug, None, f"{job.path}: extraction failed ({type(exc).__name__}: {exc}) (please report this article)"


def run_jobs(jobs, project_root, themes=None, registry_path=None, workers=1, progress=None, executor=None):
    """Extract ``jobs``; yield ``(slug, record, error)`` in completion order.

    :param executor: an object with ``map_jobs(jobs, init_args)`` (e.g. the Dask
        executor); the default is a local process pool
    """
    init_args = (str(project_root), themes, str(registry_path) if registry_path else None)
    if executor is not None:
        for result in executor.map_jobs(jobs, init_args):
            if progress:
                progress(1)
            yield result
        return
    if workers <= 1 or len(jobs) <= 1:
        _init_worker(*init_args)
        for job in jobs:
            result = _run_job(job)
            if progress:
                progress(1)
            yield result
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=_init_worker, initargs=init_args) as pool:
        for result in pool.map(_run_job, jobs, chunksize=1):
            if progress:
                progress(1)
            yield result


# -- writing ---------------------------------------------------------------

def write_result(record, output_dir, dry_run=False, known_entities=(), project_root=None):
    """Write (or merge into) the fact file of ``record``; return ``(path, changed, summary)``.

    An existing file is merged with :func:`~factsheet.merge.merge_text`, so the
    person's facts and comments survive; a file with errors is left alone and
    reported, because merging into a file we cannot read could lose edits.

    :param known_entities: registry ids, valid as speakers in the existing file
    :param project_root: where the article's ``source`` path starts, to follow
        moved evidence sentences in an edited article (None: don't)
    """
    output_dir = Path(output_dir)
    target = output_dir / f"{record.article.slug}.yaml"
    if not is_inside(target, output_dir):  # slugs are safe; this guards the invariant
        raise FactsheetError(f"{target}: refusing to write outside {output_dir}")
    if target.exists():
        display = _display(target, project_root)
        try:
            existing = read_text_file(target)
        except RecordError as exc:
            raise RecordError(f"{display}: not re-extracted because the file has errors; {exc}", exc.problems) from None
        owner = article_identity(target)
        if owner is not None and not _same_article(owner, record.article, project_root):
            # plan() never gives one article's file to another; this guards the invariant
            raise FactsheetError(f"{display}: holds the facts of {owner[0]}, not of {record.article.source}; "
                                 "not overwritten (rename one of the two articles)")
        try:
            load_record(target, known_entities=known_entities, display=display)
        except RecordError as exc:
            # merging into a file we cannot fully read could lose the person's edits: leave it alone
            raise RecordError(f"{display}: not re-extracted because the file has errors; {exc}", exc.problems) from None
        text, summary = merge_text(existing, record, _article_text(record, project_root))
        changed = text != existing
    else:
        text, summary, changed = fresh_text(record), fresh_summary(record), True
    if changed and not dry_run:
        write_atomic(target, text)
    return target, changed, summary


def _same_article(owner, info, project_root):
    """True when a fact file whose article is ``owner`` (source, sha256) may take the record of ``info``."""
    source, sha = owner
    if source == "-" or info.source == "-":
        return source == info.source and sha == info.sha256
    if source == info.source:
        return True
    # the file's article is gone (moved or renamed): the article now given its name takes it over
    return project_root is not None and not Path(source).is_absolute() and not (Path(project_root) / source).exists()


def _display(path, project_root):
    from ..check import display_path

    return display_path(path, project_root) if project_root is not None else str(path)


def _article_text(record, project_root):
    source = record.article.source
    if project_root is None or not source or source == "-":
        return None
    try:
        return read_article(Path(project_root) / source, project_root).text
    except FactsheetError:
        return None


def _registry_ids(registry_path, project_root):
    """The registry's ids, read in this process (workers read it too); a broken registry stops the batch."""
    if not registry_path:
        return set()
    from ..check import display_path
    from ..registry import load_registry

    return load_registry(registry_path, display=display_path(registry_path, project_root)).ids


def extract_paths(paths, output_dir, project_root, *, date=None, force=False, jobs=1, themes=None,
                  registry_path=None, dry_run=False, stdin_bytes=None, license=None, progress=None,
                  on_plan=None, executor=None):
    """Extract articles at ``paths`` into ``output_dir``; return an :class:`ExtractResult`."""
    output_dir = Path(output_dir)
    known_entities = _registry_ids(registry_path, project_root)
    todo, skipped, failures = plan(paths, output_dir, project_root, date, force, stdin_bytes, license)
    result = ExtractResult(skipped=list(skipped), failed=list(failures))
    if on_plan:
        on_plan(len(todo))
    if not dry_run:
        output_dir.mkdir(parents=True, exist_ok=True)
    for slug, record, error in run_jobs(todo, project_root, themes, registry_path, jobs, progress, executor):
        if error:
            result.failed.append((slug, error))
            continue
        try:
            target, changed, summary = write_result(record, output_dir, dry_run, known_entities, project_root)
        except RecordError as exc:
            result.invalid.append((slug, str(exc)))
            continue
        except FactsheetError as exc:
            result.failed.append((slug, str(exc)))
            continue
        result.summaries[target] = summary
        (result.written if changed else result.unchanged).append(target)
    return result
