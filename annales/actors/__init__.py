"""actors stage (being written)."""

from __future__ import annotations

from ..article import Article
from ..config import Settings

NAME = "actors"
REQUIRES = ("doc",)
ASSIGNS: tuple[str, ...] = ("actors",)


def run(articles: list[Article], settings: Settings) -> None:
    return None
