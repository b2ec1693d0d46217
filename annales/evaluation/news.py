"""The `news` suite: who did what to whom on real news (tests/gold/news/, guidelines in docs/annotation.md).

Forty articles from ../shared/corpus (twenty French, twenty English; political, conflict and diplomacy stories),
every body sentence annotated by the project, split by article into `dev` (tune on it) and `test` (report on it).
Rows point into the corpus (`corpus`, `doc`, `start`/`end` in the record's input `text`): the articles are read
from ../shared/corpus at run time and never copied into the repository.

Each article is processed whole; each annotated sentence is located in the cleaned text; our events whose trigger
falls inside it and that carry a PLOVER type (CAMEO 01 statements have none and are not annotated) are matched one
to one with the sentence's annotations, best pairs first. Actors are compared by country: the first three letters
of a code, or the organisation for IGO/NGO codes (`IGOUNOSEC` is the UN's `IGOUNO`). Measures, per language:

- strict precision / recall / F1: type (PLOVER or CAMEO root), source, target and modality all right;
- `recall_sides`: type and both sides right, any modality (the issue's "strict recall");
- lenient precision / recall: type right;
- source / target / modality accuracy: among type-matched pairs;
- `one_sided_share`: the share of our asserted events with exactly one side, and their strict precision;
- `calibration_error`: the expected calibration error of our events' `confidence` as the probability of being
  strict-correct (the judge's calibration; each event's pair is in the result's `confidences`);
  `calibration_noise`: the error a perfectly calibrated judge would still show on this many events with these
  confidences (the mean over seeded draws of each event's correctness from its confidence), so that a figure can
  be read against what sampling alone gives.

A reciprocal act we code both ways (A->B and B->A, as CAMEO does for "A and B met") counts once, with either
direction, as the guidelines code it. CAMEO codes an announced act as a statement of intent: a planned meeting is 036 (AGREE), a planned attack 138
(THREATEN). So an `intended` annotation of a cooperative act (QuadClass 1-2) also accepts AGREE/03, and one of a
material conflict act (QuadClass 4) also accepts THREATEN/13, as the sentence suites do (tests/gold/README.md).
"""

from __future__ import annotations

import functools
import json
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import AnnalesError
from ..lang import load_lang
from . import prf, ratio
from .sentences import CORPORA, _process_records, locate

GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold" / "news"
LANGUAGES = ("fr", "en")
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class Reading:
    """One event as a set of acceptable values per field: a gold annotation, or one of our events (singletons)."""

    types: frozenset[str]
    roots: frozenset[str]
    sources: frozenset[str | None]
    targets: frozenset[str | None]
    modality: str
    symmetric: bool = False

    def same_type(self, other: Reading) -> bool:
        return bool(self.types & other.types or self.roots & other.roots)

    def sides(self, other: Reading) -> tuple[bool, bool]:
        """Whether source and target agree (a symmetric annotation also accepts them swapped)."""
        straight = (bool(self.sources & other.sources), bool(self.targets & other.targets))
        if (self.symmetric or other.symmetric) and not all(straight):
            swapped = (bool(self.sources & other.targets), bool(self.targets & other.sources))
            if sum(swapped) > sum(straight):
                return swapped
        return straight


@dataclass(frozen=True)
class Pair:
    gold: int
    ours: int
    source_ok: bool
    target_ok: bool
    modality_ok: bool

    @property
    def strict(self) -> bool:
        return self.source_ok and self.target_ok and self.modality_ok

    @property
    def sides_ok(self) -> bool:
        return self.source_ok and self.target_ok


def actor_key(code: str | None) -> str | None:
    """What strict matching compares: the country, or the organisation of an IGO/NGO code."""
    if not code:
        return None
    code = code.upper()
    return code[:6] if code.startswith(("IGO", "NGO")) else code[:3]


@functools.cache
def quad_classes() -> dict[str, int]:
    return {row["type"]: int(row["quad_class"]) for row in load_lang("xx").table("plover_types")}


def gold_reading(event: dict[str, Any]) -> Reading:
    types, roots = set(event.get("plover") or ()), set(event.get("cameo_root") or ())
    if event.get("modality") == "intended":
        quads = {quad_classes().get(t) for t in types}
        if quads & {1, 2}:
            types.add("AGREE")
            roots.add("03")
        if 4 in quads:
            types.add("THREATEN")
            roots.add("13")
    return Reading(
        types=frozenset(types),
        roots=frozenset(roots),
        sources=frozenset(actor_key(code) for code in event.get("src") or [None]),
        targets=frozenset(actor_key(code) for code in event.get("tgt") or [None]),
        modality=event.get("modality") or "asserted",
        symmetric=bool(event.get("symmetric")),
    )


def mirror_groups(events: Sequence[dict[str, Any]]) -> list[list[int]]:
    """Indices of `events` grouped so that a reciprocal act coded both ways (CAMEO's A->B and B->A for "A and B
    met", same trigger and type) is one group, the first coded direction first."""
    groups: list[list[int]] = []
    for index, event in enumerate(events):
        mirror = next(
            (
                group
                for group in groups
                if len(group) == 1
                and events[group[0]]["start"] == event["start"]
                and events[group[0]].get("plover") == event.get("plover")
                and _code(events[group[0]], "source") == _code(event, "target")
                and _code(events[group[0]], "target") == _code(event, "source")
            ),
            None,
        )
        if mirror is not None:
            mirror.append(index)
        else:
            groups.append([index])
    return groups


def mirrored_once(events: list[dict[str, Any]], groups: list[list[int]] | None = None) -> list[dict[str, Any]]:
    """Our events with a reciprocal act coded both ways kept once, marked symmetric: the guidelines code it as
    one event whose direction does not matter (`groups`: their `mirror_groups`, when already known)."""
    return [{**events[group[0]], **({"symmetric": True} if len(group) > 1 else {})} for group in groups or mirror_groups(events)]


def event_matches(gold: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]]) -> list[Pair | None]:
    """For each of our events of one sentence, its pair with a gold event of its type (None: unmatched), as the
    suite counts them (both directions of a mirrored pair share it)."""
    groups = mirror_groups(events)
    pairs = {pair.ours: pair for pair in match([gold_reading(e) for e in gold], [our_reading(e) for e in mirrored_once(list(events), groups)])}
    found: list[Pair | None] = [None] * len(events)
    for position, group in enumerate(groups):
        for index in group:
            found[index] = pairs.get(position)
    return found


def event_labels(gold: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]]) -> list[tuple[bool, bool]]:
    """For each of our events of one sentence: whether it is matched with a gold event of its type (lenient), and
    whether that match is strict."""
    return [(pair is not None, pair is not None and pair.strict) for pair in event_matches(gold, events)]


def _code(event: dict[str, Any], side: str) -> str | None:
    return (event.get(side) or {}).get("code")


def our_reading(event: dict[str, Any]) -> Reading:
    source, target = event.get("source") or {}, event.get("target") or {}
    root = event.get("cameo_root") or (event.get("cameo") or "")[:2]
    return Reading(
        types=frozenset({event["plover"]}) if event.get("plover") else frozenset(),
        roots=frozenset({root}) if root else frozenset(),
        sources=frozenset({actor_key(source.get("code"))}),
        targets=frozenset({actor_key(target.get("code"))}),
        modality=event.get("modality") or "asserted",
        symmetric=bool(event.get("symmetric")),
    )


def match(gold: Sequence[Reading], ours: Sequence[Reading]) -> list[Pair]:
    """One-to-one pairs of same-type readings, best first: strict, then both sides, then one side, then type."""
    candidates = []
    for g, gold_event in enumerate(gold):
        for o, our_event in enumerate(ours):
            if gold_event.same_type(our_event):
                source_ok, target_ok = gold_event.sides(our_event)
                pair = Pair(g, o, source_ok, target_ok, gold_event.modality == our_event.modality)
                candidates.append((2 * (source_ok + target_ok) + pair.modality_ok, g, o, pair))
    pairs, used_gold, used_ours = [], set(), set()
    for _, g, o, pair in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if g not in used_gold and o not in used_ours:
            pairs.append(pair)
            used_gold.add(g)
            used_ours.add(o)
    return pairs


def count(gold: Sequence[Reading], ours: Sequence[Reading], counts: Counter[str]) -> None:
    """Add one sentence's figures to `counts`."""
    pairs = match(gold, ours)
    strict_ours = {p.ours for p in pairs if p.strict}
    counts["gold"] += len(gold)
    counts["ours"] += len(ours)
    counts["typed"] += len(pairs)
    counts["strict"] += len(strict_ours)
    counts["sides"] += sum(p.sides_ok for p in pairs)
    counts["source_ok"] += sum(p.source_ok for p in pairs)
    counts["target_ok"] += sum(p.target_ok for p in pairs)
    counts["modality_ok"] += sum(p.modality_ok for p in pairs)
    for index, event in enumerate(ours):
        if event.modality != "asserted":
            continue
        counts["asserted"] += 1
        if (None in event.sources) != (None in event.targets):
            counts["one_sided"] += 1
            counts["one_sided_strict"] += index in strict_ours


def _scores(matched: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 of `matched` pairs among `predicted` and `gold` events."""
    return prf(matched, predicted - matched, gold - matched)


def metrics(counts: Counter[str]) -> dict[str, float]:
    strict = _scores(counts["strict"], counts["ours"], counts["gold"])
    lenient = _scores(counts["typed"], counts["ours"], counts["gold"])
    return {
        "gold_events": counts["gold"],
        "our_events": counts["ours"],
        "strict_precision": strict["precision"],
        "strict_recall": strict["recall"],
        "strict_f1": strict["f1"],
        "recall_sides": ratio(counts["sides"], counts["gold"]),
        "lenient_precision": lenient["precision"],
        "lenient_recall": lenient["recall"],
        "lenient_f1": lenient["f1"],
        "source_accuracy": ratio(counts["source_ok"], counts["typed"]),
        "target_accuracy": ratio(counts["target_ok"], counts["typed"]),
        "modality_accuracy": ratio(counts["modality_ok"], counts["typed"]),
        "one_sided_share": ratio(counts["one_sided"], counts["asserted"]),
        "one_sided_strict_precision": ratio(counts["one_sided_strict"], counts["one_sided"]),
        "unlocated_sentences": counts["unlocated"],
    }


def gold_files(split: str, languages: Iterable[str] = LANGUAGES) -> list[Path]:
    return [GOLD / f"{language}_{split}.jsonl" for language in languages]


def read_rows(paths: Iterable[Path]) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        if not path.exists():
            raise AnnalesError(f"no news annotations at {path} (they ship with a checkout of the repository)")
        language = path.name.split("_")[0]
        rows += [{**json.loads(line), "language": language} for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def run(
    data_dir: Path,
    *,
    split: str = "test",
    limit: int | None = None,
    corpora: Path | None = None,
    languages: Sequence[str] = LANGUAGES,
    details: bool = False,
    **opts: Any,
) -> dict[str, Any]:
    """Score the pipeline on the news set's `split`, articles read from `corpora` (default data_dir/../corpus)."""
    if split not in SPLITS:
        raise AnnalesError(f"news has the splits {', '.join(SPLITS)}, not {split!r}")
    rows = read_rows(gold_files(split, languages))
    if limit is not None:
        rows = rows[:limit]
    folder = corpora or Path(data_dir) / CORPORA
    records: dict[str, dict[str, Any]] = {}
    for name in sorted({row["corpus"] for row in rows}):
        records.update(_process_records(folder / name, {row["doc"] for row in rows if row["corpus"] == name}, opts.get("settings")))
    by_language: dict[str, Counter[str]] = defaultdict(Counter)
    calibration: dict[str, list[tuple[float, bool]]] = defaultdict(list)  # (confidence, strict-correct) per event
    misses: list[dict[str, Any]] = []
    for row in rows:
        record = records.get(row["doc"])
        if record is None:
            raise AnnalesError(f"annotated article {row['doc']} is missing from {folder / row['corpus']}")
        counts = by_language[row["language"]]
        span = locate(record["raw_text"][row["start"] : row["end"]], record["text"])
        gold = [gold_reading(event) for event in row["events"]]
        if span is None:
            counts["unlocated"] += 1
            counts["gold"] += len(gold)
            continue
        inside = [e for e in record["events"] if span[0] <= e["start"] < span[1] and e.get("plover")]
        groups = mirror_groups(inside)
        events = mirrored_once(inside, groups)
        count(gold, [our_reading(e) for e in events], counts)
        labels = event_labels(row["events"], inside)
        calibration[row["language"]] += [(event.get("confidence") or 0.0, labels[group[0]][1]) for event, group in zip(events, groups)]
        if details:
            misses.append({"doc": row["doc"], "start": row["start"], "gold": row["events"], "ours": [_brief(e) for e in events]})
    result_metrics: dict[str, Any] = {"sentences": len(rows), **metrics(sum(by_language.values(), Counter()))}
    every = [pair for pairs in calibration.values() for pair in pairs]
    result_metrics["calibration_error"] = calibration_error(every)
    result_metrics["calibration_noise"] = calibration_noise([confidence for confidence, _ in every])
    for language, counts in sorted(by_language.items()):
        result_metrics.update({f"{language}.{name}": value for name, value in metrics(counts).items()})
        result_metrics[f"{language}.calibration_error"] = calibration_error(calibration[language])
        result_metrics[f"{language}.calibration_noise"] = calibration_noise([confidence for confidence, _ in calibration[language]])
    result: dict[str, Any] = {"suite": "news", "split": split, "n": len(rows), "metrics": result_metrics,
                              "confidences": {language: [[round(c, 3), ok] for c, ok in pairs] for language, pairs in sorted(calibration.items())}}
    if details:
        result["sentences"] = misses
    return result


def calibration_error(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """Expected calibration error of (confidence, correct) pairs over equal-width confidence bins: how far, on
    average over events, the confidence is from the share of strict-correct events at that confidence."""
    if not pairs:
        return 0.0
    binned: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for confidence, correct in pairs:
        binned[min(int(confidence * bins), bins - 1)].append((confidence, correct))
    gap = sum(abs(sum(c for c, _ in members) - sum(ok for _, ok in members)) for members in binned.values())
    return gap / len(pairs)


def calibration_noise(confidences: Sequence[float], draws: int = 200, seed: int = 0) -> float:
    """The mean `calibration_error` of a perfectly calibrated judge with these confidences: each draw makes every
    event correct with the probability its confidence gives (seeded, so the figure is reproducible)."""
    if not confidences:
        return 0.0
    rng = random.Random(seed)
    return sum(calibration_error([(c, rng.random() < c) for c in confidences]) for _ in range(draws)) / draws


def _brief(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "src": (event.get("source") or {}).get("code"),
        "tgt": (event.get("target") or {}).get("code"),
        "plover": event.get("plover"),
        "cameo": event.get("cameo"),
        "modality": event.get("modality"),
        "trigger": event.get("trigger"),
        "method": event.get("method"),
    }


def agreement(first: Sequence[dict[str, Any]], second: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Agreement of two annotations of the same articles: event F1 (lenient: type; strict: type, both sides'
    countries and modality), each file's events matched one to one within the sentence that holds them. Rows are
    paired by article and overlapping characters (annotators may trim or split a candidate sentence)."""
    counts: Counter[str] = Counter()
    second_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in second:
        second_by_doc[row["doc"]].append(row)
    paired: dict[tuple[str, int], int] = {}  # second-annotation rows met, with their event counts
    for row in first:
        others = [o for o in second_by_doc[row["doc"]] if o["start"] < row["end"] and row["start"] < o["end"]]
        paired.update({(o["doc"], o["start"]): len(o["events"]) for o in others})
        a = [gold_reading(e) for e in row["events"]]
        b = [gold_reading(e) for o in others for e in o["events"]]
        pairs = match(a, b)
        counts["a"] += len(a)
        counts["typed"] += len(pairs)
        counts["strict"] += sum(p.strict for p in pairs)
        counts["sentences"] += 1
        counts["both_eventful"] += bool(a) == bool(b)
    counts["b"] = sum(paired.values())
    lenient = _scores(counts["typed"], counts["b"], counts["a"])
    strict = _scores(counts["strict"], counts["b"], counts["a"])
    return {
        "sentences": counts["sentences"],
        "events_first": counts["a"],
        "events_second": counts["b"],
        "lenient_f1": lenient["f1"],
        "strict_f1": strict["f1"],
        "sentence_event_agreement": ratio(counts["both_eventful"], counts["sentences"]),
    }


def run_agreement(data_dir: Path, *, split: str = "test", limit: int | None = None, **opts: Any) -> dict[str, Any]:
    """`news-agreement`: the second, independent annotation (tests/gold/news/second/<language>.jsonl) against the
    primary one on the same articles, per language. Reads no corpus and runs no pipeline; `split` is unused."""
    result_metrics: dict[str, Any] = {}
    for language in LANGUAGES:
        second = read_rows([GOLD / "second" / f"{language}.jsonl"])
        docs = {row["doc"] for row in second}
        first = [row for row in read_rows(gold_files("dev", [language]) + gold_files("test", [language])) if row["doc"] in docs]
        result_metrics.update({f"{language}.{name}": value for name, value in agreement(first, second).items()})
        result_metrics[f"{language}.articles"] = len(docs)
    return {"suite": "news-agreement", "n": sum(v for k, v in result_metrics.items() if k.endswith(".sentences")), "metrics": result_metrics}
