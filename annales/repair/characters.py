"""Character-level repairs: mojibake (ftfy) and typographic apostrophes and quotes (a data table)."""

from __future__ import annotations

import functools
import re

from ftfy import TextFixerConfig, fix_text
from ftfy.badness import BADNESS_RE, is_bad

from ..lang import load_lang
from .offsets import Edit

# Quotes are folded by our own table (guillemets kept), not by ftfy; line breaks are layout.
_FTFY = TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, fix_latin_ligatures=False, fix_character_width=False, explain=False)
# A word with the space after it when it ends in a mojibake lead byte: "Ã " is "à" whose
# second byte (a no-break space) was turned into a space. No-break spaces stay inside words.
_WORD = re.compile(r"[^ \t\n\r]+(?:(?<=[ÃÂâ]) )?")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# Every sequence ftfy's badness pattern matches holds a non-ASCII character and is at most this many characters
# longer than it (tests/repair/test_characters.py checks the pattern's width).
BADNESS_REACH = 6


def looks_bad(text: str) -> bool:
    """ftfy's `is_bad(text)`, its pattern searched only within BADNESS_REACH characters of non-ASCII ones: the
    pattern tries dozens of alternatives at every character, and a scan of the whole text cost a quarter of the stage."""
    search = BADNESS_RE.search
    window_start = window_end = -1  # the window of the runs met so far, searched when the next run lies past it
    for run in _NON_ASCII.finditer(text):
        if run.start() - BADNESS_REACH > window_end:
            if window_end >= 0 and search(text, window_start, window_end):
                return True
            window_start = max(run.start() - BADNESS_REACH, 0)
        window_end = run.end() + BADNESS_REACH
    return window_end >= 0 and search(text, window_start, window_end) is not None


def mojibake_edits(text: str) -> list[Edit]:
    """Edits undoing mojibake ("dÃ©cision" -> "décision"), one per damaged word."""
    if not looks_bad(text):  # most texts stop here
        return []
    edits: list[Edit] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii() or not is_bad(word):  # mojibake is made of non-ASCII characters
            continue
        fixed = fix_text(word, _FTFY)
        if word.endswith(" ") and fixed.endswith(" ") and text[match.end() : match.end() + 1] == " ":
            fixed = fixed[:-1]  # the space was the lost no-break-space byte; the next one separates words
        if fixed != word:
            edits.append(Edit(match.start(), match.end(), fixed, "mojibake", "ftfy"))
    return edits


@functools.cache
def quote_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """The characters to fold (a regex class) and their replacements, from xx/quotes.tsv."""
    table = {chr(int(row["char"][2:], 16)): row["replacement"] for row in load_lang("xx").table("quotes")}
    return re.compile("[" + re.escape("".join(table)) + "]"), table


def quote_edits(text: str) -> list[Edit]:
    """One edit per typographic apostrophe or double quote: ’ -> ', “ ” -> "."""
    pattern, table = quote_table()
    return [Edit(m.start(), m.end(), table[m.group()], "quote", "table:xx/quotes") for m in pattern.finditer(text)]


def clean_fragment(text: str) -> str:
    """The same character repairs on a fragment kept outside the body (a caption), unrecorded."""
    if is_bad(text):
        text = fix_text(text, _FTFY)
    _, table = quote_table()
    translation = str.maketrans(table)  # a statement of its own: inferred from translate()'s parameter, mypy rejects the dict
    return text.translate(translation)
