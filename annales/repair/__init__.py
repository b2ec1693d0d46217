"""repair: clean scraped and machine-translated text, recording every change.

Passes run in order on the text the previous one left (setting `repairs`):
layout (title line, title copy, id line, captions), mojibake, quotes, words (glued, doubled,
article collisions). Every change is a `Repair`; `article.offset_map` maps cleaned offsets
back to `raw_text` (`article.offset_map.span_to_raw(start, end)`).
"""

from __future__ import annotations

from collections.abc import Callable

from ..article import Article, Repair
from ..config import Settings
from ..text import identify_text, paragraph_spans
from .characters import clean_fragment, mojibake_edits, quote_edits
from .layout import layout_edits
from .offsets import Edit, OffsetMap, apply_edits
from .words import word_edits

NAME = "repair"
REQUIRES = ("raw_text", "id", "title", "language")
ASSIGNS = ("text", "repairs", "captions", "offset_map", "paragraphs")

__all__ = ["OffsetMap", "paragraph_spans", "repair_article"]


def run(articles: list[Article], settings: Settings) -> None:
    for article in articles:
        repair_article(article, passes=settings.repairs)


def repair_article(article: Article, *, passes: tuple[str, ...] = ("layout", "mojibake", "quotes", "words")) -> Article:
    """Clean `article.raw_text` into `article.text` (the body), recording repairs and captions.

    article (Article): with `raw_text` (and `title`, `id` when known).
    passes (tuple[str, ...]): which passes to run, in this order.
    RETURNS (Article): the same article, repaired.
    """
    text = article.raw_text
    omap = OffsetMap(len(text))
    repairs: list[Repair] = []
    if "layout" in passes:
        edits, article.captions = layout_edits(text, article)
        text, omap = apply_edits(text, omap, edits, repairs)
        for caption in article.captions:  # raw offsets stay on the caption; its text is cleaned
            caption.text = clean_fragment(caption.text)
    steps: list[tuple[str, Callable[[str], list[Edit]]]] = [("mojibake", mojibake_edits), ("quotes", quote_edits)]
    for name, make in steps:
        if name in passes:
            text, omap = apply_edits(text, omap, make(text), repairs)
    if "words" in passes:
        # Repair runs before the language stage; a quick guess serves when no language was given.
        language = article.language or identify_text(text)[0]
        text, omap = apply_edits(text, omap, word_edits(text, language), repairs)
    article.text = text
    article.offset_map = omap
    article.repairs = repairs
    article.paragraphs = paragraph_spans(text)
    return article
