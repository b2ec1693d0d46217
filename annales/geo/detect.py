"""Toponym detection in a spaCy Doc: NER location spans, plus gazetteer names the NER missed.

- NER location spans (fr LOC, en GPE/LOC; FAC only when the gazetteer knows it) are taken as is.
- Entities of another label are retyped as places when the gazetteer reading is safe: a country,
  US state, continent, region or sea, or a town right after a locative preposition ("in
  Alexandria", which the small English model tags PERSON). Governments named by their country
  ("Iran" tagged ORG) are thereby kept as places, to be flagged metonyms later.
- Capitalised proper-noun runs outside any entity are matched against the gazetteer, with the
  same safe readings plus cities of `CITY_MIN_POPULATION`+. Names that are also common words
  (wordfreq) or parts of a person's full name elsewhere in the text are left out.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from spacy.tokens import Doc, Span
from wordfreq import zipf_frequency

from ..lang.gazetteer import Entry, Gazetteer
from ..lang.places import name_forms
from ..text import PERSON_LABELS, doc_text, fold_place, token_strings

NER_LABELS = frozenset({"LOC", "GPE", "FAC"})
# Labels the models also give to places: governments ("Iran" ORG) and, in the small English
# model, towns ("Alexandria" PERSON).
RETYPED_LABELS = PERSON_LABELS | {"ORG", "MISC", "WORK_OF_ART", "PRODUCT"}
# A town whose name is also this common a word (wordfreq Zipf scale: "union" 5.1, "lombard" 3.0)
# needs more evidence than a capital letter.
COMMON_WORD_ZIPF = 4.3
CITY_MIN_POPULATION = 50_000
SENTENCE_START_MIN_POPULATION = 500_000
MAX_WORDS = 5


@functools.cache
def _connectors() -> frozenset[str]:
    """Lower-case words a multi-word place name may hold ("Stratford-upon-Avon"): xx/place_name_forms.tsv."""
    return frozenset(form for form, _ in name_forms().get("name_connector", ()))


class Toponym(NamedTuple):
    start: int  # character offsets into the doc text
    end: int
    text: str
    method: str


def find_toponyms(doc: Doc, gaz: Gazetteer, *, language: str, words: dict[str, frozenset[str]]) -> list[Toponym]:
    """Place names in `doc`, in text order, without overlaps.

    words: the language's geo_words by kind; read here: locative, retype_locative, title, not_place_cue."""
    locatives = words.get("locative", frozenset())
    cues = words.get("not_place_cue", frozenset())
    found: list[Toponym] = []
    taken = [False] * len(doc)
    for ent in doc.ents:
        if ent.label_ in NER_LABELS:
            span = _trim(ent, gaz)
            # Streets and buildings: only known landmarks count. Lower case: « les paris » are bets.
            if span is None or (ent.label_ == "FAC" and not gaz.lookup_detectable(span.text)) or span.text[:1].islower() or _after(span, cues):
                continue
            found.append(Toponym(span.start_char, span.end_char, span.text, f"ner:{ent.label_}"))
        elif ent.label_ in RETYPED_LABELS:
            span = _trim(ent, gaz)
            entries = gaz.lookup_detectable(span.text) if span is not None else []
            if span is None or not entries or _after(span, cues) or not _retype(entries, span, ent.label_, words.get("retype_locative", frozenset()), language):
                continue
            found.append(Toponym(span.start_char, span.end_char, span.text, f"ner:{ent.label_}+gazetteer"))
        for i in range(ent.start, ent.end):
            taken[i] = True
    found += _gazetteer_matches(doc, gaz, taken, language=language, locatives=locatives, titles=words.get("title", frozenset()), cues=cues)
    return sorted(found)


def _trim(ent: Span, gaz: Gazetteer) -> Span | None:
    """The entity without leading determiners or trailing punctuation/possessive (but keeping
    the period of a state abbreviation such as "W.Va.")."""
    start, end = ent.start, ent.end
    while start < end and (ent.doc[start].pos_ == "DET" or ent.doc[start].is_punct):
        start += 1
    if end > start and gaz.lookup_abbreviation(ent.doc[start:end].text):
        return ent.doc[start:end]
    while end > start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].tag_ == "POS"):
        end -= 1
    return ent.doc[start:end] if end > start else None


def _capitalised(token_text: str) -> bool:
    """Title case ("Lyon"), or all capitals ("USA", a dateline's "MANSFIELD")."""
    return token_text[:1].isupper() and (not token_text.isupper() or len(token_text) >= 2)


def _gazetteer_matches(
    doc: Doc, gaz: Gazetteer, taken: list[bool], *, language: str, locatives: frozenset[str], titles: frozenset[str], cues: frozenset[str]
) -> list[Toponym]:
    found: list[Toponym] = []
    # "Sanford" after "John Sanford": a person's name met again, not the town.
    # Only full names count: the small models also tag lone town names as persons.
    person_words = {t.text for ent in doc.ents if ent.label_ in PERSON_LABELS and len(ent) > 1 for t in ent}
    connectors = _connectors()
    proper_noun = doc.vocab.strings["PROPN"]
    # Read at once from arrays: a Token or Span object is built only for a name the gazetteer knows.
    tags, offsets = doc.to_array("POS").tolist(), doc.to_array("IDX").tolist()
    orths, lowers, text = token_strings(doc, "ORTH"), token_strings(doc, "LOWER"), doc_text(doc)
    i = 0
    while i < len(doc):
        if taken[i] or tags[i] != proper_noun:
            i += 1
            continue
        word = orths[i]
        if not _capitalised(word) or word in titles or word in person_words:
            i += 1
            continue
        match = None
        for n in range(min(MAX_WORDS, len(doc) - i), 0, -1):
            last = i + n - 1
            if any(taken[k] for k in range(i, i + n)) or not _capitalised(orths[last]):
                continue
            if any(not _capitalised(orths[k]) and lowers[k] not in connectors for k in range(i, i + n)):
                continue
            entries = gaz.lookup_detectable(text[offsets[i] : offsets[last] + len(orths[last])])
            if not entries:
                continue
            span = doc[i : i + n]
            if not _after(span, cues) and _safe(entries, span, locatives, language):
                match = span
                break
        if match is None:
            i += 1
            continue
        found.append(Toponym(match.start_char, match.end_char, match.text, "gazetteer"))
        i = match.end
    return found


def _strong(entries: list[Entry]) -> bool:
    """A reading that is a place whatever the sentence: a country, state or province, continent, region or sea."""
    return any(e.feature in ("country", "continent", "sea", "region") or (e.feature == "admin" and not e.county) for e in entries)


def _common_word(span: Span, language: str) -> bool:
    return len(span) == 1 and zipf_frequency(span.text.casefold(), language) >= COMMON_WORD_ZIPF


def _after(span: Span, words: frozenset[str]) -> bool:
    """The word before the span is one of `words` ("in" Cottonport, "ouragan" Sandy)."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in words


def _retype(entries: list[Entry], span: Span, label: str, locatives: frozenset[str], language: str) -> bool:
    """Accept an entity of another label as a place: a strong reading ("Sri Lanka" tagged PERSON,
    but not a one-word person such as "Jordan"), or a town after "in" (the language's
    retype_locative words: French "à" also introduces people, « soutien à Obama »)."""
    if _strong(entries) and (label not in PERSON_LABELS or len(span) > 1):
        return True
    return _after(span, locatives) and not _common_word(span, language) and any(e.feature in ("city", "country", "admin") for e in entries)


def _safe(entries: list[Entry], span: Span, locatives: frozenset[str], language: str) -> bool:
    """Accept a gazetteer-only match only when a place reading is likely (see module docstring)."""
    if _strong(entries):
        return not (span.start == span.sent.start and len(span) == 1 and _common_word(span, language))
    if span.text.isupper() and len(span.text) <= 4:
        return False  # an acronym ("ALN") is a town only in the gazetteer's eyes
    if _common_word(span, language):
        return False
    if _after(span, locatives):
        return True
    # A capitalised first word is weak evidence: only a big city's name will do there.
    first_word = span.start == span.sent.start and len(span) == 1
    minimum = SENTENCE_START_MIN_POPULATION if first_word else CITY_MIN_POPULATION
    key = fold_place(span.text)
    return any(e.feature == "city" and e.population >= minimum and fold_place(e.name) == key for e in entries)
