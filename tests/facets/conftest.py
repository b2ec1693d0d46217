"""Facet tests: parse a text with the nlp stage only, then run the facets on it (no actors or events)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annales import nlp
from annales.article import Article
from annales.config import Settings
from annales.facets import annotate


def _parse(text: str, language: str = "fr", published: str | None = "2025-01-17") -> Article:
    article = Article(raw_text=text, text=text, language=language, published=published)
    nlp.run([article], Settings.make())
    return article


@pytest.fixture(scope="session")
def parsed() -> Callable[..., Article]:
    """parsed(text, language="fr", published="2025-01-17") -> Article with `doc`, no facets yet."""
    return _parse


@pytest.fixture(scope="session")
def faceted() -> Callable[..., Article]:
    """faceted(text, language="fr", published="2025-01-17") -> Article with its facets filled."""

    def run(text: str, language: str = "fr", published: str | None = "2025-01-17") -> Article:
        article = _parse(text, language, published)
        annotate(article)
        return article

    return run
