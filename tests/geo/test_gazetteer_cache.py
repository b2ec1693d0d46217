"""The compact gazetteer and its on-disk cache: the same entries, keys and tables as the gazetteer built from
its sources; the cache is written atomically and named by its sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.lang import gazetteer
from annales.lang.gazetteer import Gazetteer, build_gazetteer, cache_path, load_gazetteer


@pytest.fixture(scope="module")
def built() -> gazetteer.GazetteerBuilder:
    return build_gazetteer()


def _same(compact: Gazetteer, built: gazetteer.GazetteerBuilder) -> None:
    assert len(compact.entries) == len(built.entries)
    assert list(compact.entries) == built.entries  # every field, None and types included
    assert compact.entries[-1] == built.entries[-1] and compact.entries[3:5] == built.entries[3:5]
    for key, positions in built.index.items():
        assert compact.positions(key) == positions, key
    assert compact.positions("no such place at all") == []
    assert (compact.iso3, compact.max_words, compact.continents) == (built.iso3, built.max_words, built.continents)
    assert (compact.abbreviations, compact.demonyms) == (built.abbreviations, built.demonyms)
    for name in ("Paris", "Saint-Étienne", "U.S.", "Moscou", "Kiev"):
        assert compact.lookup(name) == built.lookup(name)
        assert compact.lookup_detectable(name) == built.lookup_detectable(name)
    assert compact.lookup_demonym("iranienne") == built.lookup_demonym("iranienne")
    assert compact.lookup_abbreviation("Kan.") == built.lookup_abbreviation("Kan.")


def test_compact_columns_hold_what_was_built(built: gazetteer.GazetteerBuilder) -> None:
    _same(Gazetteer.from_builder(built), built)


def test_cache_file_round_trip_and_name(built: gazetteer.GazetteerBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNALES_CACHE_DIR", str(tmp_path))
    path = cache_path()
    assert path is not None and path.parent == tmp_path and path.name.startswith("gazetteer-")
    stale = tmp_path / "gazetteer-0000000000000000.npz"
    stale.write_bytes(b"an older build")
    load_gazetteer.cache_clear()
    try:
        first = load_gazetteer()  # built, then written; the older build's file removed
        assert path.exists() and not list(tmp_path.glob("*.tmp")) and not stale.exists()
        load_gazetteer.cache_clear()
        second = load_gazetteer()  # read from the file
    finally:
        load_gazetteer.cache_clear()
    assert first.lookup("Paris") == built.lookup("Paris")
    _same(second, built)
    # a damaged file is not used: the gazetteer is built again
    path.write_bytes(b"not a cache")
    try:
        assert load_gazetteer().lookup("Moscou") == built.lookup("Moscou")
    finally:
        load_gazetteer.cache_clear()
    monkeypatch.setenv("ANNALES_CACHE_DIR", "off")
    assert cache_path() is None


def test_cache_name_changes_with_a_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = gazetteer.source_digest()
    monkeypatch.setattr(gazetteer, "CACHE_FORMAT", gazetteer.CACHE_FORMAT + 1)
    assert gazetteer.source_digest() != before
