"""Shared CLI objects: the typer app, consoles, the --set override parser, input counting and the --log file."""

from __future__ import annotations

import ast
import json
import os
import stat
from collections import Counter
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import typer
from rich.console import Console
from rich.markup import escape

from ..article import FATAL_ERRORS, Article
from ..config import Settings
from ..errors import AnnalesError, Errors
from ..ingest.archive import archive_kind
from ..ingest.meta import META_SUFFIX
from ..ingest.records import JSON_SUFFIXES, JSONL_SUFFIXES

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Annales: news articles to event data and a knowledge graph.")
err_console = Console(stderr=True)


# Exit codes: 1 when the work could not be done, 2 when the command line itself is wrong.
USAGE_ERROR = 2


def fail(message: str, *, code: int = 1) -> None:
    err_console.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(code=code)


def make_settings(overrides: list[str] | None = None, **named: Any) -> Settings:
    """Settings from named CLI options plus `--set name=value` pairs (values read as Python literals; true
    and false in any case are booleans)."""
    values: dict[str, Any] = {k: v for k, v in named.items() if v is not None}
    for item in overrides or []:
        name, _, raw = item.partition("=")
        if raw.strip().lower() in ("true", "false"):
            values[name.strip()] = raw.strip().lower() == "true"
            continue
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


# Inputs are counted ahead (for a progress total) only while that stays cheap: JSON Lines files are
# scanned for their lines up to this many bytes in all, .json files parsed up to this size each.
COUNT_JSONL_BYTES = 1 << 30
COUNT_JSON_BYTES = 16 * 1024 * 1024


COUNT_CHUNK = 1 << 20  # bytes read at a time when counting the lines of a JSON Lines file


def _count_lines(handle: BinaryIO) -> int:
    """Non-blank lines of a byte stream, read in bounded chunks (one line may be larger than memory allows);
    a UTF-8 byte order mark alone is a blank line."""
    lines, content, first = 0, False, True
    while chunk := handle.read(COUNT_CHUNK):
        if first and chunk.startswith(b"\xef\xbb\xbf"):
            chunk = chunk[3:]
        first = False
        for index, piece in enumerate(chunk.split(b"\n")):
            if index:  # a line break closed the line before this piece
                lines += content
                content = False
            content = content or bool(piece.strip())
    return lines + content


def count_inputs(paths: list[str], settings: Settings) -> int | None:
    """How many records `annales.ingest.read_inputs(paths)` will yield, or None where that is not cheap to know
    (stdin, archives, names without a suffix, very large JSON Lines): files in folders count one each, JSON Lines
    files one per non-blank line, .json files one per object of their list, refused entries one each."""
    budget = [COUNT_JSONL_BYTES]
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        # as read_inputs does: a folder (a link to one included) is walked; anything else is a file or an error
        try:
            found = _count_folder(path, settings, budget) if os.path.isdir(path) else _count_file(path, settings, budget)
        except OSError:
            return None  # a name the system refuses: let the ingest say why, and go without a total
        if found is None:
            return None
        total += found
    return total


def _count_folder(folder: Path, settings: Settings, budget: list[int]) -> int | None:
    total = 0
    unlisted: list[OSError] = []
    for root, folders, files in os.walk(folder, followlinks=False, onerror=unlisted.append):
        for name in files:
            if not name.endswith(META_SUFFIX):
                found = _count_file(Path(root) / name, settings, budget)
                if found is None:
                    return None
                total += found
        total += sum(1 for name in folders if os.path.islink(Path(root) / name))  # refused, one record each
    return total + len(unlisted)  # a folder that cannot be listed is one error record


def _count_file(path: Path, settings: Settings, budget: list[int]) -> int | None:
    """Records of one file, mirroring the ingest's rules; anything it cannot be read as gives one error record."""
    name = path.name.lower()
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    try:
        info = path.stat()
    except OSError:
        return 1
    if not stat.S_ISREG(info.st_mode):
        return 1
    if archive_kind(name, b"") is not None or not suffix:
        return None  # members or content decide
    if suffix in JSONL_SUFFIXES:
        if info.st_size > settings.max_file_bytes:
            return 1
        budget[0] -= info.st_size
        if budget[0] < 0:
            return None
        try:
            with path.open("rb") as handle:
                head = handle.peek(4)[:4]
                if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head == b"\x00\x00\xfe\xff":
                    return None  # UTF-16 or UTF-32: lines cannot be told apart in bytes
                lines = _count_lines(handle)
        except OSError:
            return 1
        return max(1, lines)  # a file with no record is one error record
    if suffix in JSON_SUFFIXES:
        if info.st_size > settings.max_bytes:
            return 1
        if info.st_size > COUNT_JSON_BYTES:
            return None
        try:
            value = json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return None  # malformed JSON may still be read as JSON Lines
        return max(1, len(value)) if isinstance(value, list) else 1
    return 1


class ErrorLog:
    """`--log FILE`: one tab-separated line per input that was refused or failed (code, where, kind, message),
    then a summary line starting with '#'."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.handle: TextIO | None = None
        self.codes: Counter[str] = Counter()
        if path is not None:
            try:
                # line-buffered: what was logged is on disk even if the run is killed
                self.handle = open(path, "w", encoding="utf-8", buffering=1)  # noqa: SIM115 - closed by close()
            except OSError as exc:
                fail(Errors.E101.format(path=path, reason=exc.strerror or exc), code=USAGE_ERROR)

    def record(self, article: Article) -> None:
        """Log `article` if it was refused or failed (no text left to work on)."""
        if article.ok:
            return
        fatal = [e for e in article.errors if e.kind in FATAL_ERRORS] or article.errors
        error = fatal[-1] if fatal else None
        code = (error.code if error else "") or "-"
        self.codes[code] += 1
        if self.handle is None:
            return
        where = article.path or article.id or "-"
        if "record" in article.meta:
            where += f" record {article.meta['record']}"
        cells = (code, where, error.kind if error else "", error.message if error else "")
        self.handle.write("\t".join(" ".join(str(c).split()) for c in cells) + "\n")

    def close(self, summary: str) -> None:
        if self.handle is None:
            return
        by_code = ", ".join(f"{code} {n}" for code, n in sorted(self.codes.items()))
        self.handle.write(f"# {summary}; refused or failed by code: {by_code or 'none'}\n")
        self.handle.close()
        self.handle = None
