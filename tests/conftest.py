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
