"""The pipeline on several processes: each worker loads the models once and processes chunks of articles.

`WorkerPool.run` is `Pipeline.run` spread over `workers` processes: the same articles, processed in the same
batches, come back in input order, so one writer can store them as a single process would. At most
`IN_FLIGHT_PER_WORKER` chunks per worker are read ahead, so a large corpus is never held in memory."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .article import Article
from .config import Settings
from .errors import AnnalesError, Errors
from .pipeline import Pipeline

IN_FLIGHT_PER_WORKER = 2
# Below this many articles per worker, starting workers (each loads the models: seconds) costs more than it saves.
MIN_ARTICLES_PER_WORKER = 32

_worker_pipeline: Pipeline | None = None


def default_workers(articles: int | None) -> int:
    """Workers for an ingest of `articles` inputs (None: unknown): every core, but no worker without work."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if articles is None:
        return cores
    return max(1, min(cores, articles // MIN_ARTICLES_PER_WORKER))


class WorkerPool:
    """`workers` processes running the pipeline of `settings`."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        # spawn, not fork: the parent holds a DuckDB connection and threads, which a forked child must not inherit
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker, initargs=(settings,),
        )

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        pending: deque[Future[list[Article]]] = deque()
        limit = IN_FLIGHT_PER_WORKER * self.workers
        try:
            for chunk in chunks(articles, self.settings.batch_size):
                pending.append(self._executor.submit(_process_chunk, chunk))
                while len(pending) >= limit:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool as exc:
            raise AnnalesError(Errors.E910.format(reason=str(exc) or "a worker process died")) from exc

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _start_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings)


def _process_chunk(chunk: list[Article]) -> list[Article]:
    assert _worker_pipeline is not None, "the worker's initializer did not run"
    return _worker_pipeline.run_batch(chunk)
