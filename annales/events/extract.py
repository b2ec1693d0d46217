"""Per-sentence extraction: find lexicon predicates (verbs and event nouns), build their
frames, code them, and keep one event per distinct (source, action, target)."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from ..article import ActorRef, Article, Event, Mention
from ..cameo.build import ACTORLESS_METHOD, INTENT_METHOD, event_for, modal_code
from ..cameo.lexicon import FROM_OBJECT, MARKERS, UNDERGO, Entry, Lexicon, intent_codes, lookup, ontology
from ..cameo.modality import HYPOTHETICAL, MAX_STEPS, modality, passive_agent
from ..text import has_possessive, is_personal_pronoun
from .anaphora import Orphan, bare_sense, orphan_candidate
from .appeals import appeals
from .arguments import ActorIndex, Frame, build_frame, prep_of, subject_of
from .classifier import revise
from .coding import (
    IMPLIED_GOVERNMENT,
    IMPLIED_POLICE,
    NOUN_POS,
    VERB_POS,
    Hit,
    actor_ref,
    classed_themes,
    implied_government,
    implied_police,
    make_event,
    match,
    pairs,
    place_target,
    scene_target,
    slot_actors,
)
from .criticism import criticisms
from .denials import denials
from .rulings import rulings

# Reported acts that make the report an accusation (threats, assaults, fighting, mass violence),
# or a claim when the speaker is on the doer's side; the press does neither.
HOSTILE_ROOTS = frozenset({"13", "18", "19", "20"})
# Acts done by saying (appeals, demands, disapproval, rejection, threats): rejecting one does not unsay it.
SPEECH_ACT_ROOTS = frozenset({"02", "10", "11", "12", "13"})
REPORTER_SECTORS = frozenset({"MED"})
ACCUSE, ACCUSE_AGGRESSION = "112", "1123"
# Acknowledge or claim responsibility: a claim names the doer of the claimed event.
CLAIM = "015"
# A reciprocal consultation (meet, hold talks, negotiate with) is coded in both directions.
MUTUAL_ROOT = "04"
VISIT = "042"
# Visits and hostings, and the sectors of those who make them diplomacy.
DIPLOMATIC_TRIPS = ("042", "043")
OFFICIAL_SECTORS = frozenset({"GOV", "LEG", "OPP", "PTY", "JUD"})
# Disapproval and rejection (CAMEO roots): aimed at the doer of the act they name.
JUDGED_ACT_ROOTS = frozenset({"11", "12"})
# The actors' table of peoples' names: an actor named by one of them is a people, not its state.
DEMONYM_TABLE = "actor_demonyms"
# Conditions by which a sense is told apart from its lemma's other senses: its object or complement, a
# particle or a word ("called on X to", "impose sanctions"), not a mere preposition ("flew to").
ARGUING_CONDITIONS = frozenset({"obj", "prt", "word", "xcomp", "comp"})
# The event_settings key listing the CAMEO roots coded even when no actor fills the predicate's slots
# ("la huelga continuará"): event data that codes unnamed crowds and strikers (the Spanish protest
# records) wants them; French and English leave it unset, so an event there needs an actor.
ACTORLESS_ROOTS = "actorless_roots"
# Roots coded without sides only for the judge to complete, in its 'full' mode (judge stage).
JUDGED_ACTORLESS_ROOTS = "judged_actorless_roots"
ACTORLESS_CONFIDENCE = 0.4


def _undergoer(noun: Token, lex: Lexicon) -> Token | None:
    """The verb whose subject undergoes an event noun: an undergoing verb taking the noun as
    object ("faced sanctions", "a subi des frappes"), a verb the noun follows after one of
    `undergo_preps` ("came under fire", "sous la pression de"), or a passive whose agent the noun is
    ("visé par des attaques")."""
    head = noun.head
    if lex.roles.get(noun.dep_) == "obl" and head.pos_ in ("VERB", "AUX") and passive_agent(noun, head, lex):
        return head  # "le pays a été visé par des attaques": the passive's subject undergoes them
    preps = lex.settings.get("undergo_preps", ())
    case = [c for c in noun.children if lex.roles.get(c.dep_) == "case"]
    if case and preps and {case[0].lemma_.lower(), case[0].text.lower()} & set(preps):
        # The noun heads a copular clause ("X est sous la pression de") or follows a verb.
        if any(lex.roles.get(c.dep_) == "subj" for c in noun.children):
            return noun
        return head if head is not noun and head.pos_ in ("VERB", "AUX") else None
    if head is noun:
        return None
    if head.pos_ == "ADP" and head.lemma_.lower() in preps:
        return head.head if head.head.pos_ in ("VERB", "AUX") else None
    if head.pos_ not in ("VERB", "AUX"):
        return None
    if lex.roles.get(noun.dep_, "") != "obj":
        return None
    entry = match(build_frame(head, lex, kind="verb"), lookup(head, lex.verbs, lex), lex)
    return head if entry is not None and entry.code == UNDERGO else None


def _measure_of(noun: Token, lex: Lexicon) -> Token:
    """The quantity noun standing for an event noun in its clause ("une série de frappes", "a round of
    talks": the series is what the verb takes), else the noun itself."""
    head = noun.head.head if noun.head.pos_ == "ADP" else noun.head
    if head is not noun and "quantity" in lex.classes.get(head.lemma_.lower(), ()) and lex.roles.get(noun.dep_, "") in ("obl", "nmod", "pobj"):
        return head
    return noun


def _support_verb(noun: Token, lex: Lexicon, *, consultation: bool = False) -> Token | None:
    """The verb that carries an event noun's clause: an undergoing verb (see `_undergoer`), a
    support verb taking the noun as object ("mener des attaques"), or any verb the noun
    modifies as an adjunct introduced by one of `noun_inherit_preps` ("En visite à Moscou, le
    président ...")."""
    noun = _measure_of(noun, lex)
    if (undergoer := _undergoer(noun, lex)) is not None:
        return undergoer
    for child in noun.children:
        if lex.roles.get(child.dep_) == "acl" and any(e.code == FROM_OBJECT for e in lookup(child, lex.verbs, lex)):
            return child  # "les coups portés par Israël": the participle's agent is the source
    head = noun.head
    if lex.roles.get(noun.dep_) == "fixed" and lex.roles.get(head.dep_) == "case":
        # A noun frozen into a compound preposition ("en demanda de aumentos", "en protesta por"): the
        # clause the phrase it introduces modifies is the event's.
        phrase = head.head
        verb = phrase.head
        # (tokens compare by index: spaCy builds a new Token object on each access)
        return verb if phrase.i != head.i and verb.i != phrase.i and verb.pos_ in ("VERB", "AUX") and lex.roles.get(phrase.dep_) in ("obl", "nmod") else None
    if head.pos_ == "ADP" and _adjunct(noun, lex, consultation=consultation):
        # English adjunct: the noun is the object of the preposition ("on a visit to Moscow").
        return head.head if head.head.pos_ in ("VERB", "AUX") else None
    if head is noun or head.pos_ not in ("VERB", "AUX"):
        return None
    role = lex.roles.get(noun.dep_, "")
    if role in ("obj", "subj_pass") and any(e.code == FROM_OBJECT for e in lookup(head, lex.verbs, lex)):
        return head
    return head if _adjunct(noun, lex, consultation=consultation) else None


def _adjunct(noun: Token, lex: Lexicon, *, consultation: bool = False) -> bool:
    """True for an event noun in an adjunct whose subject is the clause's ("en visite", "on a visit");
    a consultation also after the language's `consultation_inherit_preps` ("In a call with X, Y said",
    "Après des entretiens avec X, Y a déclaré": Y took part)."""
    role = lex.roles.get(noun.dep_, "")
    if role not in ("obl", "nmod", "pobj"):
        return False
    if role == "pobj":  # English: the noun is the object of the adjunct's preposition  # noqa: SIM108 - a nested conditional reads worse
        prep = prep_of(noun.head, lex)[0] if noun.head.pos_ == "ADP" else ""
    else:  # UD: the preposition is the noun's `case`
        prep = prep_of(noun, lex)[0]
    preps = (*lex.settings.get("noun_inherit_preps", ()), *(lex.settings.get("consultation_inherit_preps", ()) if consultation else ()))
    return bool(prep) and prep in preps


def _arguments(frame: Frame, entry: Entry, index: ActorIndex, lex: Lexicon) -> tuple[list[Hit], list[Hit], Frame]:
    """Sources, targets, and the frame the targets were sought in (an event noun's support verb
    lends its own obliques: "staged a protest in Beijing")."""
    target_frame = frame
    if frame.kind == "noun" and (undergoer := _undergoer(frame.pred, lex)) is not None:
        # The verb's subject is the target; the doer is the noun's own source or is introduced
        # by `undergo_source` ("sanctions from the EU"), on the noun or on the verb.
        verb_frame = build_frame(undergoer, lex, kind="verb")
        doers = (*entry.source, *lex.settings.get("undergo_source", ()))
        sources = slot_actors(frame, doers, index, lex) or slot_actors(verb_frame, doers, index, lex)
        # a passive whose agent is the noun: its surface subject, not its agent (the noun itself)
        surface = [c for c in undergoer.children if lex.roles.get(c.dep_) == "subj_pass"] if undergoer.i == frame.pred.head.i else []
        targets = index.actors(surface or verb_frame.heads("subj") or subject_of(undergoer, lex), lex)
        return sources, [t for t in targets if all(t[0] != s[0] for s in sources)], frame
    sources = slot_actors(frame, entry.source, index, lex)
    if not sources and entry.reciprocal and frame.passive and lex.roles.get(frame.pred.dep_) == "acl":
        # A reciprocal participle's head takes part either way ("le président, signé avec son homologue").
        sources = index.actors([frame.pred.head], lex)
    targets = slot_actors(frame, entry.target, index, lex, skip=frozenset(s[0] for s in sources))
    consultation = entry.code.startswith(MUTUAL_ROOT)
    if frame.kind == "noun" and not sources and _adjunct(frame.pred, lex, consultation=consultation) and frame.pred.head.pos_ in ("NOUN", "PROPN"):
        sources = index.actors([frame.pred.head], lex)  # "En visite à Moscou, le président iranien"
    if frame.kind == "noun" and not sources:
        verb = _support_verb(frame.pred, lex, consultation=consultation)
        if verb is not None:
            verb_frame = build_frame(verb, lex, kind="verb")
            sources = index.actors(verb_frame.heads("subj") or subject_of(verb, lex), lex)
            if not targets:
                target_frame = verb_frame
                obliques = tuple(dict.fromkeys(s for s in (*entry.target, *lex.settings["verb_target"]) if s.startswith(("prep:", "loc:"))))
                targets = slot_actors(verb_frame, obliques, index, lex, skip=frozenset(s[0] for s in sources))
    if not sources and not targets:
        between = tuple(f"prep:{p}" for p in lex.settings.get("between_preps", ()))
        both = slot_actors(frame, between, index, lex)
        if len(both) >= 2:
            sources, targets = both[:1], both[1:2]
    return sources, targets, target_frame


def code_sentence(article: Article, sent: Span, sentence: int, lex: Lexicon, orphans: list[Orphan] | None = None,
                  *, criticism: bool = False, appeal: bool = False, classifier: bool = True, actorless_roots: Collection[str] = ()) -> list[Event]:
    """Events of one parsed sentence; event nouns that find no actor in it are added to `orphans`, when given,
    for `anaphora.resolve_orphans` to follow back to an earlier event of the article; with `criticism`, also
    the criticism its reported speech carries (`criticism.criticisms`); with `appeal`, the appeals it carries
    (`appeals.appeals`); with `classifier`, the language's learned
    classifier completes or overrides the lexicon's pair readings (`classifier.revise`); an event word of one of
    the `actorless_roots` with no actor in its slots is coded with neither side."""
    index = ActorIndex(article, sent)
    if index.empty and orphans is None and not actorless_roots:
        return []
    events: list[Event] = []
    reports: list[tuple[Token, Hit, Event]] = []
    claims: list[tuple[Frame, Event]] = []
    seen: set[tuple[int | None, str, int | str | None]] = set()
    argued: set[int] = set()  # triggers whose sense the lexicon chose by its arguments (ARGUING_CONDITIONS)
    named: set[int] = set()  # nouns that chose a verb's sense by their class: that verb's event, none of their own
    for token in sent:
        if token.pos_ in VERB_POS and (entries := lookup(token, lex.verbs, lex)):
            kind = "verb"
        elif token.pos_ in NOUN_POS and lex.roles.get(token.dep_) != "compound" and (entries := lookup(token, lex.nouns, lex)):
            # a noun modifying another names a kind of thing, no act: "aid workers", "the withdrawal agreement"
            kind = "noun"
        else:
            continue
        frame = build_frame(token, lex, kind=kind)
        entry = match(frame, entries, lex)
        if entry is None and orphans is not None and kind == "noun" and (bare := bare_sense(entries)) is not None:
            _add_orphan(orphans, token, bare, sentence, lex)
        if entry is None or entry.code in MARKERS or _descriptive_participle(frame, entry, lex):
            continue
        if kind == "verb":
            named.update(t.idx for t in classed_themes(frame, entry, lex))
        sources, targets, target_frame = _arguments(frame, entry, index, lex)
        if kind == "verb" and entry.code[:2] in JUDGED_ACT_ROOTS and (doers := _doers_of_object(frame, index, lex)):
            targets = [doer for doer in doers if all(doer[0] != source[0] for source in sources)] or targets
        if any(c.kind in ARGUING_CONDITIONS for c in entry.conditions):
            argued.add(token.idx)
        # A town is a target only of material conflict and of visits ("struck Odessa", "visited Goma").
        material = entry.code in ontology() and ontology()[entry.code].quad_class == 4
        towns = material or (entry.code in ontology() and entry.code.startswith(VISIT))
        place = place_target(target_frame, entry.target, towns=towns) if sources and not targets else None
        if place is None and sources and not targets and material:
            place = scene_target(article, (frame, target_frame), index, lex)
        actorless = not sources and not targets
        if actorless:
            if orphans is not None and kind == "noun":
                _add_orphan(orphans, token, entry, sentence, lex)
            if entry.code[:2] not in actorless_roots or _in_adverb(token, lex):
                continue
        if (entry.needs_target and not targets and place is None) or (entry.needs_source and not sources and not _unresolved_doer(frame, entry)):
            continue  # a default sense without the argument that licenses it ("warned that ...", an agentless "was asked if")
        # An event noun takes its modality from its own words and its verb, unless a support
        # verb carries it ("n'a pas mené d'attaques"), whose clause then counts in full.
        # An adjunct's noun is no complement of its clause's verb: "After talks with Iran, X said" states the talks.
        adjunct = kind == "noun" and _adjunct(token, lex, consultation=entry.code.startswith(MUTUAL_ROOT))
        light = kind == "noun" and (adjunct or _support_verb(token, lex) is None)
        mood, cue = modality(token, lex, steps=1 if light else MAX_STEPS, reports=not adjunct)
        both = bool(sources and targets)
        confidence = (0.8 if both else ACTORLESS_CONFIDENCE if actorless else 0.55) - (0.1 if kind == "noun" else 0.0)
        mutual = entry.reciprocal and entry.code.startswith(MUTUAL_ROOT)
        if mood == "reported" and _plain_attribution(token, cue, entry, lex):
            mood, cue = "asserted", None
        if mood == "negated" and kind == "noun" and entry.code[:2] in SPEECH_ACT_ROOTS and _rejected_object(token, cue, lex):
            mood, cue = "asserted", None  # "he rejected the Tories' call for a quota": the call was made
        sides = [(None, None)] if actorless else pairs(sources, targets, reciprocal=entry.reciprocal, mutual=mutual)
        for source, target in sides:
            # "Obama wants Putin to attack": a wish of someone else's, no plan of the source's.
            wished = mood == "intended" and source is not None and not _intended_by(source, token, cue, index, lex)
            event = make_event(article, entry, token, sentence, source, target, modality=HYPOTHETICAL if wished else mood, cue=cue, confidence=confidence, place=place)
            if actorless:
                event.method += ACTORLESS_METHOD
            if event.target is None and (government := implied_government(article, event, lex)) is not None:
                event.target, event.method = government, event.method + IMPLIED_GOVERNMENT
            if event.source is None and (police := implied_police(article, event, lex)) is not None:
                event.source, event.method = police, event.method + IMPLIED_POLICE
            if _same_sides(event) or _interview(event) or _private_trip(event, article):
                continue  # one actor on both sides, a press interview, or a trip no official makes: no dyad
            key = (source[0] if source else None, event.cameo, target[0] if target else (event.target.code if event.target is not None else None))
            if key not in seen:
                seen.add(key)
                events.append(event)
                if mood == "reported" and source is not None and event.cameo_root in HOSTILE_ROOTS:
                    reports.append((token, source, event))
                if entry.code == CLAIM:
                    claims.append((frame, event))
    _credit_claims(claims, events, lex)
    for speech, speaker, doer, own, event in _reported_acts(article, reports, index, lex):
        method = f"lexicon:{lex.language}/event_settings:accusing_speech:{speech.lemma_.lower()}"
        if own:
            # Reporting one's own side's attack acknowledges it: "The US said it had attacked Iraq".
            if event.target is None:
                continue
            code, other = CLAIM, event.target
        else:
            # Of aggression for a reported attack, plain accusation for a reported threat.
            code, other = (ACCUSE if event.cameo_root == "13" else ACCUSE_AGGRESSION), actor_ref(article, doer)
        act = event_for(code, speech, sentence, actor_ref(article, speaker), other, modality="asserted", cue=None, confidence=0.5, method=method)
        key = (speaker[0], act.cameo, other.actor if other.actor is not None else other.code)
        if key not in seen:
            seen.add(key)
            events.append(act)
    events = [e for e in events if e.start not in named]
    if orphans is not None and named:
        orphans[:] = [orphan for orphan in orphans if orphan.token.idx not in named]
    # The learned classifier (if the language has one) completes or overrides pair events.
    events = revise(article, sent, sentence, index, lex, _drop_partial(events), frozenset(argued), enabled=classifier)
    if criticism:
        events += criticisms(article, sent, sentence, index, lex, events)
        events += denials(article, sent, sentence, index, lex, events)
        events += rulings(article, sent, sentence, index, lex, events)
    if appeal:
        events += appeals(article, sent, sentence, index, lex, events)
    return [e for e in events if not _same_sides(e)]


def _add_orphan(orphans: list[Orphan], token: Token, entry: Entry, sentence: int, lex: Lexicon) -> None:
    """Keep an event noun without actors for `anaphora.resolve_orphans`, with its modality."""
    if orphan_candidate(token, entry, lex):
        mood, cue = modality(token, lex, steps=1 if _support_verb(token, lex) is None else MAX_STEPS)
        orphans.append(Orphan(token, entry, sentence, mood, cue))


def _in_adverb(token: Token, lex: Lexicon) -> bool:
    """A word fixed in an adverbial expression names no act ("sin embargo": however); one fixed in a
    prepositional expression does ("en demanda de", "en protesta por")."""
    return lex.roles.get(token.dep_) == "fixed" and lex.roles.get(token.head.dep_) == "advmod"


def _plain_attribution(token: Token, cue: str | None, entry: Entry, lex: Lexicon) -> bool:
    """Whether a reported event is only attributed by a plain speech verb ("X said Y agreed", the language's
    `plain_speech`): news states such content, so it stays asserted; a hostile act so reported is an
    accusation and stays reported (docs/annotation.md, section 5)."""
    speech = _cue_token(token, cue)
    if speech is None or speech.lemma_.lower() not in lex.settings.get("plain_speech", ()):
        return False
    code = modal_code(entry.code, "asserted")[0]
    return code[:2] not in HOSTILE_ROOTS


def _interview(event: Event) -> bool:
    """A consultation with the press ("Speaking to BBC News, Mr Murphy said"): an interview, no diplomacy."""
    return event.cameo_root == MUTUAL_ROOT and any(side is not None and side.sector in REPORTER_SECTORS for side in (event.source, event.target))


def _doers_of_object(frame: Frame, index: ActorIndex, lex: Lexicon) -> list[Hit]:
    """The doers of the act a verb's object names, when it names one with its doer ("a condamné l'invasion de
    l'Ukraine par la Russie": Russia is condemned, not Ukraine)."""
    for noun in frame.heads("obj"):
        entries = lookup(noun, lex.nouns, lex) if noun.pos_ in NOUN_POS else ()
        if not entries:
            continue
        noun_frame = build_frame(noun, lex, kind="noun")
        entry = match(noun_frame, entries, lex)
        if entry is not None and entry.code not in MARKERS:
            return _arguments(noun_frame, entry, index, lex)[0]
    return []


def _private_trip(event: Event, article: Article) -> bool:
    """A visit or a hosting (CAMEO 042, 043) whose visitor or host is no official: residents fleeing to a capital,
    ships arriving at a port, a sports official landing somewhere, or nobody named make no diplomacy. A state named
    by its name is official; a people named by a demonym ("certains Ukrainiens") is not. A side with no country (a
    person the actors could not place) may be an official: it keeps the visit."""
    return event.cameo.startswith(DIPLOMATIC_TRIPS) and (event.source is None or not _may_be_official(event.source, article))


def _may_be_official(side: ActorRef, article: Article) -> bool:
    """Whether a side may act for a state (see `_private_trip`)."""
    if side.country is None or side.sector in OFFICIAL_SECTORS or (side.code or "").startswith(("IGO", "NGO")):
        return True
    if side.sector is not None or side.actor is None:
        return False
    mention = next((m for m in article.actors[side.actor].mentions if m.start == side.start and m.end == side.end), None)
    return mention is not None and DEMONYM_TABLE not in mention.method


def _unresolved_doer(frame: Frame, entry: Entry) -> bool:
    """A personal pronoun in the entry's source slots: a doer the text names that no actor resolved ("as it
    continues to support Ukraine"), unlike a thing ("funding to help families") or no doer at all."""
    return any(is_personal_pronoun(head) for slot in entry.source for head in frame.heads(slot))


def _same_sides(event: Event) -> bool:
    """Source and target that are one actor (`ActorRef.same_actor`)."""
    return bool(event.source and event.target and event.source.same_actor(event.target))


def _descriptive_participle(frame: Frame, entry: Entry, lex: Lexicon) -> bool:
    """A past participle that only describes its noun ("des hommes armés", "armed men", "a fortified
    town"): no agent and none of the entry's argument slots of its own, so it reports no act."""
    if frame.kind != "verb" or not frame.passive or lex.roles.get(frame.pred.dep_) not in ("acl", "amod"):
        return False
    slots = {"agent", *(slot.replace("loc:", "prep:", 1) for slot in (*entry.source, *entry.target))} - {"obj", "subj"}
    return not any(frame.heads(slot) for slot in slots)


def _rejected_object(noun: Token, cue: str | None, lex: Lexicon) -> bool:
    """Whether the negating cue is the verb whose direct object the noun is ("rejected the call", "a démenti ces
    accusations"): it rejects what the noun says, which was said all the same."""
    governor = _cue_token(noun, cue)
    return governor is not None and governor.i == noun.head.i and lex.roles.get(noun.dep_) == "obj" and lex.cues.get("govern", {}).get(governor.lemma_.lower()) == "negated"


def _cue_token(token: Token, cue: str | None) -> Token | None:
    """The governing word whose text is the modality cue, up to MAX_STEPS heads above `token`."""
    current = token
    for _ in range(MAX_STEPS):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.text == cue:
            return current
    return None


def _intended_by(source: Hit, token: Token, cue: str | None, index: ActorIndex, lex: Lexicon) -> bool:
    """Whether the intention cue belongs to the event's source: its own auxiliary or mood, or a
    governing verb ("plans to", "wants") whose subject is the source or unknown."""
    governor = _cue_token(token, cue)
    if governor is None:
        return True
    holders = index.actors(build_frame(governor, lex, kind="verb").heads("subj") or subject_of(governor, lex), lex)
    return not holders or any(h[0] == source[0] for h in holders)


def _reported_acts(article: Article, reports: list[tuple[Token, Hit, Event]], index: ActorIndex, lex: Lexicon) -> list[tuple[Token, Hit, Hit, bool, Event]]:
    """(speech verb, speaker, doer, own side, reported event) for each hostile act a speaker
    reports: another side's act is an accusation ("Washington said Moscow had attacked Kyiv"),
    the speaker's own side's a claim ("Kyiv said Ukrainian drones had struck Russia"). Closing
    attributions (", police said" cites a source) and the press are left out (the speech verbs
    are the language's `accusing_speech` setting)."""
    speech_verbs = lex.settings.get("accusing_speech", ())
    found = []
    for token, doer, event in reports:
        speech = _cue_token(token, event.cue)
        if speech is None or speech.lemma_.lower() not in speech_verbs or speech.i > token.i:
            continue
        doer_country = article.actors[doer[0]].country
        # "its forces", "ses forces": a doer possessed by a pronoun is the speaker's own.
        possessed = _possessed_by_pronoun(token.doc, doer[1])
        for speaker in index.actors(build_frame(speech, lex, kind="verb").heads("subj"), lex):
            said_by = article.actors[speaker[0]]
            if said_by.sector not in REPORTER_SECTORS:
                own = possessed or speaker[0] == doer[0] or (said_by.country is not None and said_by.country == doer_country)
                found.append((speech, speaker, doer, own, event))
    return found


def _possessed_by_pronoun(doc: Doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and has_possessive(span.root)


def _credit_claims(claims: list[tuple[Frame, Event]], events: list[Event], lex: Lexicon) -> None:
    """A claim of responsibility and the event it claims complete each other: the claimed
    event gets the claimant as its source, the claim the event's target ("Hamas claimed
    responsibility for the attack on Israeli soldiers")."""
    for frame, claim in claims:
        # The claimed noun is the object ("claimed the bombing") or a complement of it ("responsibility
        # for"); a participle may carry its event ("an attack targeting civilians").
        nouns = [t for slot, heads in frame.slots.items() if slot == "obj" or slot.startswith("prep:") for t in heads]
        claimed = {t.idx for noun in nouns for t in (noun, *noun.children) if t is noun or lex.roles.get(t.dep_) in ("acl", "relcl")}
        for event in events:
            if event is claim or event.start not in claimed:
                continue
            if event.source is None:
                event.source, event.method = claim.source, f"{event.method}+claimed"
            if claim.target is None and event.target is not None:
                claim.target, claim.method = event.target, f"{claim.method}+claimed_target"


def _drop_partial(events: list[Event]) -> list[Event]:
    """Drop a one-sided event when the sentence has an action of the same CAMEO root with both
    sides and the same known side ("imposed sanctions on Russia": the noun adds nothing to the verb's event),
    and an actorless one when an event of its root has a side ("los maestros iniciaron una huelga"). An
    intended action counts under its own root too ("he would hold talks with the parties": the intent to
    meet, 036, and the talks, 046, are one act)."""
    # A negated act is no restatement of an asserted one ("X handed over to Y, but will not withdraw").
    sided = {(root, e.negated) for e in events if e.source or e.target for root in _action_roots(e)}
    events = [e for e in events if e.source or e.target or (e.cameo_root, e.negated) not in sided]
    full = {(root, e.negated, e.source.actor, e.target.actor) for e in events if e.source and e.target for root in _action_roots(e)}
    if not full:
        return events
    sources = {(code, negated, s) for code, negated, s, _ in full}
    targets = {(code, negated, t) for code, negated, _, t in full}
    return [
        e for e in events
        if (e.source and e.target)
        or (e.source and (e.cameo_root, e.negated, e.source.actor) not in sources)
        or (e.target and (e.cameo_root, e.negated, e.target.actor) not in targets)
        or not (e.source or e.target)
    ]


def _action_roots(event: Event) -> set[str]:
    """The event's CAMEO root, and for an action coded as the intent to do it (`modal_code`) the roots of
    the actions that intent stands for."""
    roots = {event.cameo_root}
    if INTENT_METHOD in event.method:
        roots.update(prefix[:2] for prefix, intent in intent_codes().items() if intent == event.cameo)
    return roots
