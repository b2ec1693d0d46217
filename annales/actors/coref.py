"""Document-level coreference: candidates that name the same entity become one Actor.

Candidates already share a key when they name the same office-holder, country code or
organisation. What is left here is people named in part: a later "Pezeshkian" or "Al Assad"
joins the one earlier or later fuller name that contains it (or the fuller names that contain it, when they are
one person: "Brown" in "Mr Brown" and "Gordon Brown"), and spelling variants of a first
name ("Massoud"/"Masud Pezeshkian") join when the surname agrees and the countries do not clash.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from ..article import Actor, Article, Mention
from ..text import fold
from .resolve import Candidate


def link_people(candidates: list[Candidate]) -> None:
    """Rewrite the key of partial person names to the fuller name they abbreviate."""
    people: dict[str, tuple[str, ...]] = {}
    countries: dict[str, set[str]] = defaultdict(set)
    for c in candidates:
        if c.key.startswith("person:"):
            people.setdefault(c.key, tuple(fold(c.name).replace("-", " ").split()))
            if c.country:
                countries[c.key].add(c.country)
    targets: dict[str, str] = {}
    several: dict[str, list[str]] = {}
    for key, words in people.items():
        fuller = [
            other for other, other_words in people.items()
            if other != key and len(other_words) > len(words) and _contains(other_words, words)
        ]
        if not fuller and len(words) > 1:
            fuller = [
                other for other, other_words in people.items()
                if other != key and len(other_words) > 1 and other_words[-1] == words[-1] and len(words[-1]) > 3
                and not (countries[key] and countries[other] and countries[key] != countries[other])
                and (len(other_words), key) > (len(words), other)  # links only go up this order: no cycles
            ]
        if len(fuller) == 1:
            targets[key] = fuller[0]
        elif fuller:
            several[key] = fuller
    for key, fuller in several.items():
        # "Brown" is in both "Mr Brown" and "Gordon Brown": one person when those fuller names are one
        if len({_final(other, targets) for other in fuller}) == 1:
            targets[key] = fuller[0]
    for c in candidates:
        c.key = _final(c.key, targets)


def _final(key: str, targets: dict[str, str]) -> str:
    """The name `key` links to in the end: links only go to a longer name (or, between equal lengths, to the
    smaller key), so this ends."""
    while key in targets:
        key = targets[key]
    return key


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def build_actors(article: Article, doc: Doc, candidates: list[Candidate]) -> list[Actor]:
    """One Actor per key, coded from its most confident candidate, with every mention."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        groups[c.key].append(c)
    actors: list[Actor] = []
    for group in groups.values():
        ranked = sorted(group, key=lambda c: -c.confidence)
        best = ranked[0]
        country = next((c.country for c in ranked if c.country), None)
        sector = best.sector if best.from_office else next((c.sector for c in ranked if c.sector), None)
        code = best.code if best.code is not None else (country + (sector or "") if country else None)
        # the fullest name among the most confident candidates, the earliest on a tie
        name = max((c for c in group if c.confidence == best.confidence), key=lambda c: (len(c.name.split()), -c.start)).name
        mentions = []
        for c in sorted(group, key=lambda c: c.start):
            span = doc[c.start : c.end]
            sentence = article.sentence_of(span.start_char)
            mentions.append(Mention(text=span.text, start=span.start_char, end=span.end_char, sentence=sentence, method=c.method))
        actors.append(Actor(
            name=name, code=code, country=country, sector=sector, kind=best.kind,
            confidence=best.confidence, method=best.method, mentions=mentions,
            role=next((c.role for c in ranked if c.role), None),
        ))
    actors.sort(key=lambda a: a.mentions[0].start)
    return actors
