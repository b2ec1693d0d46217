"""facets: dates (and event dates), amounts, quotations, themes and tone (project issue 6).

One module per facet; `run` calls them in order for each article. Dates run first: event dates need
them and amounts skip the numbers that dates have used. Every facet reads the parse (`article.doc`)
and its language's data tables; a language without a table skips that facet with a coded note (E803).
"""

from __future__ import annotations

import functools

from ..article import Article
from ..config import Settings
from ..errors import Errors
from ..lang import NEUTRAL, load_lang
from .amounts import find_amounts
from .dates import date_events, find_dates
from .numbers import find_numbers
from .quotations import find_quotations
from .themes import find_themes
from .tone import find_tone

NAME = "facets"
REQUIRES = ("doc", "text", "sentences", "language", "published", "actors", "events")  # actors: speakers; events: their dates
ASSIGNS: tuple[str, ...] = ("dates", "events.date", "amounts", "quotations", "themes", "tone")

# The tables each facet needs from the article's language folder.
NEEDS: dict[str, tuple[str, ...]] = {
    "dates": ("dates", "numbers"),
    "amounts": ("amounts", "numbers"),
    "quotations": ("quotations",),
    "themes": ("theme_keywords",),
}


def _has(language: str, facet: str, article: Article) -> bool:
    """True when `language` has the data of `facet`; otherwise record why the facet was skipped."""
    table = _missing_table(language, facet)
    if table is not None:
        article.add_error("facet_skipped", Errors.E803.format(table=table, language=language, facet=facet), stage=NAME, code="E803")
        return False
    return True


@functools.cache
def _missing_table(language: str, facet: str) -> str | None:
    """The first table of `facet` that `language` has no file of its own for, None when it has them all (cached: each
    look-up asks the file system, for every article)."""
    lang = load_lang(language)
    for table in NEEDS[facet]:
        path = lang.path(table)
        if path is None or path.parent.name == NEUTRAL:
            return table
    return None


def _has_tone(language: str, article: Article) -> bool:
    if any(row["language"] == language for row in load_lang(NEUTRAL).table("tone_analyzers")):
        return True
    article.add_error("facet_skipped", Errors.E802.format(language=language), stage=NAME, code="E802")
    return False


def annotate(article: Article) -> None:
    """Fill the facets of one parsed article."""
    if article.doc is None:
        return
    language = article.language or ""
    present = {facet: _has(language, facet, article) for facet in NEEDS}
    numbers = find_numbers(article.doc, language) if present["dates"] or present["amounts"] else []
    if present["dates"]:
        article.dates = find_dates(article, numbers=numbers)
    date_events(article)
    if present["amounts"]:
        article.amounts = find_amounts(article, numbers=numbers, dates=article.dates)
    if present["quotations"]:
        article.quotations = find_quotations(article)
    if present["themes"]:
        article.themes = find_themes(article)
    if _has_tone(language, article):
        article.tone = find_tone(article)


def run(articles: list[Article], settings: Settings) -> None:
    for article in articles:
        annotate(article)
