"""Event anaphora: an event noun that names no actor in its sentence ("la guerre", "the talks", "les
attaques") restates an event the article has already reported, and takes that event's sides.

News names an event once with its parties ("Russia's invasion of Ukraine", "talks between Iran and the
EU") and then by a definite description alone; the annotation guidelines code each restatement again
(docs/annotation.md). The antecedent is the article's most reported dyad among its events of the same
CAMEO root with both sides (the nearest earlier one among equals). An indefinite noun ("a war", "une guerre") introduces a new event and is
left alone. Which CAMEO roots a bare noun restates is the language's `restated_roots` setting
(event_settings.tsv), chosen on the training articles (training/news): in French consultations, assaults,
fighting and mass violence ("les pourparlers", "les combats", "la guerre"; 85 restated events there, 28%
strict-correct against 24% for the rules' other events); English news, mostly British politics there, uses
"the attack" and "the talks" for rhetoric, and its restatements were all wrong, so English lists none.
The sides keep the antecedent's mention offsets (in its own sentence), so the evidence
stays traceable, and the method names the antecedent's trigger offset.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import NamedTuple

from spacy.tokens import Token

from ..article import ActorRef, Event
from ..cameo.build import event_for, modal_code
from ..cameo.lexicon import MARKERS, Entry, Lexicon

# How much less sure a restated event is than one whose actors its own sentence names.
CONFIDENCE = 0.4


class Orphan(NamedTuple):
    """An event noun whose sentence gave it no actor, with the modality its own words give it."""

    token: Token
    entry: Entry
    sentence: int
    modality: str
    cue: str | None


def orphan_candidate(token: Token, entry: Entry, lex: Lexicon) -> bool:
    """A definite or bare event noun of one of the language's `restated_roots` whose sense does not need a
    named target ("warned" needs one)."""
    if entry.code in MARKERS or entry.needs_target or entry.needs_source or entry.code[:2] not in lex.settings.get("restated_roots", ()):
        return False
    return "Ind" not in token.morph.get("Definite", []) and not any("Ind" in child.morph.get("Definite", []) for child in token.children)


def bare_sense(entries: tuple[Entry, ...]) -> Entry | None:
    """The sense a noun has when it restates an event without its arguments: "la guerre" restates a "guerre
    contre X" named before. Only senses that ask for nothing but a preposition qualify, and they must agree
    on the CAMEO root (a noun whose senses differ in kind, by their object, has no bare sense)."""
    senses = [e for e in entries if e.code not in MARKERS and e.conditions and all(c.kind == "prep" for c in e.conditions)]
    return senses[0] if senses and len({e.code[:2] for e in senses}) == 1 else None


def _copy(side: ActorRef | None) -> ActorRef | None:
    return dataclasses.replace(side) if side is not None else None


def _dyad(event: Event) -> tuple[str | None, str | None]:
    return (event.source.code if event.source else None, event.target.code if event.target else None)


def resolve_orphans(events: list[Event], orphans: list[Orphan]) -> list[Event]:
    """Events for the orphans whose root the article reports elsewhere with both sides. The antecedent is the
    article's most reported dyad for that root (a conflict story names its belligerents many times, and "the
    attack" is theirs), the nearest earlier one among equals. An orphan whose sentence already reports an event
    of its root adds nothing ("killed during the fighting")."""
    found: list[Event] = []
    for orphan in orphans:
        code, modality, suffix = modal_code(orphan.entry.code, orphan.modality)
        if any(e.sentence == orphan.sentence and e.cameo_root == code[:2] for e in events):
            continue
        named = [e for e in events if e.source and e.target and e.source.code and e.target.code and e.cameo_root == code[:2]]
        if not named:
            continue
        counts = Counter(_dyad(e) for e in named)
        at = orphan.token.idx
        antecedent = max(named, key=lambda e: (counts[_dyad(e)], e.start < at, -abs(e.start - at)))
        found.append(event_for(code, orphan.token, orphan.sentence, _copy(antecedent.source), _copy(antecedent.target), modality=modality,
                               cue=orphan.cue, confidence=CONFIDENCE, method=f"{orphan.entry.method}{suffix}+event-anaphora:{antecedent.start}"))
    return found
