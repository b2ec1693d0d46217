"""Store speed: the store's share of ingest CPU, per write strategy, on one sample of real articles.

    python benchmarks/store_speed.py [--articles 200] [--seed 13] [--batch 64] [--corpus PATH ...] [--json OUT]
    python benchmarks/store_speed.py --memory 8000 [--articles 200] ...

The sample is the throughput benchmark's (`annales.evaluation.bench.sample`: fixed seed, fr/en
split, from examples/ + ../shared/corpus by default). The pipeline runs once over it, warmed
first, and its CPU time is the processing part of ingest. The processed articles are then
written to a fresh store by each strategy in turn, CPU time taken from the first look-up of
what is stored to the store's close (DuckDB's checkpoint included):

- `legacy`: what ingest did before bulk writes: one transaction per article, one
  `executemany` per table (kept here so that before and after are measured in the same run);
- `per_article`: `Store.add` for each article (the single-article API, one transaction each);
- `batched`: `Store.add_many` every `--batch` articles (what `annales ingest` does now).

Each strategy's share is store CPU / (pipeline CPU + store CPU). CPU time
(`time.process_time`, every thread of this process) rather than wall time: on a shared
machine other work stretches wall time but hardly CPU time.

--memory N writes N articles (the processed sample again and again, each copy with a text of
its own) in batches, in a fresh process with the store's memory limit and in one without
(DuckDB's default, 80% of the machine), and reports each process's peak and current RSS.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from annales.article import Article
from annales.config import Settings
from annales.evaluation.bench import load_corpus, sample
from annales.pipeline import Pipeline
from annales.store import Store


def _articles(docs: Sequence[dict[str, Any]]) -> list[Article]:
    """Articles as ingest makes them (an id and path so the stored rows look like real ones)."""
    return [Article(path=f"sample/{i}", id=str(d["id"]), title=d["title"], raw_text=d["text"], text=d["text"]) for i, d in enumerate(docs)]


def _legacy(store: Store, articles: list[Article]) -> None:
    """The pre-bulk write: each article in its own transaction, one executemany per table."""
    from annales.store import article_rows

    for article in store.unseen(articles):
        store.con.execute("BEGIN TRANSACTION")
        for table, rows in article_rows(article).items():
            if rows:
                columns = ", ".join(store.columns(table))
                store.con.executemany(f"INSERT INTO {table} ({columns}) VALUES ({','.join('?' * len(rows[0]))})", rows)
        store.con.execute("COMMIT")


def _per_article(store: Store, articles: list[Article]) -> None:
    for article in store.unseen(articles):
        store.add(article)


def _batched(batch: int) -> Callable[[Store, list[Article]], None]:
    def write(store: Store, articles: list[Article]) -> None:
        todo = list(store.unseen(articles))
        for start in range(0, len(todo), batch):
            store.add_many(todo[start : start + batch])

    return write


def _time_store(write: Callable[[Store, list[Article]], None], articles: list[Article], folder: Path, name: str) -> dict[str, float]:
    db = folder / f"{name}.duckdb"
    cpu, wall = time.process_time(), time.perf_counter()
    store = Store(db)
    write(store, articles)
    stored = store.counts()
    store.close()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"cpu_seconds": cpu, "seconds": wall, "ms_per_article": 1000 * cpu / len(articles),
            "articles": stored["articles"], "events": stored["events"], "rows": sum(stored.values())}


def run(corpus: Sequence[Path] | None, *, articles: int, seed: int, batch: int, repeat: int) -> dict[str, Any]:
    docs = sample(load_corpus(corpus), articles, seed=seed)
    pipeline = Pipeline(Settings.make())
    list(pipeline.run(_articles(docs)))  # warm: models loaded, vocabulary and caches filled
    processed = _articles(docs)
    cpu, wall = time.process_time(), time.perf_counter()
    list(pipeline.run(processed))
    pipeline_cpu, pipeline_wall = time.process_time() - cpu, time.perf_counter() - wall
    strategies: dict[str, Callable[[Store, list[Article]], None]] = {"per_article": _per_article}
    import annales.store as store_module

    if hasattr(store_module, "article_rows"):
        strategies = {"legacy": _legacy, **strategies}
    if hasattr(Store, "add_many"):
        strategies["batched"] = _batched(batch)
    result: dict[str, Any] = {
        "articles": len(processed), "words": sum(len(a.text.split()) for a in processed),
        "events": sum(len(a.events) for a in processed), "batch": batch, "seed": seed,
        "pipeline": {"cpu_seconds": pipeline_cpu, "seconds": pipeline_wall, "ms_per_article": 1000 * pipeline_cpu / len(processed)},
        "store": {},
    }
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(max(1, repeat)):
            for name, write in strategies.items():
                figures = _time_store(write, processed, Path(folder), f"{name}-{round_}")
                best = result["store"].get(name)
                if best is None or figures["cpu_seconds"] < best["cpu_seconds"]:
                    result["store"][name] = figures
    for figures in result["store"].values():
        figures["share_of_ingest_cpu"] = figures["cpu_seconds"] / (pipeline_cpu + figures["cpu_seconds"])
    return result


def _status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


class _Unbounded(Store):
    """The store as it was before its memory limit: DuckDB's default (80% of the machine)."""

    def _bound_memory(self) -> None:
        self.con.execute("RESET memory_limit")


def memory_worker(sample: Path, articles: int, batch: int, bounded: bool) -> dict[str, Any]:
    """In this (fresh) process: write `articles` copies of the pickled processed sample, RSS as it goes."""
    processed: list[Article] = pickle.loads(sample.read_bytes())
    peaks: dict[int, float] = {}
    rss: dict[int, float] = {}
    step = max(batch, articles // 8 // batch * batch)
    with tempfile.TemporaryDirectory() as folder:
        store = (Store if bounded else _Unbounded)(Path(folder) / "m.duckdb")
        start = (_status_mib("VmHWM"), _status_mib("VmRSS"))
        cpu = time.process_time()
        written = 0
        while written < articles:
            todo = []
            for article in processed[: min(batch, articles - written)]:
                twin = copy.copy(article)
                twin.raw_text = f"{article.raw_text}\n{written + len(todo)}"  # a text, and so a key, of its own
                todo.append(twin)
            store.add_many(todo)
            written += len(todo)
            processed = processed[len(todo):] + processed[: len(todo)]
            if written % step == 0 or written >= articles:
                peaks[written], rss[written] = _status_mib("VmHWM"), _status_mib("VmRSS")
        cpu = time.process_time() - cpu
        store.close()
    return {"bounded": bounded, "articles": written, "start_mib": start, "peak_rss_mib": peaks, "rss_mib": rss, "cpu_seconds": round(cpu, 2)}


def memory_bench(corpus: Sequence[Path] | None, *, articles: int, sample_size: int, seed: int, batch: int) -> dict[str, Any]:
    docs = sample(load_corpus(corpus), sample_size, seed=seed)
    processed = _articles(docs)
    list(Pipeline(Settings.make()).run(processed))
    runs: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        pickled = Path(folder) / "sample.pickle"
        pickled.write_bytes(pickle.dumps(processed))
        for bounded in (False, True):
            command = [sys.executable, __file__, "--memory-worker", str(pickled), "--bounded", str(int(bounded)),
                       "--memory", str(articles), "--batch", str(batch)]
            done = subprocess.run(command, capture_output=True, text=True, check=True, env=dict(os.environ))
            runs["with_limit" if bounded else "without_limit"] = json.loads(done.stdout.strip().splitlines()[-1])
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, nargs="*", help="JSONL/text files or folders (default: examples/ + ../shared/corpus)")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch", type=int, default=64, help="articles per add_many transaction")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the store measures; the best is kept")
    parser.add_argument("--json", type=Path, default=None, help="write the figures as JSON here")
    parser.add_argument("--memory", type=int, default=None, help="write this many articles and report RSS, with and without the store's memory limit")
    parser.add_argument("--memory-worker", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--bounded", type=int, choices=(0, 1), default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_worker is not None:
        print(json.dumps(memory_worker(args.memory_worker, args.memory, args.batch, bool(args.bounded))))
        return
    if args.memory is not None:
        runs = memory_bench(args.corpus, articles=args.memory, sample_size=args.articles, seed=args.seed, batch=args.batch)
        for name, run_ in runs.items():
            steps = ", ".join(f"{n}: {mib:.0f}/{run_['rss_mib'][n]:.0f}" for n, mib in run_["peak_rss_mib"].items())
            print(f"{name:<14} {run_['articles']} articles written, {run_['cpu_seconds']} CPU s, RSS before {run_['start_mib'][1]:.0f} MiB;"
                  f" after n articles, peak/current RSS MiB: {steps}")
        if args.json:
            args.json.write_text(json.dumps(runs, indent=1) + "\n", encoding="utf-8")
        return
    result = run(args.corpus, articles=args.articles, seed=args.seed, batch=args.batch, repeat=args.repeat)
    p = result["pipeline"]
    print(f"{result['articles']} articles, {result['words']} words, {result['events']} events (seed {result['seed']})")
    print(f"pipeline: {p['cpu_seconds']:.2f} CPU s, {p['ms_per_article']:.1f} ms/article")
    for name, s in result["store"].items():
        print(f"store {name:<12} {s['cpu_seconds']:6.2f} CPU s  {s['ms_per_article']:6.2f} ms/article  "
              f"{100 * s['share_of_ingest_cpu']:5.1f}% of ingest CPU  ({s['articles']} articles, {s['rows']} rows, {s['seconds']:.2f} s wall)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
