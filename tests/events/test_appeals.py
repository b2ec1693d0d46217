"""Appeals in speech (annales/events/appeals.py): a speaker saying what another actor should or must do appeals to
it (CAMEO 020). Sentences of our own; actors given (tests/events/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

from annales.article import Article

from .helpers import triples

Coded = Callable[..., Article]


def _appeals(article: Article) -> set[tuple[str | None, str | None]]:
    return {(e.source.code if e.source else None, e.target.code if e.target else None) for e in article.events if e.cameo == "020"}


def test_a_speaker_saying_another_actor_should_act_appeals_to_it(coded: Coded) -> None:
    assert ("IRN", "RUS") in _appeals(coded("Iran said Russia should withdraw its troops from Ukraine.", language="en"))
    assert ("IRN", "RUS") in _appeals(coded('"Russia must withdraw its troops from Ukraine," Iran said.', language="en"))
    assert ("IRN", "RUS") in _appeals(coded("Iran said Russia needed to withdraw its troops.", language="en"))
    assert ("IRN", "RUS") in _appeals(coded("L'Iran a affirmé que la Russie devait retirer ses troupes d'Ukraine."))


def test_the_obliged_act_keeps_its_own_reading(coded: Coded) -> None:
    found = triples(coded("Iran said Russia should withdraw its troops from Ukraine.", language="en"))
    assert not any(root == "08" and mood == "asserted" for _, root, _, mood in found)


def test_no_appeal_to_oneself_the_public_or_without_an_obligation(coded: Coded) -> None:
    assert not _appeals(coded("Iran said it had to defend itself.", language="en"))
    assert not _appeals(coded("Iran said people should stay calm.", language="en"))
    assert not _appeals(coded("Iran said Russia withdrew its troops from Ukraine.", language="en"))


def test_the_setting_turns_appeals_off(coded: Coded) -> None:
    assert not _appeals(coded("Iran said Russia should withdraw its troops from Ukraine.", language="en", speech_appeals=False))
