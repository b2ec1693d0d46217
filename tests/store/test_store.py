"""Store: idempotent writes, normalised tables, queries and exports (hand-built Articles, no model)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from annales.article import Actor, ActorRef, Article, Event, Mention, Sentence
from annales.store import BatchWriter, Store, article_key
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
        path, about, _ = export(store, format="gdelt", out=tmp_path / "events.tsv")
    from annales.store.queries import GDELT_COLUMNS

    assert json.loads(about.read_text())["min_confidence"] == 0.0 and json.loads(about.read_text())["rows"] == 1
    [line] = path.read_text().splitlines()
    cells = line.split("\t")
    assert len(GDELT_COLUMNS) == 61 and len(cells) == 61
    row = dict(zip(GDELT_COLUMNS, cells))
    assert row["SQLDATE"] == "20250117" and row["Actor1Code"] == "RUS" and row["Actor2CountryCode"] == "IRN"
    assert row["EventCode"] == "057" and row["EventRootCode"] == "05" and row["QuadClass"] == "1"


def test_store_exports_and_queries_leave_out_events_under_a_minimum_confidence(tmp_path: Path) -> None:
    sure, unsure = _article(), _article("La Russie a signé un accord avec l'Iran hier.")
    sure.events[0].confidence, unsure.events[0].confidence = 0.8, 0.2
    with Store(tmp_path / "s.duckdb") as store:
        store.add(sure)
        store.add(unsure)
        assert len(query_events(store)[1]) == 2 and len(query_events(store, min_confidence=0.5)[1]) == 1
        columns, [row] = query_events(store, min_confidence=0.5)
        assert dict(zip(columns, row))["confidence"] == 0.8 and dict(zip(columns, row))["method"] == "test"
        gdelt, about, _ = export(store, format="gdelt", out=tmp_path / "e.tsv", min_confidence=0.5)
        [jsonl] = export(store, format="jsonl", out=tmp_path / "e.jsonl", min_confidence=0.5)
        export(store, format="parquet", out=tmp_path / "pq", min_confidence=0.5)
    assert len(gdelt.read_text().splitlines()) == 1 and json.loads(about.read_text())["min_confidence"] == 0.5
    assert sorted(len(json.loads(line)["events"]) for line in jsonl.read_text().splitlines()) == [0, 1]
    confidences = duckdb.connect().execute(f"SELECT confidence FROM '{(tmp_path / 'pq' / 'events.parquet').as_posix()}'").fetchall()
    assert confidences == [(0.8,)]


def test_store_gkg_export_has_27_fields(tmp_path: Path) -> None:
    from annales.article import Amount, Place

    article = _article()
    article.locations = [Place(name="Iran", geonameid=130758, lat=32.0, lon=53.0, country="IRN", feature="country", start=36, end=40, sentence=0)]
    article.amounts = [Amount(value=23.0, unit=None, object="morts", qualifier=None, text="23 morts", start=20, end=28, sentence=0, count_type="KILL")]
    with Store(tmp_path / "s.duckdb") as store:
        key = store.add(article)
        [path] = export(store, format="gkg", out=tmp_path / "gkg.tsv")
    from annales.store.gkg import COLUMNS

    [line] = path.read_text().splitlines()
    row = dict(zip(COLUMNS, line.split("\t")))
    assert len(COLUMNS) == 27 and len(line.split("\t")) == 27
    assert row["V2.1DATE"] == "20250117000000" and row["V2DOCUMENTIDENTIFIER"] == f"annales:{key}"
    # FIPS country code (Iran is IR), location type 1 (country) at Iran's centre, ADM1 = the country code, offset in the enhanced field
    assert row["V1LOCATIONS"] == "1#Iran#IR#IR#32.4#53.7#130758"
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


def _stored_rows(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * EXCLUDE (ingested_at) FROM {t} ORDER BY ALL" if t == "articles" else f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("articles", "actors", "mentions", "events", "errors")}
    finally:
        con.close()


def test_store_add_many_writes_the_same_rows_as_add(tmp_path: Path) -> None:
    bad = Article(path="missing.txt")
    bad.add_error("unreadable", "cannot read", stage="ingest", code="E101")
    articles = [_article(), _article("L'Iran a rejeté l'offre de la Russie."), bad]
    with Store(tmp_path / "one.duckdb") as store:
        keys = [store.add(a) for a in articles]
    with Store(tmp_path / "many.duckdb") as store:
        assert store.add_many(articles) == keys
    one, many = _stored_rows(tmp_path / "one.duckdb"), _stored_rows(tmp_path / "many.duckdb")
    assert one == many
    assert len(many["articles"]) == 3 and len(many["events"]) == 2 and len(many["errors"]) == 1


def test_store_add_many_skips_stored_and_repeated_articles(tmp_path: Path) -> None:
    first, second = _article(), _article("Autre texte.")
    with Store(tmp_path / "s.duckdb") as store:
        store.add(first)
        store.add(first)  # idempotent: a stored article is left as it is
        store.add_many([first, second, second])
        counts = store.counts()
    assert counts["articles"] == 2 and counts["events"] == 2 and counts["actors"] == 4


def test_store_add_many_is_all_or_nothing(tmp_path: Path) -> None:
    broken = _article("Un texte dont un acteur a une confiance illisible.")
    broken.actors[0].confidence = "not a number"  # type: ignore[assignment]  # DuckDB refuses it in a DOUBLE column
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(duckdb.Error):
            store.add_many([_article(), broken])
        assert store.counts() == dict.fromkeys(store.counts(), 0)
        store.add_many([_article()])  # the store is usable after the failed batch
        assert store.counts()["articles"] == 1


def test_store_batch_writer_writes_every_n_and_keeps_an_unstorable_article_as_an_error(tmp_path: Path) -> None:
    texts = [f"La Russie a signé l'accord numéro {i} avec l'Iran." for i in range(5)]
    articles = [_article(t) for t in texts]
    articles[3].actors[0].confidence = "not a number"  # type: ignore[assignment]
    written: list[list[Article]] = []
    with Store(tmp_path / "s.duckdb") as store:
        writer = BatchWriter(store, every=2, on_written=written.append)
        for article in articles:
            writer.add(article)
        assert [len(b) for b in written] == [2, 2] and store.counts()["articles"] == 4
        writer.flush()
        assert [len(b) for b in written] == [2, 2, 1]
        errors = store.con.execute("SELECT code FROM errors").fetchall()
        ok = store.con.execute("SELECT count(*) FROM articles WHERE ok").fetchone()[0]
        assert store.has(article_key(articles[3]))  # the error record has the article's key: a rerun skips it
    assert errors == [("E909",)] and ok == 4
    assert [a.ok for batch in written for a in batch] == [True, True, True, False, True]


def test_store_write_connection_has_a_memory_limit_that_a_write_can_outgrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import annales.store as store_module

    with Store(tmp_path / "s.duckdb") as store:
        assert store.con.execute("SELECT current_setting('memory_limit')").fetchone() == (f"{store_module.WRITE_CACHE_MIB}.0 MiB",)
    monkeypatch.setattr(store_module, "WRITE_CACHE_MIB", 1)  # far too small for this batch: DuckDB runs out
    articles = [_article(f"{i} " + "La Russie a signé un accord avec l'Iran. " * 2000) for i in range(8)]
    with Store(tmp_path / "small.duckdb") as store:
        store.add_many(articles)
        assert store.counts()["articles"] == 8
        assert store.con.execute("SELECT current_setting('memory_limit')").fetchone() == (f"{1 + store_module.RETRY_EXTRA_MIB}.0 MiB",)
