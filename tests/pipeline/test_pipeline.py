"""Pipeline construction: stage names, declared requirements, settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.config import Settings
from annales.errors import AnnalesError
from annales.pipeline import ARTICLE_STAGES, Pipeline, stage_module


def test_pipeline_stage_modules_declare_their_contract() -> None:
    for name in ARTICLE_STAGES:
        module = stage_module(name)
        assert name == module.NAME
        assert callable(module.run)


@pytest.mark.slow
def test_pipeline_stages_assign_what_they_declare(examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run stage by stage over the examples, recording attribute assignments: every field a stage declares in
    ASSIGNS ("events.location": on the events it was given) is assigned by it, and it assigns no other Article field."""
    from annales.article import Article, Event
    from annales.ingest import read_inputs

    assigned: set[str] = set()
    given_events: set[int] = set()

    def on_article(self: Article, name: str, value: object) -> None:
        assigned.add(name)
        object.__setattr__(self, name, value)

    def on_event(self: Event, name: str, value: object) -> None:
        if id(self) in given_events:  # not the stage's own new events being built
            assigned.add(f"events.{name}")
        object.__setattr__(self, name, value)

    settings = Settings.make()
    articles = list(read_inputs([str(examples_dir)], settings))
    assert len(articles) >= 5 and all(a.ok for a in articles)
    monkeypatch.setattr(Article, "__setattr__", on_article)
    monkeypatch.setattr(Event, "__setattr__", on_event)
    for name in ARTICLE_STAGES:
        module = stage_module(name)
        assert module.ASSIGNS, name
        assigned.clear()
        given_events.clear()
        given_events.update(id(e) for a in articles for e in a.events)
        module.run(articles, settings)
        assert all(a.ok for a in articles), (name, [e for a in articles for e in a.errors])
        assert set(module.ASSIGNS) <= assigned, f"{name} declares but never assigns {sorted(set(module.ASSIGNS) - assigned)}"
        undeclared = {field for field in assigned if "." not in field} - set(module.ASSIGNS)
        assert not undeclared, f"{name} assigns undeclared fields {sorted(undeclared)}"


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


# Article fields any stage may touch without declaring them: its error list (Article.add_error, Article.ok).
UNDECLARED_READS = frozenset({"errors"})


@pytest.mark.slow
def test_pipeline_stages_read_only_what_they_declare(examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run stage by stage over the examples, recording reads of Article fields: a stage reads only what it
    REQUIRES, READS (used when an earlier stage provided it) or ASSIGNS (and the error list)."""
    import dataclasses

    from annales.article import Article
    from annales.ingest import read_inputs

    fields = {f.name for f in dataclasses.fields(Article)}
    read: set[str] = set()
    plain_get = object.__getattribute__

    def on_read(self: Article, name: str) -> object:
        if name in fields:
            read.add(name)
        return plain_get(self, name)

    settings = Settings.make()
    articles = list(read_inputs([str(examples_dir)], settings))
    monkeypatch.setattr(Article, "__getattribute__", on_read)
    for name in ARTICLE_STAGES:
        module = stage_module(name)
        read.clear()
        module.run(articles, settings)
        declared = {field.split(".")[0] for field in (*module.REQUIRES, *getattr(module, "READS", ()), *module.ASSIGNS)} | UNDECLARED_READS
        assert not read - declared, f"{name} reads undeclared fields {sorted(read - declared)}"
