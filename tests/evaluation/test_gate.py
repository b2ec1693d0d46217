"""Gate logic: metric directions, checks, and floors that only go up."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.evaluation import gate


def test_gate_directions() -> None:
    assert gate.direction("events.key_recall") == "floor"
    assert gate.direction("actors.source_country") == "floor"  # "country" is not the size word "count"
    assert gate.direction("events.forbidden_hits") == "ceiling"
    assert gate.direction("event.extra_per_record") == "ceiling"
    assert gate.direction("events.asserted") is None
    assert gate.direction("articles") is None
    assert gate.direction("unlocated_sentences", 0) is None and gate.direction("our_events", 1) is None
    assert gate.direction("e2e.predicted_total", 1470.0) is None
    assert gate.direction("e2e.whatever", 1470.0) is None  # a higher-is-better figure above 1 is a size


def test_gate_check_reports_floor_ceiling_and_missing() -> None:
    pinned = {"floors": {"a": 0.5, "gone": 0.1}, "ceilings": {"events.forbidden_hits": 0}}
    failures = gate.check({"a": 0.4, "events.forbidden_hits": 1}, pinned)
    assert len(failures) == 3
    assert gate.check({"a": 0.5, "gone": 0.2, "events.forbidden_hits": 0}, pinned) == []


def test_gate_repin_sits_under_todays_value_and_never_lowers() -> None:
    new, regressions = gate.repin({"r": 0.8, "events.forbidden_hits": 0}, None)
    assert new == {"floors": {"r": 0.79}, "ceilings": {"events.forbidden_hits": 0.0}}
    assert regressions == []
    # Still above the old floor but within the margin: the old floor stays.
    new, regressions = gate.repin({"r": 0.795}, {"floors": {"r": 0.79}})
    assert new["floors"]["r"] == 0.79 and regressions == []
    # Better today: the floor rises.
    new, _ = gate.repin({"r": 0.9}, {"floors": {"r": 0.79}})
    assert new["floors"]["r"] == pytest.approx(0.89)
    # Worse today: a regression is reported.
    new, regressions = gate.repin({"r": 0.7}, {"floors": {"r": 0.79}})
    assert regressions and new["floors"]["r"] == pytest.approx(0.69)


def test_gate_update_refuses_regression_without_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    baseline = tmp_path / "baseline.json"
    gate.save_baseline({"suites": {"expected": {"slice": {}, "floors": {"r": 0.9}, "ceilings": {}}}}, baseline)
    monkeypatch.setattr(gate, "suite_available", lambda name: True)
    monkeypatch.setattr(gate, "run_suite", lambda name, data_dir, **opts: {"suite": name, "n": 1, "metrics": {"r": 0.5}})
    assert gate.main(["--update", "--suite", "expected", "--baseline", str(baseline), "--data", str(tmp_path)]) == 1
    assert gate.load_baseline(baseline)["suites"]["expected"]["floors"]["r"] == 0.9
    assert gate.main(["--update", "--allow-regression", "--suite", "expected", "--baseline", str(baseline), "--data", str(tmp_path)]) == 0
    assert gate.load_baseline(baseline)["suites"]["expected"]["floors"]["r"] == pytest.approx(0.49)
    assert gate.main(["--suite", "expected", "--baseline", str(baseline), "--data", str(tmp_path)]) == 0
