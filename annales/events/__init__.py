"""events stage (being written)."""

from __future__ import annotations

from ..article import Article
from ..config import Settings

NAME = "events"
REQUIRES = ("doc", "actors")
ASSIGNS: tuple[str, ...] = ("events",)


def run(articles: list[Article], settings: Settings) -> None:
    return None
