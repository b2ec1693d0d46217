"""GDELT 2.0 event and GKG 2.1 exports follow GDELT's codebooks column by column (issue #16, item 5): a store of
examples/ plus a JSONL file (two records sharing one path, one with a URL, one with no publication date)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import annales
from annales.article import Actor, ActorRef, Article, DateMention, Event, Mention, Place, Sentence, ThemeHit
from annales.lang import load_lang
from annales.lang.gazetteer import load_gazetteer
from annales.store import Store
from annales.store.gkg import COLUMNS as GKG_COLUMNS
from annales.store.gkg import country_geo, gdelt_theme, place_geo
from annales.store.queries import DATE_SOURCES, GDELT_COLUMNS, GDELT_TYPES, event_number, export

# Rough bounding boxes (lat min, lat max, lon min, lon max) of the main territory of some countries.
BOXES = {
    "USA": (24.0, 50.0, -125.0, -66.0), "RUS": (41.0, 82.0, 19.0, 180.0), "FRA": (41.0, 51.5, -5.5, 10.0),
    "CAN": (41.5, 84.0, -141.0, -52.0), "CHN": (18.0, 54.0, 73.0, 135.0), "BRA": (-34.0, 5.5, -74.0, -34.0),
    "AUS": (-44.0, -10.0, 112.0, 154.0), "IND": (6.0, 36.0, 68.0, 98.0), "DEU": (47.0, 55.1, 5.8, 15.1),
    "NOR": (57.9, 71.2, 4.5, 31.1), "CHL": (-56.0, -17.5, -76.0, -66.4), "GBR": (49.9, 60.9, -8.7, 1.8),
    "JPN": (24.0, 46.0, 122.0, 146.0), "IDN": (-11.0, 6.0, 95.0, 141.0), "ZAF": (-35.0, -22.0, 16.4, 33.0),
    "ARG": (-55.0, -21.8, -73.6, -53.6), "MEX": (14.5, 32.7, -118.4, -86.7), "UKR": (44.3, 52.4, 22.1, 40.3),
}
RECORDS = [
    {"id": "wire-1", "url": "https://example.org/news/1", "published": "2025-03-04", "language": "en",
     "text": "Russia signed a gas agreement with Azerbaijan in Baku on Tuesday, officials said."},
    {"id": "wire-2", "language": "en", "text": "France criticised Iran over its nuclear programme, the ministry said in Paris."},
]


def _rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    return [dict(zip(GDELT_COLUMNS, row)) for row in csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)]


@pytest.fixture(scope="module")
def articles(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    wire = tmp_path_factory.mktemp("wire") / "wire.jsonl"
    wire.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return list(annales.process([str(wire), str(examples_dir)]))


@pytest.fixture(scope="module")
def grown(articles: list[Article], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Path]]:
    """Exports of a store holding the first six articles, then of the same store grown to all of them."""
    folder = tmp_path_factory.mktemp("grown")
    db = folder / "s.duckdb"
    with Store(db) as store:
        store.add_many(articles[:6])
        first = export(store, format="gdelt", out=folder / "first.tsv")[0]
        store.add_many(articles[6:])
    with Store(db, read_only=True) as store:
        second, about, dates = export(store, format="gdelt", out=folder / "second.tsv")
    yield first, second, folder
    assert about.exists() and dates.exists()


def test_gdelt_export_layout_and_types_column_by_column(grown: tuple[Path, Path, Path]) -> None:
    rows = _rows(grown[1])
    assert len(GDELT_COLUMNS) == 61 and len(rows) > 50
    for row in rows:
        assert len(row) == 61
        for column, value in row.items():
            if value:
                GDELT_TYPES[column](value)  # an int column holds an int, a float column a float
        day = dt.datetime.strptime(row["SQLDATE"], "%Y%m%d").date()  # never empty
        assert row["MonthYear"] == row["SQLDATE"][:6] and row["Year"] == row["SQLDATE"][:4]
        assert int(float(row["FractionDate"])) == day.year and 0 <= float(row["FractionDate"]) - day.year < 1
        assert 0 < int(row["GLOBALEVENTID"]) < 2**63
        assert row["EventBaseCode"] == row["EventCode"][:3] and row["EventRootCode"] == row["EventCode"][:2]
        assert row["IsRootEvent"] in ("0", "1") and row["QuadClass"] in ("1", "2", "3", "4")
        assert row["NumMentions"] == row["NumSources"] == row["NumArticles"] == "1"
        assert len(row["DATEADDED"]) == 14
        for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
            kind = int(row[prefix + "Type"])
            assert kind in range(6) and (kind == 0) == (row[prefix + "Lat"] == "" and row[prefix + "FullName"] == "")
            assert row[prefix + "ADM2Code"] == ""
            if row[prefix + "ADM1Code"]:
                assert row[prefix + "ADM1Code"][:2] == row[prefix + "CountryCode"] and len(row[prefix + "ADM1Code"]) in (2, 4)
        if row["Actor1CountryCode"] == "IGO":
            pytest.fail("IGO is an actor type, not a country")
    assert len({row["GLOBALEVENTID"] for row in rows}) == len(rows)


def test_gdelt_export_ids_stay_the_same_when_the_store_grows(grown: tuple[Path, Path, Path]) -> None:
    first, second = _rows(grown[0]), _rows(grown[1])
    assert 0 < len(first) < len(second)
    later = {row["GLOBALEVENTID"]: row for row in second}
    assert all(later[row["GLOBALEVENTID"]] == row for row in first)  # same id, same row


def test_gdelt_export_dates_say_where_they_come_from(grown: tuple[Path, Path, Path], articles: list[Article]) -> None:
    _, second, folder = grown
    rows = _rows(second)
    about = json.loads((folder / "second.tsv.about.json").read_text(encoding="utf-8"))
    sources = list(csv.reader((folder / "second.tsv.dates.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert sources[0] == ["GLOBALEVENTID", "date_source"] and [s[0] for s in sources[1:]] == [r["GLOBALEVENTID"] for r in rows]
    by_source = {name: sum(s[1] == name for s in sources[1:]) for name in DATE_SOURCES}
    assert about["dates"]["rows_by_source"] == by_source and about["rows"] == len(rows) == sum(by_source.values())
    assert by_source["published"] > 0 and by_source["ingested"] > 0 and about["dates"]["rule"]
    # the undated wire record's events carry the ingestion day, the others their article's or their own day
    undated = {event_number(_key(a), i) for a in articles if a.id == "wire-2" for i in range(len(a.events))}
    assert undated and all(s[1] == "ingested" for s in sources[1:] if int(s[0]) in undated)


def _key(article: Article) -> str:
    from annales.store import article_key

    return article_key(article)


def test_gdelt_export_sourceurl_is_the_url_else_a_stable_article_id(grown: tuple[Path, Path, Path], articles: list[Article]) -> None:
    rows = _rows(grown[1])
    urls = {row["SOURCEURL"] for row in rows}
    assert not any(url.startswith("/") or url.endswith((".jsonl", ".txt")) for url in urls)
    assert "https://example.org/news/1" in urls
    keys = {f"annales:{_key(a)}" for a in articles if not a.url and a.events}
    assert keys <= urls  # one per article: the two records of wire.jsonl do not share one


def test_gdelt_export_country_places_are_type_1_at_the_country_centre(grown: tuple[Path, Path, Path]) -> None:
    rows = _rows(grown[1])
    countries = 0
    for row in rows:
        for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
            if row[prefix + "Type"] == "1":
                countries += 1
                assert row[prefix + "ADM1Code"] == row[prefix + "CountryCode"] != ""
    assert countries > 10
    # the actor with a country and no place of its own sits at the country's centre
    russia = [r for r in rows if r["Actor1Code"] == "RUS" and r["Actor1Geo_Type"] == "1"]
    assert russia and all((r["Actor1Geo_Lat"], r["Actor1Geo_Long"], r["Actor1Geo_CountryCode"]) == ("61.5", "105.3", "RS") for r in russia)
    # a town: type 4, FIPS country and ADM1 division ("AJ09" for Baku), its GeoNames id
    baku = [r for r in rows if r["ActionGeo_FullName"] == "Baku"]
    assert baku and all((r["ActionGeo_Type"], r["ActionGeo_CountryCode"], r["ActionGeo_ADM1Code"]) == ("4", "AJ", "AJ09") for r in baku)


def test_country_centres_land_inside_their_country() -> None:
    gaz = load_gazetteer()
    entries = {e.country: e for e in gaz.entries if e.feature == "country"}
    table = {row["iso3"] for row in load_lang("xx").table("country_centroids")}
    assert table == set(entries)  # every country of the gazetteer has a centre
    for iso3, (lat_min, lat_max, lon_min, lon_max) in BOXES.items():
        entry, geo = entries[iso3], country_geo(iso3)
        assert entry.lat is not None and entry.lon is not None
        assert lat_min <= entry.lat <= lat_max and lon_min <= entry.lon <= lon_max, iso3
        assert (geo.type, geo.lat, geo.lon, geo.feature_id) == (1, entry.lat, entry.lon, entry.geonameid)
    assert country_geo("IGO").type == 0 and country_geo(None).type == 0


def test_place_geo_gives_gdelt_types_and_adm1_codes() -> None:
    texas = place_geo({"name": "Texas", "geonameid": 4736286, "lat": 31.0, "lon": -99.0, "country": "USA", "feature": "admin"})
    austin = place_geo({"name": "Austin", "geonameid": 4671654, "lat": 30.27, "lon": -97.74, "country": "USA", "feature": "city"})
    rapides = next(e for e in load_gazetteer().lookup("Rapides Parish") if e.county)
    county = place_geo({"name": rapides.name, "geonameid": None, "lat": rapides.lat, "lon": rapides.lon, "country": "USA", "feature": "admin"})
    moscow = place_geo({"name": "Moscou", "geonameid": 524901, "lat": 55.75, "lon": 37.62, "country": "RUS", "feature": "city"})
    london = place_geo({"name": "London", "geonameid": 2643743, "lat": 51.5, "lon": -0.13, "country": "GBR", "feature": "city"})
    sea = place_geo({"name": "Black Sea", "geonameid": None, "lat": 43.0, "lon": 34.0, "country": None, "feature": "sea"})
    assert (texas.type, texas.adm1) == (2, "USTX") and (austin.type, austin.adm1) == (3, "USTX")
    assert (county.type, county.adm1) == (3, "USLA")
    assert (moscow.type, moscow.country, moscow.adm1) == (4, "RS", "RS48")
    assert (london.type, london.adm1) == (4, "UK")  # GeoNames' "ENG" is no FIPS division code: the country alone
    assert (sea.type, sea.country, sea.adm1) == (4, "", "")


def _gkg_article() -> Article:
    text = "La Russie a signé un accord avec l'Iran à Moscou en mars 2024, comme dans les années 1990."
    article = Article(path="shared.jsonl", id="g", raw_text=text, text=text, language="fr", published="2025-01-17")
    article.sentences = [Sentence(0, 0, len(text))]
    article.actors = [Actor("Russie", "RUS", "RUS", None, kind="country", mentions=[Mention("Russie", 3, 9, 0, "test")])]
    article.events = [Event(source=ActorRef("Russie", "RUS", "RUS", None, actor=0), target=None, cameo="057", cameo_root="05",
                            plover="AGREE", goldstein=8.0, quad_class=1, sentence=0, trigger="signé", start=12, end=17, method="test")]
    article.locations = [Place(name="Moscou", geonameid=524901, lat=55.75, lon=37.62, country="RUS", feature="city", start=45, end=51, sentence=0)]
    article.dates = [DateMention(text="mars 2024", value="2024-03", resolution="month", start=55, end=64, sentence=0, method="test"),
                     DateMention(text="les années 1990", value="199", resolution="decade", start=77, end=92, sentence=0, method="test")]
    article.themes = [ThemeHit(theme="TREATY", count=1, mentions=[Mention("accord", 22, 28, 0, "test")]),
                      ThemeHit(theme="ARMED_CONFLICT", count=1, mentions=[Mention("guerre", 0, 1, 0, "test")])]
    return article


def test_gkg_export_dates_themes_locations_and_identifiers(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        key = store.add(_gkg_article())
        [path] = export(store, format="gkg", out=tmp_path / "gkg.tsv")
    [line] = path.read_text(encoding="utf-8").splitlines()
    row = dict(zip(GKG_COLUMNS, line.split("\t")))
    assert row["V2.1ENHANCEDDATES"] == "2#3#0#2024#55"  # the decade has no 4-digit year: left out
    assert row["V1THEMES"] == "ANNALES_TREATY;ARMEDCONFLICT" and row["V2ENHANCEDTHEMES"] == "ANNALES_TREATY,22;ARMEDCONFLICT,0"
    assert row["V1LOCATIONS"] == "4#Moscou#RS#RS48#55.75#37.62#524901"
    assert row["V2DOCUMENTIDENTIFIER"] == f"annales:{key}" and row["GKGRECORDID"].endswith("-1")


def test_gkg_theme_table_covers_every_theme() -> None:
    ours = {row["theme"] for row in load_lang("xx").table("themes")}
    mapped = load_lang("xx").table("gkg_themes")
    assert {row["theme"] for row in mapped} == ours and len(mapped) == len(ours)
    assert gdelt_theme("CEASEFIRE") == "CEASEFIRE" and gdelt_theme("SPACE") == "ANNALES_SPACE"
