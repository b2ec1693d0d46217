"""The natasha adapter: a spaCy pipeline whose Doc keeps the text exactly and carries sentences, tags, heads, entities."""

from __future__ import annotations

import pytest

from annales.nlp import load_model, sentences_of
from annales.nlp.natasha_adapter import _cased, words_and_spaces

TEXT = (
    "  Президент России Владимир Путин  встретился в Москве с Си Цзиньпином.\n\n"
    "«Мы не допустим этого», — заявил Лавров журналистам.\tМИД Украины осудил удар по Харькову.\n"
)


def test_words_and_spaces_give_the_text_back() -> None:
    text = "  Путин,  Лавров\n\nи «МИД».\t"
    spans = [(2, 7), (7, 8), (10, 16), (18, 19), (20, 21), (21, 24), (24, 25), (25, 26)]
    words, spaces = words_and_spaces(text, spans)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text
    assert words[0] == "  " and "\n\n" in words


def test_lemma_keeps_the_capital_of_a_name() -> None:
    assert _cased("путин", "Путина", "PROPN") == "Путин"
    assert _cased("мид", "МИД", "NOUN") == "МИД"
    assert _cased("десяток", "Десятки", "NOUN") == "десяток"
    assert _cased("встретиться", "встретился", "VERB") == "встретиться"


@pytest.mark.usefixtures("natasha_installed")
def test_doc_keeps_the_text_and_has_a_parse() -> None:
    nlp = load_model("ru")
    doc = nlp(TEXT)
    assert doc.text == TEXT
    sentences = [TEXT[s.start : s.end] for s in sentences_of(doc)]
    assert len(sentences) == 3 and sentences[0].startswith("Президент") and sentences[2].startswith("МИД")
    for sent in doc.sents:
        roots = [t for t in sent if t.head.i == t.i and not t.is_space]
        assert len(roots) == 1 and roots[0].dep_ == "ROOT"
        assert all(sent.start <= t.head.i < sent.end for t in sent)
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Владимир Путин", "PER") in ents and ("Москве", "LOC") in ents
    by_text = {t.text: t for t in doc}
    assert by_text["Цзиньпином"].lemma_ == "Цзиньпин" and by_text["встретился"].lemma_ == "встретиться"
    assert by_text["встретился"].pos_ == "VERB" and by_text["Москве"].morph.get("Case") == ["Loc"]


@pytest.mark.usefixtures("natasha_installed")
def test_pipe_and_memory_zone_work() -> None:
    nlp = load_model("ru")
    texts = ["Лавров прибыл в Анкару.", "", "Зеленский выступил в Раде."]
    with nlp.memory_zone():
        docs = list(nlp.pipe(texts))
        assert [d.text for d in docs] == texts


@pytest.mark.usefixtures("natasha_installed")
def test_whitespace_only_and_odd_texts_keep_their_characters() -> None:
    nlp = load_model("ru")
    for text in ["   ", "\n\n", "...", "🙂 Путин 🙂", "Заголовок\n\n \n\nТекст.  \n", "\n\nПутин.\n\n\n\nЛавров.\n\n"]:
        doc = nlp(text)
        assert doc.text == text
    assert len(sentences_of(nlp("\n\nПутин.\n\n\n\nЛавров.\n\n"))) == 2
