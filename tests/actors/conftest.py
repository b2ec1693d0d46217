"""Actor-stage fixtures: run only the stages the actors stage needs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annales import Actor, Article


@pytest.fixture(scope="session")
def actors_of(run_text: Callable[..., Article]) -> Callable[..., Article]:
    """actors_of(text, language="fr", published="2025-01-17") -> Article parsed and with actors."""

    def run(text: str, language: str = "fr", published: str | None = "2025-01-17") -> Article:
        return run_text(text, language=language, published=published, stages=("nlp", "actors"))

    return run


@pytest.fixture(scope="session")
def actor_with() -> Callable[[Article, str], Actor]:
    """actor_with(article, text) -> the actor one of whose mentions contains `text`."""

    def find(article: Article, text: str) -> Actor:
        for actor in article.actors:
            if any(text in m.text for m in actor.mentions):
                return actor
        raise AssertionError(f"no actor mentions {text!r}: {[(a.name, [m.text for m in a.mentions]) for a in article.actors]}")

    return find
