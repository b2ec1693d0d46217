"""Office-holders: who held which office when, from `annales/lang/xx/office_holders.tsv`.

A person name resolves by the article's publication date: a term that covers the date gives
the office's country and sector; a person known to the table but out of office on that date
keeps the country of their nearest term and no sector. A term whose role is an "-elect" one
(Trump on 2025-01-17, president_elect) is not office yet: country, but no sector.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import AnnalesError, Errors
from ..lang import load_lang
from .knowledge import fold

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    country: str
    sector: str | None
    role: str
    start: str
    end: str  # "" while in office


@dataclass(frozen=True, slots=True)
class Holder:
    """A person resolved at a date."""

    name: str
    country: str
    sector: str | None
    role: str | None
    in_office: bool


def _day(value: str, *, name: str, late: bool) -> str:
    """A table date as YYYY-MM-DD (a bare year or month covers the whole period)."""
    if not _DATE.match(value):
        raise AnnalesError(Errors.E501.format(name=name, value=value))
    if len(value) == 4:
        return value + ("-12-31" if late else "-01-01")
    if len(value) == 7:
        return value + ("-31" if late else "-01")
    return value


@functools.cache
def load_terms() -> dict[str, tuple[Term, ...]]:
    """Folded name or alias -> the terms of the person(s) it names. Empty when the table is absent."""
    data = load_lang("xx")
    return index_terms(data.table("office_holders")) if data.has("office_holders") else {}


def index_terms(rows: list[dict[str, str]]) -> dict[str, tuple[Term, ...]]:
    """Office-holder rows (name, aliases, country, sector, role, start, end) indexed by folded name and alias."""
    by_key: dict[str, list[Term]] = {}
    for row in rows:
        name = row.get("name", "")
        if not name:
            continue
        term = Term(
            name=name,
            country=row.get("country", ""),
            sector=row.get("sector") or None,
            role=row.get("role", ""),
            start=_day(row["start"], name=name, late=False) if row.get("start") else "0000-01-01",
            end=_day(row["end"], name=name, late=True) if row.get("end") else "",
        )
        aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
        for key in {_key(name), *(_key(a) for a in aliases)}:
            by_key.setdefault(key, []).append(term)
    return {key: tuple(terms) for key, terms in by_key.items()}


def resolve(name: str, date: str | None, *, index: Mapping[str, tuple[Term, ...]] | None = None) -> Holder | None:
    """The office-holder called `name` on `date` (YYYY-MM-DD).

    A name shared by several people resolves only if exactly one of them is in office. With no
    date, a person's latest real (not "-elect") term stands: the text is about them in office
    more often than not, and a "former" title in the text overrides it.
    index: the indexed table (default: the shipped office_holders.tsv).
    """
    terms = (load_terms() if index is None else index).get(_key(name))
    if not terms:
        return None
    if date is None:
        if len({t.name for t in terms}) > 1:
            return None
        real = [t for t in terms if not _is_elect(t.role)] or list(terms)
        latest = max(real, key=lambda t: t.start)
        return Holder(latest.name, latest.country, latest.sector, latest.role, in_office=not _is_elect(latest.role))
    active = [t for t in terms if _covers(t, date)]
    people = {t.name for t in active}
    if len(people) == 1:
        # a real office wins over an "-elect" term that overlaps it
        term = min(active, key=lambda t: _is_elect(t.role))
        if _is_elect(term.role):
            return Holder(term.name, term.country, None, term.role, in_office=False)
        return Holder(term.name, term.country, term.sector, term.role, in_office=True)
    if active or len({t.name for t in terms}) > 1:
        return None  # ambiguous between people
    nearest = min(terms, key=lambda t: _distance(t, date))
    return Holder(nearest.name, nearest.country, None, None, in_office=False)


def _is_elect(role: str) -> bool:
    return role.casefold().replace("-", "_").endswith("_elect")


def _covers(term: Term, date: str) -> bool:
    return term.start <= date and (not term.end or date <= term.end)


def _distance(term: Term, date: str) -> int:
    """Days (roughly) between a term and the date, for picking the nearest one."""
    if date < term.start:
        return _ordinal(term.start) - _ordinal(date)
    return _ordinal(date) - _ordinal(term.end or date)


def _ordinal(day: str) -> int:
    year, month, dom = (int(p) for p in day.split("-"))
    return year * 372 + month * 31 + dom


def _key(name: str) -> str:
    """Name key: folded, hyphens as spaces ("Kim Jong-un" = "Kim Jong Un", "al-Assad" = "Al Assad")."""
    return " ".join(fold(name).replace("-", " ").split())
