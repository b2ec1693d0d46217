"""What the event judge reads of one event: named, sparse features of the event, its two sides, its sentence and
its article. Everything comes from the Article record (no parse), so a stored article can be judged again and the
training script reads the same features the stage computes."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator

from ..article import ActorRef, Article, Event

WORD = re.compile(r"\w+", re.UNICODE)
# Article words: long enough to say what the story is about, frequent enough in it to matter.
ARTICLE_WORD_CHARS = 4
ARTICLE_WORD_COUNT = 2
WINDOW = 3  # words read on each side of the trigger
QUOTES = frozenset('"«»“”')
SIDES_METHOD = "+judge-sides"  # appended to the method of an event whose sides the judge chose


def bins(value: float, edges: tuple[float, ...]) -> str:
    """The index of the first edge `value` falls under, as text ("3" when above them all)."""
    return str(next((i for i, edge in enumerate(edges) if value < edge), len(edges)))


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def article_words(article: Article) -> dict[str, float]:
    """The story's topic as a bag: words of ARTICLE_WORD_CHARS or more letters said ARTICLE_WORD_COUNT times or more,
    and every word of the title; unit length so long and short articles weigh the same."""
    counts = Counter(w for w in words(article.text) if len(w) >= ARTICLE_WORD_CHARS and not w.isdigit())
    bag = {f"art:{w}" for w, n in counts.items() if n >= ARTICLE_WORD_COUNT}
    bag |= {f"title:{w}" for w in words(article.title or "") if len(w) >= ARTICLE_WORD_CHARS}
    weight = 1 / math.sqrt(len(bag)) if bag else 0.0
    return dict.fromkeys(bag, weight)


def _side(name: str, ref: ActorRef | None, article: Article, event: Event) -> Iterator[tuple[str, float]]:
    if ref is None:
        yield f"{name}:none", 1.0
        return
    actor = article.actors[ref.actor] if ref.actor is not None and ref.actor < len(article.actors) else None
    yield f"{name}:sector:{ref.sector or '-'}", 1.0
    yield f"{name}:country:{'yes' if ref.country else 'no'}", 1.0
    if actor is not None:
        yield f"{name}:kind:{actor.kind}", 1.0
        yield f"{name}:how:{actor.method.split(':')[0]}", 1.0
        yield f"{name}:sure:{bins(actor.confidence, (0.5, 0.7, 0.9))}", 1.0
    said = (ref.text or "").lower()
    if said and len(said.split()) <= 2:
        yield f"{name}:said:{said}", 1.0  # pronouns, relative pronouns, bare nouns ("il", "which", "police")
    if ref.start >= 0:
        yield f"{name}:before_trigger:{ref.start < event.start}", 1.0
        yield f"{name}:distance:{bins(abs(ref.start - event.start), (20, 60, 150))}", 1.0


def event_features(event: Event, article: Article, *, topic: dict[str, float], events_in_sentence: int) -> dict[str, float]:
    """The features of `event`, with `topic` its article's words (`article_words`, computed once per article)."""
    trigger = event.trigger.lower()
    rule = (event.method or "-").removesuffix(SIDES_METHOD)
    sides = "both" if event.source and event.target else "source" if event.source else "target" if event.target else "none"
    features: dict[str, float] = {
        f"type:{event.plover}": 1.0,
        f"root:{event.cameo_root}": 1.0,
        f"code:{event.cameo}": 1.0,
        f"rule:{rule}": 1.0,
        f"rule_kind:{rule.split(':')[0]}": 1.0,
        f"trigger:{trigger}": 1.0,
        f"trigger_type:{trigger}|{event.plover}": 1.0,
        f"modality:{event.modality}": 1.0,
        f"modality_type:{event.modality}|{event.plover}": 1.0,
        f"sides:{sides}": 1.0,
        f"sides_type:{sides}|{event.plover}": 1.0,
        f"events_in_sentence:{bins(events_in_sentence, (2, 3, 5))}": 1.0,
        f"sentence_index:{bins(event.sentence, (1, 3, 8))}": 1.0,
        # the rule's fixed confidence, or a proposal's probability of its type
        f"first_confidence:{bins(event.confidence, (0.4, 0.5, 0.6, 0.7, 0.8, 0.9))}": 1.0,
    }
    if event.method.endswith(SIDES_METHOD):
        features["sides_revised"] = 1.0
    if event.source and event.target and event.source.country and event.source.country == event.target.country:
        features["same_country"] = 1.0
    for name, ref in (("source", event.source), ("target", event.target)):
        features.update(_side(name, ref, article, event))
    if 0 <= event.sentence < len(article.sentences):
        sentence = article.sentences[event.sentence]
        before = words(article.text[sentence.start : event.start])
        after = words(article.text[event.end : sentence.end])
        for offset, word in enumerate(reversed(before[-WINDOW:]), 1):
            features[f"left{offset}:{word}"] = 1.0
        for offset, word in enumerate(after[:WINDOW], 1):
            features[f"right{offset}:{word}"] = 1.0
        bag = set(before + after)
        weight = 1 / math.sqrt(len(bag)) if bag else 0.0
        features.update({f"sentence:{w}": weight for w in bag})
        if sum(article.text[sentence.start : event.start].count(mark) for mark in QUOTES) % 2:
            features["in_quotation"] = 1.0
        features[f"sentence_length:{bins(len(before) + len(after), (12, 25, 40))}"] = 1.0
    features.update(topic)
    return features
