"""Throughput benchmark script: the same measures as `annales bench`; with --memory, peak RSS over a long run.

    python benchmarks/throughput.py [--articles N] [--processes P] [--repeat R] [--corpus PATH ...] [--json OUT]
    python benchmarks/throughput.py --memory 1000 [--corpus FILE.jsonl] [--json OUT]

--memory N runs the pipeline over the first N readable articles of the corpus in a fresh process
twice, with spaCy memory zones (the default) and without, one fresh process each, and reports
each process's peak and current RSS (VmHWM, VmRSS) after every 250 articles, its CPU time,
and which records differ between the two runs (none should).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from annales.cli.bench import print_bench
from annales.evaluation.bench import run_bench

MEMORY_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "bbc-fulltext-en" / "bbc-fulltext-en.jsonl"
MEMORY_STEP = 250


def _status_mib(field: str) -> float:
    """A memory figure of this process from /proc/self/status (VmHWM: peak RSS, VmRSS: RSS now), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def memory_worker(corpus: list[Path], articles: int, zones: bool) -> dict[str, object]:
    """In this (fresh) process: the pipeline over the first `articles` readable articles, peak RSS as it goes."""
    from annales.config import Settings
    from annales.ingest import read_inputs
    from annales.pipeline import Pipeline

    settings = Settings.make(max_bytes=256 * 1024 * 1024)
    readable = (a for a in read_inputs([str(p) for p in corpus], settings) if a.ok)
    pipeline = Pipeline(settings, memory_zones=zones)
    digests: list[str] = []
    peaks: dict[int, float] = {}
    rss: dict[int, float] = {}
    cpu = time.process_time()

    def limited():
        for count, article in enumerate(readable):
            if count >= articles:
                return
            yield article

    for article in pipeline.run(limited()):
        record = json.dumps(article.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8", "replace")
        digests.append(hashlib.sha256(record).hexdigest()[:16])
        if len(digests) % MEMORY_STEP == 0:
            peaks[len(digests)], rss[len(digests)] = _status_mib("VmHWM"), _status_mib("VmRSS")
    peaks[len(digests)], rss[len(digests)] = _status_mib("VmHWM"), _status_mib("VmRSS")
    return {"memory_zones": zones, "articles": len(digests), "peak_rss_mib": peaks, "rss_mib": rss,
            "cpu_seconds": round(time.process_time() - cpu, 1), "records": digests}


def memory_bench(corpus: list[Path], articles: int) -> dict[str, object]:
    """`memory_worker` in a fresh process per mode (so each peak is its own), both at once, with one hash seed
    (so that sets iterate alike and the records can be compared)."""
    children = {}
    for zones in (False, True):
        command = [sys.executable, __file__, "--memory-worker", str(int(zones)), "--memory", str(articles), "--corpus", *map(str, corpus)]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        children["with_zones" if zones else "without_zones"] = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    runs: dict[str, object] = {}
    for name, child in children.items():
        out, _ = child.communicate()
        if child.returncode:
            raise SystemExit(f"the {name} run failed ({child.returncode})")
        runs[name] = json.loads(out.strip().splitlines()[-1])
    with_zones, without = runs["with_zones"]["records"], runs["without_zones"]["records"]  # type: ignore[index]
    runs["differing_records"] = [i for i, (a, b) in enumerate(zip(with_zones, without)) if a != b]
    for name in children:
        del runs[name]["records"]  # type: ignore[attr-defined]
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, nargs="*", help="JSONL/text files or folders (default: examples/ + ../shared/corpus)")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--processes", type=int, default=None)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the one-process measures; the best is kept")
    parser.add_argument("--json", type=Path, default=None, help="write the figures as JSON here")
    parser.add_argument("--memory", type=int, default=None, help="peak RSS over this many articles, with and without memory zones")
    parser.add_argument("--memory-worker", type=int, choices=(0, 1), default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory is not None:
        corpus = args.corpus or [MEMORY_CORPUS]
        if args.memory_worker is not None:
            print(json.dumps(memory_worker(corpus, args.memory, bool(args.memory_worker))))
            return
        memory = memory_bench(corpus, args.memory)
        for name in ("without_zones", "with_zones"):
            run = memory[name]
            steps = ", ".join(f"{n}: {mib:.0f}/{run['rss_mib'][n]:.0f}" for n, mib in run["peak_rss_mib"].items())
            print(f"{name:<14} {run['articles']} articles, {run['cpu_seconds']} CPU s; after n articles, peak/current RSS MiB: {steps}")
        differing = memory["differing_records"]
        print(f"records that differ with and without zones: {len(differing)} {differing[:10]}")
        if args.json:
            args.json.write_text(json.dumps(memory, indent=1) + "\n", encoding="utf-8")
        return
    result = run_bench(args.corpus, articles=args.articles, processes=args.processes, seed=args.seed, repeat=args.repeat)
    print_bench(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":  # the guard matters: scaling workers are spawned and re-import this file
    main()
