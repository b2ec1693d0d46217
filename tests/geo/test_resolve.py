"""Resolution: priors and article context."""

from __future__ import annotations

from annales.geo import resolve_toponyms
from annales.geo.detect import Toponym
from annales.geo.gazetteer import load_gazetteer
from annales.geo.resolve import Context


def _resolve(text: str, names: list[str], external: Context | None = None) -> list[tuple[str | None, str]]:
    toponyms = []
    for name in names:
        start = text.index(name, toponyms[-1].end if toponyms else 0)
        toponyms.append(Toponym(start, start + len(name), name, "test"))
    return [(r.entry.country if r.entry else None, r.entry.admin1 if r.entry else "") for r in resolve_toponyms(text, toponyms, load_gazetteer(), external=external)]


def test_resolve_prefers_the_big_place_without_context() -> None:
    assert _resolve("Talks in Paris.", ["Paris"])[0][0] == "FRA"


def test_resolve_uses_the_container_after_a_comma() -> None:
    assert _resolve("He lives in Paris, Texas.", ["Paris", "Texas"])[0] == ("USA", "TX")
    assert _resolve("A fire in Alexandria, Louisiana.", ["Alexandria", "Louisiana"])[0] == ("USA", "LA")


def test_resolve_uses_other_places_of_the_article() -> None:
    text = "Police in Athens and Atlanta said the suspect fled Georgia."
    assert _resolve(text, ["Athens", "Atlanta", "Georgia"])[0] == ("USA", "GA")


def test_resolve_uses_actor_countries() -> None:
    external = Context()
    external.countries["CAN"] += 3
    assert _resolve("Rain in London today.", ["London"], external)[0][0] == "CAN"
