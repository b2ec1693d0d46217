"""A partitioned Parquet dataset of processed articles: what `annales ingest --engine dask` writes, which
`annales load-parquet` loads into a store and DuckDB (or pandas, Spark) can query in place.

Layout, one folder per store table, partitioned by the article's language and publication month (Hive style):

    DIR/events/lang=fr/month=2025-03/part-<part>.parquet
    DIR/articles/lang=en/month=unknown/part-<part>.parquet      (no publication date)
    DIR/_parts/<part>.json                                       (the commit marker of a part)

Each file holds the columns of the store's table (`ingested_at` left out; `published` as a Parquet date); the
language ("und" when none) and the month ("unknown" when none) are only in the path. A part is the rows of up
to `PART_ARTICLES` articles: its files are written (each to a temporary name, then renamed), and its marker,
listing them, last. Only files listed by a marker count: a run cut off leaves files without one, which the next
run removes before it resumes, so the dataset never holds an article twice."""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import json
import os
import re
import secrets
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..article import Article
from ..errors import AnnalesError, Errors
from ..store import (
    ARROW_TYPES,
    INDEX_BYTES_PER_ARTICLE,
    MIGRATIONS,
    RETRY_EXTRA_MIB,
    SCHEMA,
    TABLES,
    WRITE_CACHE_MIB,
    Store,
    _arrow_array,
    _date_or_none,
    article_key,
    article_rows,
)
from ..store.transactions import transaction

PARTITIONS = ("lang", "month")
NO_LANGUAGE = "und"
NO_MONTH = "unknown"
MARKERS = "_parts"
LOCK = ".annales-writing"
# A part: at most this many articles or this many seconds of work (files of a few hundred KiB to a few MiB).
PART_ARTICLES = 1000
PART_SECONDS = 120.0


@functools.cache
def table_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each store table's insert columns with their DuckDB type, in the order `article_rows` fills them."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(SCHEMA)
        for migration in MIGRATIONS:
            con.execute(migration)
        described = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
        ).fetchall()
    finally:
        con.close()
    columns: dict[str, list[tuple[str, str]]] = {table: [] for table in TABLES}
    for table, column, data_type in described:
        if table in columns and (table, column) != ("articles", "ingested_at"):
            columns[table].append((column, data_type))
    return {table: tuple(found) for table, found in columns.items()}


def partition_of(article: Article) -> tuple[str, str]:
    """(language, month) of an article, as path-safe folder values."""
    language = re.sub(r"[^A-Za-z0-9_-]", "_", article.language or "")[:32] or NO_LANGUAGE
    published = _date_or_none(article.published)
    return language, published[:7] if published else NO_MONTH


def chunk_tables(articles: Iterable[Article]) -> dict[str, pa.Table]:
    """The rows of every table for processed articles, as Arrow tables with the partition columns added
    (`lang`, `month`). Tables without rows are left out."""
    rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLES}
    for article in articles:
        partition = partition_of(article)
        for table, found in article_rows(article, key=article_key(article)).items():
            rows[table].extend((*row, *partition) for row in found)
    columns = table_columns()
    out: dict[str, pa.Table] = {}
    for table, values in rows.items():
        if not values:
            continue
        names = [name for name, _ in columns[table]] + list(PARTITIONS)
        types = [data_type for _, data_type in columns[table]] + ["VARCHAR"] * len(PARTITIONS)
        out[table] = pa.Table.from_arrays([_column(list(cells), data_type) for cells, data_type in zip(zip(*values), types)], names=names)
    return out


def _column(values: list[Any], data_type: str) -> pa.Array:
    if data_type == "DATE":  # `article_rows` gives DATE cells as YYYY-MM-DD or None (`_date_or_none`)
        try:
            return pa.array([None if v is None else dt.date.fromisoformat(v) for v in values], type=pa.date32())
        except (TypeError, ValueError):
            pass
    return _arrow_array(values, ARROW_TYPES.get(data_type))


class DatasetWriter:
    """Writes the rows of processed articles into the dataset at `root`, part by part (see the module doc).

    One writer at a time: a lock file beside the parts refuses a second one (E907). Opening removes the files
    of parts that were never committed. `keys` holds the article ids the dataset has, so a rerun skips them."""

    def __init__(self, root: str | Path, *, every: int = PART_ARTICLES, seconds: float = PART_SECONDS) -> None:
        self.root = Path(root)
        self.every = every
        self.seconds = seconds
        try:
            (self.root / MARKERS).mkdir(parents=True, exist_ok=True)
            self._lock: TextIO | None = open(self.root / LOCK, "w", encoding="utf-8")  # noqa: SIM115 - held until close()
        except OSError as exc:
            raise AnnalesError(Errors.E101.format(path=self.root, reason=exc.strerror or exc)) from exc
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self._lock.close()
            raise AnnalesError(Errors.E907.format(path=self.root, seconds=0)) from exc
        remove_uncommitted(self.root)
        self.keys = stored_keys(self.root)
        self.run = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
        self.parts = 0
        self.pending: dict[str, list[pa.Table]] = {}
        self.pending_articles = 0
        self._last = time.monotonic()

    def add(self, tables: dict[str, pa.Table], articles: int) -> None:
        """Buffer the rows of `articles` processed articles (`chunk_tables`); a part is written when it is full."""
        for table, rows in tables.items():
            self.pending.setdefault(table, []).append(rows)
        self.pending_articles += articles
        if self.pending_articles >= self.every or time.monotonic() - self._last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        """Write what is buffered as one part and commit it."""
        pending, self.pending = self.pending, {}
        articles, self.pending_articles = self.pending_articles, 0
        self._last = time.monotonic()
        if not articles:
            return
        part = f"{self.run}-{self.parts:05d}"
        self.parts += 1
        files: list[str] = []
        # the articles table last: its ids are what a rerun skips
        for table in sorted(pending, key=lambda name: name == "articles"):
            rows = pa.concat_tables(pending[table], promote_options="default")
            for (language, month), indices in _groups(rows).items():
                relative = f"{table}/lang={language}/month={month}/part-{part}.parquet"
                _write_atomically(rows.take(indices).drop_columns(list(PARTITIONS)), self.root / relative)
                files.append(relative)
        marker = {"part": part, "articles": articles, "files": files, "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        _write_text_atomically(self.root / MARKERS / f"{part}.json", json.dumps(marker, indent=1) + "\n")

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()  # releases the lock
            self._lock = None

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _groups(rows: pa.Table) -> dict[tuple[str, str], list[int]]:
    groups: dict[tuple[str, str], list[int]] = {}
    for index, key in enumerate(zip(rows.column("lang").to_pylist(), rows.column("month").to_pylist())):
        groups.setdefault(key, []).append(index)
    return dict(sorted(groups.items()))


def _write_atomically(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)


def _write_text_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def parts(root: str | Path) -> list[dict[str, Any]]:
    """The committed parts of a dataset (their markers), oldest first."""
    folder = Path(root) / MARKERS
    if not folder.is_dir():
        return []
    found = []
    for marker in sorted(folder.glob("*.json")):
        try:
            found.append(json.loads(marker.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # a marker is written whole (renamed into place); anything else here is not ours
    return found


def committed_files(root: str | Path, table: str, of_parts: Sequence[dict[str, Any]] | None = None) -> list[Path]:
    """The Parquet files of `table` in committed parts (all, or those of `of_parts`)."""
    base = Path(root)
    return [base / name for part in (parts(root) if of_parts is None else of_parts) for name in part["files"] if name.split("/", 1)[0] == table]


def remove_uncommitted(root: str | Path) -> list[Path]:
    """Remove the Parquet files (and temporary files) that no committed part lists: what a cut-off run left."""
    base = Path(root)
    kept = {base / name for part in parts(base) for name in part["files"]}
    removed = []
    for table in TABLES:
        if (base / table).is_dir():
            for path in (base / table).rglob("*"):
                if path.is_file() and (path.suffix == ".tmp" or (path.suffix == ".parquet" and path not in kept)):
                    path.unlink()
                    removed.append(path)
    for temporary in (base / MARKERS).glob("*.tmp") if (base / MARKERS).is_dir() else ():
        temporary.unlink()
        removed.append(temporary)
    return removed


def stored_keys(root: str | Path) -> set[str]:
    """The article ids of the committed parts."""
    keys: set[str] = set()
    for path in committed_files(root, "articles"):
        keys.update(pq.read_table(path, columns=["article_id"]).column("article_id").to_pylist())
    return keys


def load_dataset(root: str | Path, store: Store) -> dict[str, int]:
    """Load the committed parts of a dataset into `store`: one transaction per part, articles the store holds
    already skipped (so loading twice, or after an interrupted load, adds nothing twice).

    RETURNS: {"parts", "articles" (added), "skipped"}."""
    found = parts(root)
    if not found and not Path(root).is_dir():
        raise AnnalesError(Errors.E101.format(path=root, reason="no such folder"))
    con = store.con
    total = sum(int(part.get("articles", 0)) for part in found)
    stored = con.execute("SELECT count(*) FROM articles").fetchone()
    # As Store bounds a writing connection: a cache, room for the article_id index, and room for one part's insert.
    mib = WRITE_CACHE_MIB + RETRY_EXTRA_MIB + ((stored[0] if stored else 0) + total) * INDEX_BYTES_PER_ARTICLE // (1 << 20)
    con.execute(f"SET memory_limit = '{int(mib)}MiB'")
    added = skipped = 0
    for part in found:
        article_files = [str(p) for p in committed_files(root, "articles", [part])]
        if not article_files:
            continue
        with transaction(con):
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _annales_new AS SELECT DISTINCT article_id FROM read_parquet(?, hive_partitioning = false)"
                " WHERE article_id NOT IN (SELECT article_id FROM articles)", [article_files])
            new = con.execute("SELECT count(*) FROM _annales_new").fetchone()
            in_part = con.execute("SELECT count(DISTINCT article_id) FROM read_parquet(?, hive_partitioning = false)", [article_files]).fetchone()
            for table in TABLES:
                files = [str(p) for p in committed_files(root, table, [part])]
                if not files:
                    continue
                names = ", ".join(f'"{name}"' for name, _ in table_columns()[table])
                con.execute(
                    f"INSERT INTO {table} ({names}) SELECT {names} FROM read_parquet(?, hive_partitioning = false, union_by_name = true)"
                    " WHERE article_id IN (SELECT article_id FROM _annales_new)", [files])
            con.execute("DROP TABLE _annales_new")
        added += new[0] if new else 0
        skipped += (in_part[0] if in_part else 0) - (new[0] if new else 0)
    return {"parts": len(found), "articles": added, "skipped": skipped}
