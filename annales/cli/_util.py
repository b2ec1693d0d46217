"""Shared CLI objects: the typer app, consoles and the --set override parser."""

from __future__ import annotations

import ast
from typing import Any

import typer
from rich.console import Console

from ..config import Settings
from ..errors import AnnalesError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Annales: news articles to event data and a knowledge graph.")
err_console = Console(stderr=True)


def fail(message: str) -> None:
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code=1)


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
        fail(str(exc))
        raise  # unreachable: fail exits


@app.callback()
def _root() -> None:
    """Annales: news articles to event data and a knowledge graph."""
