"""The `annales` command line: thin typer wrappers around importable functions."""

from __future__ import annotations

from ._util import app
from . import extract, lang, serve, store_commands  # noqa: F401  (registers subcommands)
from . import bench, eval  # noqa: F401  (measurement: annales bench, annales eval)


def main() -> None:
    app()
