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
    one dense matrix (`vector_weights`, dimensions x classes), read with a numpy product instead of 300 lookups.
    The named weights are also held as one matrix (`feature_rows`), so that the words of an article are scored
    together (`batch_probabilities`), each to the same floats as alone."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    vector_weights: np.ndarray | None = None

    @functools.cached_property
    def feature_rows(self) -> tuple[dict[str, int], np.ndarray]:
        """Feature name -> its row in a matrix of the named features' weights (float64, features x classes), whose
        extra last row of zeros stands for every name the model does not know."""
        index = {name: row for row, name in enumerate(self.weights)}
        matrix = np.zeros((len(index) + 1, len(self.classes)))
        for name, row in index.items():
            matrix[row] = self.weights[name]
        return index, matrix

    def batch_scores(self, features: list[dict[str, float]]) -> np.ndarray:
        """The named features' part of the class scores (no bias), one row per feature dict. Each row is summed
        feature after feature in the dict's order, so a word's scores are the same floats alone or in a batch."""
        index, matrix = self.feature_rows
        unknown = len(matrix) - 1
        width = max(map(len, features), default=0)
        rows = np.full((len(features), width), unknown)
        values = np.zeros((len(features), width))
        filled = np.arange(width) < np.array([len(named) for named in features])[:, None]
        rows[filled] = [index.get(name, unknown) for named in features for name in named]
        values[filled] = [value for named in features for value in named.values()]
        # feature positions x words x classes, summed over the outer axis: numpy adds it one position after
        # another (its pairwise summation is along the innermost axis only); padding adds exactly nothing
        total: np.ndarray = np.add.reduce(matrix[rows.T] * values.T[:, :, None], axis=0)
        return total

    def scores(self, features: dict[str, float]) -> np.ndarray:
        """The features' part of the class scores (no bias): computed once for features many words share."""
        row: np.ndarray = self.batch_scores([features])[0]
        return row

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        """Class probabilities of one word's named features (its vector, if any, as "vec:i" features)."""
        return dict(zip(self.classes, _softmax(np.asarray(self.bias) + self.scores(features)).tolist()))

    def batch_probabilities(self, features: list[dict[str, float]], vectors: np.ndarray | None, shared: np.ndarray) -> np.ndarray:
        """Class probabilities (words x classes, columns in `classes` order) of many words: each word's named
        `features`, its row of `vectors` (`unit_vectors`; None: no word has one) and `shared`, the `scores` of
        features common to them all (the article's words)."""
        scores = np.asarray(self.bias) + self.batch_scores(features)
        scores += shared
        if vectors is not None and self.vector_weights is not None:
            # one (1 x d) @ (d x classes) product per word: a single matrix product would round the float32 sums
            # differently from one word's, and flip the last digit of some probabilities
            scores += (vectors[:, None, :] @ self.vector_weights)[:, 0, :]
        return _softmax(scores)

    def with_dense_vectors(self) -> SoftmaxModel:
        """The same model with its "vec:i" weights moved into `vector_weights`."""
        dims = sorted(int(name[len(VECTOR):]) for name in self.weights if name.startswith(VECTOR))
        if not dims:
            return self
        zero = (0.0,) * len(self.classes)
        matrix = np.array([self.weights.get(f"{VECTOR}{i}", zero) for i in range(dims[-1] + 1)], dtype=np.float32)
        named = {name: row for name, row in self.weights.items() if not name.startswith(VECTOR)}
        return SoftmaxModel(self.classes, self.bias, named, matrix)


def _softmax(scores: np.ndarray) -> np.ndarray:
    """Softmax along the last axis (classes)."""
    exps = np.exp(scores - scores.max(axis=-1, keepdims=True))
    probabilities: np.ndarray = exps / exps.sum(axis=-1, keepdims=True)
    return probabilities


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
    # a preposition's object is read where the language's table has the role (UD tables such as French's have not)
    prepositional = "pobj" in roles.values()
    lemma, pos, role = token.lemma_.lower(), token.pos_, roles.get(token.dep_, "other")
    head = token.head
    names = [f"lemma:{lemma}", f"lemma_pos:{lemma}|{pos}", f"pos:{pos}", f"role:{role}",
             f"head:{head.lemma_.lower()}", f"head_role:{roles.get(head.dep_, 'other')}"]
    types = lexicon_types(token, lex)
    names += [f"lexicon:{t}" for t in types] or ["lexicon:none"]
    for child in token.children:
        child_role = roles.get(child.dep_, "other")
        if child_role == "neg":
            names.append("negated")
        # the child's objects that are actor mentions (others add no feature)
        objects = (g for g in child.children if g.i in actor_heads and roles.get(g.dep_) == "pobj") if prepositional else ()
        for mention in (child, *objects):
            if mention.i in actor_heads:
                names += [f"actor:{child_role}", f"actor:{child_role}|{marker(mention, roles)}", f"actor_sector:{child_role}|{actor_heads[mention.i]}"]
                names += [f"actor:{child_role}|{t}" for t in types]
    if head.i in actor_heads and head.i != token.i:
        names.append(f"actor_governs:{role}")
    doc, i = token.doc, token.i
    if i > 0:
        names.append(f"left:{doc[i - 1].lower_}")
    if i + 1 < len(doc):
        names.append(f"right:{doc[i + 1].lower_}")
    return dict.fromkeys(names, 1.0)


def unit_vectors(tokens: list[Token]) -> np.ndarray | None:
    """The words' vectors at unit length, one row each (zeros for a word whose vector is zero): fr_core_news_md's
    static vectors (300 dimensions); en_core_web_sm has none, so spaCy gives the word's context vector from the
    model's tok2vec layer (96). None when the words have no vectors at all (a long text parsed in pieces keeps no
    context vectors: see the nlp stage)."""
    raw = word_vectors(tokens)
    if not raw.shape[1]:
        return None
    norms = np.sqrt((raw**2).sum(axis=1))  # float32, as spaCy's Token.vector_norm
    unit: np.ndarray = np.divide(raw, norms[:, None], out=np.zeros_like(raw), where=norms[:, None] != 0)
    return unit


def word_vectors(tokens: list[Token]) -> np.ndarray:
    """`Token.vector` of each of the tokens (all of one doc), one row each, read for all of them at once: rows of
    the doc's tensor, or of the vocabulary's table of static vectors (a word not in the table has zeros)."""
    doc = tokens[0].doc
    indices = [token.i for token in tokens]
    table = doc.vocab.vectors
    if table.size == 0:  # no static vectors: the context vectors, where the parse kept them (no columns otherwise)
        return np.asarray(doc.tensor[indices], dtype=np.float32) if doc.tensor.size else np.zeros((len(tokens), 0), dtype=np.float32)
    if table.mode != "default":  # n-gram vectors (floret), made up word by word
        return np.stack([np.asarray(token.vector, dtype=np.float32) for token in tokens])
    rows = table.find(keys=doc.to_array(table.attr)[indices])
    found = np.asarray(table.data[rows], dtype=np.float32)
    found[rows < 0] = 0.0
    return found


def token_vector(token: Token) -> np.ndarray | None:
    """The word's vector at unit length (`unit_vectors`), None when it has none."""
    vectors = unit_vectors([token])
    return vectors[0] if vectors is not None and vectors[0].any() else None


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


def proposed(article: Article, doc: Doc, model: SoftmaxModel, floor: float, lex: Lexicon, topic: dict[str, float]) -> Iterator[tuple[Token, str, float]]:
    """(token, best type, its probability) of every candidate word whose best type reaches `floor`. The article's
    candidates are scored in one batch: a numpy operation per feature position, not per word."""
    heads = actor_heads(article, doc)
    triggers = {event.start for event in article.events}
    words = [token for sent in doc.sents for token in candidate_tokens(sent, triggers, heads)]
    if not words:
        return
    probabilities = model.batch_probabilities([token_features(token, lex, heads) for token in words], unit_vectors(words), model.scores(topic))
    typed = np.array([label != NONE for label in model.classes])
    for token, row, best in zip(words, probabilities, probabilities[:, typed].max(axis=1)):
        if best >= floor:
            yield token, *best_type(dict(zip(model.classes, row.tolist())))


def best_type(probabilities: dict[str, float]) -> tuple[str, float]:
    """The most probable type other than NONE, and its probability."""
    return max(((label, p) for label, p in probabilities.items() if label != NONE), key=lambda item: (item[1], item[0]))
