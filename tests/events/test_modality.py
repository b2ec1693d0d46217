"""Modality cues (annales/cameo/modality.py, annales/lang/fr/modality.tsv) on French sentences.
Actors are given (tests/events/conftest.py), the parse is spaCy's."""

from __future__ import annotations

from collections.abc import Callable

from annales.article import Article

from .helpers import triples

Coded = Callable[..., Article]


def test_modality_event_noun_after_depuis_or_apres_is_a_fact(coded: Coded) -> None:
    # The negation of the main clause does not reach an act it dates itself by.
    assert (None, "19", "UKR", "asserted") in triples(coded("Le Kremlin ne s'est pas exprimé depuis l'attaque de la Russie contre l'Ukraine."))
    assert ("RUS", "19", None, "asserted") in triples(coded("Moscou n'a pas réagi après les frappes russes contre l'Ukraine."))


def test_modality_ordered_act_is_not_asserted(coded: Coded) -> None:
    found = triples(coded("Poutine a ordonné le retrait des troupes russes."))
    assert any(root == "08" for _, root, _, _ in found)
    assert not any(root == "08" and mood == "asserted" for _, root, _, mood in found)


def test_modality_negated_intention_verb_negates_the_act(coded: Coded) -> None:
    # "ne va pas retirer": the negation on the governing "aller" negates the act, no intention is left.
    found = triples(coded("La Russie ne va pas retirer ses troupes d'Ukraine."))
    assert ("RUS", "08", "UKR", "negated") in found
    assert not any(mood == "intended" for _, _, _, mood in found)


def test_modality_participle_adjunct_escapes_a_negating_governor(coded: Coded) -> None:
    # "contester" negates its complement, but "déposant" is an adjunct the parser took for one.
    found = triples(coded("Moscou a contesté le verdict, déposant une plainte contre l'Ukraine."))
    assert ("RUSGOV", "11", "UKR", "asserted") in found
    assert not any(mood == "negated" for _, _, _, mood in found)


def test_modality_attribution_incise_makes_the_event_reported(coded: Coded) -> None:
    # "..., rapporte X" cites a second-hand source, as "selon X" does.
    assert ("RUS", "07", "IRN", "reported") in triples(coded("La Russie a livré des missiles à l'Iran, rapporte un journal britannique."))


def test_modality_a_verb_coordinated_with_a_governing_one_is_not_its_complement(coded: Coded) -> None:
    # "a démenti ... et a accusé": the accusation is a second act of the same subject, not a denied one.
    assert ("UKR", "11", "RUS", "asserted") in triples(coded("L'Ukraine a démenti ces allégations et a accusé la Russie."))
    assert ("UKR", "11", "RUS", "asserted") in triples(coded("Ukraine denied the allegations and accused Russia.", language="en"))


def test_modality_an_improbable_or_possible_act_is_hypothetical(coded: Coded) -> None:
    assert ("RUS", "19", "UKR", "hypothetical") in triples(coded("Il est peu probable que la Russie attaque l'Ukraine."))
    assert ("RUS", "19", "UKR", "hypothetical") in triples(coded("Il est possible que la Russie attaque l'Ukraine."))
    assert {mood for _, root, _, mood in triples(coded("Russia is unlikely to attack Ukraine.", language="en")) if root == "19"} == {"hypothetical"}


def test_modality_a_planned_or_decided_act_is_intended(coded: Coded) -> None:
    # an intended withdrawal is coded as the intent to yield (CAMEO 035x)
    withdrawals = [e for e in coded("Moscou a présenté un plan de retrait des troupes russes d'Ukraine.").events if e.trigger == "retrait"]
    assert withdrawals and all(e.modality == "intended" for e in withdrawals)


def test_talks_held_as_a_plan_are_the_intent_alone(run_text: Callable[..., Article]) -> None:
    # "hold talks" in the future is the intent to meet (036); the noun "talks" restates it, not a meeting held
    article = run_text("The Northern Ireland Secretary said he would hold another round of talks with the Stormont parties next week.", language="en")
    codes = {e.cameo for e in article.events}
    assert "036" in codes and not any(code.startswith("04") for code in codes)
