"""store: the embedded DuckDB store (the pipeline's sink).

One row per article in `articles` (keyed by the SHA-256 of its raw content, so re-running
a batch skips what is stored), and normalised tables of everything found in it, each with
`article_id`, so analysts can join in SQL. Each article is written in its own transaction:
an interrupted batch resumes where it stopped, without duplicates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from ..article import Article
from ..errors import AnnalesError, Errors

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


# How long opening a store waits for another process (an ingest, a reader) to let go of it.
LOCK_WAIT_SECONDS = 30.0


def article_key(article: Article) -> str:
    """The storage key: content hash, or for an unreadable input a hash of its path, its record number in that
    file and its error (each bad record of a file is a row of its own)."""
    if article.raw_text:
        return article.content_hash
    first_error = article.errors[0].kind if article.errors else ""
    record = article.meta.get("record", "")
    return hashlib.sha256(f"error:{article.path}:{record}:{first_error}".encode("utf-8", "replace")).hexdigest()


def connect(path: str, *, read_only: bool, wait: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """A connection to the DuckDB file `path`, retried while another process holds its lock; E907 after `wait` s."""
    deadline = time.monotonic() + wait
    delay = 0.1
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise AnnalesError(Errors.E101.format(path=path, reason=str(exc).splitlines()[0])) from exc
            if time.monotonic() >= deadline:
                raise AnnalesError(Errors.E907.format(path=path, seconds=round(wait))) from exc
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


class Store:
    """A DuckDB database holding processed articles."""

    def __init__(self, path: str | Path = "annales.duckdb", *, read_only: bool = False, wait: float = LOCK_WAIT_SECONDS) -> None:
        self.path = str(path)
        self.skipped = 0  # inputs `unseen` left out: stored before, or repeated within the run
        self.con = connect(self.path, read_only=read_only, wait=wait)
        if not read_only:
            self.con.execute(SCHEMA)
            for migration in MIGRATIONS:
                self.con.execute(migration)
            self.con.execute("DELETE FROM schema_info")
            self.con.execute("INSERT INTO schema_info VALUES (?)", [SCHEMA_VERSION])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, key: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE article_id = ?", [key]).fetchone() is not None

    def unseen(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The articles not stored yet (what a resumed batch still has to do)."""
        seen: set[str] = set()
        for article in articles:
            key = article_key(article)
            if key in seen or self.has(key):
                self.skipped += 1
                continue
            seen.add(key)
            yield article

    def add(self, article: Article) -> str:
        """Write one processed article and everything found in it, atomically."""
        key = article_key(article)
        record = article.to_dict()
        tone = article.tone
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(
                "INSERT INTO articles (article_id, id, path, title, published, language, url, source, text, n_sentences,"
                " tone, positive, negative, polarity, word_count, ok, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [key, article.id, article.path, article.title, _date_or_none(article.published), article.language, article.url,
                 article.source, article.text, len(article.sentences), tone.tone if tone else None, tone.positive if tone else None,
                 tone.negative if tone else None, tone.polarity if tone else None, tone.word_count if tone else None,
                 article.ok, json.dumps(record, ensure_ascii=False)],
            )
            self._insert_found(key, article, record)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return key

    def _insert_found(self, key: str, article: Article, record: dict[str, Any]) -> None:
        rows: dict[str, list[list[Any]]] = {name: [] for name in TABLES[1:]}
        for index, actor in enumerate(article.actors):
            rows["actors"].append([key, index, actor.name, actor.code, actor.country, actor.sector, actor.kind, actor.role,
                                   actor.confidence, actor.method, len(actor.mentions)])
            for m in actor.mentions:
                rows["mentions"].append([key, index, m.text, m.start, m.end, m.sentence, m.method])
        for index, (event, ev) in enumerate(zip(article.events, record["events"])):
            src, tgt, loc = event.source, event.target, event.location or {}
            rows["events"].append([
                key, index, _date_or_none(article.published), event.date,
                *_actor_cells(src), *_actor_cells(tgt),
                event.cameo, event.cameo_root, event.plover, event.plover_mode, event.goldstein, event.quad_class,
                event.modality, event.negated, event.cue, event.sentence, ev["sentence_text"], event.trigger,
                event.start, event.end, loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"), loc.get("geonameid"),
                event.confidence, event.method,
            ])
        for p in article.locations:
            rows["places"].append([key, p.name, p.text, p.geonameid, p.lat, p.lon, p.country, p.feature, p.metonym,
                                   p.start, p.end, p.sentence, p.confidence, p.method])
        for a in article.amounts:
            rows["amounts"].append([key, a.value, a.unit, a.object, a.qualifier, a.text, a.start, a.end, a.sentence, a.method, a.count_type])
        for q in article.quotations:
            rows["quotations"].append([key, q.text, q.speaker, q.speaker_code, q.speaker_actor, q.kind, q.start, q.end, q.sentence, q.method])
        for d in article.dates:
            rows["dates"].append([key, d.text, d.value, d.resolution, d.start, d.end, d.sentence, d.method])
        for t in article.themes:
            rows["themes"].append([key, t.theme, t.count])
        for r in article.repairs:
            rows["repairs"].append([key, r.kind, r.before, r.after, r.start, r.end, r.raw_start, r.raw_end, r.method])
        for c in article.captions:
            rows["captions"].append([key, c.text, c.credit])
        for e in article.errors:
            rows["errors"].append([key, article.path, e.kind, e.message, e.stage, e.code])
        for table, values in rows.items():
            if values:
                marks = ",".join("?" * len(values[0]))
                self.con.executemany(f"INSERT INTO {table} VALUES ({marks})", values)

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


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
