"""Evaluation suites: gold sets in, flat metrics out.

Every suite is a module exposing
`run(data_dir: Path, *, split: str = "test", limit: int | None = None, **opts) -> dict`
that returns {"suite", "n", "metrics": {flat name -> number}} and, where it makes sense,
"per_class" ({class -> {metric -> number}}) and "confusion" ({gold -> {predicted -> count}}).
`data_dir` is the gold folder (../shared/gold). Suite modules are imported only when run,
so a suite that is not written yet gives a clear error instead of breaking the CLI.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import AnnalesError

GOLD_ENV = "ANNALES_GOLD"


def _lazy(module: str, *, entry: str = "run", **fixed: Any) -> Callable[..., dict[str, Any]]:
    """A runner that imports `annales.evaluation.<module>` on first call and calls its function `entry`."""

    def run(data_dir: Path, **opts: Any) -> dict[str, Any]:
        try:
            loaded = importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module}":
                raise  # a dependency of the suite is missing, not the suite itself
            raise AnnalesError(f"evaluation suite module annales/evaluation/{module}.py is not available yet") from exc
        runner: Callable[..., dict[str, Any]] = getattr(loaded, entry)
        return runner(data_dir, **fixed, **opts)

    run.__name__ = f"run_{module}"
    run.module = module  # type: ignore[attr-defined]
    return run


SUITES: dict[str, Callable[..., dict[str, Any]]] = {
    "plv": _lazy("plv"),
    "petr-gsr": _lazy("petr_gsr"),
    "plover-gsr": _lazy("plover_gsr"),
    "geo-lgl": _lazy("geo", corpus="lgl"),
    "geo-gwn": _lazy("geo", corpus="gwn"),
    "geo-trnews": _lazy("geo", corpus="trnews"),
    "expected": _lazy("expected"),
    "expected-examples": _lazy("expected", examples=True),
    "fr-sentences": _lazy("sentences", language="fr"),
    "en-sentences": _lazy("sentences", language="en"),
    "ru-sentences": _lazy("sentences", language="ru"),
    "ru-agreement": _lazy("sentences", entry="run_agreement", language="ru"),
    "news": _lazy("news"),
    "news-agreement": _lazy("news", entry="run_agreement"),
    "stories": _lazy("stories"),
    "es": _lazy("es_petr"),
}


def suite_available(name: str) -> bool:
    """True when the suite's module exists (without importing it)."""
    import importlib.util

    module = SUITES[name].module  # type: ignore[attr-defined]
    return importlib.util.find_spec(f"{__name__}.{module}") is not None


def run_suite(name: str, data_dir: Path | None = None, **opts: Any) -> dict[str, Any]:
    """Run suite `name` on the gold folder (default: `default_data_dir()`)."""
    if name not in SUITES:
        raise AnnalesError(f"unknown evaluation suite {name!r}; suites are: {', '.join(SUITES)}")
    return SUITES[name](data_dir or default_data_dir(), **opts)


def default_data_dir() -> Path:
    """$ANNALES_GOLD, else ../shared/gold from the current directory (the layout of a checkout)."""
    return Path(os.environ.get(GOLD_ENV) or Path.cwd().parent / "shared" / "gold")


# Metric helpers shared by the suites.


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, 0.0 for an empty denominator (nothing found of nothing asked)."""
    return numerator / denominator if denominator else 0.0


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    return {"precision": precision, "recall": recall, "f1": ratio(2 * precision * recall, precision + recall)}


def classification_report(pairs: Iterable[tuple[str, str]], *, none_label: str = "NONE") -> tuple[dict[str, dict[str, float]], dict[str, dict[str, int]], float]:
    """Per-class P/R/F1, the confusion matrix and macro-F1 for (gold, predicted) pairs.

    Macro-F1 averages over gold classes; `none_label` (no prediction) is a column of the
    confusion matrix but never a class of its own."""
    confusion: dict[str, dict[str, int]] = {}
    for gold, predicted in pairs:
        row = confusion.setdefault(gold, {})
        row[predicted] = row.get(predicted, 0) + 1
    classes = sorted(set(confusion) | {p for row in confusion.values() for p in row} - {none_label})
    per_class: dict[str, dict[str, float]] = {}
    for label in classes:
        tp = confusion.get(label, {}).get(label, 0)
        fn = sum(confusion.get(label, {}).values()) - tp
        fp = sum(row.get(label, 0) for gold, row in confusion.items() if gold != label)
        per_class[label] = {**prf(tp, fp, fn), "support": tp + fn}
    gold_classes = [c for c in classes if per_class[c]["support"]]
    macro = ratio(sum(per_class[c]["f1"] for c in gold_classes), len(gold_classes))
    return per_class, confusion, macro
