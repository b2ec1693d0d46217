"""Events no rule coded: every verb and noun of a sentence that names an actor, scored by the judge's `trigger`
model (a multinomial logistic regression: NONE or a PLOVER type). A word whose best type reaches the model's
floor becomes an event of that type's generic CAMEO code, its sides chosen by the `sides` model and its modality
read by the events stage's modality rules.

A word's features: its lemma and part of speech, its dependency role (through the language's `event_deps` table),
its governor's lemma, the PLOVER types the language's event lexicon gives its lemma (entries whose conditions did
not hold, or held for other words), which roles of it hold an actor mention and the marker of each, its neighbours,
its negation, the article's words (a match report or a market story) and, where the spaCy model has them, the
word's vector."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span, Token

from ..article import Article, Event
from ..cameo.build import event_for, modal_code
from ..cameo.lexicon import Lexicon, lookup, ontology
from ..cameo.modality import modality
from .sides import marker

CONTENT = frozenset({"VERB", "NOUN"})
NONE = "NONE"
VECTOR = "vec:"  # prefix of the word-vector features


@dataclass(frozen=True)
class SoftmaxModel:
    """Weights per class of named features; the word-vector features ("vec:0", "vec:1" ...) may also be held as
    one dense matrix (`vector_weights`, dimensions x classes), read with a numpy product instead of 300 lookups."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    vector_weights: np.ndarray | None = None

    def scores(self, features: dict[str, float]) -> np.ndarray:
        """The features' part of the class scores (no bias): computed once for features many words share."""
        total = np.zeros(len(self.classes))
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                total += np.asarray(row) * value
        return total

    def probabilities(self, features: dict[str, float], vector: np.ndarray | None = None, shared: np.ndarray | None = None) -> dict[str, float]:
        """Class probabilities of `features` (plus the word `vector`, and `shared`: `scores` of features common
        to many calls, such as the article's words)."""
        scores = np.asarray(self.bias) + self.scores(features)
        if shared is not None:
            scores += shared
        if vector is not None and self.vector_weights is not None:
            scores += vector @ self.vector_weights
        exps = np.exp(scores - scores.max())
        return dict(zip(self.classes, (exps / exps.sum()).tolist()))

    def with_dense_vectors(self) -> SoftmaxModel:
        """The same model with its "vec:i" weights moved into `vector_weights` and its rows as numpy arrays."""
        dims = sorted(int(name[len(VECTOR):]) for name in self.weights if name.startswith(VECTOR))
        if not dims:
            return self
        zero = (0.0,) * len(self.classes)
        matrix = np.array([self.weights.get(f"{VECTOR}{i}", zero) for i in range(dims[-1] + 1)], dtype=np.float32)
        sparse = {name: np.asarray(row, dtype=np.float64) for name, row in self.weights.items() if not name.startswith(VECTOR)}
        return SoftmaxModel(self.classes, self.bias, sparse, matrix)  # type: ignore[arg-type]


@functools.cache
def generic_codes() -> dict[str, str]:
    """PLOVER type -> the CAMEO code a proposed event of that type is coded with: the shortest (then lowest) code
    of the ontology mapped to the type."""
    found: dict[str, str] = {}
    for code in sorted(ontology(), key=lambda c: (len(c), c)):
        found.setdefault(ontology()[code].plover, code)
    return found


def lexicon_types(token: Token, lex: Lexicon) -> set[str]:
    """The PLOVER types the event lexicon gives the token's lemma, as a verb or as a noun."""
    table = lex.verbs if token.pos_ == "VERB" else lex.nouns
    return {ontology()[entry.code].plover for entry in lookup(token, table, lex) if entry.code in ontology() and ontology()[entry.code].plover}


def candidate_tokens(sent: Span, triggers: set[int], heads: dict[int, str]) -> Iterator[Token]:
    """The verbs and nouns of a sentence that names an actor (`heads`), less those a rule event already has as
    its trigger (offsets in `triggers`)."""
    if not any(sent.start <= head < sent.end for head in heads):
        return
    for token in sent:
        if token.pos_ in CONTENT and token.idx not in triggers and token.is_alpha:
            yield token


def token_features(token: Token, lex: Lexicon, actor_heads: dict[int, str]) -> dict[str, float]:
    """The features of one candidate word (its article's words and its vector are added apart); `actor_heads`
    maps the token index of each actor mention's head to the actor's sector (or "-")."""
    roles = lex.roles
    lemma = token.lemma_.lower()
    names = [f"lemma:{lemma}", f"lemma_pos:{lemma}|{token.pos_}", f"pos:{token.pos_}", f"role:{roles.get(token.dep_, 'other')}",
             f"head:{token.head.lemma_.lower()}", f"head_role:{roles.get(token.head.dep_, 'other')}"]
    types = lexicon_types(token, lex)
    names += [f"lexicon:{t}" for t in types] or ["lexicon:none"]
    for child in token.children:
        role = roles.get(child.dep_, "other")
        if role == "neg":
            names.append("negated")
        for head in [child, *(g for g in child.children if roles.get(g.dep_) == "pobj")]:
            if head.i in actor_heads:
                names += [f"actor:{role}", f"actor:{role}|{marker(head, roles)}", f"actor_sector:{role}|{actor_heads[head.i]}"]
                names += [f"actor:{role}|{t}" for t in types]
    if token.head.i in actor_heads and token.head.i != token.i:
        names.append(f"actor_governs:{roles.get(token.dep_, 'other')}")
    if token.i > 0:
        names.append(f"left:{token.nbor(-1).lower_}")
    if token.i + 1 < len(token.doc):
        names.append(f"right:{token.nbor(1).lower_}")
    return dict.fromkeys(names, 1.0)


def token_vector(token: Token) -> np.ndarray | None:
    """The word's vector at unit length: fr_core_news_md's static vectors (300 dimensions); en_core_web_sm has
    none, so spaCy gives the word's context vector from the model's tok2vec layer (96). None when there is none
    (a long text parsed in pieces keeps no context vectors: see the nlp stage)."""
    norm = token.vector_norm
    return np.asarray(token.vector / norm, dtype=np.float32) if norm else None


def vector_features(vector: np.ndarray | None) -> dict[str, float]:
    """A vector as named features ("vec:0" ...), the form the training script fits."""
    return {} if vector is None else {f"{VECTOR}{i}": float(v) for i, v in enumerate(vector)}


def actor_heads(article: Article, doc: Doc) -> dict[int, str]:
    """Token index of the head of every actor mention -> the actor's sector (or "-")."""
    heads = {}
    for actor in article.actors:
        for mention in actor.mentions:
            span = doc.char_span(mention.start, max(mention.end, mention.start + 1), alignment_mode="expand")
            if span is not None and len(span):
                heads[span.root.i] = actor.sector or "-"
    return heads


METHOD = "model:judge-trigger"


def proposal(token: Token, label: str, probability: float, sentence: int, lex: Lexicon) -> Event:
    """An event of type `label` triggered by `token`, sides still empty, coded for the modality the events stage
    reads there."""
    found, cue = modality(token, lex)
    cameo, found, suffix = modal_code(generic_codes()[label], found)
    return event_for(cameo, token, sentence, None, None, modality=found, cue=cue, confidence=round(probability, 3), method=METHOD + suffix)


def proposed(article: Article, doc: Doc, model: SoftmaxModel, floor: float, lex: Lexicon, topic: dict[str, float]) -> Iterator[tuple[Token, dict[str, float], str, float]]:
    """(token, features, best type, its probability) of every candidate word whose best type reaches `floor`."""
    heads = actor_heads(article, doc)
    triggers = {event.start for event in article.events}
    shared = model.scores(topic)
    for sent in doc.sents:
        for token in candidate_tokens(sent, triggers, heads):
            features = token_features(token, lex, heads)
            label, probability = best_type(model.probabilities(features, token_vector(token), shared))
            if probability >= floor:
                yield token, features, label, probability


def best_type(probabilities: dict[str, float]) -> tuple[str, float]:
    """The most probable type other than NONE, and its probability."""
    return max(((label, p) for label, p in probabilities.items() if label != NONE), key=lambda item: (item[1], item[0]))
