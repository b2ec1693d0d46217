"""Toponym resolution: pick one gazetteer entry per place name, using the whole article as context.

Each candidate gets a score = prior (feature type, population, capital) + context (its country or
US state is likely elsewhere in the article, is an actor's country, or has local-news cues in the
text) + proximity (it lies near a likely reading of the article's other towns and counties) +
pattern ("Alexandria, Louisiana": the name right after the comma contains the candidate). Scores
become probabilities (softmax) and context is recomputed from them for a few rounds. All names
folding to the same key get the same reading (one sense per discourse). A name the gazetteer
lacks may still be read through the place it is named after ("Kanawha River") or, for gold
spans, the place its inhabitants are named after ("Minnesotans"). Weights were set on the dev
halves (first half of the articles) of LGL, GWN and TR-News, never on the test halves; see
annales/evaluation/geo.py.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lang.gazetteer import Entry, Gazetteer
from ..lang.places import name_forms
from ..text import fold_place

# A country, continent or state name almost never means the town of that name ("Mexico, NY").
# Set so that a small namesake town plus full context ("China, Texas" in a US story) stays below.
FEATURE_PRIOR = {"country": 8.0, "continent": 8.0, "sea": 7.0, "region": 7.0, "landmark": 5.0, "admin": 6.0}
COUNTY_PRIOR_NAMED = 5.5  # "Rapides Parish": the text says it is a county
COUNTY_PRIOR_BARE = 0.8  # "Rapides": rarely the county
CITY_SLOPE = 0.7  # prior per decade of population
CAPITAL_BONUS = 2.5  # "Washington" is the capital more often than the state
EXACT_NAME_BONUS = 0.3  # the primary name, not an alternate, matched
COUNTRY_CONTEXT = 3.5  # the candidate's country is (fully) attested in the article
ADMIN_CONTEXT = 1.5  # ... and so is its US state
CONTAINER_BONUS = 4.0  # "X, Y" with Y containing the candidate
PROXIMITY_BONUS = 3.0  # full bonus at the same spot as another place, none from PROXIMITY_KM away
PROXIMITY_KM = 100.0
COUNTRY_SATURATION = 2.0  # this much evidence for a country earns the full bonus
ROUNDS = 3
# How much a town's reading counts as evidence for its country: fully from 100,000 inhabitants,
# down to SMALL_TOWN_EVIDENCE at about 1,000 and below, where the gazetteer knows far more US villages
# than others ("Chesterton" is only Indiana's to us, but also a Cambridge suburb).
SMALL_TOWN_EVIDENCE = 0.3
ANCHOR_READINGS = 3  # readings of each other name that proximity looks at
ANCHOR_MIN_PROB = 0.05  # readings less likely than this pull nothing


def _forms(kind: str) -> tuple[str, ...]:
    return tuple(form for form, _ in name_forms().get(kind, ()))


@functools.cache
def _county_words() -> tuple[str, ...]:
    return _forms("county_word")


@dataclass(slots=True)
class Context:
    """What the article says about where it is: ISO3 country and (ISO3, admin1) weights."""

    countries: Counter[str] = field(default_factory=Counter)
    admins: Counter[tuple[str, str]] = field(default_factory=Counter)


@dataclass(slots=True)
class Resolution:
    entry: Entry | None
    confidence: float
    form: str  # the name as matched ("Moscou", "U.S."), determiners stripped
    isolated: bool = False  # no other place of the article lies near the reading or contains it


def candidates(gaz: Gazetteer, text: str, *, determiners: frozenset[str] = frozenset(), demonyms: bool = False) -> tuple[str, list[Entry]]:
    """(matched form, entries) for a place name, trying the looser forms ("the", "'s", "City") in turn.

    demonyms: also read "Iranian" as Iran; only for spans known to be toponyms (gold spans), since
    in running text a nationality word names people, not a place."""
    if text.endswith(".") and (found := gaz.lookup_abbreviation(text)):
        return text, found
    for variant in _variants(text, determiners):
        # "Canadian" is also a Texas town: the nationality reading competes on its prior.
        found = gaz.lookup(variant) + (gaz.lookup_demonym(variant) if demonyms else [])
        if found:
            return variant, found
    if demonyms:
        for stem in _demonym_stems(text):
            if found := gaz.lookup(stem):
                return stem, found
    # "Kanawha River", "Lake Lanier": a feature we do not list, named after a place we do, and
    # (nearly always) in its country: that place's readings are the best guess left.
    for stem in _feature_stems(text):
        if found := gaz.lookup(stem):
            return text, found
    return text, []


def _demonym_stems(text: str) -> list[str]:
    """Place names an inhabitant word may come from: "South Ossetians" -> "South Ossetia",
    "Minnesotan" -> "Minnesota", "Ohioan" -> "Ohio", "Texan" -> "Texas", "Londoner" -> "London",
    "Abkhaz" -> "Abkhazia"."""
    word = text.strip()
    for plural in _forms("plural_ending"):
        if word.endswith(plural):
            word = word[: len(word) - len(plural)]
            break
    for ending, replacement in name_forms().get("demonym_ending", ()):
        if word.endswith(ending):
            stem = word[: len(word) - len(ending)]
            return [stem + r for r in replacement.split("|")]
    return []


def _feature_stems(text: str) -> list[str]:
    """The place a natural feature or park is named after ("Kanawha River" -> "Kanawha")."""
    text = text.strip()
    stems = [text[: -len(suffix) - 1] for suffix in _forms("feature_suffix") if text.endswith(" " + suffix)]
    stems += [text[len(prefix) + 1 :] for prefix in _forms("feature_prefix") if text.startswith(prefix + " ")]
    return [stem for stem in stems if stem]


def _variants(text: str, determiners: frozenset[str]) -> list[str]:
    text = text.strip()
    forms = [text]
    for suffix in _forms("possessive_suffix"):
        if text.endswith(suffix):
            forms.append(text[: -len(suffix)])
    lowered = text.casefold()
    for det in determiners:
        if lowered.startswith(det) and len(text) > len(det):
            rest = text[len(det) :]
            if det.endswith(("'", "’")) or rest[:1] == " ":
                forms.append(rest.strip())
    # "Readington Township", "Suffolk City", "Enugu State": the bare name is (nearly) the same place.
    for suffix in _forms("name_suffix"):
        if text.endswith(" " + suffix):
            forms.append(text[: -len(suffix) - 1])
    for short, full in name_forms().get("suffix_expansion", ()):  # "Loudon Co."
        if text.endswith(" " + short):
            forms.append(text[: -len(short) - 1] + " " + full)
    for prefix in _forms("name_prefix"):
        if text.startswith(prefix + " "):
            forms.append(text[len(prefix) + 1 :])
    for short, full in name_forms().get("compass_abbreviation", ()):  # "W. Columbia"
        if text.startswith(short + " "):
            forms.append(full + " " + text[len(short) + 1 :])
    if "," in text:  # "Washington, D.C.": the first part names the place
        forms.append(text.split(",")[0].strip())
    return forms


def prior(entry: Entry, key: str) -> float:
    """How likely this reading is before looking at the article."""
    if entry.feature == "city":
        score = CITY_SLOPE * math.log10(entry.population + 10) + (CAPITAL_BONUS if entry.capital else 0.0)
    elif entry.county:
        score = COUNTY_PRIOR_NAMED if key.endswith(_county_words()) else COUNTY_PRIOR_BARE
    else:
        score = FEATURE_PRIOR.get(entry.feature, 2.0)
    if fold_place(entry.name) == key:
        score += EXACT_NAME_BONUS
    return score


def _context_bonus(entry: Entry, context: Context) -> float:
    bonus = 0.0
    if entry.country:
        bonus += COUNTRY_CONTEXT * min(context.countries[entry.country], COUNTRY_SATURATION) / COUNTRY_SATURATION
    if entry.feature in ("city", "admin") and entry.admin1:
        bonus += ADMIN_CONTEXT * min(context.admins[(entry.country or "", entry.admin1)], 1.0)
    return bonus


def _contains(container: Entry, entry: Entry) -> bool:
    if container.feature == "country":
        return entry.country == container.country and entry.feature != "country"
    if container.feature == "admin" and container.geonameid is not None:  # a state
        return entry.country == container.country and entry.admin1 == container.admin1 and entry is not container
    return False


def resolve_all(
    names: Sequence[tuple[str, list[Entry]]],
    *,
    containers: dict[int, int] | None = None,
    external: Context | None = None,
) -> list[Resolution]:
    """Resolve the (matched form, candidates) of every toponym of one article.

    Context is soft: every other name lends each country (and state) the probability of its most
    likely reading there, so two ambiguous names cannot flip each other back and forth, and the
    many small namesakes of a US town do not add up to a vote for the USA.
    containers: toponym index -> index of the toponym after it in "X, Y" patterns.
    external: context from outside the toponyms (the article's actors).
    RETURNS (list[Resolution]): one per name, in order.
    """
    containers = containers or {}
    external = external or Context()
    keys = [fold_place(form) for form, _ in names]
    counts = Counter(keys)
    options = {key: entries for key, (_, entries) in zip(keys, names) if entries}
    priors = {key: [prior(e, key) for e in entries] for key, entries in options.items()}
    evidence = {key: [_evidence(e) for e in entries] for key, entries in options.items()}
    probs = {key: _softmax(scores) for key, scores in priors.items()}
    container_of: dict[str, list[str]] = {}
    for i, j in containers.items():
        container_of.setdefault(keys[i], []).append(keys[j])
    isolated: dict[str, list[bool]] = {}  # no neighbour and no container for the reading in the article
    for _ in range(ROUNDS):
        updated: dict[str, list[float]] = {}
        anchors = _anchors(options, probs)
        lent = {key: _lend(options[key], probs[key], evidence[key], counts[key]) for key in options}
        everything = Context(Counter(external.countries), Counter(external.admins))
        for lending in lent.values():
            everything.countries.update(lending.countries)
            everything.admins.update(lending.admins)
        for key, entries in options.items():
            # What the other names lend: everything but this name's own share.
            context = Context(everything.countries - lent[key].countries, everything.admins - lent[key].admins)
            near = [point for other, points in anchors.items() if other != key for point in points]
            scores = []
            isolated[key] = []
            for entry, entry_prior in zip(entries, priors[key]):
                closeness = _closeness(entry, near)
                contained = sum(p for outer in container_of.get(key, ()) for holder, p in zip(options.get(outer, ()), probs.get(outer, ())) if _contains(holder, entry))
                scores.append(entry_prior + _context_bonus(entry, context) + PROXIMITY_BONUS * closeness + CONTAINER_BONUS * contained)
                isolated[key].append(closeness == 0 and contained == 0)
            updated[key] = _softmax(scores)
        probs = updated
    out = []
    for key, (form, _) in zip(keys, names):
        if key not in options:
            out.append(Resolution(None, 0.0, form))
            continue
        best = max(range(len(options[key])), key=probs[key].__getitem__)
        out.append(Resolution(options[key][best], round(probs[key][best], 3), form, isolated=isolated[key][best]))
    return out


def _anchors(options: dict[str, list[Entry]], probs: dict[str, list[float]]) -> dict[str, list[tuple[float, float, float]]]:
    """(lat, lon, probability) of each name's likely point readings (towns, landmarks, counties).

    Not only the likeliest: "Walker County" and "Huntsville" in Texas must be able to pull each
    other up while both still lean to Alabama."""
    anchors = {}
    for key, entries in options.items():
        ranked = sorted(range(len(entries)), key=probs[key].__getitem__, reverse=True)[:ANCHOR_READINGS]
        points = [
            (lat, lon, probs[key][i])
            for i in ranked
            if probs[key][i] >= ANCHOR_MIN_PROB and _local(entries[i]) and (lat := entries[i].lat) is not None and (lon := entries[i].lon) is not None
        ]
        if points:
            anchors[key] = points
    return anchors


def _local(entry: Entry) -> bool:
    """A place small enough for distances to it to mean something: a town, landmark or US county."""
    return (entry.feature in ("city", "landmark") or entry.county) and entry.lat is not None and entry.lon is not None


def _closeness(entry: Entry, anchors: list[tuple[float, float, float]]) -> float:
    """How near the reading is to the article's other places (0..1): local stories stay local."""
    if not _local(entry) or not anchors or entry.lat is None or entry.lon is None:  # _local checks the coordinates; mypy needs to see it
        return 0.0
    best = 0.0
    for lat, lon, p in anchors:
        # Equirectangular distance: plenty for "within a few hundred km".
        dx = math.radians(lon - entry.lon) * math.cos(math.radians((lat + entry.lat) / 2))
        km = 6371.0 * math.hypot(dx, math.radians(lat - entry.lat))
        best = max(best, p * max(0.0, 1.0 - km / PROXIMITY_KM))
    return best


def _lend(entries: list[Entry], probs: list[float], evidence: list[float], count: int) -> Context:
    """What one name (said `count` times) lends: per country and state, its likeliest reading there."""
    countries: dict[str, float] = {}
    admins: dict[tuple[str, str], float] = {}
    for entry, p, weight in zip(entries, probs, evidence):
        if entry.country:
            countries[entry.country] = max(countries.get(entry.country, 0.0), p * weight)
            if entry.feature in ("city", "admin") and entry.admin1:
                admins[(entry.country, entry.admin1)] = max(admins.get((entry.country, entry.admin1), 0.0), p)
    return Context(Counter({c: p * count for c, p in countries.items()}), Counter({a: p * count for a, p in admins.items()}))


def _evidence(entry: Entry) -> float:
    """How much this reading, when likely, says about its country (see SMALL_TOWN_EVIDENCE)."""
    if entry.feature != "city":
        return 1.0
    return min(1.0, max(SMALL_TOWN_EVIDENCE, (math.log10(entry.population + 10) - 2.0) / 3.0))


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]
