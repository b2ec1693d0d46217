"""Metadata: `NAME.meta.json` sidecars and the fields they (or JSON records) may set on an Article."""

from __future__ import annotations

import json
import re
from typing import Any

from ..article import Article
from ..config import Settings

META_SUFFIX = ".meta.json"
# Fields copied onto the Article; everything else stays in `article.meta`.
ARTICLE_FIELDS: tuple[str, ...] = ("id", "title", "published", "language", "url", "source", "author")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def sidecar_name(name: str) -> str:
    """`dir/fr-02.txt` -> `dir/fr-02.meta.json` (the sidecar of an article file)."""
    stem = name[: -len(".gz")] if name.endswith(".gz") else name
    head, dot, _ = stem.rpartition(".")
    return (head if dot and "/" not in stem[len(head) :] else stem) + META_SUFFIX


def parse_sidecar(data: bytes) -> dict[str, Any]:
    """A sidecar's JSON object; an unreadable sidecar is ignored (noted in meta by the caller)."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return {"_sidecar_error": "not a JSON object"}
    return value if isinstance(value, dict) else {"_sidecar_error": "not a JSON object"}


def normalise_date(value: Any) -> str | None:
    """YYYY-MM-DD from an ISO-like date or timestamp; None for anything else."""
    match = _ISO_DATE.search(str(value or ""))
    return "-".join(match.groups()) if match else None


def apply_meta(article: Article, meta: dict[str, Any]) -> None:
    """Fill Article fields from `meta` (only fields still empty), keep the rest in article.meta."""
    for name, value in meta.items():
        if name in ARTICLE_FIELDS:
            if value in (None, "") or getattr(article, name):
                continue
            if name == "published":
                date = normalise_date(value)
                if date is None:
                    article.meta["published_raw"] = value
                value = date
            elif name == "language":
                value = str(value).strip().lower().replace("_", "-").split("-")[0] or None
            elif isinstance(value, list):  # "authors": ["A", "B"]
                value = ", ".join(str(v).strip() for v in value)
            else:
                value = str(value).strip()
            setattr(article, name, value)
        else:
            article.meta.setdefault(name, value)


def apply_defaults(article: Article, settings: Settings) -> None:
    """Settings fill what neither the input nor its sidecar gave (--published, --language)."""
    article.published = article.published or settings.published
    article.language = article.language or settings.default_language
