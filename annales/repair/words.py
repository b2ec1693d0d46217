"""Word-level repairs of machine-translated and scraped text: glued words, doubled words and
article collisions.

Glued words are split with the word frequencies of the article's language (wordfreq) and one
cue from the text itself: a part that stands alone elsewhere in the article is a word there.
Only suspicious tokens are looked at (rare ones, or ones with a capital or apostrophe inside),
and a split is taken only when both parts are frequent words (a short part must be a very
frequent one). Names are protected: a capitalised token is split only into a name the article
uses on its own plus a function word ("Poutineun" -> "Poutine un"), so "Shahed", "Masud" or
"Dupont" stay whole; a capitalised token that wordfreq lists nowhere (names are listed) may also be
a known word or name plus a function word ("Lorsde", "Toscanedu"), unless it follows a first name.
Plural verbs agree with a plural left part ("syndicatsont" -> "syndicats ont"). Language knowledge (elisions, article pairs, allowed doubles, bound
prefixes and endings, closed compounds) is data in annales/lang/<code>/. Thresholds were
calibrated as a set on benchmarks/damage.py (glue recall against false splits of person
names); don't tune one alone.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

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
# A capitalised token wordfreq does not list at all (Zipf 0) is no name: names that end in a
# function word's letters are listed ("Sweden", "Camden", "Halfon"). Split before a function
# word, its first part is a sentence-initial word or a known name ("Lors|de", "Toscane|du")
# when it is at least this frequent.
UNLISTED_CAPITAL_PART_ZIPF = 3.0


# How many plain words `LangWords.plain_words` keeps (some 10 MiB): past it, further words are tested each time.
PLAIN_WORDS_MAX = 1 << 17

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
    plural_marks: tuple[str, ...] = ()  # endings of plural words ("syndicats"), for agreement
    plural_verbs: frozenset[str] = frozenset()  # verbs that take only a plural subject ("ont")
    longest: int = 0  # length of the longest word in `freqs`: no split part can be longer
    # Tokens found to be frequent plain words (no glue, whatever the context), remembered for the process: most
    # tokens are such words, and testing each again cost most of the stage. At most PLAIN_WORDS_MAX of them.
    plain_words: set[str] = field(default_factory=set, compare=False)

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
        code=code,
        freqs=freqs,
        elisions=elisions,
        collisions=collisions,
        collision_firsts=frozenset(first for first, _ in collisions),
        allowed_doubles=data.words("allowed_doubles"),
        prefixes=data.words("prefixes", "prefix"),
        suffixes=data.words("suffixes", "suffix"),
        closed_compounds=options.get("closed_compounds", "yes") == "yes",
        plural_marks=tuple(options.get("plural_marks", "").split()),
        plural_verbs=data.words("plural_verbs"),
        longest=max(map(len, freqs), default=0),
    )


def word_edits(text: str, language: str | None) -> list[Edit]:
    """Edits for glued words, doubled words and article collisions in `text`.

    text (str): the cleaned text so far; language (str | None): its language code.
    RETURNS (list[Edit]): the edits, in text order (overlaps are resolved by apply_edits).
    """
    words = lang_words(language or "xx")
    matches = list(TOKEN.finditer(text))
    token_words = [match.group() for match in matches]
    seen: Counter[str] = Counter()
    for word, count in Counter(token_words).items():  # each distinct word once: most have no elision
        seen[words.strip_elision(word)[1]] += count
    # The tokens worth a closer look, found by set and string tests over whole lists: most tokens are neither the
    # second of a pair that may collide (an article, a doubled word) nor a long word not known to be plain.
    lowers = [word.lower() for word in token_words]
    firsts = words.collision_firsts
    pairs = {k for k in range(1, len(lowers)) if lowers[k - 1] in firsts or lowers[k - 1] == lowers[k]}
    plain_words = words.plain_words
    glues = {k for k, word in enumerate(token_words) if len(word) >= MIN_GLUED_CHARS and word not in plain_words} if words.freqs else set()
    edits: list[Edit] = []
    for k in sorted(pairs | glues):
        token = (*matches[k].span(), token_words[k])
        start = token[0]
        if k in pairs:
            previous = (*matches[k - 1].span(), token_words[k - 1])
            if text[previous[1] : start].strip(" ") == "" and previous[1] < start:
                edit = _pair_edit(text, previous, token, words, seen)
                if edit is not None:
                    edits.append(edit)
        if k in glues and token_words[k] not in plain_words:  # or found plain at an earlier token of this text
            edit = _glue_edit(text, token, words, seen)
            if edit is not None:
                edits.append(edit)
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
    # A capitalised token used twice is a name ("Iranun" twice); a lowercase non-word used twice
    # is the same pair glued twice ("moisde"), and frequencies alone decide.
    if len(core) < MIN_GLUED_CHARS or (seen[core] > 1 and not core.islower()):
        return None
    # Only suspicious tokens go further: rare ones, or ones with a capital or apostrophe inside.
    plain = core[1:].islower() and "'" not in core and "’" not in core
    if core.isupper() or _in_identifier(text, start, end):
        return None
    if plain and words.zipf(core) >= RARE_ZIPF:
        # a fairly rare token made of two very frequent function words is a glue ("surle", "parla")
        # (lower case only: "Monet", "Duque" are names, not "Mon et", "Du que")
        if core[0].isupper() or words.zipf(core) >= FUNCTION_PAIR_MAX_ZIPF or (split := _function_pair_split(core, words)) is None:
            if len(words.plain_words) < PLAIN_WORDS_MAX:  # the verdict depends on the word alone: skipped from now on
                words.plain_words.add(word)
            return None
        at = start + len(prefix) + split
        return Edit(at, at, " ", "glued_words", f"wordfreq:{words.code}:function-pair", shown=(start, end))
    split = None if plain else _case_split(core, words, seen)
    method = f"rule:case-transition+wordfreq:{words.code}"
    if split is None and ("'" in core or "’" in core):
        split = _elision_split(core, words, seen)
        method = f"rule:elision+wordfreq:{words.code}"
    elif split is None:
        split = _frequency_split(core, words, seen, after_name=_after_capitalised(text, start))
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
    return words.zipf(part) >= minimum or (seen[part] > 0 and minimum <= SEEN_ZIPF)


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


def _frequency_split(core: str, words: LangWords, seen: Counter[str], *, after_name: bool = False) -> int | None:
    """The best two-word split of a rare all-letter token, or None when no split is convincing.

    after_name: the token follows a capitalised word, so a capitalised token is a surname
    or the rest of a name ("Ibrahim Dogus")."""
    best: tuple[tuple[bool, bool, float], int] | None = None
    # The right part must be a listed word (its Zipf threshold is above 0), so it is at most
    # `longest` letters: trying every split of a long glued run was quadratic (seconds on 30k letters).
    for i in range(max(2, len(core) - words.longest), len(core) - 1):
        left, right = core[:i], core[i:]
        left_zipf = max(words.zipf(left), SEEN_ZIPF if seen[left] else 0.0)
        right_zipf = words.zipf(right)
        if not _split_allowed(core, left, right, (left_zipf, right_zipf), words, seen, after_name):
            continue
        # Machine translation glues a word to a function word: "comédien|et" beats "comédie|net";
        # then a plural verb wants a plural left part: "syndicats|ont" beats "syndicat|sont".
        rank = (max(left_zipf, right_zipf) >= FUNCTION_WORD_ZIPF, _agrees(left, right, words), min(left_zipf, right_zipf))
        if best is None or rank > best[0]:
            best = (rank, i)
    return best[1] if best else None


def _split_allowed(core: str, left: str, right: str, zipfs: tuple[float, float], words: LangWords, seen: Counter[str], after_name: bool) -> bool:
    """Whether core = left + right may be two words (`zipfs`: their frequencies, standalone uses counted)."""
    left_zipf, right_zipf = zipfs
    # A name that stands alone twice ("PSG|et", "Jarrah|ont") needs no frequency and takes no ending.
    attested = core[0].isupper() and seen[left] >= 2
    # "hydro|jets" and "extra|de" are words, "sur|le" is not: a prefix that is also a function
    # word followed by a function word is a glue.
    if left.lower() in words.prefixes and min(left_zipf, right_zipf) < FUNCTION_WORD_ZIPF:
        return False
    # "fêter|ont" is a verb form, "qui|ont" a glue: an ending only blocks after a content word,
    # and never after a plural word that the ending, a plural verb, agrees with ("syndicats|ont").
    plural_subject = right.lower() in words.plural_verbs and _plural(left, words)
    if right.lower() in words.suffixes and left_zipf < FUNCTION_WORD_ZIPF and not (attested or plural_subject):
        return False
    if _moved_plural_mark(left, right, words):
        return False
    if core[0].isupper():
        if not _name_glue(core, left, right_zipf, words, seen, after_name):
            return False
    elif words.closed_compounds and max(left_zipf, right_zipf) < COMPOUND_FUNCTION_ZIPF:
        return False
    # A long inflected form is rarer than its lemma ("arriveraient|au", "regagné|les"):
    # before a function word it needs less frequency.
    left_needed = LONG_INFLECTED_ZIPF if len(left) >= LONG_INFLECTED_CHARS and right_zipf >= FUNCTION_WORD_ZIPF else _needed(left)
    if (left_zipf < left_needed and not attested) or right_zipf < _needed(right):
        return False
    # Two content words ("accord|stratégique") must both be common ones: "vit|aminés" is not.
    return max(left_zipf, right_zipf) >= FUNCTION_WORD_ZIPF or min(left_zipf, right_zipf) >= CONTENT_PART_ZIPF


def _name_glue(core: str, left: str, right_zipf: float, words: LangWords, seen: Counter[str], after_name: bool) -> bool:
    """Whether a capitalised token is a name or sentence-initial word glued to the function word after it.

    Even "Les|logiciels" is not taken: French surnames are article + noun ("Dupont", "Lenoir",
    "Desjardins"). The first part has 3+ letters and stands alone in the article (twice when it
    is rare: once could be a chance prefix), or the whole token is listed nowhere and starts a
    sentence or a name: after a first name it is a surname ("Ibrahim Dogus" is not "Dog us")."""
    if len(left) < 3 or right_zipf < FUNCTION_WORD_ZIPF:
        return False
    if seen[left] >= 2 or (seen[left] == 1 and words.zipf(left) >= CASE_PART_ZIPF):
        return True
    return not after_name and words.zipf(core) == 0.0 and words.zipf(left) >= UNLISTED_CAPITAL_PART_ZIPF


def _after_capitalised(text: str, start: int) -> bool:
    """Whether the token at `start` follows a capitalised word and a single space ("Ibrahim Dogus")."""
    before = text[max(0, start - 40) : start]
    match = re.search(r"([^\W\d_]+) $", before)
    return match is not None and match.group(1)[0].isupper()


def _plural(word: str, words: LangWords) -> bool:
    return bool(words.plural_marks) and word.lower().endswith(words.plural_marks)


def _moved_plural_mark(left: str, right: str, words: LangWords) -> bool:
    """Whether a singular left part took a plural verb that starts with the plural's mark
    ("neuroscientifique|sont" for "neuroscientifiques ont"): the mark belongs on the left.
    Function words carry no plural mark ("qui|sont" is right, though "quis" is listed)."""
    if _agrees(left, right, words) or len(right) < 3 or words.zipf(left) >= FUNCTION_WORD_ZIPF:
        return False
    moved = left + right[0]
    return _plural(moved, words) and right[1:].lower() in words.plural_verbs and words.zipf(moved) > 0


def _agrees(left: str, right: str, words: LangWords) -> bool:
    """False for a singular left part before a verb that takes only a plural subject ("syndicat|sont")."""
    return right.lower() not in words.plural_verbs or _plural(left, words)


def _needed(part: str) -> float:
    """The Zipf frequency a part of a split must reach, by its length."""
    return PART_ZIPF.get(len(part), LONG_PART_ZIPF)


def _in_identifier(text: str, start: int, end: int) -> bool:
    """Tokens inside URLs, e-mail addresses, hashtags or handles are not prose."""
    before = text[start - 1] if start else " "
    after = text[end : end + 2]
    return before in _ID_BEFORE or after[:1] in _ID_AFTER or (after[:1] == "." and after[1:2].isalpha())
