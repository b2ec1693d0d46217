"""stories: the cross-article step — near-duplicate articles, stories and event records over the whole store.

Not an article stage: it needs the other articles, so it runs on the store after batches are committed
(`annales ingest` runs it at the end of a run; `annales link` runs it alone) and only on the articles no
earlier run linked. Its one job is linking stored articles; it reads the store's article tables and
writes its own (`schema.LINK_TABLES`, documented in docs/stories.md). Every row says which rule and
thresholds made it (`method`, `rule`).

    from annales.stories import link_store, stories, event_records
    with Store("annales.duckdb") as store:
        link_store(store.con)
        for story in stories(store.con):
            print(story["label"], [a["title"] for a in story["articles"]])
"""

from __future__ import annotations

from typing import Any

import duckdb

from .link import DEFAULT_LINK, LinkReport, LinkSettings, link_store
from .schema import LINK_TABLES, ensure_schema, has_tables

NAME = "stories"
REQUIRES = ("text", "actors", "events", "locations", "dates")  # read back from the store, not from Articles
ASSIGNS: tuple[str, ...] = ()  # it writes store tables (LINK_TABLES), never Article fields

__all__ = [
    "DEFAULT_LINK", "LINK_TABLES", "LinkReport", "LinkSettings", "duplicate_groups", "ensure_schema", "event_records",
    "has_tables", "link_store", "stories",
]


def stories(con: duckdb.DuckDBPyConnection, *, min_articles: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
    """The stories of a linked store, largest first: id, label, time span, counts, languages, and the articles
    (article_id, path, id, title, language, source, rule, similarity) with their exact copies."""
    if not has_tables(con, "stories", "story_articles"):
        return []
    found = con.execute(
        "SELECT story_id, label, first_date, last_date, n_articles, n_sources, languages, first_seen, last_seen, method"
        " FROM stories WHERE n_articles >= ? ORDER BY n_articles DESC, first_seen, story_id" + (" LIMIT ?" if limit else ""),
        [min_articles, limit] if limit else [min_articles],
    ).fetchall()
    columns = ("story", "label", "first_date", "last_date", "n_articles", "n_sources", "languages", "first_seen", "last_seen", "method")
    out = [dict(zip(columns, row)) for row in found]
    if not out:
        return out
    members: dict[str, list[dict[str, Any]]] = {}
    for story, key, path, id_, title, language, source, rule, similarity in con.execute(
        "SELECT s.story_id, a.article_id, a.path, a.id, a.title, a.language, a.source, s.rule, s.similarity"
        " FROM story_articles s JOIN articles a USING (article_id) WHERE s.story_id IN (SELECT unnest(?::VARCHAR[]))"
        " ORDER BY a.published NULLS LAST, a.ingested_at, a.article_id", [[r["story"] for r in out]],
    ).fetchall():
        members.setdefault(story, []).append({
            "article_id": key, "path": path, "id": id_, "title": title, "language": language, "source": source,
            "rule": rule, "similarity": similarity,
        })
    copies: dict[str, list[dict[str, Any]]] = {}
    for key, path, id_, title, language, source in con.execute(
        "SELECT article_id, path, id, title, language, source FROM article_copies ORDER BY article_id, path, id, record"
    ).fetchall():
        copies.setdefault(key, []).append({"path": path, "id": id_ or None, "title": title, "language": language, "source": source})
    for row in out:
        row["articles"] = members.get(row["story"], [])
        for article in row["articles"]:
            if article["article_id"] in copies:
                article["copies"] = copies[article["article_id"]]
    return out


def duplicate_groups(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Near-duplicate groups: group id -> article ids (exact copies are in `article_copies`, not here)."""
    if not has_tables(con, "duplicate_groups"):
        return {}
    groups: dict[str, list[str]] = {}
    for key, group in con.execute("SELECT article_id, group_id FROM duplicate_groups ORDER BY group_id, article_id").fetchall():
        groups.setdefault(group, []).append(key)
    return groups


RECORD_COLUMNS = (
    "record_id", "modality", "source_code", "source_name", "target_code", "target_name", "cameo", "cameo_root", "plover",
    "quad_class", "goldstein", "first_date", "last_date", "location_name", "location_country", "lat", "lon", "story_id",
    "num_mentions", "num_sources", "num_articles", "first_seen", "last_seen", "languages", "mean_confidence",
    "merge_confidence", "first_article", "first_event", "method",
)


def event_records(
    con: duckdb.DuckDBPyConnection, *, actor: str | None = None, plover: str | None = None, asserted_only: bool = False,
    min_articles: int = 1, limit: int | None = None,
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Merged event records, most reported first. RETURNS (columns, rows)."""
    if not has_tables(con, "event_records"):
        return list(RECORD_COLUMNS), []
    where: list[str] = ["num_articles >= ?"]
    params: list[Any] = [min_articles]
    if actor:
        where.append("(starts_with(coalesce(source_code, ''), ?) OR starts_with(coalesce(target_code, ''), ?))")
        params += [actor, actor]
    if plover:
        where.append("plover = ?")
        params.append(plover)
    if asserted_only:
        where.append("modality = 'asserted'")
    sql = f"SELECT {', '.join(RECORD_COLUMNS)} FROM event_records WHERE {' AND '.join(where)} ORDER BY num_articles DESC, num_mentions DESC, record_id"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return list(RECORD_COLUMNS), con.execute(sql, params).fetchall()
