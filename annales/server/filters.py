"""The API's query parameters (validated by pydantic, unknown ones refused) and the SQL they become.

Every value reaches DuckDB as a bound parameter; text matched with LIKE has its wildcards escaped."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..lang import load_lang
from ..store.queries import like_contains, like_prefix

Modality = Literal["asserted", "negated", "intended", "hypothetical", "reported"]
CODE = r"^[A-Za-z0-9]{1,24}$"  # an actor code or a prefix of one (RUS, IRNGOV, IGONAT)
COUNTRY = r"^[A-Za-z]{3}$"
TEXT_MAX = 200
PAGE_MAX = 500

# The day an event is placed at (snapshot.EVENT_VIEW): its own date when it is a calendar day, else its article's
# publication date.
EVENT_DAY = "e.day"


class Strict(BaseModel):
    """Query parameters: unknown names refused; an empty value (`?plover=`, as an HTML form sends an unset
    field) means the parameter is not set."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_unset(cls, values: Any) -> Any:
        if not isinstance(values, dict):
            return values
        kept: dict[str, Any] = {}
        for name, value in values.items():
            if isinstance(value, list):
                value = [v for v in value if not (isinstance(v, str) and not v.strip())]
                if value:
                    kept[name] = value
            elif not (isinstance(value, str) and not value.strip()):
                kept[name] = value
        return kept


class EventFilters(Strict):
    """Filters shared by every event endpoint (docs/api.md, "Event filters")."""

    actor: str | None = Field(None, pattern=CODE, description="Actor code prefix on either side, or either side's country.")
    source: str | None = Field(None, pattern=CODE, description="Code prefix of the source.")
    target: str | None = Field(None, pattern=CODE, description="Code prefix of the target.")
    country: str | None = Field(None, pattern=COUNTRY, description="ISO-3 country of either side.")
    plover: list[str] = Field(default_factory=list, description="PLOVER types (repeat for several).")
    cameo_root: list[str] = Field(default_factory=list, description="CAMEO root codes 01-20 (repeat for several).")
    quad_class: int | None = Field(None, ge=1, le=4)
    modality: list[Modality] = Field(default_factory=list)
    since: dt.date | None = Field(None, description="YYYY-MM-DD, inclusive.")
    until: dt.date | None = Field(None, description="YYYY-MM-DD, inclusive.")
    place_country: str | None = Field(None, pattern=COUNTRY)
    place: str | None = Field(None, max_length=TEXT_MAX)
    min_confidence: float | None = Field(None, ge=0, le=1)
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$")
    article: str | None = Field(None, max_length=128)
    q: str | None = Field(None, max_length=TEXT_MAX, description="Text searched in the sentence (literal).")

    @field_validator("plover")
    @classmethod
    def _known_plover(cls, values: list[str]) -> list[str]:
        return known_plover(values)

    @field_validator("cameo_root")
    @classmethod
    def _cameo_roots(cls, values: list[str]) -> list[str]:
        return cameo_roots(values)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on `event_view e` (snapshot.EVENT_VIEW) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            pattern = like_prefix(self.actor.upper())
            clauses.append("(e.source_code LIKE ? ESCAPE '\\' OR e.target_code LIKE ? ESCAPE '\\'"
                           " OR e.source_country = ? OR e.target_country = ?)")
            params += [pattern, pattern, self.actor.upper(), self.actor.upper()]
        if self.country:
            clauses.append("(e.source_country = ? OR e.target_country = ?)")
            params += [self.country.upper()] * 2
        coded_clauses("e", self, clauses, params)
        if self.since:
            clauses.append(f"{EVENT_DAY} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{EVENT_DAY} <= ?")
            params.append(self.until)
        if self.place_country:
            clauses.append("e.location_country = ?")
            params.append(self.place_country.upper())
        if self.place:
            clauses.append("lower(e.location_name) = lower(?)")
            params.append(self.place)
        if self.min_confidence is not None:
            clauses.append("e.confidence >= ?")
            params.append(self.min_confidence)
        if self.language:
            clauses.append("e.language = ?")
            params.append(self.language)
        if self.article:
            clauses.append("e.article_id = ?")
            params.append(self.article)
        if self.q:
            clauses.append("e.sentence_text ILIKE ? ESCAPE '\\'")
            params.append(like_contains(self.q))
        return (" AND ".join(clauses) or "TRUE"), params


EVENT_SORTS = {
    "-date": f"{EVENT_DAY} DESC NULLS LAST", "date": f"{EVENT_DAY} ASC NULLS LAST",
    "-confidence": "e.confidence DESC NULLS LAST", "confidence": "e.confidence ASC NULLS LAST",
    "-goldstein": "e.goldstein DESC NULLS LAST", "goldstein": "e.goldstein ASC NULLS LAST",
}


class EventPage(EventFilters):
    sort: Literal["-date", "date", "-confidence", "confidence", "-goldstein", "goldstein"] = "-date"
    limit: int = Field(50, ge=1, le=PAGE_MAX)
    offset: int = Field(0, ge=0, le=10_000_000)


class SeriesQuery(EventFilters):
    interval: Literal["day", "week", "month"] = "month"


class NetworkQuery(EventFilters):
    limit: int = Field(100, ge=1, le=PAGE_MAX, description="How many edges, the largest first.")


class ListQuery(Strict):
    q: str | None = Field(None, max_length=TEXT_MAX, description="Text searched (literal, case-insensitive).")
    limit: int = Field(50, ge=1, le=PAGE_MAX)
    offset: int = Field(0, ge=0, le=10_000_000)


class ArticleQuery(ListQuery):
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$")


def known_plover(values: list[str]) -> list[str]:
    known = plover_types()
    upper = [v.upper() for v in values]
    unknown = [v for v in upper if v not in known]
    if unknown:
        raise ValueError(f"unknown PLOVER type {unknown[0]!r}; types are {', '.join(sorted(known))}")
    return upper


def cameo_roots(values: list[str]) -> list[str]:
    for value in values:
        if not (len(value) == 2 and value.isdigit() and 1 <= int(value) <= 20):
            raise ValueError(f"a CAMEO root is 01 to 20, not {value!r}")
    return values


# ---------------------------------------------------------------- the link tables (annales/stories, docs/stories.md)

STORY_SORTS = {
    "-articles": "s.n_articles DESC, s.first_seen, s.story_id",
    "-date": "s.last_date DESC NULLS LAST, s.n_articles DESC, s.story_id",
    "date": "s.first_date ASC NULLS LAST, s.n_articles DESC, s.story_id",
}


class StoryQuery(Strict):
    """Filters of /api/stories (a story's dates are its members' publication dates)."""

    min_articles: int = Field(1, ge=1, le=1_000_000, description="Stories with at least this many articles.")
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$", description="Stories with an article in this language.")
    since: dt.date | None = Field(None, description="YYYY-MM-DD: stories whose span ends on or after it (undated ones left out).")
    until: dt.date | None = Field(None, description="YYYY-MM-DD: stories whose span starts on or before it (undated ones left out).")
    q: str | None = Field(None, max_length=TEXT_MAX, description="Text searched in the label (literal, case-insensitive).")
    sort: Literal["-articles", "-date", "date"] = "-articles"
    limit: int = Field(50, ge=1, le=PAGE_MAX)
    offset: int = Field(0, ge=0, le=10_000_000)

    @model_validator(mode="after")
    def _ordered(self) -> StoryQuery:
        if self.since and self.until and self.since > self.until:
            raise ValueError("since is after until")
        return self

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on `stories s` and its parameters."""
        clauses: list[str] = ["s.n_articles >= ?"]
        params: list[Any] = [self.min_articles]
        if self.language:
            clauses.append("list_contains(string_split(coalesce(s.languages, ''), ','), ?)")
            params.append(self.language)
        if self.since:
            clauses.append("s.last_date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("s.first_date <= ?")
            params.append(self.until)
        if self.q:
            clauses.append("s.label ILIKE ? ESCAPE '\\'")
            params.append(like_contains(self.q))
        return " AND ".join(clauses), params


# A record's day range: its first and last dates when they are calendar days (a partial date gives none).
RECORD_FIRST_DAY = "try_cast(r.first_date AS DATE)"
RECORD_LAST_DAY = "try_cast(r.last_date AS DATE)"
RECORD_SORTS = {
    "-articles": "r.num_articles DESC, r.num_mentions DESC, r.record_id",
    "-mentions": "r.num_mentions DESC, r.num_articles DESC, r.record_id",
    "-date": f"{RECORD_LAST_DAY} DESC NULLS LAST, r.num_articles DESC, r.record_id",
    "date": f"{RECORD_FIRST_DAY} ASC NULLS LAST, r.num_articles DESC, r.record_id",
}


class RecordQuery(Strict):
    """Filters of /api/records: those of the event endpoints that apply to a merged record (its founding mention's
    codes, type and place; its dates over all mentions), and its counts."""

    actor: str | None = Field(None, pattern=CODE, description="Actor code prefix on either side.")
    source: str | None = Field(None, pattern=CODE, description="Code prefix of the source.")
    target: str | None = Field(None, pattern=CODE, description="Code prefix of the target.")
    plover: list[str] = Field(default_factory=list, description="PLOVER types (repeat for several).")
    cameo_root: list[str] = Field(default_factory=list, description="CAMEO root codes 01-20 (repeat for several).")
    quad_class: int | None = Field(None, ge=1, le=4)
    modality: list[Modality] = Field(default_factory=list)
    since: dt.date | None = Field(None, description="YYYY-MM-DD: records whose last date is on or after it.")
    until: dt.date | None = Field(None, description="YYYY-MM-DD: records whose first date is on or before it.")
    place_country: str | None = Field(None, pattern=COUNTRY)
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$", description="Records with a mention in this language.")
    min_articles: int = Field(1, ge=1, le=1_000_000, description="Records reported by at least this many articles.")
    min_mentions: int = Field(1, ge=1, le=1_000_000)
    story: str | None = Field(None, max_length=128, description="Records with a mention in this story.")
    sort: Literal["-articles", "-mentions", "-date", "date"] = "-articles"
    limit: int = Field(50, ge=1, le=PAGE_MAX)
    offset: int = Field(0, ge=0, le=10_000_000)

    @field_validator("plover")
    @classmethod
    def _known_plover(cls, values: list[str]) -> list[str]:
        return known_plover(values)

    @field_validator("cameo_root")
    @classmethod
    def _cameo_roots(cls, values: list[str]) -> list[str]:
        return cameo_roots(values)

    @model_validator(mode="after")
    def _ordered(self) -> RecordQuery:
        if self.since and self.until and self.since > self.until:
            raise ValueError("since is after until")
        return self

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on `event_records r` and its parameters."""
        clauses: list[str] = ["r.num_articles >= ?", "r.num_mentions >= ?"]
        params: list[Any] = [self.min_articles, self.min_mentions]
        if self.actor:
            pattern = like_prefix(self.actor.upper())
            clauses.append("(r.source_code LIKE ? ESCAPE '\\' OR r.target_code LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        coded_clauses("r", self, clauses, params)
        if self.since:
            clauses.append(f"{RECORD_LAST_DAY} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{RECORD_FIRST_DAY} <= ?")
            params.append(self.until)
        if self.place_country:
            clauses.append("r.location_country = ?")
            params.append(self.place_country.upper())
        if self.language:
            clauses.append("list_contains(string_split(coalesce(r.languages, ''), ','), ?)")
            params.append(self.language)
        if self.story:
            clauses.append("r.record_id IN (SELECT m.record_id FROM event_mentions m JOIN story_articles sa USING (article_id)"
                           " WHERE sa.story_id = ?)")
            params.append(self.story)
        return " AND ".join(clauses), params


def coded_clauses(alias: str, query: EventFilters | RecordQuery, clauses: list[str], params: list[Any]) -> None:
    """Add the conditions events and event records share, on table `alias`: source and target code prefixes,
    PLOVER types, CAMEO roots, modalities and quad class."""
    for side, value in (("source", query.source), ("target", query.target)):
        if value:
            clauses.append(f"{alias}.{side}_code LIKE ? ESCAPE '\\'")
            params.append(like_prefix(value.upper()))
    for column, values in (("plover", query.plover), ("cameo_root", query.cameo_root), ("modality", list(query.modality))):
        if values:
            clauses.append(f"{alias}.{column} IN (SELECT unnest(?::VARCHAR[]))")
            params.append(values)
    if query.quad_class is not None:
        clauses.append(f"{alias}.quad_class = ?")
        params.append(query.quad_class)


def plover_types() -> frozenset[str]:
    return frozenset(row["type"] for row in load_lang("xx").table("plover_types"))
