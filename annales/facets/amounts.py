"""Amounts: numbers with what they count ("plus de 10 000 soldats", "$39 billion", "99 %").

Each number (numbers.py) becomes an Amount unless it is part of a date, an ordinal or code ("1er",
"S-300"), a numbering ("article 5"), a span of time spelled out in words ("trois ans de préparation";
in digits, "for 90 days" is an amount with unit "day"), a bare year, or a small number word meaning
"both" ("les deux pays"). The counted object is the noun after the number (skipping
adjectives, and "de"/"of" after a multiplier: "55 milliards de mètres cubes"), extended over its
adjectives and "de"/"of"/"par" complements; the parse supplies it when the noun is further away.
Qualifiers ("jusqu'à", "more than") are matched on the text just before the number. All words are
data: annales/lang/<code>/amounts.tsv (and the time units of dates.tsv).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..article import Amount, Article, DateMention
from ..lang import load_lang
from .dates import YEARS
from .lexicon import PhraseIndex, norm, rows, view
from .numbers import NumberSpan

_OBJECT_POS = frozenset({"NOUN", "ADJ"})
_MAX_OBJECT = 7  # tokens: "mètres cubes de gaz par an" fits, a runaway chain of complements does not


@dataclass(frozen=True, slots=True)
class AmountData:
    qualifier: re.Pattern[str] | None
    qualifiers: dict[str, str]
    units: PhraseIndex[str]
    symbols: dict[str, str]
    numbering: frozenset[str]
    both: frozenset[str]
    of: frozenset[str]
    durations: dict[str, str]  # time word -> unit (day, week, month, year, decade, or the word itself)
    coordinators: frozenset[str]
    counts: dict[str, str]  # lemma -> GDELT count type (KILL, WOUND, ARREST, ...)


@functools.cache
def amount_data(language: str) -> AmountData:
    """The amount vocabulary of `language`, built once."""
    lang = load_lang(language)
    table = lang.table("amounts")
    qualifiers = {norm(r["phrase"]): r["value"] for r in rows(table, "qualifier")}
    alternatives = "|".join(re.escape(q) for q in sorted(qualifiers, key=len, reverse=True))
    time_units = {norm(r["phrase"]): r["value"] for r in rows(lang.table("dates"), "unit")} if lang.has("dates") else {}
    return AmountData(
        qualifier=re.compile(rf"(?:^|[\s(])({alternatives})\s*$") if qualifiers else None,
        qualifiers=qualifiers,
        units=PhraseIndex.build(((r["phrase"], r["value"]) for r in rows(table, "unit")), lemma=True),
        symbols={r["phrase"]: r["value"] for r in rows(table, "symbol")},
        numbering=frozenset(norm(r["phrase"]) for r in rows(table, "numbering")),
        both=frozenset(norm(r["phrase"]) for r in rows(table, "both")),
        of=frozenset(norm(r["phrase"]) for r in rows(table, "of")),
        durations={norm(r["phrase"]): norm(r["phrase"]) for r in rows(table, "duration")} | time_units,
        coordinators=frozenset(norm(r["phrase"]) for r in rows(table, "coordinator")),
        counts={r["phrase"]: r["value"] for r in rows(table, "count")},
    )


def _previous(doc: Doc, i: int, floor: int) -> int | None:
    """Index of the last non-space token before i (not before `floor`)."""
    j = i - 1
    while j >= floor and doc[j].is_space:
        j -= 1
    return j if j >= floor else None


def _next(doc: Doc, i: int, limit: int) -> int | None:
    """Index of the first non-space token from i (before `limit`)."""
    while i < limit and doc[i].is_space:
        i += 1
    return i if i < limit else None


def find_amounts(article: Article, *, numbers: list[NumberSpan], dates: list[DateMention]) -> list[Amount]:
    """Amounts of `article`, in text order."""
    doc = article.doc
    data = amount_data(article.language or "")
    date_spans = sorted((d.start, d.end) for d in dates)
    tokens = view(doc)
    amounts: list[Amount] = []
    for number in numbers:
        if any(s < number.end_char and e > number.start_char for s, e in date_spans):
            continue
        sent = tokens.sent(number.start)
        amount = _read(doc, sent, number, data)
        if amount is not None:
            amount.sentence = article.sentence_of(amount.start)
            amounts.append(amount)
    _share_objects(doc, amounts, data)
    return amounts


def _share_objects(doc: Doc, amounts: list[Amount], data: AmountData) -> None:
    """"3 000 et 4 000 soldats", "between 3,000 and 4,000 troops": a bare number takes the object of the
    number coordinated right after it."""
    for bare, nxt in itertools.pairwise(amounts):
        if bare.object is None and bare.unit is None and nxt.object is not None and nxt.sentence == bare.sentence:
            between = norm(view(doc).text[bare.end : nxt.start]).strip()
            if between in data.coordinators:
                bare.object, bare.unit = nxt.object, nxt.unit
                bare.method += "+shared-object"


def _read(doc: Doc, sent: Span, number: NumberSpan, data: AmountData) -> Amount | None:
    """The Amount a number expresses, or None when it is no amount."""
    unit: str | None = None
    method = "rule:amount-digits" if number.digits else "rule:amount-words"
    if number.suffix:
        glued = data.units.single(norm(number.suffix))
        if not glued:
            return None  # an ordinal or a code: "1er", "3rd", "2e"
        unit = glued[0]
    start_tok, end_tok = number.start, number.end
    start_char, end_char = number.start_char, number.end_char
    prev = _previous(doc, start_tok, sent.start)
    if prev is not None and doc[prev].text in data.symbols:
        unit = data.symbols[doc[prev].text]
        start_tok, start_char = prev, doc[prev].idx
        prev = _previous(doc, prev, sent.start)
    if prev is not None and norm(doc[prev].text) in data.numbering:
        return None
    if prev is not None and not number.digits and norm(doc[prev].text) in data.both:
        return None
    nxt = _next(doc, end_tok, sent.end)
    if nxt is not None and doc[nxt].text in data.symbols and unit is None:
        unit = data.symbols[doc[nxt].text]
        end_tok, end_char = nxt + 1, doc[nxt].idx + len(doc[nxt].text)
        nxt = _next(doc, end_tok, sent.end)
    obj: Span | None = None
    if unit is None:
        obj = _counted(doc, sent, number, nxt, data)
        if obj is not None:
            time_unit = data.durations.get(norm(obj[0].text)) or data.durations.get(norm(obj[0].lemma_))
            if time_unit is not None:
                if not number.digits:
                    return None  # "trois ans de préparation": a spelled-out span of time is narrative
                unit = time_unit  # "suspended for 90 days": a figure in digits is an amount
            else:
                _, found = data.units.match(view(doc), obj.start, stop=sent.end)
                if found:
                    unit = found[0]
            end_char = max(end_char, obj.end_char)
    elif nxt is not None and norm(doc[nxt].text) in data.of and number.multiplied:
        obj = _extend(doc, sent, _next(doc, nxt + 1, sent.end), data)
    if obj is None and unit is None:
        if not number.digits:
            return None  # a bare number word is too ambiguous ("l'un des deux")
        if len(number.literal) == 4 and int(number.value) in YEARS and not number.multiplied:
            return None  # a year the dates finder left (e.g. in a name: "Vision 2030")
        if prev is not None and doc[prev].pos_ == "PROPN":
            return None  # a model or series number: "Boeing 737", "Nord Stream 2"
    qualifier, start_char = _qualifier(doc, sent, start_char, data)
    if qualifier is None and number.approximate:
        qualifier = "about"
    if obj is not None:
        end_char = max(end_char, obj.end_char)
    text = view(doc).text[start_char:end_char]
    count_type = _count_type(obj, data) if obj is not None and unit is None else None
    return Amount(
        value=number.value,
        unit=unit,
        object=obj.text if obj is not None else None,
        qualifier=qualifier,
        text=text,
        start=start_char,
        end=end_char,
        sentence=0,
        method=method + ("+object" if obj is not None else "") + (f"+count:{count_type}" if count_type else ""),
        count_type=count_type,
    )


def _count_type(obj: Span, data: AmountData) -> str | None:
    """What happened to what is counted, as a GDELT count type: from the counted noun itself
    ("23 morts", "500 protesters"), a participle or relative on it ("10 people killed"), or the
    verb it is the subject or object of ("50 soldiers were wounded", "arrested 12 men")."""
    root = obj.root
    words = [root, *(c for c in root.children if c.pos_ in ("VERB", "ADJ") and c.dep_ in ("acl", "relcl", "amod", "acl:relcl"))]
    if root.head.i != root.i and root.head.pos_ in ("VERB", "ADJ"):
        words.append(root.head)
    for word in words:
        found = data.counts.get(word.lemma_.lower()) or data.counts.get(word.text.lower())
        if found:
            return found
    return None


def _counted(doc: Doc, sent: Span, number: NumberSpan, nxt: int | None, data: AmountData) -> Span | None:
    """The counted noun phrase after a number: the next noun (past adjectives, and past "de"/"of" after a
    multiplier), else the noun the parse attaches the number to, when it follows closely."""
    if nxt is not None:
        u_end, found = data.units.match(view(doc), nxt, stop=sent.end)
        if found:
            return _extend(doc, sent, nxt, data, first_end=u_end)
    j = nxt
    skipped = 0
    while j is not None and skipped < 3:
        token = doc[j]
        if token.pos_ == "NOUN":
            return _extend(doc, sent, j, data)
        if token.pos_ == "ADJ" or (number.multiplied and norm(token.text) in data.of):
            skipped += 1
            j = _next(doc, j + 1, sent.end)
            continue
        break
    for k in range(number.start, number.end):
        head = doc[k].head
        if head.pos_ == "NOUN" and number.end <= head.i <= number.end + 4 and head.i < sent.end:
            return _extend(doc, sent, head.i, data)
    return None


def _extend(doc: Doc, sent: Span, start: int | None, data: AmountData, *, first_end: int | None = None) -> Span | None:
    """The noun at `start` with its adjectives and "de"/"of"/"par" complements ("mètres cubes de gaz par an")."""
    if start is None:
        return None
    end = first_end or start + 1
    last_content = end
    j = end
    while j < sent.end and j - start < _MAX_OBJECT:
        token = doc[j]
        if token.is_space:
            j += 1
            continue
        if token.pos_ in _OBJECT_POS and not token.is_punct:
            j += 1
            last_content = j
            continue
        if norm(token.text) in data.of and j + 1 < sent.end and doc[j + 1].pos_ == "NOUN":
            j += 1
            continue
        break
    return doc[start:last_content]


def _qualifier(doc: Doc, sent: Span, start_char: int, data: AmountData) -> tuple[str | None, int]:
    """(qualifier code, new start) from the words just before the number ("plus de", "up to")."""
    if data.qualifier is None:
        return None, start_char
    window_start = max(sent.start_char, start_char - 30)
    before = norm(view(doc).text[window_start:start_char])
    match = data.qualifier.search(before)
    if match is None:
        return None, start_char
    return data.qualifiers[match.group(1)], window_start + match.start(1)
