"""Themes: a taxonomy of about fifty themes (annales/lang/xx/themes.tsv) and per-language keyword
lexicons (annales/lang/<code>/theme_keywords.tsv) matched on the lemmas of the parse.

Keywords may be phrases ("cessez-le-feu", "droits de l'homme", "armed conflict"); the longest match
wins, so "énergie nucléaire" counts for NUCLEAR, not also for ENERGY. One ThemeHit per theme found,
with its count and mentions, most frequent first.
"""

from __future__ import annotations

import functools
from collections import defaultdict

from ..article import Article, Mention, ThemeHit
from ..errors import AnnalesError, Errors
from ..lang import load_lang
from .lexicon import PhraseIndex, view


@functools.cache
def taxonomy() -> frozenset[str]:
    """The theme codes of the taxonomy."""
    return frozenset(row["theme"] for row in load_lang("xx").table("themes"))


@functools.cache
def keyword_index(language: str) -> PhraseIndex[str]:
    """Keyword phrases -> theme for `language`; a theme outside the taxonomy is a data error."""
    known = taxonomy()
    entries = []
    for row in load_lang(language).table("theme_keywords"):
        if row["theme"] not in known:
            raise AnnalesError(Errors.E801.format(theme=row["theme"], language=language))
        entries.append((row["phrase"], row["theme"]))
    return PhraseIndex.build(entries, lemma=True)


def find_themes(article: Article) -> list[ThemeHit]:
    """Themes of `article`, most frequent first."""
    doc = article.doc
    index = keyword_index(article.language or "")
    tokens = view(doc)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    resume = 0  # the token after the last match: matches do not overlap
    for i in index.starting_tokens(tokens):
        if i < resume:
            continue
        end, themes = index.match(tokens, i, stop=tokens.sent_end[i])
        if not themes:
            continue
        span = doc[i:end]
        for theme in dict.fromkeys(themes):
            mention = Mention(span.text, span.start_char, span.end_char, 0, f"lexicon:{article.language}/theme_keywords:{tokens.lemmas[i]}")
            mention.sentence = article.sentence_of(span.start_char)
            mentions[theme].append(mention)
        resume = end
    hits = [ThemeHit(theme, len(found), found) for theme, found in mentions.items()]
    hits.sort(key=lambda h: (-h.count, h.theme))
    return hits
