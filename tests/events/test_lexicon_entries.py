"""Lexicon entries, each read in a sentence of our own: suspended sanctions or countermeasures are eased, not cut
aid (a "package of countermeasures" is no aid package)."""

from __future__ import annotations

from tests.events.helpers import article_with_actors


def _codes(article: object) -> set[tuple[str | None, str, str | None]]:
    return {(e.source.code if e.source else None, e.cameo, e.target.code if e.target else None) for e in article.events}  # type: ignore[attr-defined]


def test_suspending_countermeasures_eases_sanctions() -> None:
    actors = {"EU": ("IGOEEC", "IGO", None, [r"Brussels"]), "USA": ("USA", "USA", None, [r"Washington"])}
    article = article_with_actors("Brussels suspended its countermeasures against Washington.", actors, language="en")
    assert ("IGOEEC", "085", "USA") in _codes(article)
