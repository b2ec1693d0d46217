"""Syntactic context of a name or noun: locative use, titles around a person, modifiers of a noun.

Rules read the spaCy parse but fall back on word order, because the small models' attachments
of appositions and adjectives are often wrong in news text.
"""

from __future__ import annotations

from collections.abc import Container, Iterator, Mapping

from spacy.tokens import Doc, Token

from .matcher import Hit

# Prepositions that make a capital or seat of power a place, not an actor ("à Moscou",
# "au Kremlin", "at the White House"). Countries stay actors whatever their preposition.
LOCATIVES = frozenset({"en", "dans", "in", "inside", "within", "à", "au", "aux", "at", "entre", "between", "près", "near", "depuis", "from", "via"})
# Prepositions allowed inside a title ("chef de la diplomatie", "Minister of Defence").
TITLE_LINKS = frozenset({"de", "d'", "d’", "des", "du", "of"})
STOP_TAGS = frozenset({"VERB", "AUX", "CCONJ", "SCONJ", "PRON"})
# Dependency labels by which a modifier names the country of a noun (UD and ClearNLP).
MODIFIER_DEPS = frozenset({"amod", "nmod", "nmod:poss", "poss", "compound", "flat", "flat:name", "appos", "npadvmod"})
# ClearNLP prepositions whose object names where a noun's people belong ("a court in Guyana",
# "dissidents from Myanmar", "the army of Russia"); UD parses mark these with `case` instead.
OWNER_PREPS = frozenset({"of", "in", "from"})
# Subject labels, active and passive (UD and ClearNLP).
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
TITLE_WINDOW = 8


def is_locative(doc: Doc, hit: Hit) -> bool:
    """True when the hit is governed by a locative preposition (directly or through a conjunction)."""
    token = doc[hit.start : hit.end].root
    for _ in range(4):  # "entre Moscou, Bakou et Téhéran": the case marker sits on the first conjunct
        if any(c.dep_ == "case" and c.lower_ in LOCATIVES for c in token.children):
            return True
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVES:
            return True
        left = doc[token.i - 1] if token.i > 0 else None
        if left is not None and left.lower_ in LOCATIVES and left.pos_ == "ADP":
            return True
        if token.dep_ != "conj" or token.head is token:
            return False
        token = token.head
    return False


def title_window(doc: Doc, start: int, *, known: Container[int] = ()) -> tuple[int, int]:
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
        if token.is_punct:
            if token.text == "," and k == start - 1:
                lo = k
                continue
            break
        if token.pos_ in STOP_TAGS or (token.ent_type_ in ("PER", "PERSON") and not own and k not in known):
            break
        if token.pos_ == "ADP" and token.lower_ not in TITLE_LINKS:
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
        if token.is_punct or token.pos_ in ("VERB", "AUX"):
            break
        hi = k + 1
    return end + 1, hi


def hits_in(hit_at: Mapping[int, Hit], lo: int, hi: int) -> list[Hit]:
    """The hits lying wholly inside tokens [lo, hi), in order (read from the token -> hit map,
    so the cost is the window's length, not the number of hits)."""
    found: list[Hit] = []
    for i in range(lo, hi):
        hit = hit_at.get(i)
        if hit is not None and hit.start == i and hit.end <= hi:
            found.append(hit)
    return found


def modifier_tokens(doc: Doc, start: int, end: int, *, english: bool) -> Iterator[tuple[Token, bool]]:
    """Tokens that may name the country or owner of the noun phrase at [start, end), each with
    whether it is written attached to the phrase: neighbours first (right in French, left in
    English, across adjectives only), then syntactic modifiers anywhere in the sentence."""
    sent = doc[start].sent
    if english:
        k = start - 1
        while k >= sent.start and start - k <= 4:
            token = doc[k]
            if token.pos_ not in ("ADJ", "PROPN", "NOUN", "PART", "PUNCT") or token.text in (",", ";", ":"):
                break
            yield token, True
            k -= 1
    else:
        k = end
        while k < sent.end and k - end < 3:
            token = doc[k]
            if token.pos_ not in ("ADJ", "PROPN", "NOUN", "PUNCT") or token.text in (",", ";", ":", "«", "»"):
                break
            yield token, True
            k += 1
    for token in doc[start:end]:
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS and not start <= child.i < end:
                yield child, False
            elif child.dep_ == "prep" and child.lower_ in OWNER_PREPS:
                yield from ((grandchild, False) for grandchild in child.children if grandchild.dep_ == "pobj")
