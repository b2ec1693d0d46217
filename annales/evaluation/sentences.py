"""The `fr-sentences` and `en-sentences` suites: sentence-level event precision and recall on
our own annotated sets (`tests/gold/<language>_sentences*.jsonl`).

Splits, annotated by the project in one format (see tests/gold/README.md). A language may instead keep its
articles and both splits in its own folder, `tests/gold/<language>/` (`sentences_test.jsonl`,
`sentences_dev.jsonl`, the articles beside them: Russian, see tests/gold/ru/README.md).
- `test` (held out: report on it, never tune on it; French only): `tests/gold/fr_sentences.jsonl`,
  every French body sentence of `examples/`;
- `dev` (for tuning; the only split in English): `tests/gold/<language>_sentences_dev*.jsonl`,
  every body sentence of articles read from a corpus under ../shared/corpus: the row's `corpus`
  (by default wikinews-fr/wikinews-fr.jsonl; also masakhanews/masakhanews-fr.jsonl and
  masakhanews-en.jsonl, BBC Afrique and BBC News), `doc` the article id, `start`/`end`
  the annotated sentence's characters in its input `text` (the corpus text is never copied into
  the repository). Figures are also given per corpus.

Each article is processed whole (actors are resolved across the document), each annotated
sentence is located in the cleaned text, and the events whose trigger falls inside it are
compared with its annotations:
- recall: annotated events matched by an event of the same type (PLOVER or CAMEO root), actors
  and modality; `recall_any_modality` relaxes the modality;
- precision: our events in annotated sentences that match an annotation there (modality too);
- modality accuracy: among type-and-actor matches, the share with the annotated modality.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..errors import AnnalesError
from . import prf, ratio
from .expected import event_matches

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "tests" / "gold"
DEFAULT_EXAMPLES = REPO / "examples"
# The dev corpora's folder, relative to the gold folder (../shared/gold -> ../shared/corpus), and
# the corpus of a row that names none.
CORPORA = Path("..") / "corpus"
DEFAULT_CORPUS = "wikinews-fr/wikinews-fr.jsonl"
SPLITS = ("test", "dev")


def test_set(language: str) -> Path:
    own = GOLD_DIR / language / "sentences_test.jsonl"  # a language whose articles live in its own gold folder
    return own if own.exists() else GOLD_DIR / f"{language}_sentences.jsonl"


def dev_sets(language: str) -> list[Path]:
    own = GOLD_DIR / language / "sentences_dev.jsonl"
    return sorted(GOLD_DIR.glob(f"{language}_sentences_dev*.jsonl")) + ([own] if own.exists() else [])


def local_articles(annotations: list[Path]) -> Path | None:
    """The folder of the annotated articles when they sit beside their annotations (tests/gold/<language>/)."""
    folders = {path.parent for path in annotations}
    return folders.pop() if len(folders) == 1 and GOLD_DIR in next(iter(folders)).parents else None


def corpus_of(row: dict[str, Any]) -> str:
    """A dev row's corpus file, relative to the corpora folder."""
    corpus: str = row.get("corpus", DEFAULT_CORPUS)
    return corpus


def run(
    data_dir: Path,
    *,
    language: str = "fr",
    split: str = "test",
    limit: int | None = None,
    annotations: list[Path] | None = None,
    examples: Path = DEFAULT_EXAMPLES,
    corpora: Path | None = None,
    **opts: Any,
) -> dict[str, Any]:
    """Score the events of `language` sentence by sentence on the `test` set (the examples, in
    the repository) or the `dev` set (articles read from the corpora folder `corpora`, by default
    data_dir/../corpus)."""
    suite = f"{language}-sentences"
    splits = [name for name in SPLITS if annotations or (test_set(language).exists() if name == "test" else dev_sets(language))]
    if split not in splits:
        raise AnnalesError(f"{suite} has the splits {', '.join(splits) or '(none)'}, not {split!r}")
    annotations = annotations or (dev_sets(language) if split == "dev" else [test_set(language)])
    missing = [path for path in annotations if not path.exists()]
    if missing:
        raise AnnalesError(f"no sentence annotations at {missing[0]} (they ship with a checkout of the repository)")
    rows = read_annotations(annotations)
    if limit is not None:
        rows = rows[:limit]
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_doc[row["doc"]].append(row)
    local = local_articles(annotations)
    if local is not None:
        examples = local  # the split's articles are in the repository, beside its annotations
    if split == "dev" and local is None:
        folder = corpora or Path(data_dir) / CORPORA
        records: dict[str, dict[str, Any]] = {}
        for name in sorted({corpus_of(row) for row in rows}):
            ids = {row["doc"] for row in rows if corpus_of(row) == name}
            records.update(_process_records(folder / name, ids, opts.get("settings")))
        # Dev rows point into the corpus text (the input as read) by offsets: its sentences are not ours to copy.
        for row in rows:
            if "sentence" not in row and row["doc"] in records:
                row["sentence"] = records[row["doc"]]["raw_text"][row["start"] : row["end"]]
        source = folder
    else:
        source = examples
        records = {Path(path).name: record for path, record in _process([examples / doc for doc in by_doc], opts.get("settings")).items()}
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, doc_rows in by_doc.items():
        record = records.get(doc)
        if record is None:
            raise AnnalesError(f"annotated article {doc} is missing from {source}")
        for row in doc_rows:
            counts = by_source[Path(corpus_of(row)).stem if split == "dev" and local is None else "examples"]
            span = locate(row["sentence"], record["text"])
            gold = [_spec(e) for e in row["events"]]
            counts["gold"] += len(gold)
            if span is None:
                counts["unlocated"] += 1
                continue
            ours = [e for e in record["events"] if span[0] <= e["start"] < span[1]]
            counts["ours"] += len(ours)
            counts["ours_matched"] += sum(any(event_matches(g, e) for g in gold) for e in ours)
            for g in gold:
                loose = {**g, "modality": None}
                typed = [e for e in ours if event_matches(loose, e)]
                counts["found_any_modality"] += bool(typed)
                counts["found"] += any(event_matches(g, e) for e in typed)
    metrics = {"sentences": len(rows), **_metrics(sum(by_source.values(), Counter()))}
    if len(by_source) > 1:
        for name, counts in sorted(by_source.items()):
            part = _metrics(counts)
            metrics.update({f"{name}.precision": part["precision"], f"{name}.recall": part["recall"]})
    return {"suite": suite, "split": split, "n": len(rows), "metrics": metrics}


def _metrics(counts: Counter[str]) -> dict[str, Any]:
    scores = prf(counts["ours_matched"], counts["ours"] - counts["ours_matched"], counts["gold"] - counts["found"])
    recall = ratio(counts["found"], counts["gold"])
    return {
        "gold_events": counts["gold"],
        "our_events": counts["ours"],
        "precision": scores["precision"],
        "recall": recall,
        "f1": ratio(2 * scores["precision"] * recall, scores["precision"] + recall),
        "recall_any_modality": ratio(counts["found_any_modality"], counts["gold"]),
        "modality_accuracy": ratio(counts["found"], counts["found_any_modality"]),
        "unlocated_sentences": counts["unlocated"],
    }


def locate(sentence: str, text: str) -> tuple[int, int] | None:
    """Character span of an annotated sentence in the cleaned text (apostrophes and spacing
    folded; its final stop optional: a repaired glued pair "AlepLe" gives "Alep Le", no stop)."""
    folded_text = _fold(text)
    words = _fold(sentence).split()
    stop = words[-1][-1] if words and words[-1][-1] in ".!?" and len(words[-1]) > 1 else ""
    if stop:
        words[-1] = words[-1][:-1]
    pattern = r"\s+".join(re.escape(word) for word in words) + (re.escape(stop) + "?" if stop else "")
    match = re.search(pattern, folded_text)
    return match.span() if match else None


TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _fold(text: str) -> str:
    """Typographic apostrophes and double quotes as the ASCII ones (cleaning may change either)."""
    return text.translate(TYPOGRAPHIC)


def _spec(event: dict[str, Any]) -> dict[str, Any]:
    """An annotation as an expected-format event spec (its single modality becomes a list)."""
    return {**event, "modality": [event.get("modality") or "asserted"]}


def _process(paths: list[Path], overrides: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    from ..config import Settings
    from ..ingest import read_inputs
    from ..pipeline import Pipeline

    settings = Settings.make(**(overrides or {}))
    return {a.path: a.to_dict() for a in Pipeline(settings).run(read_inputs([str(p) for p in paths], settings)) if a.path}


def _process_records(corpus: Path, ids: set[str], overrides: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The processed articles of a JSONL corpus whose `id` is in `ids`, keyed by id (`overrides`: settings)."""
    from ..config import Settings
    from ..ingest import read_bytes
    from ..pipeline import Pipeline

    if not corpus.is_file():
        raise AnnalesError(f"the dev articles are read from {corpus}, which is missing (../shared/corpus ships beside a checkout)")
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip() and json.loads(line).get("id") in ids]
    settings = Settings.make(**(overrides or {}))
    articles = Pipeline(settings).run(read_bytes(corpus.name, "\n".join(lines).encode("utf-8"), settings))
    return {a.id: a.to_dict() for a in articles if a.id}


def run_agreement(data_dir: Path, *, language: str, split: str = "test", limit: int | None = None, **opts: Any) -> dict[str, Any]:
    """`<language>-agreement`: the second, independent annotation of a sample (tests/gold/<language>/second.jsonl,
    the same sentences in the same order) against the primary annotation, scored as `news-agreement` scores its
    own. Reads no corpus and runs no pipeline; `split` and `data_dir` are unused."""
    from .news import agreement

    second = read_annotations([GOLD_DIR / language / "second.jsonl"])
    docs = {row["doc"] for row in second}
    first = [row for row in read_annotations([test_set(language), *dev_sets(language)]) if row["doc"] in docs]
    order = {doc: index for index, doc in enumerate(dict.fromkeys(row["doc"] for row in second))}
    first.sort(key=lambda row: order[row["doc"]])  # stable: the sentences keep their order within an article
    if [row["sentence"] for row in first] != [row["sentence"] for row in second]:
        raise AnnalesError(f"{language}: the second annotation does not hold the same sentences as the first")
    metrics = {**agreement(_numbered(first), _numbered(second)), "articles": len(docs)}
    return {"suite": f"{language}-agreement", "n": metrics["sentences"], "metrics": metrics}


def read_annotations(paths: list[Path]) -> list[dict[str, Any]]:
    """The rows of sentence annotation files (JSON Lines), in order."""
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _numbered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with `start`/`end` as the sentence's rank in its article, the offsets `agreement` pairs rows by."""
    rank: Counter[str] = Counter()
    numbered = []
    for row in rows:
        numbered.append({**row, "start": rank[row["doc"]], "end": rank[row["doc"]] + 1})
        rank[row["doc"]] += 1
    return numbered
