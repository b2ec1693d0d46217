"""The learned event layer's ablation (issue #13): the same suites with the judge off (rules only) and in each of
its modes, plus its calibration on the real-news suite: a reliability plot and precision / recall by confidence
threshold (PNG, for docs/benchmarks.md).

    pip install -c constraints.txt -e ".[train]"     # matplotlib, for the plots
    python benchmarks/judge_modes.py --split test --out judge.json --plots docs/img
    python benchmarks/judge_modes.py --redraw judge.json --plots docs/img     # the plots again, nothing rerun

Suites: news (the split given), fr-sentences and en-sentences (their dev sets: their test sets are scored by the
CI gate), petr-gsr and plover-gsr (all test data). Each suite runs once per configuration.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from annales.config import JUDGE_MODES
from annales.evaluation import default_data_dir, run_suite

CONFIGURATIONS: dict[str, dict[str, Any]] = {"rules": {"disabled_stages": ("judge",)}, **{mode: {"judge_mode": mode} for mode in JUDGE_MODES}}
SUITES = {"news": None, "fr-sentences": "dev", "en-sentences": "dev", "petr-gsr": "test", "plover-gsr": "test"}
HEADLINES = ("strict_precision", "strict_recall", "strict_f1", "lenient_precision", "calibration_error", "precision", "recall", "f1",
             "event.macro_f1", "extra_per_sentence", "actors.source_country", "actors.target_country")


def thresholds(pairs: list[tuple[float, bool]], gold: int) -> list[tuple[float, float, float, int]]:
    """(threshold, strict precision, strict recall, events kept) for thresholds 0, 0.05, ... 0.95."""
    rows = []
    for step in range(20):
        threshold = step / 20
        kept = [ok for confidence, ok in pairs if confidence >= threshold]
        rows.append((threshold, sum(kept) / len(kept) if kept else 0.0, sum(kept) / gold if gold else 0.0, len(kept)))
    return rows


def plots(news: dict[str, dict[str, Any]], out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    written = []
    figure, axes = plt.subplots(1, 2, figsize=(10, 4.2))
    for axis, language in zip(axes, ("fr", "en")):
        for name in JUDGE_MODES:
            pairs = news[name]["confidences"].get(language, [])
            bins: dict[int, list[tuple[float, bool]]] = {}
            for confidence, ok in pairs:
                bins.setdefault(min(int(confidence * 10), 9), []).append((confidence, ok))
            xs = [sum(c for c, _ in members) / len(members) for _, members in sorted(bins.items())]
            ys = [sum(ok for _, ok in members) / len(members) for _, members in sorted(bins.items())]
            ece = news[name]["metrics"].get(f"{language}.calibration_error", 0.0)
            axis.plot(xs, ys, marker="o", label=f"judge '{name}' (ECE {ece:.3f}, {len(pairs)} events)")
        axis.plot([0, 1], [0, 1], linestyle=":", color="grey")
        axis.set(title=f"{language}: reliability, news {news['confidence']['split']} half", xlabel="confidence", ylabel="share strict-correct", xlim=(0, 1), ylim=(0, 1))
        axis.legend(fontsize=8)
    figure.tight_layout()
    written.append(out / "judge_reliability.png")
    figure.savefig(written[-1], dpi=90)
    figure, axes = plt.subplots(1, 2, figsize=(10, 4.2))
    for axis, language in zip(axes, ("fr", "en")):
        for name in ("complete", "full"):
            gold = news[name]["metrics"][f"{language}.gold_events"]
            rows = thresholds([(c, bool(ok)) for c, ok in news[name]["confidences"].get(language, [])], gold)
            axis.plot([r[0] for r in rows], [r[1] for r in rows], marker=".", label=f"'{name}' precision")
            axis.plot([r[0] for r in rows], [r[2] for r in rows], marker=".", linestyle="--", label=f"'{name}' recall")
        axis.set(title=f"{language}: strict precision / recall by --min-confidence", xlabel="threshold", xlim=(0, 1), ylim=(0, 1))
        axis.legend(fontsize=8)
    figure.tight_layout()
    written.append(out / "judge_thresholds.png")
    figure.savefig(written[-1], dpi=90)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "test"), help="the news suite's half")
    parser.add_argument("--out", type=Path, default=Path("judge_modes.json"))
    parser.add_argument("--plots", type=Path, help="folder for the PNG plots (needs matplotlib)")
    parser.add_argument("--suites", nargs="*", default=list(SUITES))
    parser.add_argument("--redraw", type=Path, help="draw the plots from a JSON this script wrote, running nothing")
    args = parser.parse_args()
    if args.redraw:
        for path in plots(json.loads(args.redraw.read_text(encoding="utf-8"))["news"], args.plots or Path(".")):
            print("wrote", path)
        return
    data = default_data_dir()
    results: dict[str, dict[str, Any]] = {}
    for suite in args.suites:
        split = args.split if suite == "news" else SUITES[suite]
        for name, settings in CONFIGURATIONS.items():
            result = run_suite(suite, data, split=split, settings=settings)
            results.setdefault(suite, {})[name] = result
            figures = {k: round(v, 3) for k, v in result["metrics"].items() if (isinstance(v, float) and k.split(".", 1)[-1] in HEADLINES) or k in HEADLINES}
            print(suite, split, name, json.dumps(figures), flush=True)
    args.out.write_text(json.dumps({suite: {name: {k: v for k, v in r.items() if k != "sentences"} for name, r in by.items()} for suite, by in results.items()}, indent=1) + "\n", encoding="utf-8")
    if args.plots and "news" in results:
        for path in plots(results["news"], args.plots):
            print("wrote", path)


if __name__ == "__main__":
    main()
