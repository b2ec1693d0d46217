"""Store subcommands: `ingest`, `link`, `events`, `stories`, `export`, `summary`."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from ..article import Article
from ..errors import AnnalesError, Errors
from ..ingest import read_inputs
from ..lang import load_lang
from ..pipeline import Pipeline
from ..store import BATCH_ARTICLES, LOCK_WAIT_SECONDS, BatchWriter, Store
from ..store.queries import export, query_events, spreadsheet_safe, summary
from ..stories import LinkReport, event_records, link_store, stories
from ..workers import WorkerPool, default_workers
from ._util import USAGE_ERROR, ErrorLog, app, count_inputs, err_console, fail, make_settings

TABLE_ROWS = 100  # rows the events table shows unless told otherwise
EXPORT_DEFAULTS = {"jsonl": "annales.jsonl", "parquet": "annales-parquet", "gdelt": "annales.gdelt.tsv", "gkg": "annales.gkg.tsv",
                   "gdelt-mentions": "annales.mentions.tsv"}
DB_OPTION = typer.Option("annales.duckdb", "--db", help="DuckDB file of the store.")


@app.command("ingest")
def ingest_cli(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), archives, or - for stdin."),
    db: str = DB_OPTION,
    published: str | None = typer.Option(None, help="Publication date for articles without one."),
    language: str | None = typer.Option(None, help="Treat every article as this language."),
    min_confidence: float | None = typer.Option(None, "--min-confidence", help="Store no event whose confidence (a calibrated probability that type, sides and modality are right) is under this."),
    set_: list[str] | None = typer.Option(None, "--set", help="Setting override name=value (repeatable)."),
    log: str | None = typer.Option(None, "--log", help="Write one line per refused or failed input (code, path, kind, message) and a summary to this file."),
    commit_every: int = typer.Option(BATCH_ARTICLES, "--commit-every", min=1, help="Articles written per transaction (a kill loses at most this batch, which a rerun redoes)."),
    wait: float = typer.Option(LOCK_WAIT_SECONDS, "--wait", min=0, help="Seconds to wait for another process (an ingest, a reader) to let go of the store."),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Processes that run the pipeline, each loading the models once (default: one per core, fewer for a small input; 1: in this process). With --engine dask: the LocalCluster's workers."),
    engine: str = typer.Option("local", "--engine", help="local (this machine's processes, into --db) or dask (a Dask cluster, into the Parquet dataset --out; then `annales load-parquet`)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="With --engine dask: the address of a running Dask scheduler (tcp://HOST:8786); default: a LocalCluster of --workers processes."),
    out: str = typer.Option("annales-dataset", "--out", help="With --engine dask: the Parquet dataset folder (partitioned by language and publication month; resumable)."),
    link: bool = typer.Option(True, "--link/--no-link", help="After the run, link the new articles to the store: near-duplicates, stories, event records (`annales link` does it later)."),
) -> None:
    """Process articles into the store. Idempotent and resumable: stored articles are skipped."""
    settings = make_settings(set_, published=published, default_language=language, min_confidence=min_confidence)
    if engine not in ("local", "dask"):
        fail(f"unknown engine {engine!r}: use local or dask", code=USAGE_ERROR)
    if engine == "dask":
        from .scale import ingest_dask

        ingest_dask(paths, settings, out=out, scheduler=scheduler, workers=workers, log=log, part_articles=None)
        return
    try:
        pipeline = Pipeline(settings)
    except AnnalesError as exc:
        fail(str(exc))
    error_log = ErrorLog(log)
    try:
        store = Store(db, wait=wait)
    except AnnalesError as exc:
        error_log.close(f"nothing stored: {exc}")
        fail(str(exc))
    counts = {"added": 0, "failed": 0}

    def written(articles: list[Article]) -> None:
        for article in articles:
            counts["added" if article.ok else "failed"] += 1
            error_log.record(article)

    total = count_inputs(paths, settings)
    workers = workers or default_workers(total)
    pool = WorkerPool(settings, workers) if workers > 1 else None
    with store, Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=err_console, transient=False,
    ) as progress:
        task = progress.add_task("articles", total=total)
        writer = BatchWriter(store, every=commit_every, on_written=written)
        done = 0
        run = pool.run if pool is not None else pipeline.run
        try:
            for article in run(store.unseen(read_inputs(paths, settings))):
                writer.add(article)
                done += 1
                # inputs skipped as stored count as done: the bar covers every input
                completed = done + store.skipped
                if total is not None and completed > total:
                    total = None  # the count ahead was wrong: fall back to a bar without a total
                    progress.update(task, total=None)
                progress.update(task, completed=completed)
            writer.flush()
        except KeyboardInterrupt:
            writer.flush()  # what is buffered is finished work: keep it
            progress.stop()
            err_console.print(escape(f"interrupted: {counts['added'] + counts['failed']} input(s) stored; run the same command again to resume"))
            error_log.close(_ingest_summary(counts, store.skipped, db, None) + " (interrupted)")
            raise typer.Exit(code=130) from None
        except AnnalesError as exc:  # a worker process died: keep what is finished, say how to resume
            writer.flush()
            progress.stop()
            error_log.close(_ingest_summary(counts, store.skipped, db, None) + f" (stopped: {exc})")
            fail(str(exc))
        finally:
            if pool is not None:
                pool.close()
        progress.update(task, completed=done + store.skipped, total=done + store.skipped)
        store.write_copies()
        if link:
            _link(store, progress)
        total_stored = store.counts()["articles"]
    summary_line = _ingest_summary(counts, store.skipped, db, total_stored)
    error_log.close(summary_line)
    err_console.print(escape(summary_line))
    if counts["failed"] and not counts["added"]:
        err_console.print("[red]error:[/red] no input of this run could be processed (see the errors table)")
        raise typer.Exit(code=1)


def _link(store: Store, progress: Progress | None = None) -> LinkReport:
    """Link the store's unlinked articles (annales/stories), with a line of progress per chunk."""
    task = progress.add_task("linking", total=None) if progress is not None else None

    def advanced(report: LinkReport) -> None:
        if progress is not None and task is not None:
            progress.update(task, completed=report.articles)

    report = link_store(store.con, on_chunk=advanced)
    if report.articles:
        err_console.print(escape(
            f"linked {report.articles} article(s): {report.near_duplicate_pairs} near-duplicate pair(s), {report.new_stories} new"
            f" stor{'y' if report.new_stories == 1 else 'ies'}, {report.joined_stories} joined one; {report.mentions} event mention(s),"
            f" {report.merged_mentions} merged into a record ({sum(report.seconds.values()):.1f} s)"
        ))
    return report


@app.command("link")
def link_cli(
    db: str = DB_OPTION,
    wait: float = typer.Option(LOCK_WAIT_SECONDS, "--wait", min=0, help="Seconds to wait for another process to let go of the store."),
) -> None:
    """Link the stored articles that no run linked yet: near-duplicates, stories, event records (idempotent, resumable)."""
    if not Path(db).exists():
        fail(f"no store at {db}: run `annales ingest PATH --db {db}` first")
    try:
        store = Store(db, wait=wait)
    except AnnalesError as exc:
        fail(str(exc))
    with store:
        report = _link(store)
    if not report.articles:
        err_console.print("nothing to link: every stored article is linked")


@app.command("stories")
def stories_cli(
    db: str = DB_OPTION,
    min_articles: int = typer.Option(2, "--min-articles", min=1, help="Only stories with at least this many articles (1: every article's story)."),
    limit: int | None = typer.Option(None, min=1, help="At most this many stories (largest first)."),
    format: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
) -> None:
    """List the stories of a linked store: id, label, time span and articles (path, id, title, language, source)."""
    if format not in ("table", "jsonl"):
        fail(f"unknown format {format!r}: use table or jsonl", code=USAGE_ERROR)
    store = _open(db)
    found = stories(store.con, min_articles=min_articles, limit=limit)
    if format == "jsonl":
        for story in found:
            sys.stdout.write(json.dumps(story, ensure_ascii=False, default=str) + "\n")
        return
    table = Table("story", "label", "span", "articles", "languages", "members (id or path: title [language, source])")
    for story in found:
        span = "" if story["first_date"] is None else f"{story['first_date']} - {story['last_date']}"
        members = "\n".join(
            f"{a['id'] or a['path']}: {a['title'] or ''} [{a['language'] or '?'}{', ' + a['source'] if a['source'] else ''}]"
            + (f" (+{len(a['copies'])} exact cop{'y' if len(a['copies']) == 1 else 'ies'})" if a.get("copies") else "")
            for a in story["articles"]
        )
        table.add_row(*(escape(str(c)) for c in (story["story"], story["label"] or "", span, story["n_articles"], story["languages"] or "", members)))
    Console().print(table)
    if not found:
        err_console.print("no story: is the store linked (`annales link`)?" if min_articles == 1 else f"no story of {min_articles} or more articles")


def _ingest_summary(counts: dict[str, int], skipped: int, db: str, total_stored: int | None) -> str:
    line = f"stored {counts['added']} article(s), {counts['failed']} with errors"
    if skipped:
        line += f", {skipped} skipped (already stored, or the same text twice)"
    return line + (f"; {total_stored} in {db}" if total_stored is not None else "")


class RateColumn(ProgressColumn):
    """Inputs per second over the last half minute (rich's own estimate)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "-/s", style="progress.data.speed")


@app.command("events")
def events_cli(
    db: str = DB_OPTION,
    actor: str | None = typer.Option(None, help="Actor code prefix on either side (RUS, IRNGOV, IGONAT)."),
    type_: str | None = typer.Option(None, "--type", help="PLOVER type (AGREE, ASSAULT, ...)."),
    since: str | None = typer.Option(None, help="Only events on or after this date (YYYY-MM-DD)."),
    asserted_only: bool = typer.Option(False, "--asserted-only", help="Drop negated, intended, hypothetical and reported events."),
    min_confidence: float | None = typer.Option(None, "--min-confidence", help="Only events whose confidence is at least this (0 to 1)."),
    limit: int | None = typer.Option(None, min=1, help=f"At most this many rows (default: {TABLE_ROWS} for the table, all for csv and jsonl)."),
    all_rows: bool = typer.Option(False, "--all", help="Every matching row, also in the table."),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
    records: bool = typer.Option(False, "--records", help="List merged event records (one per real-world event, with NumMentions, NumSources, NumArticles) instead of event mentions."),
    min_articles: int = typer.Option(1, "--min-articles", min=1, help="With --records: only records reported by at least this many articles."),
) -> None:
    """List stored events, or with --records the event records merged across articles."""
    if format not in ("table", "csv", "jsonl"):
        fail(f"unknown format {format!r}: use table, csv or jsonl", code=USAGE_ERROR)
    plover = _checked_type(type_)
    actor = _checked_actor(actor)
    since = _checked_date(since)
    min_confidence = _checked_confidence(min_confidence)
    if limit is None and format == "table" and not all_rows:
        limit = TABLE_ROWS
    store = _open(db)
    if records:
        _print_records(store, actor=actor, plover=plover, asserted_only=asserted_only, min_articles=min_articles, limit=limit, format=format)
        return
    columns, rows = query_events(store, actor=actor, plover=plover, since=since, include_flagged=not asserted_only, min_confidence=min_confidence, limit=limit)
    if format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in rows])
    elif format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str) + "\n")
    else:
        table = Table("date", "source", "event", "target", "modality", "place", "trigger", "conf.")
        for row in rows:
            r = dict(zip(columns, row))
            cells = (str(r["date"] or r["published"] or ""), r["source_code"] or r["source_name"] or "-",
                     f"{r['cameo']} {r['plover']}", r["target_code"] or r["target_name"] or "-", r["modality"],
                     r["location_name"] or "", r["trigger"], f"{r['confidence']:.2f}" if r["confidence"] is not None else "")
            table.add_row(*(escape(str(cell or "")) for cell in cells))
        Console().print(table)
        if limit is not None and len(rows) == limit:
            err_console.print(f"showing the first {limit} events: --limit N or --all for more, --format csv for all")


def _print_records(store: Store, *, actor: str | None, plover: str | None, asserted_only: bool, min_articles: int, limit: int | None, format: str) -> None:
    columns, rows = event_records(store.con, actor=actor, plover=plover, asserted_only=asserted_only, min_articles=min_articles, limit=limit)
    if format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in rows])
        return
    if format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str) + "\n")
        return
    table = Table("record", "dates", "source", "event", "target", "modality", "place", "mentions", "articles", "sources", "languages", "conf.", "merge")
    for row in rows:
        r = dict(zip(columns, row))
        dates = r["first_date"] if r["first_date"] == r["last_date"] else f"{r['first_date']} - {r['last_date']}"
        cells = (r["record_id"], dates or "", r["source_code"] or r["source_name"] or "-", f"{r['cameo']} {r['plover']}",
                 r["target_code"] or r["target_name"] or "-", r["modality"], r["location_name"] or "", r["num_mentions"],
                 r["num_articles"], r["num_sources"], r["languages"] or "",
                 f"{r['mean_confidence']:.2f}" if r["mean_confidence"] is not None else "", f"{r['merge_confidence']:.2f}")
        table.add_row(*(escape(str(cell)) for cell in cells))
    Console().print(table)
    if not rows:
        err_console.print("no event record: is the store linked (`annales link`)?")
    elif limit is not None and len(rows) == limit:
        err_console.print(f"showing the first {limit} records: --limit N or --all for more, --format csv for all")


@app.command("export")
def export_cli(
    db: str = DB_OPTION,
    format: str = typer.Option(..., "--format", "-f", help="jsonl (one record per article), parquet (one file per table), gdelt (GDELT 2.0 event TSV: one row per event record of a linked store), gdelt-mentions (GDELT 2.0 Mentions TSV) or gkg (GDELT GKG 2.1 TSV, one row per article)."),
    out: str | None = typer.Option(None, help="Output file (jsonl, gdelt, gkg) or folder (parquet)."),
    min_confidence: float | None = typer.Option(None, "--min-confidence", help="Export only events whose confidence is at least this (jsonl records, the parquet events table, gdelt rows; gkg has no events)."),
) -> None:
    """Export the store for pandas, DuckDB, Spark or GDELT-style tooling."""
    if format not in EXPORT_DEFAULTS:
        fail(f"unknown format {format!r}: use {', '.join(EXPORT_DEFAULTS)}", code=USAGE_ERROR)
    min_confidence = _checked_confidence(min_confidence)
    store = _open(db)
    target = out or EXPORT_DEFAULTS[format]
    try:
        written = export(store, format=format, out=target, min_confidence=min_confidence or 0.0)
    except OSError as exc:
        fail(Errors.E101.format(path=target, reason=exc.strerror or exc))
    for path in written:
        err_console.print(f"wrote {escape(str(path))}")


@app.command("summary")
def summary_cli(db: str = DB_OPTION, top: int = typer.Option(10, min=1, help="How many dyads to show.")) -> None:
    """Summarise a store: articles, actors, events per PLOVER type, top dyads."""
    s = summary(_open(db), top=top)
    console = Console()
    console.print(
        f"[bold]{s['articles']}[/bold] articles ({', '.join(f'{language}: {n}' for language, n in s['languages'])}),"
        f" {s['articles_with_errors']} with errors; [bold]{s['actors']}[/bold] actors, [bold]{s['events']}[/bold] events,"
        f" {s['places']} places, {s['quotations']} quotations, {s['amounts']} amounts"
    )
    by_type = Table("PLOVER type", "asserted", "all", title="Events per PLOVER type")
    for plover, asserted, total in s["events_by_type"]:
        by_type.add_row(escape(plover or "-"), str(asserted), str(total))
    console.print(by_type)
    dyads = Table("source", "target", "events", "mean Goldstein", title="Top dyads")
    for source, target, n, goldstein in s["top_dyads"]:
        dyads.add_row(escape(str(source)), escape(str(target)), str(n), str(goldstein))
    console.print(dyads)


def _open(db: str) -> Store:
    if not Path(db).exists():
        fail(f"no store at {db}: run `annales ingest PATH --db {db}` first")
    try:
        return Store(db, read_only=True)
    except AnnalesError as exc:
        fail(str(exc))
        raise  # unreachable: fail exits


def _checked_type(value: str | None) -> str | None:
    if value is None:
        return None
    types = [row["type"] for row in load_lang("xx").table("plover_types")]
    if value.upper() not in types:
        fail(Errors.E908.format(option="--type", value=value, reason=f"PLOVER types are {', '.join(types)}"), code=USAGE_ERROR)
    return value.upper()


def _checked_actor(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.strip().replace("_", "").isalnum():
        fail(Errors.E908.format(option="--actor", value=value, reason="an actor code is letters (RUS, IRNGOV, IGONAT)"), code=USAGE_ERROR)
    return value.strip().upper()


def _checked_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        fail(Errors.E908.format(option="--since", value=value, reason="a date is written YYYY-MM-DD"), code=USAGE_ERROR)
        raise  # unreachable: fail exits


def _checked_confidence(value: float | None) -> float | None:
    if value is not None and not 0 <= value <= 1:
        fail(Errors.E908.format(option="--min-confidence", value=value, reason="a confidence is a number from 0 to 1"), code=USAGE_ERROR)
    return value
