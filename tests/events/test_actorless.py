"""Events without an actor: coded only for the CAMEO roots a language lists as `actorless_roots` in its
event_settings.tsv (Spanish does; French and English do not, so their events keep needing an actor), and, for the
judge's 'full' mode, its `judged_actorless_roots` (French and English), which the judge gives sides or drops."""

from __future__ import annotations

import dataclasses

import pytest

from annales import events, judge, nlp
from annales.article import Article
from annales.cameo.lexicon import load_lexicon
from annales.config import Settings
from annales.events.extract import ACTORLESS_METHOD, ACTORLESS_ROOTS, JUDGED_ACTORLESS_ROOTS

from .helpers import article_with_actors

STRIKE = "La grève des enseignants continue."


def _coded_without_actors(text: str, judge_mode: str = "complete") -> Article:
    """`text` parsed as French and run through the events stage with no actor at all, for the judge's `judge_mode`."""
    article = Article(raw_text=text, text=text, language="fr")
    settings = Settings.make(default_language="fr", judge_mode=judge_mode)
    nlp.run([article], settings)
    events.run([article], settings)
    return article


@pytest.fixture
def french_with_actorless_protest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The French lexicon as if its event_settings listed protest (14) among `actorless_roots`."""
    french = load_lexicon("fr")
    lexicon = dataclasses.replace(french, settings={**french.settings, ACTORLESS_ROOTS: ("14",)})
    monkeypatch.setattr(events, "load_lexicon", lambda language: lexicon if language == "fr" else load_lexicon(language))


def test_french_and_english_list_no_actorless_roots() -> None:
    assert not load_lexicon("fr").settings.get(ACTORLESS_ROOTS)
    assert not load_lexicon("en").settings.get(ACTORLESS_ROOTS)
    assert "14" in load_lexicon("es").settings[ACTORLESS_ROOTS]


def test_no_actorless_event_by_default() -> None:
    assert _coded_without_actors(STRIKE).events == []


@pytest.mark.usefixtures("french_with_actorless_protest")
def test_actorless_event_keeps_its_provenance() -> None:
    (event,) = _coded_without_actors(STRIKE).events
    assert event.source is None and event.target is None
    assert event.cameo == "143" and event.modality == "asserted"
    assert (event.trigger, event.sentence) == ("grève", 0)
    assert STRIKE[event.start : event.end] == "grève"
    assert event.method.startswith("lexicon:fr/event_nouns") and event.method.endswith(ACTORLESS_METHOD)


@pytest.mark.usefixtures("french_with_actorless_protest")
def test_actorless_event_needs_a_listed_root() -> None:
    # An attack (19) is not listed: without an actor it stays uncoded.
    assert [e.cameo_root for e in _coded_without_actors("L'attaque a eu lieu hier. La grève continue.").events] == ["14"]


@pytest.mark.usefixtures("french_with_actorless_protest")
def test_actorless_reading_gives_way_to_one_with_a_side() -> None:
    # The verb names the protesters' country; the strike, with no actor of its own, adds no second protest.
    article = article_with_actors("Les manifestants iraniens ont manifesté hier et la grève a continué.",
                                  {"Iran": ("IRN", "IRN", None, [r"\biraniens\b"])}, language="fr")
    protests = [e for e in article.events if e.cameo_root == "14"]
    assert protests and all(e.source is not None for e in protests)


def test_judged_actorless_roots_are_coded_only_for_the_full_judge() -> None:
    assert "14" in load_lexicon("fr").settings[JUDGED_ACTORLESS_ROOTS]
    assert _coded_without_actors(STRIKE, "complete").events == []
    (event,) = _coded_without_actors(STRIKE, "full").events
    assert event.source is None and event.target is None and event.method.endswith(ACTORLESS_METHOD)


def test_the_full_judge_drops_an_actorless_event_it_finds_no_side_for() -> None:
    article = _coded_without_actors(STRIKE, "full")
    assert judge.sideless(article.events[0])
    judge.run([article], Settings.make(default_language="fr", judge_mode="full"))
    assert article.events == []
