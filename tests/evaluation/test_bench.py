"""Benchmark input handling: corpus reading and the fixed-seed fr/en sample (no timings)."""

from __future__ import annotations

import json
from pathlib import Path

from annales.evaluation.bench import load_corpus, sample

TEXT = " ".join(["mot"] * 30)


def _corpus(tmp_path: Path) -> Path:
    rows = [{"id": f"fr-{i}", "text": TEXT, "language": "fr", "title": None} for i in range(5)]
    rows += [{"id": f"en-{i}", "text": TEXT, "language": "en", "title": None} for i in range(2)]
    rows += [{"id": "es-0", "text": TEXT, "language": "es", "title": None}, {"id": "short", "text": "too short", "language": "en"}]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"language": "fr", "id": "txt-a"}), encoding="utf-8")
    return tmp_path


def test_bench_load_corpus_reads_jsonl_and_text_with_sidecar(tmp_path: Path) -> None:
    docs = load_corpus([_corpus(tmp_path)])
    ids = {d["id"] for d in docs}
    assert {"fr-0", "en-1", "es-0", "txt-a"} <= ids
    assert not any(d["id"] == "a.meta" for d in docs)


def test_bench_sample_is_fixed_balanced_and_skips_short_and_other_languages(tmp_path: Path) -> None:
    docs = load_corpus([_corpus(tmp_path / "")])
    picked = sample(docs, 6, seed=1)
    assert [d["id"] for d in picked] == [d["id"] for d in sample(load_corpus([tmp_path]), 6, seed=1)]
    languages = [d["language"] for d in picked]
    # Only two English articles are long enough: French takes the spare share.
    assert languages.count("en") == 2 and languages.count("fr") == 4
    assert all(d["id"] not in ("es-0", "short") for d in picked)
