"""French frames and modality cues found on the Wikinews dev set (tests/gold/fr_sentences_dev.jsonl):
threats with an infinitive, attributions ("selon"), finite adverbial clauses, reciprocal fights,
support verbs and idioms. Actors are given (tests/events/conftest.py), the parse is spaCy's."""

from __future__ import annotations

from collections.abc import Callable

from annales.article import Article

from .helpers import triples

Coded = Callable[..., Article]


def test_threat_with_infinitive_is_asserted_and_its_act_hypothetical(coded: Coded) -> None:
    found = triples(coded("La Russie a menacé d'envahir l'Ukraine."))
    # The threat takes its target from the threatened act; the act itself is only possible.
    assert ("RUS", "13", "UKR", "asserted") in found
    assert ("RUS", "19", "UKR", "hypothetical") in found
    assert not any(root == "19" and mood in ("asserted", "intended") for _, root, _, mood in found)


def test_attribution_with_selon_makes_the_event_reported(coded: Coded) -> None:
    reported = triples(coded("Selon Washington, la Russie a livré des missiles à l'Iran."))
    assert ("RUS", "07", "IRN", "reported") in reported
    assert ("RUS", "07", "IRN", "asserted") in triples(coded("La Russie a livré des missiles à l'Iran."))


def test_finite_adverbial_clause_keeps_its_own_mood(coded: Coded) -> None:
    article = coded(
        "Israël a demandé une résolution qui permettrait de juger le Hezbollah, bien que, comme le rappelle l'Iran, "
        "« la Russie a précédemment bloqué les efforts de l'Ukraine »."
    )
    blocked = [e for e in article.events if e.trigger == "bloqué"]
    assert blocked and all(e.modality == "asserted" for e in blocked)


def test_se_battre_is_a_reciprocal_fight(coded: Coded) -> None:
    found = triples(coded("La Russie et l'Ukraine se battent depuis des mois pour le contrôle de la ville."))
    assert {("RUS", "19", "UKR", "asserted"), ("UKR", "19", "RUS", "asserted")} <= found
    # Without "se", "battre" is no event ("battu aux élections").
    assert not triples(coded("La Russie a battu l'Ukraine au football."))


def test_mettre_en_cause_is_an_accusation(coded: Coded) -> None:
    assert ("IRN", "11", "RUS", "asserted") in triples(coded("L'Iran met en cause la Russie."))


def test_descendre_dans_la_rue_is_a_protest(coded: Coded) -> None:
    found = triples(coded("Des opposants iraniens sont descendus dans la rue mardi."))
    assert any(source == "IRN" and root == "14" for source, root, _, _ in found)
    assert not triples(coded("Des opposants iraniens sont descendus du train mardi."))


def test_intimer_l_ordre_is_a_demand(coded: Coded) -> None:
    assert ("USA", "10", "IRNGOV", "asserted") in triples(coded("Washington a intimé l'ordre à Téhéran de libérer les otages."))


def test_mentionner_que_reports(coded: Coded) -> None:
    found = triples(coded("Téhéran mentionne que la Russie a livré des drones à l'Ukraine."))
    assert ("RUS", "07", "UKR", "reported") in found


def test_organiser_lends_its_subject_to_the_event_noun(coded: Coded) -> None:
    found = triples(coded("L'Iran a organisé une réunion avec la Russie."))
    assert any(source == "IRN" and root == "04" for source, root, _, _ in found)


def test_placed_on_alert_mobilises_the_placed_force(coded: Coded) -> None:
    found = triples(coded("L'armée russe a été mise en état d'alerte."))
    assert any(source == "RUS" and root == "15" for source, root, _, _ in found)


def test_siege_needs_a_place_to_be_a_siege(coded: Coded) -> None:
    assert not triples(coded("Le siège du ministère russe a été évacué."))
    found = triples(coded("Le siège de la ville par la Russie dure depuis un mois."))
    assert any(source == "RUS" and root == "19" for source, root, _, _ in found)
