"""Criticism in reported speech (annales/events/criticism.py)."""

from __future__ import annotations

from annales.article import Article

from .conftest import ACTORS
from .helpers import article_with_actors


def _accusations(text: str, language: str) -> set[tuple[str | None, str | None]]:
    article: Article = article_with_actors(text, ACTORS, language=language, speech_criticism=True)
    return {(e.source.code if e.source else None, e.target.code if e.target else None)
            for e in article.events if "opinion_speech" in e.method and e.plover == "ACCUSE"}


def test_a_speech_verb_whose_complement_speaks_ill_of_another_actor_is_criticism() -> None:
    assert _accusations("Iran said the Russian strikes were a disgrace and a crime.", "en") == {("IRN", "RUS")}
    assert _accusations("L'Iran a estimé que les frappes russes étaient une honte et un crime.", "fr") == {("IRN", "RUS")}
    # the quotation before an inverted attribution
    assert _accusations("The Russian plan is dangerous and stupid, Iran said.", "en") == {("IRN", "RUS")}


def test_criticism_is_on_by_default_and_can_be_switched_off() -> None:
    text = "Iran said the Russian strikes were a disgrace and a crime."
    assert [e for e in article_with_actors(text, ACTORS, language="en").events if "opinion_speech" in e.method]
    assert not [e for e in article_with_actors(text, ACTORS, language="en", speech_criticism=False).events if "opinion_speech" in e.method]


def test_neutral_or_praising_speech_and_speech_about_oneself_are_no_criticism() -> None:
    assert _accusations("Iran said the Russian delegation would arrive on Monday.", "en") == set()
    assert _accusations("Iran said the Russian proposal was excellent and helpful.", "en") == set()
    assert _accusations("Iran said Iranian officials had made a terrible mistake.", "en") == set()


def test_a_fact_attributed_after_the_clause_is_no_criticism() -> None:
    # the wire names its source after the fact; the words of the fact weigh negative but judge no one
    assert _accusations("Russian troops seized illegal weapons and arrested angry smugglers, Iran said.", "en") == set()


def test_the_criticised_actor_is_a_doer_or_an_owner_not_a_place_or_a_partner() -> None:
    assert _accusations("Iran said the talks in Russia had been a disaster and a waste.", "en") == set()
    assert _accusations("Iran said it was a terrible mistake to work with Russia.", "en") == set()
    assert _accusations("Iran said Russia's plan was a disaster.", "en") == {("IRN", "RUS")}


def test_acts_of_force_weigh_nothing_in_the_judgement() -> None:
    # "bombing" and "killings" report what happened to the victims; nothing in the clause judges Russia
    assert _accusations("Iran said Russia had helped the victims of the bombing and the killings.", "en") == set()


def test_a_claim_about_another_actor_is_an_accusation_whatever_its_words() -> None:
    # "claim" and "allege" (the language's allegation_speech) contest what they report: no valence needed, and
    # the claim may follow what it reports; "said" so placed only reports it.
    assert _accusations("Iran claimed that Russia had moved its troops.", "en") == {("IRN", "RUS")}
    assert _accusations("Russia has moved its troops to the border, Iran claimed.", "en") == {("IRN", "RUS")}
    assert not _accusations("Russia has moved its troops to the border, Iran said.", "en")


OPPOSITION = {
    **ACTORS,
    "Iranian opposition": ("IRNOPP", "IRN", "OPP", [r"\bThe reformists\b", r"\bLes réformateurs\b"]),
}


def _government_criticism(text: str, language: str) -> set[tuple[str | None, str | None]]:
    article = article_with_actors(text, OPPOSITION, language=language, speech_criticism=True)
    return {(e.source.code if e.source else None, e.target.code if e.target else None) for e in article.events if "implied-government" in e.method}


def test_the_oppositions_ill_words_that_name_no_one_criticise_the_government() -> None:
    text = "Pezeshkian presented the budget. The reformists said it was a disgrace and a waste of money."
    assert _government_criticism(text, "en") == {("IRNOPP", "IRNGOV")}
    # praise, or ill words from a speaker who is not the opposition, criticise no one
    assert _government_criticism("Pezeshkian presented the budget. The reformists said it was excellent and helpful.", "en") == set()
    assert _government_criticism("Pezeshkian presented the budget. Russia said it was a disgrace and a waste of money.", "en") == set()
    # no government named in the article: no target to give
    assert _government_criticism("The reformists said it was a disgrace and a waste of money.", "en") == set()
