"""The JSON API over a store: filters, paging, aggregates, downloads and refusals (docs/api.md)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from annales.errors import AnnalesError
from annales.server import create_app
from annales.store import Store

SQL_METACHARACTERS = ["'", "' OR '1'='1", "\"; DROP TABLE events; --", "%", "_", "\\", "RUS%", "a'b\"c;--", "1; SELECT 1"]


def events(client: TestClient, **params: object) -> dict:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_meta_counts_what_the_store_holds(client: TestClient, served_db: Path) -> None:
    meta = client.get("/api/meta").json()
    with Store(served_db, read_only=True) as store:
        articles = store.con.execute("SELECT count(*) FROM articles WHERE ok").fetchone()[0]
        n_events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert (meta["articles"], meta["events"]) == (articles, n_events)
    assert sum(n for _, n in meta["plover"]) == n_events
    assert {code for code, _ in meta["languages"]} == {"fr", "en"}
    assert meta["first_date"] <= meta["last_date"]


def test_event_page_has_every_field_and_pages_without_overlap(client: TestClient) -> None:
    first, second = events(client, limit=5), events(client, limit=5, offset=5)
    assert first["total"] == second["total"] > 10
    keys = lambda page: {(e["article_id"], e["event_id"]) for e in page["events"]}  # noqa: E731
    assert len(keys(first)) == len(keys(second)) == 5 and not keys(first) & keys(second)
    event = first["events"][0]
    assert {"sentence_text", "trigger", "start_char", "end_char", "confidence", "method", "title"} <= set(event)
    assert event["trigger"] in event["sentence_text"] or event["start_char"] >= 0


def test_actor_filter_matches_either_side_by_code_prefix(client: TestClient) -> None:
    page = events(client, actor="USA", limit=500)
    assert page["total"] > 0
    for event in page["events"]:
        sides = [event["source_code"] or "", event["target_code"] or "", event["source_country"] or "", event["target_country"] or ""]
        assert any(side.startswith("USA") for side in sides)
    assert events(client, actor="usa")["total"] == page["total"]  # codes are case-insensitive


def test_dyad_filter_gives_only_that_direction(client: TestClient) -> None:
    network = client.get("/api/network").json()
    edge = network["edges"][0]
    page = events(client, source=edge["source"], target=edge["target"], limit=500)
    assert page["total"] >= edge["events"]
    assert all(e["source_code"].startswith(edge["source"]) and e["target_code"].startswith(edge["target"]) for e in page["events"])


@pytest.mark.parametrize("name, field", [("plover", "plover"), ("modality", "modality"), ("cameo_root", "cameo_root"), ("language", "language")])
def test_each_filter_keeps_only_matching_events(client: TestClient, name: str, field: str) -> None:
    everything = events(client, limit=500)["events"]
    value = everything[0][field]
    page = events(client, **{name: value}, limit=500)
    assert page["total"] == sum(e[field] == value for e in everything)
    assert all(e[field] == value for e in page["events"])


def test_repeated_parameters_are_alternatives(client: TestClient) -> None:
    meta = client.get("/api/meta").json()
    (a, n_a), (b, n_b) = meta["plover"][:2]
    response = client.get("/api/events", params=[("plover", a), ("plover", b.lower())])
    assert response.json()["total"] == n_a + n_b


def test_date_range_and_confidence_filters(client: TestClient) -> None:
    page = events(client, since="2025-01-01", until="2025-03-31", min_confidence=0.3, limit=500)
    for event in page["events"]:
        day = event["date"] if event["date"] and len(event["date"]) == 10 else event["published"]
        assert "2025-01-01" <= day <= "2025-03-31"
        assert event["confidence"] >= 0.3
    assert page["total"] < events(client)["total"]


def test_sentence_search_is_literal_and_case_insensitive(client: TestClient) -> None:
    page = events(client, q="PARIS", limit=500)
    assert page["total"] > 0 and all("paris" in e["sentence_text"].lower() for e in page["events"])
    assert events(client, q="%")["total"] == sum("%" in e["sentence_text"] for e in events(client, limit=500)["events"])


@pytest.mark.parametrize("sort", ["date", "-date", "confidence", "-confidence", "goldstein", "-goldstein"])
def test_sorting(client: TestClient, sort: str) -> None:
    rows = events(client, sort=sort, limit=500)["events"]
    field = sort.lstrip("-")
    if field == "date":
        values = [e["date"] if e["date"] and len(e["date"]) == 10 else e["published"] for e in rows]
    else:
        values = [e[field] for e in rows]
    values = [v for v in values if v is not None]
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_timeseries_counts_add_up_to_the_filtered_events(client: TestClient) -> None:
    for interval in ("day", "week", "month"):
        series = client.get("/api/timeseries", params={"interval": interval, "actor": "FRA"}).json()
        counted = sum(p["events"] for p in series["series"]) + series["undated"]
        assert counted == events(client, actor="FRA")["total"]
        for point in series["series"]:
            assert point["events"] == point["quad1"] + point["quad2"] + point["quad3"] + point["quad4"]
        periods = [p["period"] for p in series["series"]]
        assert periods == sorted(periods)
    weeks = client.get("/api/timeseries", params={"interval": "week"}).json()["series"]
    import datetime as dt
    assert all(dt.date.fromisoformat(p["period"]).weekday() == 0 for p in weeks)


def test_network_nodes_are_the_edges_ends(client: TestClient) -> None:
    network = client.get("/api/network", params={"limit": 10}).json()
    assert 0 < len(network["edges"]) <= 10
    ends = {e["source"] for e in network["edges"]} | {e["target"] for e in network["edges"]}
    assert {n["id"] for n in network["nodes"]} == ends
    for node in network["nodes"]:
        assert node["events"] == sum(e["events"] for e in network["edges"] for end in (e["source"], e["target"]) if end == node["id"])


def test_map_places_have_coordinates_and_counts(client: TestClient) -> None:
    places = client.get("/api/map").json()["places"]
    assert places and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 and p["events"] > 0 for p in places)
    assert sum(p["events"] for p in places) <= events(client)["total"]


def test_article_record_spans_point_into_its_text(client: TestClient) -> None:
    listing = client.get("/api/articles", params={"limit": 500}).json()
    assert listing["total"] == len(listing["articles"]) == 11
    best = max(listing["articles"], key=lambda a: a["events"])
    body = client.get(f"/api/articles/{best['article_id']}").json()
    text = body["record"]["text"]
    assert body["article"]["text"] == text and len(body["record"]["events"]) == best["events"]
    for event in body["record"]["events"]:
        assert text[event["start"]:event["end"]] == event["trigger"]
    for place in body["record"]["locations"]:
        assert text[place["start"]:place["end"]] == place["text"]


def test_actor_and_place_lists(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"q": "gov", "limit": 5}).json()["actors"]
    assert actors and all("GOV" in a["code"] or "gov" in (a["name"] or "").lower() for a in actors)
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    places = client.get("/api/places", params={"q": "par"}).json()["places"]
    assert any(p["name"] == "Paris" for p in places)


def test_downloads_hold_the_whole_filtered_list(client: TestClient) -> None:
    total = events(client, modality="asserted")["total"]
    response = client.get("/api/events.csv", params={"modality": "asserted"})
    assert response.headers["content-type"].startswith("text/csv") and "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total and all(r["modality"] == "asserted" for r in rows)
    lines = client.get("/api/events.jsonl", params={"modality": "asserted"}).text.splitlines()
    assert len(lines) == total and json.loads(lines[0])["modality"] == "asserted"


def test_csv_download_neutralises_formulas(client: TestClient) -> None:
    rows = list(csv.reader(io.StringIO(client.get("/api/events.csv").text)))
    assert all(cell[:1] not in "=+@" for row in rows[1:] for cell in row if cell)


@pytest.mark.parametrize("query, fragment", [
    ({"since": "2025-13-01"}, "since"), ({"until": "yesterday"}, "until"), ({"min_confidence": "2"}, "min_confidence"),
    ({"min_confidence": "abc"}, "min_confidence"), ({"plover": "BOMB"}, "unknown PLOVER type"), ({"sort": "title"}, "sort"),
    ({"limit": "0"}, "limit"), ({"limit": "100000"}, "limit"), ({"offset": "-1"}, "offset"), ({"cameo_root": "21"}, "CAMEO root"),
    ({"quad_class": "5"}, "quad_class"), ({"modality": "maybe"}, "modality"), ({"colour": "red"}, "unknown parameter 'colour'"),
    ({"actor": "RUS OR 1=1"}, "actor"), ({"country": "FRANCE"}, "country"), ({"q": "x" * 1000}, "q"),
])
def test_malformed_or_unknown_parameters_get_a_clear_422(client: TestClient, query: dict, fragment: str) -> None:
    response = client.get("/api/events", params=query)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter" and fragment in error["message"]


@pytest.mark.parametrize("value", SQL_METACHARACTERS)
def test_sql_metacharacters_are_plain_text(client: TestClient, value: str) -> None:
    everything = events(client, limit=500)
    assert everything["total"] == len(everything["events"])
    expected = {
        "q": sum(value.lower() in e["sentence_text"].lower() for e in everything["events"]),
        "place": sum((e["location_name"] or "").lower() == value.lower() for e in everything["events"]),
        "article": 0,
    }
    for name, count in expected.items():
        assert events(client, **{name: value})["total"] == count
    for endpoint in ("/api/events.csv", "/api/timeseries", "/api/network", "/api/map", "/api/articles", "/api/actors", "/api/places"):
        name = "q" if endpoint in ("/api/articles", "/api/actors", "/api/places") else "place"
        response = client.get(endpoint, params={name: value})
        assert response.status_code == 200, response.text
    for name in ("actor", "source", "country", "since"):
        assert client.get("/api/events", params={name: value}).status_code == 422
    assert events(client, limit=500)["total"] == everything["total"]  # nothing was changed or dropped


def test_unknown_article_and_route_are_404_with_json(client: TestClient) -> None:
    for url in ("/api/articles/does-not-exist", "/api/articles/' OR '1'='1", "/api/nothing-here"):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("path", ["/assets/../../server/app.py", "/assets/%2e%2e/%2e%2e/store/__init__.py", "/assets/..%2f..%2fapp.py",
                                  "/assets//etc/passwd", "/assets/%2fetc%2fpasswd", "/..%2f..%2fpyproject.toml", "/static/../app.py"])
def test_paths_cannot_leave_the_static_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "def " not in response.text and "root:" not in response.text


def test_pages_carry_a_content_security_policy(client: TestClient) -> None:
    policy = client.get("/api/meta").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert client.get("/api/meta").headers["x-content-type-options"] == "nosniff"


def test_openapi_describes_the_filters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "source", "target", "plover", "since", "until", "min_confidence", "q", "limit", "offset", "sort"} <= names
    docs = client.get("/docs").text
    assert "/assets/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


def test_a_missing_store_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(AnnalesError, match="E101"):
        create_app(tmp_path / "none.duckdb")


def test_empty_values_mean_unset_as_a_form_sends_them(client: TestClient) -> None:
    response = client.get("/api/events", params={"plover": "", "actor": "", "since": " ", "limit": 5})
    assert response.status_code == 200
    assert response.json()["total"] == events(client)["total"]


def test_response_cache_is_bounded_by_bytes_and_drops_the_oldest() -> None:
    from annales.server.app import ResponseCache

    cache = ResponseCache(mib=1)
    body = b"x" * (300 << 10)
    for n in range(5):
        cache.put((1, f"/api/events?offset={n}"), body)
    assert cache.size <= 1 << 20
    assert cache.get((1, "/api/events?offset=0")) is None and cache.get((1, "/api/events?offset=4")) == body
    assert cache.get((2, "/api/events?offset=4")) is None  # another snapshot: not this answer
    empty = ResponseCache(mib=0)
    empty.put((1, "/"), b"{}")
    assert empty.get((1, "/")) is None
