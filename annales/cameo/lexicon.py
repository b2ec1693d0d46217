"""Event knowledge as data: the CAMEO/PLOVER ontology (language-neutral) and, per language,
predicate lexicons, noun classes, dependency roles, modality cues and argument defaults.

Everything is read once per process (functools.cache) into dicts keyed by lemma, so coding a
sentence is a handful of dict look-ups per token.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Token

from ..errors import AnnalesError, Errors
from ..lang import load_lang

# Support-verb marker in the `code` column: the event is the object noun's (mener une attaque).
FROM_OBJECT = "@obj"
# Blocking marker: this sense is not an event ("HP accuse une baisse", "ne se remet pas").
NOT_EVENT = "-"
# Undergoing-verb marker: the object noun's event is done to the subject ("faced sanctions from the EU").
UNDERGO = "@undergo"
# Condition kind: the sense holds only when an actor (or a capital) fills its target slots.
TARGET_NEEDED = "target"
# Condition kind: the sense holds only when an actor fills its source slots (an agentless "was asked" is a question).
SOURCE_NEEDED = "source"
# Conditions on the arguments, not on the words: checked once the actors of the slots are known.
ARGUMENT_CONDITIONS = frozenset({TARGET_NEEDED, SOURCE_NEEDED})
# Codes that mark a sense without being an event of its own.
MARKERS = frozenset({FROM_OBJECT, NOT_EVENT, UNDERGO})


@dataclass(frozen=True, slots=True)
class Code:
    """One CAMEO code with its weights and PLOVER equivalent."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str
    plover_mode: str | None


@dataclass(frozen=True, slots=True)
class Condition:
    """One requirement of a lexicon entry: `kind` is obj, prep, prt, word, se, xcomp, comp, target or source;
    `value` a lemma, a `@class` (`@event`: any event noun), or "" when the kind alone is required."""

    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A predicate sense: lemma + conditions -> CAMEO code, with the argument slots that
    hold the source and the target, in order of preference."""

    lemma: str
    conditions: tuple[Condition, ...]
    code: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    reciprocal: bool
    table: str

    @property
    def needs_target(self) -> bool:
        return any(c.kind == TARGET_NEEDED for c in self.conditions)

    @property
    def needs_source(self) -> bool:
        return any(c.kind == SOURCE_NEEDED for c in self.conditions)

    @property
    def method(self) -> str:
        extra = " ".join(f"{c.kind}={c.value}" if c.value else c.kind for c in self.conditions)
        return f"lexicon:{self.table}:{self.lemma}" + (f"[{extra}]" if extra else "")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the events stage knows about one language."""

    language: str
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    classes: dict[str, frozenset[str]]  # lemma -> noun classes (weapon, troops, ...)
    roles: dict[str, str]  # dependency label -> role (subj, obj, obl, clause, ...)
    control: dict[str, str]  # verb lemma -> role controlling its infinitive (obj or iobj; default subj)
    cues: dict[str, dict[str, str]]  # cue scope -> {lemma: modality}
    settings: dict[str, tuple[str, ...]]


@functools.cache
def ontology() -> dict[str, Code]:
    """CAMEO code -> Code, from annales/lang/xx/cameo_events.tsv."""
    codes: dict[str, Code] = {}
    for row in load_lang("xx").table("cameo_events"):
        codes[row["code"]] = Code(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=row["plover"],
            plover_mode=row["plover_mode"] or None,
        )
    return codes


@functools.cache
def intent_codes() -> dict[str, str]:
    """CAMEO prefix -> the code of the intent to do it (annales/lang/xx/cameo_intent.tsv)."""
    return {row["prefix"]: row["intent"] for row in load_lang("xx").table("cameo_intent")}


@functools.cache
def refusal_codes() -> dict[str, str]:
    """CAMEO prefix -> the code of refusing to do it (annales/lang/xx/cameo_refusal.tsv)."""
    return {row["prefix"]: row["refusal"] for row in load_lang("xx").table("cameo_refusal")}


def _longest_prefix(code: str, table: dict[str, str]) -> str | None:
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return table[code[:size]]
    return None


def intent_code(code: str) -> str | None:
    """The "express intent" / "threaten" code for an intended action, None for verbal codes."""
    return _longest_prefix(code, intent_codes())


def refusal_code(code: str) -> str | None:
    """The "reject" code for a refused cooperative action, None when CAMEO has none."""
    return _longest_prefix(code, refusal_codes())


@functools.cache
def plover_types() -> dict[str, dict[str, str]]:
    """PLOVER type -> its row in plover_types.tsv (quad_class, legacy label, description)."""
    return {row["type"]: row for row in load_lang("xx").table("plover_types")}


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _expand(slots: tuple[str, ...], default: tuple[str, ...]) -> tuple[str, ...]:
    """An entry's slot list: empty means the language default, `*` splices the default in."""
    if not slots:
        return default
    out: list[str] = []
    for slot in slots:
        out.extend(default if slot == "*" else (slot,))
    return tuple(out)


def _conditions(cell: str) -> tuple[Condition, ...]:
    out: list[Condition] = []
    for item in cell.split():
        kind, _, value = item.partition("=")
        out.append(Condition(kind, value))
    return tuple(out)


# Written accents a language's `unaccented_lemmas` setting lets a word lack (acute, grave, circumflex, diaeresis):
# not the tilde, which makes another letter (Spanish ñ).
ACCENT_MARKS = frozenset("\u0300\u0301\u0302\u0308")


def unaccented(word: str) -> str:
    """`word` without the written accents of ACCENT_MARKS ("manifestación" -> "manifestacion")."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in ACCENT_MARKS))


def _entries(language: str, table: str, *, source: tuple[str, ...], target: tuple[str, ...], unaccented_lemmas: bool = False) -> dict[str, tuple[Entry, ...]]:
    known = ontology()
    by_lemma: dict[str, list[Entry]] = defaultdict(list)
    for row in load_lang(language).table(table):
        code = row["code"]
        if code not in MARKERS and code not in known:
            raise AnnalesError(Errors.E601.format(code=code, table=f"{language}/{table}", lemma=row["lemma"]))
        entry = Entry(
            lemma=row["lemma"],
            conditions=_conditions(row.get("requires", "")),
            code=code,
            source=_expand(_split(row.get("source", "")), source),
            target=_expand(_split(row.get("target", "")), target),
            reciprocal=row.get("recip", "") == "y",
            table=f"{language}/{table}",
        )
        by_lemma[entry.lemma].append(entry)
    if unaccented_lemmas:
        # Wire headlines in capitals drop the accents ("MOTIN", "MANIFESTACION"): the entries of an accented lemma
        # also answer to its unaccented spelling, unless that spelling has rows of its own.
        for lemma in list(by_lemma):
            if (plain := unaccented(lemma)) != lemma and plain not in by_lemma:
                by_lemma[plain] = by_lemma[lemma]
    # Most specific sense first: an entry with more conditions on its words beats a bare lemma (needing a
    # target or a source is no condition on the words: "received threats" is an undergone threat, not a visit).
    return {lemma: tuple(sorted(entries, key=lambda e: -sum(c.kind not in ARGUMENT_CONDITIONS for c in e.conditions))) for lemma, entries in by_lemma.items()}


def has_lexicon(language: str) -> bool:
    """True when `language` ships its own event_verbs table (no fallback to xx/)."""
    path = load_lang(language).path("event_verbs")
    return path is not None and path.parent.name == language


@functools.cache
def load_lexicon(language: str) -> Lexicon:
    """The (cached) event lexicon of `language`; raises E602 when it has none."""
    if not has_lexicon(language):
        raise AnnalesError(Errors.E602.format(language=language))
    data = load_lang(language)
    settings = {row["key"]: _split(row["value"]) for row in data.table("event_settings")}
    unaccented_lemmas = settings.get("unaccented_lemmas") == ("y",)
    classes: dict[str, set[str]] = defaultdict(set)
    for row in data.table("event_classes"):
        for lemma in row["lemmas"].split():
            classes[lemma.replace("_", " ")].add(row["class"])
    cues: dict[str, dict[str, str]] = defaultdict(dict)
    for row in data.table("modality"):
        cues[row["scope"]][row["word"].replace("_", " ")] = row["modality"]
    return Lexicon(
        language=language,
        verbs=_entries(language, "event_verbs", source=settings["verb_source"], target=settings["verb_target"], unaccented_lemmas=unaccented_lemmas),
        nouns=_entries(language, "event_nouns", source=settings["noun_source"], target=settings["noun_target"], unaccented_lemmas=unaccented_lemmas),
        classes={lemma: frozenset(names) for lemma, names in classes.items()},
        roles={row["dep"]: row["role"] for row in data.table("event_deps")},
        control={row["lemma"]: row["controller"] for row in data.table("event_control")},
        cues=dict(cues),
        settings=settings,
    )


def lookup(token: Token, table: dict[str, tuple[Entry, ...]], lex: Lexicon) -> tuple[Entry, ...]:
    """Entries for the token's lemma; when the lemmatiser got it wrong ("staged" -> "stag"),
    for the word form with one of the language's `lemma_repairs` suffix rules applied."""
    found = table.get(token.lemma_.lower())
    if found is not None:
        return found
    word = token.text.lower()
    for rule in lex.settings.get("lemma_repairs", ()):
        suffix, _, replacement = rule.partition("=")
        if word.endswith(suffix) and (found := table.get(word[: len(word) - len(suffix)] + replacement)) is not None:
            return found
    return ()
