from annales.article import Article
from annales.ingest.text import id_line, read_text, title_line


def test_text_title_line_needs_a_blank_line_after_it() -> None:
    assert title_line("Un titre\n\nLe corps.\n") == "Un titre"
    assert title_line("Une phrase.\nSuite du paragraphe.\n") is None
    assert title_line("Ceci est une phrase du corps.\n\nUne autre.\n") is None


def test_text_id_line_is_a_bare_trailing_id() -> None:
    assert id_line("Titre\n\nCorps du texte.\n\nfr-02") == "fr-02"
    assert id_line("Titre\n\nCorps du texte.\n\nbbc_tech.012\n") == "bbc_tech.012"
    assert id_line("Titre\n\nCorps du texte.\n\nFin") is None
    assert id_line("Corps du texte.\nfr-02") is None  # not on its own after a blank line


def test_text_read_keeps_given_title_and_id() -> None:
    article = read_text("Titre\n\nCorps.\n\nxx-1", Article(id="given", title="Given"))
    assert (article.id, article.title) == ("given", "Given")
    assert article.raw_text == article.text
