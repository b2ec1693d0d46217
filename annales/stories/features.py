"""What story clustering compares: one bag of features per stored article, read from the store.

Language-independent features come from what the pipeline resolved, which French and English
articles share: actor codes (`a:RUSGOV`), names of people and organisations (`n:elon musk`,
accents folded), places by GeoNames id (`p:524901`), event triples (`e:USA|AGREE|CHN`) and
calendar days mentioned (`d:2022-10-28`, else `m:12-14` for a day without a year, else `k:4` for a weekday),
numbers (`#:280bn`, `#:19`). Text features are the words of the title (counted
twice) and body, lower-cased, accents folded, without the language's stop words
(`annales/lang/<code>/stopwords.tsv`) and words shorter than 3 letters: names and numbers are
mostly the same words in both languages.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import duckdb

from ..lang import load_lang, neutral_fact, strip_accents
from .minhash import unaccented

# Weight of each kind of feature against a word (the prefix before ":"; words are "w:"). Tuned on the dev split of
# tests/gold/stories: names of people and organisations count most (the same in both languages); actor codes little
# (a country code is shared by every story about that country).
KIND_WEIGHTS = {"a": 0.5, "n": 3.0, "p": 1.5, "e": 1.5, "d": 1.5, "m": 1.5, "k": 1.0, "#": 1.5, "w": 1.0}
_WORD = re.compile(r"[^\W_]{3,}", re.UNICODE)
_NUMBER = re.compile(r"\d[\d.,]*\d(?:bn|m|k|%)?|\d(?:bn|m|k|%)", re.UNICODE)
_DAY = re.compile(r"\b(\d{1,2})(?:er|st|nd|rd|th)?\b")
_NAME_KINDS = ("person", "organisation", "group")
_YEAR = re.compile(r"#:(?:19|20)\d\d")
IDF_POWER = 2.0


@functools.cache
def calendar_words(language: str | None) -> dict[str, tuple[str, int]]:
    """Month and weekday words of the language's date table (annales/lang/<code>/dates.tsv): word -> (kind, value)."""
    data = load_lang(language or neutral_fact("fallback_language"))
    if not data.has("dates"):
        return {}
    return {
        strip_accents(row["phrase"].lower()).rstrip("."): (row["kind"], int(row["value"]))
        for row in data.table("dates")
        if row.get("kind") in ("month", "weekday") and row.get("value", "").isdigit()
    }


def date_features(text: str, value: str | None, language: str | None) -> list[str]:
    """Language-independent features of a date mention: its day when resolved (`d:2022-10-28`), else the month
    and day it names without a year (`m:12-14`), else the weekday (`k:4`)."""
    if value and len(value) == 10:
        return ["d:" + value]
    words = calendar_words(language)
    folded = strip_accents(text.lower())
    month = weekday = None
    for token in re.findall(r"[^\W\d_]+", folded):
        kind, number = words.get(token, ("", 0))
        if kind == "month":
            month = number
        elif kind == "weekday":
            weekday = number
    day = _DAY.search(folded)
    if month is not None and day is not None and 1 <= int(day.group(1)) <= 31:
        return [f"m:{month:02d}-{int(day.group(1)):02d}"]
    if weekday is not None:
        return [f"k:{weekday}"]
    return []


@functools.cache
def stopwords(language: str | None) -> frozenset[str]:
    data = load_lang(language or neutral_fact("fallback_language"))
    if not data.has("stopwords"):
        return frozenset()
    return frozenset(strip_accents(word.lower()) for word in data.words("stopwords"))


def text_words(text: str, language: str | None) -> list[str]:
    stop = stopwords(language)
    folded = (unaccented(w) for w in _WORD.findall(text.lower()))
    return [w for w in folded if w not in stop]


def article_features(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> dict[str, Counter[str]]:
    """Feature counts of each article in `article_ids` (read from the store's tables)."""
    ids = list(article_ids)
    bags: dict[str, Counter[str]] = {key: Counter() for key in ids}
    if not ids:
        return bags
    selected = "SELECT unnest(?::VARCHAR[])"
    for key, title, text, language in con.execute(
        f"SELECT article_id, title, text, language FROM articles WHERE article_id IN ({selected})", [ids]
    ).fetchall():
        bag = bags[key]
        for word in text_words(title or "", language):
            bag["w:" + word] += 2
        for word in text_words(text or "", language):
            bag["w:" + word] += 1
        for number in _NUMBER.findall(f"{title or ''} {text or ''}"):
            bag["#:" + number.replace(",", ".")] += 1
    for key, code, name, kind, n in con.execute(
        f"SELECT article_id, code, name, kind, n_mentions FROM actors WHERE article_id IN ({selected})", [ids]
    ).fetchall():
        count = max(1, n or 1)
        if code:
            bags[key]["a:" + code] += count
        if name and kind in _NAME_KINDS:
            bags[key]["n:" + strip_accents(name.lower()).strip()] += count
    for key, geonameid in con.execute(
        f"SELECT article_id, geonameid FROM places WHERE geonameid IS NOT NULL AND article_id IN ({selected})", [ids]
    ).fetchall():
        bags[key][f"p:{geonameid}"] += 1
    for key, source, plover, target in con.execute(
        f"SELECT article_id, source_code, plover, target_code FROM events WHERE article_id IN ({selected})", [ids]
    ).fetchall():
        if source or target:
            bags[key][f"e:{source or ''}|{plover or ''}|{target or ''}"] += 1
    for key, text, value, language in con.execute(
        f"SELECT d.article_id, d.text, d.value, a.language FROM dates d JOIN articles a USING (article_id)"
        f" WHERE d.resolution = 'day' AND d.article_id IN ({selected})", [ids]
    ).fetchall():
        for feature in date_features(text or "", value, language):
            bags[key][feature] += 1
    return bags


def specific_numbers(features: Iterable[str]) -> frozenset[str]:
    """The number features (`#:280bn`) of a bag, years left out: amounts, scores and counts that a later
    development of the same saga usually gives differently (the story rule compares them, `LinkSettings`)."""
    return frozenset(f for f in features if f.startswith("#:") and not _YEAR.fullmatch(f))


def weight(feature: str, tf: float, df: int, n_docs: int) -> float:
    """tf-idf of one feature: sublinear tf, smoothed idf squared (rare words and names dominate: tuned on the dev
    split of tests/gold/stories), times its kind's weight."""
    kind = feature[0] if feature[1:2] == ":" else "w"
    return float((1.0 + math.log(tf)) * math.log(1.0 + n_docs / max(df, 1)) ** IDF_POWER * KIND_WEIGHTS.get(kind, 1.0))


def weight_sql(tf: str, df: str, feature: str, n_docs: int) -> str:
    """`weight` as a SQL expression over the columns named (the same formula, for postings read in bulk)."""
    kinds = " ".join(f"WHEN '{k}' THEN {w}" for k, w in KIND_WEIGHTS.items())
    return (f"(1.0 + ln({tf})) * pow(ln(1.0 + {int(n_docs)} / greatest({df}, 1)), {IDF_POWER})"
            f" * (CASE left({feature}, 1) {kinds} ELSE 1.0 END)")
