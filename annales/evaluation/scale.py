"""Scale-out benchmark (`annales bench --scale`, `python benchmarks/scale.py`): whole `annales ingest` runs
on one generated corpus with 1 and P local workers and with the Dask engine on a P-worker LocalCluster, the
same records checked; optionally a large run into a store; query times on the stores; an extrapolation.

Every run is a fresh command (`python -m annales ...`), timed from launch to exit: model loading is part of
it, as it is for a user. For each run the output keeps the wall time, the CPU time of the run's processes,
the peak RSS (VmHWM) of its main process and of its largest worker (sampled from /proc every half second),
and the machine's state: the load average and the CPU share of other processes at the start and the end
(one second each, nothing of ours running) and over the run (machine CPU time from /proc/stat less the run's
own). On a machine that other work shares, wall-clock speed-ups are only as good as that share is small.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..memory import peak_rss_mib

REPO = Path(__file__).resolve().parents[2]
MAKE_CORPUS = REPO / "benchmarks" / "make_corpus.py"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
SAMPLE_SECONDS = 0.5


# The machine.


def _cpu_times() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat (0, 0 where there is none)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    total = sum(fields[:8])  # guest time is counted in user already
    return (total - idle) / CLOCK_TICKS, total / CLOCK_TICKS


def machine_state(seconds: float = 1.0) -> dict[str, Any]:
    """Load average and the share of all cores busy over `seconds` (taken while nothing of ours runs: other work)."""
    busy0, total0 = _cpu_times()
    time.sleep(seconds)
    busy1, total1 = _cpu_times()
    share = (busy1 - busy0) / (total1 - total0) if total1 > total0 else None
    return {"loadavg": [round(v, 2) for v in os.getloadavg()], "others_cpu_share": None if share is None else round(share, 3), "at": time.strftime("%H:%M:%S", time.gmtime())}


def _children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _descendants(pid: int) -> list[int]:
    tree, found, todo = _children_of(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


_ENV: dict[str, str] | None = None  # the environment of every run (`freeze_code`)
_CWD: Path | None = None  # and its folder: not the repository, whose annales/ would come before PYTHONPATH on sys.path


def timed_run(command: Sequence[str], *, cores: int) -> dict[str, Any]:
    """Run `command` to its end; its wall and CPU time, peak RSS of its main process and largest descendant, and
    the machine's state before, during and after."""
    start_state = machine_state()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy0, _ = _cpu_times()
    started = time.perf_counter()
    child = subprocess.Popen(list(command), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_ENV, cwd=_CWD)
    peaks: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in [child.pid, *_descendants(child.pid)]:
                mib = peak_rss_mib(pid)
                if mib is not None:
                    peaks[pid] = max(peaks.get(pid, 0.0), mib)
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = child.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    busy1, _ = _cpu_times()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    workers = [mib for pid, mib in peaks.items() if pid != child.pid]
    others = max(0.0, (busy1 - busy0) - cpu)
    return {
        "command": " ".join(command[2:] if command[:2] == [sys.executable, "-m"] else command),
        "returncode": child.returncode,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 1),
        "peak_rss_mib": {"main": round(peaks.get(child.pid, 0.0)), "largest_worker": round(max(workers)) if workers else None,
                         "largest_process_rusage": round(after.ru_maxrss / 1024)},
        "others_cpu_s": round(others, 1),
        "others_cpu_share": round(others / (wall * cores), 3) if wall else None,
        "start": start_state,
        "end": machine_state(),
        "stderr_tail": " ".join(stderr.split())[-300:],
    }


# The corpus and the stores.


def make_corpus(n: int, seed: int, out: Path) -> Path:
    """benchmarks/make_corpus.py's articles (deterministic by seed) as JSON Lines; kept if it exists."""
    if out.exists():
        return out
    spec = importlib.util.spec_from_file_location("annales_make_corpus", MAKE_CORPUS)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(MAKE_CORPUS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    temporary = out.with_name(out.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        for article in module.articles(n, seed=seed):
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    os.replace(temporary, out)
    return out


def store_digest(db: Path) -> dict[str, Any]:
    """Rows and a SHA-256 of every table's sorted rows (without the ingest timestamp), and the file size."""
    import duckdb

    from ..store import TABLES

    con = duckdb.connect(str(db), read_only=True)
    try:
        out: dict[str, Any] = {"bytes": db.stat().st_size, "tables": {}}
        for table in TABLES:
            columns = [c for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND column_name <> 'ingested_at' ORDER BY ordinal_position", [table]).fetchall()]
            digest = hashlib.sha256()
            rows = 0
            cursor = con.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL")
            while batch := cursor.fetchmany(5000):
                rows += len(batch)
                for row in batch:
                    digest.update(repr(row).encode("utf-8", "replace"))
            out["tables"][table] = {"rows": rows, "sha256": digest.hexdigest()[:16]}
        return out
    finally:
        con.close()


def query_times(db: Path, *, repeat: int = 3) -> dict[str, Any]:
    """Seconds (best of `repeat`) of the CLI's queries in-process and of whole `annales` commands, and of the API's
    aggregate endpoints (uncached) on a copy of the store."""
    from ..store import Store
    from ..store.queries import query_events, summary

    def best(work: Callable[[], object]) -> float:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
        return round(min(times), 3)

    out: dict[str, Any] = {}
    with Store(db, read_only=True) as store:
        out["summary()"] = best(lambda: summary(store))
        out["query_events(limit=100)"] = best(lambda: query_events(store, limit=100))
        out["query_events(actor='USA', limit=100)"] = best(lambda: query_events(store, actor="USA", limit=100))
        out["query_events(all rows)"] = best(lambda: query_events(store))
    annales = [sys.executable, "-m", "annales"]
    for name, args in (("annales summary", ["summary", "--db", str(db)]), ("annales events --limit 100", ["events", "--db", str(db), "--limit", "100"]),
                       ("annales events --format csv (all)", ["events", "--db", str(db), "--format", "csv"])):
        out[name] = best(lambda args=args: subprocess.run([*annales, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=_ENV, cwd=_CWD))  # type: ignore[misc]
    try:
        out.update(_api_times(db, best))
    except ImportError:  # httpx (FastAPI's test client) is a test dependency
        pass
    return out


def _api_times(db: Path, best: Callable[[Callable[[], object]], float]) -> dict[str, float]:
    import tempfile

    from fastapi.testclient import TestClient

    from ..server.app import create_app

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder, TestClient(create_app(db, snapshot_dir=folder, cache_mib=0)) as client:
        started = time.perf_counter()
        client.get("/api/meta").raise_for_status()
        out["API first request (snapshot copy + /api/meta)"] = round(time.perf_counter() - started, 3)
        for path in ("/api/meta", "/api/events?limit=100", "/api/timeseries", "/api/network", "/api/map", "/api/actors", "/api/places", "/api/articles"):
            out[f"GET {path}"] = best(lambda path=path: client.get(path).raise_for_status())  # type: ignore[misc]
    return out


# The benchmark.


def freeze_code(folder: Path) -> dict[str, str]:
    """Copy the `annales` package into `folder` and return an environment whose PYTHONPATH puts that copy first:
    every run of the benchmark then uses the same code, even while someone edits the working tree. (The runs start
    in `folder`: `python -m` puts the current folder before PYTHONPATH.)"""
    target = folder / "code"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(REPO / "annales", target / "annales", ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules"))
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(target), os.environ.get("PYTHONPATH", "")]))}


def run_scale(*, n: int = 2000, seed: int = 1, workers: int = 2, folder: Path, dask: bool = True,
              store_n: int = 0, store_db: Path | None = None, queries: bool = True, freeze: bool = True, cold_starts: int = 3,
              log: Callable[[str], None] = print) -> dict[str, Any]:
    """Every measure; intermediate files (corpora, stores, the Parquet dataset, the frozen code) in `folder`."""
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    global _ENV, _CWD
    _ENV, _CWD = (freeze_code(folder), folder) if freeze else (None, None)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    annales = [sys.executable, "-m", "annales"]
    result: dict[str, Any] = {"machine": {"cores": cores, "python": sys.version.split()[0], "cpu": _cpu_model()}, "n": n, "seed": seed, "workers": workers, "runs": {}}
    runs = result["runs"]
    # The store ingest may also link stories after the run (`--link`, on by default); the Dask engine's dataset is not
    # linked: both are timed without it, and `annales link` is a step of its own.
    usage = subprocess.run([*annales, "ingest", "--help"], capture_output=True, text=True, env={**(_ENV or os.environ), "COLUMNS": "200"}, cwd=_CWD).stdout
    no_link = ["--no-link"] if "--no-link" in usage else []
    result["ingest_options"] = no_link
    # The gazetteer's on-disk cache is built once per change of its sources: build it before any timer starts.
    subprocess.run([sys.executable, "-c", "from annales.lang.gazetteer import load_gazetteer; load_gazetteer()"], check=True, env=_ENV, cwd=_CWD)
    if n:
        corpus = make_corpus(n, seed, folder / f"corpus-{n}-seed{seed}.jsonl")
        stores: dict[str, Path] = {}
        for count in sorted({1, workers}):
            db = folder / f"local-{count}.duckdb"
            db.unlink(missing_ok=True)
            log(f"ingest --workers {count}: {n} articles ...")
            runs[f"local, {count} worker(s)"] = timed_run([*annales, "ingest", str(corpus), "--db", str(db), "--workers", str(count), *no_link], cores=cores)
            stores[f"local, {count} worker(s)"] = db
        if dask:
            dataset, db = folder / "dask-dataset", folder / "dask.duckdb"
            shutil.rmtree(dataset, ignore_errors=True)
            db.unlink(missing_ok=True)
            log(f"ingest --engine dask --workers {workers}: {n} articles ...")
            runs[f"dask LocalCluster, {workers} worker(s)"] = timed_run([*annales, "ingest", str(corpus), "--engine", "dask", "--workers", str(workers), "--out", str(dataset)], cores=cores)
            runs["load-parquet (dask dataset into a store)"] = timed_run([*annales, "load-parquet", str(dataset), "--db", str(db)], cores=cores)
            stores[f"dask LocalCluster, {workers} worker(s)"] = db
            result["dataset_bytes"] = sum(p.stat().st_size for p in dataset.rglob("*.parquet"))
        one = runs["local, 1 worker(s)"]["wall_s"]
        for name, run in runs.items():
            if name.startswith(("local", "dask")):
                run["articles_per_s"] = round(n / run["wall_s"], 2)
                run["speedup_vs_1"] = round(one / run["wall_s"], 2)
                run["efficiency"] = round(one / run["wall_s"] / (workers if "1 worker" not in name else 1), 2)
        digests = {name: store_digest(db) for name, db in stores.items()}
        reference = next(iter(digests.values()))["tables"]
        result["same_output"] = {name: digest["tables"] == reference for name, digest in digests.items()}
        result["rows"] = {table: found["rows"] for table, found in reference.items()}
        result["store_bytes"] = {name: digest["bytes"] for name, digest in digests.items()}
        if queries:
            log("query times on the local store ...")
            result["queries"] = {f"{n} articles": query_times(stores[f"local, {workers} worker(s)"])}
    if store_n:
        corpus = make_corpus(store_n, seed, folder / f"corpus-{store_n}-seed{seed}.jsonl")
        store_db = folder / f"store-{store_n}.duckdb"
        store_db.unlink(missing_ok=True)
        log(f"ingest --workers {workers}: {store_n} articles into a store ...")
        run = timed_run([*annales, "ingest", str(corpus), "--db", str(store_db), "--workers", str(workers), *no_link], cores=cores)
        run["articles_per_s"] = round(store_n / run["wall_s"], 2)
        runs[f"store run, {store_n} articles, {workers} worker(s)"] = run
    if store_db is not None and queries:
        log(f"query times on {store_db} ...")
        size = _articles_in(store_db)
        result.setdefault("queries", {})[f"{size} articles"] = query_times(store_db)
        result.setdefault("store_bytes", {})[f"{size} articles"] = store_db.stat().st_size
    if cold_starts:
        log("cold start: annales extract on one article ...")
        result["cold_start"] = cold_start(cold_starts, cores)
    result["extrapolation"] = extrapolate(result)
    return result


def cold_start(times: int, cores: int) -> dict[str, Any]:
    """`annales extract` on one article in a fresh process, `times` times: seconds to its first output line (best and
    median), its CPU seconds, and the machine's state around the runs."""
    import statistics

    from .bench import bench_cold_start

    example = sorted((REPO / "examples").glob("fr-*.txt"))[:1] or sorted((REPO / "examples").glob("*.txt"))[:1]
    doc = {"id": "cold", "text": example[0].read_text(encoding="utf-8") if example else "La Russie a signé un accord avec l'Iran à Paris.", "language": "fr", "title": None}
    start = machine_state()
    runs = [bench_cold_start(doc) for _ in range(times)]
    firsts = [run["first_article_s"] for run in runs]
    return {"runs": times, "first_article_s_best": round(min(firsts), 2), "first_article_s_median": round(statistics.median(firsts), 2),
            "cpu_s_median": round(statistics.median(run["cpu_s"] for run in runs), 2), "ok": all(run["ok"] for run in runs),
            "start": start, "end": machine_state(), "article": example[0].name if example else "inline"}


def _articles_in(db: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute("SELECT count(*) FROM articles").fetchone()
        return int(found[0]) if found else 0
    finally:
        con.close()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def extrapolate(result: dict[str, Any], target: int = 100_000) -> dict[str, Any]:
    """100,000 articles from the measured rates: hours with the measured P-worker rate, per core; store size and
    query times scaled linearly from the largest store measured (scans grow with the rows)."""
    out: dict[str, Any] = {"articles": target}
    rates = {name: run["articles_per_s"] for name, run in result["runs"].items() if "articles_per_s" in run}
    for name, rate in rates.items():
        out[f"hours at the rate of '{name}'"] = round(target / rate / 3600, 2)
    cores = result["machine"]["cores"]
    best = max(rates.values(), default=0.0)
    if best:
        out["articles_per_core_s (best run)"] = round(best / cores, 2)
        out[f"cores for {target} articles in 1 hour"] = round(target / 3600 / (best / cores), 1)
    sizes = {key: value for key, value in result.get("store_bytes", {}).items() if key.endswith("articles")}
    if sizes:
        key = max(sizes, key=lambda k: int(k.split()[0]))
        articles = int(key.split()[0])
        out["store_bytes"] = round(sizes[key] / articles * target)
        queries = result.get("queries", {}).get(key, {})
        out["query_s (linear from the largest store)"] = {name: round(seconds * target / articles, 2) for name, seconds in queries.items()}
    return out


def markdown(result: dict[str, Any]) -> str:
    """The figures as a Markdown table and lists, for docs/benchmarks.md."""
    lines = [f"Machine: {result['machine']['cores']} cores ({result['machine']['cpu']}), Python {result['machine']['python']}; "
             f"corpus: benchmarks/make_corpus.py --n {result['n']} --seed {result['seed']}.", "",
             "| run | wall s | articles/s | vs 1 worker | efficiency | CPU s | peak RSS main / largest worker MiB | load start → end | others' CPU share start / run / end |",
             "|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for name, run in result["runs"].items():
        worker = run["peak_rss_mib"]["largest_worker"]
        lines.append(
            f"| {name} | {run['wall_s']:.1f} | {run.get('articles_per_s', '')} | {run.get('speedup_vs_1', '')} | {run.get('efficiency', '')} | {run['cpu_s']:.0f} | "
            f"{run['peak_rss_mib']['main']} / {worker if worker is not None else '-'} | {run['start']['loadavg'][0]} → {run['end']['loadavg'][0]} | "
            f"{_pct(run['start']['others_cpu_share'])} / {_pct(run['others_cpu_share'])} / {_pct(run['end']['others_cpu_share'])} |")
    if "same_output" in result:
        lines += ["", f"Same records (every table, sorted, without ingested_at): {result['same_output']}; rows: {result['rows']}."]
    for size, times in result.get("queries", {}).items():
        lines += ["", f"Queries on the {size} store (best of 3, seconds): " + "; ".join(f"{name} {seconds}" for name, seconds in times.items()) + "."]
    if result.get("store_bytes"):
        lines += ["", "Store sizes (bytes): " + "; ".join(f"{k}: {v:,}" for k, v in result["store_bytes"].items()) + "."]
    if "cold_start" in result:
        cold = result["cold_start"]
        lines += ["", f"Cold start (annales extract {cold['article']}, first record): best {cold['first_article_s_best']} s, median {cold['first_article_s_median']} s of {cold['runs']},"
                  f" {cold['cpu_s_median']} CPU-s; load {cold['start']['loadavg'][0]} → {cold['end']['loadavg'][0]}, others' CPU share {_pct(cold['start']['others_cpu_share'])} → {_pct(cold['end']['others_cpu_share'])}."]
    lines += ["", "Extrapolation: " + json.dumps(result["extrapolation"])]
    return "\n".join(lines) + "\n"


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"
