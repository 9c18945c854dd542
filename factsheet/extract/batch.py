"""Extract many articles: skip what is up to date, run in parallel, merge with edits, write atomically.

This is what ``factsheet extract`` and ``factsheet build`` call.  Articles
are independent, so ``jobs > 1`` spreads them over a process pool whose
workers each load the spaCy pipeline once.  Work goes out in small chunks of
articles, longest first, so a worker never waits on the pool's round trip
and the last chunks are short ones that finish together.  Writing happens in
the calling process only, one file at a time, so a failure never leaves a
half-written fact file; a bad article is reported and the rest of the batch
goes on.

Each article is analysed on its own (``nlp.pipe`` over its paragraphs), so a
fact file is the same whichever worker, chunk or machine made it.
"""

from __future__ import annotations

import math
import os
import re
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
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


#: most articles in one worker task: enough to make the pool's round trip
#: negligible, few enough that the last tasks of a batch end together
CHUNK_MAX = 8
#: tasks queued per worker; the pool refills as chunks finish
TASKS_PER_WORKER = 4


@dataclass
class Job:
    """One article to extract (picklable, for worker processes and Dask)."""

    path: str
    #: metadata that wins over the file's (index.csv, then --date)
    meta: dict
    slug: str
    raw: bytes | None = None
    #: metadata used only where nothing else says (--license)
    defaults: dict = field(default_factory=dict)
    #: the article's ``source`` as this machine sees it (a Dask worker may see other paths)
    source: str | None = None
    #: characters of text, so the longest articles start first
    size: int = 0


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
        jobs.append(Job(str(path), meta, article.slug, raw, defaults, source=article.source, size=len(article.text)))
    return jobs, skipped, failures


def chunk_jobs(jobs, workers, max_size=CHUNK_MAX):
    """Split ``jobs`` into worker tasks: longest articles first, about four tasks a worker.

    Starting with the longest articles and ending with chunks of short ones
    keeps every worker busy until the end (longest-processing-time first).
    """
    ordered = sorted(jobs, key=lambda job: -job.size)
    size = max(1, min(max_size, math.ceil(len(ordered) / (max(1, workers) * TASKS_PER_WORKER))))
    return [ordered[i:i + size] for i in range(0, len(ordered), size)]


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


#: where the ``article:`` block of a fact file written by factsheet ends
_AFTER_ARTICLE = re.compile(r"\n(?=(?:entities|facts):)")


def _recorded_article(path):
    """The ``article:`` block of a fact file, or {}.

    Files factsheet writes start with that block, so only the head is parsed
    (a build asks every file); a file arranged otherwise is parsed whole.
    """
    try:  # bounded: a 50 MB file is refused unread, and the C parser caps nesting
        text = read_text_file(path)
        head = _AFTER_ARTICLE.split(text, maxsplit=1)[0]
        for candidate in dict.fromkeys((head, text)):
            data = yaml.load(candidate, Loader=_FastLoader)
            article = data.get("article") if isinstance(data, dict) else None
            if isinstance(article, dict) and article.get("sha256"):
                return article
        return article if isinstance(article, dict) else {}
    except (RecordError, yaml.YAMLError, ValueError):
        return {}


# -- worker side ------------------------------------------------------------

_WORKER = {}


def _init_worker(project_root, themes, registry_path):
    from ..registry import load_registry
    from . import load_pipeline

    _WORKER["nlp"] = load_pipeline()
    _WORKER["root"] = project_root
    _WORKER["themes"] = themes
    _WORKER["registry"] = load_registry(registry_path) if registry_path else None


def extract_job(job, nlp, root, themes=None, registry=None):
    """Extract one article; return ``(slug, record or None, error or None)``.

    Used by the local pool and by Dask workers alike, so both give the same record.

    :param nlp: the loaded spaCy pipeline
    :param root: the project root, for the article's ``source`` when the job has none
    :param registry: a loaded :class:`~factsheet.registry.Registry`, or None
    """
    from . import extract

    try:
        article = read_article(Path(job.path), root, meta=job.meta, raw=job.raw, defaults=job.defaults)
        article.slug = job.slug
        if job.source is not None:
            article.source = job.source
        record = extract(article, nlp=nlp, themes=themes, registry=registry)
        return job.slug, record, None
    except FactsheetError as exc:
        return job.slug, None, str(exc)
    except Exception as exc:  # one article must never sink the batch
        return job.slug, None, f"{job.path}: extraction failed ({type(exc).__name__}: {exc}) (please report this article)"


def _run_job(job):
    """Extract one article in a worker set up by :func:`_init_worker`."""
    return extract_job(job, _WORKER["nlp"], _WORKER["root"], _WORKER["themes"], _WORKER["registry"])


def _run_chunk(jobs):
    """Extract a chunk of articles in a worker; one result per job, in order."""
    return [_run_job(job) for job in jobs]


def run_jobs(jobs, project_root, themes=None, registry_path=None, workers=1, progress=None, executor=None):
    """Extract ``jobs``; yield ``(slug, record, error)`` in completion order.

    :param executor: an object with ``map_jobs(jobs, init_args)`` (e.g. the Dask
        executor); the default is a local process pool
    """
    if not jobs:
        return  # nothing to extract: no pipeline to load
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
    workers = min(workers, len(jobs))
    chunks = chunk_jobs(jobs, workers)
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=init_args) as pool:
        pending = {pool.submit(_run_chunk, chunk) for chunk in chunks}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                results = future.result()
                if progress:
                    progress(len(results))
                yield from results


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
    _in_plan_order(result, todo, output_dir)
    return result


def _in_plan_order(result, todo, output_dir):
    """Put results back in the order of the articles, whichever worker finished first."""
    rank = {job.slug: i for i, job in enumerate(todo)}
    by_path = lambda target: rank.get(Path(target).stem, len(rank))  # noqa: E731
    result.written.sort(key=by_path)
    result.unchanged.sort(key=by_path)
    result.summaries = dict(sorted(result.summaries.items(), key=lambda item: by_path(item[0])))
    result.failed.sort(key=lambda item: rank.get(item[0], -1))
    result.invalid.sort(key=lambda item: rank.get(item[0], -1))
