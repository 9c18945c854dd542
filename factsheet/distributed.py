"""Extraction on a Dask cluster: ``factsheet extract --executor dask --scheduler tcp://HOST:8786``.

Articles are independent, so a large archive can be extracted by many
machines.  :class:`DaskExecutor` is the ``executor`` hook of
:func:`factsheet.extract.batch.run_jobs`: it ships each chunk of articles
(their bytes, metadata and slug, and the entity registry) to the cluster and
yields ``(slug, record, error)`` as chunks finish.  Workers need factsheet
and its spaCy model installed, but not the project's files; each worker
process loads the model once and keeps it.  The fact files are still written
by the calling process, so the cluster never touches the project.

Run workers with one thread each (``dask worker --nthreads 1 --nworkers N``):
a spaCy pipeline is not meant to be shared between threads, so threads of one
worker process take turns with it.
"""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

from .errors import FactsheetError

#: articles in one Dask task: large enough to amortise the scheduler's overhead
#: per task (about a millisecond), small enough to balance the workers
DASK_CHUNK = 4

# one spaCy pipeline per worker process, used by one thread at a time
_LOCK = threading.Lock()
_STATE = {}


def _worker_state(settings):
    """This worker process's pipeline and settings, loaded on first use."""
    from .extract import load_pipeline

    state = _STATE.get(settings["token"])
    if state is None:
        state = dict(settings, nlp=load_pipeline())  # load_pipeline keeps the model for the process
        _STATE.clear()  # a new batch: keep its registry, drop the last one's
        _STATE[settings["token"]] = state
    return state


def _extract_chunk(jobs, settings):
    """A Dask task: extract ``jobs`` with the worker's pipeline; one result per job."""
    from .extract.batch import extract_job

    with _LOCK:
        state = _worker_state(settings)
        return [extract_job(job, state["nlp"], state["root"], state["themes"], state["registry"]) for job in jobs]


def _warm():
    """Load the pipeline in a worker process before the first task arrives."""
    from .extract import load_pipeline

    with _LOCK:
        load_pipeline()
    return True


class DaskExecutor:
    """Run extraction jobs on a Dask cluster.

    :param scheduler: the scheduler's address (``tcp://host:8786``), or a
        ``dask.distributed`` ``Client`` or cluster object (a ``LocalCluster`` in tests)
    :param chunk: articles per task
    :param timeout: seconds to wait for the scheduler
    """

    def __init__(self, scheduler, chunk=DASK_CHUNK, timeout=30):
        try:
            from dask.distributed import Client
        except ImportError:
            raise FactsheetError("--executor dask needs Dask (run `pip install 'factsheet[dask]'`)") from None
        if scheduler is None or scheduler == "":
            raise FactsheetError("--executor dask needs the scheduler's address (pass --scheduler tcp://HOST:8786)")
        self.chunk = max(1, int(chunk))
        self._own_client = not isinstance(scheduler, Client)
        if isinstance(scheduler, Client):
            self.client = scheduler
        else:
            try:
                self.client = Client(scheduler, timeout=timeout)
            except (OSError, TimeoutError, ValueError) as exc:
                raise FactsheetError(f"cannot reach the Dask scheduler at {scheduler} ({' '.join(str(exc).split())}) "
                                     "(start it with `dask scheduler`, or check --scheduler)") from None

    def close(self):
        """Disconnect from the scheduler (only when this executor opened the connection)."""
        if self._own_client:
            self.client.close()

    def map_jobs(self, jobs, init_args):
        """Extract ``jobs`` on the cluster; yield ``(slug, record, error)`` as tasks finish.

        :param init_args: ``(project_root, themes, registry_path)``, as the local pool gets them;
            the registry is read here and sent along, so workers need no project files
        """
        from dask.distributed import as_completed

        from .extract.batch import Job
        from .registry import load_registry

        root, themes, registry_path = init_args
        registry = load_registry(registry_path) if registry_path else None
        # the token tells a worker that a new batch (new registry, new themes) has started
        settings = {"token": uuid.uuid4().hex, "root": root, "themes": themes, "registry": registry}
        shipped, failed = [], []
        for job in jobs:
            try:
                raw = job.raw if job.raw is not None else Path(job.path).read_bytes()
            except OSError as exc:
                failed.append((job.slug, None, f"{job.path}: cannot read file ({exc.strerror}) (check the path)"))
                continue
            shipped.append(Job(job.path, job.meta, job.slug, raw, job.defaults, source=job.source, size=job.size))
        yield from failed
        if not shipped:
            return
        self.client.run(_warm)
        ordered = sorted(shipped, key=lambda job: -job.size)
        chunks = [ordered[i:i + self.chunk] for i in range(0, len(ordered), self.chunk)]
        remote_settings = self.client.scatter(settings, broadcast=True)
        futures = {self.client.submit(_extract_chunk, chunk, remote_settings, pure=False): chunk for chunk in chunks}
        for future in as_completed(futures):
            try:
                results = future.result()
            except Exception as exc:  # a worker died or the task could not run: report its articles
                message = " ".join(str(exc).split()) or type(exc).__name__
                chunk = futures[future]
                results = [(job.slug, None, f"{job.path}: extraction failed on the Dask cluster ({message})")
                           for job in chunk]
            yield from results
            future.release()
