"""Tone: GDELT-style percentages of positive and negative words from the VADER lexicons."""

from __future__ import annotations

import pytest


def test_tone_formula(faceted):
    tone = faceted("The war was a terrible disaster.", "en").tone
    assert tone is not None and tone.word_count == 6
    assert tone.tone == pytest.approx(tone.positive - tone.negative)
    assert tone.polarity == pytest.approx(tone.positive + tone.negative)
    assert tone.negative > 0 and tone.tone < 0


def test_tone_french_positive(faceted):
    tone = faceted("La paix est une excellente nouvelle, un succès formidable.").tone
    assert tone is not None and tone.tone > 0


def test_tone_negation_flips(faceted):
    plain = faceted("This is good.", "en").tone
    negated = faceted("This is not good.", "en").tone
    assert plain.tone > 0 > negated.tone
