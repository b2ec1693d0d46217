"""The learned part of event coding: a PLOVER type classifier for a pair of actors.

The lexicon codes the predicates it knows; it says nothing when a sentence links two actors
through a predicate it lacks or through slots its entry does not name, and it cannot weigh the
rest of the sentence against the sense it picked. This module scores the pair instead: a
multinomial logistic regression over sparse features of the parse and of the lexicon (the
lemmas on the dependency path between the two actors, the predicate and its phrase, the roles
of the two sides, voice, modality, the PLOVER types the lexicon gives the words of the path, of
the predicate's phrase and of the sentence, the noun classes of the phrase, and the types of
the lexicon's own events for the pair), trained on the Zero-Shot-PLOVER PLV train split by
scripts/train_event_classifier.py.

Per language, the model is data: `annales/lang/<code>/event_classifier.json` (labels, the
CAMEO code each label is coded as, feature weights, the two thresholds chosen by
cross-validation). A language without that file has no classifier; the code is shared, and
features name roles through the language's `event_deps` table, not raw parser labels.

`revise` is the events stage's hook, run on each sentence after the lexicon, for every pair of
actors a verb links (`candidates`: one in its subject, the other in its object or in an
oblique the language lets hold a target):
- when the lexicon found an event of the predicate with one of them but none with both
  (`_detected`), the classifier completes it: if its top probability reaches `propose_at`,
  the pair's event replaces that one-sided reading;
- when the lexicon has one reading of the pair (one trigger) of another type and the
  classifier's top probability reaches `override_at`, its event replaces that reading.
Its events are coded with the label's generic CAMEO code, the predicate as trigger, the
predicate's modality, the probability as confidence, and the method "model:plover-clf"
(">" and the lexicon entry whose reading it completed or overrode). Inference is numpy only: a sum over the few
dozen active features' weight rows.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from ..article import Article, Event
from ..cameo.build import event_for, modal_code
from ..cameo.lexicon import MARKERS, Entry, Lexicon, lookup, ontology, plover_types
from ..cameo.modality import ASSERTED, HYPOTHETICAL, REFUSED, modality
from ..lang import LANG_DIR
from .arguments import CLAUSE_ROLES, ActorIndex, build_frame
from .coding import Hit, actor_ref, match

MODEL_FILE = "event_classifier.json"
METHOD = "model:plover-clf"
NONE = "NONE"
# Parts of speech whose lemmas carry meaning on a path or near a predicate.
CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "ADP", "PART", "AUX", "PROPN"})
PREDICATE_POS = frozenset({"VERB", "AUX"})
BAG_POS = frozenset({"VERB", "NOUN", "ADJ"})
# How far below the predicate its phrase is read (objects, their modifiers, complements).
PHRASE_DEPTH = 2
# Function words of the predicate's phrase that say nothing of the action ("has condemned").
SKIP_ROLES = frozenset({"punct", "aux", "aux_pass", "det", "cc", "mark", "case"})

# A model in place of the shipped one, for cross-validation at training (`installed`); whether the classifier
# runs at all is the `event_classifier` setting.
_installed: dict[str, Model | None] = {"model": None}


@dataclass(frozen=True, slots=True)
class Model:
    """A trained classifier: labels (legacy PLOVER roots, CONCEDE and RETREAT as YIELD), the
    CAMEO code each is coded as, feature -> row of `weights`, and the decision thresholds."""

    language: str
    labels: tuple[str, ...]
    cameo: dict[str, str]
    index: dict[str, int]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    propose_at: float
    override_at: float

    def probabilities(self, features: Sequence[str]) -> np.ndarray:
        rows = sorted({self.index[f] for f in features if f in self.index})
        scores = self.bias + self.weights[rows].sum(axis=0) if rows else self.bias.copy()
        scores = scores - scores.max()
        exp = np.exp(scores)
        probs: np.ndarray = exp / exp.sum()
        return probs


def model_path(language: str) -> Path:
    return LANG_DIR / language / MODEL_FILE


@functools.cache
def load_model(language: str) -> Model | None:
    """The (cached) classifier of `language`, None when the language ships none."""
    path = model_path(language)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    features = data["features"]
    return Model(
        language=language,
        labels=tuple(data["labels"]),
        cameo=dict(data["cameo"]),
        index={name: row for row, name in enumerate(features)},
        weights=np.asarray(data["weights"], dtype=np.float64).reshape(len(features), len(data["labels"])) / data["scale"],
        bias=np.asarray(data["bias"], dtype=np.float64) / data["scale"],
        propose_at=float(data["thresholds"]["propose"]),
        override_at=float(data["thresholds"]["override"]),
    )


@contextlib.contextmanager
def installed(model: Model) -> Iterator[None]:
    """Run the events stage with `model` instead of the shipped one (cross-validation)."""
    before = _installed["model"]
    _installed["model"] = model
    try:
        yield
    finally:
        _installed["model"] = before


def legacy(plover: str) -> str:
    """The 15-label name of a PLOVER type (CONCEDE and RETREAT are YIELD)."""
    row = plover_types().get(plover)
    return row["legacy"] if row else plover


# --- features ---------------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def path(source: Token, target: Token) -> tuple[list[Token], list[Token], Token | None]:
    """(source side, target side, lowest common ancestor) of the tree path between two tokens;
    each side runs upward from just above its end token to just below the ancestor."""
    up_s, up_t = _ancestors(source), _ancestors(target)
    on_t = {t.i: k for k, t in enumerate(up_t)}
    for k, token in enumerate(up_s):
        if token.i in on_t:
            return up_s[1:k], up_t[1 : on_t[token.i]], token
    return up_s[1:], up_t[1:], None


def predicate(source: Token, target: Token) -> Token | None:
    """The predicate that links the pair: the lowest verb above the target on the path (up to
    and including the common ancestor), else the common ancestor, else the target's nearest verb."""
    _, t_side, top = path(source, target)
    for token in [*t_side, *([top] if top is not None else [])]:
        if token.pos_ in PREDICATE_POS and token.i != source.i:
            return token
    if top is not None and top.i not in (source.i, target.i):
        return top
    for token in _ancestors(target)[1:]:
        if token.pos_ in PREDICATE_POS:
            return token
    return top


def _prep(token: Token, lex: Lexicon) -> str:
    """The preposition that introduces `token`: its ADP head (English) or its case child (French)."""
    if lex.roles.get(token.dep_) == "pobj" and token.head.pos_ == "ADP":
        return _lemma(token.head)
    for child in token.children:
        if lex.roles.get(child.dep_) == "case":
            return _lemma(child)
    return ""


def _senses(token: Token, lex: Lexicon) -> tuple[tuple[Entry, ...], str]:
    """The lexicon senses of a verb or event noun, and which kind of predicate it is."""
    if token.pos_ in PREDICATE_POS:
        return lookup(token, lex.verbs, lex), "verb"
    if token.pos_ == "NOUN":
        return lookup(token, lex.nouns, lex), "noun"
    return (), ""


def _types(token: Token, lex: Lexicon) -> set[str]:
    """The legacy PLOVER types of every lexicon sense of the token's lemma."""
    codes = ontology()
    out: set[str] = set()
    for entry in _senses(token, lex)[0]:
        if entry.code in MARKERS:
            continue
        plover = codes[entry.code].plover
        if plover:
            out.add(legacy(plover))
    return out


def _matched(token: Token, lex: Lexicon) -> tuple[str, str] | None:
    """(legacy type, CAMEO root) of the lexicon sense the predicate's frame satisfies."""
    entries, kind = _senses(token, lex)
    if not entries:
        return None
    entry = match(build_frame(token, lex, kind=kind), entries, lex)
    if entry is None or entry.code in MARKERS:
        return None
    code = ontology()[entry.code]
    return (legacy(code.plover) if code.plover else NONE), code.code[:2]


def _phrase(pred: Token, lex: Lexicon, skip: set[int]) -> list[Token]:
    """The predicate's own words: its non-clausal dependents down to PHRASE_DEPTH, and its
    complement clause's verb and objects ("agreed to release", "called for talks")."""
    out: list[Token] = []
    frontier = [(child, 1) for child in pred.children]
    while frontier:
        token, depth = frontier.pop(0)
        role = lex.roles.get(token.dep_, "")
        if token.i in skip or role in SKIP_ROLES:
            continue
        if role in CLAUSE_ROLES and not (depth == 1 and role == "xcomp"):
            continue
        out.append(token)
        if depth < PHRASE_DEPTH:
            frontier.extend((c, depth + 1) for c in token.children)
    return out


def features(sent: Span, source: Token, target: Token, lex: Lexicon, *, actor_tokens: set[int], lexicon_types: dict[str, set[str]]) -> list[str]:
    """Sparse feature names for the pair (source, target): both are the head tokens of actor
    mentions. `actor_tokens`: token indices inside actor mentions (their words are not
    evidence of the action); `lexicon_types`: legacy types of the lexicon's events in the
    sentence, keyed `pair` (source -> target), `reverse`, `one` (with either side), `other`."""
    out: list[str] = ["bias"]
    s_side, t_side, top = path(source, target)
    pred = predicate(source, target)
    on_path = [t for t in [*s_side, *t_side, *([top] if top is not None else [])] if t.i not in actor_tokens]
    if top is None:
        out.append("nopath")
    elif top.i in (source.i, target.i):
        out.append("nested:" + ("source" if top.i == source.i else "target"))
    else:
        out.append("top:" + _lemma(top))
    out.append(f"len:{min(len(s_side) + len(t_side), 4)}")
    for token in on_path:
        if token.pos_ in CONTENT_POS:
            out.append("path:" + _lemma(token))
        for kind in _types(token, lex):
            out.append("lexpath:" + kind)
    s_role, t_role = lex.roles.get(source.dep_, source.dep_), lex.roles.get(target.dep_, target.dep_)
    s_prep, t_prep = _prep(source, lex), _prep(target, lex)
    out += [f"srole:{s_role}", f"trole:{t_role}", f"sprep:{s_prep}", f"tprep:{t_prep}"]
    if pred is not None:
        lemma = _lemma(pred)
        out.append(f"pred:{lemma}")
        frame = build_frame(pred, lex, kind="verb" if pred.pos_ in PREDICATE_POS else "noun")
        subj = {t.i for t in frame.heads("subj")}
        out.append("subj:" + ("source" if source.i in subj or source.head.i in subj else "target" if target.i in subj or target.head.i in subj else "none"))
        if frame.passive:
            out.append("passive")
        mood, cue = modality(pred, lex)
        out.append("mod:" + mood)
        if cue:
            out.append("cue:" + cue.lower())
        matched = _matched(pred, lex)
        if matched is not None:
            out += ["lexpred:" + matched[0], "lexroot:" + matched[1], f"lexpred+mod:{matched[0]}|{mood}"]
        for token in _phrase(pred, lex, actor_tokens):
            role = lex.roles.get(token.dep_, "")
            if token.pos_ in CONTENT_POS:
                out.append("near:" + _lemma(token))
            if role in ("obj", "xcomp", "prt", "neg", "subj_pass"):
                out.append(f"{role}:{_lemma(token)}")
            for kind in _types(token, lex):
                out.append("lexnear:" + kind)
            for name in lex.classes.get(_lemma(token), ()):
                out.append("class:" + name)
    for token in sent:
        # The rest of the sentence, as weaker evidence ("... to fight the Ebola epidemic": aid).
        if token.pos_ in BAG_POS and token.i not in actor_tokens:
            out.append("bag:" + _lemma(token))
            for kind in _types(token, lex):
                out.append("lexbag:" + kind)
    for key, kinds in lexicon_types.items():
        for kind in kinds:
            out.append(f"ev{key}:{kind}")
    if not any(lexicon_types.values()):
        out.append("ev:none")
    return out


# --- the events-stage hook ------------------------------------------------------------------


def _root(doc_span: Span, hit: Hit) -> Token | None:
    mention = hit[1]
    span = doc_span.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def candidates(sent: Span, index: ActorIndex, lex: Lexicon) -> list[tuple[Hit, Hit]]:
    """(source, target) hits of the actor pairs a verb links: an actor in its subject (or a
    passive's agent) and another in its object, indirect object or an oblique that the language
    lets hold a target (`verb_target` in event_settings: "with", "against", not "in"); and the
    first of coordinated subjects with each of the others ("Nigerian and British forces agreed
    to ..."). A speaker and the subject of what it says are no pair: the classifier, trained
    only on pairs that hold an event, would find one."""
    allowed = {"obj", "iobj", *(slot for slot in lex.settings["verb_target"] if slot.startswith("prep:"))}
    out: list[tuple[Hit, Hit]] = []
    seen: set[tuple[int, int]] = set()
    # A target lies below its verb: only the verbs above some actor can link two.
    above = sorted({t.i for i in index.by_root for t in _ancestors(sent.doc[i])[1:] if t.pos_ in PREDICATE_POS})
    for i in above:
        token = sent.doc[i]
        if not sent.start <= i < sent.end:
            continue
        frame = build_frame(token, lex, kind="verb")
        sources = index.actors(frame.heads("subj"), lex)
        if not sources:
            continue
        slots = [slot for slot in frame.slots if slot in allowed]
        targets = [hit for slot in slots for hit in index.actors(frame.heads(slot), lex)]
        linked = [(source, target) for source in sources for target in targets]
        linked += [(sources[0], other) for other in sources[1:]]
        for source, target in linked:
            key = (source[0], target[0])
            if source[0] != target[0] and key not in seen:
                seen.add(key)
                out.append((source, target))
    return out


def pair_types(events: Sequence[Event], source: int, target: int) -> dict[str, set[str]]:
    """Legacy types of the lexicon's events, by how they relate to the pair (see `features`)."""
    found: dict[str, set[str]] = {"pair": set(), "reverse": set(), "one": set(), "other": set()}
    for event in events:
        if not event.plover:
            continue
        sides = (event.source.actor if event.source else None, event.target.actor if event.target else None)
        if sides == (source, target):
            key = "pair"
        elif sides == (target, source):
            key = "reverse"
        elif source in sides or target in sides:
            key = "one"
        else:
            key = "other"
        found[key].add(legacy(event.plover))
    return found


def actor_tokens(sent: Span, index: ActorIndex) -> set[int]:
    tokens = set(index.by_root) | set(index.inside)
    return {i for i in tokens if sent.start <= i < sent.end}


def make_event(article: Article, model: Model, label: str, probability: float, pred: Token, sentence: int,
               source: Hit, target: Hit, lex: Lexicon, *, replaces: Event) -> Event:
    """An Event coded as the label's CAMEO code, with the predicate as trigger and its modality;
    `replaces`: the lexicon reading it completes or overrides."""
    mood, cue = modality(pred, lex)
    if replaces.modality == HYPOTHETICAL:
        mood = HYPOTHETICAL  # the lexicon found a wish of someone else's ("wants Russia to attack")
    if mood == REFUSED and label == "REJECT":
        cameo, mood, suffix = model.cameo[label], ASSERTED, ""  # "refused to release", typed as the rejection it is
    else:
        # As the lexicon codes them: "plans to attack" is a threat, "refused to meet" a rejection.
        cameo, mood, suffix = modal_code(model.cameo[label], mood)
    return event_for(cameo, pred, sentence, actor_ref(article, source), actor_ref(article, target), modality=mood, cue=cue,
                     confidence=round(probability, 3), method=f"{METHOD}{suffix}>{replaces.method}")


def _detected(pred: Token, events: Sequence[Event], source: int, target: int, lex: Lexicon) -> list[int]:
    """Indices of the lexicon's one-sided events that find an action of the pair but not both
    its sides: triggered by the predicate or by a word of its phrase ("agreed to lift the
    blockade"), with the source as source or the target as target. The classifier, trained only
    on pairs that do hold an event, can say which type an event is, not whether there is one:
    it completes what the lexicon detects."""
    words = {pred.idx} | {t.idx for t in _phrase(pred, lex, set())}
    found = []
    for k, event in enumerate(events):
        if event.start not in words:
            continue
        if (event.source and event.source.actor == source and event.target is None) or (event.target and event.target.actor == target and event.source is None):
            found.append(k)
    return found


def revise(article: Article, sent: Span, sentence: int, index: ActorIndex, lex: Lexicon, events: list[Event],
           argued: frozenset[int] = frozenset(), *, enabled: bool = True) -> list[Event]:
    """The sentence's events after the classifier's proposals and overrides (see the module doc). Readings
    whose trigger offset is in `argued` came from a sense the lexicon chose by its arguments ("call on X
    to", "impose sanctions on"): the classifier, trained on another corpus, does not override them (on the
    training articles of training/news its replacements were all wrong); it may still complete them."""
    model = None
    if enabled:
        chosen = _installed["model"]
        model = chosen if chosen is not None and chosen.language == lex.language else load_model(lex.language)
    # Without a lexicon event there is nothing to complete or override.
    if model is None or not events or len({hit[0] for hits in index.by_root.values() for hit in hits}) < 2:
        return events
    inside: set[int] | None = None
    dropped: set[int] = set()
    added: list[Event] = []
    for source, target in candidates(sent, index, lex):
        s_tok, t_tok = _root(sent, source), _root(sent, target)
        if s_tok is None or t_tok is None:
            continue
        pred = predicate(s_tok, t_tok)
        if pred is None:
            continue
        joined = [k for k, e in enumerate(events) if e.source and e.target and {e.source.actor, e.target.actor} == {source[0], target[0]}]
        completed = [] if joined else _detected(pred, events, source[0], target[0], lex)
        if any(events[k].start in argued for k in joined):
            continue
        if joined:
            # Only one lexicon reading of the pair (one trigger, either direction) is weighed.
            if len({events[k].start for k in joined}) > 1 or model.override_at > 1.0:
                continue
        elif model.propose_at > 1.0 or not completed:
            continue
        inside = actor_tokens(sent, index) if inside is None else inside
        known = pair_types(events, source[0], target[0])
        probs = model.probabilities(features(sent, s_tok, t_tok, lex, actor_tokens=inside, lexicon_types=known))
        best = int(probs.argmax())
        label, probability = model.labels[best], float(probs[best])
        if not joined:
            if probability >= model.propose_at:
                # The pair's event supersedes the one-sided reading it completes.
                dropped.update(completed)
                added.append(make_event(article, model, label, probability, pred, sentence, source, target, lex, replaces=events[completed[0]]))
        elif probability >= model.override_at:
            revised = make_event(article, model, label, probability, pred, sentence, source, target, lex, replaces=events[joined[0]])
            if all(legacy(events[k].plover) != legacy(revised.plover) for k in joined):
                dropped.update(joined)
                added.append(revised)
    return [e for k, e in enumerate(events) if k not in dropped] + added
