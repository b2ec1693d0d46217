"""Modality cues (annales/events/modality.py, annales/lang/fr/modality.tsv) on French sentences.
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
