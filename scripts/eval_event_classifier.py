"""Score an evaluation suite with the events stage's classifier off, on (as shipped), or on with
other thresholds; and, for the `plv` suite, the classifier alone (its top label for the marked
pair, every row).

    .venv/bin/python scripts/eval_event_classifier.py plv --split test
    .venv/bin/python scripts/eval_event_classifier.py petr-gsr --modes off on
    .venv/bin/python scripts/eval_event_classifier.py plv --split train --modes on --propose 0.8 --override 1.01

Report test figures only for settings chosen on train (scripts/train_event_classifier.py).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from annales.evaluation import SUITES, classification_report, ratio  # noqa: E402
from annales.evaluation import plv as plv_suite  # noqa: E402
from annales.events import classifier  # noqa: E402

GOLD = REPO.parent / "shared" / "gold"


def alone(split: str, language: str) -> dict[str, Any]:
    """The classifier's top label for each PLV row's marked pair, scored like the suite."""
    import numpy as np
    import train_event_classifier as training

    from annales.cameo.lexicon import plover_types

    model = classifier.load_model(language)
    assert model is not None, f"no classifier for {language}"
    rows = plv_suite.load_rows(GOLD / plv_suite.FOLDER / f"PLV_{split}.tsv")
    articles = training.parse(rows, language)
    quad = {row["legacy"]: int(row["quad_class"]) for row in plover_types().values()}
    pairs, quad_hits = [], 0
    for row, article in zip(rows, articles):
        probs = model.probabilities(training.instance(article, language))
        label = model.labels[int(np.argmax(probs))]
        pairs.append((row.gold, label))
        quad_hits += quad[label] == row.gold_quad
    _, _, macro = classification_report(pairs, none_label=plv_suite.NONE)
    n = len(rows)
    return {"accuracy": ratio(sum(g == p for g, p in pairs), n), "macro_f1": macro, "quad_accuracy": ratio(quad_hits, n)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("suite", choices=sorted(SUITES))
    parser.add_argument("--split", default="test")
    parser.add_argument("--modes", nargs="+", default=["off", "alone", "on"], help="off, on, alone (plv only)")
    parser.add_argument("--propose", type=float, default=None, help="threshold instead of the shipped one")
    parser.add_argument("--override", type=float, default=None, help="threshold instead of the shipped one")
    parser.add_argument("--language", default="en")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    for mode in args.modes:
        if mode == "alone":
            if args.suite == "plv":
                results[mode] = alone(args.split, args.language)
            continue
        overrides = {"event_classifier": False} if mode == "off" else {}
        context: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
        if mode != "off":
            model = classifier.load_model(args.language)
            assert model is not None, f"no classifier for {args.language}"
            changes = {k: v for k, v in (("propose_at", args.propose), ("override_at", args.override)) if v is not None}
            context = classifier.installed(dataclasses.replace(model, **changes)) if changes else contextlib.nullcontext()
        with context:
            result = SUITES[args.suite](GOLD, split=args.split, settings=overrides)
        results[mode] = result["metrics"]
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
