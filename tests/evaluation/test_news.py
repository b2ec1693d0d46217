"""The news suite's matching and agreement (no pipeline, no corpus)."""

from __future__ import annotations

from collections import Counter

import pytest

from annales.evaluation import news


def _gold(src, tgt, plover="ASSAULT", root="19", modality="asserted", symmetric=False) -> dict:
    return {"src": src, "tgt": tgt, "plover": [plover], "cameo_root": [root], "modality": modality, "symmetric": symmetric}


def _ours(src, tgt, plover="ASSAULT", cameo="190", modality="asserted") -> dict:
    side = lambda code: {"code": code} if code else None  # noqa: E731
    return {"source": side(src), "target": side(tgt), "plover": plover, "cameo": cameo, "modality": modality}


def test_news_actor_key_compares_countries_and_organisations() -> None:
    assert news.actor_key("RUSMIL") == news.actor_key("RUS") == "RUS"
    assert news.actor_key("IGOUNOSEC") == "IGOUNO"
    assert news.actor_key(None) is None and news.actor_key("") is None


def test_news_strict_match_needs_type_sides_and_modality() -> None:
    gold = [news.gold_reading(_gold(["RUSMIL"], ["UKR"]))]
    assert news.match(gold, [news.our_reading(_ours("RUS", "UKRGOV"))])[0].strict
    wrong_target = news.match(gold, [news.our_reading(_ours("RUS", "FRA"))])[0]
    assert not wrong_target.strict and wrong_target.source_ok and not wrong_target.target_ok
    assert not news.match(gold, [news.our_reading(_ours("RUS", "UKR", modality="reported"))])[0].strict
    assert news.match(gold, [news.our_reading(_ours("RUS", "UKR", plover="CONSULT", cameo="040"))]) == []


def test_news_null_side_matches_only_a_missing_actor() -> None:
    gold = [news.gold_reading(_gold(["BFAMIL"], [None]))]
    assert news.match(gold, [news.our_reading(_ours("BFA", None))])[0].strict
    assert not news.match(gold, [news.our_reading(_ours("BFA", "MLI"))])[0].strict


def test_news_symmetric_annotation_accepts_swapped_sides() -> None:
    gold = [news.gold_reading(_gold(["FRA"], ["KEN"], "CONSULT", "04", symmetric=True))]
    assert news.match(gold, [news.our_reading(_ours("KEN", "FRA", "CONSULT", "040"))])[0].strict


def test_news_matching_is_one_to_one_and_prefers_strict_pairs() -> None:
    gold = [news.gold_reading(_gold(["RUS"], ["UKR"]))]
    ours = [news.our_reading(_ours("RUS", None)), news.our_reading(_ours("RUS", "UKR"))]
    counts: Counter[str] = Counter()
    news.count(gold, ours, counts)
    assert counts["typed"] == 1 and counts["strict"] == 1 and counts["ours"] == 2
    assert counts["asserted"] == 2 and counts["one_sided"] == 1 and counts["one_sided_strict"] == 0
    figures = news.metrics(counts)
    assert figures["strict_precision"] == 0.5 and figures["strict_recall"] == 1.0 and figures["one_sided_share"] == 0.5


def test_news_agreement_pairs_overlapping_rows() -> None:
    first = [
        {"doc": "a", "start": 0, "end": 50, "events": [_gold(["RUS"], ["UKR"])]},
        {"doc": "a", "start": 51, "end": 90, "events": []},
    ]
    second = [
        {"doc": "a", "start": 10, "end": 50, "events": [_gold(["RUS"], ["UKR"], modality="reported")]},
        {"doc": "a", "start": 51, "end": 90, "events": [_gold(["FRA"], ["DEU"], "CONSULT", "04")]},
    ]
    figures = news.agreement(first, second)
    assert figures["lenient_f1"] == 2 * (1 / 2 * 1) / (1 / 2 + 1)
    assert figures["strict_f1"] == 0.0
    assert figures["sentence_event_agreement"] == 0.5


def test_news_intended_acts_accept_the_cameo_statement_of_intent() -> None:
    planned_meeting = news.gold_reading(_gold(["FRA"], ["KEN"], "CONSULT", "04", modality="intended"))
    planned_attack = news.gold_reading(_gold(["RUS"], ["UKR"], "ASSAULT", "19", modality="intended"))
    meeting_intent = news.our_reading(_ours("FRA", "KEN", "AGREE", "036", modality="intended"))
    assert news.match([planned_meeting], [meeting_intent])[0].strict
    assert news.match([planned_attack], [news.our_reading(_ours("RUS", "UKR", "THREATEN", "138", modality="intended"))])[0].strict
    assert news.match([planned_attack], [meeting_intent]) == []
    asserted_meeting = news.gold_reading(_gold(["FRA"], ["KEN"], "CONSULT", "04"))
    assert news.match([asserted_meeting], [meeting_intent]) == []


def test_news_a_reciprocal_act_coded_both_ways_counts_once() -> None:
    meet = dict(_ours("FRA", "KEN", "CONSULT", "040"), start=5)
    back = dict(_ours("KEN", "FRA", "CONSULT", "040"), start=5)
    kept = news.mirrored_once([meet, back])
    assert len(kept) == 1 and kept[0]["symmetric"]
    gold = [news.gold_reading(_gold(["KEN"], ["FRA"], "CONSULT", "04"))]
    assert news.match(gold, [news.our_reading(kept[0])])[0].strict
    other = dict(_ours("FRA", "KEN", "CONSULT", "040"), start=40)  # another mention: two events
    assert len(news.mirrored_once([meet, other])) == 2


def test_news_event_labels_share_a_mirrored_pair_and_tell_lenient_from_strict() -> None:
    meet = dict(_ours("FRA", "KEN", "CONSULT", "040"), start=5)
    back = dict(_ours("KEN", "FRA", "CONSULT", "040"), start=5)
    wrong_side = dict(_ours("FRA", "RUS"), start=30)
    labels = news.event_labels([_gold(["KEN"], ["FRA"], "CONSULT", "04"), _gold(["FRA"], ["UKR"])], [meet, back, wrong_side])
    assert labels == [(True, True), (True, True), (True, False)]
    assert news.event_labels([], [wrong_side]) == [(False, False)]


def test_news_calibration_error_is_the_weighted_gap_between_confidence_and_accuracy() -> None:
    assert news.calibration_error([]) == 0.0
    assert news.calibration_error([(0.25, True), (0.25, False), (0.75, True), (0.75, True)]) == pytest.approx((abs(0.5 - 1) + abs(1.5 - 2)) / 4)
    assert news.calibration_error([(0.9, True)] * 9 + [(0.9, False)]) == pytest.approx(0.0)


def test_news_calibration_noise_is_what_a_perfect_judge_shows_and_shrinks_with_more_events() -> None:
    assert news.calibration_noise([]) == 0.0
    assert news.calibration_noise([0.0, 1.0] * 10) == 0.0  # certain confidences are never wrong
    few, many = news.calibration_noise([0.3, 0.6] * 25), news.calibration_noise([0.3, 0.6] * 1000)
    assert few > 2 * many > 0.0
    assert news.calibration_noise([0.3, 0.6] * 25) == few  # seeded: the same figure every run
