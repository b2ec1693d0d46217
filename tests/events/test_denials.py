"""Denials in reported speech (annales/events/denials.py), on the whole pipeline's actors (judge off: the rules'
own reading)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annales.article import Article

Run = Callable[..., Article]


@pytest.fixture(scope="module")
def denials(run_text: Run) -> Callable[..., set[tuple[str | None, str | None]]]:
    def found(text: str, language: str = "en") -> set[tuple[str | None, str | None]]:
        article = run_text(text, language=language, disabled_stages=("judge",))
        return {(e.source.code if e.source else None, e.target.code if e.target else None) for e in article.events if "denial_speech" in e.method}

    return found


def test_a_negated_complement_about_the_speaker_is_a_denial(denials: Callable[..., set[tuple[str | None, str | None]]]) -> None:
    assert denials("Vladimir Putin said he had not ordered the strike.") == {("RUSGOV", None)}
    assert denials("Vladimir Putin insisted his soldiers were not in the town.") == {("RUSGOV", None)}
    assert denials("Vladimir Poutine a assuré qu'il n'avait pas ordonné la frappe.", "fr") == {("RUSGOV", None)}
    assert denials('Vladimir Putin said: "I did not order the strike."') == {("RUSGOV", None)}
    assert denials("Vladimir Putin said he had done nothing wrong.") == {("RUSGOV", None)}  # a negative pronoun negates too


def test_a_negated_complement_about_someone_else_or_an_affirmed_one_is_no_denial(denials: Callable[..., set[tuple[str | None, str | None]]]) -> None:
    assert denials("Vladimir Putin said Ukraine had not ordered the strike.") == set()  # a claim about another actor
    assert denials("Vladimir Putin said he had ordered the strike.") == set()
    assert denials("Vladimir Putin said the weather was not good.") == set()  # nothing of the speaker's
    assert denials("Vladimir Putin said their figures did not add up.") == set()  # one person has no "their"
    assert denials('Vladimir Putin said: "He is not an honest man."') == set()  # a third person in a quotation
    assert denials("Vladimir Putin said he was not consulted.") == set()  # undergone, not denied
    assert denials("Vladimir Putin said he did not think the strike was wise.") == set()  # a thought, not a denial
    assert denials("Vladimir Putin said he does not intend to order a strike.") == set()  # a plan


def test_a_sentence_whose_rules_code_a_rejection_by_the_speaker_adds_no_denial(denials: Callable[..., set[tuple[str | None, str | None]]]) -> None:
    assert denials("Vladimir Putin rejected the accusation and said he had not ordered the strike.") == set()
