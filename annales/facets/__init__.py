"""facets stage (being written)."""

from __future__ import annotations

from ..article import Article
from ..config import Settings

NAME = "facets"
REQUIRES = ("doc",)
ASSIGNS: tuple[str, ...] = ("dates", "events.date", "amounts", "quotations", "themes", "tone")


def run(articles: list[Article], settings: Settings) -> None:
    return None
