from annales.article import Repair
from annales.repair.offsets import Edit, OffsetMap, apply_edits


def test_offsets_map_spans_back_through_several_passes() -> None:
    raw = "AB ’cd’ Poutineun x"
    repairs: list[Repair] = []
    text, omap = apply_edits(raw, OffsetMap(len(raw)), [Edit(0, 3, "", "caption", "t")], repairs)
    text, omap = apply_edits(text, omap, [Edit(0, 1, "'", "quote", "t"), Edit(3, 4, "'", "quote", "t")], repairs)
    at = text.index("Poutineun") + len("Poutine")
    text, omap = apply_edits(text, omap, [Edit(at, at, " ", "glued_words", "t", shown=(at - 7, at + 2))], repairs)
    assert text == "'cd' Poutine un x"
    for repair in repairs:
        assert text[repair.start : repair.end] == repair.after
    glued = repairs[-1]
    assert raw[glued.raw_start : glued.raw_end] == "Poutineun" and glued.after == "Poutine un"
    start = text.index("un x")
    assert raw[slice(*omap.span_to_raw(start, start + 4))] == "un x"
    assert raw[slice(*omap.span_to_raw(0, 4))] == "’cd’"  # same-length substitutions stay exact


def test_offsets_overlapping_edits_first_wins() -> None:
    repairs: list[Repair] = []
    text, _ = apply_edits("un un un", OffsetMap(8), [Edit(0, 3, "", "d", "t"), Edit(2, 6, "", "d", "t")], repairs)
    assert text == "un un" and len(repairs) == 1
