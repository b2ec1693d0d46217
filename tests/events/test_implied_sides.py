"""Sides the article implies: court rulings that reject an actor's case (annales/events/rulings.py) and the police
behind an arrest with no named doer (`coding.implied_police`)."""

from __future__ import annotations

from annales.article import Article

from .conftest import ACTORS
from .helpers import article_with_actors

COURTS = {
    **ACTORS,
    "Cour suprême iranienne": ("IRNJUD", "IRN", "JUD", [r"\b[Tt]he Supreme Court\b", r"\b[Ll]a Cour suprême\b"]),
    "Iranian opposition": ("IRNOPP", "IRN", "OPP", [r"\b[Tt]he reformists\b", r"\b[Ll]es réformateurs\b"]),
}


def _rejections(text: str, language: str) -> set[tuple[str | None, str | None]]:
    article: Article = article_with_actors(text, COURTS, language=language)
    return {(e.source.code if e.source else None, e.target.code if e.target else None) for e in article.events if "ruling_speech" in e.method}


def test_a_court_ruling_that_an_actor_may_not_act_rejects_that_actors_case() -> None:
    assert _rejections("The Supreme Court ruled that Tehran cannot hold the referendum.", "en") == {("IRNJUD", "IRNGOV")}
    assert _rejections("La Cour suprême a jugé que les réformateurs ne pouvaient pas organiser le scrutin.", "fr") == {("IRNJUD", "IRNOPP")}


def test_an_affirmative_ruling_or_a_negation_by_another_speaker_is_no_rejection() -> None:
    assert _rejections("The Supreme Court ruled that Tehran can hold the referendum.", "en") == set()
    assert _rejections("The reformists ruled that Tehran cannot hold the referendum.", "en") == set()  # no court
    assert _rejections("The Supreme Court ruled that the referendum cannot take place.", "en") == set()  # no actor ruled on


POLICE = {**COURTS, "Police iranienne": ("IRNCOP", "IRN", "COP", [r"\b[Tt]he Iranian police\b"])}


def _arrests(text: str) -> set[tuple[str | None, str | None]]:
    article = article_with_actors(text, POLICE, language="en", disabled_stages=("judge",))
    return {(e.source.code if e.source else None, e.target.code if e.target else None) for e in article.events if e.cameo == "173"}


def test_an_arrest_with_no_named_doer_is_the_arrested_ones_police_when_the_article_names_them() -> None:
    assert _arrests("The Iranian police patrolled the streets. The reformists were arrested on Monday.") == {("IRNCOP", "IRNOPP")}
    assert _arrests("The reformists were arrested on Monday.") == {(None, "IRNOPP")}  # no police named: no doer given
    assert _arrests("The Iranian police patrolled the streets. Russian troops arrested the reformists.") == {("RUS", "IRNOPP")}
