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
    assert {"language": "fr", "package": "fr_core_news_md"} in rows


def test_lang_unknown_table_is_a_coded_error() -> None:
    with pytest.raises(AnnalesError, match=r"\[E905\]"):
        load_lang("fr").table("no_such_table")


def test_lang_read_tsv_skips_comments_and_pads(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("# source: test\na\tb\n# note\n1\n")
    assert read_tsv(path) == [{"a": "1", "b": ""}]
