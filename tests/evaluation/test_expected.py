"""The expected-annotation scorer on tiny hand-made records (no pipeline run)."""

from __future__ import annotations

from typing import Any

import pytest

from annales.evaluation.expected import (
    actor_found,
    actor_matches,
    distance_km,
    event_matches,
    location_found,
    score,
    score_item,
    to_iso3,
)


def actor(code: str | None = None, name: str = "", country: str | None = None) -> dict[str, Any]:
    return {"name": name, "code": code, "country": country, "sector": None}


def event(src: dict | None, tgt: dict | None, plover: str = "AGREE", cameo: str = "057", **extra: Any) -> dict[str, Any]:
    return {"source": src, "target": tgt, "plover": plover, "cameo": cameo, "cameo_root": cameo[:2], "modality": "asserted", "negated": False, **extra}


RUS, IRN = actor("RUSGOV", "Vladimir Poutine", "RUS"), actor("IRN", "Iran", "IRN")


def test_expected_actor_prefix_name_star_and_null() -> None:
    assert actor_matches("RUS", RUS)
    assert not actor_matches("RUSMIL", RUS)
    assert actor_matches("name:poutine", RUS)  # regexes are case-insensitive
    assert actor_matches("name:^RUSGOV$", RUS)  # name: also searches the code
    assert actor_matches("*", RUS) and not actor_matches("*", None)
    assert actor_matches(None, None) and not actor_matches(None, RUS)
    assert actor_matches("IRN", actor(None, "Téhéran", "IRN"))  # country field when no code


def test_expected_event_type_by_plover_or_cameo_root() -> None:
    spec = {"src": ["RUS"], "tgt": ["IRN"], "plover": ["CONSULT"], "cameo_root": ["05"]}
    assert event_matches(spec, event(RUS, IRN, plover="AGREE", cameo="057"))
    assert event_matches(spec, event(RUS, IRN, plover="CONSULT", cameo="040"))
    assert not event_matches(spec, event(RUS, IRN, plover="ASSAULT", cameo="190"))


def test_expected_symmetric_accepts_swapped_actors_only_when_set() -> None:
    spec = {"src": ["RUS"], "tgt": ["IRN"], "plover": ["AGREE"]}
    swapped = event(IRN, RUS)
    assert not event_matches(spec, swapped)
    assert event_matches({**spec, "symmetric": True}, swapped)


def test_expected_null_target_side_accepts_anything_null_item_only_none() -> None:
    assert event_matches({"src": ["RUS"], "tgt": None, "plover": ["AGREE"]}, event(RUS, None))
    assert event_matches({"src": ["RUS"], "tgt": None, "plover": ["AGREE"]}, event(RUS, IRN))
    assert event_matches({"src": ["RUS"], "tgt": [None], "plover": ["AGREE"]}, event(RUS, None))
    assert not event_matches({"src": ["RUS"], "tgt": [None], "plover": ["AGREE"]}, event(RUS, IRN))


def test_expected_modality_list_restricts_the_key() -> None:
    spec = {"src": ["RUS"], "tgt": ["IRN"], "plover": ["AGREE"], "modality": ["intended", "hypothetical"]}
    assert event_matches(spec, event(RUS, IRN, modality="intended"))
    assert not event_matches(spec, event(RUS, IRN))


def test_expected_key_recall_ignores_negated_events() -> None:
    item = {"events": [{"id": "K1", "src": ["RUS"], "tgt": ["IRN"], "plover": ["AGREE"]}]}
    assert score_item(item, {"events": [event(RUS, IRN, negated=True)]})["checks"]["events.key_recall"] == (0, 1)
    assert score_item(item, {"events": [event(RUS, IRN, modality="denied")]})["checks"]["events.key_recall"] == (0, 1)
    assert score_item(item, {"events": [event(RUS, IRN)]})["checks"]["events.key_recall"] == (1, 1)


@pytest.mark.parametrize(("modality", "negated", "counts"), [("asserted", False, 1), ("reported", False, 0), ("hypothetical", False, 0), ("asserted", True, 0)])
def test_expected_forbidden_counts_only_unhedged_events(modality: str, negated: bool, counts: int) -> None:
    item = {"forbidden": [{"src": ["RUS"], "tgt": ["IRN"], "plover": ["ASSAULT"]}]}
    record = {"events": [event(RUS, IRN, plover="ASSAULT", cameo="190", modality=modality, negated=negated)]}
    assert score_item(item, record)["forbidden_hits"] == counts


def test_expected_unexplained_events_and_precision_proxy() -> None:
    item = {
        "events": [{"src": ["RUS"], "tgt": ["IRN"], "plover": ["AGREE"]}],
        "optional": [{"src": ["IRN"], "tgt": None, "plover": ["REJECT"]}],
    }
    record = {"events": [event(RUS, IRN), event(IRN, None, plover="REJECT", cameo="120"), event(RUS, IRN, plover="PROTEST", cameo="140")]}
    result = score([item], [record])
    assert result["metrics"]["events.asserted"] == 3
    assert result["metrics"]["events.unexplained"] == 1
    assert result["metrics"]["events.precision_proxy"] == pytest.approx(2 / 3)
    assert result["metrics"]["events.key_recall"] == 1.0


def test_expected_facets_amounts_quotes_dates_actors_captions_text() -> None:
    item = {
        "id": "a1",
        "language": "fr",
        "amounts": [{"value": 55e9, "object_regex": "gaz"}, {"value": 47, "object_regex": "articles"}],
        "quotations": [{"text_regex": "avancée", "speaker_regex": "Poutine"}],
        "dates": [{"text_regex": "novembre dernier", "date": "2024-11"}],
        "actors": [{"name_regex": "Poutine", "country": "RUS", "sector": "GOV"}, {"name_regex": "Trump", "country": "USA", "sector": None}],
        "captions": [{"credit_regex": "Reuters"}],
        "must_not_contain": ["Poutineun", "RussieL"],
    }
    record = {
        "id": "a1",
        "language": "en",
        "text": "Poutine a dit ... RussieL",
        "amounts": [{"value": 55.3e9, "unit": "m3", "object": "de gaz", "text": "55 milliards"}, {"value": 48, "object": "articles", "text": "48"}],
        "quotations": [{"text": "une véritable avancée", "speaker": "Vladimir Poutine"}],
        "dates": [{"text": "novembre dernier", "value": "2024-11"}],
        "actors": [
            {"name": "Vladimir Poutine", "country": "RUS", "sector": "GOV", "mentions": []},
            {"name": "Donald", "country": "USA", "sector": "GOV", "mentions": [{"text": "Trump"}]},
        ],
        "captions": [{"text": "...", "credit": "Reuters"}],
    }
    checks = score_item(item, record)["checks"]
    assert checks["amounts.recall"] == (1, 2)  # 55.3e9 is within 1%, 48 is not within 1% of 47
    assert checks["quotations.recall"] == (1, 1)
    assert checks["dates.recall"] == (1, 1)
    assert checks["actors.recall"] == (2, 2)  # a null sector is not checked
    assert checks["captions.recall"] == (1, 1)
    assert checks["text.clean"] == (1, 2)
    assert checks["meta.id"] == (1, 1) and checks["meta.language"] == (0, 1)


def test_expected_location_name_country_and_distance() -> None:
    spec = {"name": "Moscou", "country": "RUS", "lat": 55.75, "lon": 37.62}
    near = {"locations": [{"name": "Moscow", "text": "Moscou", "country": "RU", "lat": 55.76, "lon": 37.61}]}
    far = {"locations": [{"name": "Moscow", "text": "Moscou", "country": "US", "lat": 46.73, "lon": -117.0}]}
    assert location_found(spec, near)
    assert not location_found(spec, far)
    assert to_iso3("RU") == "RUS" and to_iso3("RUS") == "RUS"
    assert distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=2)  # Paris-London


def test_expected_empty_record_scores_zero_without_precision_proxy() -> None:
    item = {"events": [{"src": ["RUS"], "tgt": ["IRN"], "plover": ["AGREE"]}], "amounts": [{"value": 1}]}
    metrics = score([item], [{}])["metrics"]
    assert metrics["events.key_recall"] == 0.0 and metrics["amounts.recall"] == 0.0
    assert "events.precision_proxy" not in metrics


def test_expected_actor_country_may_be_a_list_matching_country_or_code_start() -> None:
    spec = {"name_regex": "Guterres", "country": ["IGOUNO", "UNO"]}
    assert actor_found(spec, {"actors": [{"name": "António Guterres", "code": "IGOUNO", "country": "IGO", "mentions": []}]})
    assert not actor_found(spec, {"actors": [{"name": "António Guterres", "code": None, "country": None, "mentions": []}]})
    assert actor_found({"name_regex": "Kallas", "country": ["EUR", "IGO"]}, {"actors": [{"name": "Kaja Kallas", "code": "IGOEEC", "country": "IGO"}]})
