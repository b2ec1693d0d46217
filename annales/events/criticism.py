"""Criticism in speech: "Labour said the Tory plans were a disgrace", "l'opposition a estimé que le
gouvernement avait échoué". News reports most verbal conflict as a speech verb whose complement speaks
ill of another actor; no predicate of the lexicon names it, so the lexicon rules miss it.

A speech verb of the language's `opinion_speech` setting (event_settings.tsv) with a coded actor as subject
and a complement clause that names another actor and whose words weigh negative is coded as that speaker
criticising that actor (CAMEO 111, PLOVER ACCUSE). The complement is the clause after the verb; a clause
before it ("..., officials said") only when it judges (a copula or a predicate adjective or noun), since the
wire names its source after a fact that way. The words' weight is their VADER valence
(`annales.lang.valence`), flipped after a negator, summed over the complement, acts of force of the lexicon
left out ("killed", "bombing": the news, not a judgement): at most `criticism_valence` (a language setting,
chosen on the training articles of training/news) counts as criticism; a verb of the language's
`allegation_speech` ("claim", "allege") contests what it reports, so another actor in its complement, before or
after it, is criticised whatever the words' weight. The target is the actor named
nearest the complement's root among those that act, undergo or own in it (subject, passive subject,
possessor, object of an agent or genitive preposition; a nationality adjective stands for its noun): a
place or a partner in an oblique is the setting. The public, the speaker's own code and the speaker's own
country named bare are not taken as the criticised, and a sentence whose lexicon events already link the
two actors adds nothing. An opposition speaker's negative words that name no one criticise the government the
article names ("the Conservatives said the bill had been a shambles"; `implied_government`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..article import Article, Event
from ..cameo.build import event_for
from ..cameo.lexicon import Lexicon, lookup, ontology
from ..lang.valence import NEGATION_WINDOW, has_valence, load_valence, signed_valence, valence_key
from .arguments import ActorIndex, prep_of
from .coding import IMPLIED_GOVERNMENT, NOUN_POS, VERB_POS, Hit, actor_ref, implied_government
from .speech import COMPLEMENT_ROLES, other_party, speech_act, speech_with_speaker

CRITICISE = "111"
# Roles an actor must hold in the complement to be the one spoken ill of: the doer ("the government had
# failed"), the one done to in a passive ("Labour was accused"), the owner ("Sunak's poor judgement"). Places
# and partners in obliques ("relations with the US", "nervousness in Egypt") are only the setting.
CRITICISED_ROLES = frozenset({"subj", "subj_pass", "poss"})
# A mention's own internal links, climbed to the word that holds its role in the clause.
MENTION_LINKS = frozenset({"conj", "appos", "compound", "flat"})
ADJECTIVE_ROLES = frozenset({"amod"})
# The heads of a clause that judges rather than reports an act: a copula, or a predicate adjective or noun.
JUDGING_HEADS = frozenset({"AUX", "ADJ", "NOUN"})
CONFIDENCE = 0.45
FORCE_QUAD = 4  # CAMEO's material conflict
# Speakers whose ill words with no named target are aimed at their government: the opposition's role.
GOVERNMENT_CRITICS = frozenset({"OPP"})


def _complement(verb: Token, lex: Lexicon, *, any_fronted: bool = False) -> list[Token]:
    """The tokens of what `verb` reports: its complement clauses after it. Before it, an inverted attribution
    is the wire's way of naming a source for a fact ("Rebels took the town, officials said"): only a clause
    that judges, headed by a copula or by its adjective or noun ("The plan is dangerous, Iran said"), is taken,
    unless `any_fronted` (a verb that contests what it reports: "Labour broke its promise, the Tories claimed")."""
    clauses = [c for c in verb.children if lex.roles.get(c.dep_) in COMPLEMENT_ROLES and (c.i > verb.i or c.pos_ in JUDGING_HEADS or any_fronted)]
    if not clauses and (head := verb.head) is not verb and head.i < verb.i and (head.pos_ in JUDGING_HEADS or any_fronted) \
            and lex.roles.get(verb.dep_) in COMPLEMENT_ROLES:
        own = {t.i for t in verb.subtree}
        return [t for t in head.subtree if t.i not in own]
    return sorted((t for c in clauses for t in c.subtree), key=lambda t: t.i)


def _reports_force(token: Token, lex: Lexicon) -> bool:
    """Whether the word names an act of force in the lexicon ("killed", "slaying", "jailed"): its weight is
    the news it reports, not the speaker's judgement of someone."""
    table = lex.verbs if token.pos_ in VERB_POS else lex.nouns if token.pos_ in NOUN_POS else None
    if table is None:
        return False
    codes = ontology()
    return any(entry.code in codes and codes[entry.code].quad_class == FORCE_QUAD for entry in lookup(token, table, lex))


def _weight(tokens: list[Token], lex: Lexicon) -> float:
    """Summed VADER valence of the words (`valence.signed_valence`), acts of force left out."""
    lexicon = load_valence(lex.language)
    total = 0.0
    recent: list[str] = []
    for token in tokens:
        if token.is_alpha:
            if not _reports_force(token, lex):
                total += signed_valence(lexicon, token.text, token.lemma_, recent, token.children)
            recent = [*recent, valence_key(token.text)][-NEGATION_WINDOW:]
    return total


def _in_criticised_role(token: Token, lex: Lexicon) -> bool:
    """Whether the mention headed by `token` is a doer, passive subject or owner in its clause, or the object
    of an agent or genitive preposition ("crimes commis par les forces russes", "the policies of the government")."""
    while lex.roles.get(token.dep_) in MENTION_LINKS | ADJECTIVE_ROLES and token.head is not token:
        token = token.head  # "the Russian strikes were a crime": the nationality stands for the strikes' doer
    role = lex.roles.get(token.dep_)
    if role in CRITICISED_ROLES:
        return True
    if role == "pobj" or lex.roles.get(token.head.dep_) == "agent":
        preposition = token.head.lemma_.lower()
    elif role in ("obl", "nmod"):
        preposition = prep_of(token, lex)[0]
    else:
        return False
    return preposition in (*lex.settings.get("agent_preps", ()), *lex.settings.get("genitive_preps", ()))


def _target(article: Article, tokens: list[Token], speaker: Hit, index: ActorIndex, lex: Lexicon) -> Hit | None:
    """The criticisable actor named nearest the complement's root, in a role that can be criticised."""
    inside = {t.i: t for t in tokens}
    found: list[tuple[int, Hit]] = []
    for i, hits in index.by_root.items():
        if i not in inside or not _in_criticised_role(inside[i], lex):
            continue
        depth = sum(1 for _ in inside[i].ancestors)
        found += [(depth, hit) for hit in hits if other_party(article, hit, speaker)]
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
    for verb, speaker in speech_with_speaker(article, sent, index, lex, verbs):
        contested = verb.lemma_.lower() in lex.settings.get("allegation_speech", ())
        complement = _complement(verb, lex, any_fronted=contested)
        if not complement:
            continue
        weight = _weight(complement, lex)
        if weight > threshold and not contested:
            continue
        target = _target(article, complement, speaker, index, lex)
        method = f"lexicon:{lex.language}/event_settings:opinion_speech:{verb.lemma_.lower()}+valence:{weight:.1f}"
        if target is None:
            event = _of_the_government(article, verb, sentence, speaker, lex, method) if weight <= threshold else None
            if event is not None and event.target is not None and (speaker[0], event.target.actor) not in linked:
                found.append(event)
                linked.add((speaker[0], event.target.actor))
            continue
        if (speaker[0], target[0]) in linked:
            continue
        found.append(speech_act(article, CRITICISE, verb, sentence, (speaker, target), confidence=CONFIDENCE, method=method))
        linked.add((speaker[0], target[0]))
    return found


def _of_the_government(article: Article, verb: Token, sentence: int, speaker: Hit, lex: Lexicon, method: str) -> Event | None:
    """An opposition speaker's ill words that name no one ("the bill had been badly drawn up", "it was a waste of
    money"), as criticism of the government its article names (`implied_government`), if it names one."""
    source = actor_ref(article, speaker)
    if source.sector not in GOVERNMENT_CRITICS:
        return None
    event = event_for(CRITICISE, verb, sentence, source, None, modality="asserted", cue=None, confidence=CONFIDENCE, method=method)
    if (government := implied_government(article, event, lex)) is None or government.actor == source.actor:
        return None
    event.target, event.method = government, event.method + IMPLIED_GOVERNMENT
    return event
