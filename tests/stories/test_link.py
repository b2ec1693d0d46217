"""The cross-article step (annales/stories): near-duplicates, stories, event records, on hand-built Articles (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from annales.article import Actor, ActorRef, Article, Event, Mention, Sentence
from annales.cli._util import app
from annales.store import Store, article_key
from annales.store.queries import GDELT_COLUMNS, MENTION_COLUMNS, export
from annales.stories import LINK_TABLES, LinkSettings, duplicate_groups, event_records, link_store, minhash, stories
from annales.stories.features import specific_numbers
from annales.stories.records import record_number
from annales.stories.schema import EXPORTED_LINK_TABLES

WIRE = (
    "The Russian government signed a trade agreement with Iran in Tehran on Monday, officials in both capitals said. "
    "The deal covers oil, gas and grain shipments through the Caspian Sea ports of Astrakhan and Bandar Anzali. "
    "Russian Deputy Prime Minister Alexander Novak told reporters the agreement would double trade within five years. "
    "Iranian officials said the first shipments of grain would leave Astrakhan in March under the new arrangement. "
    "Analysts said the pact showed how both countries were turning to each other under Western sanctions."
)
OTHER = (
    "Heavy rain flooded the centre of Lyon on Saturday, closing schools and roads across the Rhone valley for hours. "
    "Firefighters rescued dozens of residents from cars trapped in underpasses, the prefecture said in a statement. "
    "Forecasters expect more storms along the Mediterranean coast before the weekend is over, with wind warnings."
)


def _article(text: str, *, id_: str, title: str, language: str = "en", published: str | None = "2025-03-03",
             events: list[tuple[str, str, str, str]] | None = None, path: str = "feed.jsonl", record: int = 0) -> Article:
    article = Article(path=path, id=id_, title=title, raw_text=text, text=text, language=language, published=published,
                      source="Wire", meta={"record": record})
    article.sentences = [Sentence(0, 0, len(text))]
    article.actors = [
        Actor("Russia", "RUSGOV", "RUS", "GOV", kind="country", mentions=[Mention("Russian government", 4, 22, 0, "test")]),
        Actor("Iran", "IRN", "IRN", None, kind="country", mentions=[Mention("Iran", 51, 55, 0, "test")]),
        Actor("Alexander Novak", "RUSGOV", "RUS", "GOV", kind="person", mentions=[Mention("Alexander Novak", 250, 265, 0, "test")]),
    ]
    for source, target, plover, modality in events or []:
        article.events.append(Event(
            source=ActorRef(source, source, source[:3], None), target=ActorRef(target, target, target[:3], None),
            cameo="057", cameo_root="05", plover=plover, goldstein=8.0, quad_class=1, sentence=0, trigger="signed",
            start=23, end=29, modality=modality, date=published, confidence=0.8, method="test"))
    return article


AGREE = [("RUSGOV", "IRN", "AGREE", "asserted")]


def _corpus() -> list[Article]:
    original = _article(WIRE, id_="a1", title="Russia and Iran sign trade deal", events=AGREE, record=0)
    # a re-filed copy: new headline, one sentence cut, a few words changed
    edited = WIRE.replace("on Monday", "on Monday morning").replace(
        " Analysts said the pact showed how both countries were turning to each other under Western sanctions.", "")
    copy = _article(edited, id_="a2", title="Moscow, Tehran seal grain pact", events=AGREE, record=1)
    # the same text filed twice under another id: an exact duplicate
    twin = _article(WIRE, id_="a3", title="Russia and Iran sign trade deal", events=AGREE, record=2)
    # a denial of the same deal: another record, never merged with the asserted ones
    denied = _article(WIRE.replace("signed", "did not sign"), id_="a4", title="Iran denies deal", published="2025-03-04",
                      events=[("RUSGOV", "IRN", "AGREE", "negated")], record=3)
    unrelated = _article(OTHER, id_="b1", title="Floods in Lyon", language="fr", published="2025-03-03", record=4)
    return [original, copy, twin, denied, unrelated]


@pytest.fixture()
def linked(tmp_path: Path) -> Path:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add_many(list(store.unseen(_corpus())))
        store.write_copies()
        link_store(store.con)
    return db


def test_minhash_estimates_jaccard_and_bands_find_copies() -> None:
    a = minhash.shingles(WIRE)
    b = minhash.shingles(WIRE.replace("on Monday", "on Tuesday"))
    c = minhash.shingles(OTHER)
    exact = len(np.intersect1d(a, b)) / len(np.union1d(a, b))
    sa, sb, sc = (minhash.signature(x) for x in (a, b, c))
    assert abs(minhash.jaccard(sa, sb) - exact) < 0.15
    assert minhash.jaccard(sa, sc) < 0.1
    assert set(minhash.band_keys(sa)) & set(minhash.band_keys(sb))
    assert minhash.to_blob(sa) == minhash.to_blob(minhash.from_blob(minhash.to_blob(sa)))
    assert len(minhash.shingles("too short")) == 0
    assert minhash.containment(1.0, 10, 20) == 1.0


def test_link_exact_copy_is_recorded_not_dropped_and_rerun_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    corpus = _corpus()
    for _ in range(2):  # the same input twice: the second run neither stores nor notes anything new
        with Store(db) as store:
            store.add_many(list(store.unseen(_corpus())))
            store.write_copies()
            link_store(store.con)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (4,)
    copies = con.execute("SELECT article_id, id, title FROM article_copies").fetchall()
    assert copies == [(article_key(corpus[0]), "a3", "Russia and Iran sign trade deal")]
    assert con.execute("SELECT count(*) FROM link_state").fetchone() == (4,)
    assert con.execute("SELECT count(*) FROM story_articles").fetchone() == (4,)


def test_link_finds_the_near_duplicate_and_groups_it(linked: Path) -> None:
    con = duckdb.connect(str(linked), read_only=True)
    pairs = con.execute("SELECT article_a, article_b, jaccard, method FROM near_duplicates").fetchall()
    ids = dict(con.execute("SELECT article_id, id FROM articles").fetchall())
    assert {frozenset((ids[a], ids[b])) for a, b, _, _ in pairs} == {frozenset(("a1", "a2")), frozenset(("a1", "a4")), frozenset(("a2", "a4"))}
    assert all(j >= 0.5 and m.startswith("minhash:5-word") for _, _, j, m in pairs)
    groups = duplicate_groups(con)
    assert sorted(sorted(ids[k] for k in g) for g in groups.values()) == [["a1", "a2", "a4"]]


def test_link_stories_group_the_reports_and_keep_the_unrelated_one_apart(linked: Path) -> None:
    con = duckdb.connect(str(linked), read_only=True)
    found = stories(con, min_articles=1)
    by_size = sorted((sorted(a["id"] for a in s["articles"]) for s in found), key=len)
    assert by_size == [["b1"], ["a1", "a2", "a4"]]
    big = next(s for s in found if s["n_articles"] == 3)
    assert big["first_date"].isoformat() == "2025-03-03" and big["last_date"].isoformat() == "2025-03-04"
    assert big["label"] and big["method"].startswith("online-tfidf")
    assert any(a.get("copies") for a in big["articles"])  # the exact copy a3 rides with a1


def test_link_records_merge_mentions_and_keep_denials_apart(linked: Path) -> None:
    con = duckdb.connect(str(linked), read_only=True)
    columns, rows = event_records(con)
    records = [dict(zip(columns, row)) for row in rows]
    asserted = [r for r in records if r["modality"] == "asserted"]
    negated = [r for r in records if r["modality"] == "negated"]
    assert len(asserted) == 1 and len(negated) == 1
    assert asserted[0]["num_mentions"] == 2 and asserted[0]["num_articles"] == 2 and asserted[0]["num_sources"] == 1
    assert asserted[0]["languages"] == "en" and asserted[0]["merge_confidence"] == 0.95  # the near-duplicate rule
    first = con.execute("SELECT article_id FROM articles WHERE id = 'a1'").fetchone()
    assert first is not None and asserted[0]["record_id"] == record_number(first[0], 0)
    rules = dict(con.execute("SELECT rule, count(*) FROM event_mentions GROUP BY 1").fetchall())
    assert rules == {"founding": 2, "near-duplicate": 1}


def test_link_is_incremental_and_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    corpus = _corpus()
    with Store(db) as store:
        store.add_many(corpus[:1])
        first = link_store(store.con)
        store.add_many(corpus[1:])
        second = link_store(store.con)
        third = link_store(store.con)
        counts = {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone() for t in LINK_TABLES}
    assert (first.articles, second.articles, third.articles) == (1, 3, 0)
    assert counts["event_mentions"] == (3,) and counts["story_articles"] == (4,)


def test_link_chunk_is_one_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure inside a chunk (as a kill would) leaves nothing of it: the rerun links it whole, once."""
    from annales.stories import link as link_module

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add_many(_corpus())

        def boom(*args: object, **kwargs: object) -> tuple[int, int, int]:
            raise RuntimeError("killed")

        monkeypatch.setattr(link_module, "link_records", boom)
        with pytest.raises(RuntimeError):
            link_store(store.con)
        assert store.con.execute("SELECT count(*) FROM link_state").fetchone() == (0,)
        assert store.con.execute("SELECT count(*) FROM story_articles").fetchone() == (0,)
        monkeypatch.undo()
        link_store(store.con)
        assert store.con.execute("SELECT count(*) FROM story_articles").fetchone() == (4,)
        assert store.con.execute("SELECT count(*), count(DISTINCT (article_id, event_id)) FROM event_mentions").fetchone() == (3, 3)


def test_link_settings_name_their_thresholds() -> None:
    settings = LinkSettings(story_link=0.3)
    assert "link>=0.3" in settings.story_method() and settings.overrides() == {"story_link": 0.3}
    assert "J>=0.5" in settings.dup_method()


def test_story_numbers_leave_years_out() -> None:
    bag = ["#:280bn", "#:2005", "#:19", "#:1999", "w:court", "n:altria"]
    assert specific_numbers(bag) == frozenset({"#:280bn", "#:19"})
    assert "numbers_differ*0.65" in LinkSettings().story_method()


FOLLOW_UP = (
    "Russian Deputy Prime Minister Alexander Novak said grain shipments from Astrakhan to Bandar Anzali reached 40 "
    "cargoes under the trade agreement with Iran signed in Tehran. Iranian officials in Tehran said 12 more Caspian Sea "
    "shipments of oil, gas and grain would follow as both countries traded under Western sanctions."
)


@pytest.mark.parametrize(("conflict", "together"), [(1.0, True), (0.0, False)])
def test_articles_whose_numbers_all_differ_count_less_alike(tmp_path: Path, conflict: float, together: bool) -> None:
    first = _article(WIRE.replace("within five years", "within 15 years"), id_="a1", title="Russia and Iran sign trade deal")
    later = _article(FOLLOW_UP, id_="a2", title="Caspian grain shipments grow", published="2025-03-05", record=1)
    with Store(tmp_path / "n.duckdb") as store:
        store.add_many(list(store.unseen([first, later])))
        link_store(store.con, LinkSettings(story_number_conflict=conflict))
        sizes = [story["n_articles"] for story in stories(store.con)]
    assert sizes == ([2] if together else [1, 1])


def test_cli_stories_records_and_gdelt_exports(linked: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["stories", "--db", str(linked), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1 and {a["id"] for a in rows[0]["articles"]} == {"a1", "a2", "a4"}
    assert runner.invoke(app, ["stories", "--db", str(linked)]).exit_code == 0
    result = runner.invoke(app, ["events", "--db", str(linked), "--records", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["num_articles"] for r in records) == [1, 2]
    assert runner.invoke(app, ["events", "--db", str(linked), "--records"]).exit_code == 0
    with Store(linked, read_only=True) as store:
        events_file, *_ = export(store, format="gdelt", out=tmp_path / "e.tsv")
        mentions_file, about = export(store, format="gdelt-mentions", out=tmp_path / "m.tsv")
    events = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in events_file.read_text().splitlines()]
    assert len(events) == 1 and (events[0]["NumMentions"], events[0]["NumSources"], events[0]["NumArticles"]) == ("2", "1", "2")
    mentions = [dict(zip(MENTION_COLUMNS, line.split("\t"))) for line in mentions_file.read_text().splitlines()]
    assert len(mentions) == 2 and {m["GLOBALEVENTID"] for m in mentions} == {events[0]["GLOBALEVENTID"]}
    assert all(len(line.split("\t")) == 16 for line in mentions_file.read_text().splitlines())
    assert json.loads(about.read_text())["rows"] == 2


def test_cli_link_command_links_what_is_left(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add_many(_corpus())
    result = CliRunner().invoke(app, ["link", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "linked 4 article(s)" in result.output
    again = CliRunner().invoke(app, ["link", "--db", str(db)])
    assert again.exit_code == 0 and "nothing to link" in again.output

def test_parquet_export_of_a_linked_store_holds_the_link_tables(linked: Path, tmp_path: Path) -> None:
    out = tmp_path / "it's here'); COPY stories TO 'pwned.csv"  # the path never enters SQL text
    with Store(linked, read_only=True) as store:
        written = export(store, format="parquet", out=out)
        expected = {t: store.con.cursor().sql(f"SELECT * FROM {t}").to_arrow_table() for t in EXPORTED_LINK_TABLES}
    names = {path.name for path in written}
    assert {f"{t}.parquet" for t in EXPORTED_LINK_TABLES} <= names and "articles.parquet" in names
    assert all(path.parent == out and path.exists() for path in written)
    assert not list(tmp_path.glob("pwned*")) and not Path("pwned.csv").exists()
    for table, stored in expected.items():
        read = pq.read_table(out / f"{table}.parquet")
        assert read.schema.names == stored.schema.names, table
        assert read.num_rows == stored.num_rows, table
        assert sorted(map(str, read.to_pylist())) == sorted(map(str, stored.to_pylist())), table
    stories = pq.read_table(out / "stories.parquet").to_pylist()
    members = pq.read_table(out / "story_articles.parquet").to_pylist()
    assert sorted(s["n_articles"] for s in stories) == [1, 3]
    assert {m["story_id"] for m in members} == {s["story_id"] for s in stories}
    records = pq.read_table(out / "event_records.parquet").to_pylist()
    mentions = pq.read_table(out / "event_mentions.parquet").to_pylist()
    assert {m["record_id"] for m in mentions} == {r["record_id"] for r in records}
    assert sum(r["num_mentions"] for r in records) == len(mentions) == 3
    groups = pq.read_table(out / "duplicate_groups.parquet").to_pylist()
    assert len(groups) == 3 and len({g["group_id"] for g in groups}) == 1


def test_parquet_export_of_a_store_not_linked_has_the_article_tables_only(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add_many(_corpus())
    with Store(db, read_only=True) as store:
        names = {path.name for path in export(store, format="parquet", out=tmp_path / "pq")}
    assert "events.parquet" in names and not names & {f"{t}.parquet" for t in EXPORTED_LINK_TABLES}
    with Store(db) as store:
        link_store(store.con)
    with Store(db, read_only=True) as store:
        names = {path.name for path in export(store, format="parquet", out=tmp_path / "pq2")}
    assert {f"{t}.parquet" for t in EXPORTED_LINK_TABLES} <= names
    assert duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(tmp_path / "pq2" / "stories.parquet")]).fetchone() == (2,)
