"""Load on `annales serve`: many concurrent clients, latency per endpoint, errors.

Starts `annales serve` on the store in its own process, then runs `--clients` connections (HTTP/1.1 keep-alive,
a minimal asyncio client so that the load generator costs little of the machine it shares with the server),
each asking one request after another for `--seconds`. The URLs are what dashboard users ask: event pages,
time series, dyad networks and maps for the store's top actors, event types and months, and single articles,
drawn by a seeded generator. `--warmup S` runs the same load for S seconds before measuring (a server that has
been up), `--warmup 0` measures from a cold start. `--cache-mib 0` measures the server with no response cache (every request is
a query).

By default a client asks its next request as soon as it has the answer (no think time: the most load the clients can
make). `--think-min A --think-max B` makes each client a dashboard user instead: it opens a view (the one request the
dashboard makes for it: /api/events for the event list, /api/timeseries for the timeline, /api/network, /api/map or
/api/articles/ID), reads it for a time drawn uniformly from A to B seconds, then opens the next; users start at
uniformly drawn times within the first B seconds. Like a browser, a user whose kept-alive connection the server has
closed meanwhile (uvicorn drops one idle for 5 s) sends the request again on a new connection; the report counts these.

The report gives the load average and the machine's CPU time during the measured run, split into the server's, the
load generator's and the rest (other processes), so that a run on a shared machine can be judged.

    python benchmarks/serve_load.py --db corpus5k.duckdb --clients 200 --seconds 30 --out load.json
    python benchmarks/serve_load.py --db corpus5k.duckdb --clients 200 --seconds 30 --cache-mib 0 --urls 50000 \
        --think-min 1 --think-max 5 --warmup 10
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

Outcome = TypeVar("Outcome")


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer {url}")


def get_json(base: str, path: str, **params: object) -> dict[str, Any]:
    with urllib.request.urlopen(f"{base}{path}?{urlencode(params)}", timeout=30) as response:
        answer: dict[str, Any] = json.loads(response.read())
    return answer


def url_mix(base: str, n: int, seed: int) -> list[tuple[str, str]]:
    """(endpoint, path with query) pairs a dashboard's users would ask, drawn from the store's own values."""
    rng = random.Random(seed)
    actors = [a["code"] for a in get_json(base, "/api/actors", limit=40)["actors"]]
    plover = [p for p, _ in get_json(base, "/api/meta")["plover"] if p]
    months = [p["period"][:7] for p in get_json(base, "/api/timeseries", interval="month")["series"]]
    articles = [a["article_id"] for a in get_json(base, "/api/articles", limit=200)["articles"]]

    def filters() -> dict[str, object]:
        chosen: dict[str, object] = {}
        if rng.random() < 0.7:
            chosen["actor"] = rng.choice(actors)
        if rng.random() < 0.4:
            chosen["plover"] = rng.choice(plover)
        if rng.random() < 0.3 and months:
            chosen["since"] = rng.choice(months) + "-01"
        return chosen

    mix: list[tuple[str, str]] = []
    for _ in range(n):
        kind = rng.choices(["events", "timeseries", "network", "map", "article"], weights=[4, 3, 1, 1, 1])[0]
        if kind == "events":
            params = filters() | {"offset": 50 * rng.randrange(3)}
            mix.append(("events", f"/api/events?{urlencode(params)}"))
        elif kind == "timeseries":
            params = filters() | {"interval": rng.choice(["day", "week", "month"])}
            mix.append(("timeseries", f"/api/timeseries?{urlencode(params)}"))
        elif kind == "network":
            mix.append(("network", f"/api/network?{urlencode(filters())}"))
        elif kind == "map":
            mix.append(("map", f"/api/map?{urlencode(filters())}"))
        else:
            mix.append(("article", f"/api/articles/{rng.choice(articles)}"))
    return mix


class ThinkTime:
    """Seconds a user reads a view before the next one: uniform from `low` to `high` (0 and 0: no pause)."""

    def __init__(self, low: float, high: float, seed: int) -> None:
        self.low, self.high = low, high
        self.rng = random.Random(seed)

    def draw(self) -> float:
        return self.rng.uniform(self.low, self.high) if self.high > 0 else 0.0


class ClosedWhileIdle(Exception):
    """The server closed a kept-alive connection before answering on it (it drops idle ones after 5 s)."""


async def ask(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str) -> bytes:
    """The status code of GET `path`, its answer read whole."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n".encode())
    try:
        status_line = await reader.readline()
    except ConnectionResetError as exc:
        raise ClosedWhileIdle from exc
    if not status_line:
        raise ClosedWhileIdle
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    return status_line.split(b" ", 2)[1]


async def client(host: str, port: int, urls: list[tuple[str, str]], stop: float, results: dict[str, list[float]],
                 errors: list[str], reopened: list[str], think: ThinkTime) -> None:
    await asyncio.sleep(think.rng.uniform(0, think.high))  # users arrive over the first think time, not all at once
    reader, writer = await asyncio.open_connection(host, port)
    index = 0
    try:
        while time.monotonic() < stop:
            if index:
                await asyncio.sleep(min(think.draw(), max(0.0, stop - time.monotonic())))
                if time.monotonic() >= stop:
                    break
            endpoint, path = urls[index % len(urls)]
            started = time.perf_counter()
            try:
                status = await ask(reader, writer, host, path)
            except ClosedWhileIdle:
                if not index:
                    raise
                # As a browser does: a request on a connection the server had closed is sent again on a new one (counted).
                reopened.append(path)
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                status = await ask(reader, writer, host, path)
            index += 1
            elapsed = time.perf_counter() - started
            if status != b"200":
                errors.append(f"{status.decode()} {path}")
            results[endpoint].append(elapsed)
    except (OSError, asyncio.IncompleteReadError, ClosedWhileIdle) as exc:
        errors.append(f"connection: {exc!r}")
    finally:
        writer.close()


async def load(host: str, port: int, mix: list[tuple[str, str]], clients: int, seconds: float,
               think: tuple[float, float], seed: int) -> tuple[dict[str, list[float]], list[str], int, float]:
    results: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    reopened: list[str] = []
    started = time.monotonic()
    stop = started + seconds
    step = max(1, len(mix) // clients)
    await asyncio.gather(*(client(host, port, mix[i * step:] + mix[:i * step], stop, results, errors, reopened, ThinkTime(*think, seed * 1000 + i))
                           for i in range(clients)))
    return results, errors, len(reopened), time.monotonic() - started


def cpu_seconds(pid: int | None = None) -> float | None:
    """CPU seconds (user + system) of process `pid` and its children that have ended, or of the whole machine since
    boot (pid None, idle and I/O wait left out); None where /proc is not there."""
    try:
        if pid is None:
            with open("/proc/stat", encoding="ascii") as stat:
                ticks = [int(v) for v in stat.readline().split()[1:]]
            busy = sum(ticks) - ticks[3] - ticks[4]
        else:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            busy = sum(int(v) for v in fields[11:15])
    except OSError:
        return None
    return busy / os.sysconf("SC_CLK_TCK")


def process_tree(pid: int) -> list[int]:
    """`pid` and the processes it started, and theirs (`annales serve --workers N` runs N children)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(entry.parent.name)] = int(entry.read_text(encoding="ascii").rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue
    tree = [pid]
    for member in tree:
        tree += [child for child, parent in parents.items() if parent == member]
    return tree


def tree_cpu_seconds(pid: int) -> float | None:
    spent = [cpu_seconds(member) for member in process_tree(pid)]
    return None if None in spent else sum(s for s in spent if s is not None)


def machine_share(server_pid: int, run: Callable[[], Outcome]) -> tuple[Outcome, dict[str, Any]]:
    """Run `run()` and say what the machine did meanwhile: load averages before and after, and CPU seconds of the
    server, of this load generator and of everything else."""
    load_before = os.getloadavg()
    before = [cpu_seconds(), tree_cpu_seconds(server_pid), cpu_seconds(os.getpid())]
    outcome = run()
    after = [cpu_seconds(), tree_cpu_seconds(server_pid), cpu_seconds(os.getpid())]
    share: dict[str, Any] = {"load_average_before": [round(v, 2) for v in load_before],
                             "load_average_after": [round(v, 2) for v in os.getloadavg()], "cores": os.cpu_count()}
    spent = [b - a for a, b in zip(before, after) if a is not None and b is not None]
    if len(spent) == 3:
        machine, server, generator = spent
        share["cpu_seconds"] = {"machine": round(machine, 1), "server": round(server, 1), "load_generator": round(generator, 1),
                                "other_processes": round(machine - server - generator, 1)}
    return outcome, share


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--urls", type=int, default=2000, help="Distinct requests drawn for the mix.")
    parser.add_argument("--cache-mib", type=int, default=None)
    parser.add_argument("--warmup", type=float, default=0, help="Seconds of the same load before measuring (0: measure from a cold start).")
    parser.add_argument("--server-workers", type=int, default=1, help="annales serve --workers")
    parser.add_argument("--think-min", type=float, default=0, help="Least seconds a user reads a view before the next (with --think-max).")
    parser.add_argument("--think-max", type=float, default=0, help="Most seconds a user reads a view (0: no think time, a closed loop).")
    parser.add_argument("--out")
    args = parser.parse_args()
    if not 0 <= args.think_min <= args.think_max:
        parser.error("--think-min must be from 0 to --think-max")
    think = (args.think_min, args.think_max)
    base = f"http://127.0.0.1:{args.port}"
    command = [sys.executable, "-m", "annales", "serve", "--db", args.db, "--port", str(args.port), "--refresh", "0", "--workers", str(args.server_workers)]
    if args.cache_mib is not None:
        command += ["--cache-mib", str(args.cache_mib)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"{base}/api/meta")
        meta = get_json(base, "/api/meta")
        mix = url_mix(base, args.urls, args.seed)
        if args.warmup:
            asyncio.run(load("127.0.0.1", args.port, mix, args.clients, args.warmup, think, args.seed))
        (results, errors, reopened, wall), machine = machine_share(
            server.pid, lambda: asyncio.run(load("127.0.0.1", args.port, mix, args.clients, args.seconds, think, args.seed + 1)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = {
        "store": {"articles": meta["articles"], "events": meta["events"], "bytes": Path(args.db).stat().st_size},
        "clients": args.clients, "seconds": round(wall, 1), "distinct_urls": len(set(mix)),
        "warmup_seconds": args.warmup, "cache_mib": args.cache_mib, "server_workers": args.server_workers,
        "think_seconds": {"distribution": "uniform", "min": args.think_min, "max": args.think_max} if args.think_max else None,
        "errors": len(errors), "error_examples": errors[:5], "requests_sent_again_on_a_new_connection": reopened,
        "requests": sum(len(v) for v in results.values()),
        "requests_per_second": round(sum(len(v) for v in results.values()) / wall, 1),
        "endpoints": {
            name: {"requests": len(values), "p50_ms": round(1000 * statistics.median(values), 1),
                   "p95_ms": round(1000 * percentile(values, 0.95), 1), "max_ms": round(1000 * max(values), 1)}
            for name, values in sorted(results.items())
        },
        "machine": machine,
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
