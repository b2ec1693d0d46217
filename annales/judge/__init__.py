"""judge stage: the learned event layer. Four logistic regressions trained on the project's annotated news
(training/news/, scripts/train_event_judge.py) weigh what the lexicon rules coded. The `judge_mode` setting says
how far it goes: 'confidence' gives every event a calibrated confidence and changes nothing else; 'complete' (the
default) also fills the sides the rules left empty; 'full' also replaces sides, proposes events and rejects
events under its floor. docs/benchmarks.md measures each mode.

- `sides` (`sides.py`): who the source and the target of each event are, among the actors of its sentence, the
  rules' choices and "no actor" (the rules' pair stays unless another beats it by the model's `complete_margin`,
  or `sides_margin` in 'full' mode); in 'full' mode the events stage also codes the event words of the language's
  `judged_actorless_roots` that have no actor in their slots ("l'attaque a fait dix morts"): they take their
  sides from here (the sentence, the previous one, the article's main actors) or are dropped;
- `trigger` (`triggers.py`): events no rule coded: a verb or noun that holds an actor, typed NONE or a PLOVER
  type; a type at or above the model's `propose_floor` becomes an event (its sides from `sides`);
- `kept` (`kept_full` in 'full' mode): the probability that an event is real and of its type. An event under the model's floor (chosen by
  cross-validation at training; the `judge_floor` setting overrides it, 0 keeps every event) is rejected: a
  "beat" in a match report, a default reading of a bare verb;
- `strict` (`strict_full` in 'full' mode): the probability that type, source country, target country and modality are all right. It becomes
  the event's `confidence`, so a threshold (`--min-confidence`, the `min_confidence` setting, applied here to
  every language) means what it says.

In a sport or culture story (`domain.story_domain`), events without a state actor are rejected in every mode: a
match report's "beat" and "attack" are play (`domain.played`; for these conflict types the state actor must be the
text's: one the judge supplied to a rule's reading does not save it), and a team "sending" its squad or a referee
"awarding" a kick is no act between states (`domain.offstage`).

A language's model is data, `annales/lang/<code>/event_judge.json`; a language without one keeps the rules'
events and confidences. Events with no PLOVER type (CAMEO 01 statements, which the annotation does not code) are
left as they are. The method says what the judge did: "+judge-sides" when it filled or chose other sides than the rule,
"model:judge-trigger" for an event it proposed.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import math
import operator
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..article import ActorRef, Article, Event
from ..cameo.build import ACTORLESS_METHOD
from ..cameo.lexicon import Lexicon, has_lexicon, load_lexicon
from ..config import Settings
from ..lang import LANG_DIR
from .domain import CONFLICT, offstage, played, story_domain
from .features import SIDES_METHOD, article_words, event_features
from .sides import Option, choose, options
from .triggers import SoftmaxModel, proposal, proposed

NAME = "judge"
REQUIRES = ("doc", "text", "title", "language", "sentences", "actors", "events")
ASSIGNS: tuple[str, ...] = ("events",)
MODEL_FILE = "event_judge.json"
# PLOVER types that take two parties by their meaning: one side alone is no event of theirs.
TWO_PARTY_TYPES = frozenset({"CONSULT"})
# Types whose doer acts on someone: with a doer and still no one acted on once the judge has completed them, they are
# dropped (an accusation of no one, aid to no one: none of the 11 such events of the training articles was right).
ADDRESSED_TYPES = frozenset({"ACCUSE", "AID"})


@dataclass(frozen=True)
class LogisticModel:
    bias: float
    weights: dict[str, float]

    def probability(self, features: dict[str, float]) -> float:
        # the weighted sum in C (map) rather than a generator: the same products added in the same order
        score = self.bias + sum(map(operator.mul, map(self.weights.get, features, itertools.repeat(0.0)), features.values()))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass(frozen=True)
class Judge:
    sides: LogisticModel
    trigger: SoftmaxModel
    kept: LogisticModel
    strict: LogisticModel
    kept_full: LogisticModel
    strict_full: LogisticModel
    complete_margin: float
    sides_margin: float
    propose_floor: float
    floor: float


def logistic(data: dict[str, Any]) -> LogisticModel:
    return LogisticModel(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()})


def softmax(data: dict[str, Any]) -> SoftmaxModel:
    model = SoftmaxModel(tuple(data["classes"]), tuple(map(float, data["bias"])), {k: tuple(map(float, v)) for k, v in data["weights"].items()})
    return model.with_dense_vectors()


@functools.cache
def load_judge(language: str) -> Judge | None:
    """The judge of `language`, or None when its folder has no model."""
    path = LANG_DIR / language / MODEL_FILE
    if not language or not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    models = data["models"]
    return Judge(
        sides=logistic(models["sides"]),
        trigger=softmax(models["trigger"]),
        kept=logistic(models["kept"]),
        strict=logistic(models["strict"]),
        kept_full=logistic(models["kept_full"]),
        strict_full=logistic(models["strict_full"]),
        complete_margin=float(data["complete_margin"]),
        sides_margin=float(data["sides_margin"]),
        propose_floor=float(data["propose_floor"]),
        floor=float(data["floor"]),
    )


def with_sides(event: Event, found: list[Option], side_model: LogisticModel, margin: float, *, keep_filled: bool) -> Event:
    """`event` with the sides the model prefers by more than `margin` (the same event when it keeps the rules');
    with `keep_filled`, only the sides the rules left empty may change."""
    source, target = choose(found, side_model.probability, (event.source, event.target), margin, keep_filled=keep_filled)
    if source is event.source and target is event.target:
        return event
    return dataclasses.replace(event, source=source, target=target, method=event.method + SIDES_METHOD)


def distinct(events: list[Event]) -> list[Event]:
    """Events less those that repeat an earlier one's trigger, type and sides (two readings the judge made equal).
    Sides are actors, not codes: "criticised Tony Blair and Gordon Brown" stays two events of one code pair."""
    seen, kept = set(), []
    for event in events:
        key = (event.start, event.plover, event.cameo, _side_key(event.source), _side_key(event.target))
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept


def _side_key(side: ActorRef | None) -> tuple[int | None, str | None] | None:
    return None if side is None else (side.actor, side.code)


def sideless(event: Event) -> bool:
    """Whether `event` was coded without sides (`judged_actorless_roots`, or `actorless_roots`) and the judge
    found it none: in 'full' mode it is no event then."""
    return event.source is None and event.target is None and ACTORLESS_METHOD in event.method


def lacks_counterpart(event: Event) -> bool:
    """Whether `event` is a consultation (PLOVER CONSULT: a meeting, a visit, talks) that still lacks a coded side once
    the judge has completed it: "senior ministers met on Wednesday", "the Cabinet meeting", a campaign trip to
    towns name no dyad."""
    return event.plover in TWO_PARTY_TYPES and any(side is None or side.code is None for side in (event.source, event.target))


def lacks_addressee(event: Event) -> bool:
    """Whether `event` is an accusation or aid (`ADDRESSED_TYPES`) with a doer but no one it is addressed to."""
    return event.plover in ADDRESSED_TYPES and event.source is not None and event.target is None


def proposals(article: Article, doc: Doc, trigger: SoftmaxModel, floor: float, side_model: LogisticModel, lex: Lexicon,
              topic: dict[str, float]) -> list[Event]:
    """The events the `trigger` model proposes where no rule fired, each with the sides `side_model` prefers
    (none when no actor fits)."""
    found = []
    for token, label, probability in proposed(article, doc, trigger, floor, lex, topic):
        event = proposal(token, label, probability, article.sentence_of(token.idx), lex)
        source, target = choose(options(article, event, doc), side_model.probability, (None, None))
        if source is not None or target is not None:
            found.append(dataclasses.replace(event, source=source, target=target))
    return found


def gated(events: list[Event], article: Article, per_sentence: Counter[int], topic: dict[str, float],
          kept: Callable[[dict[str, float]], float], strict: Callable[[dict[str, float]], float], floor: float) -> list[Event]:
    """The events whose `kept` probability reaches `floor`, each with its `strict` probability as confidence."""
    out = []
    for event in events:
        if event.plover:
            features = event_features(event, article, topic=topic, events_in_sentence=per_sentence[event.sentence])
            if kept(features) < floor:
                continue
            event.confidence = round(strict(features), 3)
        out.append(event)
    return out


def judged(article: Article, doc: Doc, judge: Judge, floor: float, *, mode: str) -> list[Event]:
    """The article's events once the judge has filled or revised their sides (modes 'complete' and 'full'), added its
    proposals ('full') and gated them all at `floor`."""
    topic = article_words(article)
    per_sentence = Counter(event.sentence for event in article.events)
    events = list(article.events)
    if mode != "confidence":
        complete = mode == "complete"
        margin = judge.complete_margin if complete else judge.sides_margin
        events = distinct([with_sides(e, options(article, e, doc), judge.sides, margin, keep_filled=complete) if e.plover else e for e in events])
        events = [e for e in events if not lacks_counterpart(e) and not lacks_addressee(e)]
    language = article.language or ""
    if mode == "full":
        events = [e for e in events if not sideless(e)]
    if mode == "full" and has_lexicon(language):
        events += proposals(article, doc, judge.trigger, judge.propose_floor, judge.sides, load_lexicon(language), topic)
        events.sort(key=lambda e: (e.sentence, e.start))
    kept, strict = (judge.kept_full, judge.strict_full) if mode == "full" else (judge.kept, judge.strict)
    return gated(events, article, per_sentence, topic, kept.probability, strict.probability, floor)


def _at_play(event: Event, played_triggers: set[tuple[int, int]]) -> bool:
    """A conflict event that is play (`domain.played`), or whose trigger the rules read as play before the judge
    gave it sides."""
    return played(event) or (event.plover in CONFLICT and (event.start, event.end) in played_triggers)


def run(articles: list[Article], settings: Settings) -> None:
    for article in articles:
        # Play as the text states it: a state actor the judge supplies from elsewhere in the story is no evidence
        # that a match report's "beat" or a singer's arrest is an act of the state.
        played_triggers = {(event.start, event.end) for event in article.events if played(event)}
        judge = load_judge(article.language or "")
        if judge is not None and article.doc is not None:
            default_floor = judge.floor if settings.judge_mode == "full" else 0.0
            floor = default_floor if settings.judge_floor is None else settings.judge_floor
            article.events = judged(article, article.doc, judge, floor, mode=settings.judge_mode)
        # the story's domain is read only when an event could be play (it counts every word)
        if article.doc is not None and any(_at_play(e, played_triggers) or offstage(e) for e in article.events) \
                and story_domain(article.doc, article.language or "") is not None:
            article.events = [event for event in article.events if not (_at_play(event, played_triggers) or offstage(event))]
        if settings.min_confidence:
            article.events = [event for event in article.events if event.confidence >= settings.min_confidence]
