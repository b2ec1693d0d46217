"""The cross-article step: near-duplicates, stories and event records over the whole store, incrementally.

`link_store(con)` takes the stored articles that no earlier run linked (`link_state`), oldest first,
in chunks; each chunk is linked in one transaction (near-duplicates, then stories, then event
records) together with its `link_state` rows, so a run cut off (even kill -9) leaves each chunk
linked whole or not at all, and the next run goes on from there without duplicating anything.
Earlier articles are never re-linked: a chunk reads the state it needs (LSH buckets, feature
postings, the candidate records) and updates only the stories and records it touches.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb
import numpy as np

from ..store.transactions import transaction
from . import minhash
from .features import article_features, specific_numbers, weight, weight_sql
from .records import link_records
from .schema import ensure_schema, insert_rows

CHUNK_ARTICLES = 500


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """Thresholds of the cross-article step. Each link row names the rule and these values (`method`)."""

    # near-duplicates: estimated Jaccard of 5-word shingle sets, or containment of the smaller set
    dup_jaccard: float = 0.5
    dup_containment: float = 0.85
    dup_containment_jaccard: float = 0.25
    dup_min_shingles: int = 10
    # stories: cosine of tf-idf feature vectors to the best earlier article and, on average, to the story
    story_link: float = 0.2
    story_mean: float = 0.15
    story_days: int = 7  # dated articles join a story only within this many days of its span
    story_max_df_share: float = 0.1  # features in more articles than this share are not compared
    # two articles of one language that both give numbers (years aside) and share none: their cosine counts this much
    story_number_conflict: float = 0.65
    # event records
    record_days: int = 1  # two dated mentions are the same event only this many days apart

    def dup_method(self) -> str:
        return (f"minhash:{minhash.SHINGLE_WORDS}-word shingles,{minhash.N_PERM} perm,lsh {minhash.BANDS}x{minhash.ROWS};"
                f"J>={self.dup_jaccard} or C>={self.dup_containment}&J>={self.dup_containment_jaccard}")

    def story_method(self) -> str:
        return (f"online-tfidf(idf^2):link>={self.story_link},mean>={self.story_mean},days<={self.story_days},"
                f"max_df={self.story_max_df_share},numbers_differ*{self.story_number_conflict}")

    def overrides(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v != getattr(DEFAULT_LINK, k)}


DEFAULT_LINK = LinkSettings()


@dataclass(slots=True)
class LinkReport:
    articles: int = 0
    chunks: int = 0
    near_duplicate_pairs: int = 0
    new_stories: int = 0
    joined_stories: int = 0
    mentions: int = 0
    new_records: int = 0
    merged_mentions: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: {"dedup": 0.0, "stories": 0.0, "records": 0.0})


def link_store(
    con: duckdb.DuckDBPyConnection,
    settings: LinkSettings = DEFAULT_LINK,
    *,
    chunk: int = CHUNK_ARTICLES,
    on_chunk: Callable[[LinkReport], None] | None = None,
    duplicates_only: bool = False,
    max_articles: int | None = None,
) -> LinkReport:
    """Link every stored article that is not linked yet. RETURNS (LinkReport): what was done, and the time per part.

    duplicates_only: find near-duplicates only (for measuring them on a store of unparsed texts); the articles are
    then marked linked, so use it only on a store made for that. max_articles: stop after this many (for measuring
    an incremental run: link most of a store, then the rest)."""
    ensure_schema(con)
    report = LinkReport()
    while max_articles is None or report.articles < max_articles:
        if max_articles is not None:
            chunk = min(chunk, max_articles - report.articles)
        pending = [
            key for (key,) in con.execute(
                "SELECT a.article_id FROM articles a ANTI JOIN link_state l USING (article_id) WHERE a.ok"
                " ORDER BY a.published NULLS LAST, a.ingested_at, a.article_id LIMIT ?", [chunk],
            ).fetchall()
        ]
        if not pending:
            break
        with transaction(con):
            _link_chunk(con, pending, settings, report, duplicates_only=duplicates_only)
        report.articles += len(pending)
        report.chunks += 1
        if on_chunk is not None:
            on_chunk(report)
    return report


def _link_chunk(
    con: duckdb.DuckDBPyConnection, keys: list[str], settings: LinkSettings, report: LinkReport, *, duplicates_only: bool
) -> None:
    started = time.perf_counter()
    signatures = _near_duplicates(con, keys, settings, report)
    report.seconds["dedup"] += time.perf_counter() - started
    if duplicates_only:
        _mark_linked(con, keys, signatures, {}, settings.dup_method())
        return
    started = time.perf_counter()
    norms = _stories(con, keys, settings, report)
    _mark_linked(con, keys, signatures, norms, settings.dup_method())
    report.seconds["stories"] += time.perf_counter() - started
    started = time.perf_counter()
    made, merged, mentions = link_records(con, keys, days=settings.record_days)
    report.new_records += made
    report.merged_mentions += merged
    report.mentions += mentions
    report.seconds["records"] += time.perf_counter() - started


# ---------------------------------------------------------------- near-duplicates


def _near_duplicates(
    con: duckdb.DuckDBPyConnection, keys: list[str], settings: LinkSettings, report: LinkReport
) -> dict[str, tuple[int, minhash.Signature]]:
    texts = dict(con.execute("SELECT article_id, text FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [keys]).fetchall())
    sigs: dict[str, tuple[int, minhash.Signature]] = {}
    bucket_rows: list[tuple[int, int, str]] = []
    for key in keys:
        values = minhash.shingles(texts.get(key) or "")
        sigs[key] = (len(values), minhash.signature(values))
        if len(values) >= settings.dup_min_shingles:
            bucket_rows += [(band, bucket, key) for band, bucket in enumerate(minhash.band_keys(sigs[key][1]))]
    # candidates: earlier articles in a shared bucket, and articles of this chunk sharing one
    pairs: set[tuple[str, str]] = set()
    if bucket_rows:
        new = _frame(con, "new_buckets", ("band", "bucket", "article_id"), bucket_rows)
        try:
            for a, b in con.execute(
                "SELECT DISTINCT n.article_id, o.article_id FROM new_buckets n JOIN lsh_buckets o USING (band, bucket)"
                " UNION SELECT DISTINCT n.article_id, m.article_id FROM new_buckets n JOIN new_buckets m USING (band, bucket)"
                " WHERE n.article_id < m.article_id"
            ).fetchall():
                if a != b:
                    pairs.add((min(a, b), max(a, b)))
            con.execute("INSERT INTO lsh_buckets SELECT band, bucket, article_id FROM new_buckets")
        finally:
            con.unregister(new)
    old = [k for pair in pairs for k in pair if k not in sigs]
    if old:
        for key, n, blob in con.execute(
            "SELECT article_id, n_shingles, signature FROM link_state WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(set(old))]
        ).fetchall():
            sigs[key] = (n, minhash.from_blob(blob))
    method = settings.dup_method()
    found = []
    for a, b in sorted(pairs):
        if a not in sigs or b not in sigs:
            continue
        (na, sa), (nb, sb) = sigs[a], sigs[b]
        j = minhash.jaccard(sa, sb)
        c = minhash.containment(j, na, nb)
        if j >= settings.dup_jaccard or (c >= settings.dup_containment and j >= settings.dup_containment_jaccard):
            found.append((a, b, round(j, 4), round(c, 4), method))
    if found:
        insert_rows(con, "near_duplicates", ("article_a", "article_b", "jaccard", "containment", "method"), found, verb="INSERT OR IGNORE")
        report.near_duplicate_pairs += len(found)
        _regroup(con, {k for row in found for k in row[:2]}, method)
    return {k: sigs[k] for k in keys}


def _mark_linked(
    con: duckdb.DuckDBPyConnection, keys: list[str], sigs: dict[str, tuple[int, minhash.Signature]], norms: dict[str, float], method: str
) -> None:
    """The chunk's `link_state` rows (written last: the chunk's transaction holds them with everything else)."""
    days = dict(con.execute("SELECT article_id, published FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [keys]).fetchall())
    insert_rows(con, "link_state", ("article_id", "n_shingles", "signature", "norm", "day", "method"),
                [(k, sigs[k][0], minhash.to_blob(sigs[k][1]), norms.get(k), days.get(k), method) for k in keys])


def _regroup(con: duckdb.DuckDBPyConnection, touched: set[str], method: str) -> None:
    """Recompute the duplicate groups (connected components of near_duplicates) that hold `touched` articles."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    frontier, seen = set(touched), set(touched)
    edges: list[tuple[str, str]] = []
    while frontier:
        rows = con.execute(
            "SELECT article_a, article_b FROM near_duplicates WHERE article_a IN (SELECT unnest(?::VARCHAR[]))"
            " OR article_b IN (SELECT unnest(?::VARCHAR[]))", [sorted(frontier), sorted(frontier)],
        ).fetchall()
        edges += rows
        frontier = {k for row in rows for k in row} - seen
        seen |= frontier
    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = defaultdict(list)
    for key in seen:
        members[find(key)].append(key)
    rows_out = [(key, root, len(group), method) for root, group in members.items() for key in group]
    con.execute("DELETE FROM duplicate_groups WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(seen)])
    insert_rows(con, "duplicate_groups", ("article_id", "group_id", "size", "method"), rows_out)


def _frame(con: duckdb.DuckDBPyConnection, name: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> str:
    import pyarrow as pa

    table = pa.Table.from_arrays([pa.array(list(values)) for values in zip(*rows)], names=list(columns))
    con.register(name, table)
    return name


# ---------------------------------------------------------------- stories


def _stories(
    con: duckdb.DuckDBPyConnection, keys: list[str], settings: LinkSettings, report: LinkReport,
) -> dict[str, float]:
    """Put the articles `keys` into stories. RETURNS (dict): the norm of each one's feature vector (for link_state)."""
    bags = article_features(con, keys)
    # document frequencies, this chunk included
    chunk_df: Counter[str] = Counter(f for bag in bags.values() for f in bag)
    if chunk_df:
        _frame(con, "chunk_df", ("feature", "df"), list(chunk_df.items()))
        try:
            con.execute(
                "INSERT INTO feature_df SELECT feature, df FROM chunk_df"
                " ON CONFLICT (feature) DO UPDATE SET df = feature_df.df + excluded.df"
            )
        finally:
            con.unregister("chunk_df")
    n_docs = int(con.execute("SELECT count(*) FROM link_state").fetchone()[0]) + len(keys)  # type: ignore[index]
    df = dict(con.execute(
        "SELECT feature, df FROM feature_df WHERE feature IN (SELECT unnest(?::VARCHAR[]))", [sorted(chunk_df)]
    ).fetchall()) if chunk_df else {}
    max_df = max(3, int(settings.story_max_df_share * n_docs))
    usable = {f for f, n in df.items() if n <= max_df}
    vectors: dict[str, dict[str, float]] = {}
    norms: dict[str, float] = {}
    for key, bag in bags.items():
        full = {f: weight(f, tf, df.get(f, 1), n_docs) for f, tf in bag.items()}
        norms[key] = float(np.sqrt(sum(w * w for w in full.values()))) or 1.0
        vectors[key] = {f: w / norms[key] for f, w in full.items() if f in usable}
    feature_rows = [(key, f, float(tf)) for key, bag in bags.items() for f, tf in bag.items()]
    # postings of earlier articles on this chunk's comparable features: per feature, article rows and weights
    rows_of: dict[str, int] = {}
    arrays: dict[str, tuple[Any, Any]] = {}
    if usable:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE link_postings AS"
            f" SELECT f.article_id, f.feature, {weight_sql('f.tf', 'd.df', 'f.feature', n_docs)} / coalesce(l.norm, 1.0) AS w"
            " FROM article_features f JOIN link_state l USING (article_id) JOIN feature_df d USING (feature)"
            " WHERE f.feature IN (SELECT unnest(?::VARCHAR[]))", [sorted(usable)],
        )
        rows_of = {key: i for i, (key,) in enumerate(con.execute("SELECT DISTINCT article_id FROM link_postings ORDER BY article_id").fetchall())}
        found = con.execute(
            "SELECT dense_rank() OVER (ORDER BY article_id) - 1 AS row, feature, w FROM link_postings ORDER BY feature"
        ).fetchnumpy()
        con.execute("DROP TABLE link_postings")
        features = np.asarray(found["feature"], dtype=object)
        if len(features):
            starts = np.concatenate(([0], np.flatnonzero(features[1:] != features[:-1]) + 1, [len(features)]))
            posting_rows = np.asarray(found["row"], dtype=np.int64)
            posting_weights = np.asarray(found["w"], dtype=np.float64)
            for i in range(len(starts) - 1):
                a, b = starts[i], starts[i + 1]
                arrays[str(features[a])] = (posting_rows[a:b], posting_weights[a:b])
    # this chunk's articles are rows too: article i is compared with the earlier articles of the chunk only
    first_new = len(rows_of)
    for key in keys:
        rows_of.setdefault(key, len(rows_of))
    new_rows: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    for key in keys:
        for f, w in vectors[key].items():
            new_rows[f][0].append(rows_of[key])
            new_rows[f][1].append(w)
    for f, (new_r, new_w) in new_rows.items():
        if f in arrays:
            arrays[f] = (np.concatenate((arrays[f][0], np.array(new_r, dtype=np.int64))), np.concatenate((arrays[f][1], np.array(new_w))))
        else:
            arrays[f] = (np.array(new_r, dtype=np.int64), np.array(new_w))
    articles_at = list(rows_of)
    if feature_rows:
        _frame(con, "chunk_features", ("article_id", "feature", "tf"), feature_rows)
        try:
            con.execute("INSERT INTO article_features SELECT * FROM chunk_features")
        finally:
            con.unregister("chunk_features")
    story_of: dict[str, str] = {}
    members: dict[str, list[str]] = defaultdict(list)
    spans: dict[str, list[dt.date]] = {}
    _known_stories(con, articles_at[:first_new], story_of, members, spans)
    meta = {
        key: (published, language, source or path, title, ingested)
        for key, published, language, source, path, title, ingested in con.execute(
            "SELECT article_id, published, language, source, path, title, ingested_at FROM articles"
            " WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [keys],
        ).fetchall()
    }
    groups = _duplicate_roots(con, keys)
    numbers = {key: (meta[key][1], specific_numbers(bag)) for key, bag in bags.items()}

    def similarity_to(key: str, others: Sequence[str], totals: Any) -> dict[str, float]:
        """Cosines of `key` to earlier articles `others`, each lowered when the two articles (same language) both
        give numbers and share none."""
        out = {other: float(totals[rows_of[other]]) if other in rows_of else 0.0 for other in others}
        language, mine = numbers[key]
        if not mine:
            return out
        _numbers_of(con, [o for o, value in out.items() if value > 0.0 and o not in numbers], numbers)
        for other, value in out.items():
            theirs = numbers.get(other)
            if value > 0.0 and theirs and theirs[1] and language == theirs[0] and not (mine & theirs[1]):
                out[other] = value * settings.story_number_conflict
        return out

    touched: set[str] = set()
    method = settings.story_method()
    rows: list[tuple[Any, ...]] = []
    for key in keys:
        vector = vectors[key]
        parts_rows: list[Any] = []
        parts_weights: list[Any] = []
        for f, w in vector.items():
            if f in arrays:
                parts_rows.append(arrays[f][0])
                parts_weights.append(arrays[f][1] * w)
        sims: dict[str, float] = {}
        totals: Any = np.zeros(len(articles_at))
        if parts_rows:
            totals = np.bincount(np.concatenate(parts_rows), weights=np.concatenate(parts_weights), minlength=len(articles_at))
            totals[rows_of[key]:] = 0.0  # itself and the chunk's later articles
            sims = {o: v for o, v in similarity_to(key, [articles_at[row] for row in np.flatnonzero(totals >= settings.story_link)], totals).items()
                    if v >= settings.story_link}
        day = meta[key][0]
        choice = _dup_story(con, key, groups, story_of, members, spans)
        rule = "near-duplicate"
        similarity, linked_to = 1.0, choice[1] if choice else None
        if choice is None:
            rule = "similar"
            best: tuple[float, float, str, str] | None = None
            for other, sim in sims.items():
                if sim < settings.story_link or other not in story_of:
                    continue
                story = story_of[other]
                if day is not None and spans.get(story) and not _within(day, spans[story], settings.story_days):
                    continue
                mean = sum(similarity_to(key, members[story], totals).values()) / len(members[story])
                if mean < settings.story_mean:
                    continue
                candidate = (mean, sim, story, other)
                if best is None or candidate > best:
                    best = candidate
            if best is not None:
                choice = (best[2], best[3])
                similarity, linked_to = round(best[1], 4), best[3]
        if choice is None:
            story = f"S{key[:12]}"
            report.new_stories += 1
            rule, similarity, linked_to = "new", 1.0, None
        else:
            story = choice[0]
            report.joined_stories += 1
        story_of[key] = story
        members[story].append(key)
        if day is not None:
            spans.setdefault(story, []).append(day)
        touched.add(story)
        rows.append((story, key, similarity, linked_to, rule, method))
    insert_rows(con, "story_articles", ("story_id", "article_id", "similarity", "linked_to", "rule", "method"), rows)
    refresh_stories(con, sorted(touched), method)
    return norms


def _numbers_of(con: duckdb.DuckDBPyConnection, keys: list[str], numbers: dict[str, tuple[str | None, frozenset[str]]]) -> None:
    """Add the language and specific numbers of earlier articles `keys` to `numbers` (read from the store)."""
    if not keys:
        return
    found: dict[str, list[str]] = defaultdict(list)
    for key, feature in con.execute(
        "SELECT article_id, feature FROM article_features WHERE feature LIKE '#:%' AND article_id IN (SELECT unnest(?::VARCHAR[]))", [keys]
    ).fetchall():
        found[key].append(feature)
    for key, language in con.execute("SELECT article_id, language FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [keys]).fetchall():
        numbers[key] = (language, specific_numbers(found.get(key, ())))


def _within(day: dt.date, span: list[dt.date], days: int) -> bool:
    return min(span) - dt.timedelta(days=days) <= day <= max(span) + dt.timedelta(days=days)


def _duplicate_roots(con: duckdb.DuckDBPyConnection, keys: list[str]) -> dict[str, str]:
    return dict(con.execute(
        "SELECT article_id, group_id FROM duplicate_groups WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [keys]
    ).fetchall())


def _dup_story(
    con: duckdb.DuckDBPyConnection, key: str, groups: dict[str, str], story_of: dict[str, str],
    members: dict[str, list[str]], spans: dict[str, list[dt.date]],
) -> tuple[str, str] | None:
    """The story of an earlier near-duplicate of `key`, if there is one: a copy belongs to its original's story."""
    if key not in groups:
        return None
    copies = [k for (k,) in con.execute("SELECT article_id FROM duplicate_groups WHERE group_id = ? AND article_id <> ?", [groups[key], key]).fetchall()]
    _known_stories(con, [c for c in copies if c not in story_of], story_of, members, spans)
    for other in copies:
        if other in story_of:
            return story_of[other], other
    return None


def _known_stories(
    con: duckdb.DuckDBPyConnection, keys: list[str], story_of: dict[str, str], members: dict[str, list[str]],
    spans: dict[str, list[dt.date]],
) -> None:
    """Load the stories of earlier articles `keys` (and all their members) into the maps."""
    if not keys:
        return
    stories = sorted({s for (s,) in con.execute(
        "SELECT story_id FROM story_articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [keys]
    ).fetchall()} - set(members))
    if not stories:
        return
    for story, key, day in con.execute(
        "SELECT s.story_id, s.article_id, a.published FROM story_articles s JOIN articles a USING (article_id)"
        " WHERE s.story_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY a.ingested_at, s.article_id", [stories],
    ).fetchall():
        story_of[key] = story
        members[story].append(key)
        if day is not None:
            spans.setdefault(story, []).append(day)


def refresh_stories(con: duckdb.DuckDBPyConnection, stories: list[str], method: str) -> None:
    """Recompute the `stories` rows of `stories` from their members: label (the title of the member most similar
    to the others, else the first), time span (publication dates), counts, languages."""
    if not stories:
        return
    con.execute("DELETE FROM stories WHERE story_id IN (SELECT unnest(?::VARCHAR[]))", [stories])
    con.execute(
        """
        INSERT INTO stories
        SELECT s.story_id,
               arg_max(a.title, CASE WHEN s.rule = 'new' THEN 0 ELSE s.similarity END) FILTER (WHERE a.title IS NOT NULL),
               min(a.published), max(a.published), count(*),
               count(DISTINCT coalesce(a.source, a.path)),
               string_agg(DISTINCT a.language, ',' ORDER BY a.language),
               min(a.ingested_at), max(a.ingested_at), ?
        FROM story_articles s JOIN articles a USING (article_id)
        WHERE s.story_id IN (SELECT unnest(?::VARCHAR[]))
        GROUP BY s.story_id
        """,
        [method, stories],
    )
