"""`annales serve` and `annales ingest` on the same store at the same time: neither blocks nor kills the other,
and the server shows the ingest's batches as they are committed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from annales.server import create_app
from annales.store import Store, read_request_path

ARTICLES = 8


def corpus(folder: Path, examples: Path) -> Path:
    """`ARTICLES` distinct articles made from the examples (a line added so each has its own content hash)."""
    folder.mkdir()
    for index, source in enumerate(sorted(examples.glob("en-*.txt"))[:2] * (ARTICLES // 2)):
        (folder / f"article-{index}.txt").write_text(source.read_text(encoding="utf-8") + f"\nCopy {index}.\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_server_keeps_serving_and_sees_batches_while_an_ingest_writes(tmp_path: Path, examples_dir: Path) -> None:
    db = tmp_path / "annales.duckdb"
    Store(db).close()
    ingest = subprocess.Popen(
        [sys.executable, "-m", "annales", "ingest", str(corpus(tmp_path / "corpus", examples_dir)), "--db", str(db), "--commit-every", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    seen: list[int] = []
    reader_exit_codes: list[int] = []
    try:
        with TestClient(create_app(db, refresh=0.2, snapshot_dir=tmp_path)) as client:
            while ingest.poll() is None:
                response = client.get("/api/meta")
                assert response.status_code == 200, response.text
                seen.append(response.json()["articles"])
                assert client.get("/api/events", params={"limit": 5}).status_code == 200
                if len(reader_exit_codes) < 2 and seen[-1] > 0:
                    # a CLI reader during the ingest waits for a batch boundary instead of failing
                    reader = subprocess.run([sys.executable, "-m", "annales", "summary", "--db", str(db)], capture_output=True, text=True, timeout=120)
                    reader_exit_codes.append(reader.returncode)
                time.sleep(0.2)
            _, errors = ingest.communicate(timeout=60)
            assert ingest.returncode == 0, errors
            deadline = time.monotonic() + 60
            while client.get("/api/meta").json()["articles"] < ARTICLES and time.monotonic() < deadline:
                time.sleep(0.2)
            seen.append(client.get("/api/meta").json()["articles"])
    finally:
        if ingest.poll() is None:
            ingest.kill()
    assert seen == sorted(seen), "a later snapshot never shows less"
    assert seen[-1] == ARTICLES
    assert any(0 < n < ARTICLES for n in seen), f"no batch was seen while the ingest ran: {seen}"
    assert reader_exit_codes and set(reader_exit_codes) == {0}
    assert not Path(read_request_path(str(db))).exists()
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone() == (ARTICLES, ARTICLES)
