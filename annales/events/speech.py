"""What the speech rules share (`criticism`, `appeals`, `denials`, `rulings`): the speech verbs of a sentence with
their coded speaker, the complement roles that carry what they report, the negated complements with their subject,
which actors a speaker can speak of, and the asserted act a speech verb carries from the speaker to another actor."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from ..article import Article, Event
from ..cameo.build import event_for
from ..cameo.lexicon import Lexicon
from ..cameo.modality import modality
from .arguments import ActorIndex, build_frame, subject_of
from .coding import Hit, actor_ref

COMPLEMENT_ROLES = frozenset({"ccomp", "clause"})
PUBLIC_SECTORS = frozenset({"CVL"})


def other_party(article: Article, hit: Hit, speaker: Hit) -> bool:
    """Whether an actor named in the complement can be the one spoken of (criticised, appealed to): not the speaker (`ActorRef.same_actor`:
    another party of the speaker's country can be), not the public ("people are right to be
    concerned"), not the speaker's own country named bare ("Britain was in danger of panic" is a view of the
    country, not an attack on it)."""
    actor, own = article.actors[hit[0]], article.actors[speaker[0]]
    one_actor = hit[0] == speaker[0] or replace(own.ref(), actor=speaker[0]).same_actor(replace(actor.ref(), actor=hit[0]))
    if one_actor or actor.sector in PUBLIC_SECTORS:
        return False
    return not (actor.sector is None and actor.country is not None and actor.country == own.country)


def speech_with_speaker(article: Article, sent: Span, index: ActorIndex, lex: Lexicon, verbs: Collection[str]) -> Iterator[tuple[Token, Hit]]:
    """Each verb of the sentence among `verbs` (lemmas) with the first actor of its subject, when coded: an
    uncoded speaker makes no dyad."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        speakers = index.actors(build_frame(verb, lex, kind="verb").heads("subj") or subject_of(verb, lex), lex)
        if speakers and article.actors[speakers[0][0]].code is not None:
            yield verb, speakers[0]


def speech_act(article: Article, code: str, trigger: Token, sentence: int, sides: tuple[Hit, Hit], *, confidence: float, method: str) -> Event:
    """The asserted act of a speaker (the first side) on another actor that a speech verb carries."""
    return event_for(code, trigger, sentence, actor_ref(article, sides[0]), actor_ref(article, sides[1]),
                     modality="asserted", cue=None, confidence=confidence, method=method)


def negated_complements(verb: Token, lex: Lexicon) -> Iterator[tuple[Token, Token, str | None]]:
    """Each complement clause after `verb` with an active subject of its own ("it was not given warning" complains of
    what others did) that the language's modality cues negate, with that subject and the negating cue: "said [he had
    not ordered the strike]", "ruled that [the government cannot hold a referendum]"."""
    for clause in verb.children:
        if lex.roles.get(clause.dep_) not in COMPLEMENT_ROLES or clause.i < verb.i:
            continue
        subjects = [c for c in clause.children if lex.roles.get(c.dep_) == "subj" and c.i < clause.i]
        if not subjects:
            continue
        mood, cue = modality(clause, lex, steps=0, reports=False)
        if mood == "negated":
            yield clause, subjects[0], cue
