"""nlp: the spaCy parse of each article's cleaned text, one pipeline per language.

Pipelines are loaded once per process and fed with `nlp.pipe` batches, each batch inside the
pipelines' memory zones (`batch_context`), so what a batch adds to a vocabulary is freed with
it. Paragraph breaks (blank lines) are preset as sentence starts so no sentence spans two
paragraphs, and a token written against the one before it inside a hyphenated word
("Royaume-Uni") or a closing mark (",", ".") is preset as no start: the parser otherwise
sometimes cuts a sentence there, which breaks the name and the parse of its whole sentence.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from contextlib import ExitStack

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..article import Article, Sentence
from ..config import Settings
from ..errors import AnnalesError, Errors
from ..lang import load_lang

NAME = "nlp"
REQUIRES = ("text", "language")
ASSIGNS = ("doc", "sentences")


@Language.component("annales_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after a newline as a sentence start (the parser keeps preset starts)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc


# Marks that never open a sentence when written against the previous token.
CLOSING_MARKS = frozenset({",", ".", ";", ":", "!", "?", "…", ")", "]", "»"})


@Language.component("annales_glued_tokens")
def glued_tokens(doc: Doc) -> Doc:
    """Mark a token glued to the previous one inside a hyphenated word, or a closing mark glued
    to its word, as no sentence start (preset starts, such as paragraph breaks, win)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_sent_start or token.idx != previous.idx + len(previous.text) or previous.is_space:
            continue
        if token.text == "-" or previous.text == "-" or token.text in CLOSING_MARKS:
            token.is_sent_start = False
    return doc


@functools.cache
def load_model(language: str) -> Language:
    """The spaCy pipeline for `language`, loaded once per process."""
    packages = {row["language"]: row["package"] for row in load_lang("xx").table("spacy_models")}
    package = packages.get(language)
    if package is None:
        raise AnnalesError(Errors.E401.format(language=language, package="none configured"))
    try:
        nlp = spacy.load(package)
    except OSError as exc:
        raise AnnalesError(Errors.E401.format(language=language, package=package)) from exc
    nlp.add_pipe("annales_paragraph_breaks", before="parser")
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
        for article, doc in zip(group, nlp.pipe((a.text for a in group), batch_size=settings.batch_size)):
            article.doc = doc
            article.sentences = _sentences(doc)


def _sentences(doc: Doc) -> list[Sentence]:
    sentences: list[Sentence] = []
    for sent in doc.sents:
        text = sent.text
        if not text.strip():
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        sentences.append(Sentence(index=len(sentences), start=start, end=end))
    return sentences


def has_possessive(token: Token) -> bool:
    """Whether a possessive pronoun or determiner qualifies `token` ("its forces", "ses forces")."""
    return any("Yes" in c.morph.get("Poss") and c.pos_ in ("PRON", "DET") for c in token.children)
