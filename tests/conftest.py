"""Shared fixtures: the ../shared data folder and a one-call pipeline runner."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from annales import Article, process_text

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared; skipped when absent, a failure under CI (CI=true), where it is always present."""
    if not SHARED.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("../shared is missing under CI")
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"


@pytest.fixture(scope="session")
def run_text() -> Callable[..., Article]:
    """run_text(text, language="fr", published="2025-01-17", stages=None) -> processed Article."""

    def run(text: str, language: str = "fr", published: str | None = "2025-01-17", **settings: object) -> Article:
        return process_text(text, language=language, published=published, **settings)

    return run


StoreContents = dict[str, list[tuple[object, ...]]]


@pytest.fixture(scope="session")
def store_contents() -> Callable[[Path], StoreContents]:
    """store_contents(db) -> every row of every table of the store, sorted, without the ingest timestamp: what
    two runs that must store the same records are compared by."""
    return _store_contents


def _store_contents(db: Path) -> StoreContents:
    import duckdb

    from annales.store import TABLES

    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            columns = [c for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND column_name <> 'ingested_at'", [table]).fetchall()]
            out[table] = con.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()
