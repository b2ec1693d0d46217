"""Court rulings: "the Supreme Court ruled that the Scottish government cannot hold a referendum", "la Cour a jugé
que le gouvernement ne pouvait pas suspendre la loi". A court that decides another actor may not, did not or must
not do something rejects that actor's case; the ruling verb names no act of its own, so the lexicon rules miss it.

A verb of the language's `ruling_speech` setting (event_settings.tsv) whose subject is a coded actor of the
judiciary and whose complement clause after it is negated (the language's modality cues) and has another actor as
its active subject is coded as the court rejecting that actor (CAMEO 120, PLOVER REJECT). A ruling that speaks ill
of an actor ("ruled that the detention was unlawful") is criticism (`criticism.py`, through the language's
`opinion_speech`), not this. A sentence whose rules already link the court to that actor adds nothing.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..article import Article, Event
from ..cameo.lexicon import Lexicon
from .arguments import ActorIndex
from .speech import negated_complements, other_party, speech_act, speech_with_speaker

REJECT = "120"
COURTS = frozenset({"JUD"})
CONFIDENCE = 0.45


def rulings(article: Article, sent: Span, sentence: int, index: ActorIndex, lex: Lexicon, events: list[Event]) -> list[Event]:
    """Events of a court rejecting an actor's case in the sentence's rulings (see the module doc)."""
    verbs = lex.settings.get("ruling_speech", ())
    if not verbs or index.empty:
        return []
    linked = {(e.source.actor, e.target.actor) for e in events if e.source and e.target}
    found: list[Event] = []
    for verb, court in speech_with_speaker(article, sent, index, lex, verbs):
        if article.actors[court[0]].sector not in COURTS:
            continue
        for _, subject, _ in negated_complements(verb, lex):
            ruled = [hit for hit in index.actors([subject], lex) if other_party(article, hit, court)]
            if not ruled or (court[0], ruled[0][0]) in linked:
                continue
            method = f"lexicon:{lex.language}/event_settings:ruling_speech:{verb.lemma_.lower()}+negated"
            found.append(speech_act(article, REJECT, verb, sentence, (court, ruled[0]), confidence=CONFIDENCE, method=method))
            linked.add((court[0], ruled[0][0]))
            break
    return found
