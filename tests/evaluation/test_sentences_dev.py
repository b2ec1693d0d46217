"""The fr-sentences suite's dev split: sentences of French Wikinews and BBC Afrique articles
annotated in the repository, articles read from ../shared (never copied here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annales.errors import AnnalesError
from annales.evaluation import sentences

KEYS = {"src", "tgt", "plover", "cameo_root", "modality", "symmetric"}
MODALITIES = {"asserted", "intended", "hypothetical", "reported", "negated"}


def _rows() -> list[dict]:
    paths = sorted(sentences.GOLD_DIR.glob("*_sentences_dev*.jsonl"))
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_dev_set_is_well_formed() -> None:
    rows = _rows()
    assert len(rows) >= 100
    # Only dev articles: MasakhaNEWS test ids are kept for held-out use.
    assert all(row["doc"].startswith(("wikinews-fr-", "masakhanews-fra-dev-", "masakhanews-eng-dev-")) for row in rows)
    assert any(not row["events"] for row in rows) and any(row["events"] for row in rows)
    for row in rows:
        for event in row["events"]:
            assert set(event) == KEYS and event["modality"] in MODALITIES
            assert event["plover"] and event["cameo_root"]


def test_dev_rows_point_at_whole_sentences_of_their_articles(shared_dir: Path) -> None:
    rows = _rows()
    texts = {}
    for name in {sentences.corpus_of(row) for row in rows}:
        corpus = shared_dir / "corpus" / name
        texts.update({r["id"]: r["text"] for r in map(json.loads, corpus.read_text(encoding="utf-8").splitlines())})
    for row in rows:
        assert "sentence" not in row  # the corpus text is not copied into the repository
        sentence = texts[row["doc"]][row["start"] : row["end"]]
        assert sentence.lstrip("«“\" ")[:1].isupper() and sentence.rstrip()[-1:] in ".!?»\"”", (row["doc"], row["start"])


def test_dev_split_needs_the_shared_corpus(tmp_path: Path) -> None:
    with pytest.raises(AnnalesError, match="dev articles"):
        sentences.run(tmp_path / "gold", split="dev")
    with pytest.raises(AnnalesError, match="splits"):
        sentences.run(tmp_path / "gold", split="train")
    with pytest.raises(AnnalesError, match="en-sentences has the splits dev"):
        sentences.run(tmp_path / "gold", language="en", split="test")


def test_locate_folds_both_typographic_apostrophes() -> None:
    assert sentences.locate("afin d‘éviter de rendre", "afin d'éviter de rendre le pouvoir") == (0, 23)


def test_locate_folds_double_quotes_and_a_stop_lost_in_a_repaired_glue() -> None:
    assert sentences.locate("a “return to sleaze”.", 'a "return to sleaze". Then') == (0, 21)
    assert sentences.locate("entre Gaziantep et Alep.", "entre Gaziantep et Alep Le coût") == (0, 23)
