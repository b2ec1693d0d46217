"""Russian tests need natasha (`annales lang install ru`): skipped without it, a failure under CI (CI=true),
where .ci/run installs it."""

from __future__ import annotations

import importlib.util
import os

import pytest


@pytest.fixture
def natasha_installed() -> None:
    if importlib.util.find_spec("natasha") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("natasha is missing under CI (.ci/run installs it with `annales lang install ru`)")
        pytest.skip("natasha is not installed (annales lang install ru)")
