"""The text toolkit every stage shares: folding names into lookup keys, cutting a text into paragraphs,
and token tests over the parse. Nothing here knows a language: word lists live in annales/lang/<code>/."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Token

from .lang import strip_accents
from .lang.identify import identify

_SPACE = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NEWLINE = re.compile(r"\n")
# Characters that end a sentence line; a caption line ends with its credit, a letter, so the
# test is on the share of such lines, not on every line.
_SENTENCE_END = frozenset('.!?…»"\')”:')
_DOC_TEXT_KEY = "annales.text.doc_text"
# Named-entity labels of people in the parsers' schemes (English "PERSON", French, Spanish and Russian "PER").
PERSON_LABELS = frozenset({"PERSON", "PER"})


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Accent- and case-insensitive key; apostrophes and spaces normalised (cached: token
    texts repeat, and this is the matcher's inner loop)."""
    return _SPACE.sub(" ", strip_accents(text).casefold().replace("’", "'")).strip()


@functools.lru_cache(maxsize=16)
def identify_text(text: str) -> tuple[str | None, float]:
    """`annales.lang.identify.identify`, remembered for the last few texts: the repair stage guesses the language of
    a batch's articles from their text before the word repairs, and the language stage identifies the repaired
    texts, most often the same ones."""
    return identify(text)


def fold_place(text: str) -> str:
    """Accent-, case- and punctuation-insensitive key: "Saint-Étienne" -> "saint etienne", "U.S." -> "us"."""
    text = strip_accents(text).casefold()
    text = text.replace(".", "").replace("’", " ").replace("'", " ").replace("-", " ").replace("‐", " ")
    return " ".join(text.split())


def fold_plain(text: str) -> str:
    """Accents, apostrophes, case and punctuation folded away (for comparing lines of text, not names): `l’Iran à` and `lIran a` compare equal."""
    plain = strip_accents(text).casefold()
    plain = re.sub(r"['’`ʼ]", "", plain)
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, whitespace trimmed. Paragraphs end at blank lines; inside a
    block, single newlines also end paragraphs when the lines end like sentences (one paragraph
    per line, as many scrapers store text) rather than being hard-wrapped prose."""
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _split(text, _BLANK_LINE, 0, len(text)):
        lines = _split(text, _NEWLINE, block_start, block_end)
        ends = sum(text[end - 1] in _SENTENCE_END for _, end in lines)
        if len(lines) > 1 and ends * 2 >= len(lines):
            spans.extend(lines)
        else:
            spans.append((block_start, block_end))
    return spans


def _split(text: str, separator: re.Pattern[str], start: int, end: int) -> list[tuple[int, int]]:
    """Trimmed, non-empty pieces of text[start:end] between `separator` matches."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for match in (*separator.finditer(text, start, end), None):
        stop = match.start() if match else end
        chunk = text[cursor:stop]
        if chunk.strip():
            pieces.append((cursor + len(chunk) - len(chunk.lstrip()), cursor + len(chunk.rstrip())))
        if match:
            cursor = match.end()
    return pieces


def quote_spans(text: str, pairs: dict[str, str]) -> list[tuple[int, int]]:
    """(start, end) of the outermost quotation-mark pairs of `pairs` (opening mark -> closing mark: the
    language's `quotations` table), marks included, never across a blank line."""
    marks = re.escape("".join(sorted(set(pairs) | set(pairs.values()))))
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for match in re.finditer(rf"[{marks}]|{_BLANK_LINE.pattern}", text):
        i, char = match.start(), match.group()
        if char[0] == "\n":
            stack.clear()
        elif stack and char == pairs[stack[-1][0]]:
            start = stack.pop()[1]
            if not stack:
                spans.append((start, i + 1))
        elif char in pairs:
            stack.append((char, i))
    return spans


def line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of text[start:end], whitespace trimmed."""
    return _split(text, _NEWLINE, start, end)


# Token strings by hash, shared by every Doc (a hash names the same string in every vocabulary): spaCy's StringStore
# builds a new string on each look-up, which cost most of `token_strings`. Emptied when full: it holds the words of
# recent articles, bounded like the vocabularies that memory zones keep from growing.
_STRINGS: dict[int, str] = {}
_STRINGS_MAX = 1 << 17


def token_strings(doc: Doc, attribute: str) -> list[str]:
    """The string value of `attribute` (a spaCy attribute name: ORTH, LOWER, LEMMA...) of every token of `doc`, read
    from one array and kept in `doc.user_data` (several stages read them; the list is shared, never to be changed):
    `doc[i]` builds a Token object on each access, which made per-token loops cost more than their tests."""
    key = f"annales.text.strings.{attribute}"
    values: list[str] | None = doc.user_data.get(key)
    if values is None:
        numbers = doc.to_array(attribute).tolist()
        if len(_STRINGS) > _STRINGS_MAX:
            _STRINGS.clear()
        strings = doc.vocab.strings
        for number in {number for number in numbers if number not in _STRINGS}:
            _STRINGS[number] = strings[number]
        values = list(map(_STRINGS.__getitem__, numbers))
        doc.user_data[key] = values
    return values


def doc_text(doc: Doc) -> str:
    """`doc.text`, rebuilt once from `token_strings` and kept in `doc.user_data`: spaCy's `Doc.text` builds a Token
    object per token on every call."""
    text: str | None = doc.user_data.get(_DOC_TEXT_KEY)
    if text is None:
        spaces = doc.to_array("SPACY").tolist()
        text = "".join([orth + " " if space else orth for orth, space in zip(token_strings(doc, "ORTH"), spaces)])
        doc.user_data[_DOC_TEXT_KEY] = text
    return text


def has_possessive(token: Token) -> bool:
    """Whether a possessive pronoun or determiner qualifies `token` ("its forces", "ses forces")."""
    return any("Yes" in c.morph.get("Poss", None) and c.pos_ in ("PRON", "DET") for c in token.children)


def is_personal_pronoun(token: Token) -> bool:
    """A personal pronoun: tagged so, or a pronoun with a grammatical person (the French model tags "il" so, without
    PronType=Prs)."""
    return token.pos_ == "PRON" and ("Prs" in token.morph.get("PronType", []) or bool(token.morph.get("Person", None)))
