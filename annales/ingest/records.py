"""JSON and JSONL articles: one object, a list of objects, or one object per line.

Field names come from settings (json_text_fields, json_title_fields, ...) so users map their
own names with `--set json_text_fields="('story',)"`; a dotted name reads a nested field.
A bad JSONL line or record yields one error Article; the other lines go on.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..article import Article
from ..config import Settings
from ..errors import Errors
from .decode import RejectedInput, check_size, decode_line, is_blank
from .meta import apply_meta, clean_string

JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# Article field <- setting listing the JSON names tried for it, in order.
FIELD_SETTINGS: tuple[tuple[str, str], ...] = (
    ("title", "json_title_fields"),
    ("published", "json_date_fields"),
    ("id", "json_id_fields"),
    ("language", "json_language_fields"),
    ("url", "json_url_fields"),
    ("source", "json_source_fields"),
    ("author", "json_author_fields"),
)


def read_json(text: str, *, path: str, settings: Settings, meta: dict[str, Any]) -> Iterator[Article]:
    """Articles from a .json document (an object or a list of objects); JSON Lines are accepted too."""
    try:
        value = json.loads(text)
    except RecursionError:
        yield _error(path, 0, "malformed", "E111", Errors.E111.format(path=path, what="JSON values", limit="Python's recursion"))
        return
    except ValueError as exc:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1 and lines[0].lstrip().startswith("{"):
            yield from read_jsonl(text, path=path, settings=settings, meta=meta)
            return
        yield _error(path, 0, "malformed", "E106", Errors.E106.format(fmt="JSON", path=path, reason=exc))
        return
    records = value if isinstance(value, list) else [value]
    for index, record in enumerate(records):
        yield record_article(record, path=path, index=index, settings=settings, meta=meta)


def read_jsonl(text: str, *, path: str, settings: Settings, meta: dict[str, Any]) -> Iterator[Article]:
    """Articles from JSON Lines: one per non-blank line, an error Article for each bad line."""
    encoded = (line.encode("utf-8", "surrogatepass") for line in text.split("\n"))
    yield from read_jsonl_lines(((line, len(line)) for line in encoded), path=path, settings=settings, meta=meta)


def read_jsonl_lines(lines: Iterable[tuple[bytes, int]], *, path: str, settings: Settings, meta: dict[str, Any]) -> Iterator[Article]:
    """Articles from the lines of a JSON Lines stream, each line decoded and checked on its own: a line over
    max_bytes, undecodable or malformed gives an error Article and the other lines go on.

    lines: (line, size) pairs; a line over max_bytes may come cut short, `size` being its whole length.
    """
    index = 0
    for number, (raw, size) in enumerate(lines, start=1):
        if not (raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw).strip():
            continue  # blank lines (and a byte order mark alone) are not records
        where = f"{path} line {number}"
        if size > settings.max_bytes:
            yield _error(path, index, "too_large", "E104", Errors.E104.format(path=where, size=size, limit=settings.max_bytes))
            index += 1
            continue
        line, encoding = decode_line(raw, first=number == 1)
        try:
            record = json.loads(line)
        except RecursionError:
            yield _error(path, index, "malformed", "E111", Errors.E111.format(path=where, what="JSON values", limit="Python's recursion"))
        except ValueError as exc:
            yield _error(path, index, "malformed", "E106", Errors.E106.format(fmt="JSON", path=where, reason=exc))
        else:
            article = record_article(record, path=path, index=index, settings=settings, meta=meta)
            if encoding != "utf-8":
                article.meta["encoding"] = encoding
            yield article
        index += 1


def record_article(record: Any, *, path: str, index: int, settings: Settings, meta: dict[str, Any]) -> Article:
    """One Article from one JSON record; an error Article when it is not an object or has no text."""
    article = Article(path=path, meta={"record": index})
    if not isinstance(record, dict):
        article.add_error("malformed", Errors.E106.format(fmt="JSON", path=path, reason=f"record {index} is not an object"), stage="ingest", code="E106")
        return article
    text = _first(record, settings.json_text_fields)
    if isinstance(text, str):
        text = clean_string(text)
    if not isinstance(text, str) or is_blank(text):
        article.add_error("malformed", Errors.E108.format(index=index, path=path, fields=", ".join(settings.json_text_fields)), stage="ingest", code="E108")
        return article
    try:
        check_size(len(text.encode("utf-8")), path=f"{path} record {index}", limit=settings.max_bytes)
    except RejectedInput as exc:
        article.add_error(exc.kind, exc.message, stage="ingest", code=exc.code)
        return article
    article.raw_text = article.text = text.replace("\r\n", "\n").replace("\r", "\n")
    used = {name.split(".")[0] for name in settings.json_text_fields}
    fields: dict[str, Any] = {}
    for field, setting in FIELD_SETTINGS:
        names = getattr(settings, setting)
        fields[field] = _first(record, names)
        used.update(name.split(".")[0] for name in names)
    # The record's own fields come first; the file's sidecar fills what the record lacks.
    apply_meta(article, {**fields, **{k: v for k, v in record.items() if k not in used}})
    apply_meta(article, meta)
    return article


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    """The first non-empty value among `names` (dotted names read nested objects)."""
    for name in names:
        value: Any = record
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value not in (None, "", [], {}):
            return value
    return None


def _error(path: str, index: int, kind: str, code: str, message: str) -> Article:
    article = Article(path=path, meta={"record": index})
    article.add_error(kind, message, stage="ingest", code=code)
    return article
