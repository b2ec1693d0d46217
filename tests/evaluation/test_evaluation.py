"""The suite registry and the shared metric helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.errors import AnnalesError
from annales.evaluation import SUITES, classification_report, default_data_dir, prf, ratio, run_suite


def test_evaluation_registry_lists_every_suite() -> None:
    assert set(SUITES) == {"plv", "petr-gsr", "plover-gsr", "geo-lgl", "geo-gwn", "geo-trnews", "expected", "expected-examples", "fr-sentences", "en-sentences", "news", "news-agreement", "stories", "es", "ru-sentences", "ru-agreement"}


def test_evaluation_unknown_suite_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AnnalesError, match="unknown evaluation suite"):
        run_suite("nope", tmp_path)


def test_evaluation_default_data_dir_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ANNALES_GOLD", str(tmp_path))
    assert default_data_dir() == tmp_path
    monkeypatch.delenv("ANNALES_GOLD")
    monkeypatch.chdir(tmp_path)
    assert default_data_dir() == tmp_path.parent / "shared" / "gold"


def test_evaluation_prf_and_empty_denominators() -> None:
    assert prf(3, 1, 2) == pytest.approx({"precision": 0.75, "recall": 0.6, "f1": 2 * 0.75 * 0.6 / 1.35})
    assert prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert ratio(1, 0) == 0.0


def test_evaluation_classification_report_macro_over_gold_classes() -> None:
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("C", "NONE")]
    per_class, confusion, macro = classification_report(pairs)
    assert confusion == {"A": {"A": 1, "B": 1}, "B": {"B": 1}, "C": {"NONE": 1}}
    assert "NONE" not in per_class
    assert per_class["A"] == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "support": 2})
    assert per_class["B"] == pytest.approx({"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "support": 1})
    assert per_class["C"]["f1"] == 0.0
    assert macro == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)


def test_the_russian_second_annotation_pairs_every_sentence_and_agrees_more_than_chance() -> None:
    result = run_suite("ru-agreement")
    assert result["metrics"]["articles"] == 5
    assert result["metrics"]["sentences"] == 53
    assert 0.5 < result["metrics"]["lenient_f1"] <= 1.0
