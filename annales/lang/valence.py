"""Word valence per language, from the VADER lexicons (vaderSentiment for English, vadersentiment-fr for
French; the module per language is data: annales/lang/xx/tone_analyzers.tsv).

A data reader shared by the stages that weigh words (facets' tone, events' criticism in speech); it reads
the analyzer's `lexicon` attribute and never calls `polarity_scores`.
"""

from __future__ import annotations

import functools
import importlib
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from ..errors import AnnalesError, Errors
from . import load_lang, strip_accents


@dataclass(frozen=True, slots=True)
class Valence:
    valence: dict[str, float]
    negators: frozenset[str]
    name: str


@functools.lru_cache(maxsize=65536)
def valence_key(word: str) -> str:
    """Lower case without accents: vadersentiment-fr stores its lexicon that way."""
    return strip_accents(word.lower())


@functools.cache
def load_valence(language: str) -> Valence:
    """The VADER lexicon and negators for `language`, loaded once; E802 when the language has none."""
    rows = {row["language"]: row for row in load_lang("xx").table("tone_analyzers")}
    modules = {code: row["module"] for code, row in rows.items()}
    if language not in modules:
        raise AnnalesError(Errors.E802.format(language=language))
    with warnings.catch_warnings():
        # vadersentiment-fr imports fuzzywuzzy, which warns that it is slow; we never call its fuzzy matching.
        warnings.simplefilter("ignore", UserWarning)
        module = importlib.import_module(modules[language])
    analyzer = module.SentimentIntensityAnalyzer()
    valence = {valence_key(word): float(score) for word, score in analyzer.lexicon.items()}
    # a word of the module's negation list the table says is none in news ("plus de 10 000" negates nothing)
    ambiguous = frozenset(valence_key(w) for w in rows[language].get("not_negators", "").split("|") if w)
    negators = frozenset(valence_key(w) for w in module.NEGATE) - ambiguous
    return Valence(valence, negators, modules[language].split(".")[0])


def has_valence(language: str) -> bool:
    return language in {row["language"] for row in load_lang("xx").table("tone_analyzers")}


# Previous words searched for a negator, as VADER does.
NEGATION_WINDOW = 3


def signed_valence(lexicon: Valence, text: str, lemma: str, recent: Sequence[str], children: Iterable[Token]) -> float:
    """A word's VADER valence (its form's, else its lemma's; 0 when it has none), flipped when a negator is among
    the `recent` folded words or is attached to it ("ne menace pas"). Shared by the tone and the criticism rules."""
    score = lexicon.valence.get(valence_key(text))
    if score is None:
        score = lexicon.valence.get(valence_key(lemma))
    if not score:
        return 0.0
    negated = any(w in lexicon.negators for w in recent) or any(c.dep_ == "advmod" and valence_key(c.text) in lexicon.negators for c in children)
    return -score if negated else score
