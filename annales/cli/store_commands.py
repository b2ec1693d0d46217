"""Store subcommands: `ingest`, `events`, `export`, `summary`."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import AnnalesError
from ..ingest import read_inputs
from ..pipeline import Pipeline
from ..store import Store
from ..store.queries import export, query_events, summary
from ._util import app, err_console, fail, make_settings

EXPORT_DEFAULTS = {"jsonl": "annales.jsonl", "parquet": "annales-parquet", "gdelt": "annales.gdelt.tsv", "gkg": "annales.gkg.tsv"}
DB_OPTION = typer.Option("annales.duckdb", "--db", help="DuckDB file of the store.")


@app.command("ingest")
def ingest_cli(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), archives, or - for stdin."),
    db: str = DB_OPTION,
    published: Optional[str] = typer.Option(None, help="Publication date for articles without one."),
    language: Optional[str] = typer.Option(None, help="Treat every article as this language."),
    set_: Optional[list[str]] = typer.Option(None, "--set", help="Setting override name=value (repeatable)."),
) -> None:
    """Process articles into the store. Idempotent and resumable: stored articles are skipped."""
    settings = make_settings(set_, published=published, default_language=language)
    try:
        pipeline = Pipeline(settings)
    except AnnalesError as exc:
        fail(str(exc))
    added = failed = 0
    with Store(db) as store, Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=False,
    ) as progress:
        task = progress.add_task("articles", total=None)
        for article in pipeline.run(store.unseen(read_inputs(paths, settings))):
            store.add(article)
            added += article.ok
            failed += not article.ok
            progress.advance(task)
        total_stored = store.counts()["articles"]
    err_console.print(f"stored {added} article(s), {failed} with errors; {total_stored} in {db}")
    if failed and not added and not total_stored:
        raise typer.Exit(code=1)


@app.command("events")
def events_cli(
    db: str = DB_OPTION,
    actor: Optional[str] = typer.Option(None, help="Actor code prefix on either side (RUS, IRNGOV, IGONAT)."),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type (AGREE, ASSAULT, ...)."),
    since: Optional[str] = typer.Option(None, help="Only events on or after this date (YYYY-MM-DD)."),
    asserted_only: bool = typer.Option(False, "--asserted-only", help="Drop negated, intended, hypothetical and reported events."),
    limit: Optional[int] = typer.Option(None, help="At most this many rows."),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
) -> None:
    """List stored events."""
    if format not in ("table", "csv", "jsonl"):
        fail(f"unknown format {format!r}: use table, csv or jsonl")
    store = _open(db)
    columns, rows = query_events(store, actor=actor, plover=type_, since=since, include_flagged=not asserted_only, limit=limit)
    if format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str) + "\n")
    else:
        table = Table("date", "source", "event", "target", "modality", "place", "trigger")
        for row in rows:
            r = dict(zip(columns, row))
            table.add_row(str(r["date"] or r["published"] or ""), r["source_code"] or r["source_name"] or "-",
                          f"{r['cameo']} {r['plover']}", r["target_code"] or r["target_name"] or "-", r["modality"],
                          r["location_name"] or "", r["trigger"])
        Console().print(table)


@app.command("export")
def export_cli(
    db: str = DB_OPTION,
    format: str = typer.Option(..., "--format", "-f", help="jsonl (one record per article), parquet (one file per table), gdelt (GDELT 2.0 event TSV) or gkg (GDELT GKG 2.1 TSV, one row per article)."),
    out: Optional[str] = typer.Option(None, help="Output file (jsonl, gdelt, gkg) or folder (parquet)."),
) -> None:
    """Export the store for pandas, DuckDB, Spark or GDELT-style tooling."""
    if format not in EXPORT_DEFAULTS:
        fail(f"unknown format {format!r}: use {', '.join(EXPORT_DEFAULTS)}")
    store = _open(db)
    target = out or EXPORT_DEFAULTS[format]
    for path in export(store, format=format, out=target):
        err_console.print(f"wrote {path}")


@app.command("summary")
def summary_cli(db: str = DB_OPTION, top: int = typer.Option(10, help="How many dyads to show.")) -> None:
    """Summarise a store: articles, actors, events per PLOVER type, top dyads."""
    s = summary(_open(db), top=top)
    console = Console()
    console.print(
        f"[bold]{s['articles']}[/bold] articles ({', '.join(f'{l}: {n}' for l, n in s['languages'])}),"
        f" {s['articles_with_errors']} with errors; [bold]{s['actors']}[/bold] actors, [bold]{s['events']}[/bold] events,"
        f" {s['places']} places, {s['quotations']} quotations, {s['amounts']} amounts"
    )
    by_type = Table("PLOVER type", "asserted", "all", title="Events per PLOVER type")
    for plover, asserted, total in s["events_by_type"]:
        by_type.add_row(plover or "-", str(asserted), str(total))
    console.print(by_type)
    dyads = Table("source", "target", "events", "mean Goldstein", title="Top dyads")
    for source, target, n, goldstein in s["top_dyads"]:
        dyads.add_row(source, target, str(n), str(goldstein))
    console.print(dyads)


def _open(db: str) -> Store:
    if not Path(db).exists():
        fail(f"no store at {db}: run `annales ingest PATH --db {db}` first")
    return Store(db, read_only=True)
