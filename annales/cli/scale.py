"""Scale-out commands: `annales ingest --engine dask` (called by the ingest command) and `annales load-parquet`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from ..article import Article
from ..config import Settings
from ..engines.dataset import DatasetWriter, load_dataset
from ..errors import AnnalesError
from ..ingest import read_inputs
from ..store import LOCK_WAIT_SECONDS, Store, article_key
from ._util import ErrorLog, app, count_inputs, err_console, fail

DATASET_DEFAULT = "annales-dataset"


def ingest_dask(paths: list[str], settings: Settings, *, out: str, scheduler: str | None, workers: int | None, log: str | None, part_articles: int | None) -> None:
    """`annales ingest --engine dask`: the pipeline on a Dask cluster, into the Parquet dataset `out`."""
    from ..engines.dataset import PART_ARTICLES
    from ..workers import default_workers
    from .store_commands import RateColumn

    try:
        from ..engines.cluster import Cluster
    except ImportError as exc:
        fail(f"the Dask engine needs dask[distributed]: pip install 'annales[dask]' ({exc})")
    error_log = ErrorLog(log)
    try:
        writer = DatasetWriter(out, every=part_articles or PART_ARTICLES)
    except AnnalesError as exc:
        error_log.close(f"nothing written: {exc}")
        fail(str(exc))
    counts = {"added": 0, "failed": 0, "skipped": 0}
    total = count_inputs(paths, settings)

    def fresh() -> Iterator[Article]:
        """The inputs the dataset does not hold yet (what a resumed run still has to do)."""
        seen: set[str] = set()
        for article in read_inputs(paths, settings):
            key = article_key(article)
            if key in writer.keys or key in seen:
                counts["skipped"] += 1
                continue
            seen.add(key)
            yield article

    with writer, Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err_console, transient=False,
    ) as progress:
        task = progress.add_task("articles", total=total)
        try:
            with Cluster(settings, scheduler=scheduler, workers=None if scheduler else (workers or default_workers(total))) as cluster:
                for result in cluster.run(fresh()):
                    writer.add(result.tables, result.articles)
                    counts["failed"] += len(result.failed)
                    counts["added"] += result.articles - len(result.failed)
                    for article in result.failed:
                        error_log.record(article)
                    progress.update(task, completed=counts["added"] + counts["failed"] + counts["skipped"])
            writer.flush()
        except KeyboardInterrupt:
            writer.flush()
            progress.stop()
            err_console.print(escape(f"interrupted: {counts['added'] + counts['failed']} input(s) written; run the same command again to resume"))
            error_log.close(_summary(counts, out) + " (interrupted)")
            raise typer.Exit(code=130) from None
        except AnnalesError as exc:
            writer.flush()
            progress.stop()
            error_log.close(_summary(counts, out) + f" (stopped: {exc})")
            fail(str(exc))
        progress.update(task, completed=counts["added"] + counts["failed"] + counts["skipped"], total=counts["added"] + counts["failed"] + counts["skipped"])
    line = _summary(counts, out) + f"; load it into a store with: annales load-parquet {out} --db annales.duckdb"
    error_log.close(line)
    err_console.print(escape(line))
    if counts["failed"] and not counts["added"]:
        err_console.print("[red]error:[/red] no input of this run could be processed (see the errors table)")
        raise typer.Exit(code=1)


def _summary(counts: dict[str, int], out: str) -> str:
    line = f"wrote {counts['added']} article(s), {counts['failed']} with errors"
    if counts["skipped"]:
        line += f", {counts['skipped']} skipped (already in the dataset, or the same text twice)"
    return line + f" to the Parquet dataset {out}"


@app.command("load-parquet")
def load_parquet_cli(
    dataset: Path = typer.Argument(..., help="A Parquet dataset written by `annales ingest --engine dask`."),
    db: str = typer.Option("annales.duckdb", "--db", help="DuckDB file of the store."),
    wait: float = typer.Option(LOCK_WAIT_SECONDS, "--wait", min=0, help="Seconds to wait for another process to let go of the store."),
) -> None:
    """Load a Parquet dataset (`ingest --engine dask`) into the store; articles stored already are skipped."""
    if not dataset.is_dir():
        fail(f"no such dataset folder: {dataset}")
    try:
        with Store(db, wait=wait) as store:
            loaded = load_dataset(dataset, store)
            total = store.counts()["articles"]
    except AnnalesError as exc:
        fail(str(exc))
    err_console.print(escape(f"loaded {loaded['articles']} article(s) from {loaded['parts']} part(s) of {dataset}, {loaded['skipped']} skipped (already stored); {total} in {db}"))
