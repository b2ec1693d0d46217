"""The story and event-record endpoints (/api/stories, /api/stories/{id}, /api/records): they read the link tables
of the server's snapshot, never the live store (docs/stories.md, "The API")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from annales.article import Actor, ActorRef, Article, Event, Mention, Sentence
from annales.server import create_app
from annales.store import Store
from annales.stories import link_store

DEAL = (
    "The Russian government signed a trade agreement with Iran in Tehran on Monday, officials in both capitals said. "
    "The deal covers oil, gas and grain shipments through the Caspian Sea ports of Astrakhan and Bandar Anzali. "
    "Russian Deputy Prime Minister Alexander Novak told reporters the agreement would double trade within five years. "
    "Iranian officials said the first shipments of grain would leave Astrakhan in March under the new arrangement. "
    "Analysts said the pact showed how both countries were turning to each other under Western sanctions."
)
FLOODS = (
    "Heavy rain flooded the centre of Lyon on Saturday, closing schools and roads across the Rhone valley for hours. "
    "Firefighters rescued dozens of residents from cars trapped in underpasses, the prefecture said in a statement. "
    "Forecasters expect more storms along the Mediterranean coast before the weekend is over, with wind warnings."
)
SQL_METACHARACTERS = ["'", "' OR '1'='1", "\"; DROP TABLE stories; --", "%", "_", "\\", "a'b\"c;--"]


def _article(text: str, id_: str, title: str, *, language: str = "en", published: str = "2025-03-03", record: int = 0,
             agree: bool = True) -> Article:
    article = Article(path="feed.jsonl", id=id_, title=title, raw_text=text, text=text, language=language, published=published,
                      source=f"Outlet {id_}", meta={"record": record})
    article.sentences = [Sentence(0, 0, len(text))]
    article.actors = [
        Actor("Russia", "RUSGOV", "RUS", "GOV", kind="country", mentions=[Mention("Russian government", 4, 22, 0, "test")]),
        Actor("Alexander Novak", "RUSGOV", "RUS", "GOV", kind="person", mentions=[Mention("Alexander Novak", 250, 265, 0, "test")]),
    ]
    if agree:
        article.events.append(Event(
            source=ActorRef("Russia", "RUSGOV", "RUS", None), target=ActorRef("Iran", "IRN", "IRN", None), cameo="057",
            cameo_root="05", plover="AGREE", goldstein=8.0, quad_class=1, sentence=0, trigger="signed", start=23, end=29,
            date=published, confidence=0.8, method="test", location={"name": "Tehran", "country": "IRN"}))
    return article


def _first() -> list[Article]:
    copy = DEAL.replace("on Monday", "on Monday morning")
    return [
        _article(DEAL, "a1", "Russia and Iran sign trade deal", record=0),
        _article(copy, "a2", "Moscow, Tehran seal <b>grain</b> pact", record=1),
        _article(FLOODS, "b1", "Floods in Lyon", language="fr", published="2025-03-01", record=2, agree=False),
    ]


def _later() -> list[Article]:
    return [_article(DEAL.replace("Analysts said", "Economists said"), "a3", "Caspian trade pact signed", published="2025-03-04", record=3),
            _article(FLOODS.replace("Heavy rain", "A storm"), "b2", "Lyon under water", language="fr", published="2025-03-02", record=4, agree=False)]


@pytest.fixture()
def linked_db(tmp_path: Path) -> Path:
    db = tmp_path / "linked.duckdb"
    with Store(db) as store:
        store.add_many(_first())
        link_store(store.con)
    return db


@pytest.fixture()
def client(linked_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(linked_db, refresh=0)) as test_client:
        yield test_client


def get(client: TestClient, url: str, **params: object) -> dict:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_stories_list_pages_and_filters(client: TestClient) -> None:
    everything = get(client, "/api/stories")
    assert everything["total"] == 2 and [s["n_articles"] for s in everything["stories"]] == [2, 1]
    deal, floods = everything["stories"]
    assert deal["languages"] == "en" and floods["languages"] == "fr" and deal["first_date"] == "2025-03-03"
    assert get(client, "/api/stories", min_articles=2)["stories"] == [deal]
    assert get(client, "/api/stories", language="fr")["stories"] == [floods]
    assert get(client, "/api/stories", since="2025-03-02")["stories"] == [deal]
    assert get(client, "/api/stories", until="2025-03-02")["stories"] == [floods]
    assert get(client, "/api/stories", q=deal["label"][3:12].upper())["stories"] == [deal]
    first, second = get(client, "/api/stories", limit=1), get(client, "/api/stories", limit=1, offset=1)
    assert first["total"] == second["total"] == 2 and first["stories"] + second["stories"] == [deal, floods]
    assert [s["story_id"] for s in get(client, "/api/stories", sort="date")["stories"]] == [floods["story_id"], deal["story_id"]]


def test_one_story_has_its_articles_and_records(client: TestClient) -> None:
    deal = get(client, "/api/stories", min_articles=2)["stories"][0]
    found = get(client, f"/api/stories/{deal['story_id']}")
    assert found["story"] == deal
    assert sorted(a["id"] for a in found["articles"]) == ["a1", "a2"]
    assert {a["rule"] for a in found["articles"]} == {"new", "near-duplicate"}
    assert len({a["duplicate_group"] for a in found["articles"]}) == 1
    assert any(a["title"] == "Moscow, Tehran seal <b>grain</b> pact" for a in found["articles"])  # text, as stored
    [record] = found["records"]
    assert found["records_total"] == 1 and record["num_articles"] == 2 and record["plover"] == "AGREE"
    for missing in ("nothing", "' OR '1'='1", "x" * 200):
        response = client.get(f"/api/stories/{missing}")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_records_filters(client: TestClient) -> None:
    [record] = get(client, "/api/records")["records"]
    assert (record["source_code"], record["target_code"], record["num_mentions"], record["num_sources"]) == ("RUSGOV", "IRN", 2, 2)
    for params in ({"actor": "rus"}, {"actor": "IRN"}, {"source": "RUS", "target": "IR"}, {"plover": "agree"}, {"cameo_root": "05"},
                   {"modality": "asserted"}, {"min_articles": 2}, {"since": "2025-03-03", "until": "2025-03-03"},
                   {"place_country": "irn"}, {"language": "en"}, {"quad_class": 1}):
        assert get(client, "/api/records", **params)["total"] == 1, params
    for params in ({"actor": "FRA"}, {"source": "IRN", "target": "RUS"}, {"plover": "ASSAULT"}, {"cameo_root": "19"}, {"min_articles": 3},
                   {"since": "2025-03-04"}, {"until": "2025-03-02"}, {"language": "fr"}, {"modality": "negated"}, {"quad_class": 4}):
        assert get(client, "/api/records", **params)["total"] == 0, params
    deal = get(client, "/api/stories", min_articles=2)["stories"][0]
    assert get(client, "/api/records", story=deal["story_id"])["total"] == 1
    assert get(client, "/api/records", story="' OR '1'='1")["total"] == 0


@pytest.mark.parametrize("url, params, fragment", [
    ("/api/stories", {"min_articles": "0"}, "min_articles"), ("/api/stories", {"limit": "100000"}, "limit"),
    ("/api/stories", {"since": "yesterday"}, "since"), ("/api/stories", {"language": "French"}, "language"),
    ("/api/stories", {"since": "2025-03-05", "until": "2025-03-01"}, "since is after until"),
    ("/api/stories", {"sort": "label; DROP TABLE stories"}, "sort"), ("/api/stories", {"colour": "red"}, "unknown parameter 'colour'"),
    ("/api/stories", {"q": "x" * 1000}, "q"),
    ("/api/records", {"actor": "RUS OR 1=1"}, "actor"), ("/api/records", {"plover": "FIGHT"}, "PLOVER"),
    ("/api/records", {"cameo_root": "21"}, "CAMEO root"), ("/api/records", {"min_articles": "-1"}, "min_articles"),
    ("/api/records", {"offset": "-1"}, "offset"), ("/api/records", {"until": "2025-13-01"}, "until"),
    ("/api/records", {"q": "anything"}, "unknown parameter 'q'"),
])
def test_bad_parameters_get_a_clear_422(client: TestClient, url: str, params: dict, fragment: str) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter" and fragment in error["message"]


@pytest.mark.parametrize("value", SQL_METACHARACTERS)
def test_sql_metacharacters_in_the_label_search_are_plain_text(client: TestClient, value: str) -> None:
    assert get(client, "/api/stories", q=value)["total"] == 0
    assert get(client, "/api/stories")["total"] == 2  # nothing was changed or dropped


def test_the_endpoints_read_the_snapshot_not_the_live_store(client: TestClient, linked_db: Path) -> None:
    before = get(client, "/api/stories")
    with Store(linked_db) as store:  # the live store gains articles and is linked again
        store.add_many(_later())
        link_store(store.con)
        live = dict(store.con.execute("SELECT story_id, n_articles FROM stories").fetchall())
    assert sorted(live.values()) == [2, 3]
    assert get(client, "/api/stories") == before  # the snapshot the server serves has not changed
    assert get(client, "/api/records")["records"][0]["num_articles"] == 2
    client.app.state.snapshots.take(wait=5)  # a renewal (incremental: articles added) brings the link tables along
    after = get(client, "/api/stories")
    assert {s["story_id"]: s["n_articles"] for s in after["stories"]} == live
    assert get(client, "/api/records")["records"][0]["num_articles"] == 3
    deal = after["stories"][0]
    assert sorted(a["id"] for a in get(client, f"/api/stories/{deal['story_id']}")["articles"]) == ["a1", "a2", "a3"]


def test_a_store_never_linked_has_no_stories(tmp_path: Path) -> None:
    db = tmp_path / "plain.duckdb"
    with Store(db) as store:
        store.add_many(_first())
    with TestClient(create_app(db, refresh=0)) as plain:
        assert get(plain, "/api/stories") == {"total": 0, "limit": 50, "offset": 0, "stories": []}
        assert get(plain, "/api/records")["records"] == []
        assert plain.get("/api/stories/anything").status_code == 404
