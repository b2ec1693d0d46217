"""The actors and damage benchmarks under the gate: their figures must hold the floors in
tests/benchmark_floors.json (pinned a little under the figures they were measured at; lowering one is a
decision to write down there)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
FLOORS: dict[str, Any] = json.loads((REPO / "tests" / "benchmark_floors.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


def _benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_actors_benchmark_holds_its_floors(shared_dir: Path) -> None:
    actors_eval = _benchmark("actors_eval")
    overall = actors_eval.evaluate(actors_eval.load_rows(shared=shared_dir))["groups"]["all"]
    low = {name: (overall[name], floor) for name, floor in FLOORS["actors"].items() if overall[name] < floor}
    assert not low, f"actor coding fell below its floors (figure, floor): {low}"


def test_damage_benchmark_holds_its_floors(shared_dir: Path) -> None:
    report = _benchmark("damage").measure(20, 3, skip_ner=True, skip_timing=True, echo=False)["damage"]
    low = {
        f"{kind}.{name}": (report[kind][name], floor)
        for kind, floors in FLOORS["damage"].items() for name, floor in floors.items()
        if report[kind][name] is None or report[kind][name] < floor
    }
    assert not low, f"repair fell below its floors on the damage benchmark (figure, floor): {low}"
