"""Exports survive hostile fields: quotes, tabs, line breaks, carriage returns and spreadsheet formulas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from annales.article import Actor, ActorRef, Article, Event, Mention, Sentence
from annales.cli import app
from annales.store import Store
from annales.store.queries import GDELT_COLUMNS, export

HOSTILE = 'a "quoted"\tcell\nwith a break\rand a return'


def _hostile_article() -> Article:
    text = '=HYPERLINK("http://x") La Russie a signé un accord avec l\'Iran.\tFin\r\n'
    article = Article(path="x\t.txt", id="x", raw_text=text, text=text, language="fr", published="2025-01-17", title=HOSTILE, url=HOSTILE)
    article.sentences = [Sentence(0, 0, len(text))]
    article.actors = [
        Actor(HOSTILE, "RUS", "RUS", None, kind="country", mentions=[Mention("Russie", 26, 32, 0, "test")]),
        Actor("-Iran", "IRN", "IRN", None, kind="country", mentions=[Mention("Iran", 59, 63, 0, "test")]),
    ]
    article.events = [
        Event(source=ActorRef(HOSTILE, "RUS", "RUS", None, actor=0), target=ActorRef("-Iran", "IRN", "IRN", None, actor=1),
              cameo="057", cameo_root="05", plover="AGREE", goldstein=8.0, quad_class=1, sentence=0, trigger="=signé",
              start=35, end=40, method="test", location={"name": HOSTILE, "country": "RUS"})
    ]
    return article


def _store(tmp_path: Path) -> Path:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add(_hostile_article())
    return db


def _tsv_rows(path: Path) -> list[list[str]]:
    # GDELT files have no quoting: a reader splitting on tabs and line breaks must see whole rows
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_export_hostile_gdelt_and_gkg_rows_keep_their_columns(tmp_path: Path) -> None:
    db = _store(tmp_path)
    with Store(db, read_only=True) as store:
        gdelt, *_ = export(store, format="gdelt", out=tmp_path / "e.tsv")
        [gkg] = export(store, format="gkg", out=tmp_path / "g.tsv")
    rows = _tsv_rows(gdelt)
    assert len(rows) == 1 and all(len(row) == len(GDELT_COLUMNS) for row in rows)
    gkg_rows = _tsv_rows(gkg)
    assert len(gkg_rows) == 1 and all(len(row) == 27 for row in gkg_rows)
    assert "\r" not in gkg.read_text(encoding="utf-8")


def test_export_hostile_events_csv_neutralises_formulas(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = CliRunner().invoke(app, ["events", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and len(rows[1]) == len(rows[0])
    cells = dict(zip(rows[0], rows[1]))
    assert cells["trigger"] == "'=signé" and cells["target_name"] == "'-Iran"
    assert not any(cell.startswith(("=", "+", "@")) for cell in rows[1])


def test_export_parquet_to_a_folder_with_an_apostrophe_writes_only_there(tmp_path: Path) -> None:
    db = _store(tmp_path)
    out = tmp_path / "l'export'); COPY articles TO 'pwned.csv"
    with Store(db, read_only=True) as store:
        written = export(store, format="parquet", out=out)
    assert written and all(path.parent == out and path.exists() for path in written)
    assert not list(tmp_path.glob("pwned*")) and not Path("pwned.csv").exists()
