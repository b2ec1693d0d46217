"""Throughput benchmark script: the same measures as `annales bench`.

    python benchmarks/throughput.py [--articles N] [--processes P] [--repeat R] [--corpus PATH ...] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from annales.cli.bench import print_bench
from annales.evaluation.bench import run_bench


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, nargs="*", help="JSONL/text files or folders (default: examples/ + ../shared/corpus)")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--processes", type=int, default=None)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the one-process measures; the best is kept")
    parser.add_argument("--json", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args()
    result = run_bench(args.corpus, articles=args.articles, processes=args.processes, seed=args.seed, repeat=args.repeat)
    print_bench(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":  # the guard matters: scaling workers are spawned and re-import this file
    main()
