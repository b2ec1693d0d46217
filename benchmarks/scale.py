"""Scale-out benchmark (the same as `annales bench --scale`): 1 and P local workers and the Dask engine on P local
workers over one generated corpus, the same records checked; a large run into a store; query times; the
extrapolation to 100,000 articles. See annales/evaluation/scale.py for what is measured.

    python benchmarks/scale.py --n 2000 --workers 2 --json docs/scale-2000.json --markdown docs/scale-2000.md
    python benchmarks/scale.py --n 0 --store-n 10000 --json scale-10k.json           # the large run alone
    python benchmarks/scale.py --n 0 --store-db /tmp/annales-scale/store-10000.duckdb  # queries on a store
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from annales.evaluation.scale import markdown, run_scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles of the 1-worker / P-worker / Dask comparison (0: skip it)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (benchmarks/make_corpus.py)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask engine")
    parser.add_argument("--store-n", type=int, default=0, help="also ingest this many articles into a store with P workers (e.g. 10000)")
    parser.add_argument("--store-db", type=Path, default=None, help="time the queries on this existing store")
    parser.add_argument("--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "annales-scale", help="corpora, stores and the dataset")
    parser.add_argument("--cold-starts", type=int, default=3, help="fresh `annales extract` runs on one article, timed to the first record (0: none)")
    parser.add_argument("--no-freeze", action="store_true", help="run the working tree's code, not a copy taken at the start")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--markdown", type=Path, default=None)
    args = parser.parse_args()
    result = run_scale(n=args.n, seed=args.seed, workers=args.workers, folder=args.work_dir, dask=not args.no_dask,
                       store_n=args.store_n, store_db=args.store_db, freeze=not args.no_freeze, cold_starts=args.cold_starts, log=lambda line: print(line, file=sys.stderr, flush=True))
    text = markdown(result)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
