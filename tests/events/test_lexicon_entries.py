"""Lexicon entries added from the misses on the training articles (training/news), each read in a sentence of
our own: the plural-only noun found by its word form, talks held, denials, rape, consultations, mockery and
suspended sanctions."""

from __future__ import annotations

from tests.events.helpers import article_with_actors

RUSSIA_UKRAINE = {
    "Russie": ("RUS", "RUS", None, [r"Russie|Moscou"]),
    "Ukraine": ("UKR", "UKR", None, [r"Ukraine|Kiev"]),
}


def _codes(article: object) -> set[tuple[str | None, str, str | None]]:
    return {(e.source.code if e.source else None, e.cameo, e.target.code if e.target else None) for e in article.events}  # type: ignore[attr-defined]


def test_a_plural_only_noun_is_found_by_its_word_form() -> None:
    # spaCy's French lemmatiser gives "pourparler"; the table writes the word as news does
    article = article_with_actors("Des pourparlers entre la Russie et l'Ukraine ont eu lieu à Istanbul.", RUSSIA_UKRAINE, language="fr")
    assert ("RUS", "046", "UKR") in _codes(article)


def test_engaging_or_holding_talks_is_negotiating_with_the_partner() -> None:
    for text in ("La Russie a engagé des pourparlers avec l'Ukraine.", "La Russie a tenu des consultations avec l'Ukraine."):
        assert ("RUS", "046", "UKR") in _codes(article_with_actors(text, RUSSIA_UKRAINE, language="fr"))


def test_french_denials_are_denials() -> None:
    article = article_with_actors("Moscou a démenti ces informations. Kiev a réfuté les affirmations de Moscou.", RUSSIA_UKRAINE, language="fr")
    assert {e.cameo for e in article.events if e.trigger in ("démenti", "réfuté")} == {"016"}


def test_rape_by_soldiers_is_a_sexual_assault() -> None:
    actors = {"soldats": ("RUSMIL", "RUS", "MIL", [r"soldats russes"]), "civils": ("UKRCVL", "UKR", "CVL", [r"civiles ukrainiennes"])}
    article = article_with_actors("L'ONU documente des viols de civiles ukrainiennes par des soldats russes.", actors, language="fr")
    assert ("RUSMIL", "1821", "UKRCVL") in _codes(article)


def test_contact_needs_its_partner_but_consultations_do_not() -> None:
    bare = article_with_actors("La Russie a perdu le contact radio.", RUSSIA_UKRAINE, language="fr")
    assert not any(e.cameo == "040" for e in bare.events)
    named = article_with_actors("La Russie maintient le contact avec l'Ukraine.", RUSSIA_UKRAINE, language="fr")
    assert any(e.cameo == "040" and e.target and e.target.code == "UKR" for e in named.events)


def test_ridicule_and_tearing_into_are_criticism() -> None:
    actors = {"Labour": ("GBRGOV", "GBR", "GOV", [r"Labour"]), "Tories": ("GBROPP", "GBR", "OPP", [r"the Tories|Tory"])}
    article = article_with_actors("Labour ridiculed the Tories. Labour tore into the Tory plans.", actors, language="en")
    assert {e.cameo for e in article.events if e.trigger in ("ridiculed", "tore")} == {"111"}


def test_suspending_countermeasures_eases_sanctions() -> None:
    actors = {"EU": ("IGOEEC", "IGO", None, [r"Brussels"]), "USA": ("USA", "USA", None, [r"Washington"])}
    article = article_with_actors("Brussels suspended its countermeasures against Washington.", actors, language="en")
    assert ("IGOEEC", "085", "USA") in _codes(article)
