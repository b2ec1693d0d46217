"""Regression: person-name linking must terminate when a short name is both contained in and
shares a surname with a longer one (it looped forever on "Greg Belobo" / "Jacques Greg-Belobo")."""

from __future__ import annotations

from annales.actors.coref import link_people
from annales.actors.resolve import Candidate


def _person(name: str, start: int) -> Candidate:
    return Candidate(start=start, end=start + 2, key=f"person:{name.lower()}", name=name, country=None, sector=None,
                     kind="person", confidence=0.5, method="test")


def test_coref_link_people_terminates_and_joins_to_the_fuller_name() -> None:
    candidates = [_person("Jacques Greg-Belobo", 0), _person("Greg Belobo", 10)]
    link_people(candidates)
    assert {c.key for c in candidates} == {"person:jacques greg-belobo"}
