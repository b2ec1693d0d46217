"""The server's snapshots: a renewal adds what the store gained, and equals a full copy."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import annales
from annales.server.snapshot import Snapshots
from annales.store import TABLES, Store


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


@pytest.fixture(scope="module")
def processed(examples_dir: Path) -> list[annales.Article]:
    return list(annales.process([str(examples_dir)]))


def test_renewed_snapshot_holds_exactly_what_the_store_holds(tmp_path: Path, processed: list[annales.Article]) -> None:
    db = tmp_path / "annales.duckdb"
    with Store(db) as store:
        store.add_many(processed[:4])
    snapshots = Snapshots(db, refresh=0, folder=tmp_path)
    try:
        assert counts(snapshots.cursor())["articles"] == 4
        assert not snapshots.changed()
        with Store(db) as store:
            store.add_many(processed)  # the first four are skipped as stored
        assert snapshots.changed()
        snapshots.take(wait=5)
        with Store(db, read_only=True) as store:
            expected = counts(store.con)
            rows = store.con.execute("SELECT article_id, event_id, plover, source_code FROM events ORDER BY ALL").fetchall()
        assert counts(snapshots.cursor()) == expected and expected["articles"] == len(processed)
        assert snapshots.cursor().execute("SELECT article_id, event_id, plover, source_code FROM events ORDER BY ALL").fetchall() == rows
        assert snapshots.generation == 2
        assert sorted(p.name for p in snapshots.folder.iterdir()) == ["snapshot-1.duckdb", "snapshot-2.duckdb"]
        snapshots.take(wait=5)
        assert sorted(p.name for p in snapshots.folder.iterdir()) == ["snapshot-2.duckdb", "snapshot-3.duckdb"]
    finally:
        snapshots.close()
    assert not snapshots.folder.exists()


def test_a_store_with_another_schema_is_copied_whole(tmp_path: Path, processed: list[annales.Article]) -> None:
    db = tmp_path / "annales.duckdb"
    with Store(db) as store:
        store.add_many(processed[:2])
    snapshots = Snapshots(db, refresh=0, folder=tmp_path)
    try:
        with Store(db) as store:
            store.con.execute("ALTER TABLE events ADD COLUMN extra VARCHAR")
            store.add_many(processed[2:5])
        snapshots.take(wait=5)
        columns = [d[0] for d in snapshots.cursor().execute("SELECT * FROM events LIMIT 0").description]
        assert "extra" in columns and counts(snapshots.cursor())["articles"] == 5
    finally:
        snapshots.close()
