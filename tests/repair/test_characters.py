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


def test_characters_badness_search_near_non_ascii_agrees_with_ftfy() -> None:
    """`looks_bad` searches ftfy's pattern only near non-ASCII characters: right while every match is at most
    BADNESS_REACH + 1 characters long and holds one (true of ftfy 6's pattern; checked here on upgrade)."""
    import re._parser

    from ftfy.badness import BADNESS_RE, is_bad

    from annales.repair.characters import BADNESS_REACH, looks_bad

    assert re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).getwidth()[1] <= BADNESS_REACH + 1
    samples = [
        "",
        "plain ASCII text",
        "La dÃ©cision du prÃ©sident",
        "Ã  la une",  # "^" matches at the text's start only
        "x" * 50 + " Ã  " + "y" * 50,
        "voilÃ  la dÃ©cision, " * 3 + "déjà vu à Paris",
        "Le prix : 12 € le kilo, le « bon » choix… ½ portion",
        "caf\u00e9\u00a4 " + "a" * 20 + " â€œquotedâ€\u009d",
        "ГўВЂВ" + "ok " * 10 + "ГўВЂВЂa",
    ]
    for text in samples:
        assert looks_bad(text) == is_bad(text), text
