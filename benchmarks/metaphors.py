"""Conflict events where there is no conflict (issue #13): asserted ASSAULT, COERCE, THREATEN, MOBILIZE, SANCTION
and PROTEST events per article in the BBC corpus's sport and entertainment stories (a precision proxy that needs
no annotation: a runner "beating" a rival is not an assault), against the same count in its politics stories
(the recall that must stay), with the judge off and in each of its modes.

    python benchmarks/metaphors.py --n 100 --seed 13

Articles of the judge's training set (training/news/articles.tsv) are left out of the draw.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from annales.config import JUDGE_MODES, Settings
from annales.ingest import read_bytes
from annales.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "bbc-fulltext-en" / "bbc-fulltext-en.jsonl"
CONFLICT = frozenset({"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION", "PROTEST"})
GROUPS = {"sport and entertainment": ("sport", "entertainment"), "politics": ("politics",)}
CONFIGURATIONS: dict[str, dict[str, Any]] = {"rules": {"disabled_stages": ("judge",)}, **{mode: {"judge_mode": mode} for mode in JUDGE_MODES}}


def sample(categories: tuple[str, ...], n: int, seed: int) -> list[str]:
    trained = {line.split("\t")[1] for line in (REPO / "training" / "news" / "articles.tsv").read_text(encoding="utf-8").splitlines() if line.strip()}
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    chosen = [line for line in lines if json.loads(line).get("category") in categories and json.loads(line)["id"] not in trained]
    return random.Random(seed).sample(chosen, min(n, len(chosen)))


def conflict_per_article(lines: list[str], settings: dict[str, Any]) -> dict[str, float]:
    resolved = Settings.make(default_language="en", **settings)
    articles = list(Pipeline(resolved).run(read_bytes(CORPUS.name, "\n".join(lines).encode("utf-8"), resolved)))
    asserted = [e for a in articles for e in a.events if e.plover in CONFLICT and e.modality == "asserted"]
    return {"articles": len(articles), "asserted_conflict": len(asserted), "per_article": round(len(asserted) / max(len(articles), 1), 3),
            "all_events": sum(len(a.events) for a in articles)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    for group, categories in GROUPS.items():
        lines = sample(categories, args.n, args.seed)
        for name, settings in CONFIGURATIONS.items():
            print(group, name, json.dumps(conflict_per_article(lines, settings)), flush=True)


if __name__ == "__main__":
    main()
