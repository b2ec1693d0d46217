"""Shared CLI objects: the typer app, consoles and the --set override parser."""

from __future__ import annotations

import ast
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from ..config import Settings
from ..errors import AnnalesError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Annales: news articles to event data and a knowledge graph.")
err_console = Console(stderr=True)


# Exit codes: 1 when the work could not be done, 2 when the command line itself is wrong.
USAGE_ERROR = 2


def fail(message: str, *, code: int = 1) -> None:
    err_console.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(code=code)


def make_settings(overrides: list[str] | None = None, **named: Any) -> Settings:
    """Settings from named CLI options plus `--set name=value` pairs (values read as Python literals)."""
    values: dict[str, Any] = {k: v for k, v in named.items() if v is not None}
    for item in overrides or []:
        name, _, raw = item.partition("=")
        try:
            values[name.strip()] = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            values[name.strip()] = raw
    try:
        return Settings.make(**values)
    except AnnalesError as exc:
        fail(str(exc), code=USAGE_ERROR)
        raise  # unreachable: fail exits


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"annales {version('annales')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Annales: news articles to event data and a knowledge graph."""
