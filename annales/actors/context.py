"""Syntactic context of a name or noun: locative use, titles around a person, modifiers of a noun.

Rules read the spaCy parse but fall back on word order, because the small models' attachments
of appositions and adjectives are often wrong in news text.
"""

from __future__ import annotations

import functools
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lang import load_lang
from .matcher import Hit

STOP_TAGS = frozenset({"VERB", "AUX", "CCONJ", "SCONJ", "PRON"})
# Dependency labels by which a modifier names the country of a noun (UD and ClearNLP).
MODIFIER_DEPS = frozenset({"amod", "nmod", "nmod:poss", "poss", "compound", "flat", "flat:name", "appos", "npadvmod"})
# Subject labels, active and passive (UD and ClearNLP).
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
TITLE_WINDOW = 8


@dataclass(frozen=True, slots=True)
class Words:
    """What the actor stage knows of a language's grammar: its function_words and grammar tables."""

    place_prepositions: frozenset[str]  # "à Moscou", "at the White House": a seat there is a place
    title_links: frozenset[str]  # prepositions allowed inside a title ("chef de la diplomatie")
    owner_prepositions: frozenset[str]  # `prep` heads whose object owns a noun ("the army of Russia")
    agent_prepositions: frozenset[str]  # the agent of a passive ("by Quebec")
    possessive_markers: frozenset[str]  # "'s" as a case marker: its head owns the noun
    possessive_endings: frozenset[str]  # "'s", "’s": trimmed from the end of a name
    honorifics: frozenset[str]  # "Mme", "Mr", "Colonel": trimmed from the start of a person's name
    modifiers_before: bool  # adjectives stand before the noun they qualify (else after)
    modifier_window: int  # tokens the neighbour scan goes from the noun
    modifier_tags: frozenset[str]  # parts of speech it crosses
    modifier_stops: frozenset[str]  # tokens that end it


@functools.cache
def load_words(language: str) -> Words:
    """The actor stage's words and word-order facts for `language` (function_words.tsv, grammar.tsv)."""
    data = load_lang(language)
    kinds = data.kinds("function_words") if data.owns("function_words") else {}
    facts = data.facts("grammar")

    def listed(key: str) -> frozenset[str]:
        return frozenset(v for v in facts[key].split("|") if v)

    return Words(
        place_prepositions=kinds.get("place_preposition", frozenset()),
        title_links=kinds.get("title_link", frozenset()),
        owner_prepositions=kinds.get("owner_preposition", frozenset()),
        agent_prepositions=kinds.get("agent_preposition", frozenset()),
        possessive_markers=kinds.get("possessive_marker", frozenset()),
        possessive_endings=kinds.get("possessive_ending", frozenset()),
        honorifics=kinds.get("honorific", frozenset()),
        modifiers_before=facts["modifier_side"] == "before",
        modifier_window=int(facts["modifier_window"]),
        modifier_tags=listed("modifier_tags"),
        modifier_stops=listed("modifier_stops"),
    )


def is_locative(doc: Doc, hit: Hit, words: Words) -> bool:
    """True when the hit is governed by a place preposition of the language (directly or through a conjunction)."""
    locatives = words.place_prepositions
    token = doc[hit.start : hit.end].root
    for _ in range(4):  # "entre Moscou, Bakou et Téhéran": the case marker sits on the first conjunct
        if any(c.dep_ == "case" and c.lower_ in locatives for c in token.children):
            return True
        if token.dep_ == "pobj" and token.head.lower_ in locatives:
            return True
        left = doc[token.i - 1] if token.i > 0 else None
        if left is not None and left.lower_ in locatives and left.pos_ == "ADP":
            return True
        if token.dep_ != "conj" or token.head is token:
            return False
        token = token.head
    return False


def title_window(doc: Doc, start: int, words: Words, *, known: Container[int] = ()) -> tuple[int, int]:
    """Token range [lo, start) left of a name that may hold its title ("le président iranien, ").

    The scan stops at verbs, conjunctions, pronouns, other people and punctuation, except one
    comma right before the name (apposition). known: tokens the lexicon names, which are no
    other person even where NER says so ("Azerbaijani" tagged PERSON).
    """
    sent_start = doc[start].sent.start
    lo = start
    # a title NER put inside the person's own entity ("Ayatollah Ali Khamenei") is no other person
    in_own_entity = doc[start].ent_iob_ == "I"
    for k in range(start - 1, max(sent_start, start - TITLE_WINDOW) - 1, -1):
        token = doc[k]
        own = in_own_entity
        in_own_entity = in_own_entity and token.ent_iob_ == "I"
        if token.is_punct and not _joins_a_word(doc, k):
            if token.text == "," and k == start - 1:
                lo = k
                continue
            break
        if token.pos_ in STOP_TAGS or (token.ent_type_ in ("PER", "PERSON") and not own and k not in known):
            break
        if token.pos_ == "ADP" and token.lower_ not in words.title_links:
            break
        lo = k
    return lo, start


def apposition_window(doc: Doc, end: int) -> tuple[int, int]:
    """Token range after a name set off by a comma (", Iran's foreign minister,"), else empty."""
    if end >= len(doc) or doc[end].text not in (",", "("):
        return end, end
    sent_end = doc[end].sent.end
    hi = end + 1
    for k in range(end + 1, min(sent_end, end + 1 + TITLE_WINDOW)):
        token = doc[k]
        if (token.is_punct and not _joins_a_word(doc, k)) or token.pos_ in ("VERB", "AUX"):
            break
        hi = k + 1
    return end + 1, hi


def _joins_a_word(doc: Doc, k: int) -> bool:
    """A hyphen the tokenizer split out of one word ("co-ordinator"): no space on either side, so it is no break."""
    return doc[k].text == "-" and 0 < k < len(doc) - 1 and not doc[k - 1].whitespace_ and not doc[k].whitespace_


def hits_in(hit_at: Mapping[int, Hit], lo: int, hi: int) -> list[Hit]:
    """The hits lying wholly inside tokens [lo, hi), in order (read from the token -> hit map,
    so the cost is the window's length, not the number of hits)."""
    found: list[Hit] = []
    for i in range(lo, hi):
        hit = hit_at.get(i)
        if hit is not None and hit.start == i and hit.end <= hi:
            found.append(hit)
    return found


def modifier_tokens(doc: Doc, start: int, end: int, words: Words) -> Iterator[tuple[Token, bool]]:
    """Tokens that may name the country or owner of the noun phrase at [start, end), each with
    whether it is written attached to the phrase: neighbours first (on the side where the
    language writes its adjectives, across adjectives only), then syntactic modifiers anywhere
    in the sentence."""
    sent = doc[start].sent
    step = -1 if words.modifiers_before else 1
    k = start - 1 if words.modifiers_before else end
    for _ in range(words.modifier_window):
        if not sent.start <= k < sent.end:
            break
        token = doc[k]
        if token.pos_ not in words.modifier_tags or token.text in words.modifier_stops:
            break
        yield token, True
        k += step
    for token in doc[start:end]:
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS and not start <= child.i < end:
                yield child, False
            elif child.dep_ == "prep" and child.lower_ in words.owner_prepositions:
                yield from ((grandchild, False) for grandchild in child.children if grandchild.dep_ == "pobj")
