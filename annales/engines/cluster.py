"""The pipeline on a Dask distributed cluster (`annales ingest --engine dask`): chunks of articles go to the
workers, each worker process loads the models once, and the rows of every processed chunk come back as Arrow
tables for one writer (`annales.engines.dataset.DatasetWriter`).

Models: a worker plugin builds the pipeline when a worker starts (also a worker that replaces a lost one), and
`worker_pipeline` keeps it for the life of the process, so no task pays for loading. A worker lost mid-run
costs only the chunks it held: the scheduler gives them to another worker (up to
`distributed.scheduler.allowed-failures` times, then the run stops with E910); nothing is written twice, since
only this process writes, and only what came back. Results are taken in input order, at most
`IN_FLIGHT_PER_THREAD` chunks (of `batch_size` articles) per worker thread ahead, so a large corpus is never held in memory.

Dask is an optional dependency (`pip install "annales[dask]"`): import this module only when it is used."""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

import dask
import pyarrow as pa
from distributed import Client, LocalCluster, WorkerPlugin

from ..article import Article
from ..config import Settings
from ..errors import AnnalesError, Errors
from ..memory import peak_rss_mib
from ..pipeline import Pipeline
from ..workers import chunks
from .dataset import chunk_tables

# Chunks are `batch_size` articles, as with local workers: a task costs the scheduler about 1 ms, while a chunk of
# 16 long articles kept one worker busy alone for up to 12 s at the end of a run.
IN_FLIGHT_PER_THREAD = 3
TASK_RETRIES = 2  # a task that raises (not a lost worker: the scheduler reschedules those) is tried again

_pipelines: dict[str, tuple[Pipeline, threading.Lock]] = {}
_pipelines_lock = threading.Lock()


@dataclass
class ChunkResult:
    """What a worker gives back for one chunk."""

    tables: dict[str, pa.Table]  # `chunk_tables`: every table's rows, with the partition columns
    articles: int
    failed: list[Article] = field(default_factory=list)  # refused or failed inputs, reduced to what the error log needs
    peak_rss_mib: float = 0.0  # of the worker process, so far
    pid: int = 0


def _settings_key(settings: Settings) -> str:
    return repr(sorted(settings.values.items()))


def worker_pipeline(settings: Settings) -> tuple[Pipeline, threading.Lock]:
    """This process's pipeline for `settings`, built on first use (the models load once per process: `load_model`
    and the gazetteer are cached per process too) with the lock that serialises its use (a worker with several
    threads, or workers sharing one process)."""
    key = _settings_key(settings)
    with _pipelines_lock:
        if key not in _pipelines:
            _pipelines.clear()  # a long-lived worker serving runs with other settings keeps one pipeline, not one per run
            _pipelines[key] = (Pipeline(settings), threading.Lock())
        return _pipelines[key]


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline when a worker starts (models loaded before its first task)."""

    name = "annales-pipeline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        worker_pipeline(self.settings)


def process_chunk(settings: Settings, chunk: list[Article]) -> ChunkResult:
    """The task: run the pipeline over one chunk in this worker, return its rows."""
    pipeline, lock = worker_pipeline(settings)
    with lock:
        done = list(pipeline.run(chunk))
    failed = [Article(path=a.path, id=a.id, errors=a.errors, meta={k: v for k, v in a.meta.items() if k == "record"}) for a in done if not a.ok]
    return ChunkResult(tables=chunk_tables(done), articles=len(done), failed=failed, peak_rss_mib=peak_rss_mib() or 0.0, pid=os.getpid())


class Cluster:
    """A Dask client on `scheduler` (an address such as tcp://10.0.0.5:8786), or on a LocalCluster of `workers`
    processes (one thread each) when no address is given. `processes=False` runs the local workers as threads
    of this process (tests)."""

    def __init__(self, settings: Settings, *, scheduler: str | None = None, workers: int | None = None, processes: bool = True) -> None:
        self.settings = settings
        self._stack = ExitStack()
        try:
            if scheduler:
                self.client = self._stack.enter_context(Client(scheduler))  # type: ignore[no-untyped-call]
            else:
                # Dask's statistical profiler samples each worker's threads every 10 ms: 14% of the wall time of a
                # 400-article ingest on 2 local workers (99.7 s with it, 85.7 s without). And its nannies start
                # workers with MALLOC_TRIM_THRESHOLD_=65536, so glibc hands memory back on every large free: the
                # pipeline already gives memory back between its groups (annales.memory), and the trimming cost
                # the workers about 5% more CPU. Its workers get this config.
                environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items() if k != "MALLOC_TRIM_THRESHOLD_"}
                with dask.config.set({"distributed.worker.profile.enabled": False, "distributed.nanny.pre-spawn-environ": environ}):
                    cluster = self._stack.enter_context(LocalCluster(  # type: ignore[no-untyped-call]
                        n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=processes,
                        dashboard_address=":0", silence_logs=logging.ERROR,
                    ))
                self.client = self._stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
            self.client.register_plugin(PipelinePlugin(settings))
        except AnnalesError:
            self._stack.close()
            raise
        except Exception as exc:
            self._stack.close()
            raise AnnalesError(Errors.E910.format(reason=f"the Dask cluster could not start or be reached: {type(exc).__name__}: {exc}")) from exc

    def threads(self) -> int:
        threads: dict[str, int] = self.client.nthreads()
        return max(1, sum(threads.values()))

    def run(self, articles: Iterable[Article], *, chunk_articles: int | None = None,
            task: Callable[[Settings, list[Article]], ChunkResult] = process_chunk) -> Iterator[ChunkResult]:
        """Process `articles` on the cluster; yield each chunk's result in input order."""
        pending: deque[Any] = deque()
        limit = IN_FLIGHT_PER_THREAD * self.threads()
        settings = self.settings  # a few hundred bytes with each task: no scattered copy to lose with a worker
        try:
            for chunk in chunks(articles, chunk_articles or settings.batch_size):
                pending.append(self.client.submit(task, settings, chunk, pure=False, retries=TASK_RETRIES))
                while len(pending) >= limit:
                    yield self._result(pending.popleft())
            while pending:
                yield self._result(pending.popleft())
        finally:
            for future in pending:
                future.cancel()

    def _result(self, future: Any) -> ChunkResult:
        try:
            result = future.result()
        except Exception as exc:
            raise AnnalesError(Errors.E910.format(reason=f"{type(exc).__name__}: {exc}")) from exc
        if not isinstance(result, ChunkResult):
            raise AnnalesError(Errors.E910.format(reason=f"a task gave back {type(result).__name__}"))
        return result

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
