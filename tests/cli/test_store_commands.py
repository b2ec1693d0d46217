"""`annales ingest` options in-process (typer's runner, no spaCy): --log, the progress total, Ctrl-C; summary's --top."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from annales.article import Article
from annales.cli import app
from annales.pipeline import Pipeline

FAST = ["--set", "stages=('repair','language')"]
runner = CliRunner()


def _corpus(folder: Path, n: int = 12) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(f"The minister said on Monday that agreement {i} was signed in Paris with Kenya.\n")
    (folder / "records.jsonl").write_text('{"text": "A record about the talks in Nairobi on trade and security."}\nnot json\n')
    (folder / "empty.txt").write_text("")
    return folder


def _said(output: str) -> str:
    return " ".join(output.split())


def test_store_commands_ingest_log_lists_each_refused_input_with_its_code(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    log = tmp_path / "ingest.log"
    result = runner.invoke(app, ["ingest", str(corpus), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.duckdb"), "--log", str(log), *FAST])
    assert result.exit_code == 0, result.output
    lines = log.read_text(encoding="utf-8").splitlines()
    entries = sorted(line.split("\t")[:3] for line in lines[:-1])
    assert entries == [
        ["E102", str(corpus / "empty.txt"), "empty"],
        ["E106", str(corpus / "records.jsonl") + " record 1", "malformed"],
        ["E107", str(tmp_path / "missing.txt"), "unreadable"],
    ]
    assert lines[-1].startswith("# stored 13 article(s), 3 with errors") and "E102 1, E106 1, E107 1" in lines[-1]
    # the progress bar had the total ahead: 12 files + 2 JSON Lines records + 1 empty file + 1 missing path
    assert "16/16" in result.output


def test_store_commands_ingest_log_in_an_unwritable_place_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(_corpus(tmp_path / "in")), "--db", str(tmp_path / "s.duckdb"),
                                 "--log", str(tmp_path / "no" / "such" / "dir" / "x.log"), *FAST])
    assert result.exit_code == 2 and "[E101]" in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, no traceback
    assert not (tmp_path / "s.duckdb").exists()  # refused before the store was touched


def test_store_commands_ingest_interrupted_keeps_finished_articles_and_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    original = Pipeline.run

    def interrupted(self: Pipeline, articles: Iterator[Article]) -> Iterator[Article]:
        for done, article in enumerate(original(self, articles), start=1):
            yield article
            if done == 7:
                raise KeyboardInterrupt

    monkeypatch.setattr(Pipeline, "run", interrupted)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--commit-every", "5", *FAST])
    assert result.exit_code == 130 and "interrupted: 7 input(s) stored" in _said(result.output)
    monkeypatch.setattr(Pipeline, "run", original)
    again = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), *FAST])
    assert again.exit_code == 0, again.output
    assert "7 skipped" in _said(again.output)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone() == (15, 15)


@pytest.mark.parametrize("top", ["0", "-1"])
def test_store_commands_summary_top_below_one_is_a_usage_error(tmp_path: Path, top: str) -> None:
    result = runner.invoke(app, ["summary", "--db", str(tmp_path / "none.duckdb"), "--top", top])
    assert result.exit_code == 2
    assert "--top" in result.output and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("command", [["events"], ["export", "--format", "gdelt"]])
@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_store_commands_min_confidence_outside_zero_to_one_is_a_usage_error(tmp_path: Path, command: list[str], value: str) -> None:
    result = runner.invoke(app, [*command, "--db", str(tmp_path / "none.duckdb"), "--min-confidence", value])
    assert result.exit_code == 2
    assert "--min-confidence" in _said(result.output) and "Traceback" not in result.output


def test_store_commands_ingest_min_confidence_outside_zero_to_one_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "s.duckdb"), "--min-confidence", "2"])
    assert result.exit_code == 2 and "min_confidence" in _said(result.output)
