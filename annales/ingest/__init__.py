"""Ingest: paths, folders, archives and stdin -> Articles (the pipeline's source).

Every input record yields exactly one Article: a readable one with `raw_text`, an
unreadable one with an `errors` entry, so input count = records + error records.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from ..article import Article
from ..config import Settings
from ..errors import Errors

NAME = "ingest"
REQUIRES: tuple[str, ...] = ()
ASSIGNS = ("raw_text", "text", "path", "id", "title", "published", "language", "url", "source", "meta", "errors")

TEXT_SUFFIXES = {".txt", ".text", ".md"}
META_SUFFIX = ".meta.json"


def read_inputs(paths: list[str], settings: Settings) -> Iterator[Article]:
    """Yield one Article per input record, in input order (folders sorted by path)."""
    for raw in paths:
        if raw == "-":
            yield _article_from_text(sys.stdin.read(), path="-", settings=settings)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.endswith(META_SUFFIX)):
                yield from read_file(child, settings)
        elif path.exists():
            yield from read_file(path, settings)
        else:
            article = Article(path=str(path))
            article.add_error("unreadable", Errors.E107.format(path=path), stage=NAME, code="E107")
            yield article


def read_file(path: Path, settings: Settings) -> Iterator[Article]:
    article = Article(path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        article.add_error("unreadable", Errors.E101.format(path=path, reason=exc.strerror or exc), stage=NAME, code="E101")
        yield article
        return
    if len(data) > settings.max_bytes:
        article.add_error("too_large", Errors.E104.format(path=path, size=len(data), limit=settings.max_bytes), stage=NAME, code="E104")
        yield article
        return
    if not data.strip():
        article.add_error("empty", Errors.E102.format(path=path), stage=NAME, code="E102")
        yield article
        return
    if b"\x00" in data[:4096]:
        article.add_error("binary", Errors.E103.format(path=path), stage=NAME, code="E103")
        yield article
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        article.add_error("undecodable", Errors.E105.format(path=path, tried="utf-8"), stage=NAME, code="E105")
        yield article
        return
    yield _article_from_text(text, path=str(path), settings=settings, meta=_sidecar(path))


def _sidecar(path: Path) -> dict:
    meta_path = path.with_name(path.name.rsplit(".", 1)[0] + META_SUFFIX)
    if meta_path.exists():
        try:
            return json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
    return {}


def _article_from_text(text: str, *, path: str, settings: Settings, meta: dict | None = None) -> Article:
    meta = dict(meta or {})
    article = Article(path=path, raw_text=text, text=text, meta=meta)
    article.id = meta.get("id")
    article.title = meta.get("title")
    article.published = meta.get("published") or settings.published
    article.language = meta.get("language") or settings.default_language
    article.url = meta.get("url")
    article.source = meta.get("source")
    return article
