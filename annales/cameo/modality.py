"""Modality of an event: asserted, negated, intended, hypothetical or reported, with its cue.

Cue words are language data (`annales/lang/<code>/modality.tsv`, column `scope`):
- `self`: a child of the predicate (ne, pas, not, never), `det`: a determiner of its object
  or of the event noun (aucun, no), `pronoun`: a negative pronoun as its subject or object (nothing,
  nobody), `aux`: an auxiliary (will, would, could),
- `mark`: a subordinator of the predicate's clause (si, if), `mod`: an adverb or adjective on the
  predicate (allegedly, présumé, éventuel), `attrib`: the preposition of an adjunct of the
  predicate that names a source ("selon Bruxelles, Moscou a livré"), `incise`: a verb of an
  attribution clause after the predicate ("Moscou a livré, rapporte l'agence"),
- `govern`: a verb whose complement holds the predicate (nier que, accuser de, prévoir de, say).
Grammatical mood and tense count too: conditional -> hypothetical, future -> intended, the French
past conditional of news ("aurait tué") -> reported; a
conditional reported by a statement is a future ("announced it would free"). A `govern` cue of
modality `refused` (refuse to, fail to) and a negated future ("will not lift") give the transient
value REFUSED, which coding turns into a rejection (CAMEO 12x) or a plain negation.
The nearest cue wins; a negation on the predicate itself always wins.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon

ASSERTED = "asserted"
NEGATED = "negated"
HYPOTHETICAL = "hypothetical"
# Transient value: "refuse to"/"fail to" negate the action; coding turns it into a rejection.
REFUSED = "refused"
# Roles through which a predicate is the complement of a governing word.
GOVERNED_BY = frozenset({"xcomp", "ccomp", "obj", "subj_pass", "obl", "nmod", "conj", "advcl", "pobj"})
# Through these the governing verb's own tense, auxiliaries and negation also apply.
SHARES_TENSE = frozenset({"xcomp", "obj", "subj_pass", "obl", "nmod"})
MAX_STEPS = 4


def _modal(token: Token, lex: Lexicon) -> bool:
    """Future or conditional, by morphology or by an auxiliary cue (will, would, could)."""
    if "Fut" in token.morph.get("Tense", None) or "Cnd" in token.morph.get("Mood", None):
        return True
    return any(lex.roles.get(c.dep_) == "aux" and c.lemma_.lower() in lex.cues.get("aux", {}) for c in token.children)


def _own(token: Token, lex: Lexicon) -> tuple[str, str] | None:
    """A cue carried by the token itself, its auxiliaries, markers, modifiers or object determiners."""
    cues = lex.cues
    found: tuple[str, str] | None = None
    for child in token.children:
        lemma = child.lemma_.lower()
        role = lex.roles.get(child.dep_, "")
        # A cue word that heads a fixed expression is part of an idiom ("sin embargo", "no obstante": however).
        idiom = any(lex.roles.get(g.dep_) == "fixed" for g in child.children)
        if lemma in cues.get("self", {}) and role in ("neg", "advmod", "mark", "case", "det") and not idiom:
            if cues["self"][lemma] == NEGATED and _modal(token, lex):
                return REFUSED, child.text  # "will not lift", "ne livrera pas": a refusal
            return cues["self"][lemma], child.text
        if role in ("obj", "subj_pass", "obl", "nmod"):
            for det in child.children:
                if lex.roles.get(det.dep_) == "det" and det.lemma_.lower() in cues.get("det", {}):
                    return cues["det"][det.lemma_.lower()], det.text
        if role == "det" and lemma in cues.get("det", {}):
            return cues["det"][lemma], child.text
        if role in ("obj", "subj", "subj_pass") and lemma in cues.get("pronoun", {}):
            return cues["pronoun"][lemma], child.text  # "he had done nothing wrong", "nobody was hurt"
        if found is None:
            if role in ("aux", "aux_pass") and lemma in cues.get("aux", {}):
                found = (cues["aux"][lemma], child.text)
            elif role == "mark" and lemma in cues.get("mark", {}):
                found = (cues["mark"][lemma], child.text)
            elif role in ("advmod", "amod", "neg") and lemma in cues.get("mod", {}):
                found = (cues["mod"][lemma], child.text)
            elif role in ("obl", "nmod") and (marker := _case_words(child, lex)) in cues.get("attrib", {}):
                found = (cues["attrib"][marker], marker)
            elif role in ("advcl", "clause") and child.i > token.i and lemma in cues.get("incise", {}):
                found = (cues["incise"][lemma], child.text)  # "..., rapporte l'agence": second-hand, like "selon"
    if found is not None:
        return found
    if (past_conditional := _past_conditional(token, lex)) is not None:
        return past_conditional
    if "Cnd" in token.morph.get("Mood", None):
        return HYPOTHETICAL, token.text
    if "Fut" in token.morph.get("Tense", None):
        return "intended", token.text
    return None


def _past_conditional(token: Token, lex: Lexicon) -> tuple[str, str] | None:
    """A past conditional ("aurait tué", "auraient été arrêtés"; auxiliaries in the language's
    `reportive_conditional_aux`): news use reports an unconfirmed fact with it, unless a condition
    clause ("si ...") makes it a hypothesis."""
    auxiliaries = lex.settings.get("reportive_conditional_aux", ())
    aux = next((c for c in token.children if lex.roles.get(c.dep_) == "aux" and c.lemma_.lower() in auxiliaries and "Cnd" in c.morph.get("Mood", None)), None)
    if aux is None:
        return None
    conditions = lex.cues.get("mark", {})
    conditional = any(
        lex.roles.get(c.dep_) in ("advcl", "clause") and any(lex.roles.get(m.dep_) == "mark" and m.lemma_.lower() in conditions for m in c.children)
        for c in token.children
    )
    return (HYPOTHETICAL if conditional else "reported"), aux.text


def _negation(token: Token, lex: Lexicon) -> str | None:
    """The negation word on a governing verb ("ne va pas"), if any."""
    for child in token.children:
        if lex.cues.get("self", {}).get(child.lemma_.lower()) == NEGATED and lex.roles.get(child.dep_, "") in ("neg", "advmod"):
            return child.text
    return None


def _indicative(token: Token, lex: Lexicon) -> bool:
    """A verb in the indicative, by itself or by its tense auxiliary ("ont bloqué")."""
    return "Ind" in token.morph.get("Mood", None) or any(
        lex.roles.get(c.dep_) == "aux" and "Ind" in c.morph.get("Mood", None) for c in token.children
    )


def passive_agent(token: Token, head: Token, lex: Lexicon) -> bool:
    """Whether `token` is the agent phrase of a passive `head` ("a été visé [par des attaques]")."""
    return _case_words(token, lex) in lex.settings.get("agent_preps", ()) and any(lex.roles.get(c.dep_) == "aux_pass" for c in head.children)


def _case_words(token: Token, lex: Lexicon) -> str:
    """The preposition introducing an adjunct, with its fixed parts ("selon", "de après")."""
    for child in token.children:
        if lex.roles.get(child.dep_) == "case":
            return " ".join([child.lemma_.lower(), *(g.lemma_.lower() for g in child.children if lex.roles.get(g.dep_) == "fixed")])
    return ""


def _future_in_the_past(pred: Token, lex: Lexicon, governing: dict[str, str]) -> bool:
    """A conditional reported by a statement or plan is a future, not a hypothesis
    ("Israel announced it would free", "Paris a annoncé qu'il livrerait")."""
    if lex.roles.get(pred.dep_) != "ccomp" or pred.head is pred:
        return False
    if any(lex.roles.get(c.dep_) == "mark" and c.lemma_.lower() in lex.cues.get("mark", {}) for c in pred.children):
        return False
    return governing.get(pred.head.lemma_.lower()) in ("reported", "intended")


def modality(pred: Token, lex: Lexicon, *, steps: int = MAX_STEPS, reports: bool = True) -> tuple[str, str | None]:
    """(modality, cue text) of the event expressed by `pred`, looking `steps` governors up
    (one for an event noun: "agreed to lift the sanctions" does not make the sanctions intended);
    a report reaches further, up to MAX_STEPS ("said eight people were killed in an air strike"), unless
    `reports` is false (an adjunct's noun is stated by the narrator: "After talks with Iran, X said")."""
    own = _own(pred, lex)
    governing = lex.cues.get("govern", {})
    if own is not None:
        if own[0] == HYPOTHETICAL and _future_in_the_past(pred, lex, governing):
            return "intended", own[1]
        return own
    current = pred
    for step in range(MAX_STEPS):
        head = current.head
        role = lex.roles.get(current.dep_, "")
        if role == "acl" and "Inf" in current.morph.get("VerbForm", None) and head.lemma_.lower() in governing:
            # an infinitive completing a noun takes the noun's sense: "pressure to help" (asked
            # of someone), "plan to attack" (intended)
            return governing[head.lemma_.lower()], head.text
        if head is current or role not in GOVERNED_BY:
            break
        if role == "advcl" and _indicative(current, lex):
            break  # a finite adverbial clause has its own mood ("bien que Moscou a bloqué")
        if role == "obl" and passive_agent(current, head, lex):
            break  # the doer of a passive is no complement of its verb: "visé par des attaques" does not plan them
        lemma = head.lemma_.lower()
        if role == "conj" and lemma in governing:
            # a verb coordinated with a governing one is a second act of the same subject, not its complement:
            # "a démenti ces allégations et a accusé la Russie" accuses; it is not denied
            current = head
            continue
        if step >= steps:
            if reports and governing.get(lemma) == "reported" and head.pos_ in ("VERB", "AUX"):
                return "reported", head.text
            current = head
            continue
        # "contester le résultat, déposant des plaintes": a present participle is an adjunct, outside
        # the governing verb's sense, even where the parser made it a complement (the language's
        # `participle_endings`); the governing verb's tense and mood still apply.
        adjunct = role in ("xcomp", "advcl") and current.lower_.endswith(lex.settings.get("participle_endings", ()))
        if lemma in governing and head.pos_ in ("VERB", "AUX", "NOUN", "ADP", "ADJ") and not adjunct:
            if governing[lemma] in ("intended", HYPOTHETICAL) and (negation := _negation(head, lex)) is not None:
                return NEGATED, negation  # "ne va pas retirer", "ne peut pas signer": the act is negated
            return governing[lemma], head.text
        if role in SHARES_TENSE and head.pos_ in ("VERB", "AUX"):
            shared = _own(head, lex)
            if shared is not None:
                return shared
        current = head
    if (attributed := _fronted_attribution(pred, lex)) is not None:
        return attributed
    return ASSERTED, None


def _fronted_attribution(pred: Token, lex: Lexicon) -> tuple[str, str] | None:
    """An attribution that opens the sentence ("Selon Erdogan, ...", "Según la policía, ...") covers every
    clause of it, the relative and adverbial ones too, not only its main verb."""
    attributions = lex.cues.get("attrib", {})
    if not attributions:
        return None
    root = pred
    while root.head.i != root.i:
        root = root.head
    if root.i == pred.i:
        return None
    for child in root.children:
        if child.i < root.i and lex.roles.get(child.dep_) in ("obl", "nmod") and (marker := _case_words(child, lex)) in attributions:
            return attributions[marker], marker
    return None
