from annales.article import Article
from annales.lang.identify import identify
from annales.language import identify_article

FR = "Le président a signé un accord de coopération avec son homologue, a annoncé le gouvernement vendredi."
EN = "The president signed a cooperation agreement with his counterpart, the government announced on Friday."
DE = "Der Präsident hat am Freitag ein Abkommen über die Zusammenarbeit mit seinem Amtskollegen unterzeichnet."


def article(text: str, language: str | None = None) -> Article:
    paragraphs = []
    start = 0
    for part in text.split("\n\n"):
        paragraphs.append((start, start + len(part)))
        start += len(part) + 2
    return Article(text=text, raw_text=text, paragraphs=paragraphs, language=language)


def test_language_identify_offline() -> None:
    assert identify(FR)[0] == "fr" and identify(EN)[0] == "en"
    assert identify("12 345 !!")[0] is None


def test_language_per_paragraph() -> None:
    a = identify_article(article(f"{FR}\n\n{EN}\n\n{FR}\n\nAFP"), supported=("fr", "en"))
    assert a.language == "fr" and a.paragraph_languages == ["fr", "en", "fr", "fr"]
    assert a.ok


def test_language_given_is_respected() -> None:
    a = identify_article(article(FR, language="en"), supported=("fr", "en"))
    assert a.language == "en" and a.meta["language_method"] == "given"


def test_language_unsupported_is_an_error_not_a_crash() -> None:
    a = identify_article(article(DE), supported=("fr", "en"))
    assert a.language == "de" and [e.code for e in a.errors] == ["E301"] and not a.ok


def test_language_unidentifiable_text() -> None:
    a = identify_article(article("1234 5678 90"), supported=("fr", "en"))
    assert [e.code for e in a.errors] == ["E302"] and not a.ok


def test_language_given_spelling_is_normalised() -> None:
    a = identify_article(article(FR, language="FR-fr"), supported=("fr", "en"))
    assert a.language == "fr" and a.ok
