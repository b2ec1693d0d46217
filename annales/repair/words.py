"""Word-level repairs of machine-translated and scraped text: glued words, doubled words and
article collisions.

Glued words are split with the word frequencies of the article's language (wordfreq) and one
cue from the text itself: a part that stands alone elsewhere in the article is a word there.
Only suspicious tokens are looked at (rare ones, or ones with a capital or apostrophe inside),
and a split is taken only when both parts are frequent words (a short part must be a very
frequent one). Names are protected: a capitalised token is split only into a name the article
uses on its own plus a function word ("Poutineun" -> "Poutine un"), so "Shahed", "Masud" or
"Dupont" stay whole. Language knowledge (elisions, article pairs, allowed doubles, bound
prefixes and endings, closed compounds) is data in annales/lang/<code>/. Thresholds were
calibrated as a set on benchmarks/damage.py (glue recall against false splits of person
names); don't tune one alone.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass

import wordfreq

from ..lang import load_lang
from .offsets import Edit

TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MIN_GLUED_CHARS = 5
# A token this frequent (Zipf scale) is a word: never split it.
RARE_ZIPF = 2.0
# Zipf a part of a split must reach, by its length: short parts must be very frequent words
# (short rare fragments make false splits: "tran|section", "vit|aminés").
PART_ZIPF = {2: 6.0, 3: 4.5, 4: 3.5, 5: 3.5}
LONG_PART_ZIPF = 3.0
# Case transition ("RussieL'Iran", "SyrieLa"): the capital inside the token is strong evidence,
# but camel-case names ("TurkStream", "VoloCity") have one too; in a glue the right part starts
# a sentence, so it is an elided word (whose rest is a word this frequent) or a function word.
CASE_PART_ZIPF = 3.0
CASE_RARE_ZIPF = 2.0
CONTENT_PART_ZIPF = 3.5
LONG_INFLECTED_CHARS = 7
LONG_INFLECTED_ZIPF = 2.5
# A part that stands alone elsewhere in the article counts as this frequent.
SEEN_ZIPF = 4.0
# Machine translation glues a name to the short function word after it ("Poutineun",
# "Erdoganet"); a capitalised token split any other way is more likely a name ("Highwoods"),
# and the name must stand alone elsewhere in the article ("Halfon" is not "Half on").
FUNCTION_WORD_ZIPF = 5.5
# A token under this Zipf made of two function words (one of them this frequent) is a glue, though rare
# words are otherwise left alone ("surle" 2.1, "parla" 3.1; "whereby" has no part this frequent).
FUNCTION_PAIR_MAX_ZIPF = 3.5
FUNCTION_PAIR_PART_ZIPF = 6.5
FUNCTION_PAIR_ZIPF = 7.0
# In languages with closed compounds ("housebuilding"), one part of a lowercase split must be
# a function word this frequent.
COMPOUND_FUNCTION_ZIPF = 6.0


_ID_BEFORE = frozenset("@#/\\._")
_ID_AFTER = frozenset("@/_")


@dataclass(slots=True, frozen=True)
class LangWords:
    """What the word repairs know about one language."""

    code: str
    freqs: dict[str, float]
    elisions: tuple[str, ...]
    collisions: frozenset[tuple[str, str]]
    collision_firsts: frozenset[str]
    allowed_doubles: frozenset[str]
    prefixes: frozenset[str]
    suffixes: frozenset[str]
    closed_compounds: bool
    longest: int = 0  # length of the longest word in `freqs`: no split part can be longer

    def zipf(self, word: str) -> float:
        freq = self.freqs.get(word.lower(), 0.0)
        return math.log10(freq) + 9 if freq > 0 else 0.0

    def strip_elision(self, token: str) -> tuple[str, str]:
        """("l'", "Iran") for "l'Iran"; ("", token) when the token has no elided prefix."""
        if "'" not in token and "’" not in token:  # the common case, kept cheap
            return "", token
        lower = token.lower().replace("’", "'")
        for prefix in self.elisions:
            if lower.startswith(prefix) and len(token) > len(prefix):
                return token[: len(prefix)], token[len(prefix) :]
        return "", token


@functools.cache
def lang_words(code: str) -> LangWords:
    """Frequencies and tables for language `code`, loaded once per process."""
    data = load_lang(code)
    freqs = wordfreq.get_frequency_dict(code) if code in wordfreq.available_languages() else {}
    elisions = tuple(sorted((r["prefix"] for r in data.table("elisions") if r.get("prefix")), key=len, reverse=True))
    collisions = frozenset((r["first"], r["second"]) for r in data.table("article_collisions") if r.get("first"))
    options = {row["name"]: row["value"] for row in data.table("repair_options")}
    return LangWords(
        code,
        freqs,
        elisions,
        collisions,
        frozenset(first for first, _ in collisions),
        data.words("allowed_doubles"),
        data.words("prefixes", "prefix"),
        data.words("suffixes", "suffix"),
        options.get("closed_compounds", "yes") == "yes",
        max(map(len, freqs), default=0),
    )


def word_edits(text: str, language: str | None) -> list[Edit]:
    """Edits for glued words, doubled words and article collisions in `text`.

    text (str): the cleaned text so far; language (str | None): its language code.
    RETURNS (list[Edit]): the edits, in text order (overlaps are resolved by apply_edits).
    """
    words = lang_words(language or "xx")
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    seen = Counter(words.strip_elision(t)[1] for _, _, t in tokens)
    edits: list[Edit] = []
    previous: tuple[int, int, str] | None = None
    for token in tokens:
        start, end, word = token
        if previous is not None and text[previous[1] : start].strip(" ") == "" and previous[1] < start:
            edit = _pair_edit(text, previous, token, words, seen)
            if edit is not None:
                edits.append(edit)
        if words.freqs and len(word) >= MIN_GLUED_CHARS:
            edit = _glue_edit(text, token, words, seen)
            if edit is not None:
                edits.append(edit)
        previous = token
    return edits


def _pair_edit(text: str, first: tuple[int, int, str], second: tuple[int, int, str], words: LangWords, seen: Counter[str]) -> Edit | None:
    """Drop the first of two words that cannot follow each other ("un un", "le l'alliance")."""
    a, b = first[2], second[2]
    lower = a.lower()
    if lower not in words.collision_firsts and lower != b.lower():  # most pairs stop here
        return None
    shown = (first[0], second[1])
    if lower == b.lower():
        if lower in words.allowed_doubles or (b[0].isupper() and a != b):
            return None  # "il Il": a lost sentence break, not a doubled word
        if a[0].isupper() and b[0].isupper() and words.zipf(a) < FUNCTION_WORD_ZIPF and seen[a] <= 2:
            return None  # "Bafana Bafana", "Duran Duran": a doubled name never stands alone
        if a != b:  # "Le le monde": keep the capital of the sentence start
            return Edit(first[1], second[1], "", "doubled_word", "rule:doubled-word", shown=shown)
        return Edit(first[0], second[0], "", "doubled_word", "rule:doubled-word", shown=shown)
    prefix, _ = words.strip_elision(b)
    key = prefix.lower().replace("’", "'") if prefix else b.lower()
    # "The A-Team", "à la Une": a capitalised full word after an article is a name.
    if (lower, key) not in words.collisions or (not prefix and b[0].isupper()):
        return None
    method = f"table:{words.code}/article_collisions"
    if a[0].isupper() and b[0].islower():  # "Le l'économie" -> "L'économie": the sentence start moves
        return Edit(first[0], second[0] + 1, b[0].upper(), "article_collision", method, shown=shown)
    return Edit(first[0], second[0], "", "article_collision", method, shown=shown)


def _glue_edit(text: str, token: tuple[int, int, str], words: LangWords, seen: Counter[str]) -> Edit | None:
    """Insert the missing space in a glued token, when one split is clearly two words."""
    start, end, word = token
    prefix, core = words.strip_elision(word)
    if len(core) < MIN_GLUED_CHARS or seen[core] > 1:
        return None
    # Only suspicious tokens go further: rare ones, or ones with a capital or apostrophe inside.
    plain = core[1:].islower() and "'" not in core and "’" not in core
    if core.isupper() or _in_identifier(text, start, end):
        return None
    if plain and words.zipf(core) >= RARE_ZIPF:
        # a fairly rare token made of two very frequent function words is a glue ("surle", "parla")
        # (lower case only: "Monet", "Duque" are names, not "Mon et", "Du que")
        if core[0].isupper() or words.zipf(core) >= FUNCTION_PAIR_MAX_ZIPF or (split := _function_pair_split(core, words)) is None:
            return None
        at = start + len(prefix) + split
        return Edit(at, at, " ", "glued_words", f"wordfreq:{words.code}:function-pair", shown=(start, end))
    split = None if plain else _case_split(core, words, seen)
    method = f"rule:case-transition+wordfreq:{words.code}"
    if split is None and ("'" in core or "’" in core):
        split = _elision_split(core, words, seen)
        method = f"rule:elision+wordfreq:{words.code}"
    elif split is None:
        split = _frequency_split(core, words, seen)
        method = f"wordfreq:{words.code}"
    if split is None:
        return None
    at = start + len(prefix) + split
    return Edit(at, at, " ", "glued_words", method, shown=(start, end))


def _function_pair_split(core: str, words: LangWords) -> int | None:
    """The split of a token into two function words, both at least FUNCTION_PAIR_PART_ZIPF, with one of them
    among the language's most frequent (FUNCTION_PAIR_ZIPF): "sur|le", "par|la"; None otherwise ("for|go")."""
    for i in range(2, len(core) - 1):
        left, right = words.zipf(core[:i]), words.zipf(core[i:])
        if min(left, right) >= FUNCTION_PAIR_PART_ZIPF and max(left, right) >= FUNCTION_PAIR_ZIPF:
            return i
    return None


def _known(part: str, words: LangWords, seen: Counter[str], minimum: float) -> bool:
    return words.zipf(part) >= minimum or (seen[part] > 0 and SEEN_ZIPF >= minimum)


def _case_split(core: str, words: LangWords, seen: Counter[str]) -> int | None:
    """A split at a lower->upper transition ("RussieL'Iran" -> "Russie L'Iran", "KubrakovDans").

    The right part starts a sentence: an elided word or a function word. Camel-case names have
    content words there ("TurkStream", "YouTube"), so the left part may be any name."""
    # Only a capitalised token can be a camel-case name ("LinkedIn"); a lowercase one with a
    # capital inside is never a word, even when its lowercase form is ("constitutionnelLe").
    if core[0].isupper() and words.zipf(core) >= CASE_RARE_ZIPF:
        return None
    for i in range(3, len(core)):
        if not (core[i - 1].islower() and core[i].isupper()):
            continue
        right = core[i:]
        elided, rest = words.strip_elision(right)
        if elided:
            ok = len(rest) >= 2 and _known(rest, words, seen, CASE_PART_ZIPF)
        else:
            # One letter only for a very frequent word: "combattueÀ défaut", not "SpaceX".
            lower_rest = len(right) == 1 or right[1:].islower()
            ok = (len(right) >= 2 or words.zipf(right) >= PART_ZIPF[2]) and lower_rest and words.zipf(right) >= FUNCTION_WORD_ZIPF
        if ok:
            return i
    return None


def _elision_split(core: str, words: LangWords, seen: Counter[str]) -> int | None:
    """A split before an elided word glued to the word before ("Courd'assises" -> "Cour d'assises")."""
    head, _, rest = core.replace("’", "'").partition("'")
    if words.zipf(core) >= RARE_ZIPF or len(rest) < 2:
        return None
    for prefix in words.elisions:
        stem = prefix[:-1]
        if head.lower().endswith(stem) and len(head) - len(stem) >= 2:
            left = head[: len(head) - len(stem)]
            if _known(left, words, seen, _needed(left)) and words.zipf(rest) >= CASE_PART_ZIPF:
                return len(left)
    return None


def _frequency_split(core: str, words: LangWords, seen: Counter[str]) -> int | None:
    """The best two-word split of a rare all-letter token, or None when no split is convincing."""
    best: tuple[float, int] | None = None
    # The right part must be a listed word (its Zipf threshold is above 0), so it is at most
    # `longest` letters: trying every split of a long glued run was quadratic (seconds on 30k letters).
    for i in range(max(2, len(core) - words.longest), len(core) - 1):
        left, right = core[:i], core[i:]
        left_zipf = max(words.zipf(left), SEEN_ZIPF if seen[left] else 0.0)
        right_zipf = words.zipf(right)
        # "hydro|jets" and "extra|de" are words, "sur|le" is not: a prefix that is also a function
        # word followed by a function word is a glue.
        prefix = left.lower() in words.prefixes and min(left_zipf, right_zipf) < FUNCTION_WORD_ZIPF
        # "fêter|ont" is a verb form, "qui|ont" a glue: an ending only blocks after a content word.
        ending = right.lower() in words.suffixes and left_zipf < FUNCTION_WORD_ZIPF
        if prefix or ending:
            continue
        # A capitalised token is a name glued to a following function word; its name part has 3+
        # letters and stands alone in the article (twice when it is rare). Even "Les|logiciels" is not taken: French
        # surnames are article + noun ("Dupont", "Lenoir", "Desjardins").
        if core[0].isupper():
            # A rare name part needs two standalone mentions: one could be a chance prefix.
            attested = seen[left] >= 2 or (seen[left] == 1 and words.zipf(left) >= CASE_PART_ZIPF)
            if len(left) < 3 or not attested or right_zipf < FUNCTION_WORD_ZIPF:
                continue
        elif words.closed_compounds and max(left_zipf, right_zipf) < COMPOUND_FUNCTION_ZIPF:
            continue
        # A long inflected form is rarer than its lemma ("arriveraient|au", "regagné|les"):
        # before a function word it needs less frequency.
        left_needed = LONG_INFLECTED_ZIPF if len(left) >= LONG_INFLECTED_CHARS and right_zipf >= FUNCTION_WORD_ZIPF else _needed(left)
        if left_zipf < left_needed or right_zipf < _needed(right):
            continue
        # Two content words ("accord|stratégique") must both be common ones: "vit|aminés" is not.
        if max(left_zipf, right_zipf) < FUNCTION_WORD_ZIPF and min(left_zipf, right_zipf) < CONTENT_PART_ZIPF:
            continue
        score = min(left_zipf, right_zipf)
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else None


def _needed(part: str) -> float:
    """The Zipf frequency a part of a split must reach, by its length."""
    return PART_ZIPF.get(len(part), LONG_PART_ZIPF)


def _in_identifier(text: str, start: int, end: int) -> bool:
    """Tokens inside URLs, e-mail addresses, hashtags or handles are not prose."""
    before = text[start - 1] if start else " "
    after = text[end : end + 2]
    return before in _ID_BEFORE or after[:1] in _ID_AFTER or (after[:1] == "." and after[1:2].isalpha())
