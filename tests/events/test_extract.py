"""Events from hand-written French and English sentences (actors given, parse by spaCy)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annales.article import Article

from .conftest import ACTORS
from .helpers import ActorSpec, article_with_actors, triples

Coded = Callable[..., Article]


def test_extract_signed_agreement_fr_with_counterpart(coded: Coded) -> None:
    article = coded("Le président iranien a signé vendredi avec son homologue russe un accord de partenariat stratégique.")
    assert triples(article) == {("IRN", "05", "RUS", "asserted")}
    assert all(e.cameo == "057" and e.plover == "SUPPORT" for e in article.events)


def test_extract_signed_agreement_en_coordinated_subjects(coded: Coded) -> None:
    found = triples(coded("Russia and Iran signed a strategic partnership agreement on Friday.", "en"))
    assert {("RUS", "05", "IRN", "asserted"), ("IRN", "05", "RUS", "asserted")} <= found


def test_extract_negation_fr_and_en(coded: Coded) -> None:
    fr = coded("La Russie n'a pas attaqué l'Ukraine.")
    en = coded("Russia did not attack Ukraine.", "en")
    for article in (fr, en):
        (event,) = [e for e in article.events if e.cameo_root == "19"]
        assert event.negated and event.modality == "negated"
        assert event.source and event.source.code == "RUS" and event.target and event.target.code == "UKR"


def test_extract_denial_negates_the_embedded_event(coded: Coded) -> None:
    article = coded("Iran denied that it had supplied drones to Russia.", "en")
    (supply,) = [e for e in article.events if e.cameo_root == "07"]
    assert supply.negated and supply.cue == "denied"
    assert supply.source and supply.source.code == "IRN"  # "it" resolved to the denying subject
    assert supply.target and supply.target.code == "RUS"


def test_extract_future_is_intended_and_coded_as_intent(coded: Coded) -> None:
    article = coded("La Russie prévoit de fournir du gaz vers l'Iran.")
    assert ("RUS", "03", "IRN", "intended") in triples(article)
    (event,) = article.events
    assert event.cameo == "0311" and event.cue == "prévoit" and event.method.endswith("+intent")
    assert ("RUS", "03", "IRN", "intended") in triples(coded("Russia will send troops to Iran.", "en"))
    # An intended attack is a threat.
    assert ("RUS", "13", "UKR", "intended") in triples(coded("Russia plans to attack Ukraine.", "en"))


def test_extract_wish_of_another_is_no_intent(coded: Coded) -> None:
    found = triples(coded("The United States wants Russia to attack Switzerland.", "en"))
    assert ("USA", "02", "RUS", "asserted") in found
    assert any(source == "RUS" and root == "19" and mood == "hypothetical" for source, root, _, mood in found)
    assert not any(root == "13" for _, root, _, _ in found)


def test_extract_reported_attack_is_an_accusation(coded: Coded) -> None:
    found = triples(coded("The United States said that Russia had attacked Ukraine.", "en"))
    assert ("RUS", "19", "UKR", "reported") in found
    assert ("USA", "11", "RUS", "asserted") in found
    # The attacker's own side reporting its attack accuses nobody; nor does the press.
    assert not any(root == "11" for _, root, _, _ in triples(coded("Moscow said that Russia had attacked Ukraine.", "en")))
    press = {"Reuters": ("FRAMED", "FRA", "MED", [r"\bReuters\b"]), "Russia": ("RUS", "RUS", None, [r"\bRussia\b"]), "Ukraine": ("UKR", "UKR", None, [r"\bUkraine\b"])}
    reported = article_with_actors("Russia attacked Ukraine, Reuters reported.", press, language="en")
    assert not any(e.cameo_root == "11" for e in reported.events)


def test_extract_refusal_becomes_rejection(coded: Coded) -> None:
    found = triples(coded("Russia refused to provide military aid to Iran.", "en"))
    assert ("RUS", "12", "IRN", "asserted") in found
    assert not any(root == "07" for _, root, _, _ in found)
    fr = triples(coded("La Russie a refusé de livrer des missiles à l'Iran."))
    assert ("RUS", "12", "IRN", "asserted") in fr


def test_extract_conditional_is_hypothetical(coded: Coded) -> None:
    found = triples(coded("If Russia attacks Ukraine, Washington would impose sanctions.", "en"))
    assert ("RUS", "19", "UKR", "hypothetical") in found


def test_extract_accusation_and_reported_supply_fr(coded: Coded) -> None:
    article = coded("L'Occident accuse Téhéran d'avoir fourni des milliers de drones à la Russie.")
    found = triples(article)
    assert ("WST", "11", "IRNGOV", "asserted") in found
    (supply,) = [e for e in article.events if e.cameo_root == "07"]
    assert supply.modality == "reported" and supply.cue == "accuse"
    assert supply.source and supply.source.code == "IRNGOV"


def test_extract_accusation_and_reported_supply_en(coded: Coded) -> None:
    found = triples(coded("Washington accused Tehran of supplying missiles to Moscow.", "en"))
    assert ("USA", "11", "IRNGOV", "asserted") in found
    assert ("IRNGOV", "07", "RUSGOV", "reported") in found


def test_extract_passive_agent_fr_noun_and_participle(coded: Coded) -> None:
    found = triples(coded("Les coups portés par Israël au Hezbollah ont été dévastateurs."))
    assert ("ISR", "19", "LBNREB", "asserted") in found
    sent = triples(coded("L'envoi de plus de 10 000 soldats à Koursk par le régime de Kim Jong-un."))
    assert any(s == "PRKGOV" and root == "07" for s, root, _, _ in sent)


def test_extract_passive_agent_en(coded: Coded) -> None:
    found = triples(coded("Ukraine was attacked by Russia and Iran.", "en"))
    assert {("RUS", "19", "UKR", "asserted"), ("IRN", "19", "UKR", "asserted")} <= found


def test_extract_event_nouns_fr(coded: Coded) -> None:
    found = triples(coded("Les sanctions américaines contre la Russie ont été renforcées après l'invasion russe de l'Ukraine."))
    assert ("USA", "16", "RUS", "asserted") in found
    assert ("RUS", "19", "UKR", "asserted") in found


def test_extract_support_verb_relative_clause_fr(coded: Coded) -> None:
    found = triples(coded("Les drones avec lesquels Moscou a mené des attaques massives contre les infrastructures ukrainiennes."))
    assert ("RUSGOV", "19", "UKR", "asserted") in found


def test_extract_no_event_without_actor(coded: Coded) -> None:
    assert coded("Les soldats ont attaqué le village à l'aube.").events == []


def test_extract_one_event_per_triple(coded: Coded) -> None:
    article = coded("The United States imposed sanctions on Russia.", "en")
    assert [(e.source.code if e.source else None, e.cameo, e.target.code if e.target else None) for e in article.events] == [("USA", "163", "RUS")]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_extract_events_carry_ontology_fields(coded: Coded, language: str) -> None:
    text = {"fr": "La Russie a bombardé l'Ukraine.", "en": "Russia bombed Ukraine."}[language]
    (event,) = coded(text, language).events
    assert event.quad_class == 4 and event.goldstein < -5 and event.plover == "ASSAULT"
    assert event.method.startswith(f"lexicon:{language}/event_verbs:")
    assert text[event.start : event.end] == event.trigger


def test_extract_blocking_sense_is_no_event(coded: Coded) -> None:
    # "accuser une baisse" (to post a fall) is not an accusation.
    assert not any(e.cameo_root == "11" for e in coded("La Russie accuse une baisse de ses exportations vers l'Iran.").events)


def test_extract_repairs_a_wrong_lemma_and_lends_the_support_verb_subject(coded: Coded) -> None:
    # spaCy lemmatises "staged" as "stag"; the protest noun takes the subject of its support verb.
    found = triples(coded("Iranian activists staged a protest against Russia.", "en"))
    assert ("IRN", "14", "RUS", "asserted") in found


def test_extract_capital_after_preposition_is_the_target(coded: Coded) -> None:
    # "Pékin" is no actor here (a place after "à"), but it is where the visit goes: CHNGOV.
    article = coded("Le président iranien s'est rendu à Pékin.")
    (event,) = article.events
    assert event.cameo == "042" and event.target is not None
    assert (event.target.code, event.target.actor, event.target.text) == ("CHNGOV", None, "Pékin")


def test_extract_consultation_is_mutual(coded: Coded) -> None:
    found = triples(coded("Russia held talks with Iran on Monday.", "en"))
    assert {("RUS", "04", "IRN", "asserted"), ("IRN", "04", "RUS", "asserted")} <= found
    # A reciprocal act that is no consultation keeps its one direction.
    signed = triples(coded("Ukraine ratified an agreement with Russia.", "en"))
    assert ("UKR", "05", "RUS", "asserted") in signed and ("RUS", "05", "UKR", "asserted") not in signed


def test_extract_passive_instrument_names_the_weapon(coded: Coded) -> None:
    found = {(e.cameo, e.target.code if e.target else None) for e in coded("An Iranian airliner was blown up by a missile.", "en").events}
    assert ("195", "IRN") in found


def test_extract_own_side_reporting_an_attack_claims_it(coded: Coded) -> None:
    found = triples(coded("Moscow said that Russia had attacked Ukraine.", "en"))
    assert ("RUS", "19", "UKR", "reported") in found
    assert ("RUSGOV", "01", "UKR", "asserted") in found  # 015: acknowledge or claim responsibility
    assert not any(root == "11" for _, root, _, _ in found)


def test_extract_claimed_responsibility_names_the_doer(coded: Coded) -> None:
    article = coded("Hezbollah claimed responsibility for the attack on Israel.", "en")
    (claim,) = [e for e in article.events if e.cameo == "015"]
    (attack,) = [e for e in article.events if e.cameo_root == "19"]
    assert claim.source and claim.source.code == "LBNREB" and claim.target and claim.target.code == "ISR"
    assert attack.source and attack.source.code == "LBNREB" and attack.method.endswith("+claimed")


def test_extract_undergoing_verb_makes_its_subject_the_target(coded: Coded) -> None:
    assert ("RUS", "16", "IRN", "asserted") in triples(coded("Iran faces new sanctions from Russia.", "en"))
    assert ("RUS", "19", "UKR", "asserted") in triples(coded("Ukraine suffered heavy attacks by Russian forces.", "en"))
    assert ("USA", "13", "IRNGOV", "asserted") in triples(coded("Tehran came under pressure from Washington.", "en"))
    # No event of the verb's own: receiving a threat is no hosted visit.
    found = triples(coded("Iran received threats from Israel.", "en"))
    assert ("ISR", "13", "IRN", "asserted") in found and not any(root == "04" for _, root, _, _ in found)


def test_extract_document_takes_its_origin_from_its_participle(coded: Coded) -> None:
    found = triples(coded("A report published in Tehran accused Israel of attacking Lebanon.", "en"))
    assert any(source in ("IRN", "IRNGOV") and root == "11" and target == "ISR" for source, root, target, _ in found)
    # A recipient is no author.
    letter = triples(coded("A letter sent to Putin accused Israel of attacking Lebanon.", "en"))
    assert not any(source in ("RUS", "RUSGOV") for source, _, _, _ in letter)


def test_extract_clause_in_a_slot_keeps_its_actors(coded: Coded) -> None:
    # Moscow is what the prisoners acted against, not whom they were imprisoned by or for.
    found = triples(coded("The prisoners jailed for acting against Moscow were freed.", "en"))
    assert not any(target in ("RUS", "RUSGOV") and root == "17" for _, root, target, _ in found)


def test_extract_gerund_of_misattached_object_takes_the_object_as_subject() -> None:
    # The parser hangs "of seeking" on the object; the object still does what it is accused of.
    actors: ActorSpec = {"West": ("WST", None, None, [r"\bWestern\b"]), "Russia": ("RUS", "RUS", None, [r"\bRussia\b"]), "Kremlin": ("RUSGOV", "RUS", "GOV", [r"\bMoscow\b"])}
    article = article_with_actors("Moscow has accused Western diplomats of seeking to blame Russia for the explosion.", actors, language="en")
    assert any(source == "WST" and root == "11" and target == "RUS" for source, root, target, _ in triples(article))

def test_extract_took_to_the_streets_is_a_protest(coded: Coded) -> None:
    found = triples(coded("Iranian protesters took to the streets of Tehran on Friday.", "en"))
    assert any(source == "IRN" and root == "14" for source, root, _, _ in found)


def test_extract_writing_to_and_raising_with_are_consultations(coded: Coded) -> None:
    found = triples(coded("Putin wrote to Pezeshkian on Monday.", "en"))
    assert ("RUSGOV", "04", "IRNGOV", "asserted") in found
    found = triples(coded("Putin raised the issue with Pezeshkian on Monday.", "en"))
    assert ("RUSGOV", "04", "IRNGOV", "asserted") in found


def test_extract_a_participle_that_only_describes_its_noun_is_no_event() -> None:
    from annales import process_text

    article = process_text(
        "Vendredi, une patrouille militaire burkinabè a été attaquée par des hommes armés près de Djibo.",
        language="fr", published="2020-01-26", stages=("nlp", "actors", "events"),
    )
    assert not [e for e in article.events if e.trigger == "armés"]  # "des hommes armés": no one armed anyone
    # the patrol is the army's (a sector noun), so the attack's target is the Burkinabè military
    assert {(e.source and e.source.code, e.plover, e.target and e.target.code) for e in article.events} == {("BFAREB", "ASSAULT", "BFAMIL")}


def test_extract_a_default_sense_needs_the_target_that_licenses_it(coded: Coded) -> None:
    # "warned that ..." states a worry, "a reçu du gaz" hosts no one: no event without a target
    assert not any(root == "13" for _, root, _, _ in triples(coded("Russia has warned that the crisis will last.", "en")))
    assert ("RUS", "13", "UKR", "asserted") in triples(coded("Russia warned Ukraine on Friday.", "en"))
    assert not any(root == "04" for _, root, _, _ in triples(coded("La Russie a reçu du gaz en janvier.")))
    assert any(root == "04" for _, root, _, _ in triples(coded("La Russie a reçu le président iranien.")))


def test_extract_french_past_conditional_reports_unless_a_condition_makes_it_hypothetical(coded: Coded) -> None:
    assert ("RUS", "19", "UKR", "reported") in triples(coded("La Russie aurait attaqué l'Ukraine mardi."))
    assert ("UKR", "19", "RUS", "hypothetical") in triples(coded("Si Moscou avait attaqué, l'Ukraine aurait riposté contre la Russie."))


def test_extract_a_consultation_in_an_adjunct_takes_the_clause_subject(coded: Coded) -> None:
    # Y took part in the talks the adjunct names, which the narrator states (not Y's report)
    found = triples(coded("After talks with Iran, Putin said the deal was close.", "en"))
    assert ("RUSGOV", "04", "IRN", "asserted") in found
    assert ("RUSGOV", "04", "IRN", "asserted") in triples(coded("Après des entretiens avec l'Iran, Poutine a salué un accord proche."))
    assert ("RUSGOV", "04", "IRN", "asserted") in triples(coded("In a call with Iran, Putin promised to help.", "en"))


def test_extract_a_town_struck_is_its_countrys(coded: Coded) -> None:
    assert ("RUS", "19", "UKR", "asserted") in triples(coded("Les forces russes ont bombardé Kharkiv dans la nuit."))
    assert ("RUS", "19", "UKR", "asserted") in triples(coded("Russian forces shelled Kharkiv overnight.", "en"))
    # a protest in a town is no act against its country
    assert not any(target == "FRA" for _, _, target, _ in triples(coded("Russian students protested in Lyon.", "en")))


def test_extract_the_scene_of_a_one_sided_armed_act_is_its_target() -> None:
    from annales import process_text

    def found(text: str, language: str) -> set[tuple[str | None, str, str | None]]:
        article = process_text(text, language=language, published="2024-03-01", disabled_stages=("judge",))
        return {(e.source and e.source.code, e.cameo_root, e.target and e.target.code) for e in article.events}

    # the country where an attack or a raid happens, named after a scene preposition, is the side that suffers it
    assert ("USAMIL", "19", "SOM") in found("Les forces américaines ont mené un raid en Somalie.", "fr")
    assert ("RUSMIL", "19", "UKR") in found("Russian forces fought in Bakhmut.", "en")
    # a country's name is the country even where a town bears it ("Mali" is also a town in China)
    assert any(target == "MLI" for _, _, target in found("Jihadists attacked a village in northern Mali.", "en"))
    # statements keep no scene: a criticism voiced in Paris is not aimed at France
    assert not any(target == "FRA" for _, _, target in found("Russian diplomats criticised the sanctions in Paris.", "en"))


def test_extract_no_event_between_two_actors_with_one_code() -> None:
    from annales import process_text

    article = process_text("Le ministre français de l'Intérieur a critiqué le gouvernement français.", language="fr", published="2024-03-01")
    assert not [e for e in article.events if e.source and e.target and e.source.code == e.target.code]
    article = process_text("Le gouvernement français a critiqué l'opposition française.", language="fr", published="2024-03-01")
    assert ("FRAGOV", "FRAOPP") in {(e.source and e.source.code, e.target and e.target.code) for e in article.events}


def test_extract_a_press_interview_is_no_consultation() -> None:
    from annales import process_text

    article = process_text("Speaking to the BBC on Saturday, the Irish prime minister Micheál Martin said talks would resume.", language="en", published="2022-11-05")
    assert not [e for e in article.events if e.cameo_root == "04" and "MED" in {e.source and e.source.sector, e.target and e.target.sector}]


def test_extract_a_quantity_noun_passes_its_verb_and_arguments_through(coded: Coded) -> None:
    assert ("RUS", "19", "UKR", "asserted") in triples(coded("La Russie a mené une série de frappes contre l'Ukraine."))
    found = triples(coded("Putin said he would hold another round of talks with Iran.", "en"))
    assert any(source == "RUSGOV" and target == "IRN" and root in ("03", "04") for source, root, target, _ in found)


def _restated(text: str, language: str = "fr", **overrides: object) -> Article:
    return article_with_actors(text, ACTORS, language=language, event_anaphora=True, **overrides)


def test_event_noun_without_actors_restates_the_articles_event() -> None:
    """"La guerre" names no party: it restates the invasion the article reported with both sides."""
    text = "La Russie a envahi l'Ukraine en février. La guerre a fait des milliers de morts."
    war = [e for e in _restated(text).events if e.trigger == "guerre"]
    assert len(war) == 1 and war[0].source.code == "RUS" and war[0].target.code == "UKR"
    assert "+event-anaphora:" in war[0].method and war[0].sentence == 1
    # the setting is off by default
    assert not [e for e in article_with_actors(text, ACTORS, language="fr").events if e.trigger == "guerre"]


def test_event_anaphora_leaves_indefinite_unanchored_and_other_nouns_alone() -> None:
    # an indefinite noun introduces another event; without an event of its kind a noun has no sides
    assert not [e for e in _restated("La Russie a envahi l'Ukraine. Une guerre commerciale menace.").events if e.trigger == "guerre"]
    assert not [e for e in _restated("La guerre a fait des milliers de morts. La Russie a rencontré l'Iran.").events if e.trigger == "guerre"]
    # a root outside the language's restated_roots (a threat) is not followed back
    assert not [e for e in _restated("La Russie a menacé l'Ukraine. Les menaces inquiètent.").events if e.trigger == "menaces"]


def test_extract_the_agent_of_a_participle_that_voices_a_statement_is_its_source(coded: Coded) -> None:
    # "formuler", "voice", "level" carry the statement noun they take, as "mener" carries an attack
    assert ("ISR", "11", "IRN", "asserted") in triples(coded("Les critiques formulées par Israël contre l'Iran ont surpris."))
    assert any(s == "ISR" and root == "11" for s, root, _, _ in triples(coded("The accusations levelled by Israel surprised Iran.", language="en")))


def test_extract_a_rejected_statement_was_made_all_the_same(coded: Coded) -> None:
    # rejecting a call or an accusation does not unsay it; denying an attack does deny the attack
    found = triples(coded("Iran rejected Israel's call for new sanctions.", language="en"))
    assert any(s == "ISR" and root == "02" and mood == "asserted" for s, root, _, mood in found)
    assert any(root == "19" and mood == "negated" for _, root, _, mood in triples(coded("Iran denied the attack on Israel.", language="en")))
