"""The `plv` suite: PLOVER relation classification on the Zero-Shot-PLOVER PLV sets
(../shared/gold/zero-shot-plover/PLV_{train,test}.tsv; Hu et al., ACL 2024).

Each row is an English sentence with its source marked `<s>…</s>` and its target `<t>…</t>`
(possibly several target spans) and a gold PLOVER root among 15 labels (CONCEDE and RETREAT
merged as YIELD). As in the zero-shot setting, source and target are given: the marked spans
become the article's two actors, the nlp and events stages run, and the prediction is the
PLOVER type of the event found between them, preferring in turn: source -> target, target ->
source, an event with either, any event; "NONE" when there is none.

Metrics: `accuracy`, `macro_f1` (over the 15 gold labels), `quad_accuracy` (the 4-way
QuadClass of prediction vs `gold_penta`), `none_rate`, `pair_rate` (share of rows decided by an
event between the marked pair). Tune on `split="train"`, report on `split="test"`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..article import Actor, Article, Event, Mention
from ..errors import AnnalesError, Errors
from . import classification_report, ratio

FOLDER = Path("zero-shot-plover")
NONE = "NONE"
SOURCE, TARGET = 0, 1
TAG = re.compile(r"</?[st]>")
BATCH = 64


@dataclass(slots=True)
class Row:
    text: str
    sources: list[tuple[int, int]]
    targets: list[tuple[int, int]]
    gold: str
    gold_quad: int


def unmark(marked: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The sentence without tags, and the character spans of its source and target marks."""
    text: list[str] = []
    spans: dict[str, list[tuple[int, int]]] = {"s": [], "t": []}
    opened: dict[str, int] = {}
    position = last = 0
    for match in TAG.finditer(marked):
        chunk = marked[last : match.start()]
        text.append(chunk)
        position += len(chunk)
        tag = match.group(0)
        kind = tag.strip("</>")
        if tag.startswith("</"):
            if kind in opened:
                start = opened.pop(kind)
                # Marks sometimes include surrounding blanks: the actor span does not.
                chunk_text = "".join(text)[start:position]
                lead = len(chunk_text) - len(chunk_text.lstrip())
                trail = len(chunk_text) - len(chunk_text.rstrip())
                spans[kind].append((start + lead, position - trail))
        else:
            opened[kind] = position
        last = match.end()
    text.append(marked[last:])
    return "".join(text), spans["s"], spans["t"]


def load_rows(path: Path) -> list[Row]:
    """Rows of a PLV file (CRLF or LF)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = [line.replace("\r", "") for line in handle]
    except OSError as exc:
        raise AnnalesError(Errors.E603.format(path=path, reason=exc)) from exc
    rows: list[Row] = []
    for record in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        text, sources, targets = unmark(record["marked_sentence"])
        penta = (record.get("gold_penta") or "").strip()
        rows.append(Row(text=text, sources=sources, targets=targets, gold=record["gold_root"].strip(), gold_quad=int(penta) if penta.isdigit() else 0))
    return rows


def _article(row: Row) -> Article:
    article = Article(raw_text=row.text, text=row.text, language="en")
    for name, code, spans in (("SOURCE", "SRC", row.sources), ("TARGET", "TGT", row.targets)):
        actor = Actor(name=name, code=code, country=None, sector=None, kind="other", method="gold:plv-mark")
        actor.mentions = [Mention(text=row.text[s:e], start=s, end=e, sentence=0, method="gold:plv-mark") for s, e in spans]
        article.actors.append(actor)
    return article


def _batches(rows: Sequence[Row]) -> Iterator[list[Row]]:
    for start in range(0, len(rows), BATCH):
        yield list(rows[start : start + BATCH])


def choose(events: Sequence[Event]) -> tuple[Event | None, bool]:
    """The event that best relates the marked pair, and whether it joins both of them."""
    def side(ref: Any) -> int | None:
        return ref.actor if ref is not None else None

    tiers: list[list[Event]] = [[], [], [], []]
    for event in events:
        if not event.plover:
            continue
        pair = (side(event.source), side(event.target))
        if pair == (SOURCE, TARGET):
            tiers[0].append(event)
        elif pair == (TARGET, SOURCE):
            tiers[1].append(event)
        elif SOURCE in pair or TARGET in pair:
            tiers[2].append(event)
        else:
            tiers[3].append(event)
    for rank, tier in enumerate(tiers):
        if tier:
            return max(tier, key=lambda e: e.confidence), rank < 2
    return None, False


def predict(rows: Sequence[Row], overrides: dict[str, Any] | None = None) -> list[tuple[Event | None, bool]]:
    """The chosen event per row: nlp stage on batches, marked actors, events stage (`overrides`: settings)."""
    from .. import events as events_stage
    from .. import nlp
    from ..config import Settings

    settings = Settings.make(**{"default_language": "en", "batch_size": BATCH, **(overrides or {})})
    chosen: list[tuple[Event | None, bool]] = []
    for batch in _batches(rows):
        articles = [_article(row) for row in batch]
        nlp.run(articles, settings)
        events_stage.run(articles, settings)
        for article in articles:
            chosen.append(choose(article.events))
            article.doc = None
    return chosen


def run(data_dir: Path, *, split: str = "test", limit: int | None = None, **opts: Any) -> dict[str, Any]:
    """Score the events stage on PLV_`split` (the first `limit` rows when given)."""
    from ..cameo.lexicon import plover_types

    rows = load_rows(Path(data_dir) / FOLDER / f"PLV_{split}.tsv")
    if limit is not None:
        rows = rows[:limit]
    types = plover_types()
    pairs: list[tuple[str, str]] = []
    quad_hits = paired = 0
    for row, (event, joined) in zip(rows, predict(rows, opts.get("settings")), strict=True):
        label = types[event.plover]["legacy"] if event is not None else NONE
        quad = int(types[event.plover]["quad_class"]) if event is not None else 0
        pairs.append((row.gold, label))
        quad_hits += quad == row.gold_quad
        paired += joined
    per_class, confusion, macro = classification_report(pairs, none_label=NONE)
    n = len(rows)
    metrics = {
        "accuracy": ratio(sum(g == p for g, p in pairs), n),
        "macro_f1": macro,
        "quad_accuracy": ratio(quad_hits, n),
        "none_rate": ratio(sum(p == NONE for _, p in pairs), n),
        "pair_rate": ratio(paired, n),
    }
    return {"suite": "plv", "split": split, "n": n, "metrics": metrics, "per_class": per_class, "confusion": confusion}
