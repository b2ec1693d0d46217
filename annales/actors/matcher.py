"""Finds lexicon names in a parsed text: longest match first, never across a sentence.

Each token is tried as a start only when its first word begins some name (one dict probe, which
also bounds the length worth trying), so the cost is O(tokens x MAX_TOKENS) dict lookups at
worst, whatever the lexicon's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..text import fold
from .knowledge import MAX_TOKENS, Entry, Lexicon, first_word

# Parts of speech a single-word sector noun must have ("pouvoir" the verb is not "le pouvoir").
NOUN_TAGS = frozenset({"NOUN", "PROPN"})


@dataclass(slots=True)
class Hit:
    """A lexicon entry found at tokens [start, end)."""

    start: int
    end: int
    entry: Entry


def find_hits(doc: Doc, lexicon: Lexicon) -> list[Hit]:
    """Non-overlapping lexicon hits in `doc`, in text order."""
    hits: list[Hit] = []
    text = doc.text
    for sent_start, sent_end in _sentence_bounds(doc):
        i = sent_start
        while i < sent_end:
            hit = _longest_at(doc, text, i, sent_end, lexicon)
            if hit is None:
                hit = _lemma_at(doc, i, lexicon)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.end
    return hits


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of the sentences, read from one array (cheaper than building `doc.sents`)."""
    starts = [i for i, flag in enumerate(doc.to_array("SENT_START").tolist()) if flag == 1 or i == 0]
    return list(zip(starts, [*starts[1:], len(doc)]))


def _longest_at(doc: Doc, text: str, i: int, limit: int, lexicon: Lexicon) -> Hit | None:
    token = doc[i]
    longest = lexicon.first_words.get(first_word(fold(token.text)), 0) if not token.is_punct else 0
    if not longest:
        return None
    start_char = token.idx
    ends: list[int] = []  # token ends whose span is not longer than the longest name
    for j in range(i + 1, min(limit, i + MAX_TOKENS) + 1):
        last = doc[j - 1]
        if last.idx + len(last.text) - start_char > longest + 2:  # +2: spacing may differ
            break
        ends.append(j)
    for j in reversed(ends):
        last = doc[j - 1]
        entry = lexicon.lookup(text[start_char : last.idx + len(last.text)])
        if entry is not None:
            return Hit(i, j, entry)
    return None


def _lemma_at(doc: Doc, i: int, lexicon: Lexicon) -> Hit | None:
    token = doc[i]
    if token.pos_ not in NOUN_TAGS:
        return None
    entry = lexicon.lookup(token.lemma_, lemma=True) or lexicon.lookup(token.text, lemma=True)
    return Hit(i, i + 1, entry) if entry is not None else None
