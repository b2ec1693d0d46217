"""Ingest: paths, folders, archives and stdin -> Articles (the pipeline's source).

Every input record yields exactly one Article: a readable one with `raw_text`, an
unreadable one with an `errors` entry, so input count = records + error records.
Formats: plain text (.txt and anything unrecognised), HTML, JSON, JSON Lines, and
.gz/.zip/.tar(.gz) archives of them; `NAME.meta.json` sidecars add metadata.
`article.text` starts as a copy of `raw_text`; the repair stage cleans it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..article import Article
from ..config import Settings
from ..errors import Errors
from .archive import archive_kind, members
from .decode import RejectedInput, check_size, decode
from .html import HTML_SUFFIXES, read_html
from .meta import META_SUFFIX, apply_defaults, apply_meta, parse_sidecar, sidecar_name
from .records import JSON_SUFFIXES, JSONL_SUFFIXES, read_json, read_jsonl
from .text import read_text

NAME = "ingest"
REQUIRES: tuple[str, ...] = ()
ASSIGNS = ("raw_text", "text", "path", "id", "title", "published", "language", "url", "source", "meta", "errors")

__all__ = ["read_inputs", "read_bytes", "read_file"]


def read_inputs(paths: list[str], settings: Settings) -> Iterator[Article]:
    """Yield one Article per input record, in input order (folders recursively, sorted by path).

    paths (list[str]): files, folders, archives, or "-" for stdin.
    RETURNS (Iterator[Article]): readable Articles and error Articles, one per record.
    """
    for raw in paths:
        if raw == "-":
            yield from read_bytes("-", sys.stdin.buffer.read(), settings)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.endswith(META_SUFFIX)):
                yield from read_file(child, settings)
        elif path.exists():
            yield from read_file(path, settings)
        else:
            yield _rejected(str(path), RejectedInput("unreadable", "E107", Errors.E107.format(path=path)))


def read_file(path: Path, settings: Settings) -> Iterator[Article]:
    """The Articles in one file (one, or several for JSON, JSONL and archives)."""
    name = str(path)
    try:
        if archive_kind(name, b"") is None:
            check_size(path.stat().st_size, path=name, limit=settings.max_bytes)
        data = path.read_bytes()
    except RejectedInput as exc:
        yield _rejected(name, exc)
        return
    except OSError as exc:
        yield _rejected(name, RejectedInput("unreadable", "E101", Errors.E101.format(path=name, reason=exc.strerror or exc)))
        return
    side = Path(sidecar_name(name))
    meta: dict[str, Any] = {}
    if side.is_file():
        try:
            meta = parse_sidecar(side.read_bytes())
        except OSError:
            meta = {"_sidecar_error": "unreadable"}
    yield from read_bytes(name, data, settings, meta=meta)


def read_bytes(name: str, data: bytes, settings: Settings, *, meta: dict[str, Any] | None = None) -> Iterator[Article]:
    """The Articles in `data`, read as the format its name (or, for stdin, its content) says.

    name (str): the path, archive member label or "-"; data (bytes): the content;
    meta (dict | None): sidecar metadata for it.
    RETURNS (Iterator[Article]): one Article per record, errors included.
    """
    meta = meta or {}
    # Magic bytes decide only for names without a suffix (stdin, extensionless members).
    kind = archive_kind(name, data if name == "-" or "." not in name.rsplit("!", 1)[-1].rsplit("/", 1)[-1] else b"")
    if kind is not None:
        try:
            for member in members(name, data, kind, limit=settings.max_bytes):
                if member.rejected is not None:
                    yield _rejected(member.name, member.rejected)
                else:
                    yield from read_bytes(member.name, member.data or b"", settings, meta=member.meta)
        except RejectedInput as exc:
            yield _rejected(name, exc)
        return
    try:
        text, encoding = decode(data, path=name, limit=settings.max_bytes)
    except RejectedInput as exc:
        yield _rejected(name, exc)
        return
    fmt = _format(name, text)
    if fmt in ("json", "jsonl"):
        reader = read_json if fmt == "json" else read_jsonl
        for article in reader(text, path=name, settings=settings, meta=meta):
            _note_encoding(article, encoding)
            apply_defaults(article, settings)
            yield article
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
