"""Hostile inputs (issue #14's fuzz findings): each gives coded error records, never an exception that ends the
batch, and every record reaches the store."""

from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from annales.config import Settings
from annales.ingest import read_inputs
from annales.store import Store

SETTINGS = Settings.make()
TEXT = "La Russie a signé un accord avec l'Iran à Moscou."


def _read(*paths: Path | str, **settings: object) -> list:
    return list(read_inputs([str(p) for p in paths], Settings.make(**settings) if settings else SETTINGS))


def _codes(articles: list) -> list[str]:
    return [a.errors[0].code if a.errors else "" for a in articles]


def _deep_json(depth: int = 2000) -> str:
    return "[" * depth + "]" * depth


def test_hostile_deeply_nested_json_is_a_malformed_record(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text(_deep_json())
    lines = json.dumps({"text": TEXT}) + "\n" + '{"text": ' + _deep_json() + "}\n"
    (tmp_path / "deep.jsonl").write_text(lines)
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "a.meta.json").write_text('{"title": ' + _deep_json() + "}")
    articles = _read(tmp_path)
    assert [a.path.rsplit("/", 1)[-1] for a in articles] == ["a.txt", "deep.json", "deep.jsonl", "deep.jsonl"]
    assert articles[0].ok and articles[0].meta["_sidecar_error"]
    assert _codes(articles)[1:] == ["E111", "", "E111"]


def test_hostile_lone_surrogates_become_replacement_characters(tmp_path: Path) -> None:
    (tmp_path / "s.jsonl").write_text('{"text": "Paris \\ud800 accord", "title": "T\\udfff", "published": "2024-01-02"}\n')
    [article] = _read(tmp_path / "s.jsonl")
    assert article.text == "Paris \ufffd accord" and article.title == "T\ufffd"
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")  # printable and storable
    with Store(tmp_path / "s.duckdb") as store:
        store.add(article)


def _zip_with_flags(tmp_path: Path, *, encrypted: bool = False, method: int | None = None) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ok.txt", TEXT)
        archive.writestr("bad.txt", TEXT)
    data = bytearray(buffer.getvalue())
    # patch the second member's local and central headers: general-purpose flag bit 0 (encrypted), or its method
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = data.rfind(signature)
        if encrypted:
            data[at + flag_at] |= 1
        if method is not None:
            data[at + method_at : at + method_at + 2] = method.to_bytes(2, "little")
    path = tmp_path / ("enc.zip" if encrypted else "method.zip")
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("options", [{"encrypted": True}, {"method": 99}])
def test_hostile_zip_member_that_cannot_be_read_is_refused_alone(tmp_path: Path, options: dict) -> None:
    articles = _read(_zip_with_flags(tmp_path, **options))
    assert [a.path.rsplit("!", 1)[-1] for a in articles] == ["ok.txt", "bad.txt"]
    assert articles[0].raw_text == TEXT and _codes(articles) == ["", "E109"]


def test_hostile_archives_nested_without_end_stop_at_a_depth(tmp_path: Path) -> None:
    data = TEXT.encode()
    for _ in range(30):
        data = gzip.compress(data)
    (tmp_path / "nest").write_bytes(data)
    [article] = _read(tmp_path / "nest")
    assert _codes([article]) == ["E111"]


def test_hostile_empty_containers_give_a_record(tmp_path: Path) -> None:
    (tmp_path / "empty.json").write_text("[]")
    with zipfile.ZipFile(tmp_path / "empty.zip", "w"):
        pass
    articles = _read(tmp_path / "empty.json", tmp_path / "empty.zip")
    assert _codes(articles) == ["E112", "E112"]


def test_hostile_special_entries_in_a_folder_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder link that would loop forever
    articles = _read(tmp_path)
    by_name = {a.path.rsplit("/", 1)[-1]: a for a in articles}
    assert set(by_name) == {"a.txt", "pipe.txt", "dangling.txt", "loop.txt", "up"}
    assert by_name["a.txt"].ok
    assert by_name["pipe.txt"].errors[0].code == "E110"  # never opened: a FIFO would block forever
    assert "dangling" in by_name["dangling.txt"].errors[0].message and "loop" in by_name["loop.txt"].errors[0].message
    assert by_name["up"].errors[0].code == "E110"


def test_hostile_tar_link_members_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "links.tar"
    with tarfile.open(path, "w") as archive:
        info = tarfile.TarInfo("a.txt")
        info.size = len(TEXT.encode())
        archive.addfile(info, io.BytesIO(TEXT.encode()))
        link = tarfile.TarInfo("b.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
    articles = _read(path)
    assert sorted(_codes(articles)) == ["", "E110"]


def test_hostile_names_that_differ_only_in_undecodable_bytes_stay_two_records(tmp_path: Path) -> None:
    for name in (b"a\xe9.txt", b"a\xe8.txt"):
        with open(os.path.join(os.fsencode(tmp_path), name), "wb"):
            pass  # two empty files: two error records
    articles = _read(tmp_path)
    with Store(tmp_path / "e.duckdb") as store:
        for article in store.unseen(articles):
            store.add(article)
        assert store.counts()["articles"] == 2 and store.counts()["errors"] == 2


def test_hostile_long_and_undecodable_file_names(tmp_path: Path) -> None:
    long_name = tmp_path / ("x" * 250 + ".txt")
    long_name.write_text(TEXT)
    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(TEXT.encode() + b" Encore.")
    articles = _read(tmp_path)
    assert len(articles) == 2 and all(a.ok for a in articles)
    assert any(a.path.endswith("caf\\xe9.txt") for a in articles)
    with Store(tmp_path / "names.duckdb") as store:
        for article in articles:
            store.add(article)
        assert store.counts()["articles"] == 2


@pytest.mark.parametrize("value", ["0000-00-00", "2024-02-30", "2025-13-45", "yesterday-ish"])
def test_hostile_impossible_dates_are_dropped_with_a_warning(tmp_path: Path, value: str) -> None:
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": TEXT, "published": value}) + "\n")
    [article] = _read(tmp_path / "d.jsonl")
    assert article.published is None and article.ok
    assert [e.code for e in article.errors] == ["W101"]
    with Store(tmp_path / "d.duckdb") as store:
        store.add(article)


@pytest.mark.parametrize(("value", "expected"), [
    ("Mon, 16 May 2022 10:00:00 +0000", "2022-05-16"),
    ("16/05/2022", "2022-05-16"),
    ("2022-05-16T08:00:00Z", "2022-05-16"),
    ("16 mai 2022", "2022-05-16"),
    ("May 16, 2022", "2022-05-16"),
])
def test_hostile_common_date_formats_are_read(tmp_path: Path, value: str, expected: str) -> None:
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": TEXT, "published": value}) + "\n")
    [article] = _read(tmp_path / "d.jsonl")
    assert article.published == expected and not article.errors


def test_hostile_jsonl_file_over_the_article_limit_is_read_record_by_record(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    lines = [json.dumps({"id": str(i), "text": TEXT + " " + "x" * 300}) for i in range(20)]
    lines.insert(5, json.dumps({"id": "huge", "text": "y" * 5000}))
    big.write_text("\n".join(lines) + "\n")
    articles = _read(big, max_bytes=1000)
    assert len(articles) == 21
    assert _codes(articles).count("E104") == 1 and articles[5].errors[0].code == "E104"
    assert sum(a.ok for a in articles) == 20


def test_hostile_every_bad_record_of_a_file_is_a_row_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text("\n".join(["{", "[1]", "{}", "nope", json.dumps({"text": TEXT})]) + "\n")
    articles = _read(tmp_path / "bad.jsonl")
    with Store(tmp_path / "b.duckdb") as store:
        for article in store.unseen(articles):
            store.add(article)
        assert store.counts()["articles"] == 5 and store.counts()["errors"] == 4
        # a rerun adds nothing
        assert list(store.unseen(_read(tmp_path / "bad.jsonl"))) == []
