"""geo stage (being written)."""

from __future__ import annotations

from ..article import Article
from ..config import Settings

NAME = "geo"
REQUIRES = ("doc",)
ASSIGNS: tuple[str, ...] = ("locations", "events.location")


def run(articles: list[Article], settings: Settings) -> None:
    return None
