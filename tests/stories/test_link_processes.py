"""The link step as real processes: `annales ingest` links at its end and records exact copies; `annales link`
killed with SIGKILL inside a chunk's transaction resumes without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

FAST = ["--set", "stages=('repair','language')"]  # no spaCy: each child starts in about a second
TIMEOUT = 60.0
TOPICS = ("harbour strike in Rotterdam", "election count in Nairobi", "wildfire near Valencia", "bank merger in Frankfurt")


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(24):
        topic = TOPICS[i % len(TOPICS)]
        (folder / f"a{i:02d}.txt").write_text(
            f"Report {i} on the {topic}\n\nOfficials said on Monday that the {topic} had entered its {i + 2}th day, and that"
            f" talks with the unions and the city council would resume on Thursday if the {topic} went on. Residents"
            f" interviewed near the scene described long queues, closed shops and buses that did not run at all.\n",
            encoding="utf-8")
    # an exact copy under another name: recorded as a copy, not stored twice
    (folder / "z-copy.txt").write_text((folder / "a00.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _annales(*args: str) -> list[str]:
    return [sys.executable, "-c", "from annales.cli import main; main()", *args]


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": con.execute("SELECT count(*) FROM articles WHERE ok").fetchone()[0],  # type: ignore[index]
            "linked": con.execute("SELECT count(*) FROM link_state").fetchone()[0],  # type: ignore[index]
            "in_stories": con.execute("SELECT count(*) FROM story_articles").fetchone()[0],  # type: ignore[index]
            "distinct_in_stories": con.execute("SELECT count(DISTINCT article_id) FROM story_articles").fetchone()[0],  # type: ignore[index]
            "copies": con.execute("SELECT count(*) FROM article_copies").fetchone()[0],  # type: ignore[index]
            "story_rows": con.execute("SELECT count(*) FROM stories").fetchone()[0],  # type: ignore[index]
            "story_members": con.execute("SELECT coalesce(sum(n_articles), 0) FROM stories").fetchone()[0],  # type: ignore[index]
        }
    finally:
        con.close()


def test_ingest_links_at_its_end_and_records_the_exact_copy_once(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    said = []
    for _ in range(2):
        run = subprocess.run(_annales("ingest", str(corpus), "--db", str(db), *FAST), capture_output=True, text=True, timeout=TIMEOUT)
        assert run.returncode == 0, run.stderr
        said.append(" ".join(run.stderr.split()))
    assert "linked 24 article(s)" in said[0] and "linked" not in said[1]  # the rerun has nothing to link
    counts = _counts(db)
    assert counts["articles"] == 24 and counts["linked"] == 24 and counts["copies"] == 1
    assert counts["in_stories"] == counts["distinct_in_stories"] == counts["story_members"] == 24


def test_link_killed_inside_a_chunk_resumes_without_duplicates(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    run = subprocess.run(_annales("ingest", str(corpus), "--db", str(db), "--no-link", *FAST), capture_output=True, text=True, timeout=TIMEOUT)
    assert run.returncode == 0, run.stderr
    assert _counts(db)["linked"] == 0
    stopped = tmp_path / "stopped"
    driver = tmp_path / "killed.py"
    driver.write_text(f"""
import sys, time
from pathlib import Path
import annales.cli.store_commands as commands
import annales.stories.link as link
original_link_store, original_records = commands.link_store, link.link_records
chunks = []
def link_store(con, **options):
    return original_link_store(con, chunk=5, **options)
def link_records(con, keys, **options):
    chunks.append(len(keys))
    found = original_records(con, keys, **options)
    if len(chunks) == 3:
        Path({str(stopped)!r}).write_text("in the third chunk")
        time.sleep(600)
    return found
commands.link_store, link.link_records = link_store, link_records
sys.argv = ['annales', 'link', '--db', {str(db)!r}]
from annales.cli import main
main()
""", encoding="utf-8")
    with subprocess.Popen([sys.executable, str(driver)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as child:
        deadline = time.monotonic() + TIMEOUT
        try:
            while not stopped.exists():
                assert child.poll() is None, child.communicate()
                assert time.monotonic() < deadline
                time.sleep(0.05)
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.communicate()
    after_kill = _counts(db)
    assert after_kill["linked"] == 10 and after_kill["in_stories"] == 10  # two chunks whole, nothing of the third
    rerun = subprocess.run(_annales("link", "--db", str(db)), capture_output=True, text=True, timeout=TIMEOUT)
    assert rerun.returncode == 0, rerun.stderr
    counts = _counts(db)
    assert counts["linked"] == counts["in_stories"] == counts["distinct_in_stories"] == counts["story_members"] == 24
