"""The evaluation gate: small fixed slices of each suite, held to floors pinned in tests/eval_baseline.json.

    python -m annales.evaluation.gate                 # check every pinned suite
    python -m annales.evaluation.gate --update        # re-pin floors a little under today's figures
    python -m annales.evaluation.gate --update --allow-regression   # also accept lower figures

A floor only goes up: `--update` refuses to lower one (or to drop a pinned metric) unless
`--allow-regression` is given. Metrics where lower is better (forbidden hits, extra events)
get a ceiling instead, which only goes down. Counts with no better direction are not pinned.
Changing a suite's slice in SLICES starts its pins afresh (figures on another slice do not compare).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..lang import pipeline_languages
from . import SUITES, run_suite, suite_available

REPO = Path(__file__).resolve().parents[2]
BASELINE = REPO / "tests" / "eval_baseline.json"
# The slice each suite is gated on: small enough for CI on two cores, fixed so figures compare.
SLICES: dict[str, dict[str, Any]] = {
    "expected": {},
    "expected-examples": {},
    "fr-sentences": {},
    # English has no held-out sentence set yet: its dev set guards against regressions.
    "en-sentences": {"split": "dev"},
    "plover-gsr": {},
    "petr-gsr": {},
    # The real-news set's held-out half (tests/gold/news), both languages: about 20 s.
    "news": {"split": "test"},
    # PLV_test is sorted by gold class (its first 100 rows are all AGREE), so a head slice would
    # gate one class only; the whole test file takes about 15 s.
    "plv": {"split": "test"},
    # geo's limit counts articles: these give about 200 gold toponyms each.
    "geo-lgl": {"split": "test", "limit": 25},
    "geo-gwn": {"split": "test", "limit": 6},
    "geo-trnews": {"split": "test", "limit": 18},
    # Opt-in languages (`annales lang install ru|es`; CI installs both): the Russian sentence test split, and the
    # Spanish PETR validation sets' test split (987 records, about 12 s).
    "ru-sentences": {},
    "es": {"split": "test"},
}
# The parser a suite needs beyond the default install; without it the suite is skipped (outside CI).
NEEDS_LANGUAGE = {"ru-sentences": "ru", "es": "es"}


def missing_parser(suite: str) -> str | None:
    """The language whose opt-in parser `suite` needs and this interpreter lacks, if any."""
    language = NEEDS_LANGUAGE.get(suite)
    return language if language and language not in pipeline_languages() else None
MARGIN = 0.01  # a floor sits this far under today's rate, so run-to-run noise does not fail CI
# "auc": the geoparsing AUC of log error distance (Gritta et al.), where lower is better.
LOWER_IS_BETTER = ("forbidden", "extra", "none_rate", "error", "_km", "distance", "false_", "auc", "sided_share")
# Name parts of sizes, not quality: never pinned ("noise": what sampling alone gives at the set's size).
NOT_PINNED = frozenset(
    {"n", "asserted", "unexplained", "support", "count", "total", "articles", "predicted", "gold", "records", "seconds", "events", "sentences", "unlocated",
     "noise"}
)
EPSILON = 1e-9


def direction(name: str, value: float | None = None) -> str | None:
    """"floor", "ceiling" or None (not pinned) for a metric.

    Floors are for rates: a higher-is-better figure over 1 is a size (toponyms predicted), not a score."""
    if NOT_PINNED & set(re.split(r"[._]", name.rsplit(".", 1)[-1])):
        return None
    if any(marker in name for marker in LOWER_IS_BETTER):
        return "ceiling"
    return None if value is not None and value > 1.0 else "floor"


def check(metrics: dict[str, float], pinned: dict[str, Any]) -> list[str]:
    """Failures of one suite's metrics against its pinned floors and ceilings (empty when it holds)."""
    failures: list[str] = []
    for name, floor in (pinned.get("floors") or {}).items():
        if name not in metrics:
            failures.append(f"{name}: missing (floor {floor})")
        elif metrics[name] < floor - EPSILON:
            failures.append(f"{name}: {metrics[name]:.4f} < floor {floor}")
    for name, ceiling in (pinned.get("ceilings") or {}).items():
        if name not in metrics:
            failures.append(f"{name}: missing (ceiling {ceiling})")
        elif metrics[name] > ceiling + EPSILON:
            failures.append(f"{name}: {metrics[name]:.4f} > ceiling {ceiling}")
    return failures


def repin(metrics: dict[str, float], old: dict[str, Any] | None, *, margin: float = MARGIN) -> tuple[dict[str, dict[str, float]], list[str]]:
    """New floors/ceilings from today's metrics, never looser than the old ones while they hold.

    RETURNS: ({"floors": ..., "ceilings": ...}, regressions); a regression is a metric below its old
    floor (above its old ceiling) or a pinned metric that is gone."""
    old = old or {}
    regressions = check(metrics, old)
    new: dict[str, dict[str, float]] = {"floors": {}, "ceilings": {}}
    for name, value in sorted(metrics.items()):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        kind = direction(name, value)
        if kind is None:
            continue
        # Integer counts (forbidden hits) are exact: no noise to allow for.
        slack = 0.0 if isinstance(value, int) else margin
        if kind == "floor":
            proposed = max(0.0, math.floor((value - slack) * 1000) / 1000)
            previous = (old.get("floors") or {}).get(name)
            if previous is not None and value >= previous - EPSILON:  # held: never loosen the old floor
                proposed = max(proposed, previous)
            new["floors"][name] = proposed
        else:
            proposed = math.ceil((value + slack) * 1000) / 1000
            if value <= 1.0 < proposed:
                proposed = 1.0  # a rate's ceiling needs no room above 1
            previous = (old.get("ceilings") or {}).get(name)
            if previous is not None and value <= previous + EPSILON:  # held: never loosen the old ceiling
                proposed = min(proposed, previous)
            new["ceilings"][name] = proposed
    return new, regressions


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    if not path.exists():
        return {"suites": {}}
    baseline: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return baseline


def save_baseline(baseline: dict[str, Any], path: Path = BASELINE) -> None:
    path.write_text(json.dumps(baseline, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def run_slice(name: str, data_dir: Path, slice_opts: dict[str, Any] | None = None) -> dict[str, Any]:
    """One suite on its gate slice, with the run time added."""
    start = time.perf_counter()
    result = run_suite(name, data_dir, **(SLICES[name] if slice_opts is None else slice_opts))
    result["seconds"] = time.perf_counter() - start
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annales.evaluation.gate", description="Check or re-pin the evaluation floors.")
    parser.add_argument("--update", action="store_true", help="re-pin floors a little under today's figures")
    parser.add_argument("--allow-regression", action="store_true", help="with --update: accept figures below their floors")
    parser.add_argument("--suite", action="append", choices=sorted(SLICES), help="only this suite (repeatable)")
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("ANNALES_GOLD") or REPO.parent / "shared" / "gold"))
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    args = parser.parse_args(argv)
    baseline = load_baseline(args.baseline)
    suites = baseline.setdefault("suites", {})
    status = 0
    for name in args.suite or sorted(SLICES):
        if not suite_available(name):
            print(f"{name}: skipped (annales/evaluation/{SUITES[name].module}.py not written yet)")  # type: ignore[attr-defined]
            continue
        if language := missing_parser(name):
            print(f"{name}: skipped (the {language} parser is not installed: annales lang install {language})")
            continue
        pinned = suites.get(name)
        slice_opts = SLICES[name] if args.update or not pinned else pinned.get("slice", SLICES[name])
        result = run_slice(name, args.data, slice_opts)
        if args.update:
            new, regressions = repin(result["metrics"], pinned if pinned and pinned.get("slice") == slice_opts else None)
            if regressions and not args.allow_regression:
                print(f"{name}: refusing to lower floors (use --allow-regression):\n  " + "\n  ".join(regressions))
                status = 1
                continue
            suites[name] = {"slice": slice_opts, "n": result["n"], "seconds": round(result["seconds"], 1), "pinned_at": time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime()), **new}
            print(f"{name}: pinned {len(new['floors'])} floors, {len(new['ceilings'])} ceilings (n={result['n']}, {result['seconds']:.1f} s)")
        elif not pinned:
            print(f"{name}: not pinned yet (run with --update)")
        else:
            failures = check(result["metrics"], pinned)
            print(f"{name}: {'FAIL' if failures else 'ok'} ({result['seconds']:.1f} s)" + "".join(f"\n  {f}" for f in failures))
            status = status or int(bool(failures))
    if args.update:
        save_baseline(baseline, args.baseline)
    return status


if __name__ == "__main__":
    sys.exit(main())
