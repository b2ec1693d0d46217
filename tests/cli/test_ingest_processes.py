"""`annales ingest` as real processes: killed with SIGKILL in the middle of a batch and rerun, two ingests on one store,
and `--workers N` (the same rows as one process; kill -9 of the whole process group at random moments).

Each child is `python DRIVER`, a few lines that patch one store method to stop at a known point (so the
kill lands inside a transaction, not by luck of timing) and then run the real command line.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from annales.store import TABLES

FAST = ["--set", "stages=('repair','language')"]  # no spaCy: each child starts in about a second
ARTICLES = 30
TIMEOUT = 60.0


def _corpus(folder: Path) -> Path:
    """ARTICLES small articles (curly quotes give repair rows) and two refused inputs (error rows)."""
    folder.mkdir()
    for i in range(ARTICLES):
        (folder / f"a{i:02d}.txt").write_text(
            f"Report {i}\n\nThe minister said on Monday that the “agreement” number {i} was signed in Paris with the"
            f" government of Kenya, and that talks would resume in {2000 + i}.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    return folder


def _driver(path: Path, body: str, args: list[str]) -> Path:
    """A script that runs `body` (patches) and then `annales` with `args`."""
    path.write_text(
        "import sys, time\nfrom pathlib import Path\nimport annales.store as store\n" + body
        + f"\nsys.argv = ['annales', *{args!r}]\nfrom annales.cli import main\nmain()\n", encoding="utf-8")
    return path


def _annales(*args: str) -> list[str]:
    return [sys.executable, "-c", "from annales.cli import main; main()", *args]


def _wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"the child ended ({process.returncode}) before {path.name}: {process.communicate()}")
        assert time.monotonic() < deadline, f"no {path.name} after {TIMEOUT} s"
        time.sleep(0.05)


def _rows_per_article(db: Path) -> dict[str, dict[str, int]]:
    """For every table, how many rows each article_id has."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: dict(con.execute(f"SELECT article_id, count(*) FROM {t} GROUP BY 1").fetchall()) for t in TABLES}
    finally:
        con.close()


def test_ingest_killed_inside_a_batch_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    inputs = ARTICLES + 2
    clean_db, db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    clean = subprocess.run(_annales("ingest", str(corpus), "--db", str(clean_db), *FAST), capture_output=True, text=True, timeout=TIMEOUT)
    assert clean.returncode == 0, clean.stderr
    # Batches of 5; the third stops after its articles rows are inserted, before its COMMIT, and is killed there.
    stopped = tmp_path / "stopped"
    patch = f"""
original_add_many, original_insert = store.Store.add_many, store.Store._insert
batches = []
def add_many(self, articles):
    batches.append(len(articles))
    return original_add_many(self, articles)
def insert(self, table, rows):
    original_insert(self, table, rows)
    if len(batches) == 3:
        Path({str(stopped)!r}).write_text(str(len(rows)))
        time.sleep(600)
store.Store.add_many, store.Store._insert = add_many, insert
"""
    driver = _driver(tmp_path / "killed.py", patch, ["ingest", str(corpus), "--db", str(db), "--commit-every", "5", *FAST])
    with subprocess.Popen([sys.executable, str(driver)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as child:
        try:
            _wait_for(stopped, child)
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.communicate()
    assert child.returncode == -signal.SIGKILL
    after_kill = _rows_per_article(db)
    # The two committed batches are there whole; nothing of the third (its rows were inserted, not committed).
    assert len(after_kill["articles"]) == 10
    assert set(after_kill["repairs"]) <= set(after_kill["articles"])
    rerun = subprocess.run(_annales("ingest", str(corpus), "--db", str(db), *FAST), capture_output=True, text=True, timeout=TIMEOUT)
    assert rerun.returncode == 0, rerun.stderr
    said = " ".join(rerun.stderr.split())
    assert f"stored {ARTICLES - 10} article(s), 2 with errors, 10 skipped" in said and f"; {inputs} in" in said
    resumed, expected = _rows_per_article(db), _rows_per_article(clean_db)
    assert sum(expected["repairs"].values()) > 0 and len(expected["errors"]) == 2
    assert len(expected["articles"]) == inputs  # input count = records + error records
    for table in TABLES:
        assert resumed[table] == expected[table], table  # no article lost, none duplicated, in any table


def test_ingest_second_process_waits_for_the_store_then_proceeds_or_gives_e907(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    holding, release = tmp_path / "holding", tmp_path / "release"
    # The first ingest stops after its first batch, holding the store, until the test releases it.
    hold = f"""
original_add_many = store.Store.add_many
def add_many(self, articles):
    keys = original_add_many(self, articles)
    Path({str(holding)!r}).touch()
    while not Path({str(release)!r}).exists():
        time.sleep(0.05)
    return keys
store.Store.add_many = add_many
"""
    first_driver = _driver(tmp_path / "first.py", hold, ["ingest", str(corpus), "--db", str(db), *FAST])
    # The waiting ingest says when it has found the store locked at least once.
    waiting = tmp_path / "waiting"
    notice = f"""
import duckdb
original_connect = duckdb.connect
def connect(*args, **kwargs):
    try:
        return original_connect(*args, **kwargs)
    except duckdb.IOException:
        Path({str(waiting)!r}).touch()
        raise
duckdb.connect = connect
"""
    waiter_driver = _driver(tmp_path / "waiter.py", notice, ["ingest", str(corpus), "--db", str(db), "--wait", "60", *FAST])
    with subprocess.Popen([sys.executable, str(first_driver)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as first:
        try:
            _wait_for(holding, first)
            # A second ingest that will not wait long enough: the coded message, exit 1, no traceback.
            quick = subprocess.run(_annales("ingest", str(corpus), "--db", str(db), "--wait", "0.5", *FAST),
                                   capture_output=True, text=True, timeout=TIMEOUT)
            assert quick.returncode == 1
            assert "[E907]" in quick.stderr and "Traceback" not in quick.stderr + quick.stdout
            # One that waits: it is refused at least once, then gets the store when the first ingest ends.
            with subprocess.Popen([sys.executable, str(waiter_driver)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as waiter:
                try:
                    _wait_for(waiting, waiter)
                    release.touch()
                    _, first_err = first.communicate(timeout=TIMEOUT)
                    _, waiter_err = waiter.communicate(timeout=TIMEOUT)
                finally:
                    waiter.kill()
        finally:
            release.touch()
            first.kill()
    assert first.returncode == 0, first_err
    assert waiter.returncode == 0, waiter_err
    assert "Traceback" not in waiter_err
    assert f"stored 0 article(s), 0 with errors, {ARTICLES + 2} skipped" in " ".join(waiter_err.split())
    assert len(_rows_per_article(db)["articles"]) == ARTICLES + 2


@pytest.mark.slow
def test_two_workers_store_exactly_what_one_process_stores(tmp_path: Path, examples_dir: Path, store_contents: Callable[[Path], object]) -> None:
    stores = {}
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.duckdb"
        done = subprocess.run(_annales("ingest", str(examples_dir), "--db", str(db), "--workers", workers), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        stores[workers] = store_contents(db)
    assert len(stores["1"]["events"]) > 100
    for table in TABLES:
        assert stores["2"][table] == stores["1"][table], table


def test_multi_worker_ingest_killed_at_random_moments_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    many = 600  # enough work that a kill lands mid-run, with only the cheap stages
    for i in range(many):
        (corpus / f"a{i:03d}.txt").write_text(f"Report {i}\n\nThe minister said that the “agreement” number {i} was signed in Paris.\n", encoding="utf-8")
    clean_db, db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    options = ["--workers", "2", "--commit-every", "3", "--set", "batch_size=2", *FAST]
    started = time.monotonic()
    clean = subprocess.run(_annales("ingest", str(corpus), "--db", str(clean_db), *options), capture_output=True, text=True, timeout=TIMEOUT)
    duration = time.monotonic() - started
    assert clean.returncode == 0, clean.stderr
    rng = random.Random(7)
    command = _annales("ingest", str(corpus), "--db", str(db), *options)
    stored_after_kills: list[int] = []
    kills = 0
    for _ in range(12):
        if kills == 4:
            break
        # the whole process group (the ingest and its workers) dies at a random moment of a run
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        time.sleep(rng.uniform(0.35, 0.9) * duration)
        finished = child.poll() is not None
        if not finished:
            os.killpg(child.pid, signal.SIGKILL)
            kills += 1
        child.communicate()
        if finished and not stored_after_kills:
            # the machine ran this one faster than the clean run it was timed on: start again, sooner
            db.unlink(missing_ok=True)
            duration /= 2
            continue
        if db.exists():
            con = duckdb.connect(str(db), read_only=True)
            try:
                total, distinct = con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone()
                assert total == distinct
                stored_after_kills.append(total)
            finally:
                con.close()
    assert any(0 < n < many for n in stored_after_kills), stored_after_kills
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    assert rerun.returncode == 0, rerun.stderr
    resumed, expected = _rows_per_article(db), _rows_per_article(clean_db)
    assert len(expected["articles"]) == many
    for table in TABLES:
        assert resumed[table] == expected[table], table
