"""Load on `annales serve`: many concurrent clients, latency per endpoint, errors.

Starts `annales serve` on the store in its own process, then runs `--clients` connections (HTTP/1.1 keep-alive,
a minimal asyncio client so that the load generator costs little of the machine it shares with the server),
each asking one request after another for `--seconds`. The URLs are what dashboard users ask: event pages,
time series, dyad networks and maps for the store's top actors, event types and months, and single articles,
drawn by a seeded generator. `--warmup S` runs the same load for S seconds before measuring (a server that has
been up), `--warmup 0` measures from a cold start. `--cache-mib 0` measures the server with no response cache (every request is
a query).

    python benchmarks/serve_load.py --db corpus5k.duckdb --clients 200 --seconds 30 --out load.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode


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


def get_json(base: str, path: str, **params: object) -> dict:
    with urllib.request.urlopen(f"{base}{path}?{urlencode(params)}", timeout=30) as response:
        return json.loads(response.read())


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


async def client(host: str, port: int, urls: list[tuple[str, str]], stop: float, results: dict[str, list[float]], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    index = 0
    try:
        while time.monotonic() < stop:
            endpoint, path = urls[index % len(urls)]
            index += 1
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n".encode())
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            elapsed = time.perf_counter() - started
            status = status_line.split(b" ", 2)[1] if status_line else b"---"
            if status != b"200":
                errors.append(f"{status.decode()} {path}")
            results[endpoint].append(elapsed)
    except (OSError, asyncio.IncompleteReadError) as exc:
        errors.append(f"connection: {exc!r}")
    finally:
        writer.close()


async def load(host: str, port: int, mix: list[tuple[str, str]], clients: int, seconds: float) -> tuple[dict[str, list[float]], list[str], float]:
    results: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    started = time.monotonic()
    stop = started + seconds
    step = max(1, len(mix) // clients)
    await asyncio.gather(*(client(host, port, mix[i * step:] + mix[:i * step], stop, results, errors) for i in range(clients)))
    return results, errors, time.monotonic() - started


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
    parser.add_argument("--out")
    args = parser.parse_args()
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
            asyncio.run(load("127.0.0.1", args.port, mix, args.clients, args.warmup))
        results, errors, wall = asyncio.run(load("127.0.0.1", args.port, mix, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = {
        "store": {"articles": meta["articles"], "events": meta["events"], "bytes": Path(args.db).stat().st_size},
        "clients": args.clients, "seconds": round(wall, 1), "distinct_urls": len(set(mix)),
        "warmup_seconds": args.warmup, "cache_mib": args.cache_mib, "server_workers": args.server_workers, "errors": len(errors), "error_examples": errors[:5],
        "requests": sum(len(v) for v in results.values()),
        "requests_per_second": round(sum(len(v) for v in results.values()) / wall, 1),
        "endpoints": {
            name: {"requests": len(values), "p50_ms": round(1000 * statistics.median(values), 1),
                   "p95_ms": round(1000 * percentile(values, 0.95), 1), "max_ms": round(1000 * max(values), 1)}
            for name, values in sorted(results.items())
        },
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
