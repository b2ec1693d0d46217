"""Cyrillic place names reach the gazetteer: GeoNames' Cyrillic alternate names (scripts kept:
xx/language_defaults.tsv, place_name_scripts) and our Russian case forms (xx/places_extra.tsv)."""

from __future__ import annotations

from annales.lang.gazetteer import _is_indexed_name, load_gazetteer


def test_indexed_scripts_are_latin_and_cyrillic() -> None:
    assert _is_indexed_name("Moscou") and _is_indexed_name("Москва") and _is_indexed_name("Nižní Novgorod")
    assert not _is_indexed_name("東京") and not _is_indexed_name("askalds-angwrdany") and not _is_indexed_name("Мoskva")


def test_cyrillic_names_and_case_forms_resolve() -> None:
    gaz = load_gazetteer()
    assert any(e.country == "RUS" and e.feature == "city" for e in gaz.lookup("Новосибирск"))  # a GeoNames alternate name
    assert any(e.country == "UKR" and e.feature == "city" for e in gaz.lookup("Харькове"))  # our case form
    assert any(e.country == "RUS" and e.feature == "country" for e in gaz.lookup("России"))
