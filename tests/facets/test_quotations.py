"""Quotations: direct quotes and reported speech with speakers (fallback to the parse's entities here:
these tests run without the actors stage)."""

from __future__ import annotations


def _quotes(article):
    return [(q.text, q.speaker, q.kind) for q in article.quotations]


def test_quotations_two_quotes_two_speakers(faceted):
    text = (
        "Lors d'une conférence de presse, Poutine a qualifié cet accord de « véritable avancée », "
        "tandis que Pezeshkian l'a salué comme un « nouveau chapitre des relations stratégiques »."
    )
    quotes = _quotes(faceted(text))
    assert ("véritable avancée", "Poutine", "direct") in quotes
    assert ("nouveau chapitre des relations stratégiques", "Pezeshkian", "direct") in quotes


def test_quotations_short_quote_with_agent_is_kept(faceted):
    quotes = _quotes(faceted("L'accord, qualifié d'« innovant » par Poutine, est axé sur la défense."))
    assert quotes == [("innovant", "Poutine", "direct")]


def test_quotations_scare_quotes_are_dropped(faceted):
    assert _quotes(faceted("La « menace » américaine pèse sur les « milices mandataires » de Téhéran.")) == []


def test_quotations_inverted_speaker(faceted):
    quotes = _quotes(faceted("« Nous ne céderons pas », a déclaré Emmanuel Macron."))
    assert quotes == [("Nous ne céderons pas", "Emmanuel Macron", "direct")]


def test_quotations_reported_french(faceted):
    quotes = _quotes(faceted("Le ministre Jean Dupont a déclaré que la Russie était prête à négocier."))
    assert quotes and quotes[0][0] == "la Russie était prête à négocier" and quotes[0][2] == "reported"
    assert "Dupont" in (quotes[0][1] or "")


def test_quotations_english_direct_and_reported(faceted):
    quotes = _quotes(faceted("“We will not give in,” Keir Starmer said. Vladimir Putin said that the deal was a breakthrough.", "en"))
    assert ("We will not give in", "Keir Starmer", "direct") in quotes
    assert ("the deal was a breakthrough", "Vladimir Putin", "reported") in quotes


def test_quotations_according_to(faceted):
    quotes = _quotes(faceted("According to the United Nations, 2,000 people fled the city.", "en"))
    assert quotes == [("2,000 people fled the city", "the United Nations", "reported")]
