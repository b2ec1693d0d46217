"""Read-side of the store: event queries, the run summary and exports."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from . import TABLES, Store, scalar
from .gkg import Geo, country_geo, document_identifier, place_geo, tsv_cell, write_gkg

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
# The value type of each column as the GDELT 2.0 codebook gives it: int, float, else str.
_GDELT_INT = frozenset({"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
                        "NumArticles", "DATEADDED", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type"})
_GDELT_FLOAT = frozenset({"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
                          "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"})
GDELT_TYPES: dict[str, type] = {c: int if c in _GDELT_INT else float if c in _GDELT_FLOAT else str for c in GDELT_COLUMNS}
# CAMEO codes that open an international actor's code ("IGOUNO"): a type, not a country.
INTERNATIONAL_TYPES = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "INT"})
# Where SQLDATE comes from, in order of preference (see `gdelt_rows`).
DATE_SOURCES = ("event", "published", "ingested")
DATE_RULE = (
    "SQLDATE is the event's own date when the text states a calendar day (date_source event); else the article's "
    "publication date (published: also when the event's date is that day, the date the pipeline gives an event "
    "the text does not date); else the day the article was ingested (ingested). MonthYear, Year and FractionDate follow it."
)
GDELT_NOTES = {
    "GLOBALEVENTID": "the first 63 bits of SHA-256('<article_id>:<event_id>'): a positive 64-bit integer, the same for "
                     "an event in every export of a store however it grows",
    "SOURCEURL": "the article's URL when it has one, else annales:<article_id> (the SHA-256 of the article's content)",
    "geography": "types 1 country, 2 US state, 3 other US place, 4 other place, 5 admin-1 region outside the US; "
                 "ADM1Code is the FIPS country code plus the FIPS division code where GeoNames gives one, else the country "
                 "code alone; ADM2Code stays empty; countries sit at their centre (annales/lang/xx/country_centroids.tsv); "
                 "FeatureID is a GeoNames id",
    "actor geography": "the place that names the actor itself (\"Moscow\" for the Russian government), else the actor's "
                       "country at its centre; empty for actors with neither (people, IGOs, groups without a country)",
    "actors": "CAMEO codes; an international actor (IGOUNO) has no CountryCode, IGO as Type1Code and UNO as KnownGroupCode; "
              "EthnicCode and the Religion codes stay empty",
    "counts": "in a linked store (annales link, run by annales ingest) one row per event record: the row of its founding "
              "mention, NumMentions (its event mentions), NumSources (distinct outlets: the article's source, else its input "
              "file) and NumArticles (distinct articles) counted over the whole store; an event not linked yet is a row of its "
              "own with 1, 1, 1. AvgTone is the founding article's tone. Mentions: the gdelt-mentions export",
    "IsRootEvent": "1 for the events of the first sentence of the article that has events",
}

_GDELT_SQL = """
WITH actor_place AS (
    SELECT m.article_id, m.actor_id, p.name, p.geonameid, p.lat, p.lon, p.country, p.feature
    FROM mentions m
    JOIN actors r ON r.article_id = m.article_id AND r.actor_id = m.actor_id AND coalesce(r.kind, '') <> 'person'
    JOIN places p ON p.article_id = m.article_id AND p.start_char < m.end_char AND p.end_char > m.start_char
    WHERE p.lat IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY m.article_id, m.actor_id ORDER BY m.start_char, p.start_char) = 1
)
SELECT e.article_id, e.event_id, e.date, a.published, a.ingested_at,
       e.source_code, e.source_name, e.source_country, e.source_sector,
       e.target_code, e.target_name, e.target_country, e.target_sector,
       e.sentence = (SELECT min(sentence) FROM events f WHERE f.article_id = e.article_id) AS is_root,
       e.cameo, e.cameo_root, e.quad_class, e.goldstein, a.tone,
       e.location_name, e.geonameid, e.lat, e.lon, e.location_country,
       (SELECT any_value(p.feature) FROM places p WHERE p.article_id = e.article_id AND p.name = e.location_name
        AND p.lat = e.lat AND p.lon = e.lon) AS location_feature,
       sp.name, sp.geonameid, sp.lat, sp.lon, sp.country, sp.feature,
       tp.name, tp.geonameid, tp.lat, tp.lon, tp.country, tp.feature,
       a.url
FROM events e JOIN articles a USING (article_id)
LEFT JOIN actor_place sp ON sp.article_id = e.article_id AND sp.actor_id = e.source_actor
LEFT JOIN actor_place tp ON tp.article_id = e.article_id AND tp.actor_id = e.target_actor
WHERE e.modality = 'asserted' AND e.confidence >= ?
ORDER BY a.ingested_at, e.article_id, e.event_id
"""
_PLACE_KEYS = ("name", "geonameid", "lat", "lon", "country", "feature")


def event_number(article_id: str, event_id: int) -> int:
    """GLOBALEVENTID of an event: the first 63 bits of SHA-256("<article_id>:<event_id>"), never 0. The article id
    is the hash of the article's content, so the number is the same in every export, whatever else the store holds."""
    digest = hashlib.sha256(f"{article_id}:{event_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1 or 1


def event_day(date: str | None, published: dt.date | None, ingested: dt.datetime) -> tuple[dt.date, str]:
    """The day an event row is dated by and where it comes from (one of DATE_SOURCES; see DATE_RULE)."""
    day = _calendar_day(date)
    if day is not None and day != published:
        return day, "event"
    if published is not None:
        return published, "published"
    return ingested.date(), "ingested"


def _calendar_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _date_cells(day: dt.date) -> list[Any]:
    """SQLDATE, MonthYear, Year and FractionDate (the year plus the share of it gone before that day)."""
    fraction = min(day.timetuple().tm_yday - 1, 364) / 365
    return [int(day.strftime("%Y%m%d")), int(day.strftime("%Y%m")), day.year, round(day.year + fraction, 4)]


def _actor_cells(code: str | None, name: str | None, country: str | None, sector: str | None) -> list[Any]:
    """The ten actor columns: an international actor ("IGOUNO") has no country, its type first and its group
    ("UNO") as the known group; others have their CAMEO country and their sector as first type."""
    if country in INTERNATIONAL_TYPES:
        group = code[3:6] if code and code.startswith(country) and len(code) >= 6 else ""
        return [code, name, "", group, "", "", "", country, sector or "", ""]
    return [code, name, country, "", "", "", "", sector, "", ""]


def _geo_cells(geo: Geo) -> list[Any]:
    return [geo.type, geo.name, geo.country, geo.adm1, "", geo.lat, geo.lon, geo.feature_id]


def _actor_geo(place: tuple[Any, ...], country: str | None) -> Geo:
    """Where an actor is: the place its own mention names, else its country's centre, else nowhere."""
    if place[0] is not None:
        return place_geo(dict(zip(_PLACE_KEYS, place)))
    return country_geo(country)


def _record_counts(store: Store) -> dict[tuple[str, int], tuple[int, int, int] | None]:
    """(article_id, event_id) -> (NumMentions, NumSources, NumArticles) for the founding mention of each event record, None
    for the other mentions (their record's row stands for them); empty for a store never linked."""
    from ..stories import has_tables

    if not has_tables(store.con, "event_mentions", "event_records"):
        return {}
    out: dict[tuple[str, int], tuple[int, int, int] | None] = {}
    for article_id, event_id, founding, mentions, sources, articles in store.con.execute(
        "SELECT m.article_id, m.event_id, m.rule = 'founding', r.num_mentions, r.num_sources, r.num_articles"
        " FROM event_mentions m JOIN event_records r USING (record_id)"
    ).fetchall():
        out[(article_id, event_id)] = (mentions, sources, articles) if founding else None
    return out


def gdelt_rows(store: Store, min_confidence: float = 0.0) -> list[tuple[list[Any], str]]:
    """Asserted events whose confidence reaches `min_confidence` as GDELT 2.0 event rows (see GDELT_NOTES), each with
    where its date comes from: actor countries in CAMEO/ISO3, place countries in FIPS 10-4, as GDELT writes them.
    In a linked store, one row per event record (its founding mention's row, with the record's counts)."""
    rows = []
    counts = _record_counts(store)
    for found in store.con.execute(_GDELT_SQL, [min_confidence]).fetchall():
        (article_id, event_id, date, published, ingested, s_code, s_name, s_country, s_sector, t_code, t_name, t_country,
         t_sector, is_root, cameo, root, quad, goldstein, tone, place, geonameid, lat, lon, place_country, feature) = found[:25]
        source_place, target_place, url = found[25:31], found[31:37], found[37]
        counted = counts.get((article_id, event_id), (1, 1, 1))
        if counted is None:
            continue  # a later mention of a record: in the gdelt-mentions export
        day, source = event_day(date, published, ingested)
        action = place_geo({"name": place, "geonameid": geonameid, "lat": lat, "lon": lon, "country": place_country, "feature": feature})
        rows.append(([
            event_number(article_id, event_id), *_date_cells(day),
            *_actor_cells(s_code, s_name, s_country, s_sector), *_actor_cells(t_code, t_name, t_country, t_sector),
            int(bool(is_root)), cameo, (cameo or "")[:3], root, quad, goldstein, *counted, tone,
            *_geo_cells(_actor_geo(source_place, s_country)), *_geo_cells(_actor_geo(target_place, t_country)), *_geo_cells(action),
            ingested.strftime("%Y%m%d%H%M%S"), document_identifier(url, article_id),
        ], source))
    return rows


def _write_gdelt(store: Store, out: Path, min_confidence: float) -> list[Path]:
    """The GDELT event file, its `.about.json` (threshold, rules, rows per date source) and its `.dates.tsv`
    (GLOBALEVENTID and date_source of each row)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = gdelt_rows(store, min_confidence)
    dates = out.with_name(out.name + ".dates.tsv")
    with out.open("w", encoding="utf-8", newline="") as handle, dates.open("w", encoding="utf-8", newline="") as sources:
        sources.write("GLOBALEVENTID\tdate_source\n")
        for row, source in rows:
            handle.write("\t".join(tsv_cell(cell) for cell in row) + "\n")
            sources.write(f"{row[0]}\t{source}\n")
    counts = Counter(source for _, source in rows)
    about = out.with_name(out.name + ".about.json")
    about.write_text(json.dumps({
        "layout": "GDELT 2.0 events, 61 tab-separated columns, no header", "events": "asserted only",
        "min_confidence": min_confidence, "rows": len(rows),
        "dates": {"rule": DATE_RULE, "rows_by_source": {name: counts.get(name, 0) for name in DATE_SOURCES}, "per_row": dates.name},
        "columns": GDELT_NOTES,
    }, indent=1) + "\n", encoding="utf-8")
    return [out, about, dates]


def export(store: Store, *, format: str, out: str | Path, min_confidence: float = 0.0) -> list[Path]:
    """Write the store as JSONL (one contract record per article), Parquet (one file per table),
    GDELT (asserted events in the GDELT 2.0 event layout, tab-separated) or GKG (one GDELT
    Global Knowledge Graph 2.1 row per article). Events under `min_confidence` are left out of the JSONL
    records, the Parquet events table and the GDELT rows; the GDELT file gets a `.about.json` beside it that
    says which threshold it applied and how its columns are filled (GDELT's layout has no place for it), and a
    `.dates.tsv` that says where each row's date comes from.

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
        stored = store.con.execute(
            "SELECT record, strftime(ingested_at, '%Y%m%d%H%M%S'), article_id FROM articles WHERE ok ORDER BY ingested_at, article_id"
        )
        return [write_gkg(iter(stored.fetchall()), out)]
    if format == "gdelt":
        return _write_gdelt(store, out, min_confidence)
    if format == "gdelt-mentions":
        return _write_mentions(store, out, min_confidence)
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
    from ..stories.schema import EXPORTED_LINK_TABLES, is_linked  # the link tables, when the store is linked

    if is_linked(store.con):
        for table in EXPORTED_LINK_TABLES:
            target = out / f"{table}.parquet"
            pq.write_table(store.con.cursor().sql(f"SELECT * FROM {table}").to_arrow_table(), target)
            written.append(target)
    return written


# GDELT 2.0 Mentions table layout (16 tab-separated columns, no header): one row per mention of an event record.
MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen",
    "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)
MENTION_NOTES = {
    "GLOBALEVENTID": "the event record's id (the GLOBALEVENTID of its row in the gdelt export)",
    "EventTimeDate": "when the record's founding article was ingested (YYYYMMDDHHMMSS); MentionTimeDate: this mention's article",
    "MentionType": "1 (web) for an article with a URL, else 6 (a non-textual or local source in GDELT's codes is 6: we use it "
                   "for local files)",
    "MentionSourceName": "the article's source, else its URL's host, else its input file's name",
    "MentionIdentifier": "the article's URL, else annales:<article_id>",
    "SentenceID": "1-based sentence of the event in the article; the CharOffsets are into the cleaned text, -1 when unknown",
    "InRawText": "1 when no repair touched the event's trigger words, else 0",
    "Confidence": "the event's confidence as a percentage (the judge's calibrated probability), not GDELT's extraction confidence",
    "MentionDocTranslationInfo": "empty: nothing is translated; Extras: the merge rule and its confidence",
    "events": "asserted records only, as in the gdelt export; a mention under --min-confidence is left out",
}
_MENTIONS_SQL = """
SELECT m.record_id, r.first_seen, a.ingested_at, a.url, a.source, a.path, m.article_id, e.sentence,
       TRY_CAST(json_extract(a.record, concat('$.events[', e.event_id, '].source.start')) AS INTEGER),
       TRY_CAST(json_extract(a.record, concat('$.events[', e.event_id, '].target.start')) AS INTEGER),
       e.start_char, e.confidence, length(a.text), a.tone, m.rule, m.merge_confidence,
       EXISTS (SELECT 1 FROM repairs p WHERE p.article_id = e.article_id AND p.start_char < e.end_char AND p.end_char > e.start_char)
FROM event_mentions m
JOIN event_records r USING (record_id)
JOIN events e ON e.article_id = m.article_id AND e.event_id = m.event_id
JOIN articles a ON a.article_id = m.article_id
WHERE r.modality = 'asserted' AND e.confidence >= ?
ORDER BY r.first_seen, m.record_id, a.ingested_at, m.article_id, m.event_id
"""


def mention_rows(store: Store, min_confidence: float = 0.0) -> list[list[Any]]:
    """The mentions of asserted event records as GDELT 2.0 Mentions rows (see MENTION_NOTES); empty for a store never linked."""
    from ..stories import has_tables

    if not has_tables(store.con, "event_mentions", "event_records"):
        return []
    rows = []
    for (record_id, first_seen, ingested, url, source, path, article_id, sentence, actor1, actor2, action, confidence,
         length, tone, rule, merge, repaired) in store.con.execute(_MENTIONS_SQL, [min_confidence]).fetchall():
        identifier = document_identifier(url, article_id)
        name = source or (identifier.split("/")[2] if identifier.startswith("http") and identifier.count("/") >= 2 else Path(path or "").name)
        rows.append([
            record_id, first_seen.strftime("%Y%m%d%H%M%S"), ingested.strftime("%Y%m%d%H%M%S"), 1 if identifier.startswith("http") else 6,
            name, identifier, (sentence or 0) + 1, -1 if actor1 is None else actor1, -1 if actor2 is None else actor2,
            -1 if action is None else action, 0 if repaired else 1, round(100 * (confidence or 0)), length, tone, "",
            f"rule={rule};merge_confidence={merge}",
        ])
    return rows


def _write_mentions(store: Store, out: Path, min_confidence: float) -> list[Path]:
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = mention_rows(store, min_confidence)
    with out.open("w", encoding="utf-8", newline="") as handle:
        for row in rows:
            handle.write("\t".join(tsv_cell(cell) for cell in row) + "\n")
    about = out.with_name(out.name + ".about.json")
    about.write_text(json.dumps({
        "layout": "GDELT 2.0 mentions, 16 tab-separated columns, no header", "columns_in_order": list(MENTION_COLUMNS),
        "min_confidence": min_confidence, "rows": len(rows), "notes": MENTION_NOTES,
    }, indent=1) + "\n", encoding="utf-8")
    return [out, about]


def _confident(record: str, min_confidence: float) -> str:
    """A stored JSON record without its events under `min_confidence`."""
    data = json.loads(record)
    data["events"] = [event for event in data.get("events") or [] if (event.get("confidence") or 0) >= min_confidence]
    return json.dumps(data, ensure_ascii=False)
