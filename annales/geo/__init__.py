"""geo: places named in the article (`article.locations`) and where each event happened (`event.location`).

1. Detect toponyms in the parse (detect.py): NER location spans plus safe gazetteer matches.
2. Resolve them together against the gazetteer (resolve.py), with the actors' countries, the
   language's local-news cues (place_cues: "Sheriff", "Walker County") and the "X, Y"
   containment pattern as context; a postal-only village with no neighbour in the article is
   dropped.
3. Flag metonyms: a country, capital or landmark standing for a government ("Moscou a nié"): it
   overlaps a GOV actor mention, is the subject of a verb that is not a plain state verb, or the
   agent of a passive ("par Moscou").
4. Locate events: the non-metonym place that a static preposition attaches to the trigger's
   clause ("signé à Istanbul"), else the sentence's nearest place so introduced, else its nearest
   bare place, else None (see `locate_event`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from babel import Locale, UnknownLocaleError
from spacy.tokens import Doc, Span, Token

from ..article import Article, Event, Place
from ..config import Settings
from ..lang import load_lang, neutral_fact
from ..lang.gazetteer import Entry, Gazetteer, load_gazetteer
from ..lang.places import name_forms
from .detect import Toponym, find_toponyms
from .resolve import Context, Resolution, candidates, resolve_all

NAME = "geo"
REQUIRES = ("doc", "text", "sentences", "language", "actors", "events")  # actors: metonyms; events: their places
ASSIGNS: tuple[str, ...] = ("locations", "events.location")

METONYM_FEATURES = frozenset({"country", "landmark"})
SUBJECT_DEPS = frozenset({"nsubj"})
AGENT_DEPS = frozenset({"obl:agent", "agent"})
# How a place hangs off the trigger when it says where the event happened.
OBLIQUE_DEPS = frozenset({"obl", "obl:mod", "nmod", "pobj", "prep", "npadvmod", "advmod", "conj", "appos", "compound", "obl:arg"})
# Links allowed above the place's own: also through the object ("signed the deal in Geneva"
# is often parsed with "in Geneva" under "deal").
CHAIN_DEPS = OBLIQUE_DEPS | {"obj", "dobj"}
MAX_HOPS = 4
CUE_WEIGHT = 1.0  # context per local-news cue found (two make a country fully attested)
SPECIFICITY = {"landmark": 0, "city": 1, "admin": 2, "region": 3, "country": 4, "sea": 5, "continent": 6}


@functools.cache
def _words(language: str) -> dict[str, frozenset[str]]:
    """The geo_words table of `language` by kind (see the table's header)."""
    rows = load_lang(language).table("geo_words") if load_lang(language).has("geo_words") else []
    kinds: dict[str, set[str]] = {}
    for row in rows:
        kinds.setdefault(row["kind"], set()).add(row["word"])
    return {kind: frozenset(words) for kind, words in kinds.items()}


def run(articles: list[Article], settings: Settings) -> None:
    gaz = load_gazetteer()
    for article in articles:
        if article.doc is None:
            continue
        article.locations = find_places(article, gaz)
        for event in article.events:
            event.location = locate_event(article, event)


def find_places(article: Article, gaz: Gazetteer) -> list[Place]:
    """Detect, resolve and classify the places of one parsed article."""
    words = _words(article.language or "xx")
    doc: Doc = article.doc
    toponyms = find_toponyms(doc, gaz, language=article.language or neutral_fact("fallback_language"), words=words)
    resolutions = resolve_toponyms(
        article.text, toponyms, gaz, determiners=_determiners(words), external=actor_context(article), language=article.language or "xx"
    )
    places: list[Place] = []
    for toponym, resolution in zip(toponyms, resolutions):
        entry = resolution.entry
        if entry is None:
            continue  # NER also tags demonyms, buildings and misparsed words; a place we cannot place is noise
        if entry.postal and resolution.isolated:
            continue  # a village name with no neighbour in the article is more often a surname ("Herrick")
        place = Place(
            name=display_name(entry, resolution.form, article.language or neutral_fact("fallback_language")),
            geonameid=entry.geonameid,
            lat=entry.lat,
            lon=entry.lon,
            country=entry.country,
            feature=entry.feature,
            start=toponym.start,
            end=toponym.end,
            sentence=article.sentence_of(toponym.start),
            text=toponym.text,
            confidence=resolution.confidence,
            method=toponym.method,
        )
        place.metonym = is_metonym(article, place, entry.capital, words.get("literal_verb", frozenset()))
        places.append(place)
    return places


def display_name(entry: Entry, form: str, language: str) -> str:
    """The place's name in the article's language: babel's name for a country, else the form the
    article used ("Moscou", not "Moscow"), which is one of the entry's known names."""
    if entry.feature == "country" and entry.country and (localized := _country_name(entry.country, language)):
        return localized
    return form if form[:1].isupper() else entry.name


@functools.cache
def _country_name(iso3: str, language: str) -> str | None:
    iso2 = next((k for k, v in load_gazetteer().iso3.items() if v == iso3), None)
    try:
        return Locale.parse(language).territories.get(iso2) if iso2 else None
    except (ValueError, UnknownLocaleError):
        return None


def _determiners(words: dict[str, frozenset[str]]) -> frozenset[str]:
    return frozenset(d if d.endswith(("'", "’")) else d + " " for d in words.get("determiner", frozenset()))


def resolve_toponyms(
    text: str,
    toponyms: list[Toponym],
    gaz: Gazetteer,
    *,
    determiners: frozenset[str] = frozenset(),
    external: Context | None = None,
    demonyms: bool = False,
    language: str = "xx",
) -> list[Resolution]:
    """Resolve toponyms found in `text` (shared by the stage and the evaluation on gold spans).

    language: whose place_cues to look for in `text` (see `cue_context`)."""
    external = cue_context(text, language, external)
    names = [candidates(gaz, _county_form(text, t, gaz) or _with_period(text, t, gaz), determiners=determiners, demonyms=demonyms) for t in toponyms]
    containers = {
        i: i + 1
        for i in range(len(toponyms) - 1)
        if text[toponyms[i].end : toponyms[i + 1].start].strip() == "," and toponyms[i + 1].start - toponyms[i].end <= 3
    }
    return resolve_all(names, containers=containers, external=external)


@functools.cache
def _county_list_tail() -> tuple[re.Pattern[str], dict[str, str]]:
    """The rest of a list that ends in "counties": "[Clarke], Madison and Oconee counties"; and each
    plural word's singular (xx/place_name_forms.tsv: county_plural, list_conjunction)."""
    forms = name_forms()
    plurals = {form.lower(): singular for form, singular in forms.get("county_plural", ())}
    joins = "|".join(re.escape(form) for form, _ in forms.get("list_conjunction", ())) or "(?!)"
    words = "|".join(f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" for w in plurals) or "(?!)"
    pattern = re.compile(rf"(?:(?:,\s*|,?\s+(?:{joins})\s+)[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)*)*\s+({words})\b")
    return pattern, plurals


def _county_form(text: str, toponym: Toponym, gaz: Gazetteer) -> str | None:
    """"Madison County" for the "Madison" of "Clarke, Madison and Oconee counties", when such a county exists."""
    pattern, plurals = _county_list_tail()
    tail = pattern.match(text, toponym.end, toponym.end + 200)
    if tail is None:
        return None
    name = toponym.text + " " + plurals[tail.group(1).lower()]
    return name if any(e.county for e in gaz.lookup(name)) else None


def _with_period(text: str, toponym: Toponym, gaz: Gazetteer) -> str:
    """The toponym's text, with the period that follows it when that makes a state abbreviation
    ("Calif" before "." is "Calif.")."""
    name = toponym.text
    if not name.endswith(".") and (text[toponym.end : toponym.end + 1] == "." or "." in name) and gaz.lookup_abbreviation(name + "."):
        return name + "."
    return name


@functools.cache
def _cues(language: str) -> tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...]:
    """(keywords, pattern, country) of the language's place_cues."""
    data = load_lang(language)
    rows = data.table("place_cues") if data.has("place_cues") else []
    return tuple((tuple(row["keyword"].split("|")), re.compile(row["pattern"]), row["country"]) for row in rows)


def cue_context(text: str, language: str, external: Context | None = None) -> Context:
    """`external` plus the countries whose local-news cues (place_cues: "Sheriff", "Walker County")
    the text holds, one unit of evidence per cue found."""
    context = Context(Counter(external.countries), Counter(external.admins)) if external else Context()
    lowered = text.lower()
    for keywords, pattern, country in _cues(language):
        if any(k in lowered for k in keywords) and pattern.search(text):
            context.countries[country] += CUE_WEIGHT  # type: ignore[assignment]  # Counter holds float weights; typeshed types its counts as int
    return context


def actor_context(article: Article) -> Context:
    """Countries of the article's actors, weighted by how often they are mentioned."""
    context = Context()
    for actor in article.actors:
        if actor.country and len(actor.country) == 3:
            context.countries[actor.country] += max(1, len(actor.mentions))
    return context


def is_metonym(article: Article, place: Place, capital: bool, literal_verbs: frozenset[str]) -> bool:
    """A country, capital or landmark used for the people who govern it."""
    for index, _ in article.actors_in(place.start, place.end):
        if article.actors[index].sector == "GOV":
            return True
    if place.feature not in METONYM_FEATURES and not capital:
        return False
    span = article.doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.dep_ == "conj" and head.head is not head:  # "Moscou et Téhéran ont nié"
        head = head.head
    if head.dep_ in AGENT_DEPS or (head.dep_ == "pobj" and head.head.dep_ in AGENT_DEPS):  # "par Moscou", "by Moscow"
        return True
    if head.dep_ in SUBJECT_DEPS:
        verb = head.head
        return verb.lemma_ not in literal_verbs and verb.pos_ in ("VERB", "AUX")
    return False


def locate_event(article: Article, event: Event) -> dict[str, Any] | None:
    """Where `event` happened: the place "à"/"in" attached to its trigger's clause, else the
    sentence's place introduced by "à"/"in", else a bare one; never a place introduced by another
    preposition ("sanctions des États-Unis", "exportations vers l'Europe"), a metonym or the
    event's own source/target."""
    doc: Doc = article.doc
    words = _words(article.language or "xx")
    excluded = [(ref.start, ref.end) for ref in (event.source, event.target) if ref is not None and ref.start >= 0]
    tiers: list[tuple[int, Place]] = []
    for place in article.locations:
        if place.sentence != event.sentence or place.metonym or place.lat is None or any(place.start < e and place.end > s for s, e in excluded):
            continue
        marker = _marker(doc, place)
        if _static(place, marker, words):
            tiers.append((0, place))
        elif marker is None:
            tiers.append((1, place))
    if not tiers:
        return None
    trigger = _token_at(doc, event.start, event.end)
    attached = [(hops, p) for tier, p in tiers if tier == 0 and trigger is not None and (hops := _hops_to(doc, p, trigger)) is not None]
    if attached:
        best = min(attached, key=lambda hp: (hp[0], SPECIFICITY.get(hp[1].feature, 9)))[1]
    else:
        best = min(tiers, key=lambda tp: (tp[0], abs(tp[1].start - event.start), SPECIFICITY.get(tp[1].feature, 9)))[1]
    return {"name": best.name, "geonameid": best.geonameid, "lat": best.lat, "lon": best.lon, "country": best.country, "feature": best.feature}


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span: Span | None = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _place_root(doc: Doc, place: Place) -> Token | None:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _marker(doc: Doc, place: Place) -> str | None:
    """The preposition introducing the place ("à", "in"), lower-cased, or None."""
    token = _place_root(doc, place)
    if token is None:
        return None
    case = [c for c in token.children if c.dep_ == "case"]
    if case:
        return case[0].lower_
    return token.head.lower_ if token.dep_ == "pobj" else None


def _static(place: Place, marker: str | None, words: dict[str, frozenset[str]]) -> bool:
    """The preposition says where something happens (and, before a country, is not a dative)."""
    if marker is None or marker not in words.get("static", frozenset()):
        return False
    return not (place.feature == "country" and marker in words.get("dative", frozenset()))


def _hops_to(doc: Doc, place: Place, trigger: Token) -> int | None:
    """Dependency steps from the place up to the trigger, through oblique/modifier links only."""
    token = _place_root(doc, place)
    if token is None:
        return None
    for hops in range(1, MAX_HOPS + 1):
        if token.dep_ not in (OBLIQUE_DEPS if hops == 1 else CHAIN_DEPS) or token.head is token:
            return None
        token = token.head
        if token == trigger:
            return hops
    return None
