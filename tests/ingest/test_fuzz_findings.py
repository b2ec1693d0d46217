"""What the hostile-input fuzz suite (benchmarks/fuzz.py, issue #14) found in ingest, one test per finding: each
input gives its records (coded errors where it cannot be read), never an exception, and every record can be
printed as UTF-8 JSON."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import struct
import tarfile
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import annales.ingest.html as html_reader
from annales.config import Settings
from annales.ingest import read_inputs

TEXT = "La Russie a signé un accord avec l'Iran à Moscou."
DEEP = 950  # under json's own limit, over what a recursive walk of the value survives


def _read(*paths: Path | str, **settings: object) -> list:
    articles = list(read_inputs([str(p) for p in paths], Settings.make(**settings)))
    for article in articles:
        json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")  # printable and storable
    return articles


def _codes(articles: list) -> list[str]:
    return [a.errors[0].code if a.errors else "" for a in articles]


def _tar(members: list[tarfile.TarInfo | tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT, encoding="utf-8", errors="surrogateescape") as archive:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                archive.addfile(member)
            else:
                info = tarfile.TarInfo(member[0])
                info.size = len(member[1])
                archive.addfile(info, io.BytesIO(member[1]))
    return buffer.getvalue()


def _zip(members: list[tuple[str, bytes]]) -> bytearray:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return bytearray(buffer.getvalue())


def _peak_bytes(*paths: Path, **settings: object) -> tuple[list[str], int]:
    """The error codes of reading `paths`, and the peak of Python memory allocated meanwhile."""
    tracemalloc.start()
    try:
        codes = _codes(list(read_inputs([str(p) for p in paths], Settings.make(**settings))))
        return codes, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _patch_second(data: bytearray, field: tuple[int, int], value: int, fmt: str) -> bytes:
    """Set a field of the second member in its local and central headers (offsets for each)."""
    for signature, at_field in zip((b"PK\x03\x04", b"PK\x01\x02"), field):
        at = data.find(signature, data.find(signature) + 1)
        struct.pack_into(fmt, data, at + at_field, value)
    return bytes(data)


def test_fuzz_findings_deep_metadata_is_left_out_with_a_warning(tmp_path: Path) -> None:
    deep = "[" * DEEP + "]" * DEEP
    (tmp_path / "d.jsonl").write_text('{"text": "' + TEXT + '", "tags": ' + deep + ', "title": ' + deep + "}\n")
    (tmp_path / "s.txt").write_text(TEXT + " Deux.")
    (tmp_path / "s.meta.json").write_text('{"source": "Le Journal", "x": ' + '{"a":' * DEEP + "1" + "}" * DEEP + "}")
    record, side = _read(tmp_path / "d.jsonl", tmp_path / "s.txt")
    assert record.ok and record.title is None and "tags" not in record.meta
    assert sorted(e.code for e in record.errors) == ["W102", "W102"]
    assert side.ok and side.source == "Le Journal" and "x" not in side.meta and [e.code for e in side.errors] == ["W102"]


def test_fuzz_findings_lone_surrogate_in_the_language_field(tmp_path: Path) -> None:
    (tmp_path / "l.jsonl").write_text('{"text": "' + TEXT + '", "language": "\\ud800", "x": NaN, "y": -Infinity}\n')
    [article] = _read(tmp_path / "l.jsonl")
    assert article.language == "\ufffd" and (article.meta["x"], article.meta["y"]) == ("nan", "-inf")


def test_fuzz_findings_tar_member_names_that_are_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "n.tar").write_bytes(_tar([("caf\udce9.txt", TEXT.encode())]))
    [article] = _read(tmp_path / "n.tar")
    assert article.ok and article.path.endswith("n.tar!caf\ufffd.txt")


def test_fuzz_findings_tar_special_members_are_refused_in_archive_order(tmp_path: Path) -> None:
    members: list = [("a.txt", TEXT.encode())]
    for name, kind in (("fifo", tarfile.FIFOTYPE), ("chr", tarfile.CHRTYPE), ("blk", tarfile.BLKTYPE), ("sym", tarfile.SYMTYPE)):
        info = tarfile.TarInfo(name)
        info.type = kind
        members.append(info)
    members.append(("b.txt", (TEXT + " B.").encode()))
    (tmp_path / "s.tar").write_bytes(_tar(members))
    articles = _read(tmp_path / "s.tar")
    assert [a.path.rsplit("!", 1)[-1] for a in articles] == ["a.txt", "fifo", "chr", "blk", "sym", "b.txt"]
    assert _codes(articles) == ["", "E110", "E110", "E110", "E110", ""]


def test_fuzz_findings_truncated_tar_keeps_the_members_before_the_damage(tmp_path: Path) -> None:
    data = _tar([(f"m{k}.txt", (TEXT + str(k) * 3000).encode()) for k in range(4)])
    (tmp_path / "t.tar").write_bytes(data[:9000])  # the third member's data is cut short, the fourth is gone
    articles = _read(tmp_path / "t.tar")
    assert [a.path.rsplit("/", 1)[-1] for a in articles] == ["t.tar!m0.txt", "t.tar!m1.txt", "t.tar!m2.txt", "t.tar"]
    assert _codes(articles) == ["", "", "E109", "E109"] and "damaged after m2.txt" in articles[3].errors[0].message


def test_fuzz_findings_zip_names_flagged_utf8_that_are_not(tmp_path: Path) -> None:
    data = bytes(_zip([("ok.txt", TEXT.encode()), ("badé.txt", TEXT.encode())])).replace("badé".encode(), b"bad\xff\xfe")
    (tmp_path / "u.zip").write_bytes(data)
    [article] = _read(tmp_path / "u.zip")
    assert _codes([article]) == ["E109"] and not any("\ud800" <= ch <= "\udfff" for ch in article.errors[0].message)


@pytest.mark.parametrize("method", [12, 14, 1, 93])
def test_fuzz_findings_zip_member_with_an_unreadable_method_is_refused_alone(tmp_path: Path, method: int) -> None:
    data = _patch_second(_zip([(f"m{k}.txt", (TEXT + str(k)).encode()) for k in range(3)]), (8, 10), method, "<H")
    (tmp_path / "m.zip").write_bytes(data)
    assert _codes(_read(tmp_path / "m.zip")) == ["", "E109", ""]


def test_fuzz_findings_zip_member_larger_than_its_header_says_is_read_bounded(tmp_path: Path) -> None:
    data = _patch_second(_zip([("ok.txt", TEXT.encode()), ("bomb.txt", bytes(20_000_000))]), (22, 24), 100, "<I")
    (tmp_path / "b.zip").write_bytes(data)
    codes, peak = _peak_bytes(tmp_path / "b.zip", max_bytes=1_000_000)
    assert codes == ["", "E109"] and peak < 5_000_000  # reading it whole took the 20 MB it expands to
    # the same when the header tells the truth: refused as too large after max_bytes + 1 bytes
    (tmp_path / "big.zip").write_bytes(bytes(_zip([("big.txt", bytes(5000))])))
    assert _codes(_read(tmp_path / "big.zip", max_bytes=1000)) == ["E104"]


def test_fuzz_findings_damaged_gzip_without_a_suffix(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(TEXT.encode() * 50, mtime=0))
    data[20:40] = b"\xff" * 20  # damaged deflate data behind valid gzip magic
    (tmp_path / "noext").write_bytes(bytes(data))
    assert _codes(_read(tmp_path / "noext")) == ["E109"]


@pytest.mark.parametrize("content", [b"", b"  \n\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \n", codecs.BOM_UTF16_LE])
def test_fuzz_findings_jsonl_file_without_records_is_one_record(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "e.jsonl").write_bytes(content)
    assert _codes(_read(tmp_path / "e.jsonl")) == ["E102"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be"])
def test_fuzz_findings_jsonl_in_utf16_and_utf32(tmp_path: Path, encoding: str) -> None:
    lines = [json.dumps({"text": TEXT + f" {k}"}, ensure_ascii=False) for k in range(3)]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    (tmp_path / "u.jsonl").write_bytes(data)
    assert [a.raw_text for a in _read(tmp_path / "u.jsonl")] == [TEXT + f" {k}" for k in range(3)]


def test_fuzz_findings_jsonl_line_in_a_legacy_encoding(tmp_path: Path) -> None:
    good = json.dumps({"text": TEXT}, ensure_ascii=False).encode()
    legacy = json.dumps({"text": "Été à Noël, " + TEXT}, ensure_ascii=False).encode("cp1252")
    damaged = good[:-2] + b' \xff"}'  # UTF-8 with one stray byte: kept as UTF-8, the byte becomes U+FFFD
    (tmp_path / "l.jsonl").write_bytes(b"\n".join([good, legacy, damaged]) + b"\n")
    articles = _read(tmp_path / "l.jsonl")
    assert articles[1].raw_text.startswith("Été à Noël") and articles[1].meta["encoding"] == "cp1252"
    assert articles[2].raw_text == TEXT + " \ufffd" and "encoding" not in articles[2].meta


def test_fuzz_findings_jsonl_lines_over_the_limit_are_not_held_whole(tmp_path: Path) -> None:
    big = "x" * 3_000_000
    lines = [json.dumps({"text": TEXT}), json.dumps({"text": big}), " " * 3_000_000, json.dumps({"text": TEXT + " 2"})]
    (tmp_path / "b.jsonl").write_text("\n".join(lines))
    codes, peak = _peak_bytes(tmp_path / "b.jsonl", max_bytes=1000)
    assert codes == ["", "E104", ""] and peak < 1_000_000  # not the 3 MB of a line
    articles = _read(tmp_path / "b.jsonl", max_bytes=1000)
    assert _codes(articles) == ["", "E104", ""]  # the long blank line is blank, not a record
    assert f"{len(lines[1]) + 1} bytes" in articles[1].errors[0].message  # with its newline


def test_fuzz_findings_published_setting_reaches_jsonl_files(tmp_path: Path) -> None:
    (tmp_path / "p.jsonl").write_text(json.dumps({"text": TEXT}) + "\n")
    [article] = _read(tmp_path / "p.jsonl", published="2025-01-17")
    assert article.published == "2025-01-17"


@pytest.mark.parametrize("data", ["\u200b\u200b".encode(), codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE + " \n".encode("utf-32-be"), "\ufeff\ufeff\u00ad".encode()])
def test_fuzz_findings_invisible_only_text_is_empty(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "z.txt").write_bytes(data)
    assert _codes(_read(tmp_path / "z.txt")) == ["E102"]


def test_fuzz_findings_utf32_text_is_not_read_as_utf16(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes(TEXT.encode("utf-32"))
    [article] = _read(tmp_path / "u.txt")
    assert article.raw_text == TEXT and article.meta["encoding"] == "utf-32"


def test_fuzz_findings_folders_deeper_than_path_max(tmp_path: Path) -> None:
    top = os.fsencode(tmp_path / "deep")
    os.mkdir(top)
    cwd = os.getcwd()
    depth = 0
    try:
        os.chdir(top)
        while len(top) + depth * 251 < 4096 + 251:
            os.mkdir(b"d" * 250)
            os.chdir(b"d" * 250)
            with open(b"f.txt", "wb") as handle:
                handle.write(f"{TEXT} {depth}".encode())
            depth += 1
    finally:
        os.chdir(cwd)
    articles = _read(tmp_path / "deep")
    codes = _codes(articles)
    # every file of a folder that can be listed (E101 where its own path is too long), and the first folder
    # past PATH_MAX as one record: its file is never seen
    listable = sum(len(top) + level * 251 < 4096 for level in range(1, depth + 1))
    assert listable < depth and codes.count("E113") == 1 and len(articles) == listable + 1
    assert set(codes) <= {"", "E101", "E113"} and codes.count("") >= 10


def test_fuzz_findings_long_file_name_has_no_sidecar_error(tmp_path: Path) -> None:
    (tmp_path / ("x" * 251 + ".txt")).write_text(TEXT)
    [article] = _read(tmp_path)
    assert article.ok and "_sidecar_error" not in article.meta


@pytest.mark.parametrize("kind", ["fifo", "folder", "too_large"])
def test_fuzz_findings_sidecar_that_cannot_be_used_is_noted(tmp_path: Path, kind: str) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    side = tmp_path / "a.meta.json"
    if kind == "fifo":
        os.mkfifo(side)  # never opened: that would block
    elif kind == "folder":
        side.mkdir()
    else:
        side.write_text(json.dumps({"title": "x" * 2000}))
    [article] = _read(tmp_path, max_bytes=1000)
    assert article.ok and article.meta["_sidecar_error"] in ("not a regular file", "too large")


def test_fuzz_findings_html_with_many_rows_is_read_in_time(tmp_path: Path) -> None:
    rows = "<tr><td>x</td></tr>" * 30_000  # the fallback extractors took minutes on this
    (tmp_path / "t.html").write_text(f"<html><body><table>{rows}</table><p>{TEXT} {TEXT} {TEXT}</p></body></html>")
    start = time.monotonic()
    [article] = _read(tmp_path / "t.html")
    assert time.monotonic() - start < 10
    assert TEXT in article.raw_text and article.meta["html_extraction"].startswith("fast")


def test_fuzz_findings_html_parser_failure_is_a_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("Unicode strings with encoding declaration are not supported")

    monkeypatch.setattr(html_reader, "bare_extraction", broken)
    (tmp_path / "a.html").write_text(f"<html><body><p>{TEXT}</p></body></html>")
    (tmp_path / "b.txt").write_text(TEXT)
    articles = _read(tmp_path)
    assert _codes(articles) == ["E106", ""] and "HTML parser failed" in articles[0].errors[0].message
