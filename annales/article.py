"""The one data model: an Article and everything found in it.

Every stage takes Articles and enriches them in place, the way spaCy components enrich a
`Doc`. Offsets (`start`, `end`) are character offsets into `Article.text`, the cleaned body;
`sentence` is an index into `Article.sentences`; `method` names the rule, lexicon entry or
model that produced the item (e.g. "lexicon:fr/event_verbs:signer", "ner+title", "rule:quote-guillemets").
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(slots=True)
class Repair:
    """One change made to the raw text. `start`/`end` locate `after` in the cleaned text;
    `raw_start`/`raw_end` locate `before` in the raw text."""

    kind: str
    before: str
    after: str
    start: int
    end: int
    raw_start: int = -1
    raw_end: int = -1
    method: str = ""


@dataclass(slots=True)
class Caption:
    text: str
    credit: str | None
    raw_start: int = -1
    raw_end: int = -1
    method: str = ""


@dataclass(slots=True)
class ProcessingError:
    kind: str
    message: str
    stage: str = ""
    code: str = ""


# CAMEO sectors that act for the state itself: one per country, whatever names it goes by.
STATE_SECTORS = frozenset({"GOV", "MIL", "SPY"})


@dataclass(slots=True)
class Mention:
    text: str
    start: int
    end: int
    sentence: int
    method: str = ""


@dataclass(slots=True)
class Actor:
    """A resolved participant: person, organisation, country, bloc or group.

    `code` is the CAMEO-style actor code (country or IGO code + sector, e.g. RUSGOV, IGONAT);
    `kind` is one of person, organisation, country, bloc, igo, group, other."""

    name: str
    code: str | None
    country: str | None
    sector: str | None
    kind: str = "other"
    confidence: float = 0.5
    method: str = ""
    mentions: list[Mention] = field(default_factory=list)
    role: str | None = None

    def ref(self) -> ActorRef:
        return ActorRef(name=self.name, code=self.code, country=self.country, sector=self.sector)


@dataclass(slots=True)
class ActorRef:
    """How an event names its source or target: a copy of the actor's coding plus the
    text that expressed it in this event's sentence."""

    name: str
    code: str | None
    country: str | None
    sector: str | None
    actor: int | None = None  # index into Article.actors
    text: str | None = None
    start: int = -1
    end: int = -1

    def same_actor(self, other: ActorRef) -> bool:
        """Whether both name one actor as a dyad sees it: the same code, and the same resolved actor or name, or a
        code of the state itself (a country's government under two names is one actor). Two actors of a sector
        that holds many (Labour and the Conservatives, both a British party) are two sides."""
        if not self.code or self.code != other.code:
            return False
        if not self.sector or self.sector in STATE_SECTORS or self.actor is None or other.actor is None:
            return True
        return self.actor == other.actor or self.name.casefold() == other.name.casefold()


@dataclass(slots=True)
class Place:
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    feature: str  # country, admin, city, region, sea, landmark
    start: int
    end: int
    sentence: int
    text: str = ""
    metonym: bool = False  # the place name stands for an actor (Moscou = RUSGOV)
    confidence: float = 0.5
    method: str = ""


@dataclass(slots=True)
class Event:
    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    cameo_root: str
    plover: str
    goldstein: float
    quad_class: int
    sentence: int
    trigger: str
    start: int
    end: int
    plover_mode: str | None = None
    modality: str = "asserted"  # asserted, negated, intended, hypothetical, reported
    negated: bool = False
    location: dict[str, Any] | None = None
    date: str | None = None
    confidence: float = 0.5
    method: str = ""
    cue: str | None = None  # the modality cue, when not asserted


@dataclass(slots=True)
class Amount:
    value: float
    unit: str | None
    object: str | None
    qualifier: str | None
    text: str
    start: int
    end: int
    sentence: int
    method: str = ""
    count_type: str | None = None  # GDELT count type of a count of people or things (KILL, ARREST, ...)


@dataclass(slots=True)
class Quotation:
    text: str
    speaker: str | None
    speaker_code: str | None
    start: int
    end: int
    sentence: int
    kind: str = "direct"  # direct, reported
    speaker_actor: int | None = None
    method: str = ""


@dataclass(slots=True)
class DateMention:
    text: str
    value: str | None  # ISO, cut to the resolution: "2024-11", "2025-01-17"
    resolution: str  # day, week, month, year, decade
    start: int
    end: int
    sentence: int
    method: str = ""


@dataclass(slots=True)
class ThemeHit:
    theme: str
    count: int
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Tone:
    tone: float
    positive: float
    negative: float
    polarity: float
    word_count: int
    method: str = ""


@dataclass(slots=True)
class Article:
    """An article and everything the pipeline found in it."""

    path: str | None = None
    id: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    language: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    raw_text: str = ""
    text: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    paragraph_languages: list[str | None] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    locations: list[Place] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    themes: list[ThemeHit] = field(default_factory=list)
    tone: Tone | None = None
    errors: list[ProcessingError] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    # Not serialised: the spaCy Doc of `text` (set by the nlp stage) and the
    # cleaned-to-raw offset map (set by the repair stage).
    doc: Any = None
    offset_map: Any = None

    @property
    def ok(self) -> bool:
        """True while no error has stopped the article (it still has text to work on)."""
        return bool(self.text) and not any(e.kind in FATAL_ERRORS for e in self.errors)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256((self.raw_text or self.text or "").encode("utf-8")).hexdigest()

    def add_error(self, kind: str, message: str, *, stage: str = "", code: str = "") -> None:
        self.errors.append(ProcessingError(kind=kind, message=message, stage=stage, code=code))

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding character `offset` (the last one before it)."""
        lo, hi = 0, len(self.sentences) - 1
        found = 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].start <= offset:
                found = mid
                lo = mid + 1
            else:
                hi = mid - 1
        return found

    def sentence_text(self, index: int) -> str:
        if 0 <= index < len(self.sentences):
            s = self.sentences[index]
            return self.text[s.start : s.end]
        return ""

    def actors_in(self, start: int, end: int) -> list[tuple[int, Mention]]:
        """(actor index, mention) for every actor mention overlapping [start, end), in text order."""
        hits = [
            (index, mention)
            for index, actor in enumerate(self.actors)
            for mention in actor.mentions
            if mention.start < end and mention.end > start
        ]
        return sorted(hits, key=lambda hit: hit[1].start)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON record (see README, "JSON contract")."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in _NOT_SERIALISED:
                continue
            value = getattr(self, f.name)
            if f.name == "sentences":
                value = [{"index": s.index, "start": s.start, "end": s.end} for s in value]
            elif f.name == "events":
                value = [self._event_dict(e) for e in value]
            elif f.name == "paragraphs":
                value = [list(p) for p in value]
            else:
                value = _plain(value)
            out[f.name] = value
        out["content_hash"] = self.content_hash
        return out

    def _event_dict(self, event: Event) -> dict[str, Any]:
        d: dict[str, Any] = _plain(event)
        d["sentence_text"] = self.sentence_text(event.sentence)
        return d


FATAL_ERRORS = frozenset(
    {"unreadable", "undecodable", "empty", "binary", "too_large", "malformed", "unsupported_language", "stage_failed"}
)
_NOT_SERIALISED = frozenset({"doc", "offset_map"})


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
