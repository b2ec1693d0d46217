"""Russian through every stage: events with source, target and modality; inflected names resolve to their actor;
`annales lang install` and the E301 hint. Sentences written for these tests (not in tests/gold/ru)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import annales.language as language_stage
from annales.article import Article, Event
from annales.cli import app
from annales.pipeline import process_text


def _events(text: str) -> list[Event]:
    return process_text(text, title="Новости", published="2025-04-10", language="ru").events


def _triples(events: list[Event]) -> set[tuple[str | None, str | None, str | None, str]]:
    return {((e.source.country if e.source else None), e.plover, (e.target.country if e.target else None), e.modality) for e in events}


@pytest.mark.usefixtures("natasha_installed")
def test_meeting_accusation_and_negation() -> None:
    events = _events(
        "Президент России Владимир Путин в среду встретился в Кремле с президентом Турции Реджепом Тайипом Эрдоганом. "
        "Глава МИД Украины Андрей Сибига обвинил Москву в новых ударах по Одессе. "
        "Венгрия не подписала соглашение с Украиной."
    )
    found = _triples(events)
    assert ("RUS", "CONSULT", "TUR", "asserted") in found
    assert ("UKR", "ACCUSE", "RUS", "asserted") in found
    assert any(source == "HUN" and modality == "negated" for source, _, _, modality in found)


@pytest.mark.usefixtures("natasha_installed")
def test_inflected_name_resolves_to_its_actor() -> None:
    article = process_text("Эрдоган провёл переговоры с Лавровым в Анкаре.", title="Новости", published="2025-04-10", language="ru")
    names = {a.name for a in article.actors}
    assert "Sergey Lavrov" in names and "Recep Tayyip Erdoğan" in names
    assert any(e.target is not None and e.target.name == "Sergey Lavrov" for e in article.events)


def test_russian_article_is_identified_as_russian() -> None:
    article = Article(
        raw_text="",
        text="Министр иностранных дел России провёл переговоры со своим турецким коллегой в Анкаре. Стороны обсудили поставки газа.",
    )
    language_stage.identify_article(article, supported=("fr", "en", "ru"))
    assert article.language == "ru" and not article.errors


def test_install_of_an_unknown_language_is_a_coded_error() -> None:
    result = CliRunner().invoke(app, ["lang", "install", "zz"])
    assert result.exit_code == 2 and "E402" in result.output


def test_install_dry_run_names_the_requirement_and_licence() -> None:
    result = CliRunner().invoke(app, ["lang", "install", "ru", "--dry-run"])
    assert result.exit_code == 0 and "natasha==1.6.0" in result.output and "MIT" in result.output


def test_unsupported_language_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language_stage, "pipeline_languages", lambda: ("fr", "en"))
    article = language_stage.identify_article(Article(raw_text="", text="Текст.", language="ru"), supported=("fr", "en"))
    assert [e.code for e in article.errors] == ["E301"] and "annales lang install ru" in article.errors[0].message
