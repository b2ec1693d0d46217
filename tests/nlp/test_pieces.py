"""A long text is parsed in pieces and joined: same characters, same sentences and events as one parse."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from annales import Article
from annales.config import Settings
from annales.nlp import text_pieces
from annales.pipeline import Pipeline, text_batches

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


def test_text_batches_keep_order_and_stay_within_the_budget() -> None:
    articles = [Article(raw_text=c * n, text=c * n) for c, n in (("a", 30), ("b", 50), ("c", 200), ("d", 10), ("e", 10))]
    groups = text_batches(articles, 100)
    assert [a for group in groups for a in group] == articles
    assert [[len(a.text) for a in group] for group in groups] == [[30, 50], [200], [10, 10]]


def test_articles_parsed_in_small_batches_give_what_one_batch_gives() -> None:
    articles = [Article(raw_text=p, text=p, language="fr", published="2025-01-17") for p in PARAGRAPHS]
    alone, together = (
        Pipeline(Settings.make(batch_chars=chars)).run_batch([dataclasses.replace(a) for a in articles]) for chars in (1, 100_000)
    )
    assert [[(e.cameo, e.source, e.target, e.start) for e in a.events] for a in alone] == [
        [(e.cameo, e.source, e.target, e.start) for e in a.events] for a in together
    ]
    assert sum(len(a.events) for a in alone) >= 3
