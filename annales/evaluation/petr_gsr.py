"""The `petr-gsr` suite: the UD-PETRARCH English validation records
(../shared/gold/universal-petrarch/PETR2_GSR_validation.xml, 78 sentences, 92 codings).

The file is not well-formed as shipped: most `<Sentence …/>` start tags are wrongly
self-closed and a `#` banner holds a literal `<EventCoding...>`; both are repaired in memory.
The full pipeline runs on each `<Text>` (language en, published on the record's `date`; actors
come from the actors stage).

A gold coding (eventcode, sourcecode, targetcode) is found when one predicted event has its
CAMEO root and the source and target countries: the code's first three letters against the
predicted actor's country or code prefix ("---" in gold, an unknown country, accepts any actor).
Metrics: `recall` (gold codings found), `root_recall` (some event with the gold root),
`extra_per_sentence` (dyadic predicted events — source and target both coded with a country
or code, the only kind UD-PETRARCH emits — matching no gold coding, per sentence: its "extra
events per record"),
`extra_all_per_sentence` (the same counting one-sided events too), `noevent_clean` (share of
no-event sentences left without any event). Negated and hypothetical events are not counted as
predictions: the records code neither ("The USA tanks might want Obama to head back" has no
event; "Congress is asking Obama to help Iran" only the request). `extra_with_hypothetical`
counts the hypothetical ones too.
There are no splits: every record is test data.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import AnnalesError, Errors
from . import ratio

GSR_FILE = Path("universal-petrarch") / "PETR2_GSR_validation.xml"
UNKNOWN = "---"
NOT_PREDICTED = frozenset({"negated", "hypothetical"})


@dataclass(slots=True)
class Coding:
    root: str
    source: str
    target: str


@dataclass(slots=True)
class Record:
    id: str
    text: str
    codings: list[Coding]
    published: str | None = None  # the record's date, so office-holders resolve as of then


def repair_xml(raw: str) -> str:
    """The file's text made well-formed (see the module docstring)."""
    raw = re.sub(r"(<Sentence\b[^>]*?)\s*/>", r"\1>", raw)
    return raw.replace("<EventCoding...>", "&lt;EventCoding...&gt;")


def xml_sentences(path: Path) -> list[ET.Element]:
    """The `Sentence` elements of a PETR validation file, made well-formed first; E603 when it cannot be read."""
    try:
        root = ET.fromstring(repair_xml(path.read_text(encoding="utf-8")))
    except (OSError, ET.ParseError) as exc:
        raise AnnalesError(Errors.E603.format(path=path, reason=exc)) from exc
    return list(root.iter("Sentence"))


def load_records(path: Path) -> list[Record]:
    records: list[Record] = []
    for sentence in xml_sentences(path):
        text = " ".join((sentence.findtext("Text") or "").split())
        codings = [
            Coding(root=c.get("eventcode", "")[:2], source=c.get("sourcecode", "")[:3].upper(), target=c.get("targetcode", "")[:3].upper())
            for c in sentence.findall("EventCoding")
            if c.get("eventcode")
        ]
        date = sentence.get("date", "")
        published = f"{date[:4]}-{date[4:6]}-{date[6:]}" if len(date) == 8 and date.isdigit() else None
        records.append(Record(id=sentence.get("id", ""), text=text, codings=codings, published=published))
    return records


def predict(records: list[Record], overrides: dict[str, Any] | None = None, *, language: str = "en") -> list[list[dict[str, Any]]]:
    """The pipeline's events (as JSON dicts) for each record's sentence, read as `language`."""
    from ..article import Article
    from ..config import Settings
    from ..pipeline import Pipeline

    pipeline = Pipeline(Settings.make(**{"default_language": language, **(overrides or {})}))
    articles = [Article(id=r.id, raw_text=r.text, text=r.text, language=language, published=r.published) for r in records]
    return [article.to_dict()["events"] for article in pipeline.run(articles)]


def actor_keys(ref: dict[str, Any] | None) -> set[str]:
    """Three-letter keys a predicted actor answers to: its country and its code prefix."""
    if not ref:
        return set()
    return {k.upper() for k in (ref.get("country") or "", (ref.get("code") or "")[:3]) if k}


def side_matches(gold: str, ref: dict[str, Any] | None) -> bool:
    """A gold "---" (no country: civilians, rebels of unknown origin) accepts any actor or none."""
    return gold == UNKNOWN or gold in actor_keys(ref)


def matches(coding: Coding, event: dict[str, Any]) -> bool:
    """The event has the coding's root (one of them: "18/19/20" in the Spanish records) and its actors."""
    return event.get("cameo_root") in coding.root.split("/") and side_matches(coding.source, event.get("source")) and side_matches(coding.target, event.get("target"))


def run(data_dir: Path, *, split: str = "test", limit: int | None = None, **opts: Any) -> dict[str, Any]:
    """Score the pipeline on the validation records (`split` is unused: all are test data)."""
    records = load_records(Path(data_dir) / GSR_FILE)
    if limit is not None:
        records = records[:limit]
    return {"suite": "petr-gsr", "n": len(records), "metrics": score(records, predict(records, opts.get("settings")))}


def score(records: list[Record], predictions: list[list[dict[str, Any]]]) -> dict[str, float]:
    """The metrics of the module docstring for the predicted events of each record (shared with the Spanish suite)."""
    found = rooted = extra = extra_dyadic = extra_hypothetical = predicted = total = 0
    noevent = noevent_clean = 0
    for record, events in zip(records, predictions, strict=True):
        live = [e for e in events if e.get("modality") not in NOT_PREDICTED]
        extra_hypothetical += sum(
            e.get("modality") == "hypothetical" and bool(actor_keys(e.get("source")) and actor_keys(e.get("target"))) and not any(matches(c, e) for c in record.codings)
            for e in events
        )
        predicted += len(live)
        total += len(record.codings)
        found += sum(any(matches(c, e) for e in live) for c in record.codings)
        rooted += sum(any(e.get("cameo_root") in c.root.split("/") for e in live) for c in record.codings)
        unmatched = [e for e in live if not any(matches(c, e) for c in record.codings)]
        extra += len(unmatched)
        extra_dyadic += sum(bool(actor_keys(e.get("source")) and actor_keys(e.get("target"))) for e in unmatched)
        if not record.codings:
            noevent += 1
            noevent_clean += not live
    n = len(records)
    metrics = {
        "recall": ratio(found, total),
        "root_recall": ratio(rooted, total),
        "precision": ratio(predicted - extra, predicted),
        "extra_per_sentence": ratio(extra_dyadic, n),
        "extra_all_per_sentence": ratio(extra, n),
        "extra_with_hypothetical": ratio(extra_dyadic + extra_hypothetical, n),
        "noevent_clean": ratio(noevent_clean, noevent),
        "codings": total,
    }
    return metrics
