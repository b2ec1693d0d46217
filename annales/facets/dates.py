"""Dates: find date expressions with our own rules and resolve them against the publication date.

The words are data (annales/lang/<code>/dates.tsv: months, weekdays, units, "dernier"/"last",
"il y a"/"ago", "hier", "début"/"early", ...); the grammar below is language-neutral and reads
either word order ("novembre dernier", "last November"; "il y a deux ans", "two years ago").
dateparser is not used as a finder: calendar arithmetic is plain `datetime`.

Resolution rules (news past tense):
- a weekday or a month without year names the most recent such day or month, the publication day
  or month included ("ce vendredi" published on Friday 2025-01-17 is 2025-01-17), or the next one when
  the clause is in the future tense or says "prochain"/"next"; "dernier"/"last" excludes the current one;
- "le lendemain"/"the next day" count from the last day-level date stated before, else from publication;
- without a publication date only absolute expressions get a value; the others keep `value=None`.
`value` is ISO cut to the resolution: day "2025-01-17", month "2024-11", year "2015", decade "199" (the
1990s, ISO 8601 reduced precision); a week is written as its Monday ("la semaine prochaine" published on
2025-01-17 is "2025-01-20", resolution week), so that it shares the month prefix of its days.
A preposition right before a month, weekday, date or year is kept in the text ("en 2015", "on Monday").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..article import Article, DateMention
from ..lang import load_lang
from ..text import token_strings
from .lexicon import PhraseIndex, norm, rows, view
from .numbers import NumberSpan

YEARS = range(1000, 2200)  # a four-digit number in this range may be a year
_PREP_KINDS = frozenset({"month", "weekday", "date", "year", "decade"})  # kinds that keep a preposition before them
_DET_KINDS = frozenset({"unit", "decade", "deictic", "anaphor"})  # kinds that keep an article before them
_NUMERIC = re.compile(r"(?<![\w/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?![\w/]|\.\d)")


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    value: str
    position: str


@dataclass(frozen=True, slots=True)
class DateData:
    index: PhraseIndex[Cue]
    yearprep: frozenset[str]
    future_aux: frozenset[str]
    preps: frozenset[str]
    numeric_order: str
    capitalized: frozenset[str]  # cue kinds that count only when capitalised ("May", not the modal "may")
    decade: re.Pattern[str] | None  # a decade written in digits ("1990s", "'90s"): the language's decade_suffix rows


@functools.cache
def date_data(language: str) -> DateData:
    """The date vocabulary of `language`, built once."""
    table = load_lang(language).table("dates")
    listed = {"yearprep", "future_aux", "numeric_order", "capitalized", "prep", "decade_suffix"}
    cues = [(r["phrase"], Cue(r["kind"], r.get("value", ""), r.get("position", ""))) for r in table if r["kind"] not in listed]
    order = next((r["value"] for r in rows(table, "numeric_order")), "dmy")
    return DateData(
        index=PhraseIndex.build(cues),
        yearprep=frozenset(norm(r["phrase"]) for r in rows(table, "yearprep")),
        future_aux=frozenset(norm(r["phrase"]) for r in rows(table, "future_aux")),
        preps=frozenset(norm(r["phrase"]) for r in rows(table, "prep")),
        numeric_order=order,
        capitalized=frozenset(r["phrase"] for r in rows(table, "capitalized")),
        decade=re.compile(rf"^'?(\d{{1,3}}0)(?:{suffixes})$") if (suffixes := "|".join(re.escape(r["phrase"]) for r in rows(table, "decade_suffix"))) else None,
    )


@dataclass
class _Found:
    """A date expression being read: tokens [start, end) and what they said."""

    start: int
    end: int
    kind: str = ""  # deictic, anaphor, ago, weekday, date, month, unit, year, decade
    offset: int = 0
    unit: str = "day"
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    relative: int | None = None  # -1 last, 0 this, 1 next
    anaphoric: bool = False  # "la semaine suivante": counted from the last stated date
    edge: str = ""


class _Reader:
    """Reads date expressions token by token in one sentence."""

    def __init__(self, doc: Doc, data: DateData, numbers: dict[int, NumberSpan]) -> None:
        self.doc = doc
        self.view = view(doc)
        self.data = data
        self.numbers = numbers
        self.limit = len(doc)
        self._cues: dict[int, tuple[int, dict[str, Cue]]] = {}

    def cue(self, i: int) -> tuple[int, dict[str, Cue]]:
        """(end, cues by kind) of the longest vocabulary phrase at token i (kept: a date is read token by token,
        and the same tokens are read again from the next start; the callers never change it)."""
        if i >= self.limit:
            return i, {}
        cached = self._cues.get(i)
        if cached is None:
            end, found = self.data.index.match(self.view, i, stop=self.limit)
            if any(c.kind in self.data.capitalized for c in found) and token_strings(self.doc, "ORTH")[i][:1].islower():
                found = [c for c in found if c.kind not in self.data.capitalized]
            cached = self._cues[i] = (end, {c.kind: c for c in found})
        return cached

    def skip_space(self, i: int) -> int:
        while i < self.limit and self.view.spaces[i]:
            i += 1
        return i

    def number(self, i: int) -> NumberSpan | None:
        span = self.numbers.get(i)
        return span if span is not None and not span.suffix and not span.multiplied else None

    def year(self, i: int) -> tuple[int, int] | None:
        span = self.number(i)
        if span is not None and span.digits and len(span.literal) == 4 and int(span.value) in YEARS:
            return int(span.value), span.end
        return None

    def day_number(self, i: int) -> tuple[int, int] | None:
        end, cues = self.cue(i)
        if "daynum" in cues:
            return int(cues["daynum"].value), end
        span = self.number(i)
        if span is not None and span.digits and span.value == int(span.value) and 1 <= span.value <= 31 and len(span.literal) <= 2:
            return int(span.value), span.end
        return None

    def read(self, i: int) -> _Found | None:
        """The date expression starting at token i, if any."""
        found = _Found(start=i, end=i)
        k = i
        end, cues = self.cue(k)
        if "det" in cues and not ({"deictic", "anaphor", "decade"} & cues.keys()):
            k = self.skip_space(end)
            if k >= len(self.doc):
                return None  # an article ending the text ("... with the") starts nothing
            end, cues = self.cue(k)
        if "edge" in cues:
            found.edge = cues["edge"].value
            k = self.skip_space(end)
            end, cues = self.cue(k)
            if "det" in cues and not ({"deictic", "anaphor", "decade"} & cues.keys()):
                k = self.skip_space(end)  # "fin de l'année"
                end, cues = self.cue(k)
        elif "-" in self.doc[k].text:
            k, end, cues, found.edge = self._split_edge(k, end, cues)
        if "this" in cues or ("dir" in cues and cues["dir"].position == "pre") or ("anaphor_dir" in cues and cues["anaphor_dir"].position == "pre"):
            rel = cues.get("this") or cues.get("dir") or cues["anaphor_dir"]
            found.relative = int(rel.value or 0)
            found.anaphoric = rel.kind == "anaphor_dir"
            k = self.skip_space(end)
            end, cues = self.cue(k)
        core = self._core(found, k, end, cues)
        if core is None or core.kind == "":
            return None
        if core.kind not in _DET_KINDS and not core.edge:
            # "l'année dernière" keeps its article; "the 1988 bombing" or "le 16 juin" do not need it.
            core.start = self.skip_space(i + 1) if "det" in self.cue(i)[1] else core.start
        core.end = self._post(core, core.end)
        return core

    def _split_edge(self, k: int, end: int, cues: dict[str, Cue]) -> tuple[int, int, dict[str, Cue], str]:
        """"mi-mars": an edge prefix glued to a month in one token."""
        head, _, rest = self.doc[k].text.partition("-")
        head_cues = [c for c in self.data.index.single(norm(head) + "-") if c.kind == "edge"]
        rest_cues = [c for c in self.data.index.single(norm(rest)) if c.kind == "month"]
        if head_cues and rest_cues:
            return k, k + 1, {"month": rest_cues[0]}, head_cues[0].value
        return k, end, cues, ""

    def _core(self, found: _Found, k: int, end: int, cues: dict[str, Cue]) -> _Found | None:
        doc = self.doc
        if k >= self.limit:
            return None
        if "deictic" in cues and found.relative is None:
            found.kind, found.offset, found.unit, found.end = "deictic", int(cues["deictic"].value), "day", end
            return found
        if "anaphor" in cues:
            found.kind, found.offset, found.unit, found.end = "anaphor", int(cues["anaphor"].value), "day", end
            return found
        if ("ago" in cues or "in" in cues) and (cues.get("ago") or cues["in"]).position == "pre" and found.relative is None:
            sign = -1 if "ago" in cues else 1
            return self._count(found, self.skip_space(end), sign, need_post=False)
        if "month" in cues:
            found.month = int(cues["month"].value)
            found.kind, found.end, found.unit = "month", end, "month"
            self._month_tail(found, end)
            return found
        if "weekday" in cues:
            found.weekday = int(cues["weekday"].value)
            found.kind, found.end, found.unit = "weekday", end, "day"
            day = self.day_number(self.skip_space(end))
            if day is not None:
                j = self.skip_space(day[1])
                m_end, m_cues = self.cue(j)
                if "month" in m_cues:
                    found.day, found.month, found.kind, found.end = day[0], int(m_cues["month"].value), "date", m_end
                    self._year_tail(found, m_end)
            return found
        if "decade" in cues:
            year = self.year(self.skip_space(end))
            if year is not None:
                found.kind, found.year, found.unit, found.end = "decade", year[0], "decade", year[1]
                return found
        if "unit" in cues and (found.relative is not None or found.edge or self._post_dir(end) is not None):
            found.kind, found.unit, found.end = "unit", cues["unit"].value, end
            return found
        day = self.day_number(k)
        if day is not None:
            j = self.skip_space(day[1])
            m_end, m_cues = self.cue(j)
            if "month" in m_cues:
                found.day, found.month, found.kind, found.unit, found.end = day[0], int(m_cues["month"].value), "date", "day", m_end
                self._year_tail(found, m_end)
                return found
        match = self.data.decade.match(doc[k].text) if self.data.decade else None
        if match:
            digits = match.group(1)
            first_year = int(digits) if len(digits) > 2 else 1900 + int(digits)
            found.kind, found.year, found.unit, found.end = "decade", first_year, "decade", k + 1
            return found
        year = self.year(k)
        if year is not None and self._is_year(k, found):
            found.kind, found.year, found.unit, found.end = "year", year[0], "year", year[1]
            return found
        if found.relative is None and not found.edge:
            return self._count(found, k, -1, need_post=True)
        return None

    def _count(self, found: _Found, k: int, sign: int, *, need_post: bool) -> _Found | None:
        """"il y a deux ans" (cue before) or "two years ago" (cue after): N units from publication."""
        span = self.number(k)
        if span is None:
            return None
        j = self.skip_space(span.end)
        u_end, u_cues = self.cue(j)
        if "unit" not in u_cues:
            return None
        if need_post:
            a_end, a_cues = self.cue(self.skip_space(u_end))
            if "ago" not in a_cues or a_cues["ago"].position != "post":
                return None
            u_end = a_end
        found.kind, found.unit, found.offset, found.end = "ago", u_cues["unit"].value, sign * int(span.value), u_end
        return found

    def _month_tail(self, found: _Found, k: int) -> None:
        """"June 16, 2021" or "novembre 2024" after a month."""
        j = self.skip_space(k)
        day = self.day_number(j)
        if day is not None and self.year(j) is None:
            found.day, found.kind, found.unit, found.end = day[0], "date", "day", day[1]
            j = self.skip_space(day[1])
            if j < self.limit and self.doc[j].text == ",":
                j = self.skip_space(j + 1)
            year = self.year(j)
            if year is not None:
                found.year, found.end = year[0], year[1]
            return
        self._year_tail(found, k)

    def _year_tail(self, found: _Found, k: int) -> None:
        j = self.skip_space(k)
        if j < self.limit and self.doc[j].text == "," and found.kind == "date":
            j = self.skip_space(j + 1)
        year = self.year(j)
        if year is not None:
            found.year, found.end = year[0], year[1]

    def _is_year(self, k: int, found: _Found) -> bool:
        """A bare four-digit number is a year after "en"/"in"/"de"..., in a DATE entity, or when it counts nothing."""
        token = self.doc[k]
        if found.edge or token.ent_type_ == "DATE":
            return True
        if k > 0 and norm(self.doc[k - 1].text) in self.data.yearprep:
            return True
        # "2000 soldats" counts soldiers; "the 2015 deal" names a year (the noun is singular).
        nxt = self.skip_space(k + 1)
        if nxt >= self.limit or token.head.i != nxt:
            return True
        noun = self.doc[nxt]
        return not (noun.pos_ in ("NOUN", "PROPN") and "Plur" in noun.morph.get("Number", None))

    def _post_dir(self, k: int) -> Cue | None:
        _, cues = self.cue(self.skip_space(k))
        for kind in ("dir", "anaphor_dir"):
            if kind in cues and cues[kind].position == "post":
                return cues[kind]
        return None

    def _post(self, found: _Found, k: int) -> int:
        """Absorb "dernier"/"prochain" and a part of day after the core."""
        j = self.skip_space(k)
        end, cues = self.cue(j)
        for kind in ("dir", "anaphor_dir"):
            if kind in cues and cues[kind].position == "post" and found.kind in ("month", "weekday", "unit", "date"):
                found.relative = int(cues[kind].value)
                found.anaphoric = kind == "anaphor_dir"
                k = end
                j = self.skip_space(k)
                end, cues = self.cue(j)
                break
        if "part" in cues and found.kind in ("weekday", "deictic", "date"):
            k = end
        return k


def _is_future(token: Token, data: DateData) -> bool:
    """True when the clause holding `token` speaks of the future: a future or conditional verb, a verb of
    intention or expectation above it ("doit se rendre en juillet", "is expected to travel in May"), or a
    condition ("if the two sides fail to agree by July 9" under "would impose").

    The walk goes up through infinitives and stops at the first other finite verb or verb with auxiliaries."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX"):
            chain = [node, *(c for c in node.children if c.dep_.startswith("aux") and c.pos_ == "AUX")]
            for verb in chain:
                if {"Fut", "Cnd"} & set(verb.morph.get("Tense", None) + verb.morph.get("Mood", None)):
                    return True
                if norm(verb.lemma_) in data.future_aux or norm(verb.text) in data.future_aux:
                    return True
            conditional = any(c.dep_ == "mark" and norm(c.text) in data.future_aux for c in node.children)
            if not conditional and ("Fin" in node.morph.get("VerbForm", None) or len(chain) > 1):
                return False
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _is_past(token: Token) -> bool:
    """True when the verb of the clause holding `token` is in a past tense: a finite past or imperfect
    verb, or a participle with its tense auxiliary ("a signé", "has signed", "signed")."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX"):
            auxiliaries = [c for c in node.children if c.dep_.startswith("aux") and c.pos_ == "AUX"]
            if "Fin" in node.morph.get("VerbForm", None) or not auxiliaries:
                return bool({"Past", "Imp"} & set(node.morph.get("Tense", None))) and "Part" not in node.morph.get("VerbForm", None)
            return any("Fin" in aux.morph.get("VerbForm", None) for aux in auxiliaries) and "Part" in node.morph.get("VerbForm", None)
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _week(day: dt.date) -> str:
    """A week is written as its Monday, so its value shares the month prefix of the days it holds."""
    return (day - dt.timedelta(days=day.weekday())).isoformat()


def _resolve(found: _Found, published: dt.date | None, anchor: dt.date | None, future: bool, past: bool = True) -> tuple[str | None, str]:
    """(ISO value or None, resolution) of a read expression."""
    kind = found.kind
    if kind == "year":
        return f"{found.year:04d}", "year"
    if kind == "decade":
        return f"{(found.year or 0) // 10:03d}", "decade"
    if kind == "date" and found.year is not None and found.day is not None and found.month is not None:
        day = _safe_date(found.year, found.month, found.day)
        return (day.isoformat() if day else None), "day"
    if kind == "month" and found.year is not None and found.month is not None:
        return f"{found.year:04d}-{found.month:02d}", "month"
    if kind == "anaphor":
        base = anchor or published
        return ((base + dt.timedelta(days=found.offset)).isoformat() if base else None), "day"
    if found.anaphoric:
        published = anchor or published  # "la semaine suivante" follows the last stated date
    if published is None:
        return None, found.unit
    direction = found.relative or 0
    if kind == "deictic":
        return (published + dt.timedelta(days=found.offset)).isoformat(), "day"
    if kind == "ago":
        return _offset(published, found.unit, found.offset), found.unit
    if kind == "unit":
        return _offset(published, found.unit, found.relative or 0), found.unit
    if kind == "weekday" and found.weekday is not None:
        gap = (published.weekday() - found.weekday) % 7
        if direction < 0:
            day = published - dt.timedelta(days=gap or 7)
        elif direction > 0 or future:
            ahead = (found.weekday - published.weekday()) % 7
            day = published + dt.timedelta(days=ahead or (7 if direction > 0 else 0))
        else:
            day = published - dt.timedelta(days=gap)
        return day.isoformat(), "day"
    if kind in ("month", "date") and found.month is not None:
        year = _year_for(published, found.month, found.day, direction, future, past)
        if kind == "date" and found.day is not None:
            day = _safe_date(year, found.month, found.day)
            return (day.isoformat() if day else None), "day"
        return f"{year:04d}-{found.month:02d}", "month"
    return None, found.unit


# A day named without a year this close after publication is the coming one when no verb says it is past.
SOON_DAYS = 31


def _year_for(published: dt.date, month: int, day: int | None, direction: int, future: bool, past: bool = True) -> int:
    """The year of a month (and day) named without one: the nearest past one, or the next in the future
    (or, with no tense either way, a day at most SOON_DAYS ahead)."""
    there = (month, day) if day is not None else (month, 0)
    here = (published.month, published.day) if day is not None else (published.month, 0)
    year = published.year
    if direction < 0:
        return year if there < here else year - 1
    if direction > 0:
        return year if there > here else year + 1
    if future:
        return year if there >= here else year + 1
    if not past and day is not None and there > here and (dt.date(year, month, min(day, 28)) - published).days <= SOON_DAYS:
        return year  # "le 30 juin" in a story of 20 June, tense unknown: ten days ahead, not a year back
    return year if there <= here else year - 1


def _offset(published: dt.date, unit: str, delta: int) -> str:
    if unit == "day":
        return (published + dt.timedelta(days=delta)).isoformat()
    if unit == "week":
        return _week(published + dt.timedelta(weeks=delta))
    if unit == "month":
        year, month = _shift_month(published.year, published.month, delta)
        return f"{year:04d}-{month:02d}"
    if unit == "year":
        return f"{published.year + delta:04d}"
    return f"{(published.year + 10 * delta) // 10:03d}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_published(value: str | None) -> dt.date | None:
    """The publication date as a `date`, or None when missing or malformed."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def find_dates(article: Article, *, numbers: list[NumberSpan]) -> list[DateMention]:
    """Date expressions of `article`, resolved against its publication date, in text order."""
    doc = article.doc
    data = date_data(article.language or "")
    published = parse_published(article.published)
    by_start = {span.start: span for span in numbers}
    tokens = view(doc)
    mentions: list[DateMention] = []
    anchor: dt.date | None = None
    numeric = _numeric_dates(doc, data)
    taken = {t for start, end, _ in numeric for t in range(start, end)}
    mentions.extend(mention for _, _, mention in numeric)
    # The tokens a date may start at, in order: a cue's first word, a number, a hyphenated word or a decade.
    decade = data.decade
    cued = {i for i, text in enumerate(tokens.texts) if "-" in text or (decade and decade.match(text))}
    starts = sorted({*data.index.starting_tokens(tokens), *by_start, *cued} - taken)
    reader: _Reader | None = None  # reads within one sentence, from `resume` (the token after its last date) on
    resume = 0
    for i in starts:
        sent_start, sent_end = tokens.sent_start[i], tokens.sent_end[i]
        if reader is None or reader.limit != sent_end:
            reader, resume = _Reader(doc, data, by_start), sent_start
            reader.limit = sent_end
        if i < resume:
            continue
        found = reader.read(i)
        if found is None or found.end <= i:
            continue
        value, resolution = _resolve(found, published, anchor, _is_future(doc[found.end - 1], data), _is_past(doc[found.end - 1]))
        start = found.start
        if found.kind in _PREP_KINDS and start > sent_start and tokens.texts[start - 1] in data.preps:
            start -= 1
        span = doc[start : found.end]
        method = f"rule:date-{found.kind}" + ("-anaphor" if found.anaphoric else "") + (f"-edge:{found.edge}" if found.edge else "")
        mentions.append(DateMention(text=span.text, value=value, resolution=resolution, start=span.start_char, end=span.end_char, sentence=0, method=method))
        if resolution == "day" and value:
            anchor = dt.date.fromisoformat(value)
        resume = found.end
    mentions.sort(key=lambda m: m.start)
    for mention in mentions:
        mention.sentence = article.sentence_of(mention.start)
    return mentions


def _numeric_dates(doc: Doc, data: DateData) -> list[tuple[int, int, DateMention]]:
    """"17/01/2025" and "17.01.2025", read in the language's order (dmy or mdy; a part over 12 decides)."""
    found: list[tuple[int, int, DateMention]] = []
    for match in _NUMERIC.finditer(view(doc).text):
        first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        day, month = (first, second) if data.numeric_order == "dmy" else (second, first)
        if month > 12 and day <= 12:
            day, month = month, day
        date = _safe_date(year, month, day)
        if date is None:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        mention = DateMention(text=match.group(0), value=date.isoformat(), resolution="day", start=span.start_char, end=span.end_char, sentence=0, method="rule:date-numeric")
        found.append((span.start, span.end, mention))
    return found


_CLAUSE_LINKS = frozenset({"xcomp", "aux", "aux:tense", "aux:pass"})  # the trigger's own clause reaches its verb through these


def date_events(article: Article) -> None:
    """Set `event.date` for every event: the date stated in the trigger's clause, else the publication date.

    A date belongs to the clause when, walking up the parse from the date, one reaches the trigger (or
    the verb governing a nominal or infinitive trigger) before any other verb."""
    doc = article.doc
    tokens = view(doc)
    heads = []
    for mention in article.dates:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and mention.value:
            heads.append((span.root, mention))
    for event in article.events:
        event.date = article.published
        trigger = doc.char_span(event.start, event.end, alignment_mode="expand") if 0 <= event.start < event.end else None
        if trigger is None:
            continue
        root = trigger.root
        clause = {root.i}
        if root.pos_ not in ("VERB", "AUX") or root.dep_ in _CLAUSE_LINKS:
            clause.add(root.head.i)
        best: tuple[int, DateMention] | None = None
        for head, mention in heads:
            if tokens.sent_start[head.i] != tokens.sent_start[root.i] or not _in_clause(head, clause):
                continue
            distance = abs(head.i - root.i)
            if best is None or distance < best[0]:
                best = (distance, mention)
        if best is not None:
            event.date = best[1].value


def _in_clause(token: Token, clause: set[int]) -> bool:
    """True when walking up from `token` reaches a clause token before another verb or the root."""
    node = token
    while True:
        if node.i in clause:
            return True
        if node.head.i == node.i or (node.i != token.i and node.pos_ in ("VERB", "AUX")):
            return False
        node = node.head
