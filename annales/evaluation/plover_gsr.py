"""The `plover-gsr` suite: the PLOVER gold-standard records (../shared/gold/plover-gsr/PLOVER_GSR_CAMEO.txt).

322 English sentences, edited from the CAMEO manual, each with one gold event: a PLOVER 0.5b1
category, source actors and (mostly) target actors with ISO3 / CAMEO codes. The pipeline runs
on each record's `text`; the file has no splits, so every record is test data.

PLOVER 0.5b1 names are mapped to the current categories (CAMEO2PLOVER-2021 / manual 0.8),
which is what the pipeline emits:
- DEMAND -> REQUEST (renamed);
- DISAPPROVE -> ACCUSE (disapproval became a mode of ACCUSE);
- INVESTIGATE -> ACCUSE (investigation became a mode of ACCUSE);
- FIGHT -> ASSAULT (armed conflict folded into ASSAULT);
- CONCEDE and RETREAT are kept: both are still categories (PLV's YIELD merges them; we do not).
Every other 0.5b1 name is unchanged.

Metrics (over records):
- `event.recall`: some predicted event has the gold category;
- `event.top1_accuracy` / `event.macro_f1`: the most confident predicted event ("NONE" when
  none), also behind `per_class` and `confusion`;
- `event.extra_per_record`: predicted events of another category, per record (the figure
  UD-PETRARCH reports as "extra");
- `actors.source_country` / `actors.target_country`: on the event of the gold category (else
  the top event), the predicted actor's country (or code prefix) is one of the gold actors'
  three-letter prefixes; records without gold targets are left out of the target figure.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import AnnalesError
from . import classification_report, ratio

GSR_FILE = Path("plover-gsr") / "PLOVER_GSR_CAMEO.txt"
PLOVER_05_TO_CURRENT = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
NONE = "NONE"

Record = dict[str, Any]


def run(data_dir: Path, *, split: str = "test", limit: int | None = None, **opts: Any) -> dict[str, Any]:
    """Run the pipeline on every gold record's sentence and score it. `split` is unused (no splits)."""
    records = load_records(Path(data_dir) / GSR_FILE)
    if limit is not None:
        records = records[:limit]
    return score(records, predict(records, opts.get("settings")))


def load_records(path: Path) -> list[Record]:
    """The event records, without the DOCUMENT header."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AnnalesError(f"cannot read the PLOVER gold-standard records {path}: {exc}") from exc
    return [r for r in data if r.get("event") != "DOCUMENT"]


def current_category(name: str) -> str:
    """A PLOVER 0.5b1 category under its current name."""
    return PLOVER_05_TO_CURRENT.get(name, name)


def predict(records: Sequence[Record], overrides: dict[str, Any] | None = None) -> list[list[Record]]:
    """The pipeline's events (as JSON dicts) for each record's sentence."""
    from ..article import Article
    from ..config import Settings
    from ..pipeline import Pipeline

    pipeline = Pipeline(Settings.make(**(overrides or {})))
    articles = [Article(id=r["id"], raw_text=r["text"], text=r["text"], language=r.get("language") or "en", published=r.get("date")) for r in records]
    return [article.to_dict()["events"] for article in pipeline.run(articles)]


def score(records: Sequence[Record], predictions: Sequence[Sequence[Record]]) -> dict[str, Any]:
    """Metrics, per-class figures and confusion for records and their predicted events."""
    pairs: list[tuple[str, str]] = []
    recalled = extra = 0
    source_hits = source_total = target_hits = target_total = 0
    for record, events in zip(records, predictions, strict=True):
        gold = current_category(record["event"])
        top = top_event(events)
        pairs.append((gold, top.get("plover") or NONE if top else NONE))
        of_gold = [e for e in events if e.get("plover") == gold]
        recalled += bool(of_gold)
        extra += len(events) - len(of_gold)
        chosen = of_gold[0] if of_gold else top
        gold_sources, gold_targets = actor_keys(record.get("source")), actor_keys(record.get("target"))
        if gold_sources:
            source_total += 1
            if chosen:
                source_hits += predicted_key(chosen.get("source")) in gold_sources
        if gold_targets:
            target_total += 1
            if chosen:
                target_hits += predicted_key(chosen.get("target")) in gold_targets
    per_class, confusion, macro = classification_report(pairs, none_label=NONE)
    n = len(records)
    metrics = {
        "event.recall": ratio(recalled, n),
        "event.top1_accuracy": ratio(sum(g == p for g, p in pairs), n),
        "event.macro_f1": macro,
        "event.extra_per_record": ratio(extra, n),
        "event.none_rate": ratio(sum(p == NONE for _, p in pairs), n),
        "actors.source_country": ratio(source_hits, source_total),
        "actors.target_country": ratio(target_hits, target_total),
    }
    return {"suite": "plover-gsr", "n": n, "metrics": metrics, "per_class": per_class, "confusion": confusion}


def top_event(events: Sequence[Record]) -> Record | None:
    """The most confident event (the first one on ties), None when there is none."""
    best: Record | None = None
    for event in events:
        if best is None or event.get("confidence", 0) > best.get("confidence", 0):
            best = event
    return best


def actor_keys(actors: Any) -> set[str]:
    """Three-letter prefixes of the gold actors' codes (ISO3 country, IGO, ...). The file writes "" for none."""
    if not isinstance(actors, list):
        return set()
    return {a["code"][:3].upper() for a in actors if isinstance(a, dict) and a.get("code")}


def predicted_key(ref: Record | None) -> str | None:
    """A predicted actor's country, else its code's three-letter prefix."""
    if not ref:
        return None
    value = ref.get("country") or (ref.get("code") or "")[:3]
    return value.upper() or None
