"""Event records: the events of all articles that describe one real-world event, as one record with its mentions.

Like GDELT's Events and Mentions tables, but counted over the whole store, not a 15-minute window.
A new event mention joins an existing record when all of these hold:

- the same modality (an asserted attack and a denied one stay apart), the same source and target
  actor codes, the same PLOVER type and the same CAMEO code;
- no contradiction: when both places have a country they are the same, and when both sides are
  dated to a day they are at most `days` apart;
- and evidence that it is the same occurrence, which names the rule (`event_mentions.rule`):
  `near-duplicate` (0.95: the mention's article is a near-duplicate of the other's and the two
  sentences share at least half their words; one side may be uncoded), else, with both sides
  coded and the same trigger word or sentences sharing at least `SENTENCE_OVERLAP` of their
  content words: `same-article` (0.85: the article repeats it), `story+date` (0.9), `story` (0.8:
  same story, not both dated to a day), `date` (0.7: both dated, within `days`, no story in common).
The numbers are the merge confidence each rule gives (our estimate of its precision; the judged
figure is in docs/benchmarks.md). Otherwise the mention founds a record of its own. The record id is
the GLOBALEVENTID of its founding mention (`annales.store.queries.event_number`), so a record with
one mention keeps the id its event has always had in the gdelt export.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from typing import Any

import duckdb

from .features import text_words
from .minhash import unaccented
from .schema import insert_rows

RULES = {"near-duplicate": 0.95, "story+date": 0.9, "same-article": 0.85, "story": 0.8, "date": 0.7}
SENTENCE_OVERLAP = 0.25  # content-word Jaccard of two sentences (annales/stories/features.py text_words)
COPY_OVERLAP = 0.5
METHOD = "records:same modality,source,target,plover,cameo;place country;days<={days};trigger or sentence J>=0.25"


def record_number(article_id: str, event_id: int) -> int:
    """The GLOBALEVENTID rule of annales.store.queries.event_number (repeated here: no import cycle)."""
    digest = hashlib.sha256(f"{article_id}:{event_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1 or 1


_EVENTS_SQL = """
SELECT e.article_id, e.event_id, e.modality, e.source_code, e.target_code, e.plover, e.cameo_root, e.date,
       e.location_country, s.story_id, g.group_id, e.cameo, e.trigger, e.sentence_text, a.language
FROM events e
JOIN articles a USING (article_id)
LEFT JOIN story_articles s USING (article_id)
LEFT JOIN duplicate_groups g USING (article_id)
WHERE e.article_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY e.article_id, e.event_id
"""


def _day(value: Any) -> dt.date | None:
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


class _Mention:
    __slots__ = ("article", "both_sides", "country", "day", "event", "group", "key", "story", "trigger", "words")

    def __init__(self, row: tuple[Any, ...]) -> None:
        article, event, modality, source, target, plover, root, date, country, story, group, cameo, trigger, sentence, language = row
        self.article: str = article
        self.event: int = event
        self.key = (modality or "", source or "", target or "", plover or "", cameo or root or "")
        self.both_sides = bool(source and target)
        self.trigger = unaccented((trigger or "").lower())
        self.words = frozenset(text_words(sentence or "", language))
        self.day = _day(date)
        self.country: str | None = country
        self.story: str | None = story
        self.group: str | None = group


def _rule(m: _Mention, record: list[_Mention], days: int) -> str | None:
    """The rule that lets `m` join `record` (the best evidence over its mentions), or None."""
    best: str | None = None
    for other in record:
        if m.country and other.country and m.country != other.country:
            return None
        if m.day and other.day and abs((m.day - other.day).days) > days:
            return None
    for other in record:
        overlap = _jaccard(m.words, other.words)
        if m.group is not None and m.group == other.group and other.article != m.article and overlap >= COPY_OVERLAP:
            found = "near-duplicate"
        elif not (m.both_sides and other.both_sides) or (m.trigger != other.trigger and overlap < SENTENCE_OVERLAP):
            continue
        elif other.article == m.article:
            found = "same-article"
        elif m.story is not None and m.story == other.story:
            found = "story+date" if (m.day and other.day) else "story"
        elif m.day and other.day:
            found = "date"
        else:
            continue
        if best is None or RULES[found] > RULES[best]:
            best = found
    return best


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def link_records(con: duckdb.DuckDBPyConnection, keys: list[str], *, days: int = 1) -> tuple[int, int, int]:
    """Put the events of articles `keys` into records. RETURNS (new records, mentions merged into a record, mentions)."""
    method = METHOD.format(days=days)
    new = [_Mention(row) for row in con.execute(_EVENTS_SQL, [keys]).fetchall()]
    mergeable = [m for m in new if m.key[1] or m.key[2]]  # an event with neither side coded founds its own record
    # candidate records: those whose founding key is a key of this chunk
    records: dict[int, list[_Mention]] = {}
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    wanted = sorted({"\x1f".join(m.key) for m in mergeable})
    if wanted:
        found = con.execute(
            """
            SELECT r.record_id, e.article_id, e.event_id, e.modality, e.source_code, e.target_code, e.plover, e.cameo_root,
                   e.date, e.location_country, s.story_id, g.group_id, e.cameo, e.trigger, e.sentence_text, a.language
            FROM event_records r
            JOIN event_mentions m USING (record_id)
            JOIN events e ON e.article_id = m.article_id AND e.event_id = m.event_id
            JOIN articles a ON a.article_id = e.article_id
            LEFT JOIN story_articles s ON s.article_id = e.article_id
            LEFT JOIN duplicate_groups g ON g.article_id = e.article_id
            WHERE concat_ws(chr(31), coalesce(r.modality, ''), coalesce(r.source_code, ''), coalesce(r.target_code, ''),
                            coalesce(r.plover, ''), coalesce(r.cameo, r.cameo_root, '')) IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY r.record_id
            """,
            [wanted],
        ).fetchall()
        for row in found:
            records.setdefault(row[0], []).append(_Mention(row[1:]))
        for record_id, mentions in records.items():
            by_key[mentions[0].key].append(record_id)
    rows: list[tuple[Any, ...]] = []
    touched: set[int] = set()
    made = merged = 0
    for m in new:
        choice: tuple[float, int, str] | None = None
        if m.key[1] or m.key[2]:
            for record_id in by_key.get(m.key, ()):
                rule = _rule(m, records[record_id], days)
                if rule is not None and (choice is None or RULES[rule] > choice[0]):
                    choice = (RULES[rule], record_id, rule)
        if choice is None:
            record_id = record_number(m.article, m.event)
            records[record_id] = [m]
            by_key[m.key].append(record_id)
            rows.append((record_id, m.article, m.event, "founding", 1.0, method))
            made += 1
        else:
            confidence, record_id, rule = choice
            records[record_id].append(m)
            rows.append((record_id, m.article, m.event, rule, confidence, method))
            merged += 1
        touched.add(record_id)
    if rows:
        insert_rows(con, "event_mentions", ("record_id", "article_id", "event_id", "rule", "merge_confidence", "method"), rows)
        refresh_records(con, sorted(touched), method)
    return made, merged, len(new)


def refresh_records(con: duckdb.DuckDBPyConnection, record_ids: list[int], method: str) -> None:
    """Recompute the `event_records` rows of `record_ids` from their mentions (the founding mention gives the
    codes, names and place; the counts, dates, languages and confidences are over all mentions)."""
    con.execute("DELETE FROM event_records WHERE record_id IN (SELECT unnest(?::BIGINT[]))", [record_ids])
    con.execute(
        """
        INSERT INTO event_records
        SELECT m.record_id,
               arg_min(e.modality, m.rule <> 'founding'), arg_min(e.source_code, m.rule <> 'founding'),
               arg_min(e.source_name, m.rule <> 'founding'), arg_min(e.target_code, m.rule <> 'founding'),
               arg_min(e.target_name, m.rule <> 'founding'), arg_min(e.cameo, m.rule <> 'founding'),
               arg_min(e.cameo_root, m.rule <> 'founding'), arg_min(e.plover, m.rule <> 'founding'),
               arg_min(e.quad_class, m.rule <> 'founding'), arg_min(e.goldstein, m.rule <> 'founding'),
               min(coalesce(e.date, CAST(e.published AS VARCHAR))), max(coalesce(e.date, CAST(e.published AS VARCHAR))),
               arg_min(e.location_name, m.rule <> 'founding'), arg_min(e.location_country, m.rule <> 'founding'),
               arg_min(e.lat, m.rule <> 'founding'), arg_min(e.lon, m.rule <> 'founding'),
               mode(s.story_id),
               count(*), count(DISTINCT coalesce(a.source, a.path)), count(DISTINCT m.article_id),
               min(a.ingested_at), max(a.ingested_at),
               string_agg(DISTINCT a.language, ',' ORDER BY a.language),
               avg(e.confidence), min(m.merge_confidence),
               arg_min(m.article_id, m.rule <> 'founding'), arg_min(m.event_id, m.rule <> 'founding'), ?
        FROM event_mentions m
        JOIN events e ON e.article_id = m.article_id AND e.event_id = m.event_id
        JOIN articles a ON a.article_id = m.article_id
        LEFT JOIN story_articles s ON s.article_id = m.article_id
        WHERE m.record_id IN (SELECT unnest(?::BIGINT[]))
        GROUP BY m.record_id
        """,
        [method, record_ids],
    )
