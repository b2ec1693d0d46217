"""Office-holders: who held which office when, from `annales/lang/xx/office_holders.tsv`.

A person name resolves by the article's publication date: a term that covers the date gives
the office's country and sector; a person known to the table but out of office on that date
keeps the country of their nearest term and no sector. A term whose role is an "-elect" one
(Trump on 2025-01-17, president_elect) is not office yet: country, but no sector.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import AnnalesError, Errors
from ..lang import load_lang
from ..text import fold

# Distinct office-holders who must share a day for `era` to date an undated article.
ERA_PEOPLE = 2
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
    date, a person's longest real (not "-elect") term stands: the text is about them in office more
    often than not, and more often in a long term than in a short one (Rishi Sunak's four months as
    opposition leader after his premiership); a "former" title in the text overrides it.
    index: the indexed table (default: the shipped office_holders.tsv).
    """
    terms = (load_terms() if index is None else index).get(_key(name))
    if not terms:
        return None
    if date is None:
        if len({t.name for t in terms}) > 1:
            return None
        real = [t for t in terms if not _is_elect(t.role)] or list(terms)
        horizon = _horizon(index)
        longest = max(real, key=lambda t: (_length(t, horizon), t.start))
        return Holder(longest.name, longest.country, longest.sector, longest.role, in_office=not _is_elect(longest.role))
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


@functools.cache
def _governing_spans() -> dict[str, list[tuple[frozenset[str], str, str]]]:
    """Country -> (folded party names, first day, last day or "") from `governing_parties.tsv`."""
    data = load_lang("xx")
    spans: dict[str, list[tuple[frozenset[str], str, str]]] = {}
    if not data.has("governing_parties"):
        return spans
    for row in data.table("governing_parties"):
        names = frozenset(_key(n) for n in row["names"].split("|") if n.strip())
        start = _day(row["start"], name=row["names"], late=False)
        end = _day(row["end"], name=row["names"], late=True) if row.get("end") else ""
        spans.setdefault(row["country"], []).append((names, start, end))
    return spans


def in_government(country: str | None, names: Iterable[str], date: str | None) -> bool | None:
    """Whether the party called by any of `names` was in its country's government on `date`; None when
    the date is unknown or the table does not cover the country on that date (then nobody can say)."""
    spans = _governing_spans().get(country or "")
    if date is None or not spans:
        return None
    covering = [names_ for names_, start, end in spans if start <= date and (not end or date <= end)]
    if not covering:
        return None
    keys = {_key(n) for n in names}
    return any(keys & names_ for names_ in covering)


def era(names: Iterable[str], *, index: Mapping[str, tuple[Term, ...]] | None = None) -> str | None:
    """A date at which the most office-holders among `names` were in office together, for an undated article.

    Resolving an undated article's names by each person's latest term mixes eras: a 2005 story naming Tony
    Blair, Michael Howard and Liam Fox would make Fox the 2010 defence secretary. The people an article names
    were mostly in office together, so the day covered by the most of their terms dates the story for the
    table. At least ERA_PEOPLE distinct people must agree, and no other day may be covered by as many;
    the middle of the shared span is returned. Names shared by several people are left out."""
    table = load_terms() if index is None else index
    people: dict[str, tuple[Term, ...]] = {}
    for name in names:
        terms = tuple(t for t in table.get(_key(name), ()) if not _is_elect(t.role))
        if terms and len({t.name for t in terms}) == 1:
            people[terms[0].name] = terms
    if len(people) < ERA_PEOPLE:
        return None
    days = sorted({t.start for terms in people.values() for t in terms} | {t.end for terms in people.values() for t in terms if t.end})
    covered = [(sum(any(_serving(t, day) for t in terms) for terms in people.values()), day) for day in days]
    best = max(count for count, _ in covered)
    if best < ERA_PEOPLE:
        return None
    span = [day for count, day in covered if count == best]
    # Two separate spans with the same support leave the era open.
    shared = [day for day in days if span[0] <= day <= span[-1]]
    if any(count < best for count, day in covered if day in shared):
        return None
    # the support lasts from its first day until the next day a term starts or ends
    later = [day for day in days if day > span[-1]]
    first, last = (_calendar_day(day).toordinal() for day in (span[0], later[0] if later else span[-1]))
    return datetime.date.fromordinal((first + last) // 2).isoformat()


def _calendar_day(day: str) -> datetime.date:
    """A table day as a date (the open start "0000-01-01" and a "-31" closing a short month are clamped)."""
    year, month, dom = (int(p) for p in day.split("-"))
    year = max(year, 1)
    return datetime.date(year, month, min(dom, calendar.monthrange(year, month)[1]))


def _is_elect(role: str) -> bool:
    return role.casefold().replace("-", "_").endswith("_elect")


def _covers(term: Term, date: str) -> bool:
    return term.start <= date and (not term.end or date <= term.end)


def _serving(term: Term, day: str) -> bool:
    """Whether a term's holder serves on `day` for dating a story: its last day is its successor's first (the
    table closes a term on the day the next one starts), so it counts only for the successor; else a handover day
    would count both holders and tie with the story's real era."""
    return term.start <= day and (not term.end or day < term.end)


def _length(term: Term, horizon: str) -> int:
    """Days (roughly) a term lasted; one still running lasts until `horizon`."""
    return _ordinal(term.end or max(horizon, term.start)) - _ordinal(term.start)


def _horizon(index: Mapping[str, tuple[Term, ...]] | None) -> str:
    """The table's latest day, the newest start or end it records (not today, so results do not drift)."""
    return _shipped_horizon() if index is None else _latest_day(index)


@functools.cache
def _shipped_horizon() -> str:
    return _latest_day(load_terms())


def _latest_day(table: Mapping[str, tuple[Term, ...]]) -> str:
    return max((day for terms in table.values() for t in terms for day in (t.start, t.end) if day), default="0000-01-01")


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
