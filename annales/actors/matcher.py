"""Finds lexicon names in a parsed text: longest match first, never across a sentence.

Each token is tried as a start only when its first word begins some name (one dict probe, which
also bounds the length worth trying), so the cost is O(tokens x MAX_TOKENS) dict lookups at
worst, whatever the lexicon's size.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    for sent_start, sent_end in tokens.sentences:
        i = sent_start
        while i < sent_end:
            hit = _longest_at(tokens, text, i, sent_end, lexicon)
            if hit is None:
                hit = _lemma_at(doc, tokens, i, lexicon)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.end
    return hits


@dataclass(frozen=True, slots=True)
class _Tokens:
    """What the matcher reads of every token, from attribute arrays: spaCy builds a Token object on each `doc[i]`,
    and the matcher visits every token, some of them several times."""

    texts: list[str]
    starts: list[int]  # character offsets
    punct: list[bool]
    nominal: list[bool]  # part of speech in NOUN_TAGS
    sentences: list[tuple[int, int]]  # token bounds

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        nominal_tags = {doc.vocab.strings[tag] for tag in NOUN_TAGS}
        rows = doc.to_array(["IDX", "IS_PUNCT", "POS", "SENT_START"]).tolist()
        sent_starts = [i for i, row in enumerate(rows) if row[3] == 1 or i == 0]
        return cls(
            texts=token_strings(doc, "ORTH"),
            starts=[row[0] for row in rows],
            punct=[bool(row[1]) for row in rows],
            nominal=[row[2] in nominal_tags for row in rows],
            sentences=list(zip(sent_starts, [*sent_starts[1:], len(doc)])),
        )

    def end(self, i: int) -> int:
        """The character offset just after token i."""
        return self.starts[i] + len(self.texts[i])


def _longest_at(tokens: _Tokens, text: str, i: int, limit: int, lexicon: Lexicon) -> Hit | None:
    longest = lexicon.first_words.get(first_word(fold(tokens.texts[i])), 0) if not tokens.punct[i] else 0
    if not longest:
        return None
    start_char = tokens.starts[i]
    ends: list[int] = []  # token ends whose span is not longer than the longest name
    for j in range(i + 1, min(limit, i + MAX_TOKENS) + 1):
        if tokens.end(j - 1) - start_char > longest + 2:  # +2: spacing may differ
            break
        ends.append(j)
    for j in reversed(ends):
        entry = lexicon.lookup(text[start_char : tokens.end(j - 1)])
        if entry is not None:
            return Hit(i, j, entry)
    return None


def _lemma_at(doc: Doc, tokens: _Tokens, i: int, lexicon: Lexicon) -> Hit | None:
    if not tokens.nominal[i]:
        return None
    token = doc[i]
    entry = lexicon.lookup(token.lemma_, lemma=True) or lexicon.lookup(token.text, lemma=True)
    return Hit(i, i + 1, entry) if entry is not None else None
