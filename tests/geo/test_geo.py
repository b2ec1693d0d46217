"""The geo stage on parsed fr and en sentences: places, metonyms and event locations."""

from __future__ import annotations

from annales import geo, nlp
from annales.article import Actor, ActorRef, Article, Event, Mention
from annales.config import Settings


def _parse(text: str, language: str) -> Article:
    article = Article(text=text, raw_text=text, language=language)
    nlp.run([article], Settings.make())
    return article


def _event(article: Article, trigger: str, source: ActorRef | None = None) -> Event:
    start = article.text.index(trigger)
    return Event(source=source, target=None, cameo="", cameo_root="", plover="", goldstein=0.0, quad_class=0,
                 sentence=article.sentence_of(start), trigger=trigger, start=start, end=start + len(trigger))


def test_geo_finds_and_resolves_french_places() -> None:
    article = _parse("Le président iranien s'est rendu à Moscou, puis à Bakou, la capitale de l'Azerbaïdjan.", "fr")
    geo.run([article], Settings.make())
    found = {p.text: p for p in article.locations}
    assert found["Moscou"].country == "RUS" and found["Moscou"].feature == "city"
    assert abs(found["Moscou"].lat - 55.75) < 0.1
    assert found["Bakou"].country == "AZE" and found["Azerbaïdjan"].feature == "country"
    assert not found["Moscou"].metonym


def test_geo_flags_a_capital_acting_as_government() -> None:
    article = _parse("Moscou a accusé Kiev d'avoir violé la trêve.", "fr")
    geo.run([article], Settings.make())
    moscow = next(p for p in article.locations if p.text == "Moscou")
    assert moscow.metonym


def test_geo_flags_a_place_overlapping_a_government_actor() -> None:
    article = _parse("Selon Washington, les discussions continuent.", "fr")
    start = article.text.index("Washington")
    article.actors = [Actor(name="United States", code="USAGOV", country="USA", sector="GOV",
                            mentions=[Mention("Washington", start, start + 10, 0)])]
    geo.run([article], Settings.make())
    washington = [p for p in article.locations if p.text == "Washington"]
    assert washington, article.locations  # the place is still found ...
    assert all(p.metonym for p in washington)  # ... and flagged as the government speaking


def test_geo_event_location_is_the_place_of_the_clause() -> None:
    article = _parse("The two ministers signed the agreement in Geneva on Monday, officials in Paris said.", "en")
    article.events = [_event(article, "signed")]
    geo.run([article], Settings.make())
    assert article.events[0].location is not None
    assert article.events[0].location["name"] == "Geneva"
    assert article.events[0].location["country"] == "CHE"


def test_geo_event_location_skips_the_source_metonym() -> None:
    article = _parse("Téhéran a signé un accord avec la Russie à Moscou.", "fr")
    start = article.text.index("Téhéran")
    source = ActorRef(name="Iran", code="IRNGOV", country="IRN", sector="GOV", text="Téhéran", start=start, end=start + 7)
    article.events = [_event(article, "signé", source)]
    geo.run([article], Settings.make())
    assert article.events[0].location is not None
    assert article.events[0].location["country"] == "RUS"
    assert article.events[0].location["feature"] == "city"


def test_geo_event_without_place_has_no_location() -> None:
    article = _parse("Les deux dirigeants ont signé un accord hier.", "fr")
    article.events = [_event(article, "signé")]
    geo.run([article], Settings.make())
    assert article.events[0].location is None


def test_geo_event_location_ignores_recipients_and_genitives() -> None:
    article = _parse("La Russie a fourni des missiles à l'Iran pour contrer les sanctions des États-Unis.", "fr")
    article.events = [_event(article, "fourni")]
    geo.run([article], Settings.make())
    assert {p.text for p in article.locations} >= {"Russie", "Iran", "États-Unis"}
    assert article.events[0].location is None


def test_geo_english_metonyms_are_subjects_and_agents_not_patients() -> None:
    article = _parse("Washington imposed new sanctions. The deal was rejected by Beijing. Kyiv was hit by drones.", "en")
    geo.run([article], Settings.make())
    found = {p.text: p for p in article.locations}
    assert found["Washington"].metonym and found["Washington"].country == "USA"
    assert found["Beijing"].metonym
    assert not found["Kyiv"].metonym and found["Kyiv"].country == "UKR"
