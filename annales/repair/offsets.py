"""Edits on a text and the cleaned-to-raw offset map they leave behind.

Each repair pass proposes `Edit`s on the current text; `apply_edits` applies them, records
one `Repair` per edit and composes the offset map, so every offset in the cleaned text can
be traced back to the raw text. The map is a list of runs: an *exact* run maps character by
character, a replaced run maps as a whole onto the raw span it replaced.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..article import Repair


@dataclass(slots=True, frozen=True)
class Edit:
    """Replace `text[start:end]` with `new`. `shown` widens what the Repair records
    (e.g. the whole glued token, not just the inserted space); it must contain the edit."""

    start: int
    end: int
    new: str
    kind: str
    method: str
    shown: tuple[int, int] | None = None


class OffsetMap:
    """Cleaned offset -> raw offset, stored as runs (clean start, raw start, raw end, exact)."""

    __slots__ = ("clean", "exact", "length", "raw", "raw_end")

    def __init__(self, length: int) -> None:
        self.clean: list[int] = [0] if length else []
        self.raw: list[int] = [0] if length else []
        self.raw_end: list[int] = [length] if length else []
        self.exact: list[bool] = [True] if length else []
        self.length = length

    def _append(self, clean: int, raw: int, raw_end: int, exact: bool) -> None:
        # Merge with the previous run when both are exact and contiguous: keeps the map small.
        if exact and self.exact and self.exact[-1] and self.raw_end[-1] == raw and clean - self.clean[-1] == self.raw_end[-1] - self.raw[-1]:
            self.raw_end[-1] = raw_end
            return
        self.clean.append(clean)
        self.raw.append(raw)
        self.raw_end.append(raw_end)
        self.exact.append(exact)

    def to_raw(self, offset: int, *, end: bool = False) -> int:
        """Raw offset of cleaned `offset`; `end=True` maps an exclusive end (the run before a boundary).

        offset (int): offset into the cleaned text.
        RETURNS (int): offset into the raw text.
        """
        if not self.clean:
            return 0
        k = (bisect_left(self.clean, offset) if end else bisect_right(self.clean, offset)) - 1
        k = min(max(k, 0), len(self.clean) - 1)
        if self.exact[k]:
            return min(self.raw[k] + max(offset - self.clean[k], 0), self.raw_end[k])
        return self.raw_end[k] if end else self.raw[k]

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of the cleaned span [start, end)."""
        raw_start = self.to_raw(start)
        return raw_start, max(raw_start, self.to_raw(end, end=True)) if end > start else raw_start

    def _copy(self, out: OffsetMap, start: int, end: int, shift: int) -> None:
        """Append the runs covering cleaned [start, end) to `out`, moved by `shift`."""
        k = max(bisect_right(self.clean, start) - 1, 0)
        while k < len(self.clean) and self.clean[k] < end:
            run_end = self.clean[k + 1] if k + 1 < len(self.clean) else self.length
            lo, hi = max(start, self.clean[k]), min(end, run_end)
            if lo < hi:
                if self.exact[k]:
                    raw = self.raw[k] + lo - self.clean[k]
                    out._append(lo + shift, raw, raw + hi - lo, True)
                else:
                    out._append(lo + shift, self.raw[k], self.raw_end[k], False)
            k += 1


def apply_edits(text: str, omap: OffsetMap, edits: list[Edit], repairs: list[Repair]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping `edits` to `text`: returns the new text and offset map, appends one
    Repair per edit to `repairs` and moves the offsets of the Repairs already there.

    text (str): the current cleaned text; omap (OffsetMap): its map to the raw text.
    RETURNS (tuple[str, OffsetMap]): the edited text and its map to the raw text.
    """
    edits = _non_overlapping(edits)
    if not edits:
        return text, omap
    pieces: list[str] = []
    out = OffsetMap(0)
    cursor = 0
    shift = 0
    starts: list[int] = []  # where each edit starts in the old text, with the shift after it
    shifts: list[int] = []
    new_repairs: list[Repair] = []
    for edit in edits:
        pieces.append(text[cursor : edit.start])
        omap._copy(out, cursor, edit.start, shift)
        raw_start, raw_end = omap.span_to_raw(edit.start, edit.end)
        new_start = edit.start + shift
        if edit.new:
            # Same-length substitutions (quotes, case) stay exact: entity offsets keep their precision.
            exact = len(edit.new) == edit.end - edit.start and raw_end - raw_start == len(edit.new)
            out._append(new_start, raw_start, raw_end, exact)
        pieces.append(edit.new)
        shown_start, shown_end = edit.shown or (edit.start, edit.end)
        delta = len(edit.new) - (edit.end - edit.start)
        shown_raw = omap.span_to_raw(shown_start, shown_end)
        new_repairs.append(
            Repair(
                kind=edit.kind,
                before=text[shown_start:shown_end],
                after=text[shown_start : edit.start] + edit.new + text[edit.end : shown_end],
                start=shown_start + shift,
                end=shown_end + shift + delta,
                raw_start=shown_raw[0],
                raw_end=shown_raw[1],
                method=edit.method,
            )
        )
        shift += delta
        starts.append(edit.end)
        shifts.append(shift)
        cursor = edit.end
    pieces.append(text[cursor:])
    omap._copy(out, cursor, len(text), shift)
    new_text = "".join(pieces)
    out.length = len(new_text)
    for repair in repairs:
        repair.start = _moved(repair.start, starts, shifts)
        repair.end = max(repair.start, _moved(repair.end, starts, shifts))
    repairs.extend(new_repairs)
    return new_text, out


def _moved(offset: int, ends: list[int], shifts: list[int]) -> int:
    """Where old `offset` lands after the edits (ends of edits and the cumulated shift after each)."""
    k = bisect_right(ends, offset) - 1
    return offset + (shifts[k] if k >= 0 else 0)


def _non_overlapping(edits: list[Edit]) -> list[Edit]:
    """Edits sorted by position; an edit overlapping an earlier one is dropped (first come wins)."""
    kept: list[Edit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < last_end or (edit.start == last_end and edit.start == edit.end and kept and kept[-1].start == edit.start):
            continue
        kept.append(edit)
        last_end = edit.end
    return kept
