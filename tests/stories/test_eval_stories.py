"""`annales eval stories`: the cluster metrics, the gold files, and a small run on the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annales.evaluation.stories import GOLD, bcubed, pair_counts, run


def test_eval_stories_pairwise_and_bcubed_on_a_small_clustering() -> None:
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    perfect = dict(gold)
    assert pair_counts(gold, perfect) == (3, 0, 0) and bcubed(gold, perfect)["f1"] == 1.0
    split = {"a": "x", "b": "x", "c": "y", "d": "z"}
    assert pair_counts(gold, split) == (1, 0, 2)
    scores = bcubed(gold, split)
    assert scores["precision"] == 1.0 and scores["recall"] == pytest.approx((2 / 3 * 2 + 1 / 3 + 1) / 4)
    merged = dict.fromkeys(gold, "m")
    assert pair_counts(gold, merged) == (3, 3, 0)
    assert pair_counts(gold, merged, keep=lambda a, b: "d" in (a, b)) == (0, 3, 0)


def test_eval_stories_gold_files_are_consistent() -> None:
    stories = [json.loads(line) for line in (GOLD / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    ids = [a["id"] for s in stories for a in (*s["articles"], *s["distractors"])]
    assert len(ids) == len(set(ids))  # every article once, as the README says
    judged = [json.loads(line) for line in (GOLD / "record_merges_judged.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(judged) >= 60 and all(r["judgement"] in ("correct", "wrong") and len(r["mentions"]) >= 2 for r in judged)


def test_eval_stories_runs_on_the_shared_corpus(shared_dir: Path, tmp_path: Path) -> None:
    result = run(shared_dir / "gold", split="dev", limit=3, part="stories", db=tmp_path, settings={"stages": ("repair", "language")})
    metrics = result["metrics"]
    assert metrics["gold_stories"] == 3 and metrics["articles"] >= 6
    assert 0.0 <= metrics["bcubed_f1"] <= 1.0 and result["link"]["stories"].startswith("online-tfidf")
