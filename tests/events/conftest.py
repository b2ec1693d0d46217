"""Actors for the hand-written event sentences: built here, not by the actors stage."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annales.article import Article

from .helpers import ActorSpec, article_with_actors

ACTORS: ActorSpec = {
    "Russie": ("RUS", "RUS", None, [r"\bRussie\b", r"\bRussia\b", r"\brusses?\b", r"\bRussian\b"]),
    "Kremlin": ("RUSGOV", "RUS", "GOV", [r"\bMoscou\b", r"\bMoscow\b", r"\bPoutine\b", r"\bPutin\b"]),
    "Iran": ("IRN", "IRN", None, [r"\bIran\b", r"\biranien\w*", r"\bIranian\b"]),
    "Téhéran": ("IRNGOV", "IRN", "GOV", [r"\bTéhéran\b", r"\bTehran\b", r"\bPezeshkian\b"]),
    "Ukraine": ("UKR", "UKR", None, [r"\bUkraine\b", r"\bukrainien\w*", r"\bKyiv\b", r"\bKiev\b"]),
    "Occident": ("WST", None, None, [r"\bOccident\b", r"\bthe West\b"]),
    "États-Unis": ("USA", "USA", None, [r"\bWashington\b", r"\bUnited States\b", r"\baméricain\w*"]),
    "Corée du Nord": ("PRKGOV", "PRK", "GOV", [r"\bPyongyang\b", r"\bKim Jong-un\b"]),
    "Israël": ("ISR", "ISR", None, [r"\bIsraël\b", r"\bIsrael\b"]),
    "Hezbollah": ("LBNREB", "LBN", "REB", [r"\bHezbollah\b"]),
}


@pytest.fixture(scope="session")
def coded() -> Callable[..., Article]:
    """coded(text, language, **settings) -> Article with the ACTORS above and its events."""

    def run(text: str, language: str = "fr", **overrides: object) -> Article:
        return article_with_actors(text, ACTORS, language=language, **overrides)

    return run
