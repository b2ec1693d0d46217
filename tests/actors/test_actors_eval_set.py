"""The actor evaluation set (tests/gold/actors_eval.tsv) stays well-formed; scoring it is
benchmarks/actors_eval.py's job."""

import csv
import re
from pathlib import Path

from annales.lang import read_tsv

EVAL = Path(__file__).resolve().parent.parent / "gold" / "actors_eval.tsv"
SECTORS = {"-", "GOV", "MIL", "COP", "SPY", "LEG", "JUD", "REB", "OPP", "PTY", "CVL", "BUS", "MED", "HRI", "HLH", "REF",
           "REL", "EDU", "LAB", "AGR", "ENV", "CRM", "UAF", "NGO"}
REFERENCE = re.compile(r"^@(PLV_train\.tsv:\d+|fr-02\.txt:\d+:\d+)$")


def test_eval_set_is_well_formed() -> None:
    rows = read_tsv(EVAL)
    assert len(rows) >= 200
    assert {row["lang"] for row in rows} == {"en", "fr"}
    for row in rows:
        assert REFERENCE.match(row["text"]) or row["mention"] in row["text"], row
        assert len(row["country"]) == 3 and row["country"].isupper(), row
        assert row["sector"] in SECTORS, row
        assert row["origin"], row


def test_eval_set_references_resolve(shared_dir: Path) -> None:
    csv.field_size_limit(1 << 30)
    with (shared_dir / "gold" / "zero-shot-plover" / "PLV_train.tsv").open(encoding="utf-8", newline="") as handle:
        sentences = [record["sentence"] for record in csv.DictReader(handle, delimiter="\t")]
    article = (shared_dir / "corpus" / "fr-02.txt").read_text(encoding="utf-8")
    for row in read_tsv(EVAL):
        if row["text"].startswith("@PLV"):
            assert row["mention"] in sentences[int(row["text"].split(":")[1])], row
        elif row["text"].startswith("@fr-02"):
            _, start, end = row["text"].split(":")
            assert row["mention"] in article[int(start) : int(end)], row
