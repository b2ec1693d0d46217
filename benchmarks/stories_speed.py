"""What the cross-article step (annales/stories) adds to an ingest, and what adding articles to a linked store costs.

    python benchmarks/make_corpus.py --n 5000 --seed 1 --out /tmp/corpus-5k.jsonl
    annales ingest /tmp/corpus-5k.jsonl --db /tmp/load5k.duckdb --no-link
    python benchmarks/stories_speed.py --db /tmp/load5k.duckdb --corpus /tmp/corpus-5k.jsonl --sample 100 --add 100

On a copy of the store (the store itself is not changed): (1) links every article from scratch; (2) links all
but the last `--add` articles, then those (an incremental run: the figure that must not grow with the store);
(3) runs the real pipeline, in this process, on `--sample` articles of the corpus, to give the per-article
cost of an ingest that the link step is compared with.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from annales.config import Settings
from annales.ingest import read_inputs
from annales.pipeline import Pipeline
from annales.store import Store
from annales.stories import LINK_TABLES, LinkReport, link_store


def _unlinked_copy(db: Path, folder: Path) -> Path:
    copy = folder / "copy.duckdb"
    shutil.copy(db, copy)
    with Store(copy) as store:
        for table in LINK_TABLES:
            if table != "article_copies":
                store.con.execute(f"DELETE FROM {table}")
    return copy


def _timed(db: Path, **options: Any) -> tuple[float, LinkReport]:
    with Store(db) as store:
        started = time.perf_counter()
        report = link_store(store.con, **options)
        return time.perf_counter() - started, report


def parse_seconds(corpus: Path, sample: int) -> float:
    """Seconds per article of the full pipeline (one process, models loaded before timing) on the first `sample` records."""
    settings = Settings.make()
    pipeline = Pipeline(settings)
    articles = []
    for article in read_inputs([str(corpus)], settings):
        articles.append(article)
        if len(articles) >= sample + 4:
            break
    list(pipeline.run(articles[:4]))  # load the models
    started = time.perf_counter()
    list(pipeline.run(articles[4:]))
    return (time.perf_counter() - started) / max(1, len(articles) - 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="an ingested store (not changed)")
    parser.add_argument("--corpus", type=Path, help="the corpus it was ingested from, to time the pipeline on a sample")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        copy = _unlinked_copy(args.db, Path(folder))
        with Store(copy, read_only=True) as store:
            n = int(store.con.execute("SELECT count(*) FROM articles WHERE ok").fetchone()[0])  # type: ignore[index]
        seconds, report = _timed(copy)
        out["articles"] = n
        out["full_link_seconds"] = round(seconds, 2)
        out["full_link_parts"] = {k: round(v, 2) for k, v in report.seconds.items()}
        copy = _unlinked_copy(args.db, Path(folder))
        seconds, report = _timed(copy, max_articles=n - args.add)
        out["first_part_articles"], out["first_part_seconds"] = report.articles, round(seconds, 2)
        seconds, report = _timed(copy)
        out["incremental_articles"], out["incremental_seconds"] = report.articles, round(seconds, 2)
        out["incremental_parts"] = {k: round(v, 2) for k, v in report.seconds.items()}
    if args.corpus:
        per_article = parse_seconds(args.corpus, args.sample)
        out["pipeline_seconds_per_article"] = round(per_article, 4)
        out["pipeline_seconds_for_store"] = round(per_article * n, 1)
        out["link_share_of_ingest"] = round(out["full_link_seconds"] / (per_article * n), 4)
    print(json.dumps(out, indent=1))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
