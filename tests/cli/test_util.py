"""CLI helpers: counting inputs ahead for the progress bar, the --log file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from annales.article import Article
from annales.cli._util import ErrorLog, count_inputs
from annales.config import Settings
from annales.ingest import read_inputs


def _folder(root: Path) -> Path:
    root.mkdir()
    (root / "a.txt").write_text("Un article.")
    (root / "a.meta.json").write_text(json.dumps({"published": "2025-01-17"}))  # a sidecar is no input
    (root / "sub").mkdir()
    (root / "sub" / "b.html").write_text("<html><body><p>Un autre article.</p></body></html>")
    (root / "sub" / "c.jsonl").write_text('{"text": "un"}\n\n{"text": "deux"}\nnot json\n')
    (root / "d.json").write_text(json.dumps([{"text": "un"}, {"text": "deux"}]))
    (root / "empty.txt").write_text("")
    (root / "none.jsonl").write_text("\n")  # no record: one error record
    (root / "bom.jsonl").write_bytes(b'\xef\xbb\xbf\n{"text": "un"}\n')  # a byte order mark alone is a blank line
    return root


def test_util_count_inputs_matches_what_ingest_reads(tmp_path: Path) -> None:
    settings = Settings.make()
    folder = _folder(tmp_path / "in")
    paths = [str(folder), str(tmp_path / "missing.txt")]
    counted = count_inputs(paths, settings)
    assert counted == 1 + 1 + 3 + 2 + 1 + 1 + 1 + 1
    assert counted == len(list(read_inputs(paths, settings)))


def test_util_count_inputs_gives_up_where_counting_is_not_cheap(tmp_path: Path) -> None:
    settings = Settings.make()
    archive = tmp_path / "a.jsonl.gz"
    archive.write_bytes(gzip.compress(b'{"text": "un"}\n'))
    assert count_inputs(["-"], settings) is None
    assert count_inputs([str(archive)], settings) is None
    assert count_inputs([str(_folder(tmp_path / "in")), str(archive)], settings) is None


def test_util_error_log_writes_one_line_per_refused_input_and_a_summary(tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    good = Article(path="good.txt", raw_text="Texte.", text="Texte.")
    good.add_error("bad_date", "[W101] not a date", stage="ingest", code="W101")  # a warning: not refused
    refused = Article(path="c.jsonl", meta={"record": 2})
    refused.add_error("malformed", "[E106] Malformed JSON in c.jsonl line 4:\tExpecting value", stage="ingest", code="E106")
    error_log = ErrorLog(str(log))
    for article in (good, refused):
        error_log.record(article)
    error_log.close("stored 1 article(s), 1 with errors")
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["E106", "c.jsonl record 2", "malformed", "[E106] Malformed JSON in c.jsonl line 4: Expecting value"]
    assert lines[1].startswith("# stored 1 article(s)") and "E106 1" in lines[1]
    assert len(lines) == 2
