"""The gazetteer: names, exonyms, aliases and the lookup-only tables."""

from __future__ import annotations

from annales.geo.gazetteer import fold, load_gazetteer
from annales.geo.resolve import candidates


def test_gazetteer_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold("Saint-Étienne") == "saint etienne"
    assert fold("U.S.") == "us"
    assert fold("l’Iran") == "l iran"


def test_gazetteer_french_exonyms_find_the_city() -> None:
    gaz = load_gazetteer()
    for name, country, lat, lon in (("Moscou", "RUS", 55.75, 37.62), ("Bakou", "AZE", 40.38, 49.89), ("Pékin", "CHN", 39.9, 116.4)):
        best = max(gaz.lookup(name), key=lambda e: e.population)
        assert best.country == country
        assert abs(best.lat - lat) < 0.5 and abs(best.lon - lon) < 0.5


def test_gazetteer_country_names_in_several_languages() -> None:
    gaz = load_gazetteer()
    for name in ("Allemagne", "Germany", "Alemania", "Deutschland"):
        assert any(e.feature == "country" and e.country == "DEU" for e in gaz.lookup(name))
    assert any(e.feature == "country" and e.country == "USA" for e in gaz.lookup("U.S."))


def test_gazetteer_extra_places_have_coordinates() -> None:
    gaz = load_gazetteer()
    sea = gaz.lookup("mer Noire")
    assert sea and sea[0].feature == "sea" and sea[0].lat is not None
    assert any(e.feature == "region" and e.country == "UKR" for e in gaz.lookup("Donbass"))


def test_gazetteer_demonyms_and_abbreviations_are_not_place_names() -> None:
    gaz = load_gazetteer()
    assert not any(e.feature == "country" for e in gaz.lookup("Iranian"))
    assert candidates(gaz, "Iranian")[1] == []
    _, found = candidates(gaz, "Iranian", demonyms=True)
    assert [e.country for e in found] == ["IRN"]
    _, found = candidates(gaz, "Kan.")
    assert [e.name for e in found] == ["Kansas"]
