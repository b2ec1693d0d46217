"""Regression: person-name linking must terminate when a short name is both contained in and
shares a surname with a longer one (it looped forever on "Greg Belobo" / "Jacques Greg-Belobo")."""

from __future__ import annotations

from annales.actors.coref import link_people
from annales.actors.resolve import Candidate


def _person(name: str, start: int, country: str | None = None) -> Candidate:
    return Candidate(start=start, end=start + 2, key=f"person:{name.lower()}", name=name, country=country, sector=None,
                     kind="person", confidence=0.5, method="test")


def test_coref_link_people_terminates_and_joins_to_the_fuller_name() -> None:
    candidates = [_person("Jacques Greg-Belobo", 0), _person("Greg Belobo", 10)]
    link_people(candidates)
    assert {c.key for c in candidates} == {"person:jacques greg-belobo"}


def test_coref_a_surname_in_several_fuller_names_of_one_person_joins_that_person() -> None:
    # "Brown" is in "Mr Brown" and in "Gordon Brown"; "Mr Brown" is Gordon Brown, so all three are one person
    candidates = [_person("Gordon Brown", 0), _person("Mr Brown", 10), _person("Brown", 20)]
    link_people(candidates)
    assert {c.key for c in candidates} == {"person:gordon brown"}
    # two different people with that surname (of two countries) leave the bare surname alone
    candidates = [_person("Gordon Brown", 0, "GBR"), _person("Jerry Brown", 10, "USA"), _person("Brown", 20)]
    link_people(candidates)
    assert [c.key for c in candidates] == ["person:gordon brown", "person:jerry brown", "person:brown"]
