"""The geoparsing suites (annales/evaluation/geo.py) on a small slice of the gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.errors import AnnalesError
from annales.evaluation.geo import distance_km, run


def test_evaluation_geo_distance_is_haversine() -> None:
    assert distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=5)
    assert distance_km(0.0, 0.0, None, None) == float("inf")


def test_evaluation_geo_rejects_unknown_corpus(tmp_path: Path) -> None:
    with pytest.raises(AnnalesError, match="E701"):
        run(tmp_path, corpus="nope")


@pytest.mark.slow
def test_evaluation_geo_scores_a_slice(shared_dir: Path) -> None:
    result = run(shared_dir / "gold", corpus="trnews", split="test", limit=3)
    metrics = result["metrics"]
    assert result["suite"] == "geo-trnews" and result["n"] > 10
    assert metrics["articles"] == 3
    for name in ("exact", "country", "e2e.precision", "e2e.recall"):
        assert 0.3 <= metrics[name] <= 1.0, name
    assert metrics["country"] >= metrics["exact"] - 0.2
