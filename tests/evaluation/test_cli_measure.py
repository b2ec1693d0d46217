"""`annales eval` and `annales bench` wiring, with the measuring functions replaced (fast, no models)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from annales.cli import app
from annales.cli import bench as bench_cli
from annales.cli import eval as eval_cli

runner = CliRunner()
RESULT = {
    "suite": "plover-gsr",
    "n": 2,
    "metrics": {"event.recall": 0.5},
    "per_class": {"AGREE": {"precision": 1.0, "recall": 0.5, "f1": 0.667, "support": 2}},
    "confusion": {"AGREE": {"AGREE": 1, "NONE": 1}},
}


def test_cli_eval_prints_tables_and_writes_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, Path, dict[str, Any]]] = []
    monkeypatch.setattr(eval_cli, "run_suite", lambda name, data, **opts: calls.append((name, data, opts)) or RESULT)
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["eval", "plover-gsr", "--data", str(tmp_path), "--limit", "2", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "event.recall" in result.output and "confusion" in result.output
    assert calls == [("plover-gsr", tmp_path, {"split": "test", "limit": 2})]
    assert json.loads(out.read_text())["metrics"] == {"event.recall": 0.5}


def test_cli_eval_rejects_bad_split_and_files_for_other_suites(tmp_path: Path) -> None:
    assert runner.invoke(app, ["eval", "plv", "--split", "nope", "--data", str(tmp_path)]).exit_code == 1
    result = runner.invoke(app, ["eval", "plv", str(tmp_path / "x.json"), "--data", str(tmp_path)])
    assert result.exit_code == 1 and "only for the `expected` suite" in result.output


def test_cli_eval_missing_suite_module_is_a_clean_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "nope", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "unknown evaluation suite" in result.output
    assert "Traceback" not in result.output


def test_cli_bench_prints_and_writes_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rates = {"articles": 2, "words": 100, "seconds": 1.0, "words_per_s": 100.0, "articles_per_s": 2.0, "cpu_seconds": 1.0, "words_per_cpu_s": 100.0}
    fake = {
        "sample": {"articles": 2, "words": 100, "seed": 13, "by_language": {"fr": 2}},
        "machine": {"cpus": 2, "loadavg_start": (0.1, 0, 0), "loadavg_end": (0.2, 0, 0)},
        "stages": ["nlp"],
        "repeat": 1,
        "bare": {"fr": rates, "all": rates},
        "pipeline": {"fr": rates, "all": rates},
        "ratio": {"fr": 1.0, "all": 1.0},
        "scaling": {"1": rates, "2": rates, "speedup": 1.0, "efficiency": 0.5, "processes": 2},
        "peak_rss_mib": {"main": 500.0, "largest_worker": 400.0},
        "cold_start": {"first_article_s": 3.0, "exit_s": 3.5, "cpu_s": 3.2, "ok": 1.0},
    }
    monkeypatch.setattr(bench_cli, "run_bench", lambda *args, **kwargs: fake)
    out = tmp_path / "b.json"
    result = runner.invoke(app, ["bench", "--articles", "2", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "speedup 2 vs 1" in result.output and "peak RSS" in result.output
    assert json.loads(out.read_text())["ratio"]["fr"] == 1.0
