"""The dashboard in a real browser (Debian's headless Chromium driven by Playwright): each view shows what a
person would see, hostile article content stays text, and no request leaves the server.

Screenshots go to $ANNALES_SCREENSHOTS (default: a temporary folder)."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from annales.server import create_app

CHROMIUM = Path("/usr/bin/chromium")
# As the machine's own probe starts it: no sandbox (root in CI), no background traffic to Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(served_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(served_db, refresh=0, snapshot_dir=tmp_path_factory.mktemp("snapshots"))
    live = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not live.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    live.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/chromium is missing under CI (.ci/run installs it)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("ANNALES_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Visit:
    """A page that records every request it makes, every dialog it opens and every script error."""

    def __init__(self, browser: Any, server: str) -> None:
        self.server = server
        self.page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, query: str, ready: str) -> Any:
        self.page.goto(f"{self.server}/{query}")
        self.page.wait_for_selector(ready, timeout=15000)
        return self.page

    def check(self) -> None:
        outside = [url for url in self.requests if not url.startswith(self.server + "/") and not url.startswith(("data:", "blob:"))]
        assert not outside, f"requests left the server: {outside}"
        assert not self.dialogs and not self.errors, (self.dialogs, self.errors)
        assert self.page.evaluate("window.__pwned") is None
        self.page.context.close()


@pytest.fixture()
def visit(browser: Any, server: str) -> Iterator[Visit]:
    page = Visit(browser, server)
    yield page
    page.check()


@pytest.fixture(scope="module")
def api(served_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(served_db, refresh=0)) as client:
        yield client


def test_timeline_draws_bars_for_the_series(visit: Visit, api: TestClient, screenshots: Path) -> None:
    page = visit.open("?view=timeline&interval=month", "#timeline-chart svg")
    series = api.get("/api/timeseries", params={"interval": "month"}).json()["series"]
    assert len(series) > 3
    bars = page.locator("#timeline-chart svg rect").count()
    assert bars >= len(series)
    assert page.locator("#goldstein-chart svg").count() == 1
    page.screenshot(path=str(screenshots / "dashboard-timeline.png"), full_page=True)


def test_map_shows_a_dot_per_place_on_the_offline_base_map(visit: Visit, api: TestClient, screenshots: Path) -> None:
    page = visit.open("?view=map", "#map-chart svg circle")
    places = api.get("/api/map").json()["places"]
    assert page.locator("#map-chart svg circle").count() >= len(places)
    assert page.locator("#map-chart svg path").count() > 0  # the countries
    titles = page.locator("#map-chart svg circle title").all_text_contents()
    assert any(places[0]["name"] in title for title in titles)
    page.screenshot(path=str(screenshots / "dashboard-map.png"), full_page=True)


def test_network_lists_the_dyads_and_draws_their_nodes(visit: Visit, api: TestClient, screenshots: Path) -> None:
    page = visit.open("?view=network", "#network-edges tbody tr")
    network = api.get("/api/network").json()
    assert page.locator("#network-edges tbody tr").count() == len(network["edges"])
    page.wait_for_function("() => window.annalesNetwork && window.annalesNetwork.nodes().length > 0")
    assert page.evaluate("window.annalesNetwork.nodes().length") == len(network["nodes"])
    assert page.locator("#network-graph canvas").count() > 0
    page.screenshot(path=str(screenshots / "dashboard-network.png"), full_page=True)


def test_event_table_filters_from_the_form_and_keeps_them_in_the_url(visit: Visit, api: TestClient, screenshots: Path) -> None:
    page = visit.open("?view=events", "#events-table tbody tr")
    total = api.get("/api/events").json()["total"]
    assert page.locator("#events-table tbody tr").count() == min(50, total)
    page.fill("#filters [name=actor]", "FRA")
    page.click("#apply")
    expected = api.get("/api/events", params={"actor": "FRA"}).json()
    page.wait_for_function(f"() => document.querySelectorAll('#events-table tbody tr').length === {min(50, expected['total'])}")
    assert "actor=FRA" in page.url
    assert str(expected["total"]) in page.inner_text("#total")
    page.screenshot(path=str(screenshots / "dashboard-events.png"), full_page=True)
    # the same URL opened afresh restores the filter
    again = visit.page.context.new_page()
    again.goto(page.url)
    again.wait_for_selector("#events-table tbody tr")
    assert again.input_value("#filters [name=actor]") == "FRA"
    assert again.locator("#events-table tbody tr").count() == min(50, expected["total"])
    again.close()
    href = page.get_attribute("#download-csv", "href") or ""
    assert "/api/events.csv" in href and "actor=FRA" in href


def test_article_view_highlights_the_evidence(visit: Visit, api: TestClient, screenshots: Path) -> None:
    articles = api.get("/api/articles", params={"limit": 100}).json()["articles"]
    best = max(articles, key=lambda a: a["events"])
    record = api.get(f"/api/articles/{best['article_id']}").json()["record"]
    page = visit.open(f"?view=article&article={best['article_id']}", "#article-text mark.span-trigger")
    assert page.inner_text("#article-title") == best["title"]
    assert page.inner_text("#article-text").replace("\n", "") == record["text"].replace("\n", "")
    marked = " ".join(page.locator("#article-text mark.span-trigger").all_text_contents())
    assert all(event["trigger"].split()[0] in marked for event in record["events"])
    assert page.locator("#article-text mark.span-place").count() > 0
    assert page.locator("#article-events tbody tr").count() == len(record["events"])
    page.screenshot(path=str(screenshots / "dashboard-article.png"), full_page=True)


def test_one_event_of_an_article_can_be_shown_alone(visit: Visit, api: TestClient) -> None:
    event = api.get("/api/events", params={"limit": 1, "sort": "-confidence"}).json()["events"][0]
    page = visit.open(f"?view=article&article={event['article_id']}&event={event['event_id']}", "#article-text mark.span-trigger")
    triggers = page.locator("#article-text mark.span-trigger").all_text_contents()
    assert "".join(triggers) == event["trigger"]


def test_hostile_article_is_shown_as_text_and_runs_nothing(visit: Visit, api: TestClient, screenshots: Path) -> None:
    hostile = api.get("/api/articles", params={"q": "__pwned"}).json()["articles"]
    assert len(hostile) == 1
    page = visit.open(f"?view=article&article={hostile[0]['article_id']}", "#article-text")
    assert "<script>window.__pwned=1</script>" in page.inner_text("#article-title")
    assert "onerror" in page.inner_text("#article-text").replace(" ", "")
    assert "<script>window.__pwned=6</script>" in page.inner_text("#captions")
    assert page.locator("main script, main img, #article-text a, a[href^='javascript:']").count() == 0
    page.screenshot(path=str(screenshots / "dashboard-hostile.png"), full_page=True)
    events_page = visit.page.context.new_page()
    events_page.goto(f"{visit.server}/?view=events&q=pwned")
    events_page.wait_for_selector("#events-table tbody tr")
    assert "<img" in events_page.inner_text("#events-table")
    assert events_page.locator("#events-table img, #events-table script").count() == 0
    assert events_page.evaluate("window.__pwned") is None
    events_page.close()


def test_api_errors_are_shown_not_thrown(visit: Visit) -> None:
    page = visit.open("?view=events&since=not-a-date", "#error")
    page.wait_for_function("() => document.querySelector('#error').textContent.includes('since')")
    assert re.search(r"since", page.inner_text("#error"))
