"""nlp: the spaCy parse of each article's cleaned text, one pipeline per language.

A language's parser is its row of annales/lang/xx/spacy_models.tsv, built by the row's adapter
(`adapters.py`: a spaCy package, or natasha's models inside a spaCy pipeline).

Pipelines are loaded once per process and fed with `nlp.pipe` batches, each batch inside the
pipelines' memory zones (`batch_context`), so what a batch adds to a vocabulary is freed with
it. Paragraph breaks (blank lines) are preset as sentence starts so no sentence spans two
paragraphs, and a token written against the one before it inside a hyphenated word
("Royaume-Uni") or a closing mark (",", ".") is preset as no start: the parser otherwise
sometimes cuts a sentence there, which breaks the name and the parse of its whole sentence; so is a
word after a word (no sentence ends without a mark) and a lower-case word after an abbreviation's stop.
A long text is parsed in pieces cut at paragraph breaks and joined into one `Doc` with the same
characters, without the pieces' tensors (no later stage reads them): a 1 MB text peaks at about
0.5 GB instead of 3.3 GB, and a cut never falls inside a sentence a paragraph break did not end.
A line in capitals (a headline: "HUELGA EN LA CAPITAL") is parsed in lower case, where the models find its verbs
and nouns rather than a row of proper nouns, and the parse is given back the line's own words (`plain_case`,
`in_original_case`): the text, offsets and tokens are the original ones.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from contextlib import ExitStack
from typing import cast

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from ..article import Article, Sentence
from ..config import Settings
from ..errors import AnnalesError, Errors
from ..lang import load_lang
from ..memory import long_lived
from ..text import doc_text, token_strings
from . import adapters

NAME = "nlp"
REQUIRES = ("text", "language")
ASSIGNS = ("doc", "sentences")


@Language.component("annales_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after a newline as a sentence start (the parser keeps preset starts)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


# Marks that never open a sentence when written against the previous token.
CLOSING_MARKS = frozenset({",", ".", ";", ":", "!", "?", "…", ")", "]", "»"})


@Language.component("annales_glued_tokens")
def glued_tokens(doc: Doc) -> Doc:
    """Mark as no sentence start (preset starts, such as paragraph breaks, win): a token glued to the previous
    one inside a hyphenated word, or a closing mark glued to its word; a word that follows a word with only
    spaces between (no sentence ends without a mark: "Dwight | Eisenhower" was cut); a word in lower case
    after a stop (an abbreviation's: "King Jr. | à la Maison-Blanche"). The marks are set in one array:
    spaCy's `Token.is_sent_start` setter scans the whole document on each call, which made this component
    cost 15% of the French parse."""
    starts = doc.to_array(["SENT_START"]).astype("int64").reshape(-1, 1)  # 1 preset start, -1 preset no start, 0 open
    for previous, token in itertools.pairwise(doc):
        if starts[token.i, 0] == 1 or previous.is_space:
            continue
        if token.idx != previous.idx + len(previous.text):
            after_word = previous.text[-1].isalpha() or (previous.text == "." and token.text[0].islower())
            if token.text[0].isalpha() and after_word and "\n" not in previous.whitespace_:
                starts[token.i, 0] = -1
            continue
        if token.text == "-" or previous.text == "-" or token.text in CLOSING_MARKS:
            starts[token.i, 0] = -1
    doc.from_array(["SENT_START"], cast(Ints2d, starts.astype("uint64")))
    return doc


@functools.cache
def load_model(language: str) -> Language:
    """The spaCy pipeline for `language`, loaded once per process."""
    row = next((row for row in load_lang("xx").table("spacy_models") if row["language"] == language), None)
    if row is None:
        raise AnnalesError(Errors.E401.format(language=language, package="none configured"))
    try:
        with long_lived():
            nlp = adapters.load(row)  # the row's adapter: a spaCy package, or natasha's models in a spaCy pipeline
    except (OSError, ImportError) as exc:
        raise AnnalesError(Errors.E401.format(language=language, package=row["package"])) from exc
    nlp.add_pipe("annales_paragraph_breaks", before="parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0])
    nlp.add_pipe("annales_glued_tokens", after="annales_paragraph_breaks")
    nlp.max_length = 10_000_000
    return nlp


def batch_context(articles: list[Article], settings: Settings) -> ExitStack:
    """spaCy memory zones (`Language.memory_zone`) of the pipelines these articles need, held by the
    Pipeline until the batch is done. Words and strings a batch adds to a vocabulary are freed when
    its zone closes; without zones the vocabulary keeps every word ever seen, and a process that
    reads a corpus grows with it. The later stages read `article.doc` inside the batch only and
    keep plain Python values (str, int), never spaCy objects, so nothing refers to freed memory."""
    zones = ExitStack()
    for language in sorted({article.language or "" for article in articles}):
        try:
            nlp = load_model(language)
        except AnnalesError:
            continue  # `run` reports it, article by article
        zones.enter_context(nlp.memory_zone())
    return zones


def run(articles: list[Article], settings: Settings) -> None:
    by_language: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_language[article.language or ""].append(article)
    for language, group in by_language.items():
        nlp = load_model(language)
        pieces = [text_pieces(article.text, settings.piece_chars) for article in group]
        texts = [piece for article_pieces in pieces for piece in article_pieces]
        plain = [plain_case(text) for text in texts]
        parsed = zip(texts, plain, nlp.pipe(plain, batch_size=settings.batch_size))
        docs = (doc if text is plain_text else in_original_case(doc, text) for text, plain_text, doc in parsed)
        for article, article_pieces in zip(group, pieces):
            if len(article_pieces) == 1:
                article.doc = next(docs)
            else:
                article.doc = _joined([next(docs) for _ in article_pieces])
            article.sentences = sentences_of(article.doc)


# A line in capitals: at least this many words of two letters or more, every one of them upper-case.
CAPITAL_LINE_WORDS = 3
_WORDS = re.compile(r"[^\W\d_]{2,}")


def plain_case(text: str) -> str:
    """`text` with its all-capitals lines (headlines: "HUELGA EN LA CAPITAL") in lower case, character for
    character: the models read such words as proper nouns and find no lemma, verb or event in them. The parse of
    that text is given back the original words (`in_original_case`). `text` itself when it has no such line."""
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if not line.isupper():  # no cased character, or a lower-case one
            continue
        words = _WORDS.findall(line)
        if len(words) >= CAPITAL_LINE_WORDS and all(word.isupper() for word in words) and len(lower := line.lower()) == len(line):
            lines[i], changed = lower, True
    return "\n".join(lines) if changed else text


# What a parse of the plain-case text gives its original words.
_PARSE_ATTRS: list[int | str] = ["POS", "TAG", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE"]
_TAG_ATTRS: list[int | str] = ["POS", "TAG", "MORPH", "LEMMA", "SENT_START", "ENT_IOB", "ENT_TYPE"]


def in_original_case(doc: Doc, original: str) -> Doc:
    """The parse `doc` of `plain_case(original)` over the words of `original` (same tokens, same offsets)."""
    words = [original[token.idx : token.idx + len(token.text)] for token in doc]
    restored = Doc(doc.vocab, words=words, spaces=[bool(token.whitespace_) for token in doc])
    attrs = _PARSE_ATTRS if doc.has_annotation("DEP") else _TAG_ATTRS
    restored.from_array(attrs, cast(Ints2d, doc.to_array(attrs)))
    restored.tensor = doc.tensor
    return restored


# Where a long text may be cut, best first: a paragraph break, a line break, a sentence end, any space.
CUTS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def text_pieces(text: str, size: int) -> list[str]:
    """`text` cut into consecutive pieces of at least `size` characters (the last may be shorter), each cut just
    after a paragraph break where there is one within the next `size` characters, else at the best cut found
    there; the pieces joined give `text` back."""
    pieces, start = [], 0
    while len(text) - start > size + size // 2:
        window = text[start + size : start + 2 * size]
        stop = len(window)  # no cut at all within reach: a hard cut
        for cut in CUTS:
            if match := cut.search(window):
                stop = match.end()
                break
        pieces.append(text[start : start + size + stop])
        start += size + stop
    return [*pieces, text[start:]]


def _joined(docs: list[Doc]) -> Doc:
    for doc in docs:
        doc.tensor = numpy.zeros((0,), dtype="float32")
    return Doc.from_docs(docs, ensure_whitespace=False)


def sentences_of(doc: Doc) -> list[Sentence]:
    """The non-blank sentences of `doc`, whitespace trimmed, read from attribute arrays (`Doc.sents` and `Span.text`
    build a Token object per token)."""
    orths = token_strings(doc, "ORTH")
    text = doc_text(doc)
    offsets = doc.to_array(["IDX", "SENT_START"]).tolist()
    starts = [i for i, (_, sent_start) in enumerate(offsets) if i == 0 or sent_start == 1]
    sentences: list[Sentence] = []
    for first, stop in zip(starts, [*starts[1:], len(doc)]):
        start_char, end_char = offsets[first][0], offsets[stop - 1][0] + len(orths[stop - 1])
        sentence = text[start_char:end_char]
        if not sentence.strip():
            continue
        start = start_char + (len(sentence) - len(sentence.lstrip()))
        end = end_char - (len(sentence) - len(sentence.rstrip()))
        sentences.append(Sentence(index=len(sentences), start=start, end=end))
    return sentences
