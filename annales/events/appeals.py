"""Appeals in speech: "Labour must address the housing crisis, she said", "the Liberal Democrats said Dr Gibbons
needed to change policy", « le gouvernement doit démissionner, a déclaré l'opposition ». News reports most demands
as a speaker saying what another actor should do; no predicate of the lexicon names the appeal, so the lexicon rules
miss it.

A speech verb of the language's `opinion_speech` or `plain_speech` setting (event_settings.tsv) with a coded actor as
subject, and a complement clause (after the verb or, quoted, before it) that puts an obligation on another actor, is
coded as that speaker appealing to that actor (CAMEO 020, PLOVER REQUEST). The obligation is an auxiliary of the
language's `obligation_auxiliaries` ("should", "must") on the clause's verb, or the clause's verb itself one of its
`obligation_verbs` with an infinitive ("had to", « doit démissionner »). The actor obliged is the clause's subject;
the speaker, the speaker's own country named bare and the public ("people should be able to") are not appealed to,
and a sentence whose lexicon events already link the two actors adds nothing. The obliged act itself is the
lexicon's to code (hypothetical, by its modal).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..article import Article, Event
from ..cameo.lexicon import Lexicon
from .arguments import ActorIndex, build_frame, subject_of
from .coding import Hit
from .speech import COMPLEMENT_ROLES, other_party, speech_act, speech_with_speaker

APPEAL = "020"
CONFIDENCE = 0.4


def _obligation(clause: Token, lex: Lexicon) -> Token | None:
    """The word that puts an obligation on the clause's subject (its auxiliary "should", or the clause's verb
    "had" of "had to"), if any."""
    auxiliaries = lex.settings.get("obligation_auxiliaries", ())
    for child in clause.children:
        if lex.roles.get(child.dep_) in ("aux", "aux_pass") and child.lemma_.lower() in auxiliaries:
            return child
    infinitive = any(lex.roles.get(c.dep_) == "xcomp" for c in clause.children)
    return clause if infinitive and clause.lemma_.lower() in lex.settings.get("obligation_verbs", ()) else None


def _obliged(clause: Token, article: Article, speaker: Hit, index: ActorIndex, lex: Lexicon) -> Hit | None:
    """The actor the clause obliges: its subject, when another party than the speaker."""
    subjects = build_frame(clause, lex, kind="verb").heads("subj") or subject_of(clause, lex)
    return next((hit for hit in index.actors(subjects, lex) if other_party(article, hit, speaker)), None)


def appeals(article: Article, sent: Span, sentence: int, index: ActorIndex, lex: Lexicon, events: list[Event]) -> list[Event]:
    """Events of appeal in the sentence's reported speech (see the module doc)."""
    verbs = (*lex.settings.get("opinion_speech", ()), *lex.settings.get("plain_speech", ()))
    if not verbs or index.empty or not (lex.settings.get("obligation_auxiliaries") or lex.settings.get("obligation_verbs")):
        return []
    linked = {(e.source.actor, e.target.actor) for e in events if e.source and e.target}
    found: list[Event] = []
    for verb, speaker in speech_with_speaker(article, sent, index, lex, verbs):
        for clause in (c for c in verb.children if lex.roles.get(c.dep_) in COMPLEMENT_ROLES):
            word = _obligation(clause, lex)
            target = _obliged(clause, article, speaker, index, lex) if word is not None else None
            if word is None or target is None or (speaker[0], target[0]) in linked:
                continue
            method = f"lexicon:{lex.language}/event_settings:obligation:{word.lemma_.lower()}+speech:{verb.lemma_.lower()}"
            found.append(speech_act(article, APPEAL, word, sentence, (speaker, target), confidence=CONFIDENCE, method=method))
            linked.add((speaker[0], target[0]))
    return found
