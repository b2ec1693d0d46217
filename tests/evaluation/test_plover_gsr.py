"""The PLOVER gold-standard scorer: category mapping and metrics on hand-made records."""

from __future__ import annotations

import pytest

from annales.evaluation.plover_gsr import actor_keys, current_category, score


def record(event: str, sources: list[str], targets: list[str] | str = "") -> dict:
    return {
        "event": event,
        "source": [{"code": c} for c in sources],
        "target": [{"code": c} for c in targets] if isinstance(targets, list) else targets,
    }


def predicted(plover: str, source: str | None, target: str | None, confidence: float = 0.5) -> dict:
    def ref(code: str | None) -> dict | None:
        return None if code is None else {"code": code, "country": code[:3]}

    return {"plover": plover, "source": ref(source), "target": ref(target), "confidence": confidence}


def test_plover_gsr_old_categories_map_to_current_names() -> None:
    assert current_category("DEMAND") == "REQUEST"
    assert current_category("DISAPPROVE") == "ACCUSE"
    assert current_category("FIGHT") == "ASSAULT"
    assert current_category("INVESTIGATE") == "ACCUSE"
    assert current_category("CONCEDE") == "CONCEDE" and current_category("RETREAT") == "RETREAT"


def test_plover_gsr_actor_keys_take_three_letter_prefixes_and_ignore_empty() -> None:
    assert actor_keys([{"code": "USAGOV"}, {"code": "igo"}]) == {"USA", "IGO"}
    assert actor_keys("") == set()


def test_plover_gsr_metrics_recall_top1_extra_and_actors() -> None:
    records = [
        record("DEMAND", ["USA"], ["IRQ"]),
        record("FIGHT", ["ISR"], ["LBN"]),
        record("AGREE", ["HUN", "ROU"]),
    ]
    predictions = [
        [predicted("REQUEST", "USAGOV", "IRQ", 0.9)],
        [predicted("ACCUSE", "ISR", "LBN", 0.9), predicted("ASSAULT", "ISR", "SYR", 0.4)],
        [],
    ]
    result = score(records, predictions)
    m = result["metrics"]
    assert m["event.recall"] == pytest.approx(2 / 3)
    assert m["event.top1_accuracy"] == pytest.approx(1 / 3)
    assert m["event.extra_per_record"] == pytest.approx(1 / 3)
    assert m["event.none_rate"] == pytest.approx(1 / 3)
    # Actors are read on the event of the gold type: the ASSAULT event's target is SYR, not LBN.
    assert m["actors.source_country"] == pytest.approx(2 / 3)
    assert m["actors.target_country"] == pytest.approx(1 / 2)
    assert result["confusion"]["ASSAULT"] == {"ACCUSE": 1}
    assert result["confusion"]["AGREE"] == {"NONE": 1}
