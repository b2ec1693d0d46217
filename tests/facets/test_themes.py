"""Themes: keyword lexicons on lemmas, counted per theme."""

from __future__ import annotations

from annales.facets.themes import keyword_index, taxonomy


def test_themes_taxonomy_size():
    assert 45 <= len(taxonomy()) <= 60
    assert {"SANCTIONS", "NUCLEAR", "CEASEFIRE", "TERRORISM", "REFUGEES"} <= taxonomy()


def test_themes_keywords_are_in_taxonomy():
    for language in ("fr", "en"):
        assert keyword_index(language)  # raises E801 on a theme outside the taxonomy


def test_themes_french_lemmas(faceted):
    article = faceted("Les sanctions contre l'Iran visent son programme nucléaire. Un cessez-le-feu a été conclu.")
    counts = {h.theme: h.count for h in article.themes}
    assert counts["SANCTIONS"] == 1
    assert counts["NUCLEAR"] == 1
    assert counts["CEASEFIRE"] == 1


def test_themes_english_phrase_wins(faceted):
    article = faceted("Refugees fled the armed conflict after the ceasefire collapsed.", "en")
    themes = {h.theme for h in article.themes}
    assert {"REFUGEES", "ARMED_CONFLICT", "CEASEFIRE"} <= themes
