"""Pipeline construction: stage names, declared requirements, settings."""

from __future__ import annotations

import pytest

from annales.config import Settings
from annales.errors import AnnalesError
from annales.pipeline import ARTICLE_STAGES, Pipeline, stage_module


def test_pipeline_stage_modules_declare_their_contract() -> None:
    for name in ARTICLE_STAGES:
        module = stage_module(name)
        assert module.NAME == name
        assert isinstance(module.REQUIRES, tuple) and isinstance(module.ASSIGNS, tuple)
        assert callable(module.run)


def test_pipeline_unknown_stage_is_a_coded_error() -> None:
    with pytest.raises(AnnalesError, match=r"\[E901\]"):
        Pipeline(Settings.make(stages=("repair", "parse")))


def test_pipeline_missing_requirement_is_a_coded_error() -> None:
    with pytest.raises(AnnalesError, match=r"\[E902\].*actors"):
        Pipeline(Settings.make(disabled_stages=("nlp",)))


def test_pipeline_disabled_stages_are_skipped() -> None:
    pipeline = Pipeline(Settings.make(stages=("repair", "language")))
    assert pipeline.names == ["repair", "language"]


def test_settings_unknown_name_is_a_coded_error() -> None:
    with pytest.raises(AnnalesError, match=r"\[E903\]"):
        Settings.make(max_byte=3)


def test_pipeline_a_failing_article_gets_an_error_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from annales import repair
    from annales.article import Article

    original = repair.repair_article

    def fragile(article: Article, **kwargs: object) -> Article:
        if "boom" in article.raw_text:
            raise RuntimeError("simulated bug")
        return original(article, **kwargs)

    monkeypatch.setattr(repair, "repair_article", fragile)
    pipeline = Pipeline(Settings.make(stages=("repair",)))
    batch = [Article(raw_text=t, text=t) for t in ("Un texte.", "boom ici", "Un autre texte.")]
    pipeline.run_batch(batch)
    assert [a.ok for a in batch] == [True, False, True]
    assert batch[1].errors[0].code == "E906" and "simulated bug" in batch[1].errors[0].message
