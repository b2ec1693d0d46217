"""Criticism in speech: "Labour said the Tory plans were a disgrace", "l'opposition a estimé que le
gouvernement avait échoué". News reports most verbal conflict as a speech verb whose complement speaks
ill of another actor; no predicate of the lexicon names it, so the lexicon rules miss it.

A speech verb of the language's `opinion_speech` setting (event_settings.tsv) with an actor as subject
and a complement clause (after the verb, or the quotation before an inverted "..., he said") that names
another actor and whose words weigh negative is coded as that speaker criticising that actor (CAMEO 111,
PLOVER ACCUSE). The public and the speaker's own country named bare are not taken as the criticised. The words' weight is their VADER valence (`annales.lang.valence`), flipped after a
negator, summed over the complement: at most `criticism_valence` (a language setting, chosen on the
training articles of training/news) counts as criticism. The actor named nearest the complement's root
is the target; one whose code is the speaker's is not, and a sentence whose lexicon events already link
the two actors adds nothing.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..article import Article, Event
from ..cameo.build import event_for
from ..cameo.lexicon import Lexicon
from ..lang.valence import NEGATION_WINDOW, has_valence, load_valence, signed_valence, valence_key
from .arguments import ActorIndex, build_frame, subject_of
from .coding import Hit, actor_ref

CRITICISE = "111"
COMPLEMENT_ROLES = frozenset({"ccomp", "clause"})
CONFIDENCE = 0.45
PUBLIC_SECTORS = frozenset({"CVL"})


def _complement(verb: Token, lex: Lexicon) -> list[Token]:
    """The tokens of what `verb` reports: its complement clauses, or, for an inverted attribution
    ("The plan will fail, he said"), the clause it is attached to, less the attribution itself."""
    clauses = [c for c in verb.children if lex.roles.get(c.dep_) in COMPLEMENT_ROLES]
    if clauses:
        return sorted((t for c in clauses for t in c.subtree), key=lambda t: t.i)
    head = verb.head
    if head is verb or head.i > verb.i or lex.roles.get(verb.dep_) not in COMPLEMENT_ROLES:
        return []
    own = {t.i for t in verb.subtree}
    return [t for t in head.subtree if t.i not in own]


def _weight(tokens: list[Token], language: str) -> float:
    """Summed VADER valence of the words (`valence.signed_valence`)."""
    lexicon = load_valence(language)
    total = 0.0
    recent: list[str] = []
    for token in tokens:
        if token.is_alpha:
            total += signed_valence(lexicon, token.text, token.lemma_, recent, token.children)
            recent = [*recent, valence_key(token.text)][-NEGATION_WINDOW:]
    return total


def _criticisable(article: Article, hit: Hit, speaker: Hit) -> bool:
    """Whether an actor named in the complement can be the one criticised: not the speaker or its code,
    not the public ("people are right to be concerned"), not the speaker's own country named bare
    ("Britain was in danger of panic" is a view of the country, not an attack on it)."""
    actor, own = article.actors[hit[0]], article.actors[speaker[0]]
    if hit[0] == speaker[0] or (own.code is not None and actor.code == own.code) or actor.sector in PUBLIC_SECTORS:
        return False
    return not (actor.sector is None and actor.country is not None and actor.country == own.country)


def _target(article: Article, tokens: list[Token], speaker: Hit, index: ActorIndex) -> Hit | None:
    """The criticisable actor named nearest the complement's root."""
    inside = {t.i: t for t in tokens}
    found: list[tuple[int, Hit]] = []
    for i, hits in index.by_root.items():
        if i not in inside:
            continue
        depth = sum(1 for _ in inside[i].ancestors)
        found += [(depth, hit) for hit in hits if _criticisable(article, hit, speaker)]
    return min(found, key=lambda pair: (pair[0], pair[1][1].start))[1] if found else None


def criticisms(article: Article, sent: Span, sentence: int, index: ActorIndex, lex: Lexicon, events: list[Event]) -> list[Event]:
    """Events of criticism in the sentence's reported speech (see the module doc)."""
    verbs = lex.settings.get("opinion_speech", ())
    limit = lex.settings.get("criticism_valence", ())
    if not verbs or not limit or index.empty or not has_valence(lex.language):
        return []
    threshold = float(limit[0])
    linked = {(e.source.actor, e.target.actor) for e in events if e.source and e.target}
    found: list[Event] = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        speakers = index.actors(build_frame(verb, lex, kind="verb").heads("subj") or subject_of(verb, lex), lex)
        complement = _complement(verb, lex)
        if not speakers or not complement:
            continue
        weight = _weight(complement, lex.language)
        if weight > threshold:
            continue
        speaker = speakers[0]
        target = _target(article, complement, speaker, index)
        if target is None or (speaker[0], target[0]) in linked:
            continue
        method = f"lexicon:{lex.language}/event_settings:opinion_speech:{verb.lemma_.lower()}+valence:{weight:.1f}"
        found.append(event_for(CRITICISE, verb, sentence, actor_ref(article, speaker), actor_ref(article, target),
                               modality="asserted", cue=None, confidence=CONFIDENCE, method=method))
        linked.add((speaker[0], target[0]))
    return found
