import gzip
import io
import json
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from annales.config import Settings
from annales.ingest import read_inputs

ARTICLE = "Un titre\n\nLe premier paragraphe du corps.\n\nLe second paragraphe.\n\nfr-99\n"


def read(paths: list[Path | str], **settings: object) -> list:
    return list(read_inputs([str(p) for p in paths], Settings.make(**settings)))


def test_ingest_text_with_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2025-01-17T10:00:00Z", "source": "Le Journal"}))
    [article] = read([tmp_path / "a.txt"])
    assert (article.id, article.title, article.published, article.source) == ("fr-99", "Un titre", "2025-01-17", "Le Journal")
    assert article.text == article.raw_text == ARTICLE and article.ok


def test_ingest_folder_recursive_sorted_without_sidecars(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Deux.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("Un.", encoding="utf-8")
    (tmp_path / "1.meta.json").write_text("{}")
    assert [a.raw_text for a in read([tmp_path])] == ["Un.", "Deux."]


def test_ingest_missing_path_gives_error_record(tmp_path: Path) -> None:
    [article] = read([tmp_path / "nope.txt"])
    assert article.errors[0].code == "E107" and not article.ok


def test_ingest_jsonl_bad_line_gives_one_error_and_goes_on(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": "Texte A.", "headline": "A"}), "{not json", json.dumps({"id": "c"}), json.dumps({"id": "d", "body": "Texte D."})]
    (tmp_path / "x.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles = read([tmp_path / "x.jsonl"])
    assert len(articles) == 4
    assert [a.ok for a in articles] == [True, False, False, True]
    assert [e.code for a in articles for e in a.errors] == ["E106", "E108"]
    assert (articles[0].title, articles[3].raw_text) == ("A", "Texte D.")


def test_ingest_json_custom_fields_and_nested_names(tmp_path: Path) -> None:
    record = {"story": {"body": "Le corps."}, "hed": "Titre", "when": "2024-03-02", "ref": 7, "extra": 1}
    (tmp_path / "x.json").write_text(json.dumps([record]), encoding="utf-8")
    [article] = read([tmp_path / "x.json"], json_text_fields=("story.body",), json_title_fields=("hed",), json_date_fields=("when",), json_id_fields=("ref",))
    assert (article.raw_text, article.title, article.published, article.id) == ("Le corps.", "Titre", "2024-03-02", "7")
    assert article.meta["extra"] == 1


def test_ingest_malformed_json(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{oops", encoding="utf-8")
    [article] = read([tmp_path / "x.json"])
    assert article.errors[0].kind == "malformed" and article.errors[0].code == "E106"


def test_ingest_html_offline(tmp_path: Path) -> None:
    body = "".join(f"<p>Paragraphe numéro {i} du texte principal de cet article de presse assez long.</p>" for i in range(6))
    html = f"<html><head><title>Le titre</title><meta name='author' content='Jeanne Dupont'><meta property='article:published_time' content='2024-05-06'></head><body><nav>Menu</nav><article><h1>Le titre</h1>{body}</article></body></html>"
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    [article] = read([tmp_path / "p.html"])
    assert article.ok and "Paragraphe numéro 3" in article.raw_text and "Menu" not in article.raw_text
    assert article.title == "Le titre" and article.published == "2024-05-06" and article.author == "Jeanne Dupont"


def test_ingest_archives(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "a.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("Gz.")
    with zipfile.ZipFile(tmp_path / "z.zip", "w") as archive:
        archive.writestr("one.txt", "Zip un.")
        archive.writestr("one.meta.json", json.dumps({"id": "z1"}))
        archive.writestr("two.jsonl", json.dumps({"text": "Zip deux."}) + "\n" + json.dumps({"text": "Zip trois."}))
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        data = b"Tar."
        info = tarfile.TarInfo("t/a.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    (tmp_path / "t.tar.gz").write_bytes(buffer.getvalue())
    articles = read([tmp_path / "a.txt.gz", tmp_path / "z.zip", tmp_path / "t.tar.gz"])
    assert [a.raw_text for a in articles] == ["Gz.", "Zip un.", "Zip deux.", "Zip trois.", "Tar."]
    assert articles[1].id == "z1" and articles[1].path.endswith("z.zip!one.txt")


def test_ingest_broken_archive_and_large_member(tmp_path: Path) -> None:
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really")
    with zipfile.ZipFile(tmp_path / "big.zip", "w") as archive:
        archive.writestr("big.txt", "x" * 200)
        archive.writestr("ok.txt", "petit")
    articles = read([tmp_path / "bad.zip", tmp_path / "big.zip"], max_bytes=100)
    assert [e.code for a in articles for e in a.errors] == ["E109", "E104"]
    assert len(articles) == 3 and articles[2].raw_text == "petit"


def test_ingest_bad_files_each_give_one_error(tmp_path: Path) -> None:
    (tmp_path / "1-empty.txt").write_bytes(b"")
    (tmp_path / "2-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "3-big.txt").write_bytes(b"a" * 50)
    (tmp_path / "4-ok.txt").write_bytes("Café à Paris.".encode("cp1252"))
    articles = read([tmp_path], max_bytes=40)
    assert [e.code for a in articles for e in a.errors] == ["E102", "E103", "E104"]
    assert articles[3].raw_text == "Café à Paris." and articles[3].meta["encoding"] == "cp1252"


def test_ingest_stdin_sniffs_format(monkeypatch: pytest.MonkeyPatch) -> None:
    payload = json.dumps({"id": "s1", "text": "Depuis stdin."}).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    [article] = read(["-"])
    assert (article.id, article.raw_text, article.path) == ("s1", "Depuis stdin.", "-")


def test_ingest_settings_fill_missing_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Corps.", encoding="utf-8")
    [article] = read([tmp_path / "a.txt"], published="2025-02-03", default_language="fr")
    assert (article.published, article.language) == ("2025-02-03", "fr")
