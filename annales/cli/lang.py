"""`annales lang validate`: check the language data tables; `annales lang install CODE`: install a language's parser."""

from __future__ import annotations

import shlex
import subprocess
import sys

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import Errors
from ..lang import available_languages, load_lang, validate_tables
from ._util import USAGE_ERROR, app, fail

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


def install_command(language: str) -> list[str]:
    """The pip command that installs `language`'s parser in this interpreter, from its row of
    annales/lang/xx/spacy_models.tsv (`requirement`, `pip_flags`); a language without one exits with E402 (usage error)."""
    rows = {row["language"]: row for row in load_lang("xx").table("spacy_models")}
    row = rows.get(language.strip().lower())
    if row is None or not row.get("requirement"):
        named = ", ".join(code for code, r in rows.items() if r.get("requirement"))
        fail(Errors.E402.format(language=language, languages=named), code=USAGE_ERROR)
        raise AssertionError  # fail always raises
    return [sys.executable, "-m", "pip", "install", *shlex.split(row.get("pip_flags", "")), row["requirement"]]


@lang_app.command("install")
def install_cli(
    language: str = typer.Argument(..., help="Language code with a row in annales/lang/xx/spacy_models.tsv."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the pip command without running it."),
) -> None:
    """Install a language's parser (the row's pip requirement and flags, in this interpreter) and print its licence."""
    command = install_command(language)
    row = next(r for r in load_lang("xx").table("spacy_models") if r["language"] == language.strip().lower())
    console = Console()
    console.print(escape(" ".join(shlex.quote(part) for part in command)))
    if not dry_run:
        code = subprocess.call(command)
        if code:
            fail(Errors.E403.format(language=row["language"], requirement=row["requirement"], code=code))
    console.print(f"licence of the {escape(row['language'])} parser: {escape(row.get('licence') or 'not given')}")
