"""Language data: every shipped table is well-formed; the loader falls back to xx/."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.errors import AnnalesError
from annales.lang import load_lang, read_tsv, validate_tables


def test_lang_shipped_tables_are_valid() -> None:
    assert validate_tables() == []


def test_lang_validate_reports_bad_tables(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "bad.tsv").write_text("word\tcode\nx\ty\tz\n")
    problems = validate_tables(tmp_path)
    assert any("source" in p for p in problems) and any("3 cells" in p for p in problems)


def test_lang_table_falls_back_to_neutral_data() -> None:
    rows = load_lang("fr").table("spacy_models")
    assert any(row["language"] == "fr" and row["package"] == "fr_core_news_md" for row in rows)


def test_lang_unknown_table_is_a_coded_error() -> None:
    with pytest.raises(AnnalesError, match=r"\[E905\]"):
        load_lang("fr").table("no_such_table")


def test_lang_read_tsv_skips_comments_and_pads(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("# source: test\na\tb\n# note\n1\n")
    assert read_tsv(path) == [{"a": "1", "b": ""}]


def test_lang_languages_default_to_every_usable_folder() -> None:
    from annales.config import Settings
    from annales.lang import available_languages, pipeline_languages

    assert Settings.make().languages == pipeline_languages()
    assert set(pipeline_languages()) <= set(available_languages()) and "xx" not in pipeline_languages()


def test_lang_every_processed_language_has_its_tables() -> None:
    from annales.lang import missing_tables, pipeline_languages

    assert {code: missing_tables(code) for code in pipeline_languages()} == {code: [] for code in pipeline_languages()}


def test_lang_missing_tables_names_what_a_new_folder_lacks(tmp_path: Path) -> None:
    from annales.lang import missing_tables

    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "grammar.tsv").write_text("# source: test\nkey\tword\n")
    (tmp_path / "zz" / "actor_demonyms.tsv").write_text("# source: test\niso3\tadjective\n")
    problems = "\n".join(missing_tables("zz", tmp_path))
    assert "zz/event_verbs.tsv: missing" in problems and "zz/grammar.tsv: no column value" in problems
    assert "zz/demonym_inflection.tsv: missing" in problems and "function_words" not in problems


def test_lang_grammar_facts_are_the_same_keys_everywhere() -> None:
    from annales.lang import pipeline_languages

    keys = {code: sorted(load_lang(code).facts("grammar")) for code in pipeline_languages()}
    assert len({tuple(k) for k in keys.values()}) == 1, keys
