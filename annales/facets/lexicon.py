"""Shared helpers for the facet finders: token normalisation, a per-Doc view and multi-word phrase lookup.

Facet vocabularies are TSV tables (annales/lang/<code>/*.tsv) whose `phrase` column may hold
several words; a `PhraseIndex` finds them in a spaCy Doc in one pass, longest match first.
`view(doc)` reads every token's normalised form, lemma and sentence bounds once per Doc (cached in
`doc.user_data`): spaCy builds a Token object on each access and `Token.sent` walks the sentences,
which made those lookups the largest cost of the stage.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span

from ..text import doc_text, token_strings

T = TypeVar("T")

# Typographic apostrophes and hyphens are folded so one table row matches every spelling.
_FOLD = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "‑": "-", "‐": "-"})


@functools.lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Lower-cased text with typographic apostrophes and hyphens folded (cached: token texts repeat, and every
    finder normalises them)."""
    return text.translate(_FOLD).lower()


@dataclass(frozen=True, slots=True)
class DocView:
    """Per-token data of one Doc, read once: normalised text and lemma, space flag, offset, sentence bounds."""

    doc: Doc
    text: str  # Doc.text, which spaCy rebuilds from the tokens on every access
    texts: list[str]
    lemmas: list[str]
    spaces: list[bool]
    offsets: list[int]  # each token's first character
    sent_start: list[int]
    sent_end: list[int]

    def sent(self, i: int) -> Span:
        """The sentence holding token i."""
        return self.doc[self.sent_start[i] : self.sent_end[i]]

    def forms(self, i: int, *, lemma: bool = False) -> tuple[str, ...]:
        """The normalised surface form of token i, and its lemma when `lemma` is set."""
        if lemma and self.lemmas[i] != self.texts[i]:
            return (self.texts[i], self.lemmas[i])
        return (self.texts[i],)


_VIEW_KEY = "annales.facets.view"


def view(doc: Doc) -> DocView:
    """The (cached) DocView of `doc`, read from attribute arrays: a Token object per token and attribute (and
    `Doc.text`, which builds them all again) cost more than the finders that read the view."""
    cached = doc.user_data.get(_VIEW_KEY)
    if cached is None:
        orths = token_strings(doc, "ORTH")
        flags = doc.to_array(["IS_SPACE", "SENT_START", "IDX"]).tolist()
        starts, ends = [0] * len(doc), [len(doc)] * len(doc)
        sent_starts = [i for i, (_, sent_start, _) in enumerate(flags) if i == 0 or sent_start == 1]
        for start, end in zip(sent_starts, [*sent_starts[1:], len(doc)]):
            starts[start:end] = [start] * (end - start)
            ends[start:end] = [end] * (end - start)
        cached = DocView(
            doc=doc,
            text=doc_text(doc),
            texts=list(map(norm, orths)),
            lemmas=list(map(norm, token_strings(doc, "LEMMA"))),
            spaces=[bool(space) for space, _, _ in flags],
            offsets=[offset for _, _, offset in flags],
            sent_start=starts,
            sent_end=ends,
        )
        doc.user_data[_VIEW_KEY] = cached
    return cached


@dataclass
class PhraseIndex(Generic[T]):
    """Phrases of one or more words, looked up token by token (longest first)."""

    lemma: bool = False
    _by_first: dict[str, list[tuple[tuple[str, ...], T]]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, entries: Iterable[tuple[str, T]], *, lemma: bool = False) -> PhraseIndex[T]:
        index: PhraseIndex[T] = cls(lemma=lemma)
        for phrase, payload in entries:
            words = tuple(norm(phrase).split())
            if words:
                index._by_first[words[0]].append((words, payload))
        for bucket in index._by_first.values():
            bucket.sort(key=lambda item: -len(item[0]))
        return index

    def match(self, tokens: DocView, i: int, *, stop: int | None = None) -> tuple[int, list[T]]:
        """(end token, payloads) of the longest phrase starting at token `i` of a Doc's view; (i, []) if none.

        Space tokens are skipped inside a phrase; `stop` bounds the match (a sentence end)."""
        limit = len(tokens.texts) if stop is None else stop
        best_end, payloads = i, []
        for first in tokens.forms(i, lemma=self.lemma):
            for words, payload in self._by_first.get(first, ()):
                end = self._match_rest(tokens, i + 1, words[1:], limit)
                if end is None:
                    continue
                if end > best_end:
                    best_end, payloads = end, [payload]
                elif end == best_end:
                    payloads.append(payload)
        return best_end, payloads

    def single(self, word: str) -> list[T]:
        """Payloads of the one-word phrase `word` (already normalised)."""
        return [payload for words, payload in self._by_first.get(word, ()) if len(words) == 1]

    def starts(self, word: str) -> bool:
        """True when some phrase starts with `word` (normalised): a cheap test before `match`."""
        return word in self._by_first

    def starting_tokens(self, tokens: DocView) -> list[int]:
        """The tokens of a Doc's view that some phrase starts with (their form, or their lemma for a lemma index), in
        order: `starts` over the whole Doc at once, so that a finder's loop visits those tokens only."""
        by_first = self._by_first
        if self.lemma:
            return [i for i, (text, lemma) in enumerate(zip(tokens.texts, tokens.lemmas)) if text in by_first or lemma in by_first]
        return [i for i, text in enumerate(tokens.texts) if text in by_first]

    def _match_rest(self, tokens: DocView, j: int, rest: tuple[str, ...], limit: int) -> int | None:
        for word in rest:
            while j < limit and tokens.spaces[j]:
                j += 1
            if j >= limit or word not in tokens.forms(j, lemma=self.lemma):
                return None
            j += 1
        return j


def rows(table: list[dict[str, str]], kind: str) -> list[dict[str, str]]:
    """The rows of a facet table with the given `kind`."""
    return [row for row in table if row.get("kind") == kind]
