"""The array readers (`annales.text.token_strings`, `doc_text`, `nlp.sentences_of`) give what spaCy's Token and
Span attributes give, on a parse with spaces, line breaks and blank sentences."""

from __future__ import annotations

import pytest

from annales.nlp import load_model, sentences_of
from annales.text import doc_text, token_strings

TEXT = "  Le ministre  Jean-Yves Le Drian est arrivé à Bamako.\n\n \n« Les discussions ont commencé », a-t-il dit.  "


def test_token_strings_and_text_match_the_token_attributes() -> None:
    doc = load_model("fr")(TEXT)
    assert token_strings(doc, "ORTH") == [token.text for token in doc]
    assert token_strings(doc, "LOWER") == [token.lower_ for token in doc]
    assert token_strings(doc, "LEMMA") == [token.lemma_ for token in doc]
    assert doc_text(doc) == doc.text == TEXT


def test_sentences_are_the_parse_sentences_trimmed_without_blank_ones() -> None:
    doc = load_model("fr")(TEXT)
    expected = [(sent.start_char, sent.end_char) for sent in doc.sents if sent.text.strip()]
    found = [(sentence.start, sentence.end) for sentence in sentences_of(doc)]
    assert [TEXT[start:end] for start, end in found] == [TEXT[start:end].strip() for start, end in expected]
    assert [sentence.index for sentence in sentences_of(doc)] == list(range(len(found)))


def test_token_strings_read_the_same_through_the_shared_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Strings are cached by hash for every Doc: parses in two languages, and a cache emptied when full, read the
    strings of the tokens' own attributes."""
    from annales import text

    monkeypatch.setattr(text, "_STRINGS_MAX", 8)
    for language, sample in (("fr", TEXT), ("en", "The minister said it twice: it, it.")):
        doc = load_model(language)(sample)
        assert token_strings(doc, "LEMMA") == [token.lemma_ for token in doc]
        assert token_strings(doc, "ORTH") == [token.text for token in doc]
