"""`annales eval`: run an evaluation suite on the gold sets and print its figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import AnnalesError
from ..evaluation import SUITES, default_data_dir, run_suite
from ._util import app, fail, make_settings

SPLITS = ("dev", "test", "train", "all")  # each suite says which of these it has


@app.command("eval")
def eval_cli(
    suite: str = typer.Argument(..., help=f"Suite: {', '.join(SUITES)}."),
    files: list[Path] | None = typer.Argument(None, help="For `expected`: expected-annotation JSON files (default: the seed set)."),
    split: str = typer.Option("test", help="dev or test; train or all where the suite has them (tune off test, report on test)."),
    limit: int | None = typer.Option(None, help="Score only the first N records."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the full result as JSON here."),
    data: Path | None = typer.Option(None, help="Gold folder (default: $ANNALES_GOLD or ../shared/gold)."),
    set_: list[str] | None = typer.Option(None, "--set", help="Setting override name=value for the pipeline the suite runs (repeatable), e.g. judge_floor=0 or disabled_stages=('judge',)."),
    link: list[str] | None = typer.Option(None, "--link", help="For `stories`: a threshold of the cross-article step, name=value (repeatable), e.g. story_link=0.3 (annales/stories/link.py, LinkSettings)."),
    db: Path | None = typer.Option(None, "--db", help="For `stories`: keep the processed stores in this folder and re-use them (only the link step is redone)."),
    part: str = typer.Option("both", "--part", help="For `stories`: stories, duplicates or both."),
) -> None:
    """Score the pipeline on a gold set: metrics, per-class figures and confusion matrix."""
    if split not in SPLITS:
        fail(f"unknown split {split!r}: use {', '.join(SPLITS)}")
    if files and not suite.startswith("expected"):
        fail("FILE arguments are only for the `expected` suite")
    opts: dict[str, Any] = {"split": split, "limit": limit}
    if set_:
        opts["settings"] = make_settings(set_).overrides()
    if files:
        opts["files"] = files
    if suite == "stories":
        opts.update({"link": _link_overrides(link or []), "db": db, "part": part})
    elif link or db:
        fail("--link and --db are only for the `stories` suite")
    data_dir = data or default_data_dir()
    if not files and not data_dir.is_dir():
        fail(f"gold folder {data_dir} not found: pass --data or set $ANNALES_GOLD")
    try:
        result = run_suite(suite, data_dir, **opts)
    except AnnalesError as exc:
        fail(str(exc))
    print_result(result)
    if json_out:
        json_out.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def _link_overrides(pairs: list[str]) -> dict[str, Any]:
    """name=value pairs as LinkSettings overrides, each value of the field's type."""
    from ..stories import DEFAULT_LINK

    out: dict[str, Any] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if not hasattr(DEFAULT_LINK, name) or not value:
            fail(f"--link {pair!r}: use name=value with a name of annales.stories.LinkSettings")
        try:
            out[name] = type(getattr(DEFAULT_LINK, name))(value)
        except ValueError:
            fail(f"--link {pair!r}: {value!r} is not a {type(getattr(DEFAULT_LINK, name)).__name__}")
    return out


def print_result(result: dict[str, Any], console: Console | None = None) -> None:
    """Metrics table, then per-class table and confusion matrix when the suite gives them."""
    console = console or Console()
    table = Table("metric", "value", title=f"{result.get('suite')}  (n={result.get('n')})")
    for name, value in result.get("metrics", {}).items():
        table.add_row(name, _fmt(value))
    console.print(table)
    per_class = result.get("per_class")
    if per_class:
        columns = list(dict.fromkeys(k for row in per_class.values() for k in row))  # the suite's own order
        table = Table("class", *columns, title="per class")
        for label, row in per_class.items():
            table.add_row(label, *(_fmt(row.get(c)) for c in columns))
        console.print(table)
    confusion = result.get("confusion")
    if confusion:
        predicted = sorted({p for row in confusion.values() for p in row})
        table = Table("gold \\ predicted", *predicted, title="confusion")
        for gold in sorted(confusion):
            table.add_row(gold, *(str(confusion[gold].get(p, "")) for p in predicted))
        console.print(table)
    for detail in result.get("details") or []:
        if isinstance(detail, dict) and (detail.get("missed") or detail.get("forbidden_events") or detail.get("unexplained_events")):
            console.print(f"[bold]{escape(str(detail.get('id')))}[/bold]")
            for facet, items in (detail.get("missed") or {}).items():
                console.print(f"  missed {facet}: {escape(json.dumps(items, ensure_ascii=False))}")
            for event in detail.get("forbidden_events") or []:
                console.print(f"  [red]forbidden[/red] {escape(event)}")
            for event in detail.get("unexplained_events") or []:
                console.print(f"  unexplained {escape(event)}")


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)
