"""All-capitals lines (headlines) are parsed in lower case and given back their own words: the text, the offsets
and the tokens stay the original ones, the parse reads verbs and nouns where the capitals read proper nouns."""

from __future__ import annotations

from annales.nlp import in_original_case, load_model, plain_case

HEADLINE = "TROOPS ATTACK THE CAPITAL\n\nThe army attacked the city on Monday."


def test_plain_case_lowers_capital_lines_only() -> None:
    assert plain_case(HEADLINE) == "troops attack the capital\n\nThe army attacked the city on Monday."
    # two words are an acronym or a name, not a headline; mixed case is left alone
    assert plain_case("UN NATO\nThe EU and NATO met.") == "UN NATO\nThe EU and NATO met."
    assert plain_case("no capitals here") == "no capitals here"


def test_plain_case_keeps_the_length_of_every_line() -> None:
    text = "İSTANBUL'DA BÜYÜK PROTESTO YAPILDI\nRest of text."  # "İ" lower-cases to two characters: line kept
    assert len(plain_case(text)) == len(text)


def test_parse_of_plain_case_text_keeps_the_original_words() -> None:
    nlp = load_model("en")
    doc = in_original_case(nlp(plain_case(HEADLINE)), HEADLINE)
    assert doc.text == HEADLINE
    assert [t.text for t in doc][:4] == ["TROOPS", "ATTACK", "THE", "CAPITAL"]
    assert doc[1].lemma_ == "attack" and doc[1].pos_ in ("VERB", "NOUN")
    assert doc[0].pos_ != "PROPN"
    assert "The army attacked the city on Monday." in [s.text.strip() for s in doc.sents]


def test_text_without_capital_lines_is_parsed_as_is() -> None:
    text = "The EU and NATO met.\nUN NATO"
    assert plain_case(text) is text  # the nlp stage parses it directly, with no second Doc
