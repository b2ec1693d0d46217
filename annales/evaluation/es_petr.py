"""The `es` suite: the UD-PETRARCH Spanish validation records
(../shared/gold/universal-petrarch/spanish_validation_1018_noaccent.xml, 1238 protest records,
and spanish_protest_plover_validation.xml, 765 records coded in PLOVER and converted to CAMEO),
read in the XML format of the English `petr-gsr` suite and scored by its code (`petr_gsr.score`).

Split (ours, deterministic): a record's document is its id without the sentence number
("AFP_SPA_19940611.0143" for "AFP_SPA_19940611.0143_6.0"); the first hex digit of the SHA-1 of
that document id decides: even -> `dev`, odd -> `test` (about half each). Every sentence of one
story falls on the same side, in both files (they share stories). `all` is both. Tune on `dev`,
report on `test`.

Gold codings: the event root is the code's first two digits; the PLOVER file's "18/19/20"
(ASSAULT) accepts any of the three roots. An actor code keeps its first three letters when they
are a country (ISO 3166 alpha-3 of xx/country_centroids.tsv), IGO or NGO; any other code — the
empty one, an agent-only code such as "~CVL" (civilians of no stated country), "X", "MNC…" —
names no country and, like "---", accepts any predicted actor or none. Records marked
evaluate="false" are left out. The metrics are `petr_gsr.score`'s; `extra_per_sentence` (dyadic
unmatched events per record) is the figure UD-PETRARCH reports as extra events per record, and
`extra_all_per_sentence` counts one-sided unmatched events too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..errors import AnnalesError
from . import petr_gsr
from .petr_gsr import UNKNOWN, Coding, Record, xml_sentences

FOLDER = Path("universal-petrarch")
FILES = ("spanish_validation_1018_noaccent.xml", "spanish_protest_plover_validation.xml")
SPLITS = ("dev", "test", "all")
LANGUAGE = "es"
ORGANISATION_PREFIXES = frozenset({"IGO", "NGO"})


def document_of(record_id: str) -> str:
    """The story a record's sentence comes from: its id up to the last "_"."""
    return record_id.rsplit("_", 1)[0]


def split_of(record_id: str) -> str:
    """`dev` or `test`, from the SHA-1 of the record's document id (see the module docstring)."""
    return "dev" if int(hashlib.sha1(document_of(record_id).encode("utf-8")).hexdigest()[0], 16) % 2 == 0 else "test"


def _countries() -> frozenset[str]:
    from ..lang import load_lang

    return frozenset(row["iso3"].upper() for row in load_lang("xx").table("country_centroids") if row.get("iso3"))


def actor_code(code: str, countries: frozenset[str]) -> str:
    """The gold side a predicted actor must answer to: a country or IGO/NGO prefix, else UNKNOWN."""
    prefix = code.strip().upper()[:3]
    return prefix if prefix in countries or prefix in ORGANISATION_PREFIXES else UNKNOWN


def event_root(code: str) -> str:
    """"145_Protest_violently_riot" -> "14"; "18/19/20" -> "18/19/20"; "" when no code."""
    code = code.strip().split("_", 1)[0]
    return "/".join(part[:2] for part in code.split("/") if part[:2].isdigit())


def load_records(path: Path, countries: frozenset[str]) -> list[Record]:
    records: list[Record] = []
    for sentence in xml_sentences(path):
        if sentence.get("evaluate", "true").strip().lower() == "false":
            continue
        text = " ".join((sentence.findtext("Text") or "").split())
        codings = [
            Coding(root=root_code, source=actor_code(c.get("sourcecode", ""), countries), target=actor_code(c.get("targetcode", ""), countries))
            for c in sentence.findall("EventCoding")
            if (root_code := event_root(c.get("eventcode", "")))
        ]
        date = sentence.get("date", "")
        published = f"{date[:4]}-{date[4:6]}-{date[6:]}" if len(date) == 8 and date.isdigit() else None
        records.append(Record(id=sentence.get("id", ""), text=text, codings=codings, published=published))
    return records


def records_for(data_dir: Path, split: str) -> dict[str, list[Record]]:
    """The records of each file (by file stem) that fall in `split`."""
    if split not in SPLITS:
        raise AnnalesError(f"the es suite has the splits {', '.join(SPLITS)}, not {split!r}")
    countries = _countries()
    out: dict[str, list[Record]] = {}
    for name in FILES:
        records = load_records(Path(data_dir) / FOLDER / name, countries)
        out[Path(name).stem] = [r for r in records if split == "all" or split_of(r.id) == split]
    return out


def run(data_dir: Path, *, split: str = "test", limit: int | None = None, **opts: Any) -> dict[str, Any]:
    """Score the Spanish pipeline on `split` of both files: the pooled metrics, and each file's as `<stem>.<metric>`."""
    by_file = records_for(data_dir, split)
    if limit is not None:
        by_file = {stem: records[:limit] for stem, records in by_file.items()}
    pooled = [r for records in by_file.values() for r in records]
    predictions = petr_gsr.predict(pooled, opts.get("settings"), language=LANGUAGE)
    metrics: dict[str, float] = dict(petr_gsr.score(pooled, predictions))
    start = 0
    for stem, records in by_file.items():
        part = predictions[start : start + len(records)]
        start += len(records)
        for name, value in petr_gsr.score(records, part).items():
            if name != "noevent_clean":
                metrics[f"{stem}.{name}"] = value
        metrics[f"{stem}.n"] = len(records)
    return {"suite": "es", "split": split, "n": len(pooled), "metrics": metrics}
