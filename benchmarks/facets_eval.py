"""Facet precision/recall on the annotated examples, and the facets stage's time against the parse.

    python -m benchmarks.facets_eval [--gold tests/gold/examples/*.expected.json] [--timing N] [--show]

(run from the repository root, so that `annales` is this checkout)

Matching follows ../shared/tools/score_expected.py: an amount matches when its value is within 1% and
`object_regex` finds its object, unit or text; a quotation when `text_regex` finds its text and
`speaker_regex` its speaker; a date when `text_regex` finds its text and its value starts with `date`.
Recall = annotated items found / annotated items; precision = our items that match some annotated
item / our items. Timing runs the nlp stage, then the facets stage, on the same parsed articles.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annales import nlp, process
from annales.config import Settings
from annales.facets import annotate
from annales.ingest import read_inputs

REPO = Path(__file__).resolve().parent.parent
FACETS = ("amounts", "quotations", "dates")
# The annotations list direct quotations only; this row scores our direct quotes alone against them.
DIRECT = "quotations (direct only)"


def _amount(item: Any, gold: dict[str, Any]) -> bool:
    if abs(float(item.value) - gold["value"]) > 0.01 * abs(gold["value"]) + 1e-9:
        return False
    hay = " ".join(str(x or "") for x in (item.object, item.unit, item.text))
    return re.search(gold["object_regex"], hay, re.I) is not None


def _quotation(item: Any, gold: dict[str, Any]) -> bool:
    if not re.search(gold["text_regex"], item.text or "", re.I):
        return False
    return not gold.get("speaker_regex") or re.search(gold["speaker_regex"], item.speaker or "", re.I) is not None


def _date(item: Any, gold: dict[str, Any]) -> bool:
    return re.search(gold["text_regex"], item.text or "", re.I) is not None and str(item.value or "").startswith(gold["date"])


MATCHERS: dict[str, Callable[[Any, dict[str, Any]], bool]] = {"amounts": _amount, "quotations": _quotation, "dates": _date}


def evaluate(gold_files: list[Path], *, show: bool) -> dict[str, dict[str, int]]:
    """Counts per facet: gold, found (gold items matched), ours, correct (our items matching a gold item)."""
    docs: list[tuple[Path, dict[str, Any]]] = []
    for path in gold_files:
        for exp in json.loads(path.read_text(encoding="utf-8")):
            docs.append(((path.parent / exp["doc"]).resolve(), exp))
    articles = {Path(a.path).resolve(): a for a in process([str(p) for p, _ in docs]) if a.path}
    totals = {f: {"gold": 0, "found": 0, "ours": 0, "correct": 0} for f in (*FACETS, DIRECT)}
    for path, exp in docs:
        article = articles.get(path)
        for facet in (*FACETS, DIRECT):
            gold = exp.get(facet if facet != DIRECT else "quotations", [])
            ours = getattr(article, facet if facet != DIRECT else "quotations") if article else []
            if facet == "dates":
                ours = [d for d in ours if d.value]  # an unresolved expression claims nothing
            if facet == DIRECT:
                ours = [q for q in ours if q.kind == "direct"]
            match = MATCHERS[facet if facet != DIRECT else "quotations"]
            hits = [g for g in gold if any(match(o, g) for o in ours)]
            good = [o for o in ours if any(match(o, g) for g in gold)]
            counts = totals[facet]
            counts["gold"] += len(gold)
            counts["found"] += len(hits)
            counts["ours"] += len(ours)
            counts["correct"] += len(good)
            if show and facet != DIRECT:
                for g in gold:
                    if g not in hits:
                        print(f"MISSED {path.name} {facet}: {g}")
                for o in ours:
                    if o not in good:
                        print(f"EXTRA  {path.name} {facet}: {_brief(o)}")
    return totals


def _brief(item: Any) -> str:
    if hasattr(item, "resolution"):
        return f"{item.text!r} -> {item.value} ({item.resolution})"
    if hasattr(item, "speaker"):
        return f"{item.text[:60]!r} by {item.speaker} [{item.kind}]"
    return f"{item.text!r} = {item.value:g} {item.unit or ''} {item.object or ''}"


def timing(paths: list[str], *, limit: int, repeat: int = 3) -> dict[str, float]:
    """Seconds for the parse (nlp stage) and for the facets stage over the same articles (best of `repeat`)."""
    settings = Settings.make()
    articles = [a for a in read_inputs(paths, settings) if a.text][:limit]
    for article in articles:
        article.language = article.language or "en"
    parse = facets = float("inf")
    for _ in range(repeat):
        for article in articles:
            article.doc = None
        start = time.perf_counter()
        nlp.run(articles, settings)
        parse = min(parse, time.perf_counter() - start)
        start = time.perf_counter()
        for article in articles:
            annotate(article)
        facets = min(facets, time.perf_counter() - start)
    words = sum(len(a.text.split()) for a in articles)
    return {"articles": len(articles), "words": words, "parse_s": parse, "facets_s": facets, "facets_pct_of_parse": 100 * facets / parse}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, nargs="*", default=sorted((REPO / "tests/gold/examples").glob("*.expected.json")))
    parser.add_argument("--timing", type=int, default=0, help="also time parse vs facets on N articles of --corpus")
    parser.add_argument("--corpus", nargs="*", default=[str(REPO / "examples")])
    parser.add_argument("--show", action="store_true", help="list missed and extra items")
    args = parser.parse_args()
    totals = evaluate(args.gold, show=args.show)
    for facet, c in totals.items():
        recall = c["found"] / c["gold"] if c["gold"] else 0.0
        precision = c["correct"] / c["ours"] if c["ours"] else 0.0
        print(f"{facet:<24} recall {recall:.2f} ({c['found']}/{c['gold']})  precision {precision:.2f} ({c['correct']}/{c['ours']})")
    if args.timing:
        t = timing(args.corpus, limit=args.timing)
        print(
            f"timing: {t['articles']} articles, {t['words']} words: parse {t['parse_s']:.2f} s, "
            f"facets {t['facets_s']:.3f} s = {t['facets_pct_of_parse']:.1f}% of the parse"
        )


if __name__ == "__main__":
    main()
