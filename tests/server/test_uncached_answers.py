"""The cheaper ways the API answers a query it has not seen (docs/benchmarks.md, "The API under load"): each gives
exactly what the plain query gives."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from annales.server import create_app
from annales.server.app import EVENT_SELECT, EVENT_SORTS, to_json
from annales.server.filters import EventPage
from annales.store import Store

FILTERS: list[dict[str, Any]] = [{}, {"actor": "USA"}, {"actor": "FRA", "since": "2020-01-01"}, {"plover": "CONSULT"},
                                 {"q": "the"}, {"actor": "NOSUCHACTOR"}, {"modality": "asserted", "language": "en"}]


@pytest.fixture(scope="module")
def uncached(served_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(served_db, refresh=0, cache_mib=0)) as test_client:
        yield test_client


def plain_page(client: TestClient, params: dict[str, Any]) -> bytes:
    """The answer of /api/events as the plain queries give it: a count, a sorted page, every event written by Python."""
    page = EventPage(**{k: [v] if k in ("plover", "modality") else v for k, v in params.items()})
    where, values = page.where()
    cursor = client.app.state.snapshots.cursor()  # type: ignore[attr-defined]
    try:
        total = cursor.execute(f"SELECT count(*) FROM event_view e WHERE {where}", values).fetchone()[0]
        result = cursor.execute(f"SELECT {EVENT_SELECT} FROM event_view e WHERE {where}"
                                f" ORDER BY {EVENT_SORTS[page.sort]}, e.article_id, e.event_id LIMIT ? OFFSET ?", [*values, page.limit, page.offset])
        names = [d[0] for d in result.description]
        rows = [dict(zip(names, row)) for row in result.fetchall()]
    finally:
        cursor.close()
    return to_json({"total": total, "limit": page.limit, "offset": page.offset, "events": rows})


def test_event_pages_equal_the_plain_queries(uncached: TestClient) -> None:
    total = uncached.get("/api/events").json()["total"]
    for filters in FILTERS:
        for sort in ("-date", "date", "-confidence", "goldstein"):
            for limit, offset in ((50, 0), (7, 3), (500, 0), (5, total - 2), (5, total), (5, total + 10)):
                params = {**filters, "sort": sort, "limit": limit, "offset": offset}
                response = uncached.get("/api/events", params=params)
                assert response.status_code == 200
                assert response.content == plain_page(uncached, params), params


def test_timeseries_counts_undated_events_apart(uncached: TestClient) -> None:
    cursor = uncached.app.state.snapshots.cursor()  # type: ignore[attr-defined]
    try:
        for filters in FILTERS:
            where, values = EventPage(**{k: [v] if k in ("plover", "modality") else v for k, v in filters.items()}).where()
            undated = cursor.execute(f"SELECT count(*) FROM event_view e WHERE {where} AND e.day IS NULL", values).fetchone()[0]
            dated = cursor.execute(f"SELECT count(*) FROM event_view e WHERE {where} AND e.day IS NOT NULL", values).fetchone()[0]
            for interval in ("day", "week", "month"):
                series = uncached.get("/api/timeseries", params={**filters, "interval": interval}).json()
                assert series["undated"] == undated
                assert sum(p["events"] for p in series["series"]) == dated
                assert all(p["period"] is not None for p in series["series"])
    finally:
        cursor.close()


def test_network_labels_are_each_codes_most_frequent_name_and_country(uncached: TestClient) -> None:
    cursor = uncached.app.state.snapshots.cursor()  # type: ignore[attr-defined]
    try:
        for filters in ({}, {"actor": "USA"}):
            nodes = uncached.get("/api/network", params=filters).json()["nodes"]
            assert nodes
            codes = [node["id"] for node in nodes]
            labels = {code: (label, country) for code, label, country in cursor.execute(
                "SELECT code, mode(name), mode(country) FROM (SELECT source_code AS code, source_name AS name, source_country AS country"
                " FROM events UNION ALL SELECT target_code, target_name, target_country FROM events)"
                " WHERE code IN (SELECT unnest(?::VARCHAR[])) GROUP BY code", [codes]).fetchall()}
            for node in nodes:
                label, country = labels[node["id"]]
                assert (node["label"], node["country"]) == (label or node["id"], country)
    finally:
        cursor.close()


def test_events_the_snapshot_does_not_write_are_written_by_the_api(served_db: Path, tmp_path: Path) -> None:
    # DuckDB writes these floats with an exponent and control characters in capital hex, unlike Python's json.
    db = tmp_path / "odd.duckdb"
    shutil.copyfile(served_db, db)
    with Store(db) as store:
        article_id, event_id = store.con.execute("SELECT article_id, event_id FROM events ORDER BY article_id, event_id LIMIT 1").fetchone()
        store.con.execute("UPDATE events SET confidence = 1e-05, lat = 1e17, sentence_text = sentence_text || chr(31) || chr(11)"
                          " WHERE article_id = ? AND event_id = ?", [article_id, event_id])
    with TestClient(create_app(db, refresh=0, cache_mib=0)) as client:
        cursor = client.app.state.snapshots.cursor()  # type: ignore[attr-defined]
        try:
            written = cursor.execute("SELECT count(*) FILTER (WHERE event_json IS NULL), count(*) FROM event_view").fetchone()
        finally:
            cursor.close()
        assert written[0] == 1 < written[1]
        params = {"article": article_id, "limit": 500}
        response = client.get("/api/events", params=params)
        assert response.content == plain_page(client, params)
        odd = next(e for e in response.json()["events"] if e["event_id"] == event_id)
        assert (odd["confidence"], odd["lat"], odd["sentence_text"][-2:]) == (1e-05, 1e17, "\x1f\x0b")
        assert b'"confidence":1e-05' in response.content and b"\\u001f\\u000b" in response.content


def test_snapshot_keeps_long_texts_out_of_zstd(uncached: TestClient) -> None:
    # A ZSTD block is decompressed from its start to read one row: reading one article cost up to 40 ms.
    cursor = uncached.app.state.snapshots.cursor()  # type: ignore[attr-defined]
    try:
        methods = {method for (method,) in cursor.execute("SELECT DISTINCT compression FROM pragma_storage_info('articles')").fetchall()}
    finally:
        cursor.close()
    assert "ZSTD" not in methods
