"""Read-side of the store: event queries, the run summary and exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import TABLES, Store

EVENT_COLUMNS = (
    "published", "date", "source_name", "source_code", "cameo", "plover", "modality", "target_name", "target_code",
    "goldstein", "quad_class", "location_name", "trigger", "sentence_text", "article_id", "event_id",
)


def query_events(
    store: Store,
    *,
    actor: str | None = None,
    plover: str | None = None,
    since: str | None = None,
    include_flagged: bool = True,
    limit: int | None = None,
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Events filtered by actor code prefix (source or target), PLOVER type and date.

    RETURNS (tuple): column names and rows, newest first.
    """
    where, params = [], []
    if actor:
        where.append("(source_code LIKE ? OR target_code LIKE ? OR source_country = ? OR target_country = ?)")
        params += [actor + "%", actor + "%", actor, actor]
    if plover:
        where.append("plover = ?")
        params.append(plover.upper())
    if since:
        where.append("coalesce(try_cast(date AS DATE), published) >= try_cast(? AS DATE)")
        params.append(since)
    if not include_flagged:
        where.append("modality = 'asserted'")
    sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY published DESC NULLS LAST, article_id, event_id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    cursor = store.con.execute(sql, params)
    return [d[0] for d in cursor.description], cursor.fetchall()


def summary(store: Store, *, top: int = 10) -> dict[str, Any]:
    """Articles, actors, events per PLOVER type and the top dyads of a store."""
    con = store.con
    return {
        "articles": con.execute("SELECT count(*) FROM articles WHERE ok").fetchone()[0],
        "articles_with_errors": con.execute("SELECT count(*) FROM articles WHERE NOT ok").fetchone()[0],
        "languages": con.execute("SELECT language, count(*) FROM articles WHERE ok GROUP BY 1 ORDER BY 2 DESC").fetchall(),
        "actors": con.execute("SELECT count(*) FROM actors").fetchone()[0],
        "events": con.execute("SELECT count(*) FROM events").fetchone()[0],
        "events_by_type": con.execute(
            "SELECT plover, count(*) FILTER (WHERE modality = 'asserted') AS asserted, count(*) AS total"
            " FROM events GROUP BY 1 ORDER BY 3 DESC"
        ).fetchall(),
        "top_dyads": con.execute(
            "SELECT coalesce(source_code, source_name, '-') AS source, coalesce(target_code, target_name, '-') AS target,"
            " count(*) AS n, round(avg(goldstein), 1) AS goldstein FROM events"
            " WHERE source_code IS NOT NULL OR target_code IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?",
            [top],
        ).fetchall(),
        "places": con.execute("SELECT count(*) FROM places").fetchone()[0],
        "quotations": con.execute("SELECT count(*) FROM quotations").fetchone()[0],
        "amounts": con.execute("SELECT count(*) FROM amounts").fetchone()[0],
    }


def export(store: Store, *, format: str, out: str | Path) -> list[Path]:
    """Write the store as JSONL (one contract record per article) or Parquet (one file per table).

    RETURNS (list[Path]): the files written.
    """
    out = Path(out)
    if format == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            for (record,) in store.con.execute("SELECT record FROM articles ORDER BY ingested_at, article_id").fetchall():
                handle.write(record + "\n")
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        target = out / f"{table}.parquet"
        columns = "* EXCLUDE (record)" if table == "articles" else "*"
        store.con.execute(f"COPY (SELECT {columns} FROM {table}) TO '{target.as_posix()}' (FORMAT parquet)")
        written.append(target)
    return written
