"""The server's private copies of the store, so that serving never holds the store an ingest writes to.

A snapshot is a DuckDB file in a temporary folder, copied from the store (`COPY FROM DATABASE`) while the
store is opened read-only for a moment. A thread takes a new one when the store's files have changed; an
ingest running on the store hands it over between two batches (`Store.yield_to_readers`)."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from pathlib import Path

import duckdb

from ..errors import AnnalesError, Errors
from ..store import TABLES, scalar, with_lock_retry
from ..stories.schema import EXPORTED_LINK_TABLES, LINK_TABLES

log = logging.getLogger("annales.server")

# The fields of an event in the API's answers, in their order.
EVENT_FIELDS = (
    "article_id", "event_id", "title", "language", "published", "date", "source_name", "source_code", "source_country",
    "target_name", "target_code", "target_country", "cameo", "cameo_root", "plover", "goldstein", "quad_class",
    "modality", "cue", "sentence", "sentence_text", "trigger", "start_char", "end_char", "location_name",
    "location_country", "lat", "lon", "confidence", "method",
)
EVENT_FLOAT_FIELDS = ("goldstein", "lat", "lon", "confidence")

# An event's JSON object as the API writes it (app.to_json), built by DuckDB. Its writer differs from Python's only on
# floats that Python writes with an exponent (under 1e-4, or from 1e16; kept clear of with a margin) and on control
# characters (hex in capitals): such events get NULL, and the API writes them itself.
EVENT_JSON = (
    "CASE WHEN "
    + " AND ".join(f"(e.{f} IS NULL OR e.{f} = 0 OR abs(e.{f}) BETWEEN 1e-4 AND 1e15)" for f in EVENT_FLOAT_FIELDS)
    + " AND NOT regexp_matches(concat_ws('', " + ", ".join(f"e.{f}" for f in EVENT_FIELDS) + r"), '[\x00-\x08\x0b\x0c\x0e-\x1f]')"
    + " THEN json_object(" + ", ".join(f"'{f}', e.{f}" for f in EVENT_FIELDS) + ")::VARCHAR END"
)

# What the API reads events from: each event with its article's title and language and the day it is placed at
# (its own date when that is a calendar day, else the publication date), and its JSON object, newest first. Built
# once per snapshot, so a request neither joins, parses dates nor writes the JSON of most events. The API reads pages
# in the default sort (-date) in this stored order.
EVENT_VIEW = f"""
CREATE OR REPLACE TABLE event_view AS
SELECT *, {EVENT_JSON} AS event_json FROM (
    SELECT e.*, a.title, a.language, coalesce(try_cast(e.date AS DATE), e.published) AS day
    FROM events e JOIN articles a ON a.article_id = e.article_id
) e
ORDER BY day DESC NULLS LAST, e.article_id, e.event_id
"""

# Each coded actor's most frequent name and country over all events, which label the network's nodes: a network
# reads them for its codes instead of going over every event again (6 of its 9 ms on 41k events).
ACTOR_LABELS = """
CREATE OR REPLACE TABLE actor_labels AS
SELECT code, mode(name) AS label, mode(country) AS country FROM (
    SELECT source_code AS code, source_name AS name, source_country AS country FROM events
    UNION ALL SELECT target_code, target_name, target_country FROM events
) WHERE code IS NOT NULL GROUP BY code
"""

# How long taking a snapshot waits for an ingest to finish its batch and let go of the store.
SNAPSHOT_WAIT_SECONDS = 60.0
# A new snapshot at most every this many times the last copy's duration (a large store is copied less often).
COPY_COST_FACTOR = 5.0


def require_store(path: str) -> None:
    """E101 unless `path` is a store file."""
    if not Path(path).is_file():
        raise AnnalesError(Errors.E101.format(path=path, reason="no store there (run `annales ingest PATH --db FILE` first)"))


class Snapshots:
    """The current snapshot of the store at `store_path` and the thread that renews it."""

    def __init__(self, store_path: str | Path, *, refresh: float = 10.0, folder: str | Path | None = None) -> None:
        self.store_path = str(store_path)
        require_store(self.store_path)
        self.refresh = refresh
        self.folder = Path(tempfile.mkdtemp(prefix="annales-serve-", dir=folder))
        self.generation = 0
        self.taken_at = 0.0
        self._copy_seconds = 0.0
        self._signature: tuple[int, ...] = ()
        self._lock = threading.Lock()
        self._connections: list[tuple[int, duckdb.DuckDBPyConnection]] = []  # the current one last
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        try:
            self.take(wait=SNAPSHOT_WAIT_SECONDS)
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def start(self) -> None:
        """Renew the snapshot in the background, every `refresh` seconds when the store has changed."""
        if self.refresh > 0 and self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="annales-snapshots", daemon=True)
            self._thread.start()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the current snapshot for one request (DuckDB cursors run in parallel)."""
        with self._lock:
            return self._connections[-1][1].cursor()

    def changed(self) -> bool:
        return self._store_signature() != self._signature

    def take(self, *, wait: float) -> None:
        """Copy the store into a new snapshot and serve from it.

        The store only grows (articles are added, never changed), so a new snapshot starts as a file copy of the
        last one and receives the articles it lacks; the first one, or one after a change of schema, is a full copy."""
        started = time.monotonic()
        signature = self._store_signature()
        generation = self.generation + 1
        path = self.folder / f"snapshot-{generation}.duckdb"
        previous = self.folder / f"snapshot-{self.generation}.duckdb"
        if self.generation:
            shutil.copyfile(previous, path)
        con = duckdb.connect(str(path))
        try:
            # Long texts (article text, record) would be ZSTD blocks, which are decompressed from their start to
            # reach one row: 35-40 ms for a recent article of a 5,200-article store, 1 ms stored plain (the snapshot
            # file is ~4x larger: 335 MiB instead of 78).
            con.execute("SET disabled_compression_methods = 'zstd'")
            quoted = self.store_path.replace("'", "''")
            with_lock_retry(self.store_path, lambda: con.execute(f"ATTACH '{quoted}' AS annales_store (READ_ONLY)"), wait=wait, reader=True)
            copying = time.monotonic()  # the pace of renewals follows the copy's cost, not the wait for an ingest's batch
            try:
                whole = not (self.generation and _add_new_articles(con))
                if whole:
                    _copy_everything(con)
                _refresh_link_tables(con, copied=whole)
            finally:
                con.execute("DETACH annales_store")
            con.execute(EVENT_VIEW)
            con.execute("SET threads = 1")  # mode() breaks ties by the order it reads rows: that of the API's readers
            con.execute(ACTOR_LABELS)
        finally:
            con.close()
        reader = duckdb.connect(str(path), read_only=True, config={"threads": 1})
        with self._lock:
            self._connections.append((generation, reader))
            self.generation = generation
            self._signature = signature
            self.taken_at = time.time()
            retired = self._connections[:-2]  # the previous one stays open for requests still running on it
            self._connections = self._connections[-2:]
        for old_generation, old in retired:
            old.close()
            (self.folder / f"snapshot-{old_generation}.duckdb").unlink(missing_ok=True)
        self._copy_seconds = time.monotonic() - copying
        log.info("snapshot %d of %s taken in %.2f s (%.2f s copying)", generation, self.store_path, time.monotonic() - started, self._copy_seconds)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._lock:
            for _, con in self._connections:
                con.close()
            self._connections = []
        shutil.rmtree(self.folder, ignore_errors=True)

    def _watch(self) -> None:
        while not self._stop.wait(max(self.refresh, COPY_COST_FACTOR * self._copy_seconds)):
            if not self.changed():
                continue
            try:
                self.take(wait=SNAPSHOT_WAIT_SECONDS)
            except (AnnalesError, duckdb.Error, OSError) as exc:  # keep serving the last snapshot; try again later
                log.warning("could not renew the snapshot: %s", exc)

    def _store_signature(self) -> tuple[int, ...]:
        """Size and modification time of the store file and its write-ahead log."""
        signature: list[int] = []
        for suffix in ("", ".wal"):
            try:
                stat = Path(self.store_path + suffix).stat()
                signature += [stat.st_size, stat.st_mtime_ns]
            except FileNotFoundError:
                signature += [-1, -1]
        return tuple(signature)


def _add_new_articles(con: duckdb.DuckDBPyConnection) -> bool:
    """Insert into the snapshot (con's own database) the store's articles it lacks, with all their rows.

    RETURNS (bool): False when the two schemas differ (a store migrated meanwhile): the snapshot needs a full copy."""
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute("CREATE TEMP TABLE fresh AS SELECT article_id FROM annales_store.articles"
                    " WHERE article_id NOT IN (SELECT article_id FROM main.articles)")
        for table in TABLES:
            con.execute(f"INSERT INTO main.{table} BY NAME SELECT * FROM annales_store.{table} WHERE article_id IN (SELECT article_id FROM fresh)")
        con.execute("DROP TABLE fresh")
        con.execute("COMMIT")
        return True
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        log.info("incremental snapshot impossible (%s): copying the whole store", exc)
        # the cross-article tables too (annales/stories): a full copy brings them
        for table in (*TABLES, *LINK_TABLES, LINK_MARK):
            con.execute(f"DROP TABLE IF EXISTS main.{table}")
        con.execute("DROP TABLE IF EXISTS main.schema_info")
        return False


# The snapshot's own note of the store's `link_state` (how many rows, the last one's time) when it last copied the
# link tables.
LINK_MARK = "snapshot_link_mark"


def _refresh_link_tables(con: duckdb.DuckDBPyConnection, *, copied: bool) -> None:
    """Bring the link tables the API reads (`EXPORTED_LINK_TABLES`: stories, records, duplicate groups...) up to the
    store's, when a link run changed them since the snapshot last copied them.

    A link run rewrites story and record rows (their counts and spans change as articles join), so these tables are
    copied whole, and only when the store's `link_state` has changed (its size or last time): every link run adds rows to it. The link step's
    working tables (`link_state`, buckets, features) stay as the last full copy left them: the API does not read them.
    copied: the whole store was just copied (the tables are current: only the note is written)."""
    present = {name for (name,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'annales_store' AND table_schema = 'main'"
    ).fetchall()}
    if not set(LINK_TABLES) <= present:
        return
    mark = con.execute("SELECT count(*), max(linked_at) FROM annales_store.link_state").fetchone()
    con.execute(f"CREATE TABLE IF NOT EXISTS main.{LINK_MARK} (linked BIGINT, last TIMESTAMP)")
    if con.execute(f"SELECT linked, last FROM main.{LINK_MARK}").fetchall() == [mark]:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for table in () if copied else EXPORTED_LINK_TABLES:
            con.execute(f"DROP TABLE IF EXISTS main.{table}")
            con.execute(f"CREATE TABLE main.{table} AS SELECT * FROM annales_store.{table}")
        con.execute(f"DELETE FROM main.{LINK_MARK}")
        con.execute(f"INSERT INTO main.{LINK_MARK} VALUES (?, ?)", list(mark or (0, None)))
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise


def _copy_everything(con: duckdb.DuckDBPyConnection) -> None:
    name = scalar(con, "SELECT current_database()")
    con.execute(f'COPY FROM DATABASE annales_store TO "{name}"')
