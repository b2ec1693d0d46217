"""The events evaluation suites' parsing helpers (the suites themselves run in the eval gate)."""

from __future__ import annotations

from pathlib import Path

from annales.evaluation import petr_gsr, plv


def test_plv_unmark_finds_source_and_all_target_spans() -> None:
    text, sources, targets = plv.unmark("Senior <s>Hungarian</s> and <t>Romanian</t> officials met <t> Romanian </t> refugees.")
    assert text == "Senior Hungarian and Romanian officials met  Romanian  refugees."
    assert [text[s:e] for s, e in sources] == ["Hungarian"]
    assert [text[s:e] for s, e in targets] == ["Romanian", "Romanian"]


def test_petr_gsr_repair_makes_the_file_parse(shared_dir: Path) -> None:
    records = petr_gsr.load_records(shared_dir / "gold" / petr_gsr.GSR_FILE)
    assert len(records) == 78
    assert sum(len(r.codings) for r in records) == 80  # 92 EventCoding elements, 12 of them noevents
    assert records[0].codings[0] == petr_gsr.Coding(root="04", source="USA", target="CHN")


def test_petr_gsr_unknown_country_accepts_any_actor() -> None:
    coding = petr_gsr.Coding(root="19", source="---", target="SYR")
    assert petr_gsr.matches(coding, {"cameo_root": "19", "source": None, "target": {"country": "SYR", "code": "SYRMIL"}})
    assert not petr_gsr.matches(coding, {"cameo_root": "19", "source": None, "target": {"country": "IRQ", "code": "IRQ"}})
