"""No sentence starts inside a name or after an abbreviation's stop; real sentence ends stay."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annales import Article


def _sentences(article: Article) -> list[str]:
    return [article.text[s.start : s.end] for s in article.sentences]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("Le président américain Dwight Eisenhower a reçu le Dr. Martin Luther King Jr. à la Maison-Blanche. Il a parlé.", "fr",
         ["Le président américain Dwight Eisenhower a reçu le Dr. Martin Luther King Jr. à la Maison-Blanche.", "Il a parlé."]),
        ("President Dwight D. Eisenhower met the Soviet leader in Geneva. Later he spoke.", "en",
         ["President Dwight D. Eisenhower met the Soviet leader in Geneva.", "Later he spoke."]),
        ("Le ministre Jean-Yves Le Drian est arrivé à Bamako. Les discussions ont commencé.\n\nUne autre phrase suit", "fr",
         ["Le ministre Jean-Yves Le Drian est arrivé à Bamako.", "Les discussions ont commencé.", "Une autre phrase suit"]),
    ],
)
def test_sentences_end_at_marks_and_line_breaks_only(text: str, language: str, expected: list[str], run_text: Callable[..., Article]) -> None:
    assert _sentences(run_text(text, language=language, stages=("repair", "language", "nlp"))) == expected
