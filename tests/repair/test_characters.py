from annales.article import Article
from annales.repair import repair_article


def repaired(raw: str, language: str = "fr") -> Article:
    return repair_article(Article(raw_text=raw, text=raw, language=language))


def test_characters_mojibake_fixed_and_recorded() -> None:
    article = repaired("La dÃ©cision du prÃ©sident est tombÃ©e.")
    assert article.text == "La décision du président est tombée."
    assert {r.kind for r in article.repairs} == {"mojibake"}
    for repair in article.repairs:
        assert article.text[repair.start : repair.end] == repair.after


def test_characters_quotes_folded_guillemets_kept() -> None:
    article = repaired("L’accord « innovant » et “historique”.")
    assert article.text == "L'accord « innovant » et \"historique\"."
    assert [r.kind for r in article.repairs] == ["quote"] * 3


def test_characters_mojibake_a_grave_with_lost_no_break_space() -> None:
    assert repaired("voilÃ  la dÃ©cision").text == "voilà la décision"
