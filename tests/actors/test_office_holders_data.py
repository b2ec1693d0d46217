"""Format checks for annales/lang/xx/office_holders.tsv (the office-holders table)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest

TSV = Path(__file__).resolve().parents[2] / "annales" / "lang" / "xx" / "office_holders.tsv"
COLUMNS = ["name", "aliases", "country", "sector", "role", "start", "end"]
SECTORS = {"GOV", "MIL", "REB", "OPP", "LAB"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return TSV.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def rows(lines: list[str]) -> list[list[str]]:
    body = [ln for ln in lines if not ln.startswith("#")]
    assert body[0].split("\t") == COLUMNS
    return [ln.split("\t") for ln in body[1:]]


def test_source_line_first(lines: list[str]) -> None:
    assert lines[0].startswith("# source: Annales project")


def test_column_count(rows: list[list[str]]) -> None:
    bad = [r for r in rows if len(r) != len(COLUMNS)]
    assert not bad, bad[:5]


def test_fields(rows: list[list[str]]) -> None:
    for name, aliases, country, sector, role, _start, _end in rows:
        assert name and name == name.strip(), name
        assert re.fullmatch(r"[A-Z]{3}", country), (name, country)
        assert sector in SECTORS, (name, sector)
        assert role, name
        for alias in filter(None, aliases.split("|")):
            assert alias == alias.strip() and alias != name, (name, alias)


def test_dates(rows: list[list[str]]) -> None:
    for name, *_, start, end in rows:
        assert DATE.match(start), (name, start)
        first = dt.date.fromisoformat(start)
        if end:
            assert DATE.match(end), (name, end)
            assert first <= dt.date.fromisoformat(end), (name, start, end)


def test_no_duplicate_rows(rows: list[list[str]]) -> None:
    keys = [(r[0], r[2], r[4], r[5]) for r in rows]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, sorted(dupes)[:5]


def test_terms_of_one_person_do_not_overlap(rows: list[list[str]]) -> None:
    by_key: dict[tuple[str, str, str], list[tuple[dt.date, dt.date]]] = {}
    far = dt.date(9999, 12, 31)
    for name, _, country, _, role, start, end in rows:
        span = (dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else far)
        by_key.setdefault((name, country, role), []).append(span)
    for key, spans in by_key.items():
        spans.sort()
        for (_, e1), (s2, _) in itertools.pairwise(spans):
            assert e1 <= s2, key
