"""Plain-text articles: a title line, paragraphs on blank lines, an optional trailing id line.

The whole decoded text becomes `raw_text`; the title and id found here are set on the
Article and the repair stage takes their lines out of the body, recording it.
"""

from __future__ import annotations

import re

from ..article import Article

TITLE_MAX_CHARS = 300
# A bare record id on the last line ("fr-02", "bbc-tech-012", "AFP_2024_118"): letters first,
# at least one separator and one digit, no spaces.
ID_LINE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_:.][A-Za-z0-9]+)+")
ID_MAX_CHARS = 64


def title_line(text: str) -> str | None:
    """The first line when it is followed by a blank line and reads like a headline."""
    lines = text.lstrip().split("\n", 2)
    if len(lines) < 3 or lines[1].strip():
        return None
    first = lines[0].strip()
    # A headline is short and does not end like a sentence of body text.
    if not first or len(first) > TITLE_MAX_CHARS or (first.endswith(".") and not first.endswith("...")):
        return None
    return first


def id_line(text: str) -> str | None:
    """The last line when it is a bare record id standing alone after a blank line."""
    body, sep, last = text.rstrip().rpartition("\n")
    last = last.strip()
    if not sep or not body.strip() or len(last) > ID_MAX_CHARS or not ID_LINE.fullmatch(last):
        return None
    if not any(ch.isdigit() for ch in last) or not body.rstrip(" \t").endswith("\n"):
        return None
    return last


def read_text(text: str, article: Article) -> Article:
    """Fill `article` from a plain-text document (title and id only where not given)."""
    article.raw_text = article.text = text
    article.title = article.title or title_line(text)
    article.id = article.id or id_line(text)
    return article
