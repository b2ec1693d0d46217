"""`annales extract`: articles in, one JSON record per article out (or a table)."""

from __future__ import annotations

import json
import sys

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..article import Article
from ..errors import AnnalesError
from ..ingest import read_inputs
from ..pipeline import Pipeline
from ._util import ErrorLog, app, fail, make_settings


@app.command("extract")
def extract_cli(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), archives, or - for stdin."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or table."),
    published: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD) for articles without one."),
    language: str | None = typer.Option(None, help="Skip identification and treat every article as this language (fr, en)."),
    min_confidence: float | None = typer.Option(None, "--min-confidence", help="Drop events whose confidence (a calibrated probability that type, sides and modality are right) is under this."),
    set_: list[str] | None = typer.Option(None, "--set", help="Setting override name=value (repeatable)."),
    log: str | None = typer.Option(None, "--log", help="Write one line per refused or failed input (code, path, kind, message) and a summary to this file."),
) -> None:
    """Process articles and print what was found: one JSON object per article, in input order."""
    if format not in ("jsonl", "table"):
        fail(f"unknown format {format!r}: use jsonl or table")
    settings = make_settings(set_, published=published, default_language=language, min_confidence=min_confidence)
    try:
        pipeline = Pipeline(settings)
    except AnnalesError as exc:
        fail(str(exc))
    processed = 0
    total = 0
    error_log = ErrorLog(log)
    for article in pipeline.run(read_inputs(paths, settings)):
        total += 1
        processed += article.ok
        error_log.record(article)
        if format == "jsonl":
            sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            print_article_table(article)
    error_log.close(f"{total} record(s), {processed} processed, {total - processed} refused or failed")
    if total and not processed:
        raise typer.Exit(code=1)


def print_article_table(article: Article) -> None:
    console = Console()
    console.rule(escape(f"{article.id or article.path}  {article.title or ''}"))
    for error in article.errors:
        console.print(f"[red]{escape(error.kind)}[/red] {escape(error.message)}")
    table = Table("sentence", "source", "event", "target", "modality", "trigger")
    for event in article.events:
        cells = (
            str(event.sentence),
            event.source.code or event.source.name if event.source else "-",
            f"{event.cameo} {event.plover}",
            event.target.code or event.target.name if event.target else "-",
            event.modality,
            event.trigger,
        )
        table.add_row(*(escape(cell or "") for cell in cells))
    console.print(table)
