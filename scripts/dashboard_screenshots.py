"""Screenshots of the dashboard's five views on a store, for docs/ (needs Debian's chromium and the test extra).

    python scripts/dashboard_screenshots.py --db annales.duckdb --out docs/img --prefix examples
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWS = {
    "timeline": ("?view=timeline&interval=month", "#timeline-chart svg"),
    "map": ("?view=map", "#map-chart svg circle"),
    "network": ("?view=network", "#network-edges tbody tr"),
    "events": ("?view=events", "#events-table tbody tr"),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default="docs/img")
    parser.add_argument("--prefix", required=True, help="File names are dashboard-PREFIX-VIEW.png.")
    parser.add_argument("--query", default="", help="Filters added to every view, e.g. actor=RUS.")
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "annales", "serve", "--db", args.db, "--port", str(port), "--refresh", "0"])
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                get_json(f"{base}/api/meta")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        articles = get_json(f"{base}/api/articles?limit=500")["articles"]
        busiest = max(articles, key=lambda a: a["events"])["article_id"]
        views = dict(VIEWS, article=(f"?view=article&article={busiest}", "#article-text mark.span-trigger"))
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            for name, (query, ready) in views.items():
                extra = f"&{args.query}" if args.query and name != "article" else ""
                page.goto(f"{base}/{query}{extra}")
                page.wait_for_selector(ready, timeout=30000)
                page.wait_for_timeout(1500)  # the network's layout settles
                path = out / f"dashboard-{args.prefix}-{name}.png"
                page.screenshot(path=str(path))
                print(path)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
