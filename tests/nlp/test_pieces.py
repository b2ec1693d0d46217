"""A long text is parsed in pieces and joined: same characters, same sentences and events as one parse."""

from __future__ import annotations

from collections.abc import Callable

from annales import Article
from annales.nlp import text_pieces

PARAGRAPHS = [
    "Le président Emmanuel Macron a rencontré le chancelier allemand à Berlin lundi.",
    "Les deux dirigeants ont condamné l'attaque contre Kiev.",
    "La police a arrêté trois manifestants devant l'ambassade de Russie.",
    "Moscou a rejeté ces accusations mardi.",
]


def test_pieces_join_to_the_text_and_cut_after_paragraph_breaks() -> None:
    text = "\n\n".join(PARAGRAPHS * 5)
    pieces = text_pieces(text, 120)
    assert "".join(pieces) == text
    assert len(pieces) > 3
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])


def test_pieces_without_any_break_are_cut_hard_and_lose_nothing() -> None:
    text = "x" * 1000
    pieces = text_pieces(text, 100)
    assert "".join(pieces) == text
    assert max(map(len, pieces)) <= 200


def test_a_short_text_is_one_piece() -> None:
    assert text_pieces("Une phrase.", 100) == ["Une phrase."]


def test_a_text_parsed_in_pieces_gives_what_one_parse_gives(run_text: Callable[..., Article]) -> None:
    text = "\n\n".join(PARAGRAPHS * 3)
    whole = run_text(text)
    pieces = run_text(text, piece_chars=150)
    assert len(whole.sentences) == 12
    assert [(s.start, s.end) for s in pieces.sentences] == [(s.start, s.end) for s in whole.sentences]
    assert [(e.cameo, e.source, e.target, e.start) for e in pieces.events] == [
        (e.cameo, e.source, e.target, e.start) for e in whole.events
    ]
    assert [(a.code, len(a.mentions)) for a in pieces.actors] == [(a.code, len(a.mentions)) for a in whole.actors]
