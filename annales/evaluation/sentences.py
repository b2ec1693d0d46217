"""The `fr-sentences` suite: sentence-level event precision and recall on our own French set.

`tests/gold/fr_sentences.jsonl` (written by the project, see tests/gold/README.md) lists every
French body sentence of `examples/` with the events it states. Each article is processed
whole (actors are resolved across the document), each annotated sentence is located in the
cleaned text, and the events whose trigger falls inside it are compared with its annotations:
- recall: annotated events matched by an event of the same type (PLOVER or CAMEO root), actors
  and modality; `recall_any_modality` relaxes the modality;
- precision: our events in annotated sentences that match an annotation there (modality too);
- modality accuracy: among type-and-actor matches, the share with the annotated modality.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..errors import AnnalesError
from . import prf, ratio
from .expected import event_matches

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SET = REPO / "tests" / "gold" / "fr_sentences.jsonl"
DEFAULT_EXAMPLES = REPO / "examples"


def run(
    data_dir: Path,
    *,
    split: str = "test",
    limit: int | None = None,
    annotations: Path = DEFAULT_SET,
    examples: Path = DEFAULT_EXAMPLES,
    **opts: Any,
) -> dict[str, Any]:
    """Score the events of the French examples sentence by sentence (data_dir and split are unused:
    the set lives in the repository and is a test set only)."""
    if not annotations.exists():
        raise AnnalesError(f"no sentence annotations at {annotations} (they ship with a checkout of the repository)")
    rows = [json.loads(line) for line in annotations.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit is not None:
        rows = rows[:limit]
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_doc[row["doc"]].append(row)
    records = _process([examples / doc for doc in by_doc])
    counts = {"gold": 0, "found": 0, "found_any_modality": 0, "ours": 0, "ours_matched": 0, "unlocated": 0}
    for doc, doc_rows in by_doc.items():
        record = records.get(str(examples / doc))
        if record is None:
            raise AnnalesError(f"annotated article {doc} is missing from {examples}")
        for row in doc_rows:
            span = locate(row["sentence"], record["text"])
            gold = [_spec(e) for e in row["events"]]
            counts["gold"] += len(gold)
            if span is None:
                counts["unlocated"] += 1
                continue
            ours = [e for e in record["events"] if span[0] <= e["start"] < span[1]]
            counts["ours"] += len(ours)
            counts["ours_matched"] += sum(any(event_matches(g, e) for g in gold) for e in ours)
            for g in gold:
                loose = {**g, "modality": None}
                typed = [e for e in ours if event_matches(loose, e)]
                counts["found_any_modality"] += bool(typed)
                counts["found"] += any(event_matches(g, e) for e in typed)
    scores = prf(counts["ours_matched"], counts["ours"] - counts["ours_matched"], counts["gold"] - counts["found"])
    recall = ratio(counts["found"], counts["gold"])
    return {
        "suite": "fr-sentences",
        "n": len(rows),
        "metrics": {
            "sentences": len(rows),
            "gold_events": counts["gold"],
            "our_events": counts["ours"],
            "precision": scores["precision"],
            "recall": recall,
            "f1": ratio(2 * scores["precision"] * recall, scores["precision"] + recall),
            "recall_any_modality": ratio(counts["found_any_modality"], counts["gold"]),
            "modality_accuracy": ratio(counts["found"], counts["found_any_modality"]),
            "unlocated_sentences": counts["unlocated"],
        },
    }


def locate(sentence: str, text: str) -> tuple[int, int] | None:
    """Character span of an annotated sentence in the cleaned text (apostrophes and spacing folded)."""
    folded_text = text.replace("’", "'")
    pattern = r"\s+".join(re.escape(word) for word in sentence.replace("’", "'").split())
    match = re.search(pattern, folded_text)
    return match.span() if match else None


def _spec(event: dict[str, Any]) -> dict[str, Any]:
    """An annotation as an expected-format event spec (its single modality becomes a list)."""
    return {**event, "modality": [event.get("modality") or "asserted"]}


def _process(paths: list[Path]) -> dict[str, dict[str, Any]]:
    from ..config import Settings
    from ..ingest import read_inputs
    from ..pipeline import Pipeline

    settings = Settings.make()
    return {a.path: a.to_dict() for a in Pipeline(settings).run(read_inputs([str(p) for p in paths], settings)) if a.path}
