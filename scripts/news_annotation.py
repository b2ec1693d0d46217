"""Work files for annotating the real-news gold set, and their assembly into tests/gold/news/.

    python scripts/news_annotation.py prepare ARTICLES.tsv WORKDIR   # one work file per article: its sentences
    python scripts/news_annotation.py assemble WORKDIR ARTICLES.tsv  # annotated work files -> tests/gold/news/
    python scripts/news_annotation.py second WORKDIR ARTICLES.tsv    # a second annotation -> tests/gold/news/second/
    python scripts/news_annotation.py check WORKFILE...              # report what assembly would refuse or doubt
    python scripts/news_annotation.py train WORKDIR ARTICLES.tsv     # the training set -> training/news/
    python scripts/news_annotation.py train-second WORKDIR ARTICLES.tsv  # its second annotation -> training/news/second/

ARTICLES.tsv is the output of scripts/select_news_articles.py (corpus, id, split). A work file holds the article's
title and one row per candidate sentence (its characters in the corpus `text`); annotators fill each row's `events`
under docs/annotation.md and may merge, split or drop (`"skip": true`) rows. Assembly keeps rows in the gold format
of tests/gold/news/README.md: the corpus text itself never enters the repository, the trigger becomes an offset.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpus"
GOLD = REPO / "tests" / "gold" / "news"
# A sentence ends at . ! ? or an ellipsis, possibly followed by closing quotes, before a space and a capital or an
# opening quote; a line break always ends one.
SENTENCE_END = re.compile(r"""(?<=[.!?…])["»”’)]*\s+(?=[«"“A-ZÀ-ÖØ-Þ0-9])|\n+""")
TRAINING = REPO / "training" / "news"
EVENT_KEYS = ("src", "tgt", "plover", "cameo_root", "modality", "symmetric")
PLOVER_TYPES = {
    "REQUEST", "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
}
MODALITIES = {"asserted", "reported", "intended", "hypothetical", "negated"}
# a country (ISO alpha-3) or IGO/NGO/IMG prefix, then sector letters in threes
ACTOR_CODE = re.compile(r"^[A-Z]{3}([A-Z0-9]{3})*$")


def read_articles(listing: Path) -> list[tuple[str, str, str]]:
    return [tuple(line.split("\t")) for line in listing.read_text(encoding="utf-8").splitlines() if line.strip()]  # type: ignore[misc]


def corpus_records(corpus: str, ids: set[str]) -> dict[str, dict]:
    found = {}
    for line in (CORPORA / corpus).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] in ids:
            found[record["id"]] = record
    return found


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        # closing quotes stay with the sentence they close
        end = match.start() + len(re.match(r"""["»”’)]*""", match.group(0)).group(0))  # type: ignore[union-attr]
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def prepare(listing: Path, workdir: Path) -> None:
    workdir.mkdir(parents=True, exist_ok=True)
    for corpus, doc, split in read_articles(listing):
        record = corpus_records(corpus, {doc})[doc]
        text = record["text"]
        rows = [{"corpus": corpus, "doc": doc, "start": s, "end": e, "sentence": text[s:e], "events": []} for s, e in sentences(text)]
        header = {"corpus": corpus, "doc": doc, "split": split, "title": record.get("title"), "published": record.get("published")}
        lines = [json.dumps(header, ensure_ascii=False)] + [json.dumps(row, ensure_ascii=False) for row in rows]
        (workdir / f"{doc}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def problems(path: Path) -> list[str]:
    """What is wrong in one annotated work file: unknown types, modalities or codes, triggers not in their sentence."""
    found = []
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in lines[1:]:
        where = f"{path.name} {row.get('start')}-{row.get('end')}"
        for event in row.get("events", []):
            if not event.get("plover") or not set(event["plover"]) <= PLOVER_TYPES:
                found.append(f"{where}: plover {event.get('plover')!r}")
            if not event.get("cameo_root") or any(not re.fullmatch(r"[01][0-9]|20", code) for code in event["cameo_root"]):
                found.append(f"{where}: cameo_root {event.get('cameo_root')!r}")
            if event.get("modality") not in MODALITIES:
                found.append(f"{where}: modality {event.get('modality')!r}")
            for side in ("src", "tgt"):
                codes = event.get(side)
                if not isinstance(codes, list) or not codes or any(code is not None and not ACTOR_CODE.match(code) for code in codes):
                    found.append(f"{where}: {side} {codes!r}")
            if not event.get("trigger") or event["trigger"] not in row.get("sentence", ""):
                found.append(f"{where}: trigger {event.get('trigger')!r} is not in the sentence")
    return found


def assemble(workdir: Path, listing: Path, *, second: bool = False, training: bool = False) -> None:
    """Write the gold files: `<language>_<split>.jsonl`, or for a second annotation of some of the articles,
    `second/<language>.jsonl`, or for the training set `training/news/<language>.jsonl`."""
    out: dict[str, list[str]] = {}
    for corpus, doc, split in read_articles(listing):
        path = workdir / f"{doc}.jsonl"
        if second and not path.exists():
            continue
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        text = corpus_records(corpus, {doc})[doc]["text"]
        language = "fr" if "-fr" in corpus else "en"
        for row in lines[1:]:
            if row.get("skip"):
                continue
            sentence = text[row["start"] : row["end"]]
            if row.get("sentence", sentence) != sentence:
                raise SystemExit(f"{doc}: row {row['start']}-{row['end']} does not hold its sentence: {row['sentence'][:60]!r}")
            events = []
            for event in row["events"]:
                kept = {key: event[key] for key in EVENT_KEYS if key in event}
                trigger = event.get("trigger") or ""
                at = sentence.find(trigger) if trigger else -1
                kept["trigger_start"] = row["start"] + at if at >= 0 else None
                events.append(kept)
            gold = {"corpus": corpus, "doc": doc, "start": row["start"], "end": row["end"], "events": events}
            out.setdefault(language if second or training else f"{language}_{split}", []).append(json.dumps(gold, ensure_ascii=False))
    folder = (TRAINING if training else GOLD) / ("second" if second else "")
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in out.items():
        (folder / f"{name}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    command, first, second = [*sys.argv[1:4], ""][:3]
    if command == "check":
        reports = [problem for name in sys.argv[2:] for problem in problems(Path(name))]
        print("\n".join(reports) or "no problems")
        sys.exit(1 if reports else 0)
    if command == "prepare":
        prepare(Path(first), Path(second))
    elif command in ("assemble", "second", "train", "train-second"):
        assemble(Path(first), Path(second), second=command.endswith("second"), training=command.startswith("train"))
    else:
        sys.exit(f"unknown command {command!r}: prepare, assemble, second, train, train-second or check")
