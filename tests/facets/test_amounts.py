"""Amounts: value, qualifier, unit and counted object; years, dates, ordinals and numbering are not amounts."""

from __future__ import annotations

import pytest


def _amounts(article):
    return [(a.value, a.qualifier, a.unit, a.object) for a in article.amounts]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("La Russie va fournir jusqu’à 55 milliards de mètres cubes de gaz par an.", "fr", (55e9, "up_to", "m3", "mètres cubes de gaz par an")),
        ("Pyongyang a envoyé plus de 10\u202f000 soldats.", "fr", (10000, "more_than", None, "soldats")),
        ("Pyongyang a envoyé plus de 10 000 soldats.", "fr", (10000, "more_than", None, "soldats")),
        ("Après près de trente cycles de négociations, ils ont signé.", "fr", (30, "nearly", None, "cycles de négociations")),
        ("Le traité compte 47 articles.", "fr", (47, None, None, "articles")),
        ("Le plan coûte environ 2,5 millions d'euros.", "fr", (2.5e6, "about", "EUR", "euros")),
        ("Le candidat a obtenu 99 % des voix.", "fr", (99, None, "%", None)),
        ("Washington pledged $39 billion in aid.", "en", (39e9, None, "USD", None)),
        ("Some 1.5m people have fled.", "en", (1.5e6, "about", None, "people")),
        ("At least 25 people were killed.", "en", (25, "at_least", None, "people")),
        ("More than 10,000 troops were deployed.", "en", (10000, "more_than", None, "troops")),
        ("Brussels suspended the measures for 90 days.", "en", (90, None, "day", "days")),
        ("Entre 3 000 et 4 000 soldats ont été déployés.", "fr", (3000, None, None, "soldats")),
        ("Quarante et une listes sont en compétition.", "fr", (41, None, None, "listes")),
        ("Une cinquantaine de tracteurs ont bloqué la ville.", "fr", (50, "about", None, "tracteurs")),
    ],
)
def test_amounts_found(faceted, text, language, expected):
    assert expected in _amounts(faceted(text, language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le traité a été signé le 16 juin 2021.", "fr"),
        ("L'accord nucléaire de 2015 a échoué.", "fr"),
        ("Il est arrivé 1er de la course.", "fr"),
        ("L'article 5 du traité s'applique.", "fr"),
        ("La Russie a livré des missiles S-300.", "fr"),
        ("Le traité a été préparé pendant trois ans.", "fr"),
        ("La trêve a duré trois heures.", "fr"),
        ("Les deux pays ont signé.", "fr"),
        ("The meeting starts at 10:30.", "en"),
        ("Article 51 of the charter applies.", "en"),
    ],
)
def test_amounts_not_counted(faceted, text, language):
    assert _amounts(faceted(text, language)) == []


@pytest.mark.parametrize(
    ("text", "language", "count_type"),
    [
        ("At least 25 people were killed.", "en", "KILL"),
        ("Police arrested 12 men in the capital.", "en", "ARREST"),
        ("Some 500 protesters gathered outside parliament.", "en", "PROTEST"),
        ("L'attaque a fait au moins 23 morts.", "fr", "KILL"),
        ("La police a interpellé 12 personnes.", "fr", "ARREST"),
        ("Plus de 3 000 manifestants ont défilé.", "fr", "PROTEST"),
        ("More than 10,000 troops were deployed.", "en", None),
        ("Le plan coûte environ 2,5 millions d'euros.", "fr", None),
    ],
)
def test_amounts_count_type(faceted, text, language, count_type):
    [amount] = faceted(text, language).amounts
    assert amount.count_type == count_type
