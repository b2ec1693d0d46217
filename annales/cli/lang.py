"""`annales lang validate`: check the language data tables."""

from __future__ import annotations

import typer
from rich.console import Console

from ..lang import available_languages, validate_tables
from ._util import app

lang_app = typer.Typer(no_args_is_help=True, help="Language data.")
app.add_typer(lang_app, name="lang")


@lang_app.command("validate")
def validate_cli() -> None:
    """Check every data table: `# source:` line, header, cell counts."""
    problems = validate_tables()
    console = Console()
    for problem in problems:
        console.print(f"[red]{problem}[/red]")
    console.print(f"languages: {', '.join(available_languages())}; {len(problems)} problem(s)")
    if problems:
        raise typer.Exit(code=1)
