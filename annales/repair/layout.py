"""Paragraph-level repairs: the title line, its ASCII-folded copy, the trailing id line and
photo captions with an agency credit leave the body (captions go to `article.captions`)."""

from __future__ import annotations

import functools
import re

from ..article import Article, Caption
from ..lang import load_lang
from ..text import fold_plain, line_spans, paragraph_spans
from .offsets import Edit

CAPTION_MAX_CHARS = 300
# A copy of the title this far into the body is scraping residue, further down it is text.
TITLE_COPY_WINDOW = 3
TITLE_COPY_MIN_WORDS = 3


@functools.cache
def credit_pattern() -> re.Pattern[str]:
    """A paragraph tail holding a bare photo credit, from the language-neutral agency list."""
    names: set[str] = set()
    for row in load_lang("xx").table("agencies"):
        name = row["agency"]
        names.update((name, name.upper(), name.title()))
    agency = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    person = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}"
    credit = rf"(?:{person}\s*/\s*)?(?:{agency})(?:\s*/\s*(?:{agency}|{person}))*(?: via (?:{agency}))?"
    # The credit follows the caption's last sentence, a dash or bar, or sits in parentheses.
    lead = r"(?:(?<=[.!?…»\"')\]])\s+|\s+[-–—|]\s+|\s*\()"
    prefix = r"(?:(?:©|Photo\s*:|Photos\s*:|Crédit\s*:|Credit\s*:|Foto\s*:)\s*)?"
    return re.compile(rf"{lead}{prefix}(?P<credit>{credit})\)?\s*$")


def caption_of(paragraph: str) -> tuple[str, str] | None:
    """(caption text, credit) when `paragraph` is a short caption ending with a bare agency credit."""
    if len(paragraph) > CAPTION_MAX_CHARS or "\n" in paragraph:
        return None
    match = credit_pattern().search(paragraph)
    if match is None:
        return None
    caption = paragraph[: match.start()].strip()
    if sum(ch.isalpha() for ch in caption) < 10:
        return None
    return caption, match.group("credit")


def is_title_copy(paragraph: str, title: str) -> bool:
    """True for a (possibly ASCII-folded, possibly truncated) copy of the title."""
    if "\n" in paragraph or len(paragraph) > len(title) + 20:
        return False
    folded, folded_title = fold_plain(paragraph), fold_plain(title)
    if not folded:
        return False
    if folded == folded_title:
        return True
    # A truncated copy: a prefix of the title, long enough not to be a chance match.
    return folded_title.startswith(folded) and len(folded.split()) >= TITLE_COPY_MIN_WORDS and len(folded) * 3 >= len(folded_title)


def layout_edits(text: str, article: Article) -> tuple[list[Edit], list[Caption]]:
    """Deletions for the title line, title copies, the id line and captions, plus the captions.

    text (str): the raw text; article (Article): gives `title` and `id`.
    RETURNS (tuple[list[Edit], list[Caption]]): edits on `text` and the captions taken out.
    """
    # Lines, not paragraphs: a caption or a title copy always sits on a line of its own, even
    # inside a block whose other lines are hard-wrapped prose.
    spans = [line for start, end in paragraph_spans(text) for line in line_spans(text, start, end)]
    removed: dict[int, tuple[str, str]] = {}
    captions: list[Caption] = []
    if article.title and spans:
        title = article.title.strip()
        for index, (start, end) in enumerate(spans[:TITLE_COPY_WINDOW]):
            paragraph = text[start:end]
            if index == 0 and paragraph.strip() == title:
                removed[index] = ("title", "rule:title-line")
            elif is_title_copy(paragraph, title):
                removed[index] = ("duplicate_title", "rule:folded-title-copy")
    if article.id and len(spans) > 1 and text[slice(*spans[-1])].strip() == article.id:
        removed[len(spans) - 1] = ("id_line", "rule:trailing-id")
    for index, (start, end) in enumerate(spans):
        if index in removed:
            continue
        found = caption_of(text[start:end])
        if found is not None:
            removed[index] = ("caption", "rule:agency-credit")
            captions.append(Caption(text=found[0], credit=found[1], raw_start=start, raw_end=end, method="rule:agency-credit"))
    kept = [i for i in range(len(spans)) if i not in removed]
    if not kept:  # never empty the body: an article that is all caption stays as it is
        return [], []
    edits: list[Edit] = []
    last = kept[-1]
    for index, (kind, method) in sorted(removed.items()):
        # Take the paragraph with the separator after it, or before it past the last kept one.
        start, end = (spans[index][0], spans[index + 1][0]) if index < last else (spans[index - 1][1], spans[index][1])
        edits.append(Edit(start, end, "", kind, method))
    if spans[0][0] > 0:
        edits.append(Edit(0, spans[0][0], "", "whitespace", "rule:strip"))
    if spans[-1][1] < len(text):
        edits.append(Edit(spans[-1][1], len(text), "", "whitespace", "rule:strip"))
    return edits, captions
