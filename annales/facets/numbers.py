"""Numbers in digits and in words, read with each language's conventions (annales/lang/<code>/numbers.tsv).

Digits are found with one regular expression over the text, built from the language's decimal and
thousands separators ("10 000", "10,000", "2,5", "1.5m"); number words are read token by token and
combined ("quatre-vingt-dix", "twenty-five", "deux cent mille"); a multiplier word or glued suffix
scales either ("55 milliards", "$39 billion", "5bn"). Shared by the dates and amounts finders.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..lang import load_lang
from .lexicon import norm, rows, view


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """A number: tokens [start, end), characters [start_char, end_char), its value and how it was written."""

    value: float
    start: int
    end: int
    start_char: int
    end_char: int
    digits: bool  # written with digits (else with words)
    literal: str  # the digits as written, "" for words
    suffix: str  # letters glued to the digits that are not a multiplier ("km", "er"), else ""
    multiplied: bool  # scaled by a multiplier word or suffix
    approximate: bool = False  # an approximate numeral: "une cinquantaine (de)"


@dataclass(frozen=True, slots=True)
class NumberData:
    words: dict[str, float]
    weak: dict[str, float]
    multipliers: dict[str, float]
    suffixes: dict[str, float]
    approx: dict[str, float]
    joiners: frozenset[str]
    decimal: str
    thousands: frozenset[str]
    pattern: re.Pattern[str]


def _char(cell: str) -> str:
    """A separator cell: "U+00A0" names a space character (TSV cells are stripped)."""
    return chr(int(cell[2:], 16)) if cell.startswith("U+") else cell


@functools.cache
def number_data(language: str) -> NumberData:
    """The number vocabulary and digit pattern for `language`, built once."""
    table = load_lang(language).table("numbers")
    decimal = next((_char(r["phrase"]) for r in rows(table, "decimal")), ".")
    thousands = frozenset(_char(r["phrase"]) for r in rows(table, "thousands"))
    group = "[" + re.escape("".join(sorted(thousands))) + "]" if thousands else "(?!)"
    # Grouped thousands first ("10 000", "10,000"), then plain digits with an optional decimal part.
    pattern = re.compile(
        r"(?<![\w\-/.,:])(?:"
        rf"(?P<grouped>\d{{1,3}}(?:{group}\d{{3}})+(?:{re.escape(decimal)}\d+)?)(?!\d)"
        r"|(?P<plain>\d+(?:[.,]\d+)?))"
        r"(?P<suffix>[^\W\d_]+)?"
        r"(?![\w/]|[.,:]\d)"
    )
    return NumberData(
        words={norm(r["phrase"]): float(r["value"]) for r in rows(table, "number")},
        weak={norm(r["phrase"]): float(r["value"]) for r in rows(table, "weak")},
        multipliers={norm(r["phrase"]): float(r["value"]) for r in rows(table, "multiplier")},
        suffixes={r["phrase"]: float(r["value"]) for r in rows(table, "suffix")},
        approx={norm(r["phrase"]): float(r["value"]) for r in rows(table, "approx")},
        joiners=frozenset(norm(r["phrase"]) for r in rows(table, "joiner")) | {"-"},
        decimal=decimal,
        thousands=thousands,
        pattern=pattern,
    )


def parse_digits(match: re.Match[str], data: NumberData) -> float:
    """The value of a digit literal matched by `data.pattern`."""
    grouped = match.group("grouped")
    if grouped:
        body = "".join(c for c in grouped if c not in data.thousands)
        return float(body.replace(data.decimal, "."))
    # Plain digits: either separator is a decimal mark here ("2.5" in French, "1,5" in English).
    return float(match.group("plain").replace(",", "."))


def _word_value(key: str, data: NumberData) -> list[float] | None:
    """Values of the parts of a normalised number word ("vingt-cinq" -> [20, 5]); None if not one."""
    if key in data.words:
        return [data.words[key]]
    parts = [p for p in key.split("-") if p]
    if len(parts) > 1 and all(p in data.words or p in data.joiners for p in parts):
        return [data.words[p] for p in parts if p in data.words]
    return None


def _combine(values: list[float]) -> float:
    """Combine number words below a thousand: "deux cent" = 200, "quatre-vingt-dix" = 90, "cent vingt" = 120."""
    current, last = 0.0, 0.0
    for v in values:
        if last and last < v:
            # A smaller word before a larger one multiplies it (deux cents, quatre-vingts).
            current = current - last + last * v
            last = last * v
        else:
            current += v
            last = v
    return current


def find_numbers(doc: Doc, language: str) -> list[NumberSpan]:
    """Every number in `doc`, in text order (digits, words, and either scaled by a multiplier)."""
    data = number_data(language)
    spans: list[NumberSpan] = []
    taken = [False] * len(doc)
    for match in data.pattern.finditer(view(doc).text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        literal = match.group("grouped") or match.group("plain")
        value = parse_digits(match, data)
        suffix = match.group("suffix") or ""
        multiplied = suffix in data.suffixes
        if multiplied:
            value *= data.suffixes[suffix]
            suffix = ""
        end, end_char = span.end, match.end()
        if not suffix:
            end, end_char, value, multiplied = _scale(doc, end, end_char, value, multiplied, data)
        spans.append(NumberSpan(value=value, start=span.start, end=end, start_char=match.start(), end_char=end_char, digits=True, literal=literal, suffix=suffix, multiplied=multiplied))
        for k in range(span.start, end):
            taken[k] = True
    spans.extend(_word_numbers(doc, data, taken))
    spans.sort(key=lambda s: s.start)
    return spans


def _scale(doc: Doc, end: int, end_char: int, value: float, multiplied: bool, data: NumberData) -> tuple[int, int, float, bool]:
    """Apply multiplier words after a number ("55 milliards", "1.5 m" glued to the digits)."""
    while end < len(doc):
        token = doc[end]
        key = norm(token.text)
        if key in data.multipliers:
            value *= data.multipliers[key]
        elif token.text in data.suffixes and not doc[end - 1].whitespace_:
            value *= data.suffixes[token.text]
        else:
            break
        multiplied = True
        end_char = token.idx + len(token.text)
        end += 1
    return end, end_char, value, multiplied


def _may_start(text: str, data: NumberData) -> bool:
    """A cheap test: can a number-word run start at a token of this (normalised) text?"""
    return text in data.words or text in data.weak or ("-" in text and text.split("-", 1)[0] in data.words)


def _word_numbers(doc: Doc, data: NumberData, taken: list[bool]) -> list[NumberSpan]:
    """Runs of number words ("trente", "vingt et un", "two hundred", "un million")."""
    spans: list[NumberSpan] = []
    texts = view(doc).texts
    n = len(doc)
    resume = 0  # the token after the last run: runs do not overlap
    starts = [k for k, text in enumerate(texts) if not taken[k] and _may_start(text, data)]  # tested at once
    for i in starts:
        if i < resume:
            continue
        if i + 1 < n and texts[i] in data.weak and texts[i + 1] in data.approx:
            # "une cinquantaine": an approximate count, its article included.
            value = data.approx[texts[i + 1]]
            spans.append(NumberSpan(value=value, start=i, end=i + 2, start_char=doc[i].idx, end_char=doc[i + 1].idx + len(doc[i + 1].text), digits=False, literal="", suffix="", multiplied=True, approximate=True))
            resume = i + 2
            continue
        start, values, j = i, [], i
        total = 0.0
        multiplied = False
        while j < n and not taken[j]:
            key = texts[j]
            parts = _word_value(key, data)
            if parts is not None:
                values.extend(parts)
            elif key in data.weak and j + 1 < n and (_word_value(texts[j + 1], data) or texts[j + 1] in data.multipliers):
                values.append(data.weak[key])
            elif key in data.multipliers and (values or total):
                total += (_combine(values) or 1.0) * data.multipliers[key]
                values, multiplied = [], True
            elif key in data.joiners and values and j + 1 < n and (_word_value(texts[j + 1], data) or texts[j + 1] in data.weak):
                pass  # "vingt et un", "quarante et une", "twenty-five"
            elif key in data.weak and values and texts[j - 1] in data.joiners:
                values.append(data.weak[key])
            else:
                break
            j += 1
        if j > start and (values or total):
            value = total + _combine(values)
            last = doc[j - 1]
            spans.append(NumberSpan(value=value, start=start, end=j, start_char=doc[start].idx, end_char=last.idx + len(last.text), digits=False, literal="", suffix="", multiplied=multiplied))
            resume = j
        else:
            resume = max(j, i + 1)
    return spans
