"""`annales ingest --engine dask`: the same records as one process, through the Parquet dataset and
`annales load-parquet`; a worker lost mid-run costs only its chunk; a cut-off part is never counted.

The cluster tests start a LocalCluster of two small worker processes with the cheap stages (no spaCy): a few
seconds each. Without dask installed they are skipped, except under CI (CI=true), where dask must be there."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from annales.article import Article
from annales.config import Settings
from annales.engines.dataset import MARKERS, DatasetWriter, chunk_tables, committed_files, stored_keys
from annales.store import TABLES

if os.environ.get("CI", "").lower() != "true":
    pytest.importorskip("distributed", reason="the Dask engine's extra is not installed: pip install -e '.[dask]'")

FAST = ["--set", "stages=('repair','language')"]
ARTICLES = 40
TIMEOUT = 120.0


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(ARTICLES):
        meta = f'{{"published": "2025-{1 + i % 3:02d}-1{i % 10}"}}' if i % 4 else "{}"
        (folder / f"a{i:02d}.txt").write_text(
            f"Report {i}\n\nThe minister said on Monday that the “agreement” number {i} was signed in Paris with the"
            f" government of Kenya, and that talks would resume in {2000 + i}.\n", encoding="utf-8")
        (folder / f"a{i:02d}.meta.json").write_text(meta, encoding="utf-8")
    (folder / "empty.txt").write_text("")
    return folder


def _annales(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from annales.cli import main; main()", *args], capture_output=True, text=True, timeout=TIMEOUT)


def test_dask_ingest_then_load_parquet_gives_what_one_process_stores(tmp_path: Path, store_contents: Callable[[Path], object]) -> None:
    corpus = _corpus(tmp_path / "in")
    local_db, dask_db, dataset = tmp_path / "local.duckdb", tmp_path / "dask.duckdb", tmp_path / "dataset"
    local = _annales("ingest", str(corpus), "--db", str(local_db), "--workers", "1", *FAST)
    assert local.returncode == 0, local.stderr
    ran = _annales("ingest", str(corpus), "--engine", "dask", "--workers", "2", "--out", str(dataset), *FAST)
    assert ran.returncode == 0, ran.stderr
    said = " ".join(ran.stderr.split())
    assert f"wrote {ARTICLES} article(s), 1 with errors" in said and "Traceback" not in said
    # partitioned by language and publication month
    months = {p.name for p in (dataset / "articles" / "lang=en").iterdir()}
    assert {"month=2025-01", "month=2025-02", "month=2025-03", "month=unknown"} <= months
    loaded = _annales("load-parquet", str(dataset), "--db", str(dask_db))
    assert loaded.returncode == 0, loaded.stderr
    expected, got = store_contents(local_db), store_contents(dask_db)
    assert len(expected["articles"]) == ARTICLES + 1 and expected["repairs"] and expected["errors"]
    for table in TABLES:
        assert got[table] == expected[table], table
    # a rerun of either step adds nothing
    again = _annales("ingest", str(corpus), "--engine", "dask", "--workers", "1", "--out", str(dataset), *FAST)
    assert again.returncode == 0, again.stderr
    assert f"wrote 0 article(s), 0 with errors, {ARTICLES + 1} skipped" in " ".join(again.stderr.split())
    assert _annales("load-parquet", str(dataset), "--db", str(dask_db)).returncode == 0
    assert store_contents(dask_db) == expected
    # queried in place, partitions as columns
    con = duckdb.connect()
    try:
        (fr_or_en,) = con.execute(
            "SELECT count(*) FROM read_parquet(?, hive_partitioning = true) WHERE lang = 'en'", [str(dataset / "articles" / "*" / "*" / "*.parquet")]).fetchone() or (0,)
    finally:
        con.close()
    assert fr_or_en == ARTICLES


def _dying_task(settings: Settings, chunk: list[Article]) -> object:
    """The real task, except that the first worker to run the third chunk dies there (os._exit: a lost process)."""
    from annales.engines.cluster import process_chunk

    flag = Path(os.environ["ANNALES_TEST_DIE_FLAG"])
    if any(a.path and a.path.endswith("a10.txt") for a in chunk) and not flag.exists():
        flag.write_text(str(os.getpid()))
        os._exit(1)
    return process_chunk(settings, chunk)


def test_a_lost_worker_costs_only_its_chunk_which_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cloudpickle

    from annales.engines.cluster import Cluster
    from annales.ingest import read_inputs

    corpus = _corpus(tmp_path / "in")
    flag = tmp_path / "died"
    monkeypatch.setenv("ANNALES_TEST_DIE_FLAG", str(flag))  # the spawned workers inherit it
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    settings = Settings.make(stages=("repair", "language"))
    try:
        with Cluster(settings, workers=2) as cluster:
            results = list(cluster.run(read_inputs([str(corpus)], settings), chunk_articles=5, task=_dying_task))  # type: ignore[arg-type]
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert flag.exists()  # a worker did die mid-run
    assert sum(r.articles for r in results) == ARTICLES + 1
    ids = [key for r in results for key in r.tables["articles"].column("article_id").to_pylist()]
    assert len(ids) == len(set(ids)) == ARTICLES + 1  # every article once: the lost chunk was run again, nothing twice


def test_a_part_cut_off_before_its_marker_is_removed_and_redone(tmp_path: Path) -> None:
    articles = [Article(path=f"a{i}.txt", raw_text=f"text {i}", text=f"text {i}", language="fr", published=f"2025-0{1 + i % 2}-03") for i in range(6)]
    root = tmp_path / "ds"
    with DatasetWriter(root, every=3) as writer:
        writer.add(chunk_tables(articles[:3]), 3)  # a whole part: committed
        writer.pending_articles = 0
    # a cut-off part: files renamed into place, no marker
    stray = root / "articles" / "lang=fr" / "month=2025-01" / "part-cut-00000.parquet"
    pq.write_table(chunk_tables(articles[3:])["articles"].drop_columns(["lang", "month"]), stray)
    assert len(stored_keys(root)) == 3
    with DatasetWriter(root) as writer:
        assert not stray.exists() and len(writer.keys) == 3
        writer.add(chunk_tables(articles[3:]), 3)
        writer.flush()
    assert len(list((root / MARKERS).glob("*.json"))) == 2
    assert len(stored_keys(root)) == 6 and len(committed_files(root, "articles")) == 4
