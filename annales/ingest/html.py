"""HTML articles through trafilatura: main text and metadata, offline (nothing is fetched)."""

from __future__ import annotations

import re
from typing import Any

from trafilatura import bare_extraction

from ..article import Article
from ..errors import Errors
from .decode import RejectedInput, is_blank
from .meta import apply_meta, clean_string, normalise_date

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# trafilatura's fallback extractors (jusText above all) take time quadratic in the number of block elements: a
# page with 50,000 table rows took 170 s. Past this many, the main extractor alone reads the page (1.4 s there).
FALLBACK_MAX_BLOCKS = 2000
_BLOCK = re.compile(r"<(?:p|div|tr|td|th|li|dd|dt|h[1-6]|pre|blockquote|section|article)[\s>/]", re.IGNORECASE)


def read_html(html: str, article: Article, *, path: str) -> Article:
    """Fill `article` from an HTML page: title, date, author, site, url and the main text."""
    # with_metadata gives title/date/author/sitename; comments are not the article.
    fast = _many_blocks(html)
    try:
        document = bare_extraction(html, url=article.url, with_metadata=True, include_comments=False, include_tables=False, fast=fast)
    except Exception as exc:  # a third-party parser on hostile markup: its failure is this record's error
        reason = f"the HTML parser failed ({type(exc).__name__}: {clean_string(str(exc))[:200]})"
        raise RejectedInput("malformed", "E106", Errors.E106.format(fmt="HTML", path=path, reason=reason)) from exc
    found: dict[str, Any] = document.as_dict() if document is not None and hasattr(document, "as_dict") else dict(document or {})
    text = clean_string(found.get("text") or "").strip()
    if is_blank(text):
        raise RejectedInput("malformed", "E106", Errors.E106.format(fmt="HTML", path=path, reason="no main text found"))
    article.raw_text = article.text = text
    article.title = article.title or found.get("title") or None
    article.published = article.published or normalise_date(found.get("date"))
    article.author = article.author or found.get("author") or None
    article.source = article.source or found.get("sitename") or found.get("hostname") or None
    article.url = article.url or found.get("url") or None
    if not article.language and found.get("language"):
        # "en-US", "fr_FR" -> "en", "fr", as for metadata from a sidecar or a JSON record
        apply_meta(article, {"language": found["language"]})
    article.meta.update({k: found[k] for k in ("description", "categories", "tags") if found.get(k)})
    article.meta["format"] = "html"
    if fast:
        article.meta["html_extraction"] = f"fast: no fallback extractors (more than {FALLBACK_MAX_BLOCKS} block elements)"
    return article


def _many_blocks(html: str) -> bool:
    return any(count > FALLBACK_MAX_BLOCKS for count, _ in enumerate(_BLOCK.finditer(html), 1))
