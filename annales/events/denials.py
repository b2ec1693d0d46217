"""Denials in speech: "Mr Livingstone said his comments were not racist", "Il a assuré qu'il n'avait pas menti".
A politician answering a charge says so most often in a plain speech verb whose complement negates something of
the speaker; no predicate of the lexicon names it.

A speech verb of the language's `denial_speech` setting (event_settings.tsv) with a coded actor as subject and a
complement clause after it that the language's modality cues negate and that speaks of the speaker is coded as
that speaker denying (CAMEO 016, PLOVER REJECT) with no target: who accused is rarely in the sentence (the judge's
side model, or a reply to the accusation of the sentences before, `replies.link_replies`, may give it). The
complement speaks of the speaker when its active subject is the speaker, a personal pronoun the actors left
unresolved that may mean the speaker (number and gender; only the first person in a direct quotation), or a noun
such a possessive pronoun owns ("his comments", "ses propos", "his soldiers"). A sentence whose rules already
code a rejection or denial by the speaker adds nothing, and so does a complement whose own verb the rules coded
(its negation is that act's: "we do not want them to stay") or whose verb is a thought, a wish or a plan, the
language's `denial_attitudes` ("I do not think", "he does not intend to"; "I did not order the strike" stays one).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..article import Article, Event
from ..cameo.build import event_for
from ..cameo.lexicon import Lexicon
from ..text import is_personal_pronoun
from .arguments import ActorIndex
from .coding import Hit, actor_ref
from .speech import negated_complements, speech_with_speaker

DENY = "016"
DENIAL_TYPES = frozenset({"REJECT"})
CONFIDENCE = 0.45


def _may_mean(pronoun: Token, person: bool, *, quoted: bool, number: bool = True) -> bool:
    """Whether a personal or possessive pronoun may stand for a speaker who is a person (`person`) or not: the first
    person always; in a direct quotation, only it ("He is not some unknown hopeful", said of someone else); else a
    person is not neuter and, where the pronoun's number is its referent's (`number`), singular ("he", "his"); a
    party, a council or a state is not masculine or feminine, or is plural ("it", "their")."""
    if pronoun.morph.get("Person", None) == ["1"]:
        return True
    if quoted:
        return False
    gender = pronoun.morph.get("Gender", None)
    singular = pronoun.morph.get("Number", None) == ["Sing"] if number else None
    if person:
        return gender != ["Neut"] and singular is not False
    return gender not in (["Masc"], ["Fem"]) or singular is False


def _of_the_speaker(subject: Token, speaker: Hit, index: ActorIndex, lex: Lexicon, *, person: bool, quoted: bool) -> bool:
    """Whether a complement's subject is a noun that a possessive pronoun that may mean the speaker owns ("his
    comments", "his soldiers"), the speaker, or an unresolved personal pronoun that may mean the speaker. A possessive's
    number is its owner's only where the language says so (`possessive_number` in event_settings.tsv: English
    "their", not French "ses")."""
    owner_number = lex.settings.get("possessive_number", ("",))[0] == "possessor"
    if any(child.morph.get("Poss", None) == ["Yes"] and child.i < subject.i and _may_mean(child, person, quoted=quoted, number=owner_number)
           for child in subject.children):
        return True  # "his soldiers were not there": the speaker's own, whatever actor they make
    named = index.by_root.get(subject.i) or index.inside.get(subject.i)
    if named:
        return any(actor == speaker[0] for actor, _ in named)
    return is_personal_pronoun(subject) and _may_mean(subject, person, quoted=quoted)


def denials(article: Article, sent: Span, sentence: int, index: ActorIndex, lex: Lexicon, events: list[Event]) -> list[Event]:
    """Events of denial in the sentence's reported speech (see the module doc)."""
    verbs = lex.settings.get("denial_speech", ())
    if not verbs or index.empty:
        return []
    found: list[Event] = []
    for verb, speaker in speech_with_speaker(article, sent, index, lex, verbs):
        if any(e.plover in DENIAL_TYPES and e.source is not None and e.source.actor == speaker[0] for e in [*events, *found]):
            continue
        for clause, subject, cue in negated_complements(verb, lex):
            if any(e.start == clause.idx for e in events):
                continue  # a negated act the rules coded is that act, negated ("we do not want them to stay")
            quoted = any(t.is_quote or t.text == ":" for t in sent.doc[verb.i + 1 : subject.left_edge.i])
            person = article.actors[speaker[0]].kind == "person"
            if not _of_the_speaker(subject, speaker, index, lex, person=person, quoted=quoted):
                continue
            if clause.lemma_.lower() in lex.settings.get("denial_attitudes", ()):
                continue  # a negated thought, wish or plan ("I do not think", "he does not intend to") denies nothing
            method = f"lexicon:{lex.language}/event_settings:denial_speech:{verb.lemma_.lower()}+negated:{(cue or '').lower()}"
            found.append(event_for(DENY, verb, sentence, actor_ref(article, speaker), None, modality="asserted", cue=None,
                                   confidence=CONFIDENCE, method=method))
            break
    return found
