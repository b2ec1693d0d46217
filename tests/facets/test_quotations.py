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


def test_quotations_speaker_naming_is_linear_in_mentions(parsed, monkeypatch):
    """A person quoted again and again ("…», a-t-il déclaré") used to be renamed from every mention
    for every quote (mentions x quotes x entities: seconds on long articles); now once per actor."""
    import re

    from annales.article import Actor, Mention
    from annales.facets import quotations

    count = 12
    text = " ".join(f"Jean Dupont est arrivé à Lyon le {k} mai. « Nous tiendrons bon {k} fois », a-t-il déclaré." for k in range(1, count + 1))
    article = parsed(text)
    sentences = [(s.start, s.end) for s in article.sentences]
    mentions = [
        Mention(text=m.group(), start=m.start(), end=m.end(), sentence=next(i for i, (a, b) in enumerate(sentences) if a <= m.start() < b))
        for m in re.finditer("Jean Dupont", text)
    ]
    article.actors = [Actor(name="Jean Dupont", code=None, country=None, sector=None, kind="person", mentions=mentions)]
    calls = 0
    full_name = quotations._Finder._full_name

    def counting(self, span):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return full_name(self, span)

    monkeypatch.setattr(quotations._Finder, "_full_name", counting)
    quotes = quotations.find_quotations(article)
    assert len(quotes) == count and {q.speaker for q in quotes} == {"Jean Dupont"}
    assert calls <= 2 * count  # was count**2


def test_quotations_speech_verbs_scanned_once_per_sentence(parsed, monkeypatch):
    """Each quote of a sentence used to rescan the whole sentence for speech verbs: quadratic when a
    sentence never ends (hundreds of quotes, seconds). The scan is memoised per sentence."""
    from annales.facets import quotations

    count = 40
    text = "Le ministre a déclaré " + ", puis ".join(f"« nous ne céderons rien sur le point {k} »" for k in range(count)) + "."
    article = parsed(text)
    checks = 0
    inside_quote = quotations._Finder.inside_quote

    def counting(self, token):  # type: ignore[no-untyped-def]
        nonlocal checks
        checks += token.text == "déclaré"
        return inside_quote(self, token)

    monkeypatch.setattr(quotations._Finder, "inside_quote", counting)
    quotes = quotations.find_quotations(article)
    assert len(quotes) == count and all(q.speaker == "Le ministre" for q in quotes)
    assert checks <= 3  # was one per quote


def test_quotations_any_quoted_agrees_with_the_offset_by_offset_test():
    """`_any_quoted` (quote by quote) says what `_quoted` says of any of the offsets, nested quotes included."""
    import random

    from annales.facets.quotations import _Finder

    rng = random.Random(7)
    for _ in range(3000):
        finder = object.__new__(_Finder)
        finder.quoted = sorted((start, start + rng.randint(0, 15)) for start in (rng.randint(0, 60) for _ in range(rng.randint(0, 5))))
        finder._starts = [start for start, _ in finder.quoted]
        offsets = sorted({rng.randint(0, 80) for _ in range(rng.randint(0, 12))})
        assert finder._any_quoted(offsets) == any(finder._quoted(offset) for offset in offsets)
