"""Play is not conflict (annales/judge/domain.py)."""

from __future__ import annotations

import dataclasses

import pytest
from spacy.tokens import Doc

import annales.judge as judge_stage
from annales.article import ActorRef, Article, Event
from annales.config import Settings
from annales.judge import Judge
from annales.judge.domain import CONFLICT, MIN_CUES, MIN_WORDS, Cues, offstage, played, story_domain
from annales.nlp import load_model
from annales.pipeline import stage_module

MATCH = (
    "England beat France 24-17 in a tense Six Nations match at Twickenham on Saturday. The striker scored a late try "
    "after a long attack down the left, and the coach praised his squad. France attacked throughout the second half "
    "but the defence held, and the referee awarded two penalties. The result leaves England top of the league table "
    "before the final round of the tournament, when they face Ireland in Dublin. The captain said the team had "
    "fought for every ball and that the fans in the stadium had lifted them. The French coach said his players "
    "would fight back in the next match of the championship and that the season was far from over. "
) * 2
TREATY = (
    "The foreign ministers of France and Germany met in Berlin on Monday to discuss the treaty on energy supplies. "
    "The two governments agreed to share gas reserves during the winter and to build a new pipeline by 2030. "
) * 6


def _event(plover: str, sector: str | None) -> Event:
    side = ActorRef(name="England", code="GBR" + (sector or ""), country="GBR", sector=sector)
    return Event(source=side, target=None, cameo="190", cameo_root="19", plover=plover, goldstein=-10.0, quad_class=4,
                 sentence=0, trigger="beat", start=8, end=12)


def test_story_domain_finds_a_match_report_and_not_a_diplomatic_story() -> None:
    nlp = load_model("en")
    found = story_domain(nlp(MATCH), "en")
    assert found is not None and found[0] == "sport" and found[1] >= 0.025
    assert story_domain(nlp(TREATY), "en") is None
    assert story_domain(nlp(" ".join(MATCH.split()[: MIN_WORDS - 1])), "en") is None  # too short to say


def test_a_cue_phrase_counts_across_its_words_and_its_hyphen() -> None:
    nlp = load_model("en")
    cues = Cues(frozenset({"match", "kick-off"}), frozenset({("grand", "slam"), ("kick", "off")}))
    doc = nlp("The Grand Slam match began at kick-off, long before the grand finale.")
    words = [(t.lemma_.lower(), t.lower_) for t in doc if t.is_alpha]
    assert cues.count(words) == 3  # "match", "Grand Slam", "kick-off" (three tokens); "grand finale" is no cue
    assert cues.count([("kick-off", "kick-off")]) == 1  # a tokenizer that keeps the word whole


def test_a_short_match_report_is_judged_but_a_few_stray_cue_words_are_not() -> None:
    nlp = load_model("en")
    doc = nlp(". ".join(MATCH.split(". ")[:5]) + ".")
    assert MIN_WORDS <= sum(t.is_alpha for t in doc) < 150  # a brief report, as many wire match reports are
    found = story_domain(doc, "en")
    assert found is not None and found[0] == "sport"
    # two cue words in 80 words reach the share but say little: "the final" and "a fan" of a political speech
    stray = ("The minister said in the final speech of the day that every fan of the reform had reason to hope, and that the "
             "government would publish its plans for schools, hospitals and roads before the summer recess, after talks "
             "with the unions, the employers and the regions, which had asked for more time to study the costs of each "
             "proposal and to hear the views of the people they represent in parliament and in the country as well as abroad.")
    stray_doc = nlp(stray)
    assert sum(t.is_alpha for t in stray_doc) >= MIN_WORDS and MIN_CUES > 2
    assert story_domain(stray_doc, "en") is None


def test_played_conflict_has_no_state_actor() -> None:
    assert played(_event("ASSAULT", None))
    assert not played(_event("ASSAULT", "COP"))  # "police charged the fans" stands
    assert not played(_event("ACCUSE", None))  # verbal conflict is not play


def test_offstage_is_any_other_typed_event_without_a_state_actor() -> None:
    assert offstage(_event("AID", None)) and offstage(_event("CONSULT", "BUS"))
    assert not offstage(_event("AID", "GOV")) and not offstage(_event("ASSAULT", None))  # conflict is `played`'s


@pytest.mark.parametrize(("text", "kept"), [(MATCH, False), (TREATY, True)])
def test_a_match_reports_stateless_events_of_any_type_are_dropped(text: str, kept: bool) -> None:
    text += "Afterwards France praised England warmly. "  # two teams in a match report, two states in a treaty story
    settings = Settings.make()
    article = Article(raw_text=text, text=text, language="en")
    for name in ("repair", "nlp", "actors", "events"):
        stage_module(name).run([article], settings)
    assert any(offstage(e) for e in article.events)
    judge_stage.run([article], settings)
    assert any(offstage(e) for e in article.events) == kept



def test_a_state_actor_the_judge_supplies_does_not_make_play_real(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings.make()
    article = Article(raw_text=MATCH, text=MATCH, language="en")
    for name in ("repair", "nlp", "actors", "events"):
        stage_module(name).run([article], settings)  # the parse stays on the article, as inside a batch
    assert any(played(e) for e in article.events)  # the rules read "beat" and "attacked" as assaults by no state
    police = ActorRef(name="police", code="GBRCOP", country="GBR", sector="COP")

    def supplies_police(article: Article, doc: Doc, judge: Judge, floor: float, *, mode: str) -> list[Event]:
        return [dataclasses.replace(e, source=police) for e in article.events]

    monkeypatch.setattr(judge_stage, "judged", supplies_police)
    judge_stage.run([article], settings)
    assert not [e for e in article.events if e.plover in CONFLICT]
