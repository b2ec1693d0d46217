"""A store of examples/ plus one hostile article (HTML and JavaScript in its title, text, caption, url and source),
built once for the API and browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import annales
from annales.server import create_app
from annales.store import Store

HOSTILE = Path(__file__).parent / "hostile"


@pytest.fixture(scope="session")
def served_db(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("served") / "annales.duckdb"
    with Store(db) as store:
        store.add_many(list(annales.process([str(examples_dir), str(HOSTILE)])))
    return db


@pytest.fixture(scope="session")
def client(served_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(served_db, refresh=0)) as test_client:
        yield test_client
