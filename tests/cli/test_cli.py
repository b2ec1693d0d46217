"""The command line, in-process (typer's runner): contract keys, error records, exit codes, the store round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annales.cli import app

CONTRACT_KEYS = {
    "path", "id", "title", "published", "language", "text", "captions", "repairs", "errors", "actors", "events",
    "locations", "amounts", "quotations", "dates", "themes", "tone",
}
EVENT_KEYS = {
    "source", "target", "cameo", "cameo_root", "plover", "plover_mode", "goldstein", "quad_class", "modality", "negated",
    "sentence", "sentence_text", "trigger", "start", "end", "location", "date", "confidence", "method",
}

runner = CliRunner()


def _records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_cli_extract_bad_inputs_give_error_records_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["extract", str(tmp_path), str(tmp_path / "nope.txt")])
    records = _records(result.stdout)
    assert result.exit_code == 1
    assert len(records) == 3
    assert all(r["errors"] and r["errors"][0]["message"].startswith("[E1") for r in records)
    assert "Traceback" not in result.output


def test_cli_extract_unknown_format_fails_cleanly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--format", "xml", str(tmp_path)])
    assert result.exit_code == 1 and "unknown format" in result.output


def test_cli_extract_fr02_has_every_contract_key(shared_dir: Path) -> None:
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(shared_dir / "corpus" / "fr-02.txt")])
    assert result.exit_code == 0, result.output
    [record] = _records(result.stdout)
    assert set(record) >= CONTRACT_KEYS
    assert record["language"] == "fr" and record["published"] == "2025-01-17"
    assert record["events"], "the seed article has events"
    for event in record["events"]:
        assert set(event) >= EVENT_KEYS
        assert event["source"] or event["target"]
        assert record["text"][event["start"]:event["end"]] == event["trigger"] or event["trigger"] in event["sentence_text"]
    for actor in record["actors"]:
        for mention in actor["mentions"]:
            assert record["text"][mention["start"]:mention["end"]] == mention["text"]


@pytest.mark.slow
def test_cli_ingest_examples_is_idempotent(examples_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    inputs = sorted(examples_dir.glob("*.txt"))
    assert len(inputs) >= 8
    first = runner.invoke(app, ["ingest", str(examples_dir), "--db", db])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["ingest", str(examples_dir), "--db", db])
    assert "stored 0 article(s)" in again.output
    summary = runner.invoke(app, ["summary", "--db", db])
    assert f"{len(inputs)} articles" in summary.output
    events = runner.invoke(app, ["events", "--db", db, "--format", "jsonl"])
    rows = _records(events.stdout)
    assert rows and {"AGREE", "ASSAULT"} & {r["plover"] for r in rows}
    csv_out = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--type", "AGREE"])
    assert csv_out.stdout.splitlines()[0].startswith("published,date,source_name")


def test_cli_extract_log_lists_each_refused_input(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("")
    (inputs / "bad.jsonl").write_text('{"text": "La Russie a signé un accord avec l\'Iran."}\n{oops\n')
    log = tmp_path / "run.log"
    result = runner.invoke(app, ["extract", str(inputs), "--log", str(log), "--set", "stages=('repair', 'language')"])
    lines = log.read_text(encoding="utf-8").splitlines()
    assert result.exit_code == 0
    assert sorted(line.split("\t")[0] for line in lines if not line.startswith("#")) == ["E102", "E106"]
    assert lines[-1].startswith("# 3 record(s), 1 processed, 2 refused or failed")
