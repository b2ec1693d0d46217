"""Metadata: `NAME.meta.json` sidecars and the fields they (or JSON records) may set on an Article."""

from __future__ import annotations

import datetime as dt
import email.utils
import errno
import json
import math
import os
import re
import stat
from typing import Any

from ..article import Article
from ..config import Settings
from ..errors import Errors

META_SUFFIX = ".meta.json"
# Fields copied onto the Article; everything else stays in `article.meta`.
ARTICLE_FIELDS: tuple[str, ...] = ("id", "title", "published", "language", "url", "source", "author")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
# Lone UTF-16 surrogates (from JSON escapes such as "\ud800") cannot be written as UTF-8 anywhere downstream.
_SURROGATES = re.compile("[\ud800-\udfff]")
# Metadata nested deeper than this is left out (with a warning): real records nest a few levels, and a crafted
# one nested a thousand deep would exhaust the stack of everything that walks it later (JSON output, the store).
MAX_META_DEPTH = 32
# A sidecar that cannot be there: none, a name too long to have one, a link to nothing.
_NO_SIDECAR = frozenset({errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG})


def sidecar_name(name: str) -> str:
    """`dir/fr-02.txt` -> `dir/fr-02.meta.json` (the sidecar of an article file)."""
    stem = name[: -len(".gz")] if name.endswith(".gz") else name
    head, dot, _ = stem.rpartition(".")
    return (head if dot and "/" not in stem[len(head) :] else stem) + META_SUFFIX


def parse_sidecar(data: bytes) -> dict[str, Any]:
    """A sidecar's JSON object; an unreadable sidecar is ignored (noted in meta by the caller)."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {"_sidecar_error": "not a JSON object"}
    return value if isinstance(value, dict) else {"_sidecar_error": "not a JSON object"}


def read_sidecar(path: str, *, limit: int) -> dict[str, Any]:
    """The sidecar metadata of the article file `path`: {} when it has none, a `_sidecar_error` note when its
    sidecar cannot be used (not a regular file, larger than `limit` bytes, unreadable, not a JSON object)."""
    side = sidecar_name(path)
    try:
        info = os.stat(side)
        if not stat.S_ISREG(info.st_mode):
            # never opened: a FIFO would block forever
            return {"_sidecar_error": "not a regular file"}
        if info.st_size > limit:
            return {"_sidecar_error": "too large"}
        with open(side, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        return {} if exc.errno in _NO_SIDECAR else {"_sidecar_error": "unreadable"}
    return parse_sidecar(data)


def nested_deeper(value: Any, limit: int) -> bool:
    """True when lists and objects in `value` nest more than `limit` levels (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, dict)):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False


def normalise_date(value: Any) -> str | None:
    """YYYY-MM-DD from a date in a common format (ISO 8601, RSS/e-mail, day-first 16/05/2022, or what dateparser
    reads); None when no real calendar date can be read (0000-00-00, 2024-02-30)."""
    raw = str(value or "").strip()
    if not raw:
        return None
    match = _ISO_DATE.search(raw)
    if match:
        return _valid(*map(int, match.groups()))
    match = _DAY_FIRST.fullmatch(raw)
    if match:
        day, month, year = map(int, match.groups())
        return _valid(year, month, day)
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import: only for dates in no common machine format

    parsed = dateparser.parse(raw[:100], settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    return parsed.date().isoformat() if parsed else None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat() if year >= 1 else None
    except ValueError:
        return None


def clean_string(value: str) -> str:
    """`value` with lone surrogates replaced by U+FFFD, so it can be stored and printed as UTF-8."""
    return _SURROGATES.sub("\ufffd", value)


def apply_meta(article: Article, meta: dict[str, Any]) -> None:
    """Fill Article fields from `meta` (only fields still empty), keep the rest in article.meta."""
    for name, value in meta.items():
        if nested_deeper(value, MAX_META_DEPTH):
            article.add_error("deep_metadata", Errors.W102.format(name=clean_string(str(name))[:80], limit=MAX_META_DEPTH), stage="ingest", code="W102")
            continue
        if name in ARTICLE_FIELDS:
            if value in (None, "") or getattr(article, name):
                continue
            if name == "published":
                date = normalise_date(value)
                if date is None:
                    article.meta["published_raw"] = clean_string(str(value))[:200]
                    article.add_error("bad_date", Errors.W101.format(value=clean_string(str(value))[:80]), stage="ingest", code="W101")
                value = date
            elif name == "language":
                value = clean_string(str(value)).strip().lower().replace("_", "-").split("-")[0] or None
            elif isinstance(value, list):  # "authors": ["A", "B"]
                value = clean_string(", ".join(str(v).strip() for v in value))
            else:
                value = clean_string(str(value).strip())
            setattr(article, name, value)
        else:
            article.meta.setdefault(clean_string(str(name)), _clean_value(value))


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean_string(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # NaN and Infinity are not JSON: "nan", "inf" keep what the input said
    if isinstance(value, list):
        return [_clean_value(v) for v in value]
    if isinstance(value, dict):
        return {clean_string(str(k)): _clean_value(v) for k, v in value.items()}
    return value


def apply_defaults(article: Article, settings: Settings) -> None:
    """Settings fill what neither the input nor its sidecar gave (--published, --language)."""
    article.published = article.published or settings.published
    article.language = article.language or settings.default_language
