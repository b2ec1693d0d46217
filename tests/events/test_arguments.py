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
    # (the direction is what is tested: the PLOVER classifier may re-type the backing after the condemnation)
    backed = triples(coded("Backed by Russia, Iran condemned the sanctions.", language="en"))
    assert any(source == "RUS" and target == "IRN" for source, _, target, _ in backed)
    assert not any(source == "IRN" and target == "RUS" for source, _, target, _ in backed)
    asked = triples(coded("Asked about the sanctions, Iran said it would not yield.", language="en"))
    assert not any(root == "02" and source == "IRN" for source, root, _, _ in asked)


def test_arguments_the_owner_of_a_pledge_does_what_it_pledges(coded: Coded) -> None:
    # an infinitive or gerund completing a noun is done by the noun's possessor, not by the noun
    assert ("RUS", "05", "IRN", "asserted") in triples(coded("Russia's commitment to supporting Iran is unchanged.", language="en"))
    # (a pledge makes the support intended: CAMEO 03)
    assert any(s == "RUS" and t == "IRN" for s, _, t, _ in triples(coded("Moscow renewed Russia's pledge to support Iran.", language="en")))
    # a participle completing a noun describes it: Russia backs, and the noun is backed
    assert not any(source == "IRN" for source, _, _, _ in triples(coded("The Iranian forces backed by Russia advanced.", language="en")))


def test_arguments_the_subject_of_a_for_clause_is_the_one_called_on(coded: Coded) -> None:
    # "called for X to resign": the parser makes "for" the mark of the clause; X is asked to act
    assert ("RUS", "02", "IRN", "asserted") in triples(coded("Russia called for Iran to withdraw its forces.", language="en"))
    assert ("RUS", "02", None, "asserted") in triples(coded("Russia called for an immediate ceasefire.", language="en"))


def test_arguments_a_condemned_act_points_at_its_doer(coded: Coded) -> None:
    # the parser hangs "par la Russie" on the active verb; it is the invasion's agent, and Russia is condemned
    found = triples(coded("L'Iran a fermement condamné l'invasion de l'Ukraine par la Russie."))
    assert ("RUS", "19", "UKR", "asserted") in found
    assert ("IRN", "11", "RUS", "asserted") in found
    assert ("IRN", "11", "RUS", "asserted") in triples(coded("Iran condemned Russia's attack on Ukraine.", language="en"))
    # the same slip under an oblique: the people fled since the invasion, which Russia made
    assert ("RUS", "19", "UKR", "asserted") in triples(coded("Des millions de personnes ont fui depuis l'invasion de l'Ukraine par la Russie."))
    # a person named as the genitive of an attack noun is its doer; a country stays its target
    assert any(source == "RUSGOV" and root == "19" for source, root, _, _ in triples(coded("L'invasion de Poutine a échoué.")))
    assert any(target == "UKR" and root == "19" for _, root, target, _ in triples(coded("L'invasion de l'Ukraine a échoué.")))


def test_arguments_the_author_of_a_statement_is_its_participles_agent(coded: Coded) -> None:
    # "the claims made by X": X made them, so X is the one ridiculed; a letter sent to someone has no author there
    found = triples(coded("Ukraine ridiculed the claims made by Vladimir Putin on Monday.", language="en"))
    assert any(source == "UKR" and target == "RUSGOV" for source, _, target, _ in found)


def test_arguments_a_participle_hung_on_the_first_object_shares_the_first_verbs_subject(coded: Coded) -> None:
    # "a violé l'espace aérien ukrainien et livré des armes": the parser coordinates "livré" with "espace"
    found = triples(coded("La Russie a violé l'espace aérien ukrainien et livré des armes au Hezbollah."))
    assert ("RUS", "07", "LBNREB", "asserted") in found
