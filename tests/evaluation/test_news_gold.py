"""The real-news gold set (tests/gold/news/): its shape, its split, and rows that point at the corpus."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from annales.evaluation import news
from annales.lang import load_lang

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
from select_news_articles import RESERVED  # noqa: E402

KEYS = {"src", "tgt", "plover", "cameo_root", "modality", "symmetric", "trigger_start"}
MODALITIES = {"asserted", "intended", "hypothetical", "reported", "negated"}
CODE = re.compile(r"^(IGO|NGO)[A-Z0-9]*$|^[A-Z]{3}([A-Z]{3}){0,2}$")


def _rows(split: str) -> list[dict]:
    return news.read_rows(news.gold_files(split))


def test_news_gold_has_twenty_articles_per_language_split_by_article() -> None:
    dev, test = _rows("dev"), _rows("test")
    for language in news.LANGUAGES:
        dev_docs = {r["doc"] for r in dev if r["language"] == language}
        test_docs = {r["doc"] for r in test if r["language"] == language}
        assert len(dev_docs) == len(test_docs) == 10 and not dev_docs & test_docs
    assert not {r["doc"] for r in dev + test} & RESERVED


def test_news_gold_events_are_well_formed() -> None:
    types = {row["type"] for row in load_lang("xx").table("plover_types")}
    rows = _rows("dev") + _rows("test")
    assert any(not r["events"] for r in rows) and sum(len(r["events"]) for r in rows) >= 400
    for row in rows:
        assert "sentence" not in row  # the corpus text is not copied into the repository
        for event in row["events"]:
            assert set(event) == KEYS and event["modality"] in MODALITIES
            assert event["plover"] and set(event["plover"]) <= types
            assert event["cameo_root"] and all(re.fullmatch(r"0[2-9]|1\d|20", root) for root in event["cameo_root"])
            for side in (event["src"], event["tgt"]):
                assert side and all(code is None or CODE.match(code) for code in side), side


def test_news_second_annotation_covers_five_articles_per_language() -> None:
    primary = {r["doc"] for r in _rows("dev") + _rows("test")}
    for language in news.LANGUAGES:
        second = news.read_rows([news.GOLD / "second" / f"{language}.jsonl"])
        docs = {r["doc"] for r in second}
        assert len(docs) >= 5 and docs <= primary


def test_news_rows_point_into_their_articles(shared_dir: Path) -> None:
    rows = _rows("dev") + _rows("test")
    texts: dict[str, str] = {}
    for name in {r["corpus"] for r in rows}:
        for line in (shared_dir / "corpus" / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    for row in rows:
        text = texts[row["doc"]]
        assert 0 <= row["start"] < row["end"] <= len(text) and text[row["start"] : row["end"]].strip()
        for event in row["events"]:
            assert event["trigger_start"] is None or row["start"] <= event["trigger_start"] < row["end"]


@pytest.mark.slow
def test_news_suite_scores_the_dev_split(shared_dir: Path) -> None:
    result = news.run(shared_dir / "gold", split="dev", languages=("fr",), limit=20)
    figures = result["metrics"]
    assert result["n"] == 20 and figures["gold_events"] > 0
    assert 0.0 <= figures["strict_precision"] <= figures["lenient_precision"] <= 1.0
    assert figures["strict_recall"] <= figures["lenient_recall"]
