"""The `annales` command line: thin typer wrappers around importable functions."""

from __future__ import annotations

# Import order is registration order: the order of the commands in `annales --help`.
# isort: off
from ._util import app
from . import extract, lang, serve, store_commands, scale  # noqa: F401  (registers subcommands)
from . import bench, eval  # noqa: F401  (measurement: annales bench, annales eval)
# isort: on


def main() -> None:
    app()
