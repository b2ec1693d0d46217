"""`--set name=value`: values are Python literals, and true/false in any case are booleans."""

from __future__ import annotations

import pytest
import typer

from annales.cli._util import make_settings


def test_set_reads_literals_and_booleans_in_any_case() -> None:
    settings = make_settings(["event_anaphora=true", "batch_size=8", "judge_mode=full"])
    assert settings.event_anaphora is True and settings.batch_size == 8 and settings.judge_mode == "full"
    assert make_settings(["event_anaphora=False"]).event_anaphora is False


def test_set_with_a_wrong_type_is_a_usage_error() -> None:
    with pytest.raises(typer.Exit):
        make_settings(["event_anaphora=maybe"])


def test_set_reads_a_comma_separated_list_for_a_list_setting() -> None:
    assert make_settings(["languages=fr, en"]).languages == ("fr", "en")
    assert make_settings(["languages=['en']"]).languages == ("en",)
