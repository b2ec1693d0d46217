"""Toponym resolution: pick one gazetteer entry per place name, using the whole article as context.

Each candidate gets a score = prior (feature type, population, capital) + context (its country or
US state is likely elsewhere in the article, or is an actor's country) + proximity (it lies near
the article's other towns) + pattern ("Alexandria, Louisiana": the name right after the comma
contains the candidate). Scores become probabilities (softmax) and context is recomputed from
them for a few rounds. All names folding to the same key get the same reading (one sense per
discourse). Weights were set on the dev halves (first half of the articles) of LGL, GWN and
TR-News, never on the test halves; see annales/evaluation/geo.py.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .gazetteer import Entry, Gazetteer, fold

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
PROXIMITY_BONUS = 2.0  # full bonus at the same spot as another place, none from PROXIMITY_KM away
PROXIMITY_KM = 150.0
COUNTRY_SATURATION = 2.0  # this much evidence for a country earns the full bonus
ROUNDS = 3
_COUNTY_WORDS = ("county", "parish", "borough")


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
    return text, []


def _variants(text: str, determiners: frozenset[str]) -> list[str]:
    text = text.strip()
    forms = [text]
    for suffix in ("'s", "’s", "’", "'"):
        if text.endswith(suffix):
            forms.append(text[: -len(suffix)])
    lowered = text.casefold()
    for det in determiners:
        if lowered.startswith(det) and len(text) > len(det):
            rest = text[len(det) :]
            if det.endswith(("'", "’")) or rest[:1] == " ":
                forms.append(rest.strip())
    # "Readington Township", "Suffolk City", "Enugu State": the bare name is (nearly) the same place.
    for suffix in (" City", " city", " Township", " township", " Twp.", " Village", " Borough", " State"):
        if text.endswith(suffix):
            forms.append(text[: -len(suffix)])
    for prefix in ("Republic of ", "State of ", "République de ", "État de "):
        if text.startswith(prefix):
            forms.append(text[len(prefix) :])
    if "," in text:  # "Washington, D.C.": the first part names the place
        forms.append(text.split(",")[0].strip())
    return forms


def prior(entry: Entry, key: str) -> float:
    """How likely this reading is before looking at the article."""
    if entry.feature == "city":
        score = CITY_SLOPE * math.log10(entry.population + 10) + (CAPITAL_BONUS if entry.capital else 0.0)
    elif entry.county:
        score = COUNTY_PRIOR_NAMED if key.endswith(_COUNTY_WORDS) else COUNTY_PRIOR_BARE
    else:
        score = FEATURE_PRIOR.get(entry.feature, 2.0)
    if fold(entry.name) == key:
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
    keys = [fold(form) for form, _ in names]
    counts = Counter(keys)
    options = {key: entries for key, (_, entries) in zip(keys, names) if entries}
    probs = {key: _softmax([prior(e, key) for e in entries]) for key, entries in options.items()}
    container_of: dict[str, list[str]] = {}
    for i, j in containers.items():
        container_of.setdefault(keys[i], []).append(keys[j])
    for _ in range(ROUNDS):
        updated: dict[str, list[float]] = {}
        anchors = _anchors(options, probs)
        for key, entries in options.items():
            context = Context(Counter(external.countries), Counter(external.admins))
            for other, other_probs in probs.items():
                if other != key:
                    _lend(context, options[other], other_probs, counts[other])
            near = [a for other, a in anchors.items() if other != key]
            scores = []
            for entry in entries:
                score = prior(entry, key) + _context_bonus(entry, context) + PROXIMITY_BONUS * _closeness(entry, near)
                for outer in container_of.get(key, ()):
                    score += CONTAINER_BONUS * sum(p for holder, p in zip(options.get(outer, ()), probs.get(outer, ())) if _contains(holder, entry))
                scores.append(score)
            updated[key] = _softmax(scores)
        probs = updated
    out = []
    for key, (form, _) in zip(keys, names):
        if key not in options:
            out.append(Resolution(None, 0.0, form))
            continue
        best = max(range(len(options[key])), key=probs[key].__getitem__)
        out.append(Resolution(options[key][best], round(probs[key][best], 3), form))
    return out


def _anchors(options: dict[str, list[Entry]], probs: dict[str, list[float]]) -> dict[str, tuple[float, float, float]]:
    """(lat, lon, probability) of each name's likeliest reading, when it is a point (town, landmark)."""
    anchors = {}
    for key, entries in options.items():
        best = max(range(len(entries)), key=probs[key].__getitem__)
        entry = entries[best]
        if entry.feature in ("city", "landmark") and entry.lat is not None and entry.lon is not None:
            anchors[key] = (entry.lat, entry.lon, probs[key][best])
    return anchors


def _closeness(entry: Entry, anchors: list[tuple[float, float, float]]) -> float:
    """How near the reading is to the article's other places (0..1): local stories stay local."""
    if entry.lat is None or entry.lon is None or entry.feature not in ("city", "landmark") or not anchors:
        return 0.0
    best = 0.0
    for lat, lon, p in anchors:
        # Equirectangular distance: plenty for "within a few hundred km".
        dx = math.radians(lon - entry.lon) * math.cos(math.radians((lat + entry.lat) / 2))
        km = 6371.0 * math.hypot(dx, math.radians(lat - entry.lat))
        best = max(best, p * max(0.0, 1.0 - km / PROXIMITY_KM))
    return best


def _lend(context: Context, entries: list[Entry], probs: list[float], count: int) -> None:
    countries: dict[str, float] = {}
    admins: dict[tuple[str, str], float] = {}
    for entry, p in zip(entries, probs):
        if entry.country:
            countries[entry.country] = max(countries.get(entry.country, 0.0), p)
            if entry.feature in ("city", "admin") and entry.admin1:
                admins[(entry.country, entry.admin1)] = max(admins.get((entry.country, entry.admin1), 0.0), p)
    for country, p in countries.items():
        context.countries[country] += p * count
    for admin, p in admins.items():
        context.admins[admin] += p * count


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]
