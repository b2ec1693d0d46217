from annales.article import Article
from annales.repair import repair_article
from annales.repair.layout import caption_of, is_title_copy
from annales.text import paragraph_spans


def test_layout_paragraph_spans_blank_lines_or_single_newlines() -> None:
    assert paragraph_spans("A b\n\n  C d \n\n\nE") == [(0, 3), (7, 10), (14, 15)]
    assert paragraph_spans("Un.\nDeux.") == [(0, 3), (4, 9)]  # one paragraph per line
    assert paragraph_spans("une ligne\ncoupée au\nmilieu.") == [(0, 27)]  # hard-wrapped prose


def test_layout_caption_needs_a_bare_credit_after_a_sentence() -> None:
    assert caption_of("Des soldats à Kherson, en novembre. AFP") == ("Des soldats à Kherson, en novembre.", "AFP")
    assert caption_of("Le président au Kremlin. Efe") == ("Le président au Kremlin.", "Efe")
    assert caption_of("Des manifestants à Paris. Reuters/John Smith") == ("Des manifestants à Paris.", "Reuters/John Smith")
    assert caption_of("Un char détruit (Getty Images)") == ("Un char détruit", "Getty Images")
    assert caption_of("Le ministre a démenti, selon Reuters.") is None
    assert caption_of("Il a confié ses craintes à Reuters") is None
    assert caption_of("Long paragraph. " * 30 + "AFP") is None


def test_layout_title_copy_folded_and_truncated() -> None:
    title = "L’Iran et la Russie signent un accord à Moscou"
    assert is_title_copy("LIran et la Russie signent un accord a", title)
    assert is_title_copy("L'Iran et la Russie signent un accord à Moscou", title)
    assert not is_title_copy("LIran et", title)
    assert not is_title_copy("La Russie signe un autre accord avec la Chine", title)


def test_layout_body_loses_title_copy_captions_and_id_line() -> None:
    raw = "Le titre du jour\n\nLe titre du jour\n\nLe premier paragraphe.\n\nUne photo du front. Reuters\n\nLe dernier paragraphe.\n\nab-12\n"
    article = repair_article(Article(raw_text=raw, text=raw, title="Le titre du jour", id="ab-12", language="fr"))
    assert article.text == "Le premier paragraphe.\n\nLe dernier paragraphe."
    assert [(c.text, c.credit) for c in article.captions] == [("Une photo du front.", "Reuters")]
    assert raw[article.captions[0].raw_start : article.captions[0].raw_end] == "Une photo du front. Reuters"
    assert [r.kind for r in article.repairs if r.kind != "whitespace"] == ["title", "duplicate_title", "caption", "id_line"]
    assert article.paragraphs == [(0, 22), (24, 46)]


def test_layout_never_empties_the_body() -> None:
    raw = "Une photo du front. Reuters"
    assert repair_article(Article(raw_text=raw, text=raw, language="fr")).text == raw


def test_layout_caption_text_is_cleaned() -> None:
    raw = "Le corps de l'article.\n\nLe président à l’Élysée. AFP\n\nLa suite."
    [caption] = repair_article(Article(raw_text=raw, text=raw, language="fr")).captions
    assert (caption.text, caption.credit) == ("Le président à l'Élysée.", "AFP")
