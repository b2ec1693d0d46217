"""French frames and modality cues found on the Wikinews dev set (tests/gold/fr_sentences_dev.jsonl):
threats with an infinitive, attributions ("selon"), finite adverbial clauses, reciprocal fights,
support verbs and idioms. Actors are given (tests/events/conftest.py), the parse is spaCy's."""

from __future__ import annotations

from collections.abc import Callable

from annales.article import Article

from .conftest import ACTORS
from .helpers import article_with_actors, triples

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


def test_attribution_opening_the_sentence_covers_its_relative_clause(coded: Coded) -> None:
    # "selon X" hangs on the main verb; the attack is in a relative clause under it
    found = triples(coded("Selon Moscou, il s'agit de missiles que l'Ukraine a tirés contre la Russie."))
    assert ("UKR", "19", "RUS", "reported") in found
    assert ("UKR", "19", "RUS", "asserted") in triples(coded("Il s'agit de missiles que l'Ukraine a tirés contre la Russie."))


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


def test_plain_attribution_states_what_a_claim_only_reports(coded: Coded) -> None:
    # docs/annotation.md, section 5: "X mentionne que ..." leaves the act stated, "X affirme que ..." distances it
    assert ("RUS", "07", "UKR", "asserted") in triples(coded("Téhéran mentionne que la Russie a livré des drones à l'Ukraine."))
    assert ("RUS", "07", "UKR", "reported") in triples(coded("Téhéran affirme que la Russie a livré des drones à l'Ukraine."))
    # a hostile act so attributed is an accusation: reported, with the speaker's accusation
    hostile = triples(coded("Kiev a dit que la Russie a attaqué l'Ukraine."))
    assert ("RUS", "19", "UKR", "reported") in hostile


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


def test_extract_fr_execution_takes_its_agent_from_par(coded: Coded) -> None:
    found = triples(coded("L'exécution par la Russie de dix soldats ukrainiens a été confirmée."))
    assert ("RUS", "18", "UKR", "asserted") in found


def test_extract_fr_prise_of_a_place_is_a_seizure(coded: Coded) -> None:
    found = triples(coded("La prise de la ville par les forces russes a surpris l'Ukraine."))
    assert any(source == "RUS" and root == "19" for source, root, _, _ in found)
    # "prise" without a place is no event ("une prise de position").
    assert not triples(coded("La prise de position de la Russie a surpris l'Ukraine."))


def test_extract_fr_s_emparer_de_is_a_seizure(coded: Coded) -> None:
    assert ("RUS", "19", "UKR", "asserted") in triples(coded("Les forces russes se sont emparées de la ville ukrainienne."))


def test_extract_fr_armed_intervention_is_a_use_of_force(coded: Coded) -> None:
    assert ("RUS", "19", "UKR", "asserted") in triples(coded("L'intervention armée de la Russie en Ukraine a commencé."))


def test_extract_fr_handing_over_control_is_a_concession(coded: Coded) -> None:
    assert ("RUS", "08", "IRN", "asserted") in triples(coded("La Russie a transféré le pouvoir à l'Iran."))
    assert ("RUS", "08", "IRN", "asserted") in triples(coded("La Russie a remis le pouvoir à l'Iran."))


def test_extract_fr_aiming_at_a_building_is_an_attack(coded: Coded) -> None:
    assert any(source == "RUS" and root == "19" for source, root, _, _ in triples(coded("Les forces russes ont visé un hôtel de Kiev.")))
    assert not triples(coded("La Russie vise un accord avec l'Ukraine."))


def test_extract_fr_breaking_off_relations_between_two_states(coded: Coded) -> None:
    found = triples(coded("Cet incident a provoqué la rupture des relations entre la Russie et l'Ukraine."))
    assert ("RUS", "16", "UKR", "asserted") in found


def test_extract_fr_fighting_between_two_states(coded: Coded) -> None:
    found = triples(coded("Les combats entre la Russie et l'Ukraine ont repris."))
    assert ("RUS", "19", "UKR", "asserted") in found


def test_extract_fr_self_immolation_is_a_protest(coded: Coded) -> None:
    found = triples(coded("Des opposants iraniens se sont immolés devant l'ambassade."))
    assert ("IRN", "14", None, "asserted") in found


def test_extract_fr_capturing_a_town_and_a_bombing(coded: Coded) -> None:
    assert ("RUS", "19", "UKR", "asserted") in triples(coded("Les forces russes ont capturé la ville ukrainienne."))
    assert (None, "18", "ISR", "asserted") in triples(coded("Un attentat contre l'ambassade d'Israël a fait dix morts."))


def test_claim_fr_names_the_doer_and_takes_the_target(coded: Coded) -> None:
    article = coded("Le Hezbollah a revendiqué l'attaque contre Israël.")
    assert ("LBNREB", "01", "ISR", "asserted") in triples(article)
    (attack,) = [e for e in article.events if e.cameo_root == "19"]
    assert attack.source and attack.source.code == "LBNREB"


def test_own_forces_reported_fr_is_a_claim_not_an_accusation() -> None:
    # "ses forces" is an actor of unknown country: the possessive makes it the speaker's own.
    actors = {**ACTORS, "forces": ("", None, None, [r"\bforces\b"])}
    found = triples(article_with_actors("La Russie a déclaré que ses forces avaient frappé l'Ukraine.", actors, language="fr"))
    assert ("RUS", "01", "UKR", "asserted") in found
    assert not any(root == "11" for _, root, _, _ in found)


def test_undergone_event_fr_targets_the_subject(coded: Coded) -> None:
    assert ("RUS", "19", "UKR", "asserted") in triples(coded("L'Ukraine a subi de violentes frappes de la Russie."))
    assert ("USA", "10", "IRNGOV", "asserted") in triples(coded("Téhéran est sous la pression de Washington."))  # pressure: a demand


def test_extract_fr_negated_one_sided_act_survives_a_full_event_of_its_root(coded: Coded) -> None:
    # The full RETREAT to Ukraine is asserted; the negated withdrawal is another act, not a restatement.
    found = triples(coded("La Russie a remis les prisonniers à l'Ukraine mais ne va pas retirer ses troupes."))
    assert ("RUS", "08", "UKR", "asserted") in found
    assert ("RUS", "08", None, "negated") in found


def test_extract_fr_coups_suspicion_encouragement_and_amnesty(coded: Coded) -> None:
    assert ("RUS", "17", "IRN", "asserted") in triples(coded("Des officiers russes ont renversé le gouvernement iranien."))
    assert ("RUS", "11", "UKR", "asserted") in triples(coded("La Russie soupçonne l'Ukraine d'espionnage."))
    assert ("RUSGOV", "02", "IRNGOV", "asserted") in triples(coded("Moscou encourage Téhéran à négocier."))
    assert ("RUSGOV", "08", "UKR", "asserted") in triples(coded("Moscou a amnistié des prisonniers ukrainiens."))


def test_extract_fr_idioms_that_are_no_events(coded: Coded) -> None:
    # "en exercice" is a term of office, "recevoir des informations" no visit.
    assert not triples(coded("Le président russe en exercice a parlé."))
    assert not any(root == "04" for _, root, _, _ in triples(coded("La Russie a reçu des informations de l'Iran.")))


def test_an_event_noun_as_a_passives_agent_is_done_to_its_subject_and_not_planned(coded: Coded) -> None:
    # "viser" governs an intent ("vise à"), but "visé par des attaques" only says who the attacks hit
    found = triples(coded("L'Ukraine a été visée à plusieurs reprises par des attaques russes."))
    assert ("RUS", "19", "UKR", "asserted") in found
