"""`annales eval stories`: story clustering and near-duplicate detection on the project's own gold set.

Gold: tests/gold/stories (its README gives the guidelines and how to score). Articles are read
from ../shared/corpus (the gold folder's sibling), processed by the pipeline into a temporary
store, which the cross-article step (annales/stories) links as `annales ingest` does.

- Stories: the split's members and distractors (each distractor a singleton) are ingested and
  clustered; pairwise precision/recall/F1 and BCubed F1 over them, the same on distinct reports
  only (without the members marked `near_duplicate_of`), and over cross-language pairs alone.
- Near-duplicates: every article of the four corpora is read and cleaned (repair stage only: the
  detector reads the cleaned text, nothing else) and linked for near-duplicates; a predicted pair
  is an exact copy (same content) or a near-duplicate link. Positives are the gold pairs;
  every other pair of one corpus is a negative, except the borderline pairs (ignored). A pair's
  split is its gold split, else the split of a story that holds one of its articles, else the
  parity rule of the gold README.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import AnnalesError
from ..ingest import read_inputs
from ..pipeline import Pipeline
from ..store import BatchWriter, Store
from ..stories import LINK_TABLES, LinkSettings, link_store
from . import prf, ratio

GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold" / "stories"
CORPORA = {
    "bbc-fulltext-en": "bbc-fulltext-en/bbc-fulltext-en.jsonl",
    "masakhanews-en": "masakhanews/masakhanews-en.jsonl",
    "masakhanews-fr": "masakhanews/masakhanews-fr.jsonl",
    "wikinews-fr": "wikinews-fr/wikinews-fr.jsonl",
}


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus_dir(data_dir: Path) -> Path:
    found = data_dir.parent / "corpus"
    if not found.is_dir():
        raise AnnalesError(f"corpus folder {found} not found (the stories suite reads ../shared/corpus beside the gold folder)")
    return found


def read_corpus(corpus: Path, names: Iterable[str], ids: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Records of the named corpora by id (only `ids` when given)."""
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        for record in _lines(corpus / CORPORA[name]):
            if ids is None or record["id"] in ids:
                record["_corpus"] = name
                out[record["id"]] = record
    return out


def ingest(records: list[dict[str, Any]], db: Path, settings: Settings) -> None:
    """Process `records` through the pipeline into the store `db` (what is stored already is skipped)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "input.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps({k: v for k, v in record.items() if not k.startswith("_")}, ensure_ascii=False) + "\n")
        with Store(db) as store:
            writer = BatchWriter(store)
            for article in Pipeline(settings).run(store.unseen(read_inputs([str(source)], settings))):
                writer.add(article)
            writer.flush()
            store.write_copies()


def relink(db: Path, link: LinkSettings, *, duplicates_only: bool = False) -> None:
    """Drop what an earlier link wrote (except the exact copies, which ingest records) and link the store again."""
    with Store(db) as store:
        for table in LINK_TABLES:
            if table != "article_copies":
                store.con.execute(f"DELETE FROM {table}")
        link_store(store.con, link, duplicates_only=duplicates_only)


def _ids_of(store: Store) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Gold id -> article key, and key -> every gold id with that content (the stored one and its exact copies)."""
    key_of: dict[str, str] = {}
    for key, id_ in store.con.execute("SELECT article_id, id FROM articles WHERE id IS NOT NULL").fetchall():
        key_of[id_] = key
    for key, id_ in store.con.execute("SELECT article_id, id FROM article_copies WHERE id <> ''").fetchall():
        key_of[id_] = key
    ids: dict[str, list[str]] = defaultdict(list)
    for id_, key in sorted(key_of.items()):
        ids[key].append(id_)
    return key_of, ids


# ---------------------------------------------------------------- cluster metrics


def pair_counts(gold: dict[str, str], predicted: dict[str, str], keep: Any = None) -> tuple[int, int, int]:
    """(true positive, false positive, false negative) same-cluster pairs over the items of `gold`;
    `keep(a, b)` restricts the pairs counted."""
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        if keep is not None and not keep(a, b):
            continue
        same_gold = gold[a] == gold[b]
        same_pred = predicted[a] == predicted[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return tp, fp, fn


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        by_gold[gold[item]].add(item)
        by_pred[predicted[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        g, p = by_gold[gold[item]], by_pred[predicted[item]]
        both = len(g & p)
        precision += both / len(p)
        recall += both / len(g)
    n = len(gold)
    precision, recall = ratio(precision, n), ratio(recall, n)
    return {"precision": precision, "recall": recall, "f1": ratio(2 * precision * recall, precision + recall)}


def _stories_part(
    data_dir: Path, split: str, limit: int | None, settings: Settings, link: LinkSettings, db: Path
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    stories = [s for s in _lines(GOLD / "stories.jsonl") if split == "all" or s["split"] == split]
    if limit:
        stories = stories[:limit]
    gold: dict[str, str] = {}
    language: dict[str, str] = {}
    copies: set[str] = set()
    for story in stories:
        for article in story["articles"]:
            gold[article["id"]] = story["story"]
            language[article["id"]] = article["language"]
            if article.get("near_duplicate_of"):
                copies.add(article["id"])
        for article in story["distractors"]:
            gold[article["id"]] = f"{story['story']}:distractor:{article['id']}"
            language[article["id"]] = article["language"]
    names = {a["corpus"] for s in stories for a in (*s["articles"], *s["distractors"])}
    records = read_corpus(corpus_dir(data_dir), sorted(names), set(gold))
    missing = set(gold) - set(records)
    if missing:
        raise AnnalesError(f"{len(missing)} gold article(s) not in the corpus: {sorted(missing)[:5]}")
    ingest([records[i] for i in sorted(records)], db, settings)
    relink(db, link)
    with Store(db, read_only=True) as store:
        key_of, _ = _ids_of(store)
        story_of = dict(store.con.execute("SELECT article_id, story_id FROM story_articles").fetchall())
        titles = dict(store.con.execute("SELECT story_id, label FROM stories").fetchall())
    predicted = {i: story_of.get(key_of.get(i, ""), f"unlinked:{i}") for i in gold}
    metrics: dict[str, float] = {}
    tp, fp, fn = pair_counts(gold, predicted)
    metrics.update({f"pairwise_{k}": v for k, v in prf(tp, fp, fn).items()})
    metrics.update({f"bcubed_{k}": v for k, v in bcubed(gold, predicted).items()})
    distinct = {i: s for i, s in gold.items() if i not in copies}
    tp, fp, fn = pair_counts(distinct, predicted)
    metrics.update({f"distinct_pairwise_{k}": v for k, v in prf(tp, fp, fn).items()})
    metrics.update({f"distinct_bcubed_{k}": v for k, v in bcubed(distinct, {i: predicted[i] for i in distinct}).items()})
    tp, fp, fn = pair_counts(gold, predicted, keep=lambda a, b: language[a] != language[b])
    metrics.update({f"cross_language_pairwise_{k}": v for k, v in prf(tp, fp, fn).items()})
    metrics.update({"cross_language_gold_pairs": tp + fn, "cross_language_found_pairs": tp, "articles": len(gold),
                    "gold_stories": len(stories)})
    details = []
    for story in stories:
        ids = [a["id"] for a in story["articles"]]
        found = Counter(predicted[i] for i in ids)
        intruders = [d["id"] for d in story["distractors"] if predicted[d["id"]] in found]
        if len(found) > 1 or intruders:
            details.append({"id": story["story"], "label": story["label"], "split_into": len(found),
                            "predicted": {i: predicted[i] for i in ids}, "distractors_joined": intruders,
                            "predicted_labels": sorted({titles.get(predicted[i], "") or "" for i in ids})})
    return metrics, details


# ---------------------------------------------------------------- near-duplicates


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _duplicates_part(data_dir: Path, split: str, link: LinkSettings, db: Path) -> tuple[dict[str, float], list[dict[str, Any]]]:
    positives = {_pair(r["a"]["id"], r["b"]["id"]): r for r in _lines(GOLD / "near_duplicates.jsonl")}
    borderline = {_pair(r["a"]["id"], r["b"]["id"]) for r in _lines(GOLD / "near_duplicates_borderline.jsonl")}
    story_split: dict[str, str] = {}
    for story in _lines(GOLD / "stories.jsonl"):
        for article in (*story["articles"], *story["distractors"]):
            story_split[article["id"]] = story["split"]
    # the parity of sha1("annales-nd:a|b") that the gold README uses for pairs outside stories, read off the gold
    parity: dict[int, str] = {}
    for (a, b), row in positives.items():
        if a not in story_split and b not in story_split:
            parity[hashlib.sha1(f"annales-nd:{row['a']['id']}|{row['b']['id']}".encode()).digest()[-1] % 2] = row["split"]

    def split_of(pair: tuple[str, str]) -> str:
        if pair in positives:
            return str(positives[pair]["split"])
        for item in pair:
            if item in story_split:
                return story_split[item]
        bit = hashlib.sha1(f"annales-nd:{pair[0]}|{pair[1]}".encode()).digest()[-1] % 2
        return parity.get(bit, "dev" if bit == 0 else "test")

    records = read_corpus(corpus_dir(data_dir), CORPORA)
    ingest([records[i] for i in sorted(records)], db, Settings.make(stages=("repair",)))
    relink(db, link, duplicates_only=True)
    with Store(db, read_only=True) as store:
        _, ids = _ids_of(store)
        links = store.con.execute("SELECT article_a, article_b, jaccard, containment FROM near_duplicates").fetchall()
    corpus_of = {i: r["_corpus"] for i, r in records.items()}
    found: dict[tuple[str, str], str] = {}
    for group in ids.values():
        for a, b in combinations(group, 2):
            found[_pair(a, b)] = "exact copy"
    for ka, kb, j, c in links:
        for a in ids.get(ka, []):
            for b in ids.get(kb, []):
                found.setdefault(_pair(a, b), f"J={j} C={c}")
    found = {p: why for p, why in found.items() if corpus_of.get(p[0]) == corpus_of.get(p[1]) and p not in borderline}
    wanted = {p for p in positives if split == "all" or positives[p]["split"] == split}
    predicted = {p for p in found if split == "all" or split_of(p) == split}
    tp = len(predicted & wanted)
    scores = prf(tp, len(predicted - wanted), len(wanted - predicted))
    metrics = {f"near_duplicates_{k}": v for k, v in scores.items()}
    metrics.update({"near_duplicate_gold_pairs": len(wanted), "near_duplicate_found_pairs": len(predicted)})
    kinds = Counter(str(positives[p]["kind"]) for p in wanted)
    for kind, n in kinds.items():
        metrics[f"near_duplicates_recall_{kind.replace(' ', '_').replace('/', '_')}"] = ratio(sum(1 for p in wanted & predicted if positives[p]["kind"] == kind), n)
    details = [{"id": f"{a}|{b}", "missed near-duplicate": positives[(a, b)]["kind"]} for a, b in sorted(wanted - predicted)]
    details += [{"id": f"{a}|{b}", "wrong near-duplicate": found[(a, b)]} for a, b in sorted(predicted - wanted)]
    return metrics, details


def run(
    data_dir: Path, *, split: str = "test", limit: int | None = None, settings: dict[str, Any] | None = None,
    link: dict[str, Any] | None = None, db: Path | None = None, part: str = "both", **_: Any,
) -> dict[str, Any]:
    """Score story clustering and near-duplicates. `link`: LinkSettings overrides (thresholds); `db`: a folder to
    keep the processed stores in (re-used by a later run: only the link step is redone); `part`: stories,
    duplicates or both."""
    if split not in ("dev", "test", "all"):
        raise AnnalesError(f"the stories suite has dev, test and all splits, not {split!r}")
    resolved = Settings.make(**(settings or {}))
    link_settings = LinkSettings(**(link or {}))
    metrics: dict[str, float] = {}
    details: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(db) if db else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if part in ("stories", "both"):
            found, more = _stories_part(data_dir, split, limit, resolved, link_settings, folder / f"stories-{split}.duckdb")
            metrics.update(found)
            details += more
        if part in ("duplicates", "both"):
            found, more = _duplicates_part(data_dir, split, link_settings, folder / "duplicates.duckdb")
            metrics.update(found)
            details += more
    return {"suite": "stories", "split": split, "n": int(metrics.get("articles", 0)), "metrics": metrics,
            "link": {"duplicates": link_settings.dup_method(), "stories": link_settings.story_method()}, "details": details}
