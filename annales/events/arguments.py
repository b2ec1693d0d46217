"""Argument finding: a predicate's argument slots over the dependency parse, and the actors
each slot holds.

Dependency labels are read through the language's `event_deps` table (dep -> role), so the
same code walks UD (French) and ClearNLP (English) trees. Slots are named `subj`, `obj`,
`iobj`, `agent`, `prep:<lemma>`, `prt:<lemma>`, `se`, `xcomp`, `comp` (the subject of a
complement clause), `amod`, `poss`, `compound`.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..article import Article, Mention
from ..cameo.lexicon import Lexicon
from ..text import PERSON_LABELS

# Roles whose subtree is another clause: actors there belong to that clause's predicate.
CLAUSE_ROLES = frozenset({"clause", "relcl", "acl", "advcl", "ccomp", "xcomp", "punct"})
# Roles that stay inside the same noun phrase at no distance (coordination, names, appositions).
SAME_PHRASE = frozenset({"conj", "appos", "flat", "fixed"})
MAX_DEPTH = 2
# Noun classes (event_classes.tsv) whose participle's agent is where the thing comes from (`_origins`).
ORIGIN_CLASSES = frozenset({"document", "statement"})


@dataclass(slots=True)
class Frame:
    """A predicate token and the head tokens filling its argument slots."""

    pred: Token
    kind: str  # verb or noun
    passive: bool = False
    slots: dict[str, list[Token]] = field(default_factory=lambda: defaultdict(list))

    def heads(self, slot: str) -> list[Token]:
        return self.slots.get(slot, [])


def prep_of(token: Token, lex: Lexicon) -> tuple[str, list[Token]]:
    """(preposition lemma, noun heads) of an oblique: an ADP with its objects (English) or a
    noun with a `case` child (French)."""
    if token.pos_ == "ADP":
        nouns = [c for c in token.children if lex.roles.get(c.dep_) == "pobj"]
        return token.lemma_.lower(), nouns
    for child in token.children:
        if lex.roles.get(child.dep_) == "case":
            words = [child.lemma_.lower(), *(g.lemma_.lower() for g in child.children if lex.roles.get(g.dep_) == "fixed")]
            # Contracted forms ("au", "aux", "du") are lemmatised inconsistently.
            words[0] = _aliases(lex.settings.get("prep_aliases", ())).get(words[0], words[0])
            return " ".join(words), [token]
    return "", [token]


@functools.cache
def _aliases(items: tuple[str, ...]) -> dict[str, str]:
    return dict(item.split("=", 1) for item in items)


def _is_passive(pred: Token, lex: Lexicon) -> bool:
    """A passive verb: its passive auxiliary says so ("a été arrêté", "was arrested"); a passive subject
    label with no such auxiliary is the parser's slip ("Il a demandé" read as "Il" nsubj:pass)."""
    return any(lex.roles.get(c.dep_) == "aux_pass" for c in pred.children) or _aux_passive(pred, lex) or (
        any(lex.roles.get(c.dep_) == "subj_pass" for c in pred.children) and not any(lex.roles.get(c.dep_) == "aux" for c in pred.children)
    )


def _aux_passive(pred: Token, lex: Lexicon) -> bool:
    """A passive the parser labels as a plain auxiliary and subject (es_core_news_sm: "fueron detenidos",
    "ha sido acusado"): a past participle with an auxiliary of the language's `passive_aux` lemmas. Its
    subject is then the passive's object."""
    lemmas = lex.settings.get("passive_aux", ())
    return bool(lemmas) and _participle(pred) and any(lex.roles.get(c.dep_) == "aux" and c.lemma_.lower() in lemmas for c in pred.children)


def _measured(quantity: Token, lex: Lexicon) -> list[Token]:
    """The noun a quantity noun measures: its genitive complement ("round of talks", "série de frappes")."""
    found = []
    for child in quantity.children:
        if lex.roles.get(child.dep_, "") in ("obl", "nmod"):
            prep, nouns = prep_of(child, lex)
            if prep in lex.settings.get("genitive_preps", ()):
                found.extend(nouns)
    return found


def _is_relative(token: Token, lex: Lexicon) -> bool:
    return "Rel" in token.morph.get("PronType", None) or token.lemma_.lower() in lex.settings.get("relative_pronouns", ())


def build_frame(pred: Token, lex: Lexicon, *, kind: str) -> Frame:
    """Slots of `pred` from its own children, then from its object (parsers often attach the
    recipient to the object: "fournir des missiles à l'Iran"), then inherited ones."""
    passive = kind == "verb" and (_is_passive(pred, lex) or (lex.roles.get(pred.dep_) == "acl" and _participle(pred))
                                  or (lex.roles.get(pred.dep_) == "advcl" and _passive_adjunct(pred, lex)))
    frame = Frame(pred=pred, kind=kind, passive=passive)
    _fill(frame, pred, lex, own=True)
    for slot, heads in list(frame.slots.items()):
        if slot == "obj" or slot.startswith("prep:"):
            # A clause in that place ("for acting against Moscow") keeps its obliques to itself.
            for head in (h for h in heads if h.pos_ not in ("VERB", "AUX")):
                _fill(frame, head, lex, own=False)
                # "another round of talks with X", "une série de frappes contre X": the measured noun's too
                if "quantity" in lex.classes.get(head.lemma_.lower(), ()):
                    for measured in _measured(head, lex):
                        _fill(frame, measured, lex, own=False)
    if kind == "verb":
        _inherit(frame, lex)
    else:
        _between_from_relative(frame, lex)
        _stray_agent(frame, lex)
    return frame


def _stray_agent(frame: Frame, lex: Lexicon) -> None:
    """An agent phrase the parser attached to the active verb whose object or oblique is the event noun belongs to
    the noun ("a condamné l'invasion de l'Ukraine [par la Russie]", "ont fui depuis l'invasion de l'Ukraine [par la
    Russie]"): an active verb has no agent of its own."""
    noun, verb = frame.pred, frame.pred.head
    if frame.heads("agent") or lex.roles.get(noun.dep_) not in ("obj", "obl") or verb.pos_ not in ("VERB", "AUX") or _is_passive(verb, lex):
        return
    for child in verb.children:
        if child.i > noun.i and lex.roles.get(child.dep_) in ("obl", "agent"):
            prep, nouns = prep_of(child, lex)
            if prep in lex.settings.get("agent_preps", ()):
                frame.slots["agent"].extend(nouns)


def _between_from_relative(frame: Frame, lex: Lexicon) -> None:
    """An event noun takes its "between X and Y" from a relative clause that only situates it
    ("les négociations qui se déroulent entre Washington et Téhéran")."""
    between = lex.settings.get("between_preps", ())
    for clause in frame.pred.children:
        if lex.roles.get(clause.dep_) != "relcl":
            continue
        for child in clause.children:
            if lex.roles.get(child.dep_) in ("obl", "nmod") and (found := prep_of(child, lex))[0] in between:
                frame.slots[f"prep:{found[0]}"].extend(found[1])


def _convener(noun: Token, prep: str, lex: Lexicon) -> list[Token]:
    """Who convened an act, from an adjunct like "à l'appel de X" / "à l'initiative de X" (the
    language's `convener_phrases`: preposition and noun): the noun's "de" complements."""
    if f"{prep} {noun.lemma_.lower()}" not in lex.settings.get("convener_phrases", ()):
        return []
    return [c for c in noun.children if lex.roles.get(c.dep_) == "nmod" and prep_of(c, lex)[0] in lex.settings.get("genitive_preps", ())]


def _armed_genitive(frame: Frame, prep: str, nouns: list[Token], lex: Lexicon) -> bool:
    """Whether a genitive names the doer of an event noun: an attack noun whose "de" complement
    is armed people or a person ("l'assaut des forces internationales", "l'offensive des rebelles",
    "l'invasion de Vladimir Poutine"; a country or a place stays what is attacked); the language's
    `genitive_agent` setting names the noun class and the agent class."""
    rule = lex.settings.get("genitive_agent", ())
    if frame.kind != "noun" or len(rule) != 2 or prep not in lex.settings.get("genitive_preps", ()):
        return False
    noun_class, agent_class = rule
    return noun_class in lex.classes.get(frame.pred.lemma_.lower(), ()) and any(
        agent_class in lex.classes.get(n.lemma_.lower(), ()) or n.ent_type_ in PERSON_LABELS for n in nouns)


def _clause_preposition(clause: Token, lex: Lexicon) -> str | None:
    """The preposition that introduces an infinitive clause with its own subject, when the language's
    `clause_prepositions` lists it ("for" in "called for Mr Raab to resign"), else None."""
    marks = lex.settings.get("clause_prepositions", ())
    return next((c.lemma_.lower() for c in clause.children if lex.roles.get(c.dep_) == "mark" and c.lemma_.lower() in marks), None)


def _fill(frame: Frame, token: Token, lex: Lexicon, *, own: bool) -> None:
    slots = frame.slots
    aux_passive = own and frame.passive and _aux_passive(token, lex)
    for child in token.children:
        role = lex.roles.get(child.dep_, "")
        if role in ("obl", "nmod"):
            prep, nouns = prep_of(child, lex)
            if not prep:
                continue
            if own and (conveners := _convener(child, prep, lex)):
                slots["agent"].extend(conveners)  # "se sont rassemblés à l'appel de X": X led the act, no target
                continue
            if (prep in lex.settings.get("agent_preps", ()) and (frame.passive or frame.kind == "noun" or not own)) or (own and _armed_genitive(frame, prep, nouns, lex)):
                slots["agent"].extend(nouns)
            if own or f"prep:{prep}" not in slots:
                slots[f"prep:{prep}"].extend(nouns)
            continue
        if not own:
            continue
        if role == "subj" and not aux_passive:
            slots["subj"].append(child)
        elif role == "subj_pass" or role == "subj":
            slots["obj" if frame.passive or frame.kind != "verb" else "subj"].append(child)
        elif role == "obj" and aux_passive and prep_of(child, lex)[0] in lex.settings.get("agent_preps", ()):
            slots["agent"].append(child)  # "fueron dispersados por la policía", its agent parsed as an object
        elif role == "obj":
            slots["obj"].append(child)
        elif role == "iobj":
            slots["iobj"].append(child)
        elif role == "agent":
            slots["agent"].extend(prep_of(child, lex)[1] if child.pos_ == "ADP" else [child])
        elif role == "expl":
            slots["se"].append(child)
        elif role == "prt":
            slots[f"prt:{child.lemma_.lower()}"].append(child)
        elif role == "advcl" and (mark := _clause_preposition(child, lex)):
            # "called for Mr Raab to resign": a preposition's clause with its own subject (English "for ... to")
            slots[f"prep:{mark}"].append(child)
            slots["comp"].extend(c for c in child.children if lex.roles.get(c.dep_) in ("subj", "subj_pass"))
        elif role in ("xcomp", "ccomp"):
            slots["xcomp"].append(child)
            # The complement's own subject: what "wants Putin to attack" asks of Putin.
            slots["comp"].extend(c for c in child.children if lex.roles.get(c.dep_) == "subj")
        elif role in ("amod", "poss", "compound"):
            slots[role].append(child)
    if own and frame.passive and frame.heads("agent"):
        slots["subj"] = list(frame.heads("agent"))


def _inherit(frame: Frame, lex: Lexicon) -> None:
    """Fill an empty subject (or passive object) from the governing clause: control
    ("accuse Téhéran d'avoir fourni" -> Téhéran), coordination, relative clauses, participles."""
    pred, slots = frame.pred, frame.slots
    if not slots.get("subj") and _split_compound_gerund(pred, lex):
        slots["subj"] = [pred.doc[pred.i - 1]]  # "killed in [Israeli tank] shelling"
        return
    role = lex.roles.get(pred.dep_, "")
    head = pred.head
    if role in ("acl", "relcl") and frame.passive and not slots.get("obj") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        slots["obj"] = [head]  # "les sanctions imposées par Washington"
    relative = [t for t in slots.get("subj", []) if _is_relative(t, lex)]
    if relative and _object_relative(pred, lex):
        # "una protesta que iniciaron": the verb does not agree with the antecedent, so the relative
        # pronoun the parser made the subject is the object; the subject is the governing clause's.
        slots["obj"] = slots.get("obj") or [head]
        slots["subj"] = subject_of(head.head, lex) if lex.roles.get(head.dep_) in ("obj", "subj") and head.head.pos_ in ("VERB", "AUX") else []
        return
    if relative:
        slots["subj"] = [pred.head]
    relative_obj = [t for t in slots.get("obj", []) if _is_relative(t, lex)]
    if relative_obj:
        slots["obj"] = [pred.head]
    if role == "advcl" and frame.passive and head is not pred and head.pos_ in ("VERB", "AUX"):
        # "Backed by Russia, the rebels attacked": the governing clause's subject undergoes the participle
        surface = [c for c in head.children if lex.roles.get(c.dep_) in ("subj", "subj_pass") and not _is_relative(c, lex)]
        slots["obj"] = slots.get("obj") or surface or subject_of(head, lex)
        return
    if slots.get("subj") and not all(_is_pronoun(t) for t in slots["subj"]):
        return
    if head is pred:
        return
    if not frame.passive and (owner := _noun_owner(pred, lex)) is not None:
        slots["subj"] = [owner]  # "its commitment to support the police": who is committed supports
        return
    if role == "pobj" and head.pos_ == "ADP" and (owner := _misattached_controller(head, lex)) is not None:
        slots["subj"] = [owner]
        return
    if role == "pobj" and head.pos_ == "ADP" and head.head.pos_ in ("VERB", "AUX"):
        # "accused Tehran of supplying": the gerund after a preposition is controlled like an infinitive.
        head, role = head.head, "xcomp"
    if role == "xcomp" and (head.pos_ in ("VERB", "AUX") or _predicative(head, lex)):
        controller = _controller(head, lex)
        slots["subj"] = controller or subject_of(head, lex, control=True)
    elif role == "conj" and _shares_the_auxiliary(pred, lex):
        slots["subj"] = subject_of(head.head, lex)
    elif role in ("conj", "advcl", "ccomp") and head.pos_ in ("VERB", "AUX"):
        # ccomp only reaches here with a pronoun subject: "Iran denied that it had supplied".
        if role == "ccomp" and not slots.get("subj") and not _dropped_subject(pred, head, lex):
            return
        slots["subj"] = subject_of(head, lex)
        if frame.passive and not slots.get("obj"):
            slots["obj"] = [c for c in head.children if lex.roles.get(c.dep_) == "subj_pass"]
    elif role in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON") and not frame.passive and not slots.get("subj"):
        slots["subj"] = [head]


def _finite(verb: Token, lex: Lexicon) -> Token | None:
    """The finite form of a verb: the verb itself, else one of its auxiliaries ("han iniciado")."""
    return next((t for t in (verb, *(c for c in verb.children if lex.roles.get(c.dep_) == "aux")) if "Fin" in t.morph.get("VerbForm", None)), None)


def _object_relative(pred: Token, lex: Lexicon) -> bool:
    """With the language's `relative_agreement` setting: whether a relative clause's finite verb
    disagrees in person or number with its antecedent (a lone noun, not a coordination), so that
    its relative pronoun cannot be the subject ("la marcha, que esperamos", "una protesta que iniciaron")."""
    if not lex.settings.get("relative_agreement"):
        return False
    head = pred.head
    if head.i == pred.i or head.pos_ not in ("NOUN", "PROPN") or any(lex.roles.get(c.dep_) == "conj" for c in head.children):
        return False
    finite = _finite(pred, lex)
    if finite is None:
        return False
    person, number, noun_number = finite.morph.get("Person", None), finite.morph.get("Number", None), head.morph.get("Number", None)
    if person and person[0] in ("1", "2"):
        return True
    return bool(number and noun_number) and number[0] != noun_number[0]


def _dropped_subject(verb: Token, governor: Token, lex: Lexicon) -> bool:
    """With the language's `null_subject` setting (a pro-drop language): whether a complement clause
    with no subject continues its governor's, both finite verbs in the third person and of one number
    ("Wasmosy afirmó que recibe amenazas")."""
    if not lex.settings.get("null_subject"):
        return False
    forms = []
    for token in (verb, governor):
        finite = _finite(token, lex)
        if finite is None:
            return False
        forms.append((tuple(finite.morph.get("Person", None)), tuple(finite.morph.get("Number", None))))
    return forms[0] == forms[1] and forms[0][0] == ("3",) and bool(forms[0][1])


def _split_compound_gerund(pred: Token, lex: Lexicon) -> bool:
    """A gerund the parser split from the noun compound it ends ("in Israeli tank shelling":
    "tank" the preposition's object, "shelling" a subjectless verb): the noun names the doer."""
    if pred.tag_ != "VBG" or pred.i == 0 or lex.roles.get(pred.dep_) != "advcl":
        return False
    before = pred.doc[pred.i - 1]
    return before.pos_ in ("NOUN", "PROPN") and before.dep_ == "pobj" and before.head.head.i == pred.head.i


def _is_pronoun(token: Token) -> bool:
    """A third-person personal pronoun, resolved to the governing clause's subject."""
    return token.pos_ == "PRON" and "Prs" in token.morph.get("PronType", None) and "3" in token.morph.get("Person", None)


def _predicative(token: Token, lex: Lexicon) -> bool:
    """An adjective with its own subject, which it lends to its infinitive ("la CEDEAO est prête à intervenir")."""
    return token.pos_ == "ADJ" and any(lex.roles.get(c.dep_) == "subj" for c in token.children)


def _participle(token: Token) -> bool:
    return token.tag_ == "VBN" or ("Part" in token.morph.get("VerbForm", None) and "Past" in token.morph.get("Tense", None))


def subject_of(verb: Token, lex: Lexicon, *, depth: int = 0, control: bool = False) -> list[Token]:
    """The subject heads of `verb`, following control, coordination and relatives upward.
    `control`: asked for an infinitive it controls, where a passive without agent lends its
    surface subject ("X is scheduled to attend")."""
    if depth > 3:
        return []
    passive = _is_passive(verb, lex)
    subjects: list[Token] = []
    for child in verb.children:
        role = lex.roles.get(child.dep_)
        if role == "subj" and not passive:
            subjects.append(verb.head if _is_relative(child, lex) else child)
        elif passive and role in ("agent", "obl"):
            prep, nouns = prep_of(child, lex)
            if role == "agent" or prep in lex.settings.get("agent_preps", ()):
                subjects.extend(nouns)
    if passive and not subjects and control:
        surface = ("subj_pass", "subj") if _aux_passive(verb, lex) else ("subj_pass",)
        subjects = [c for c in verb.children if lex.roles.get(c.dep_) in surface]
    if subjects:
        return subjects
    role = lex.roles.get(verb.dep_, "")
    if role == "pobj" and verb.head.pos_ == "ADP" and (owner := _misattached_controller(verb.head, lex)) is not None:
        return [owner]  # "accused [X of seeking] to blame": X seeks and blames
    if role == "conj" and _shares_the_auxiliary(verb, lex):
        return subject_of(verb.head.head, lex, depth=depth + 1)  # "a violé son espace aérien et livré des armes"
    governor = verb.head.pos_ in ("VERB", "AUX") or (role == "xcomp" and _predicative(verb.head, lex))
    if role == "advcl" and _passive_adjunct(verb, lex):
        return []  # "Asked about the deal, the minister said": the clause's subject is the one asked, not the asker
    if verb.head is not verb and role in ("xcomp", "conj", "advcl") and governor:
        controller = _controller(verb.head, lex) if role == "xcomp" else []
        return controller or subject_of(verb.head, lex, depth=depth + 1, control=role == "xcomp")
    return []


def _shares_the_auxiliary(verb: Token, lex: Lexicon) -> bool:
    """A past participle with no auxiliary of its own that the parser coordinated with the object of an auxiliary
    verb before it ("a violé [son espace aérien et livré] des armes"): a second act of that verb's subject."""
    noun, governor = verb.head, verb.head.head
    return (_participle(verb) and noun.pos_ in ("NOUN", "PROPN") and lex.roles.get(noun.dep_) == "obj" and governor.pos_ in ("VERB", "AUX")
            and not any(lex.roles.get(c.dep_) in ("aux", "aux_pass", "subj") for c in verb.children)
            and any(lex.roles.get(c.dep_) == "aux" for c in governor.children))


def _noun_owner(verb: Token, lex: Lexicon) -> Token | None:
    """The possessor of the noun that an infinitive or gerund clause completes ("the UN's commitment to supporting
    Lebanon", "its pledge to help"), else None. A participle completing a noun describes it instead ("troops backed
    by Russia")."""
    if _participle(verb):
        return None
    role = lex.roles.get(verb.dep_, "")
    noun = verb.head if role == "acl" else verb.head.head if role == "pobj" and verb.head.pos_ == "ADP" else None
    if noun is None or noun.pos_ != "NOUN":
        return None
    return next((child for child in noun.children if lex.roles.get(child.dep_) == "poss"), None)


def _passive_adjunct(verb: Token, lex: Lexicon) -> bool:
    """A past participle heading an adverbial clause with no auxiliary of its own, in a language whose such
    participles are passive (`passive_participle_adjuncts`: English "Asked about X", "Backed by Russia")."""
    return bool(lex.settings.get("passive_participle_adjuncts")) and _participle(verb) and not any(
        lex.roles.get(c.dep_) in ("aux", "aux_pass") for c in verb.children)


def _misattached_controller(prep: Token, lex: Lexicon) -> Token | None:
    """The object of an object-control verb when the parser hung the gerund's preposition on
    it ("accused [investigators of seeking]"): that object does the gerund's act."""
    noun = prep.head
    if noun.pos_ not in ("NOUN", "PROPN") or lex.roles.get(noun.dep_) != "obj" or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    return noun if lex.control.get(noun.head.lemma_.lower(), "subj") != "subj" else None


def _controller(verb: Token, lex: Lexicon) -> list[Token]:
    """The object that controls `verb`'s infinitive when `verb` is an object-control verb
    (event_control.tsv: "accuser X de", "urge X to"); empty otherwise."""
    role = lex.control.get(verb.lemma_.lower(), "subj")
    if role == "subj":
        return []
    objects = [c for c in verb.children if lex.roles.get(c.dep_) == role]
    objects = objects or [c for c in verb.children if lex.roles.get(c.dep_) in ("obj", "iobj")]
    return objects[:1]


def _origins(noun: Token, clause: Token, lex: Lexicon) -> list[Token]:
    """Where a document or a statement comes from, when a participle says so: its agent or the place of one
    of `origin_preps` ("a report released in the Rwandan capital", "a statement signed by the
    ministers", "the claims made by Michael Howard"). Empty for other nouns and clauses ("a letter sent to
    Putin" has no author there)."""
    if lex.roles.get(clause.dep_) != "acl" or not _participle(clause) or not ORIGIN_CLASSES & lex.classes.get(noun.lemma_.lower(), frozenset()):
        return []
    preps = lex.settings.get("origin_preps", ())
    out = []
    for child in clause.children:
        role = lex.roles.get(child.dep_, "")
        if role == "agent" or role in ("obl", "nmod"):
            prep, nouns = prep_of(child, lex)
            if role == "agent" or prep in preps:
                out.extend(nouns if child.pos_ == "ADP" else [child])
    return out


class ActorIndex:
    """The actor mentions of one sentence, keyed by the token that heads each mention."""

    def __init__(self, article: Article, sent: Span) -> None:
        self.by_root: dict[int, list[tuple[int, Mention]]] = defaultdict(list)
        self.inside: dict[int, list[tuple[int, Mention]]] = defaultdict(list)
        doc = sent.doc
        conjoined: list[tuple[int, Mention, Span]] = []
        self.article_actors = article.actors
        for actor, mention in article.actors_in(sent.start_char, sent.end_char):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self.by_root[span.root.i].append((actor, mention))
            if mention.method.startswith("conj:"):
                conjoined.append((actor, mention, span))
            # Misparsed names ("Kim Jong-un" split over nmod tokens) are still found from
            # any of their tokens.
            for token in span:
                if token.i != span.root.i:
                    self.inside[token.i].append((actor, mention))
        self._join_conjoined_owners(conjoined)
        self.empty = not self.by_root

    def _join_conjoined_owners(self, conjoined: list[tuple[int, Mention, Span]]) -> None:
        """A nationality coordinated with the one that codes a noun ("US and British activists")
        is its own actor but fills the same argument: file it under the noun too."""
        for actor, mention, span in conjoined:
            token = span.root
            for _ in range(3):
                if token.head.i == token.i:
                    break
                token = token.head
                if token.i in self.by_root and all(a != actor for a, _ in self.by_root[token.i]):
                    self.by_root[token.i].append((actor, mention))
                    break

    def actors(self, heads: list[Token], lex: Lexicon) -> list[tuple[int, Mention]]:
        """Actors filling the phrases headed by `heads`: those nearest each head (coordinated
        heads count as one level), one per actor, in text order."""
        if self.empty or not heads:
            return []
        best: dict[int, tuple[int, Mention]] = {}
        best_depth = MAX_DEPTH + 1
        seen: set[int] = set()
        frontier = [(h, 0) for h in heads]
        while frontier:
            token, depth = frontier.pop()
            if token.i in seen:
                continue
            seen.add(token.i)
            hits = self.by_root.get(token.i) or self.inside.get(token.i)
            if hits and self._restates(token, lex):
                hits = None
            if hits:
                if depth < best_depth:
                    best, best_depth = {}, depth
                if depth == best_depth:
                    for actor, mention in hits:
                        best.setdefault(actor, (actor, mention))
            for child in token.children:
                role = lex.roles.get(child.dep_, "")
                included = role in CLAUSE_ROLES and _inclusion(child, lex)
                if role in CLAUSE_ROLES and not included:
                    frontier.extend((c, depth) for c in _origins(token, child, lex))
                    continue
                # Prepositions (English `prep` -> `pobj`) add no distance: "mayor of Nablus" as "maire de Naplouse".
                step = 0 if role in SAME_PHRASE or included or child.pos_ == "ADP" else 1
                if depth + step <= MAX_DEPTH:
                    frontier.append((child, depth + step))
        return sorted(best.values(), key=lambda hit: hit[1].start)

    def _restates(self, token: Token, lex: Lexicon) -> bool:
        """Whether `token` heads an apposition that names its head's actor again ("Northern Ireland's largest
        unionist party, the DUP,"): one actor, not two. A listing apposition ("two leaders, Blair and Brown") stays."""
        if lex.roles.get(token.dep_) != "appos" or any(lex.roles.get(c.dep_) == "conj" for c in token.children):
            return False
        head_codes = {self.article_actors[actor].code for actor, _ in self.by_root.get(token.head.i, ())}
        return any(self.article_actors[actor].code in head_codes for actor, _ in self.by_root.get(token.i) or self.inside.get(token.i) or ())


def _inclusion(token: Token, lex: Lexicon) -> bool:
    """A verbless member list the parser took for a relative clause: "les ONG, dont Amnesty
    International, ont condamné" (the language's `inclusion_words`) fills its head's argument."""
    if token.pos_ not in ("NOUN", "PROPN") or lex.roles.get(token.dep_) != "relcl":
        return False
    return any(c.lower_ in lex.settings.get("inclusion_words", ()) for c in token.children)
