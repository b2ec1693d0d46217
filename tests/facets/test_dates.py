"""Dates: found by our rules, resolved against the publication date (Friday 2025-01-17)."""

from __future__ import annotations

import pytest

from annales.article import Event
from annales.facets import annotate


def _values(article):
    return {d.text.lower(): (d.value, d.resolution) for d in article.dates}


@pytest.mark.parametrize(
    ("text", "expression", "value", "resolution"),
    [
        ("Le président a signé ce vendredi un accord.", "ce vendredi", "2025-01-17", "day"),
        ("Mercredi, la police a arrêté deux hommes.", "mercredi", "2025-01-15", "day"),
        ("Les banques ont été connectées en novembre dernier.", "en novembre dernier", "2024-11", "month"),
        ("La chute du régime début décembre a surpris.", "début décembre", "2024-12", "month"),
        ("Hier, le ministre est arrivé.", "hier", "2025-01-16", "day"),
        ("Le gazoduc a explosé il y a deux ans.", "il y a deux ans", "2023", "year"),
        ("L'année dernière, la croissance a ralenti.", "l'année dernière", "2024", "year"),
        ("Ils se reverront la semaine prochaine.", "la semaine prochaine", "2025-01-20", "week"),
        ("Le traité est entré en vigueur le 1er janvier 2024.", "1er janvier 2024", "2024-01-01", "day"),
        ("Le sommet du 16 juin 2021 avait échoué.", "16 juin 2021", "2021-06-16", "day"),
        ("L'accord nucléaire de 2015 a échoué.", "2015", "2015", "year"),
        ("Les années 1990 ont été difficiles.", "les années 1990", "199", "decade"),
        ("Les élections auront lieu en mars.", "en mars", "2025-03", "month"),
        ("Le président syrien doit se rendre à Ankara en juillet.", "en juillet", "2025-07", "month"),
        ("Les résultats sont attendus lundi soir.", "lundi soir", "2025-01-20", "day"),
    ],
)
def test_dates_french(faceted, text, expression, value, resolution):
    assert _values(faceted(text))[expression] == (value, resolution)


@pytest.mark.parametrize(
    ("text", "expression", "value", "resolution"),
    [
        ("The minister resigned on Monday.", "on monday", "2025-01-13", "day"),
        ("Last month, prices rose.", "last month", "2024-12", "month"),
        ("The pipeline exploded two years ago.", "two years ago", "2023", "year"),
        ("Yesterday, troops crossed the border.", "yesterday", "2025-01-16", "day"),
        ("The summit on June 16, 2021 failed.", "on june 16, 2021", "2021-06-16", "day"),
        ("The deal was signed in 2015.", "in 2015", "2015", "year"),
        ("Talks resumed in mid-March.", "in mid-march", "2024-03", "month"),
        ("They plan to march on Friday.", "on friday", "2025-01-17", "day"),
        ("He is expected to travel in May.", "in may", "2025-05", "month"),
        ("Tariffs would rise if they fail to agree by July 9.", "july 9", "2025-07-09", "day"),
    ],
)
def test_dates_english(faceted, text, expression, value, resolution):
    assert _values(faceted(text, "en"))[expression] == (value, resolution)


def test_dates_next_day_counts_from_the_last_stated_day(faceted):
    article = faceted("Il a été arrêté le 3 mars 2024. Le lendemain, il a été libéré.")
    assert _values(article)["le lendemain"] == ("2024-03-04", "day")


def test_dates_modal_may_is_no_month(faceted):
    assert not faceted("They may attack the city.", "en").dates


def test_dates_counts_are_not_years(faceted):
    assert not faceted("Le régime a envoyé 2000 soldats.").dates


def test_dates_without_publication_resolve_absolute_only(faceted):
    values = _values(faceted("Hier, il a rappelé le sommet du 16 juin 2021.", published=None))
    assert values["hier"] == (None, "day")
    assert values["16 juin 2021"] == ("2021-06-16", "day")


def test_dates_event_takes_its_clause_date(parsed):
    text = "Téhéran et Moscou ont connecté leurs systèmes bancaires en novembre dernier, et la Russie fournira du gaz."
    article = parsed(text)
    connect = text.index("connecté")
    supply = text.index("fournira")
    article.events = [
        Event(None, None, "06", "06", "COOPERATE", 0.0, 1, 0, "connecté", connect, connect + len("connecté")),
        Event(None, None, "06", "06", "COOPERATE", 0.0, 1, 0, "fournira", supply, supply + len("fournira")),
    ]
    annotate(article)
    assert [e.date for e in article.events] == ["2024-11", "2025-01-17"]


def test_dates_event_with_nominal_trigger_and_root(parsed):
    text = "Explosion à Odessa lundi dernier."
    article = parsed(text)
    article.events = [Event(None, None, "18", "18", "ASSAULT", -9.0, 4, 0, "Explosion", 0, len("Explosion"))]
    annotate(article)
    assert article.events[0].date == "2025-01-13"


def test_dates_year_before_a_singular_noun(faceted):
    values = _values(faceted("The 2015 deal collapsed.", "en"))
    assert values["2015"] == ("2015", "year")


def test_dates_a_day_soon_after_publication_with_no_past_verb_is_the_coming_one(run_text) -> None:
    # the small model reads "signera" as a participle: no tense either way, so the near day wins
    future = run_text("Le 30 juin, le président signera un accord avec la Russie.", published="2012-06-20")
    assert [d.value for d in future.dates] == ["2012-06-30"]
    past = run_text("Le 30 juin, le président a signé un accord avec la Russie.", published="2012-06-20")
    assert [d.value for d in past.dates] == ["2011-06-30"]
