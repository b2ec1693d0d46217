"""store: the embedded DuckDB store (the pipeline's sink).

One row per article in `articles` (keyed by the SHA-256 of its raw content, so re-running
a batch skips what is stored), and normalised tables of everything found in it, each with
`article_id`, so analysts can join in SQL. Articles are written in batches (`Store.add_many`,
`BatchWriter`), each batch in one transaction with one bulk insert per table: a batch is
stored whole or not at all, so an interrupted run (even kill -9) resumes where its last
batch ended, without losing or duplicating anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from ..article import Article
from ..errors import AnnalesError, Errors
from ..stories.schema import ensure_schema

T = TypeVar("T")

NAME = "store"
REQUIRES = ("text",)
ASSIGNS: tuple[str, ...] = ()

SCHEMA_VERSION = 2
# Columns added since version 1, applied to older stores when they are opened for writing.
MIGRATIONS = ("ALTER TABLE amounts ADD COLUMN IF NOT EXISTS count_type VARCHAR",)
SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_info (version INTEGER);
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY, id VARCHAR, path VARCHAR, title VARCHAR, published DATE,
    language VARCHAR, url VARCHAR, source VARCHAR, text VARCHAR, n_sentences INTEGER,
    tone DOUBLE, positive DOUBLE, negative DOUBLE, polarity DOUBLE, word_count INTEGER,
    ok BOOLEAN, ingested_at TIMESTAMP DEFAULT current_timestamp, record JSON);
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR, actor_id INTEGER, name VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR,
    kind VARCHAR, role VARCHAR, confidence DOUBLE, method VARCHAR, n_mentions INTEGER);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, actor_id INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER,
    sentence INTEGER, method VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, event_id INTEGER, published DATE, date VARCHAR,
    source_name VARCHAR, source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_actor INTEGER,
    target_name VARCHAR, target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_actor INTEGER,
    cameo VARCHAR, cameo_root VARCHAR, plover VARCHAR, plover_mode VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    modality VARCHAR, negated BOOLEAN, cue VARCHAR, sentence INTEGER, sentence_text VARCHAR, trigger VARCHAR,
    start_char INTEGER, end_char INTEGER, location_name VARCHAR, location_country VARCHAR,
    lat DOUBLE, lon DOUBLE, geonameid BIGINT, confidence DOUBLE, method VARCHAR);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, name VARCHAR, text VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE, country VARCHAR,
    feature VARCHAR, metonym BOOLEAN, start_char INTEGER, end_char INTEGER, sentence INTEGER,
    confidence DOUBLE, method VARCHAR);
CREATE TABLE IF NOT EXISTS amounts (
    article_id VARCHAR, value DOUBLE, unit VARCHAR, object VARCHAR, qualifier VARCHAR, text VARCHAR,
    start_char INTEGER, end_char INTEGER, sentence INTEGER, method VARCHAR, count_type VARCHAR);
CREATE TABLE IF NOT EXISTS quotations (
    article_id VARCHAR, text VARCHAR, speaker VARCHAR, speaker_code VARCHAR, speaker_actor INTEGER, kind VARCHAR,
    start_char INTEGER, end_char INTEGER, sentence INTEGER, method VARCHAR);
CREATE TABLE IF NOT EXISTS dates (
    article_id VARCHAR, text VARCHAR, value VARCHAR, resolution VARCHAR,
    start_char INTEGER, end_char INTEGER, sentence INTEGER, method VARCHAR);
CREATE TABLE IF NOT EXISTS themes (article_id VARCHAR, theme VARCHAR, count INTEGER);
CREATE TABLE IF NOT EXISTS repairs (
    article_id VARCHAR, kind VARCHAR, before VARCHAR, after VARCHAR, start_char INTEGER, end_char INTEGER,
    raw_start INTEGER, raw_end INTEGER, method VARCHAR);
CREATE TABLE IF NOT EXISTS captions (article_id VARCHAR, text VARCHAR, credit VARCHAR);
CREATE TABLE IF NOT EXISTS errors (
    article_id VARCHAR, path VARCHAR, kind VARCHAR, message VARCHAR, stage VARCHAR, code VARCHAR);
"""
TABLES = ("articles", "actors", "mentions", "events", "places", "amounts", "quotations", "dates", "themes", "repairs", "captions", "errors")


# Arrow types of the DuckDB column types that the store's tables use. DATE and JSON columns get strings
# (DuckDB casts them on insert); whole numbers go as int64, so an out-of-range value fails in DuckDB's cast.
ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "DATE": pa.string(), "INTEGER": pa.int64(), "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
}

# How long opening a store waits for another process (an ingest, a reader) to let go of it.
LOCK_WAIT_SECONDS = 30.0

# DuckDB's memory limit on a writing connection: a cache of this size plus room for the article_id index,
# which must stay in memory (~110 bytes an article; 1 KiB is allowed). By default DuckDB may use 80% of
# the machine and keeps what an ingest writes cached, so a long ingest grew by ~80 MiB per 1,000 articles;
# with the limit it stays flat (benchmarks/store_speed.py --memory). Raised if a write still runs out.
WRITE_CACHE_MIB = 128
INDEX_BYTES_PER_ARTICLE = 1024
RETRY_EXTRA_MIB = 512


def article_key(article: Article) -> str:
    """The storage key: content hash, or for an unreadable input a hash of its path, its record number in that
    file and its error (each bad record of a file is a row of its own)."""
    if article.raw_text:
        return article.content_hash
    first_error = article.errors[0].kind if article.errors else ""
    record = article.meta.get("record", "")
    return hashlib.sha256(f"error:{article.path}:{record}:{first_error}".encode("utf-8", "replace")).hexdigest()


COPY_METHOD = "content-hash: the same raw text as the stored article (not processed again)"


def _identity(article: Article) -> tuple[str, str, str]:
    """What tells two inputs apart: path, id and record number within the file."""
    return (article.path or "", article.id or "", str(article.meta.get("record", "")))


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    """The one value of a query that always returns one row (a count, a name)."""
    row = con.execute(sql, list(params)).fetchone()
    if row is None:
        raise AnnalesError(Errors.E101.format(path="the store", reason=f"no row from {sql!r}"))
    return row[0]


def connect(path: str, *, read_only: bool, wait: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """A connection to the DuckDB file `path`, retried while another process holds its lock; E907 after `wait` s."""
    return with_lock_retry(path, lambda: duckdb.connect(path, read_only=read_only), wait=wait, reader=read_only)


def with_lock_retry(path: str, open_store: Callable[[], T], *, wait: float, reader: bool) -> T:
    """`open_store()`, retried while another process holds the lock of the store `path`; E907 after `wait` s.

    A reader that finds the store locked leaves a read request beside it (`read_request_path`): an ingest
    sees it after its current batch and lets go of the file until the reader has opened it."""
    deadline = time.monotonic() + wait
    delay = 0.05
    request = Path(read_request_path(path))
    asked = False
    try:
        while True:
            try:
                return open_store()
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise AnnalesError(Errors.E101.format(path=path, reason=str(exc).splitlines()[0])) from exc
                if time.monotonic() >= deadline:
                    raise AnnalesError(Errors.E907.format(path=path, seconds=round(wait))) from exc
                if reader:
                    asked = _touch(request) or asked  # again on every try: another reader may have removed it
                time.sleep(delay)
                delay = min(delay * 2, 0.5 if reader else 2.0)
    finally:
        if asked:
            _remove(request)


def _touch(path: Path) -> bool:
    try:
        path.touch()
        return True
    except OSError:
        return False  # a reader without write access to the folder waits without asking


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def read_request_path(path: str) -> str:
    """The file a waiting reader creates to ask a writer for the store (see `Store.yield_to_readers`)."""
    return f"{path}.read-request"


# How long a writer that let go of the store for a reader waits for that reader to open it; a request older
# than this is left behind by a reader that died, and is removed.
READ_REQUEST_SECONDS = 10.0
# How long that writer then waits for the reader to close it (a snapshot of a large store, an export).
RECLAIM_SECONDS = 600.0


class Store:
    """A DuckDB database holding processed articles."""

    def __init__(self, path: str | Path = "annales.duckdb", *, read_only: bool = False, wait: float = LOCK_WAIT_SECONDS) -> None:
        self.path = str(path)
        self.skipped = 0  # inputs `unseen` left out: stored before, or repeated within the run
        # inputs whose content is an article stored (or taken) already but that are other inputs (another file, id or
        # record): written to `article_copies` with the next batch (`write_copies`), so every input is accounted for
        self._copies: list[tuple[Any, ...]] = []
        self.wait = wait
        self._columns: dict[str, list[tuple[str, pa.DataType | None]]] | None = None
        self.con = connect(self.path, read_only=read_only, wait=wait)
        if not read_only:
            self.con.execute(SCHEMA)
            ensure_schema(self.con)  # the cross-article tables (annales/stories), empty until a link runs
            for migration in MIGRATIONS:
                self.con.execute(migration)
            self.con.execute("DELETE FROM schema_info")
            self.con.execute("INSERT INTO schema_info VALUES (?)", [SCHEMA_VERSION])
            self._stored_articles = scalar(self.con, "SELECT count(*) FROM articles")
            self._column_types()  # read now, outside any write's transaction
            self._extra_mib = 0
            self._bound_memory()

    def _bound_memory(self) -> None:
        """Set the writing connection's memory limit for the articles it holds now (see WRITE_CACHE_MIB)."""
        mib = WRITE_CACHE_MIB + self._extra_mib + self._stored_articles * INDEX_BYTES_PER_ARTICLE // (1 << 20)
        self.con.execute(f"SET memory_limit = '{int(mib)}MiB'")

    def close(self) -> None:
        self.con.close()

    def yield_to_readers(self) -> bool:
        """Let go of the file while a reader asks for it (a read request beside the store), then take it back.

        A writer calls this between two transactions, so a reader (`annales serve`, `annales events`)
        can open the store during a long ingest and sees every batch committed so far.
        RETURNS (bool): whether the store was handed over."""
        request = Path(read_request_path(self.path))
        try:
            asked = time.time() - request.stat().st_mtime
        except FileNotFoundError:
            return False
        if asked > READ_REQUEST_SECONDS:
            _remove(request)  # left by a reader that is gone
            return False
        self.con.close()
        deadline = time.monotonic() + READ_REQUEST_SECONDS
        while request.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        self.con = connect(self.path, read_only=False, wait=max(self.wait, RECLAIM_SECONDS))
        self._bound_memory()
        return True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, key: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE article_id = ?", [key]).fetchone() is not None

    def unseen(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The articles not stored yet (what a resumed batch still has to do).

        An input left out because its content is stored, or taken earlier in this run, but that is another input
        (another path, id or record number: an exact duplicate, such as a wire story filed twice) is noted as a
        copy of that article (`article_copies`); the same input read again (a re-run) is not."""
        seen: dict[str, tuple[str, str, str]] = {}
        for article in articles:
            key = article_key(article)
            if key in seen:
                self.skipped += 1
                if article.raw_text and _identity(article) != seen[key]:
                    self._note_copy(key, article)
                continue
            stored = self._stored_identity(key)
            if stored is not None:
                self.skipped += 1
                if article.raw_text and _identity(article) != stored:
                    self._note_copy(key, article)
                continue
            seen[key] = _identity(article)
            yield article

    def _stored_identity(self, key: str) -> tuple[str, str, str] | None:
        row = self.con.execute(
            "SELECT coalesce(path, ''), coalesce(id, ''), coalesce(json_extract_string(record, '$.meta.record'), '')"
            " FROM articles WHERE article_id = ?", [key],
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def _note_copy(self, key: str, article: Article) -> None:
        path, id_, record = _identity(article)
        self._copies.append((key, path, id_, record, article.title, article.language, article.url, article.source, COPY_METHOD))

    def write_copies(self) -> int:
        """Write the copies noted since the last write (idempotent: a copy recorded before is not added twice).
        RETURNS (int): how many were noted."""
        copies, self._copies = self._copies, []
        if copies:
            self.con.executemany(
                "INSERT OR IGNORE INTO article_copies (article_id, path, id, record, title, language, url, source, method)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", copies,
            )
        return len(copies)

    def add(self, article: Article) -> str:
        """Write one processed article and everything found in it, atomically (nothing if it is stored already).

        RETURNS (str): its key."""
        return self.add_many([article])[0]

    def add_many(self, articles: Sequence[Article]) -> list[str]:
        """Write processed articles and everything found in them in one transaction: all of them or none.

        Articles stored before, or repeated in `articles`, are not written again, so a batch that
        was cut off (a crash, kill -9) can simply be written again. Rows go in as one Arrow table
        per table (DuckDB inserts those in bulk; per-row executemany costs ~30 ms per article).
        RETURNS (list[str]): the key of each article, in order."""
        try:
            keys, written = self._write(articles)
        except duckdb.OutOfMemoryException:
            # The memory limit is a bound on caching, not on what a write needs: give it room and write again.
            self._extra_mib = max(2 * self._extra_mib, RETRY_EXTRA_MIB)
            self._bound_memory()
            keys, written = self._write(articles)
        self._stored_articles += written
        if written:
            self._bound_memory()
        return keys

    def _write(self, articles: Sequence[Article]) -> tuple[list[str], int]:
        keys = [article_key(article) for article in articles]
        self.con.execute("BEGIN TRANSACTION")
        try:
            stored = self._stored(keys)
            rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLES}
            written = 0
            for key, article in zip(keys, articles):
                if key in stored:
                    continue
                stored.add(key)
                written += 1
                for table, found in article_rows(article, key=key).items():
                    rows[table] += found
            for table, values in rows.items():
                if values:
                    self._insert(table, values)
            self.write_copies()
            self.con.execute("COMMIT")
        except BaseException:  # Ctrl-C included: the batch goes in whole or not at all
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass  # a failed COMMIT has ended the transaction already; keep the first error
            raise
        return keys, written

    def _stored(self, keys: list[str]) -> set[str]:
        """Which of `keys` the articles table holds already."""
        if not keys:
            return set()
        found = self.con.execute("SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [keys])
        return {key for (key,) in found.fetchall()}

    def columns(self, table: str) -> list[str]:
        """The columns an insert into `table` fills, in the order `article_rows` gives them."""
        return [name for name, _ in self._column_types()[table]]

    def _column_types(self) -> dict[str, list[tuple[str, pa.DataType | None]]]:
        """Each table's insert columns with the Arrow type their values are converted to (read once per store)."""
        if self._columns is None:
            described = self.con.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns"
                " WHERE table_schema = 'main' AND table_catalog = current_database() ORDER BY table_name, ordinal_position"
            ).fetchall()
            self._columns = {table: [] for table in TABLES}
            for table, column, data_type in described:
                if table in self._columns and (table, column) != ("articles", "ingested_at"):
                    self._columns[table].append((column, ARROW_TYPES.get(data_type)))
        return self._columns

    def _insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        """Insert `rows` (tuples in `columns(table)` order) as one Arrow table."""
        columns = self._column_types()[table]
        values = list(zip(*rows))
        arrow = pa.Table.from_arrays([_arrow_array(list(v), t) for v, (_, t) in zip(values, columns)], names=[c for c, _ in columns])
        view = f"_annales_rows_{table}"
        self.con.register(view, arrow)
        try:
            self.con.execute(f"INSERT INTO {table} ({', '.join(c for c, _ in columns)}) SELECT * FROM {view}")
        finally:
            try:
                self.con.unregister(view)
            except duckdb.Error:
                pass  # the transaction failed, which ends the view with it; keep the insert's own error

    def counts(self) -> dict[str, int]:
        return {t: scalar(self.con, f"SELECT count(*) FROM {t}") for t in TABLES}


# Batches of `BatchWriter`: at most this many articles, or this many seconds of work, per transaction.
# 64 articles makes the per-transaction cost negligible (~2 ms an article in all, against ~14 ms one by one)
# while a kill loses at most a few seconds of processing.
BATCH_ARTICLES = 64
BATCH_SECONDS = 15.0


class BatchWriter:
    """Processed articles written to a store in batches, each in one transaction (`Store.add_many`).

    A batch is written when it holds `every` articles, when `seconds` have passed since the
    last write, and on `flush` (call it at the end, and on Ctrl-C: what is buffered is
    finished work). If a batch cannot be written, its articles are written one by one; one
    that still fails is stored as an error record (E909), so the run goes on and the input
    count still equals records plus error records. `on_written(articles)` is called with
    what was stored, error records in place of the articles they stand for."""

    def __init__(
        self,
        store: Store,
        *,
        every: int = BATCH_ARTICLES,
        seconds: float = BATCH_SECONDS,
        on_written: Callable[[list[Article]], None] | None = None,
    ) -> None:
        self.store = store
        self.every = every
        self.seconds = seconds
        self.on_written = on_written
        self.pending: list[Article] = []
        self._last = time.monotonic()

    def add(self, article: Article) -> None:
        self.pending.append(article)
        if len(self.pending) >= self.every or time.monotonic() - self._last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        self._last = time.monotonic()
        if not batch:
            return
        try:
            self.store.add_many(batch)
        except Exception:  # noqa: BLE001 - find the article that cannot be stored; the others go in
            batch = [self._add_alone(article) for article in batch]
        if self.on_written is not None:
            self.on_written(batch)
        self.store.yield_to_readers()

    def _add_alone(self, article: Article) -> Article:
        try:
            self.store.add(article)
            return article
        except Exception as exc:  # noqa: BLE001 - one unstorable article must not stop the run
            # the same key (its raw text), so a rerun skips it as it skips other error records
            record = {"record": article.meta["record"]} if "record" in article.meta else {}
            failed = Article(path=article.path, id=article.id, raw_text=article.raw_text, meta=record)
            failed.add_error("store_failed", Errors.E909.format(error=f"{type(exc).__name__}: {exc}"), stage=NAME, code="E909")
            self.store.add(failed)
            return failed


def article_rows(article: Article, *, key: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every table (`TABLES` order, columns as `Store.columns` names them) for one article."""
    key = key or article_key(article)
    record = article.to_dict()
    tone = article.tone
    published = _date_or_none(article.published)
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    rows["articles"].append((
        key, article.id, article.path, article.title, published, article.language, article.url,
        article.source, article.text, len(article.sentences), tone.tone if tone else None, tone.positive if tone else None,
        tone.negative if tone else None, tone.polarity if tone else None, tone.word_count if tone else None,
        article.ok, json.dumps(record, ensure_ascii=False),
    ))
    for index, actor in enumerate(article.actors):
        rows["actors"].append((key, index, actor.name, actor.code, actor.country, actor.sector, actor.kind, actor.role,
                               actor.confidence, actor.method, len(actor.mentions)))
        for m in actor.mentions:
            rows["mentions"].append((key, index, m.text, m.start, m.end, m.sentence, m.method))
    for index, (event, ev) in enumerate(zip(article.events, record["events"])):
        src, tgt, loc = event.source, event.target, event.location or {}
        rows["events"].append((
            key, index, published, event.date,
            *_actor_cells(src), *_actor_cells(tgt),
            event.cameo, event.cameo_root, event.plover, event.plover_mode, event.goldstein, event.quad_class,
            event.modality, event.negated, event.cue, event.sentence, ev["sentence_text"], event.trigger,
            event.start, event.end, loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"), loc.get("geonameid"),
            event.confidence, event.method,
        ))
    for p in article.locations:
        rows["places"].append((key, p.name, p.text, p.geonameid, p.lat, p.lon, p.country, p.feature, p.metonym,
                               p.start, p.end, p.sentence, p.confidence, p.method))
    for a in article.amounts:
        rows["amounts"].append((key, a.value, a.unit, a.object, a.qualifier, a.text, a.start, a.end, a.sentence, a.method, a.count_type))
    for q in article.quotations:
        rows["quotations"].append((key, q.text, q.speaker, q.speaker_code, q.speaker_actor, q.kind, q.start, q.end, q.sentence, q.method))
    for d in article.dates:
        rows["dates"].append((key, d.text, d.value, d.resolution, d.start, d.end, d.sentence, d.method))
    for t in article.themes:
        rows["themes"].append((key, t.theme, t.count))
    for r in article.repairs:
        rows["repairs"].append((key, r.kind, r.before, r.after, r.start, r.end, r.raw_start, r.raw_end, r.method))
    for c in article.captions:
        rows["captions"].append((key, c.text, c.credit))
    for e in article.errors:
        rows["errors"].append((key, article.path, e.kind, e.message, e.stage, e.code))
    return rows


def _arrow_array(values: list[Any], arrow_type: pa.DataType | None) -> pa.Array:
    """A column as Arrow, of the column's type where the values convert to it; else as pyarrow infers it, else
    as text. DuckDB casts on insert (as it cast parameters), so an odd value that fits the column still goes in,
    and one that does not fails there, as it did row by row."""
    for attempt in (arrow_type, None) if arrow_type is not None else (None,):
        try:
            return pa.array(values, type=attempt)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            pass
    return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def _actor_cells(ref: Any) -> list[Any]:
    if ref is None:
        return [None] * 5
    return [ref.name, ref.code, ref.country, ref.sector, ref.actor]


def _date_or_none(value: str | None) -> str | None:
    """A DATE cell: only real calendar dates written YYYY-MM-DD, else NULL (the JSON record keeps the original)."""
    try:
        return dt.date.fromisoformat(value).isoformat() if value and len(value) == 10 else None
    except ValueError:
        return None
