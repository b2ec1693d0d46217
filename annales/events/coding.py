"""Coding: pick the lexicon sense a predicate frame satisfies, find its source and target
actors, and turn them into Events carrying CAMEO, Goldstein, QuadClass and PLOVER values."""

from __future__ import annotations

import functools
from typing import overload

from spacy.tokens import Token

from ..article import ActorRef, Article, Event, Mention
from ..cameo.build import event_for, modal_code
from ..cameo.lexicon import ARGUMENT_CONDITIONS, Condition, Entry, Lexicon
from ..lang import load_lang
from ..lang.places import city_countries
from ..text import fold
from .arguments import CLAUSE_ROLES, ActorIndex, Frame

Hit = tuple[int, Mention]
# The parts of speech whose lemma is looked up in the verb and the noun lexicon.
VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN"})
THEME_DEPTH = 2


def _fits(token: Token, value: str, lex: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    if value == "@event":
        return lemma in lex.nouns
    if value.startswith("@"):
        return value[1:] in lex.classes.get(lemma, ()) or value[1:] in lex.classes.get(token.text.lower(), ())
    return lemma == value


def _theme_tokens(frame: Frame, lex: Lexicon) -> list[Token]:
    """Tokens that may name what the event is about: the object first (and a passive agent),
    then the other noun arguments (a misattached "un accord" in "signé avec Poutine, un
    accord"), each with its modifiers down to THEME_DEPTH."""
    heads: list[Token] = [*frame.heads("obj"), *frame.heads("iobj"), *frame.heads("compound")]
    if frame.passive:
        heads += frame.heads("agent")  # an instrument as passive agent: "blown up by a missile"
    heads += [t for slot, tokens in frame.slots.items() if slot.startswith("prep:") for t in tokens]
    out: list[Token] = []
    frontier = [(h, 0) for h in heads]
    while frontier:
        token, depth = frontier.pop(0)
        out.append(token)
        if depth < THEME_DEPTH:
            frontier.extend((c, depth + 1) for c in token.children if lex.roles.get(c.dep_, "") not in CLAUSE_ROLES)
    return out


def _holds(condition: Condition, frame: Frame, lex: Lexicon, themes: list[Token]) -> bool:
    kind, value = condition.kind, condition.value
    if kind == "obj":
        return any(_fits(t, value, lex) for t in themes) if value else bool(frame.heads("obj"))
    if kind in ("prep", "prt"):
        return bool(frame.heads(f"{kind}:{value}"))
    if kind in ("se", "xcomp", "comp"):
        return bool(frame.heads(kind))
    if kind == "word":
        return any(_fits(c, value, lex) for c in frame.pred.children)
    return kind in ARGUMENT_CONDITIONS  # checked once the arguments are found (extract.code_sentence)


def match(frame: Frame, entries: tuple[Entry, ...], lex: Lexicon) -> Entry | None:
    """The most specific entry whose conditions all hold for `frame`."""
    themes: list[Token] | None = None
    for entry in entries:
        if entry.conditions and themes is None:
            themes = _theme_tokens(frame, lex)
        if all(_holds(c, frame, lex, themes or []) for c in entry.conditions):
            return entry
    return None


# CAMEO roots of words about an act (statements and claims, appeals, investigation, demands, disapproval,
# rejection, threats): the act they name stands as an event of its own.
ABOUT_ACT_ROOTS = frozenset({"01", "02", "09", "10", "11", "12", "13"})


def classed_themes(frame: Frame, entry: Entry, lex: Lexicon) -> list[Token]:
    """The theme nouns by whose class a material act's `entry` was chosen ("go on strike": `obj=@protest`):
    they name the entry's event, not one of their own. None for a support verb (`@obj`, `@undergo`), whose noun
    is the event, nor for words about an act ("claimed the attack", "condemned the strikes"): the act stands."""
    classes = [c.value for c in entry.conditions if c.kind == "obj" and c.value.startswith("@") and c.value != "@event"]
    if not classes or entry.code.startswith("@") or entry.code[:2] in ABOUT_ACT_ROOTS:
        return []
    return [t for t in _theme_tokens(frame, lex) if any(_fits(t, value, lex) for value in classes)]


def slot_actors(frame: Frame, slots: tuple[str, ...], index: ActorIndex, lex: Lexicon, *, skip: frozenset[int] = frozenset()) -> list[Hit]:
    """Actors of the first slot in `slots` that holds any (besides those in `skip`)."""
    for slot in slots:
        if slot.startswith("loc:"):
            # A location is the target only of a predicate without a direct object ("attacks in Gaza").
            if frame.heads("obj"):
                continue
            slot = "prep:" + slot[4:]
        # A clause after a preposition ("for acting against Moscow") holds its own predicate's actors.
        heads = [h for h in frame.heads(slot) if not (slot.startswith("prep:") and h.pos_ in ("VERB", "AUX"))]
        hits = [h for h in index.actors(heads, lex) if h[0] not in skip]
        if hits:
            return hits
    return []


@functools.cache
def _seats() -> dict[str, dict[str, str]]:
    """Lower-cased capital / seat-of-power name -> its row in the actors' `actor_seats` table."""
    return {name.strip().lower(): row for row in load_lang("xx").table("actor_seats") for name in row["names"].split("|") if name.strip()}


# Named-entity labels a town may carry: the small English model often tags a town it does not know as a
# person ("shelled Kharkiv"); the gazetteer decides.
PLACE_LABELS = frozenset({"GPE", "LOC", "PERSON", "PER"})


def place_target(frame: Frame, slots: tuple[str, ...], *, towns: bool = False) -> ActorRef | None:
    """A capital or seat of power in a target slot, as the government it stands for; with `towns`,
    also a city, port or town, as its country.

    The actors stage leaves a capital after a locative preposition out ("à Moscou" is a place),
    but as the destination or recipient of an event it is the target CAMEO codes: "s'est rendu
    à Moscou", "a imposé des sanctions à Moscou". A town struck or visited is its country's
    ("Russian missiles struck Odessa"); the geo stage keeps the town as the event's place.
    The ref has no actor index."""
    for slot in slots:
        for head in frame.heads(slot.replace("loc:", "prep:", 1)):
            if head.pos_ != "PROPN":
                continue
            words = sorted([head, *(c for c in head.children if c.dep_ in ("flat:name", "compound", "flat"))], key=lambda t: t.i)
            span = head.doc[words[0].i : words[-1].i + 1]
            row = _seats().get(span.text.lower())
            if row is not None:
                code = row.get("code") or row["iso3"] + row["sector"]
                return ActorRef(name=row["names"].split("|")[0], code=code, country=row["iso3"], sector=row["sector"] or None, text=span.text, start=span.start_char, end=span.end_char)
            country = city_countries().get(fold(span.text)) if towns and head.ent_type_ in PLACE_LABELS else None
            if country is not None:
                return ActorRef(name=span.text, code=country, country=country, sector=None, text=span.text, start=span.start_char, end=span.end_char)
    return None


def scene_target(article: Article, frames: tuple[Frame, ...], index: ActorIndex, lex: Lexicon) -> ActorRef | None:
    """The country of the scene of a material conflict that names no target: a country, or a town of one, after
    one of the language's `scene_preps` ("les insurgés ont attaqué à Mocímboa da Praia", "fighting in eastern
    Ukraine"). Those hit are the scene's: its country is the target (the geo stage keeps the town as the place).
    The ref has no actor index."""
    slots = tuple(f"prep:{prep}" for prep in lex.settings.get("scene_preps", ()))
    for frame in frames:
        for slot in slots:
            for actor, mention in index.actors(frame.heads(slot), lex):
                found = article.actors[actor]
                if found.kind == "country" and found.country:
                    return ActorRef(name=found.name, code=found.country, country=found.country, sector=None, text=mention.text, start=mention.start, end=mention.end)
        # a town only after the countries: "Mali" is also a town's name elsewhere
        town = place_target(frame, slots, towns=True)
        if town is not None and town.sector is None:
            return town
    return None


# The sectors whose demands, appeals, criticism, rejection or protest address their government when they name no
# addressee (the CAMEO roots are the language's `implied_government_roots`: its annotation practice).
ADDRESSING_SECTORS = frozenset({"OPP", "PTY", "LEG", "CVL", "BUS", "LAB", "HRI", "NGO", "EDU", "REL"})
IMPLIED_GOVERNMENT = "+implied-government"


def implied_government(article: Article, event: Event, lex: Lexicon) -> ActorRef | None:
    """The government a domestic actor's demand, appeal, criticism, rejection or protest (the language's
    `implied_government_roots`) with no named addressee is aimed at ("the Conservatives called for the plan to be
    shelved": the government's plan): its country's government as the article names it (the actor coded
    <country>GOV with the most mentions, at its mention nearest before the event), else None."""
    source = event.source
    if source is None or source.country is None or source.sector not in ADDRESSING_SECTORS or event.cameo_root not in lex.settings.get("implied_government_roots", ()):
        return None
    return _article_actor(article, source.country + "GOV", event.start)


IMPLIED_POLICE = "+implied-police"


def implied_police(article: Article, event: Event, lex: Lexicon) -> ActorRef | None:
    """The police an arrest with no named doer was made by ("he was arrested in Chicago", "aucune arrestation
    n'a été effectuée"; the CAMEO codes are the language's `implied_police_codes`, its annotation practice): the
    police of the arrested one's country as the article names them (the actor coded <country>COP with the most
    mentions, at its mention nearest before the event), else None."""
    target = event.target
    if event.source is not None or target is None or target.country is None or event.cameo not in lex.settings.get("implied_police_codes", ()):
        return None
    return _article_actor(article, target.country + "COP", event.start)


def _article_actor(article: Article, code: str, before: int) -> ActorRef | None:
    """The article's actor coded `code` with the most mentions, at its mention nearest before `before`, else None."""
    found = [(index, actor) for index, actor in enumerate(article.actors) if actor.code == code and actor.mentions]
    if not found:
        return None
    index, actor = max(found, key=lambda item: (len(item[1].mentions), -item[0]))
    earlier = [m for m in actor.mentions if m.start < before]
    mention = max(earlier, key=lambda m: m.start) if earlier else actor.mentions[0]
    return actor_ref(article, (index, mention))


def pairs(sources: list[Hit], targets: list[Hit], *, reciprocal: bool, mutual: bool = False) -> list[tuple[Hit | None, Hit | None]]:
    """(source, target) pairs: every source with every target, both ways when the act is
    `mutual` (X "held talks with" Y: Y held talks with X too); the coordinated sources of a
    reciprocal predicate with no target act on each other, both ways ("Téhéran et Moscou ont signé")."""
    if sources and targets:
        forward: list[tuple[Hit | None, Hit | None]] = [(s, t) for s in sources for t in targets if s[0] != t[0]]
        return forward + [(t, s) for s, t in forward] if mutual else forward
    if reciprocal and len(sources) >= 2:
        return [(s, t) for s in sources for t in sources if s[0] != t[0]]
    if sources:
        return [(s, None) for s in sources]
    return [(None, t) for t in targets]


@overload
def actor_ref(article: Article, hit: Hit) -> ActorRef: ...


@overload
def actor_ref(article: Article, hit: Hit | None) -> ActorRef | None: ...


def actor_ref(article: Article, hit: Hit | None) -> ActorRef | None:
    """The event side for an actor hit: the actor's coding, its index and the mention's text and offsets."""
    if hit is None:
        return None
    actor, mention = hit
    ref = article.actors[actor].ref()
    ref.actor, ref.text, ref.start, ref.end = actor, mention.text, mention.start, mention.end
    return ref


def make_event(article: Article, entry: Entry, trigger: Token, sentence: int, source: Hit | None, target: Hit | None,
               *, modality: str, cue: str | None, confidence: float, place: ActorRef | None = None) -> Event:
    """An Event for one (source, code, target) triple (`place`: a capital as target, when no
    actor is), coded for its modality by `modal_code`."""
    cameo, modality, suffix = modal_code(entry.code, modality)
    return event_for(cameo, trigger, sentence, actor_ref(article, source), actor_ref(article, target) or place,
                     modality=modality, cue=cue, confidence=confidence, method=entry.method + suffix)
