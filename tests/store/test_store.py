"""Store: idempotent writes, normalised tables, queries and exports (hand-built Articles, no model)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from annales.article import Actor, ActorRef, Article, Event, Mention, Sentence
from annales.store import Store, article_key
from annales.store.queries import export, query_events, summary


def _article(text: str = "La Russie a signé un accord avec l'Iran.") -> Article:
    article = Article(path="x.txt", id="x", raw_text=text, text=text, language="fr", published="2025-01-17")
    article.sentences = [Sentence(0, 0, len(text))]
    article.actors = [
        Actor("Russie", "RUS", "RUS", None, kind="country", mentions=[Mention("Russie", 3, 9, 0, "test")]),
        Actor("Iran", "IRN", "IRN", None, kind="country", mentions=[Mention("Iran", 36, 40, 0, "test")]),
    ]
    article.events = [
        Event(source=ActorRef("Russie", "RUS", "RUS", None, actor=0), target=ActorRef("Iran", "IRN", "IRN", None, actor=1),
              cameo="057", cameo_root="05", plover="AGREE", goldstein=8.0, quad_class=1, sentence=0, trigger="signé",
              start=12, end=17, method="test")
    ]
    return article


def test_store_add_is_idempotent_and_normalised(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    article = _article()
    with Store(db) as store:
        store.add(article)
        assert list(store.unseen([article, _article("Autre texte.")])) != []
        assert [a.text for a in store.unseen([article])] == []
        counts = store.counts()
    assert counts["articles"] == 1 and counts["actors"] == 2 and counts["mentions"] == 2 and counts["events"] == 1
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute(
        "SELECT e.source_code, e.plover, a.published, m.text FROM events e JOIN articles a USING (article_id)"
        " JOIN mentions m ON m.article_id = e.article_id AND m.actor_id = e.target_actor"
    ).fetchone()
    assert row[0] == "RUS" and row[1] == "AGREE" and str(row[2]) == "2025-01-17" and row[3] == "Iran"


def test_store_unseen_drops_duplicates_within_a_batch(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert len(list(store.unseen([_article(), _article()]))) == 1


def test_store_error_record_has_an_errors_row(tmp_path: Path) -> None:
    article = Article(path="missing.txt")
    article.add_error("unreadable", "cannot read", stage="ingest", code="E101")
    with Store(tmp_path / "s.duckdb") as store:
        key = store.add(article)
        assert key == article_key(article)
        assert store.con.execute("SELECT kind, path FROM errors").fetchall() == [("unreadable", "missing.txt")]
        assert store.con.execute("SELECT ok FROM articles").fetchone() == (False,)


def test_store_queries_and_exports(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(_article())
        columns, rows = query_events(store, actor="IRN", plover="agree")
        assert len(rows) == 1 and dict(zip(columns, rows[0]))["target_code"] == "IRN"
        assert query_events(store, plover="ASSAULT")[1] == []
        assert query_events(store, since="2025-02-01")[1] == []
        s = summary(store)
        assert s["events_by_type"] == [("AGREE", 1, 1)] and s["top_dyads"][0][:3] == ("RUS", "IRN", 1)
        files = export(store, format="parquet", out=tmp_path / "pq")
        assert {f.name for f in files} >= {"events.parquet", "articles.parquet"}
        [jsonl] = export(store, format="jsonl", out=tmp_path / "out.jsonl")
    record = json.loads(jsonl.read_text().splitlines()[0])
    assert record["events"][0]["plover"] == "AGREE" and record["events"][0]["sentence_text"].startswith("La Russie")
    events = duckdb.connect().execute(f"SELECT count(*) FROM '{(tmp_path / 'pq' / 'events.parquet').as_posix()}'").fetchone()
    assert events == (1,)


def test_store_gdelt_export_has_61_columns(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(_article())
        [path] = export(store, format="gdelt", out=tmp_path / "events.tsv")
    from annales.store.queries import GDELT_COLUMNS

    [line] = path.read_text().splitlines()
    cells = line.split("\t")
    assert len(GDELT_COLUMNS) == 61 and len(cells) == 61
    row = dict(zip(GDELT_COLUMNS, cells))
    assert row["SQLDATE"] == "20250117" and row["Actor1Code"] == "RUS" and row["Actor2CountryCode"] == "IRN"
    assert row["EventCode"] == "057" and row["EventRootCode"] == "05" and row["QuadClass"] == "1"


def test_store_gkg_export_has_27_fields(tmp_path: Path) -> None:
    from annales.article import Amount, Place

    article = _article()
    article.locations = [Place(name="Iran", geonameid=130758, lat=32.0, lon=53.0, country="IRN", feature="country", start=36, end=40, sentence=0)]
    article.amounts = [Amount(value=23.0, unit=None, object="morts", qualifier=None, text="23 morts", start=20, end=28, sentence=0, count_type="KILL")]
    with Store(tmp_path / "s.duckdb") as store:
        store.add(article)
        [path] = export(store, format="gkg", out=tmp_path / "gkg.tsv")
    from annales.store.gkg import COLUMNS

    [line] = path.read_text().splitlines()
    row = dict(zip(COLUMNS, line.split("\t")))
    assert len(COLUMNS) == 27 and len(line.split("\t")) == 27
    assert row["V2.1DATE"] == "20250117000000" and row["V2DOCUMENTIDENTIFIER"] == "x.txt"
    # FIPS country code (Iran is IR), location type 1 (country), offset in the enhanced field
    assert row["V1LOCATIONS"] == "1#Iran#IR##32.0#53.0#130758"
    assert row["V2ENHANCEDLOCATIONS"].endswith("#36")
    assert row["V1COUNTS"] == "KILL#23#morts#######"
    assert row["V2.1AMOUNTS"] == "23.0,morts,20"


def test_store_opens_a_version_1_store_and_adds_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE amounts (article_id VARCHAR, value DOUBLE, unit VARCHAR, object VARCHAR, qualifier VARCHAR, text VARCHAR,"
                " start_char INTEGER, end_char INTEGER, sentence INTEGER, method VARCHAR)")
    con.close()
    with Store(path) as store:
        columns = [c[0] for c in store.con.execute("DESCRIBE amounts").fetchall()]
        version = store.con.execute("SELECT version FROM schema_info").fetchall()
    assert columns[-1] == "count_type" and version == [(2,)]
