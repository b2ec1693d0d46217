"""Read-side of the store: event queries, the run summary and exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from . import TABLES, Store, scalar
from .gkg import fips, tsv_cell, write_gkg

EVENT_COLUMNS = (
    "published", "date", "source_name", "source_code", "cameo", "plover", "modality", "target_name", "target_code",
    "goldstein", "quad_class", "location_name", "trigger", "sentence_text", "article_id", "event_id", "confidence", "method",
)


def query_events(
    store: Store,
    *,
    actor: str | None = None,
    plover: str | None = None,
    since: str | None = None,
    include_flagged: bool = True,
    min_confidence: float | None = None,
    limit: int | None = None,
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Events filtered by actor code prefix (source or target), PLOVER type, date and confidence.

    RETURNS (tuple): column names and rows, newest first.
    """
    where: list[str] = []
    params: list[Any] = []
    if actor:
        pattern = like_prefix(actor)
        where.append("(source_code LIKE ? ESCAPE '\\' OR target_code LIKE ? ESCAPE '\\' OR source_country = ? OR target_country = ?)")
        params += [pattern, pattern, actor, actor]
    if plover:
        where.append("plover = ?")
        params.append(plover.upper())
    if since:
        where.append("coalesce(try_cast(date AS DATE), published) >= try_cast(? AS DATE)")
        params.append(since)
    if not include_flagged:
        where.append("modality = 'asserted'")
    if min_confidence:
        where.append("confidence >= ?")
        params.append(min_confidence)
    sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY published DESC NULLS LAST, article_id, event_id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    cursor = store.con.execute(sql, params)
    return [d[0] for d in cursor.description], cursor.fetchall()


FORMULA_STARTS = frozenset("=+-@\t\r")


def spreadsheet_safe(cell: object) -> object:
    """A CSV cell that spreadsheets will not run as a formula: text starting with = + - @ or a control
    character gets a leading apostrophe (numbers are left as they are)."""
    if isinstance(cell, str) and cell[:1] in FORMULA_STARTS:
        return "'" + cell
    return cell


def like_prefix(value: str) -> str:
    """A LIKE pattern matching strings that start with `value` taken literally (its % and _ escaped)."""
    return like_literal(value) + "%"


def like_contains(value: str) -> str:
    """A LIKE pattern matching strings that contain `value` taken literally."""
    return "%" + like_literal(value) + "%"


def like_literal(value: str) -> str:
    """`value` with LIKE's wildcards and escape character escaped (use with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def summary(store: Store, *, top: int = 10) -> dict[str, Any]:
    """Articles, actors, events per PLOVER type and the top dyads of a store."""
    con = store.con
    return {
        "articles": scalar(con, "SELECT count(*) FROM articles WHERE ok"),
        "articles_with_errors": scalar(con, "SELECT count(*) FROM articles WHERE NOT ok"),
        "languages": con.execute("SELECT language, count(*) FROM articles WHERE ok GROUP BY 1 ORDER BY 2 DESC").fetchall(),
        "actors": scalar(con, "SELECT count(*) FROM actors"),
        "events": scalar(con, "SELECT count(*) FROM events"),
        "events_by_type": con.execute(
            "SELECT plover, count(*) FILTER (WHERE modality = 'asserted') AS asserted, count(*) AS total"
            " FROM events GROUP BY 1 ORDER BY 3 DESC"
        ).fetchall(),
        "top_dyads": con.execute(
            "SELECT coalesce(source_code, source_name) AS source, coalesce(target_code, target_name) AS target,"
            " count(*) AS n, round(avg(goldstein), 1) AS goldstein FROM events"
            " WHERE coalesce(source_code, source_name) IS NOT NULL AND coalesce(target_code, target_name) IS NOT NULL"
            " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?",
            [top],
        ).fetchall(),
        "places": scalar(con, "SELECT count(*) FROM places"),
        "quotations": scalar(con, "SELECT count(*) FROM quotations"),
        "amounts": scalar(con, "SELECT count(*) FROM amounts"),
    }


# GDELT 2.0 event table layout (61 tab-separated columns, no header), so GDELT readers load our events.
# Actor fields repeat for Actor1 and Actor2, geo fields for Actor1, Actor2 and the action.
_GDELT_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                "Type1Code", "Type2Code", "Type3Code")
_GDELT_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _GDELT_ACTOR), *(f"Actor2{c}" for c in _GDELT_ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GDELT_GEO), *(f"Actor2Geo_{c}" for c in _GDELT_GEO), *(f"ActionGeo_{c}" for c in _GDELT_GEO),
    "DATEADDED", "SOURCEURL",
)
_GDELT_SQL = """
SELECT row_number() OVER (ORDER BY e.article_id, e.event_id) AS id,
       coalesce(try_strptime(e.date, '%Y-%m-%d')::DATE, a.published) AS day,
       e.source_code, e.source_name, e.source_country, e.source_sector,
       e.target_code, e.target_name, e.target_country, e.target_sector,
       e.sentence = (SELECT min(sentence) FROM events f WHERE f.article_id = e.article_id) AS is_root,
       e.cameo, e.cameo_root, e.quad_class, e.goldstein, a.tone,
       e.location_name, e.location_country, e.lat, e.lon, e.geonameid,
       a.ingested_at, coalesce(a.url, a.path)
FROM events e JOIN articles a USING (article_id)
WHERE e.modality = 'asserted' AND e.confidence >= ?
ORDER BY id
"""


def gdelt_rows(store: Store, min_confidence: float = 0.0) -> list[list[Any]]:
    """Asserted events whose confidence reaches `min_confidence` as GDELT 2.0 event rows: actor countries in
    CAMEO/ISO3, the action's place country in FIPS 10-4, as GDELT writes them."""
    rows = []
    for (event_id, day, s_code, s_name, s_country, s_sector, t_code, t_name, t_country, t_sector, is_root, cameo, root,
         quad, goldstein, tone, place, place_country, lat, lon, geonameid, added, url) in store.con.execute(_GDELT_SQL, [min_confidence]).fetchall():
        actor1 = [s_code, s_name, s_country, "", "", "", "", s_sector, "", ""]
        actor2 = [t_code, t_name, t_country, "", "", "", "", t_sector, "", ""]
        action_geo = [4 if place else 0, place, fips(place_country), "", "", lat, lon, geonameid]
        date_cells = ["", "", "", ""] if day is None else [
            day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, round(day.year + (day.timetuple().tm_yday - 1) / 365, 4)
        ]
        rows.append([
            event_id, *date_cells, *actor1, *actor2, int(bool(is_root)), cameo, cameo[:3], root, quad, goldstein,
            1, 1, 1, tone, *([""] * 8), *([""] * 8), *action_geo, added.strftime("%Y%m%d%H%M%S"), url,
        ])
    return rows


def export(store: Store, *, format: str, out: str | Path, min_confidence: float = 0.0) -> list[Path]:
    """Write the store as JSONL (one contract record per article), Parquet (one file per table),
    GDELT (asserted events in the GDELT 2.0 event layout, tab-separated) or GKG (one GDELT
    Global Knowledge Graph 2.1 row per article). Events under `min_confidence` are left out of the JSONL
    records, the Parquet events table and the GDELT rows; the GDELT file gets a `.about.json` beside it that
    says which threshold it applied (GDELT's layout has no place for it).

    RETURNS (list[Path]): the files written.
    """
    out = Path(out)
    if format == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            for (record,) in store.con.execute("SELECT record FROM articles ORDER BY ingested_at, article_id").fetchall():
                handle.write((_confident(record, min_confidence) if min_confidence else record) + "\n")
        return [out]
    if format == "gkg":
        stored = store.con.execute("SELECT record, strftime(ingested_at, '%Y%m%d%H%M%S') FROM articles WHERE ok ORDER BY ingested_at, article_id")
        return [write_gkg(iter(stored.fetchall()), out)]
    if format == "gdelt":
        out.parent.mkdir(parents=True, exist_ok=True)
        rows = gdelt_rows(store, min_confidence)
        with out.open("w", encoding="utf-8", newline="") as handle:
            for row in rows:
                handle.write("\t".join(tsv_cell(cell) for cell in row) + "\n")
        about = out.with_name(out.name + ".about.json")
        about.write_text(json.dumps({"layout": "GDELT 2.0 events, 61 tab-separated columns, no header", "events": "asserted only",
                                     "min_confidence": min_confidence, "rows": len(rows)}, indent=1) + "\n", encoding="utf-8")
        return [out, about]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        target = out / f"{table}.parquet"
        columns = "* EXCLUDE (record)" if table == "articles" else "*"
        cursor = store.con.cursor()
        if table == "events":
            selected = cursor.sql("SELECT * FROM events WHERE confidence >= ?", params=[min_confidence])
        else:
            selected = cursor.sql(f"SELECT {columns} FROM {table}")
        # Arrow writes the file: the output path never enters SQL text.
        pq.write_table(selected.to_arrow_table(), target)
        written.append(target)
    return written


def _confident(record: str, min_confidence: float) -> str:
    """A stored JSON record without its events under `min_confidence`."""
    data = json.loads(record)
    data["events"] = [event for event in data.get("events") or [] if (event.get("confidence") or 0) >= min_confidence]
    return json.dumps(data, ensure_ascii=False)
