"""Ingest: paths, folders, archives and stdin -> Articles (the pipeline's source).

Every input record yields exactly one Article: a readable one with `raw_text`, an
unreadable one with an `errors` entry, so input count = records + error records.
Formats: plain text (.txt and anything unrecognised), HTML, JSON, JSON Lines, and
.gz/.zip/.tar(.gz) archives of them; `NAME.meta.json` sidecars add metadata.
`article.text` starts as a copy of `raw_text`; the repair stage cleans it.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..article import Article
from ..config import Settings
from ..errors import Errors
from .archive import archive_kind, members
from .decode import RejectedInput, bom_encoding, check_size, decode
from .html import HTML_SUFFIXES, read_html
from .meta import META_SUFFIX, apply_defaults, apply_meta, read_sidecar
from .records import JSON_SUFFIXES, JSONL_SUFFIXES, read_json, read_jsonl, read_jsonl_lines
from .text import read_text

NAME = "ingest"
REQUIRES: tuple[str, ...] = ()
ASSIGNS = ("raw_text", "text", "path", "id", "title", "published", "language", "url", "source", "meta", "errors")

__all__ = ["read_bytes", "read_file", "read_inputs"]

# Archives inside archives are opened this deep and no deeper (a crafted file can nest them endlessly).
MAX_ARCHIVE_DEPTH = 4


def read_inputs(paths: list[str], settings: Settings) -> Iterator[Article]:
    """Yield one Article per input record, in input order (folders recursively, sorted by path).

    paths (list[str]): files, folders, archives, or "-" for stdin.
    RETURNS (Iterator[Article]): readable Articles and error Articles, one per record.
    """
    for raw in paths:
        if raw == "-":
            # bounded: a stream larger than a whole file may be is refused, not read into memory
            data = sys.stdin.buffer.read(settings.max_file_bytes + 1)
            if len(data) > settings.max_file_bytes:
                yield _rejected("-", RejectedInput("too_large", "E104", Errors.E104.format(path="stdin", size=f"more than {settings.max_file_bytes}", limit=settings.max_file_bytes)))
                continue
            yield from read_bytes("-", data, settings)
            continue
        path = Path(raw)
        if os.path.isdir(path):
            yield from _read_folder(path, settings)
            continue
        try:
            os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            yield _rejected(display_name(path), RejectedInput("unreadable", "E107", Errors.E107.format(path=display_name(path))))
            continue
        except OSError:
            pass  # something that cannot be reached (a name too long): read_file says why
        yield from read_file(path, settings)


def display_name(path: Path | str) -> str:
    """A path as text that can be stored and printed: a byte that is not UTF-8 is written as its escape
    ("caf\\xe9.txt"), so two names that differ only in such bytes stay two records in the store."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _read_folder(folder: Path, settings: Settings) -> Iterator[Article]:
    """Every entry under `folder` that is not a folder or a sidecar gives records: regular files are read, the rest
    (FIFOs, devices, dangling or looping links) are refused with a reason, so nothing is skipped silently."""
    entries: list[Path] = []
    unlisted: dict[Path, str] = {}

    def note(exc: OSError) -> None:
        # a folder that cannot be listed (no permission, a path past PATH_MAX) is a record of its own
        where = Path(exc.filename if exc.filename is not None else folder)
        unlisted[where] = exc.strerror or str(exc)
        entries.append(where)

    for root, folders, files in os.walk(folder, followlinks=False, onerror=note):
        folders.sort()
        entries += [Path(root) / name for name in files if not name.endswith(META_SUFFIX)]
        # a link to a folder is not followed (it may loop); it is reported as an entry of its own
        entries += [Path(root) / name for name in folders if os.path.islink(Path(root) / name)]
    for child in sorted(entries):
        if child in unlisted:
            name = display_name(child)
            yield _rejected(name, RejectedInput("unreadable", "E113", Errors.E113.format(path=name, reason=unlisted[child])))
        else:
            yield from read_file(child, settings)


def read_file(path: Path, settings: Settings) -> Iterator[Article]:
    """The Articles in one file (one, or several for JSON, JSONL and archives)."""
    name = display_name(path)
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device or special file"
            raise RejectedInput("unreadable", "E110", Errors.E110.format(path=name, kind=kind))
        if _format(name, "") == "jsonl":
            check_size(path.stat().st_size, path=name, limit=settings.max_file_bytes)
            yield from _stream_jsonl(path, name, settings)
            return
        limit = settings.max_file_bytes if archive_kind(name, b"") is not None else settings.max_bytes
        check_size(path.stat().st_size, path=name, limit=limit)
        data = path.read_bytes()
    except RejectedInput as exc:
        yield _rejected(name, exc)
        return
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ELOOP:
            reason = "a link loop"
        elif exc.errno == errno.ENOENT and os.path.islink(path):
            reason = "a link to nothing (dangling)"
        yield _rejected(name, RejectedInput("unreadable", "E101", Errors.E101.format(path=name, reason=reason)))
        return
    yield from read_bytes(name, data, settings, meta=read_sidecar(str(path), limit=settings.max_bytes))


def _stream_jsonl(path: Path, name: str, settings: Settings) -> Iterator[Article]:
    """A JSON Lines file read line by line: the size limit applies to each record, not to the file, and no line
    is held in memory past that limit. A file with no record at all is one error record."""
    meta = read_sidecar(str(path), limit=settings.max_bytes)
    found = 0
    with path.open("rb") as handle:
        for article in read_jsonl_lines(_lines(handle, settings.max_bytes), path=name, settings=settings, meta=meta):
            found += 1
            apply_defaults(article, settings)
            yield article
    if not found:
        yield _rejected(name, RejectedInput("empty", "E102", Errors.E102.format(path=name)))


# How much of an over-long line is read at a time while it is skipped.
_CHUNK = 1 << 16


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[bytes, int]]:
    """(line, size) for each line of a binary stream, UTF-8 out whatever a byte order mark says it is. A line
    over `limit` bytes comes back cut short with its whole size (it is refused); a whitespace-only one stays blank."""
    encoding = bom_encoding(handle.peek(4)[:4]) if hasattr(handle, "peek") else None
    source: Any = handle
    if encoding in ("utf-16", "utf-32"):
        # UTF-16 and UTF-32 files (PowerShell writes them) cannot be cut at b"\n": read them as text
        source = _Recoded(io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline=None))
    while True:
        line = source.readline(limit + 1)
        if not line:
            return
        size = len(line)
        if size > limit and not line.endswith(b"\n"):
            blank = not line.strip()
            while True:
                rest = source.readline(_CHUNK)
                size += len(rest)
                blank = blank and (not rest or rest.isspace())  # isspace: no copy of the chunk
                if not rest or rest.endswith(b"\n"):
                    break
            if blank:
                continue
        yield line, size


class _Recoded:
    """A text stream read as UTF-8 lines (readline's size in characters, near enough for a size limit)."""

    def __init__(self, text: io.TextIOWrapper) -> None:
        self.text = text

    def readline(self, size: int) -> bytes:
        return self.text.readline(size).encode("utf-8", "replace")


def read_bytes(name: str, data: bytes, settings: Settings, *, meta: dict[str, Any] | None = None, depth: int = 0) -> Iterator[Article]:
    """The Articles in `data`, read as the format its name (or, for stdin, its content) says.

    name (str): the path, archive member label or "-"; data (bytes): the content;
    meta (dict | None): sidecar metadata for it; depth: how many archives hold it.
    RETURNS (Iterator[Article]): one Article per record, errors included.
    """
    meta = meta or {}
    # Magic bytes decide only for names without a suffix (stdin, extensionless members).
    kind = archive_kind(name, data if name == "-" or "." not in name.rsplit("!", 1)[-1].rsplit("/", 1)[-1] else b"")
    if kind is not None:
        if depth >= MAX_ARCHIVE_DEPTH:
            yield _rejected(name, RejectedInput("unreadable", "E111", Errors.E111.format(path=name, what="archives", limit=MAX_ARCHIVE_DEPTH)))
            return
        found = 0
        try:
            for member in members(name, data, kind, limit=settings.max_bytes):
                found += 1
                if member.rejected is not None:
                    yield _rejected(member.name, member.rejected)
                else:
                    yield from read_bytes(member.name, member.data or b"", settings, meta=member.meta, depth=depth + 1)
        except RejectedInput as exc:
            yield _rejected(name, exc)
            return
        if not found:
            yield _rejected(name, RejectedInput("empty", "E112", Errors.E112.format(path=name)))
        return
    try:
        text, encoding = decode(data, path=name, limit=settings.max_bytes)
    except RejectedInput as exc:
        yield _rejected(name, exc)
        return
    fmt = _format(name, text)
    if fmt in ("json", "jsonl"):
        reader = read_json if fmt == "json" else read_jsonl
        found = 0
        for article in reader(text, path=name, settings=settings, meta=meta):
            found += 1
            _note_encoding(article, encoding)
            apply_defaults(article, settings)
            yield article
        if not found:
            yield _rejected(name, RejectedInput("empty", "E112", Errors.E112.format(path=name)))
        return
    article = Article(path=name)
    apply_meta(article, meta)
    _note_encoding(article, encoding)
    try:
        if fmt == "html":
            read_html(text, article, path=name)
        else:
            read_text(text, article)
    except RejectedInput as exc:
        article.add_error(exc.kind, exc.message, stage=NAME, code=exc.code)
    apply_defaults(article, settings)
    yield article


def _format(name: str, text: str) -> str:
    """The format (html, json, jsonl or text) from the suffix, or from the content when there is none."""
    base = name.rsplit("!", 1)[-1].rsplit("/", 1)[-1].lower()
    suffix = "." + base.rsplit(".", 1)[-1] if "." in base else ""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix:
        return "text"
    head = text.lstrip()[:1000].lower()
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head:
        return "html"
    return "text"


def _note_encoding(article: Article, encoding: str) -> None:
    # A legacy encoding is worth knowing: the repair stage may still find mojibake in such text.
    if encoding not in ("utf-8", "utf-8-sig"):
        article.meta["encoding"] = encoding


def _rejected(name: str, exc: RejectedInput) -> Article:
    article = Article(path=name)
    article.add_error(exc.kind, exc.message, stage=NAME, code=exc.code)
    return article
