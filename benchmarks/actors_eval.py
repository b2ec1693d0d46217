"""Actor coding accuracy on tests/gold/actors_eval.tsv, and the actors stage's cost next to the parse.

    python benchmarks/actors_eval.py [--gold PATH] [--shared DIR] [--errors] [--json OUT]

Third-party sentences are referenced, not stored: "@PLV_train.tsv:N" is row N of
../shared/gold/zero-shot-plover/PLV_train.tsv, "@fr-02.txt:START:END" a slice of
../shared/corpus/fr-02.txt. Each sentence goes through repair -> nlp -> actors. For every gold mention, the actor picked is
the one whose mention overlapping the gold span starts first (longest on a tie); its country
and its sector (None = "-") are compared with the gold separately. A mention with no
overlapping actor counts as wrong for both.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annales import Article
from annales import actors as actors_stage
from annales import nlp as nlp_stage
from annales import repair as repair_stage
from annales.actors.anaphora import load_rules
from annales.actors.knowledge import load_lexicon
from annales.actors.offices import load_terms
from annales.article import Actor
from annales.config import Settings
from annales.lang import read_tsv
from annales.lang.places import city_countries

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "gold" / "actors_eval.tsv"
SHARED = REPO.parent / "shared"
REFERENCE_DIRS = {".tsv": ("gold", "zero-shot-plover"), ".txt": ("corpus",)}


@dataclass(slots=True)
class Row:
    lang: str
    text: str
    mention: str
    country: str
    sector: str
    origin: str

    @property
    def published(self) -> str | None:
        """The date suffix of the origin ("fr-02:2025-01-17"), if any."""
        tail = self.origin.rsplit(":", 1)[-1]
        return tail if len(tail) == 10 and tail[4] == "-" else None

    @property
    def group(self) -> str:
        return f"{self.lang}/{self.origin.split(':', 1)[0]}"


def load_rows(path: Path = GOLD, *, shared: Path = SHARED) -> list[Row]:
    """The evaluation rows, with referenced sentences read from `shared`."""
    rows = [Row(**row) for row in read_tsv(path)]
    for row in rows:
        if row.text.startswith("@"):
            row.text = resolve_reference(row.text[1:], shared)
    return rows


def resolve_reference(reference: str, shared: Path) -> str:
    """"PLV_train.tsv:N" (row N's sentence) or "fr-02.txt:START:END" (a slice of a corpus file)."""
    name, _, where = reference.partition(":")
    path = shared.joinpath(*REFERENCE_DIRS[Path(name).suffix], name)
    if path.suffix == ".tsv":
        return _tsv_sentences(path)[int(where)]
    start, end = (int(n) for n in where.split(":"))
    return path.read_text(encoding="utf-8")[start:end]


@functools.cache
def _tsv_sentences(path: Path) -> list[str]:
    csv.field_size_limit(1 << 30)  # some rows carry long prompt columns
    with path.open(encoding="utf-8", newline="") as handle:
        return [record["sentence"] for record in csv.DictReader(handle, delimiter="\t")]


def pick_actor(article: Article, start: int, end: int) -> Actor | None:
    """The actor whose mention overlapping [start, end) starts first (longest on a tie)."""
    hits = article.actors_in(start, end)
    if not hits:
        return None
    index, _ = min(hits, key=lambda hit: (hit[1].start, -(hit[1].end - hit[1].start)))
    return article.actors[index]


def evaluate(rows: list[Row]) -> dict[str, Any]:
    """Country and sector accuracy per origin group and overall, plus the stage timings."""
    settings = Settings.make()
    texts: dict[tuple[str, str, str | None], Article] = {}
    for row in rows:
        key = (row.lang, row.text, row.published)
        if key not in texts:
            texts[key] = Article(raw_text=row.text, text=row.text, language=row.lang, published=row.published)
    articles = list(texts.values())
    repair_stage.run(articles, settings)
    for language in ("fr", "en"):  # loading the models and the lexicons is not what we measure
        nlp_stage.load_model(language)
        load_lexicon(language)
        load_rules(language)
    load_terms()
    city_countries()
    timings: dict[str, float] = {}
    for name, stage in (("nlp", nlp_stage), ("actors", actors_stage)):
        began = time.perf_counter()
        for language in ("fr", "en"):
            stage.run([a for a in articles if a.language == language], settings)
        timings[name] = time.perf_counter() - began

    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # country ok, sector ok, found, total
    errors: list[dict[str, Any]] = []
    for row in rows:
        article = texts[(row.lang, row.text, row.published)]
        start = article.text.find(row.mention)
        if start < 0:  # the repair stage may have normalised apostrophes
            start = article.text.replace("’", "'").find(row.mention.replace("’", "'"))
        actor = pick_actor(article, start, start + len(row.mention)) if start >= 0 else None
        country = actor.country if actor else None
        sector = (actor.sector or "-") if actor else None
        country_ok, sector_ok = country == row.country, sector == row.sector
        for group in (row.group, "all"):
            tally = counts[group]
            tally[0] += country_ok
            tally[1] += sector_ok
            tally[2] += actor is not None
            tally[3] += 1
        if not (country_ok and sector_ok):
            errors.append({
                "mention": row.mention, "gold": f"{row.country} {row.sector}", "got": f"{country} {sector}",
                "actor": actor.name if actor else None, "method": actor.method if actor else None, "origin": row.origin,
            })
    groups = {
        group: {"mentions": t[3], "found": t[2], "country": round(t[0] / t[3], 3), "sector": round(t[1] / t[3], 3), "country_ok": t[0], "sector_ok": t[1]}
        for group, t in sorted(counts.items())
    }
    return {
        "groups": groups,
        "seconds": {k: round(v, 3) for k, v in timings.items()},
        "actors_vs_parse": round(timings["actors"] / timings["nlp"], 4),
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the ../shared folder that referenced sentences come from")
    parser.add_argument("--errors", action="store_true", help="list the mentions coded wrong")
    parser.add_argument("--json", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args()
    result = evaluate(load_rows(args.gold, shared=args.shared))
    for group, g in result["groups"].items():
        print(f"{group:14} mentions {g['mentions']:4}  found {g['found']:4}  country {g['country']:.3f} ({g['country_ok']})  sector {g['sector']:.3f} ({g['sector_ok']})")
    print(f"time: parse {result['seconds']['nlp']}s, actors {result['seconds']['actors']}s ({result['actors_vs_parse']:.1%} of the parse)")
    if args.errors:
        for e in result["errors"]:
            print(f"  {e['origin']:16} {e['mention'][:60]!r:64} gold {e['gold']:9} got {e['got']:10} {e['actor']!r} {e['method']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
