"""HTML articles through trafilatura: main text and metadata, offline (nothing is fetched)."""

from __future__ import annotations

from typing import Any

from trafilatura import bare_extraction

from ..article import Article
from ..errors import Errors
from .decode import RejectedInput
from .meta import normalise_date

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def read_html(html: str, article: Article, *, path: str) -> Article:
    """Fill `article` from an HTML page: title, date, author, site, url and the main text."""
    # with_metadata gives title/date/author/sitename; comments are not the article.
    document = bare_extraction(html, url=article.url, with_metadata=True, include_comments=False, include_tables=False)
    found: dict[str, Any] = document.as_dict() if document is not None and hasattr(document, "as_dict") else dict(document or {})
    text = (found.get("text") or "").strip()
    if not text:
        raise RejectedInput("malformed", "E106", Errors.E106.format(fmt="HTML", path=path, reason="no main text found"))
    article.raw_text = article.text = text
    article.title = article.title or found.get("title") or None
    article.published = article.published or normalise_date(found.get("date"))
    article.author = article.author or found.get("author") or None
    article.source = article.source or found.get("sitename") or found.get("hostname") or None
    article.url = article.url or found.get("url") or None
    article.language = article.language or found.get("language") or None
    article.meta.update({k: found[k] for k in ("description", "categories", "tags") if found.get(k)})
    article.meta["format"] = "html"
    return article
