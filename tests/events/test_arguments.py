"""Argument finding (annales/events/arguments.py) on French sentences: who fills the source and
target slots of a predicate. Actors are given (tests/events/conftest.py), the parse is spaCy's."""

from __future__ import annotations

from collections.abc import Callable

from annales.article import Article

from .helpers import triples

Coded = Callable[..., Article]


def test_arguments_armed_genitive_is_the_attack_agent(coded: Coded) -> None:
    found = triples(coded("Israël a repoussé l'assaut des combattants du Hezbollah."))
    assert ("LBNREB", "19", None, "asserted") in found
    # A genitive that is no armed group stays the target ("the attack on the embassy").
    found = triples(coded("L'attaque de l'ambassade ukrainienne a fait trois morts."))
    assert not any(source == "UKR" for source, _, _, _ in found)


def test_arguments_convener_is_the_protest_source(coded: Coded) -> None:
    found = triples(coded("Des milliers de personnes ont manifesté dimanche à Beyrouth à l'appel du Hezbollah."))
    assert any(source == "LBNREB" and root == "14" for source, root, _, _ in found)
    assert not any(target == "LBNREB" and root == "14" for _, root, target, _ in found)


def test_arguments_inclusion_list_fills_the_subject(coded: Coded) -> None:
    found = triples(coded("Plusieurs États, dont la Russie, ont condamné ces frappes."))
    assert any(source == "RUS" and root == "11" for source, root, _, _ in found)


def test_arguments_between_from_relative_clause(coded: Coded) -> None:
    found = triples(coded("Les experts évoquent les négociations qui se déroulent entre la Russie et l'Ukraine."))
    assert {("RUS", "04", "UKR", "asserted"), ("UKR", "04", "RUS", "asserted")} <= found


def test_arguments_predicative_adjective_lends_its_subject(coded: Coded) -> None:
    found = triples(coded("La Russie est prête à attaquer l'Ukraine."))
    assert ("RUS", "13", "UKR", "intended") in found  # an intended attack is coded as the threat of it


def test_arguments_an_english_participle_adjunct_is_passive(coded: Coded) -> None:
    # "Backed by Russia, X ...": Russia backs and X is backed; "Asked about ..., X said": X is the one asked.
    assert ("RUS", "05", "IRN", "asserted") in triples(coded("Backed by Russia, Iran condemned the sanctions.", language="en"))
    asked = triples(coded("Asked about the sanctions, Iran said it would not yield.", language="en"))
    assert not any(root == "02" and source == "IRN" for source, root, _, _ in asked)
