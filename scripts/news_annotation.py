"""Work files for annotating the real-news gold set, and their assembly into tests/gold/news/.

    python scripts/news_annotation.py prepare ARTICLES.tsv WORKDIR   # one work file per article: its sentences
    python scripts/news_annotation.py assemble WORKDIR ARTICLES.tsv  # annotated work files -> tests/gold/news/
    python scripts/news_annotation.py second WORKDIR ARTICLES.tsv    # a second annotation -> tests/gold/news/second/

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
EVENT_KEYS = ("src", "tgt", "plover", "cameo_root", "modality", "symmetric")


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


def assemble(workdir: Path, listing: Path, *, second: bool = False) -> None:
    """Write the gold files: `<language>_<split>.jsonl`, or for a second annotation of some of the articles,
    `second/<language>.jsonl`."""
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
            out.setdefault(language if second else f"{language}_{split}", []).append(json.dumps(gold, ensure_ascii=False))
    folder = GOLD / "second" if second else GOLD
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in out.items():
        (folder / f"{name}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    command, first, second = sys.argv[1:4]
    if command == "prepare":
        prepare(Path(first), Path(second))
    elif command in ("assemble", "second"):
        assemble(Path(first), Path(second), second=command == "second")
    else:
        sys.exit(f"unknown command {command!r}: prepare, assemble or second")
