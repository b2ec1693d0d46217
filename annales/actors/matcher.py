"""Finds lexicon names in a parsed text: longest match first, never across a sentence.

Each token is tried as a start only when its first word begins some name (one dict probe, which
also bounds the length worth trying), so the cost is O(tokens x MAX_TOKENS) dict lookups at
worst, whatever the lexicon's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

from spacy.tokens import Doc

from ..text import doc_text, fold, token_strings
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
    tokens = _Tokens.of(doc)
    text = doc_text(doc)
    lemmas = token_strings(doc, "LEMMA")
    first_words = lexicon.first_words
    # Only a token whose first word begins some name, or a noun (its lemma may be a name), can start a hit: the
    # others are passed over without a call.
    firsts = map(first_words.get, map(first_word, map(fold, tokens.texts)), repeat(0))  # mapped: no Python loop per token
    longest = [0 if punct else chars for chars, punct in zip(firsts, tokens.punct)]
    candidates = [i for i, (chars, nominal) in enumerate(zip(longest, tokens.nominal)) if chars or nominal]
    sentence_ends = [end for start, end in tokens.sentences for _ in range(start, end)]
    resume = 0  # the first token after the last hit: hits do not overlap
    for i in candidates:
        if i < resume:
            continue
        hit = _longest_at(tokens, text, i, sentence_ends[i], lexicon, longest[i]) if longest[i] else None
        if hit is None and tokens.nominal[i]:
            hit = _lemma_at(tokens, lemmas, i, lexicon)
        if hit is not None:
            hits.append(hit)
            resume = hit.end
    return hits


@dataclass(frozen=True, slots=True)
class _Tokens:
    """What the matcher reads of every token, from attribute arrays: spaCy builds a Token object on each `doc[i]`,
    and the matcher visits every token, some of them several times."""

    texts: list[str]
    starts: list[int]  # character offsets
    ends: list[int]  # the character offset just after each token
    punct: list[bool]
    nominal: list[bool]  # part of speech in NOUN_TAGS
    sentences: list[tuple[int, int]]  # token bounds

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        nominal_tags = {doc.vocab.strings[tag] for tag in NOUN_TAGS}
        rows = doc.to_array(["IDX", "IS_PUNCT", "POS", "SENT_START"]).tolist()
        sent_starts = [i for i, row in enumerate(rows) if row[3] == 1 or i == 0]
        texts = token_strings(doc, "ORTH")
        starts = [row[0] for row in rows]
        return cls(
            texts=texts,
            starts=starts,
            ends=[start + len(text) for start, text in zip(starts, texts)],
            punct=[bool(row[1]) for row in rows],
            nominal=[row[2] in nominal_tags for row in rows],
            sentences=list(zip(sent_starts, [*sent_starts[1:], len(doc)])),
        )


def _longest_at(tokens: _Tokens, text: str, i: int, limit: int, lexicon: Lexicon, longest: int) -> Hit | None:
    """The longest name of at most `longest` characters (the longest one its first word begins) at token i."""
    start_char = tokens.starts[i]
    ends = tokens.ends
    stop = min(limit, i + MAX_TOKENS)
    k = i  # tokens [i, k) span no more than the longest name
    while k < stop and ends[k] - start_char <= longest + 2:  # +2: spacing may differ
        k += 1
    for j in range(k, i, -1):
        entry = lexicon.lookup(text[start_char : ends[j - 1]])
        if entry is not None:
            return Hit(i, j, entry)
    return None


def _lemma_at(tokens: _Tokens, lemmas: list[str], i: int, lexicon: Lexicon) -> Hit | None:
    entry = lexicon.lookup(lemmas[i], lemma=True) or lexicon.lookup(tokens.texts[i], lemma=True)
    return Hit(i, i + 1, entry) if entry is not None else None
