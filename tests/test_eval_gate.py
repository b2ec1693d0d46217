"""The evaluation gate: each suite's fixed slice must hold the floors in tests/eval_baseline.json.

Select it alone with `pytest tests/test_eval_gate.py` (or `-k eval_gate`); re-pin with
`python -m annales.evaluation.gate --update` (lowering a floor needs `--allow-regression`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annales.evaluation import SUITES, suite_available
from annales.evaluation.gate import BASELINE, SLICES, check, direction, load_baseline, missing_parser, run_slice

pytestmark = pytest.mark.slow

BASELINE_DATA = load_baseline(BASELINE)


@pytest.mark.parametrize("suite", sorted(SLICES))
def test_eval_gate_suite_holds_its_floors(suite: str, shared_dir: Path) -> None:
    if not suite_available(suite):
        pytest.skip(f"{suite}: annales/evaluation/{SUITES[suite].module}.py not written yet")  # type: ignore[attr-defined]
    language = missing_parser(suite)
    if language and not os.environ.get("CI"):
        pytest.skip(f"{suite}: the {language} parser is not installed (annales lang install {language}); CI installs it")
    pinned = BASELINE_DATA["suites"].get(suite)
    if not pinned:
        pytest.skip(f"{suite}: no floors pinned yet (python -m annales.evaluation.gate --update --suite {suite})")
    result = run_slice(suite, shared_dir / "gold", pinned["slice"])
    failures = check(result["metrics"], pinned)
    assert not failures, f"{suite} fell below its pinned figures:\n" + "\n".join(failures)


def test_eval_gate_baseline_is_well_formed() -> None:
    for suite, pinned in BASELINE_DATA["suites"].items():
        assert suite in SLICES, f"{suite} is pinned but has no gate slice"
        assert isinstance(pinned["slice"], dict)
        for name in pinned.get("floors", {}):
            assert direction(name) == "floor", f"{suite}: {name} is pinned as a floor"
        for name in pinned.get("ceilings", {}):
            assert direction(name) == "ceiling", f"{suite}: {name} is pinned as a ceiling"
