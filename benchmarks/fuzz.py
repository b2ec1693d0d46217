"""Seeded fuzz suite of hostile inputs for ingest (issue 14, "a real corpus goes in whole").

    .venv/bin/python benchmarks/fuzz.py --seed 1 --n 2000 --out /tmp/fuzz.json

Generates at least `--n` hostile inputs, deterministic for a seed, in one folder per family under a temporary
folder, then runs `annales extract --format jsonl` and `annales ingest` (into a fresh DuckDB store) on each
family folder in a child process with a timeout, and checks:

- no Python traceback on stderr, and a child that ends by itself (no hang);
- exit code 0, or 1 exactly when no record could be processed (every record has a fatal error);
- accounting: the records the generator says it wrote == records printed by extract == rows in `articles`.

What counts as one record is decided here, from what was generated, never from what annales printed: a file is
one record; a JSON file holding a list is one record per element (an empty list is one "holds no records"
record); a JSON Lines file is one record per non-blank line (a file with none is one record); an archive is one
record per member that is not a folder or a `.meta.json` sidecar (one record when it cannot be opened or holds
no member); a folder entry that is not a regular file (FIFO, socket, link to nothing, link loop, link to a
folder) is one record; a folder that cannot be listed is one record. Sidecars are never records.

The store keys a row by the SHA-256 of the raw text, and an error row by (path, record number, first error
kind), so identical texts collapse into one row, and so do two error records of one path. Every generated text
carries a serial number, every name that is not UTF-8 carries one before its bad bytes (two names differing only
in undecodable bytes print the same), and no archive holds two members of one name, so the three counts are
comparable; the one family that makes duplicates on purpose (links to regular files in `special_files`) lowers
its expected store count by the duplicates it made.

An "input" is one hostile thing written (a file, a JSON Lines line, an archive member, a folder entry); its
records are what it must give (a chain of nested archives is one input and one record, a zip of zips one
input and six records). Families: nested_json, surrogates, zip_broken, nested_archives, long_names,
non_utf8_names, bad_dates, markup (also run through `extract --format table`), function_words (the full
pipeline), empty, binary, json_shapes, special_files, tar_links, empty_archives, huge_jsonl (with
--set max_bytes=2000), legacy_encodings, html_scripts.

Peak RSS per family is the child's own (os.wait4), in MiB. Most families run the cheap stages only
(`--set stages=('repair','language')`); `function_words` runs the whole pipeline on about 50 inputs.
`generate()` and `check_family_inprocess()` are importable: tests/ingest/test_fuzz_slice.py runs a small slice.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import io
import json
import os
import random
import signal
import socket
import struct
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHEAP_STAGES = "stages=('repair','language')"
INGEST_ONLY_STAGES = "stages=('repair',)"
# Error kinds that stop an article (annales.article.FATAL_ERRORS, repeated so this file reads without annales).
FATAL_KINDS = frozenset({"unreadable", "undecodable", "empty", "binary", "too_large", "malformed", "unsupported_language", "stage_failed"})
PATH_MAX = 4096

FR = (
    "Le gouvernement a annoncé mardi un nouveau plan pour les hôpitaux de la région.",
    "La Russie a signé un accord commercial avec l'Iran à Moscou.",
    "Les syndicats ont appelé à une grève nationale contre la réforme des retraites.",
    "Le président a rencontré son homologue allemand pour parler de la sécurité européenne.",
    "Des milliers de manifestants se sont rassemblés devant le parlement samedi matin.",
    "La mairie a fermé trois écoles après les fortes pluies de la semaine dernière.",
)
EN = (
    "The government announced a new plan for regional hospitals on Tuesday.",
    "Russia signed a trade agreement with Iran in Moscow.",
    "Unions called for a national strike against the pension reform.",
    "The president met his German counterpart to talk about European security.",
    "Thousands of protesters gathered outside parliament on Saturday morning.",
    "The city council closed three schools after heavy rain last week.",
)
IMPOSSIBLE_DATES = ("0000-00-00", "2024-02-30", "2025-13-45", "2023-00-10", "1999-11-31", "0000-01-01", "2024-02-30T25:61:00Z",
                    "31/02/2024", "45/13/2025", "00/00/0000", "yesterday-ish", "n/a", "-1", "99999-99-99", "2024-13", "Feb 30, 2024")
ODD_DATE_VALUES: tuple[Any, ...] = (20240230, 0, -5, 1e300, float("nan"), True, [2024, 2, 30], {"y": 2024}, "", " ", "9" * 40)
MARKUP = ("[/]", "[bold red]", "[/bold]", "[link=file:///etc/passwd]x[/link]", "\\[/]", "[", "]", "[[/]]", "[on red]", "[/red")
FUNCTION_ENDINGS = {
    "fr": ("avec la", "de l'", "du", "à la", "et", "que", "pour les", "dans le", "sur", "la", "une", "ou", "par"),
    "en": ("with the", "of the", "and", "to", "that", "for a", "in the", "on", "the", "a", "or", "by", "of"),
}
ZIP_BAD_METHODS = (99, 12, 14, 1, 6, 97, 98, 95, 96, 93, 19, 255)


@dataclass
class Case:
    """One family folder: what was generated in it and what annales must report for it."""

    family: str
    folder: Path
    inputs: int = 0
    expected: int = 0  # records extract must print
    duplicates: int = 0  # records with the raw text of an earlier one: the store keeps one row
    settings: list[str] = field(default_factory=list)
    full_pipeline: bool = False
    table_check: bool = False  # also run `extract --format table` (rich markup in paths and titles)
    manifest: dict[str, int] = field(default_factory=dict)  # each generated entry (display path) -> its records

    @property
    def store_expected(self) -> int:
        return self.expected - self.duplicates


class Maker:
    """Writes a family's inputs and keeps its tally; every text it makes is unique (a serial number)."""

    def __init__(self, case: Case, rng: random.Random, *, sweep: bool = False) -> None:
        self.case = case
        self.rng = rng
        self.serial = 0
        # sweep: variants come in turn rather than at random, so a small slice still meets every one of them
        self.sweep = sweep
        self._turns: dict[str, int] = {}

    def variant(self, count: int, key: str = "variant") -> int:
        """Which of `count` variants comes next: at random, or in turn when sweeping."""
        if not self.sweep:
            return self.rng.randrange(count)
        turn = self._turns.get(key, 0)
        self._turns[key] = turn + 1
        return turn % count

    def text(self, language: str | None = None, *, sentences: int = 2, ending: str = "") -> str:
        self.serial += 1
        language = language or self.rng.choice(("fr", "en"))
        pool = FR if language == "fr" else EN
        body = " ".join(self.rng.sample(pool, sentences))
        tag = f"Dossier {self.case.family} numéro {self.serial}." if language == "fr" else f"File {self.case.family} number {self.serial}."
        return f"{body} {tag}{(' ' + ending) if ending else ''}"

    def name(self, stem: str, suffix: str) -> str:
        self.serial += 1
        return f"{stem}-{self.serial:05d}{suffix}"

    def write(self, rel: str | bytes, data: bytes | str, *, records: int = 1, inputs: int | None = None) -> Path:
        """Write a file (a relative name, bytes allowed for names that are not UTF-8) worth `records` records."""
        folder = os.fsencode(self.case.folder)
        path = os.path.join(folder, os.fsencode(rel))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        self.count(records, inputs, at=path)
        return Path(os.fsdecode(path))

    def count(self, records: int, inputs: int | None = None, *, at: str | bytes | Path | None = None) -> None:
        self.case.expected += records
        self.case.inputs += records if inputs is None else inputs
        if at is not None and records:
            key = display(at)
            self.case.manifest[key] = self.case.manifest.get(key, 0) + records


def display(path: str | bytes | Path) -> str:
    """A path as annales prints it: bytes that are not UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", errors="replace")


# --------------------------------------------------------------------------------------------------- builders


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def tar_bytes(members: list[tarfile.TarInfo | tuple[str, bytes]], *, gz: bool = False) -> bytes:
    buffer = io.BytesIO()
    # surrogateescape: a member name given with \udcXX escapes is written as those raw (non-UTF-8) bytes
    with tarfile.open(fileobj=buffer, mode="w:gz" if gz else "w", format=tarfile.GNU_FORMAT, encoding="utf-8", errors="surrogateescape") as archive:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                archive.addfile(member)
            else:
                name, data = member
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def patch_zip_member(data: bytes, index: int, *, flag: int = 0, method: int | None = None, crc: bool = False) -> bytes:
    """Patch member `index` of a zip in both its local and its central header: OR `flag` into the general-purpose
    flags (1 = encrypted, 0x800 = UTF-8 names), set the compression `method`, or spoil the CRC."""
    out = bytearray(data)
    for signature, flag_at, method_at, crc_at in ((b"PK\x03\x04", 6, 8, 14), (b"PK\x01\x02", 8, 10, 16)):
        at = -1
        for _ in range(index + 1):
            at = out.find(signature, at + 1)
        if at < 0:
            continue
        value = struct.unpack_from("<H", out, at + flag_at)[0] | flag
        struct.pack_into("<H", out, at + flag_at, value)
        if method is not None:
            struct.pack_into("<H", out, at + method_at, method)
        if crc:
            out[at + crc_at] ^= 0xFF
    return bytes(out)


def deep_json(rng: random.Random, depth: int, *, kind: str | None = None) -> str:
    kind = kind or rng.choice(("list", "dict"))
    return "[" * depth + "]" * depth if kind == "list" else '{"a":' * depth + "1" + "}" * depth


def pick_depth(m: Maker) -> int:
    # around Python's recursion limit is where parsers and walkers disagree; sweeping starts there
    rng = m.rng
    return (rng.randint(850, 1000), rng.randint(2, 200), rng.randint(1000, 1100), rng.randint(5000, 60000))[m.variant(4, "depth")]


# --------------------------------------------------------------------------------------------------- families


def gen_nested_json(m: Maker, count: int) -> None:
    rng = m.rng
    for _ in range(count):
        variant = m.variant(5)
        depth = pick_depth(m)
        if variant == 0:  # the whole document is deep
            m.write(m.name("deep", ".json"), deep_json(rng, depth))
        elif variant == 1:  # a deep field beside the text
            field_name = rng.choice(("x", "title", "tags", "author", "published", "source"))
            m.write(m.name("deepfield", ".json"), json.dumps({"text": m.text()})[:-1] + f', "{field_name}": {deep_json(rng, depth)}}}')
        elif variant == 2:  # JSON Lines: one deep line among good ones
            lines = [json.dumps({"text": m.text()}), json.dumps({"text": m.text()})[:-1] + f', "meta": {deep_json(rng, depth)}}}', deep_json(rng, depth)]
            rng.shuffle(lines)
            m.write(m.name("deep", ".jsonl"), "\n".join(lines) + "\n", records=3)
            continue
        elif variant == 3:  # a deep sidecar (object)
            name = m.name("side", "")
            m.write(name + ".txt", m.text())
            m.write(name + ".meta.json", '{"title": "T", "x": ' + deep_json(rng, depth) + "}", records=0, inputs=0)
        else:  # a deep sidecar (the whole document)
            name = m.name("side", "")
            m.write(name + ".txt", m.text())
            m.write(name + ".meta.json", deep_json(rng, depth), records=0, inputs=0)


SURROGATES = ("\\ud800", "\\udfff", "\\udc80", "\\ud83d", "\\ude00", "\\udbff\\udbff")


def gen_surrogates(m: Maker, count: int) -> None:
    rng = m.rng
    fields = ("text", "title", "id", "url", "source", "author", "language", "published", "key", "nested")
    i = 0
    while i < count:
        variant = m.variant(5)
        s = rng.choice(SURROGATES)
        if variant in (0, 1):  # JSON Lines, several records, a lone surrogate in one field each
            n = min(rng.randint(1, 6), count - i)
            lines = []
            for _ in range(n):
                where = rng.choice(fields)
                record = {"text": m.text(), "title": "Titre"}
                line = json.dumps(record)
                if where == "text":
                    line = line.replace('"text": "', f'"text": "{s} ', 1)
                elif where == "key":
                    line = line[:-1] + f', "k{s}ey": 1}}'
                elif where == "nested":
                    line = line[:-1] + f', "extra": {{"a": ["{s}", {{"{s}": "{s}"}}]}}}}'
                else:
                    line = line[:-1] + f', "{where}": "x{s}y"}}'
                lines.append(line)
            m.write(m.name("sur", ".jsonl"), "\n".join(lines) + "\n", records=n)
            i += n
            continue
        if variant == 2:  # a .json document
            m.write(m.name("sur", ".json"), '{"text": "' + s + " " + m.text() + '", "title": "' + s + '"}')
        elif variant == 3:  # raw bytes that are not UTF-8 inside a JSON Lines string
            line = json.dumps({"text": m.text(), "title": "T"}).encode().replace(b'"T"', b'"\xff\xfe\xed\xa0\x80"')
            m.write(m.name("raw", ".jsonl"), line + b"\n")
        else:  # a sidecar with lone surrogates
            name = m.name("side", "")
            m.write(name + ".txt", m.text())
            m.write(name + ".meta.json", '{"title": "' + s + '", "published": "2024' + s + '", "language": "' + s + '", "' + s + '": "' + s + '"}', records=0, inputs=0)
        i += 1


BOMB_BYTES = 200_000_000


def understated_zip(m: Maker) -> bytes:
    """A zip whose second member expands to BOMB_BYTES while its headers say 100 bytes."""
    data = bytearray(zip_bytes([("ok.txt", m.text().encode()), ("bomb.txt", bytes(BOMB_BYTES))]))
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature, data.find(signature) + 1)
        struct.pack_into("<I", data, at + size_at, 100)
    return bytes(data)


def gen_zip_broken(m: Maker, count: int) -> None:
    rng = m.rng
    i = 0
    if count >= 20:  # once per family run: memory stays bounded whatever a header claims
        m.write(m.name("understated", ".zip"), understated_zip(m), records=2)
        i += 2
    while i < count:
        variant = (4, 5, 0, 1, 2, 3)[m.variant(6)]
        if variant == 4:  # names flagged UTF-8 that are not UTF-8: the archive cannot be listed at all
            data = zip_bytes([("ok.txt", m.text().encode()), ("bad\xe9.txt", m.text().encode())])
            data = patch_zip_member(data, 1, flag=0x800).replace("bad\xe9".encode(), b"bad\xff\xfe")
            m.write(m.name("utf8flag", ".zip"), data, records=1, inputs=1)
            i += 1
            continue
        if variant == 5:  # a truncated zip (no central directory)
            data = zip_bytes([(f"a{k}.txt", m.text().encode()) for k in range(3)])
            m.write(m.name("trunc", ".zip"), data[: rng.randint(10, len(data) // 2)], records=1, inputs=1)
            i += 1
            continue
        n = rng.randint(2, 5)
        members = [(f"m{k}.txt", m.text().encode()) for k in range(n)]
        if rng.random() < 0.3:
            members.append(("m0.meta.json", b'{"title": "Sidecar"}'))
        data = zip_bytes(members)
        for k in rng.sample(range(n), rng.randint(1, n)):
            if variant == 0:
                data = patch_zip_member(data, k, flag=1)
            elif variant == 1:
                data = patch_zip_member(data, k, method=rng.choice(ZIP_BAD_METHODS))
            elif variant == 2:
                data = patch_zip_member(data, k, crc=True)
            else:
                data = patch_zip_member(data, k, flag=1, method=rng.choice(ZIP_BAD_METHODS))
        m.write(m.name("broken", ".zip"), data, records=n, inputs=n)
        i += n


def _wrap(kind: str, name: str, data: bytes) -> tuple[str, bytes]:
    """Put `data` (called `name`) into an archive of `kind`; returns the archive's name and bytes."""
    stem = name.replace(".", "_")
    if kind == "gz":
        return name + ".gz", gzip.compress(data, mtime=0)
    if kind == "zip":
        return stem + ".zip", zip_bytes([(name, data)])
    if kind == "tgz":
        return stem + ".tgz", tar_bytes([(name, data)], gz=True)
    if kind == "bare":  # gzip with no suffix: found by its magic bytes
        return stem, gzip.compress(data, mtime=0)
    return stem + ".tar", tar_bytes([(name, data)])


def gen_nested_archives(m: Maker, count: int) -> None:
    rng = m.rng
    if count >= 20:  # a small gzip that expands far past max_bytes: refused after reading max_bytes + 1
        m.write(m.name("bomb", ".txt.gz"), gzip.compress(bytes(BOMB_BYTES // 2), mtime=0))
        count -= 1
    for i in range(count):
        if i % 7 == 6:  # wide and nested: a zip of zips, each with two articles
            inner = [_wrap("zip", f"in{k}.txt", m.text().encode()) for k in range(3)]
            outer = zip_bytes([(name, zip_bytes([("a.txt", m.text().encode()), ("b.txt", m.text().encode())])) for name, _ in inner])
            m.write(m.name("wide", ".zip"), outer, records=6, inputs=1)
            continue
        name, data = "article.txt", m.text().encode()
        for _ in range(rng.randint(1, 12)):
            name, data = _wrap(rng.choice(("gz", "zip", "tar", "tgz", "bare")), name, data)
        m.write(m.name("chain", "") + "-" + name, data)


def _long(m: Maker, total: int, unit: str, suffix: str) -> str:
    serial = m.name("L", "")
    room = total - len(serial.encode()) - len(suffix.encode())
    body = unit * (room // len(unit.encode()))
    return serial + body + "x" * (room - len(body.encode())) + suffix


def gen_long_names(m: Maker, count: int) -> None:
    rng = m.rng
    deep_done = False
    i = 0
    while i < count:
        variant = (5, 0, 1, 2, 3, 4)[m.variant(6)]
        size = rng.randint(250, 255)
        unit = rng.choice(("x", "é", "中", "😀", "a b"))
        if variant == 0:
            m.write(_long(m, size, unit, ".txt"), m.text())
        elif variant == 1:  # an error record with a long name
            m.write(_long(m, size, unit, ".txt"), b"")
        elif variant == 2:  # a sidecar that still fits beside a long name
            name = _long(m, 243, unit, "")
            m.write(name + ".txt", m.text())
            m.write(name + ".meta.json", '{"title": "Titre long", "published": "2024-05-01"}', records=0, inputs=0)
        elif variant == 3:  # long archive member names
            members = [(("d" * 300 + "/") * rng.randint(1, 5) + _long(m, 1000, unit, ".txt"), m.text().encode()) for _ in range(2)]
            m.write(m.name("longmembers", ".zip"), zip_bytes(members), records=2, inputs=2)
            i += 2
            continue
        elif variant == 4:
            m.write(_long(m, size, unit, ".jsonl"), json.dumps({"text": m.text()}) + "\n")
        elif not deep_done:  # folders of long names deeper than PATH_MAX: the folder past it cannot be listed
            deep_done = True
            folder = os.fsencode(m.case.folder)
            parts: list[bytes] = []
            files = 0
            while True:
                parts.append(_long(m, 250, "d", "").encode())
                where = os.path.join(folder, *parts)
                if len(where) >= PATH_MAX:
                    break
                files += 1
            # makedirs cannot make paths past PATH_MAX: walk down with relative paths
            cwd = os.getcwd()
            try:
                os.chdir(folder)
                for part in parts:
                    os.mkdir(part)
                    os.chdir(part)
                    with open(b"f.txt", "wb") as handle:
                        handle.write(m.text().encode())
            finally:
                os.chdir(cwd)
            # every file in a folder that can be listed is a record (an E101 one when its path is too long to
            # open), and the first folder past PATH_MAX is one record; the file inside it is never seen
            m.count(files + 1, inputs=len(parts), at=os.path.join(folder, parts[0]))
        else:
            m.write(_long(m, size, unit, ".txt"), m.text())
        i += 1


NON_UTF8 = (b"\xe9", b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\x80\x81", b"\xf8\x88\x80\x80\x80", b"\xfe")


def gen_non_utf8_names(m: Maker, count: int) -> None:
    rng = m.rng
    i = 0
    while i < count:
        variant = m.variant(5)
        bad = rng.choice(NON_UTF8)
        # the serial keeps names distinct after their undecodable bytes become U+FFFD (the store keys error rows by path)
        stem = m.name("n", "").encode() + bad
        if variant == 0:
            m.write(stem + b".txt", m.text())
        elif variant == 1:
            m.write(stem + b".txt", b"   \n")
        elif variant == 2:  # a folder whose name is not UTF-8, and a sidecar beside the file
            m.write(stem + b"/caf" + bad + b".txt", m.text())
            m.write(stem + b"/caf" + bad + b".meta.json", '{"title": "Caf\\u00e9"}', records=0, inputs=0)
        elif variant == 3:  # tar members whose names are not UTF-8
            n = rng.randint(1, 4)
            members = [(f"m{k}-".encode().decode() + os.fsdecode(bad) + ".txt", m.text().encode()) for k in range(n)]
            m.write(m.name("names", ".tar"), tar_bytes(members), records=n, inputs=n)
            i += n
            continue
        else:  # zip members with cp437 names, no UTF-8 flag
            m.write(m.name("cp437", ".zip"), zip_bytes([("caf\xe9-\xe0.txt", m.text().encode())]))
        i += 1


def gen_bad_dates(m: Maker, count: int) -> None:
    rng = m.rng
    values = (*IMPOSSIBLE_DATES, *ODD_DATE_VALUES)
    i = 0
    while i < count:
        value = rng.choice(values)
        variant = m.variant(4)
        if variant == 0:
            n = min(rng.randint(1, 8), count - i)
            lines = [json.dumps({"text": m.text(), rng.choice(("published", "date", "pubdate")): rng.choice(values)}, allow_nan=True) for _ in range(n)]
            m.write(m.name("dates", ".jsonl"), "\n".join(lines) + "\n", records=n)
            i += n
            continue
        if variant == 1:
            name = m.name("side", "")
            m.write(name + ".txt", m.text())
            m.write(name + ".meta.json", json.dumps({"published": value}, allow_nan=True), records=0, inputs=0)
        elif variant == 2:
            m.write(m.name("dates", ".json"), json.dumps([{"text": m.text(), "published": value}], allow_nan=True))
        else:
            html = (f'<html><head><meta property="article:published_time" content="{value}"><title>T</title></head>'
                    f"<body><article><p>{m.text()}</p><p>{m.text()}</p></article></body></html>")
            m.write(m.name("dates", ".html"), html)
        i += 1


def gen_markup(m: Maker, count: int) -> None:
    rng = m.rng
    m.case.table_check = True
    for i in range(count):
        mark = rng.choice(MARKUP)
        variant = i % 5
        if variant == 0:  # a title line
            m.write(m.name("title", ".txt"), f"{mark} Titre {mark}\n\n{m.text()}\n")
        elif variant == 1:
            m.write(m.name("rec", ".jsonl"), json.dumps({"text": m.text(), "title": f"{mark}{mark}", "source": mark, "id": mark + str(i)}) + "\n")
        elif variant == 2:  # markup in the path: "x[" / "]y" make "[/]" across the separator
            m.write(f"x{m.serial}[/]{mark.replace('/', '_')}.txt", m.text())
        elif variant == 3:  # an error record whose message carries the markup
            m.write(m.name(f"e{mark.replace('/', '_')}", ".txt"), b"")
        else:
            name = m.name(f"s{mark.replace('/', '_')}", "")
            m.write(name + ".txt", m.text())
            m.write(name + ".meta.json", json.dumps({"title": mark, "source": mark, "url": mark}), records=0, inputs=0)


def gen_function_words(m: Maker, count: int) -> None:
    rng = m.rng
    m.case.full_pipeline = True
    for i in range(count):
        language = ("fr", "en")[i % 2]
        ending = rng.choice(FUNCTION_ENDINGS[language])
        variant = m.variant(4)
        if variant == 0:  # ends mid-sentence on a function word
            text = m.text(language) + " " + (FR if language == "fr" else EN)[0].rstrip(".") + " " + ending
        elif variant == 1:  # a title line ending on one too
            text = f"Titre {ending}\n\n{m.text(language)} {ending}"
        elif variant == 2:  # paragraphs each ending on one
            text = "\n\n".join(m.text(language, sentences=1) + " " + ending for _ in range(3))
        else:  # a quote cut after the function word
            text = m.text(language) + (f" « Nous allons signer {ending}" if language == "fr" else f' "We will sign {ending}')
        if rng.random() < 0.5:
            m.write(m.name("fw", ".txt"), text)
        else:
            m.write(m.name("fw", ".jsonl"), json.dumps({"text": text, "title": f"... {ending}", "language": language}) + "\n")


def gen_empty(m: Maker, count: int) -> None:
    rng = m.rng
    contents = (b"", b" ", b"\n\n\n", b"\t \r\n \x0b\x0c", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"  \n", codecs.BOM_UTF16_LE,
                codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"),
                "\u00a0\u3000\u2003".encode(), "\u200b\u200b".encode(), b"\r", "\ufeff\ufeff".encode())
    suffixes = (".txt", ".json", ".jsonl", ".html", "", ".ndjson", ".htm")
    for _ in range(count):
        data = contents[m.variant(len(contents))]
        suffix = rng.choice(suffixes)
        if rng.random() < 0.1:
            m.write(m.name("empty", suffix + ".gz"), gzip.compress(data, mtime=0))
        else:
            m.write(m.name("empty", suffix), data)


def gen_binary(m: Maker, count: int) -> None:
    rng = m.rng
    signatures = (b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"\x7fELF\x02\x01", b"MZ\x90\x00", b"SQLite format 3\x00", b"RIFF", b"OggS", b"ID3\x03")
    i = 0
    while i < count:
        variant = m.variant(6)
        junk = rng.randbytes(rng.randint(1, 3000))
        suffix = rng.choice((".txt", ".json", ".html", "", ".dat", ".xml"))
        if variant == 0:
            m.write(m.name("junk", suffix), junk)
        elif variant == 1:
            m.write(m.name("nul", suffix), b"\x00" * rng.randint(1, 100) + m.text().encode())
        elif variant == 2:
            m.write(m.name("sig", suffix), rng.choice(signatures) + junk)
        elif variant == 3:  # NUL bytes far from the head
            m.write(m.name("late", suffix), m.text().encode() * 80 + b"\x00\x01\x02" + junk)
        elif variant == 4:  # JSON Lines of junk: one record per line, the junk has no newline
            n = min(rng.randint(1, 5), count - i)
            lines = [rng.randbytes(rng.randint(1, 200)).replace(b"\n", b"\x00").replace(b"\r", b"\x01") + b"x" for _ in range(n)]
            m.write(m.name("junk", ".jsonl"), b"\n".join(lines) + b"\n", records=n)
            i += n
            continue
        else:  # text with control characters sprinkled in
            text = "".join(ch if rng.random() > 0.05 else chr(rng.randint(1, 31)) for ch in m.text())
            m.write(m.name("ctrl", suffix), text)
        i += 1


def gen_json_shapes(m: Maker, count: int) -> None:
    rng = m.rng
    i = 0
    while i < count:
        variant = m.variant(8)
        if variant == 0:
            doc = rng.choice(("[]", "[ ]", "\n[]\n"))
            m.write(m.name("empty", ".json"), doc)
        elif variant == 1:
            m.write(m.name("obj", ".json"), rng.choice(("{}", '{"title": "no text"}', '{"text": ""}', '{"text": 5}', '{"text": ["a"]}', '{"text": null}', '{"text": "   "}')))
        elif variant == 2:
            scalars = ["1", "null", '"chaine"', "true", "[]", "{}", "[[]]", "-0.0", "1e400"]
            values = rng.sample(scalars, rng.randint(1, 5))
            m.write(m.name("list", ".json"), "[" + ", ".join(values) + "]", records=len(values))
            i += len(values)
            continue
        elif variant == 3:
            m.write(m.name("scalar", ".json"), rng.choice(("null", "42", '"juste une chaine"', "true", "-1e999", "3.14")))
        elif variant == 4:  # a list mixing good records and junk
            values = [json.dumps({"text": m.text()}), "5", "null", "[]", json.dumps({"body": m.text()}), '{"text": {}}']
            m.write(m.name("mixed", ".json"), "[" + ", ".join(values) + "]", records=len(values))
            i += len(values)
            continue
        elif variant == 5:  # JSON Lines lines that are not objects
            lines = rng.sample(("[]", "{}", "1", "null", '"x"', "[{}]", "true", json.dumps({"text": m.text()})), 4)
            m.write(m.name("shapes", ".jsonl"), "\n".join(lines) + "\n", records=4)
            i += 4
            continue
        elif variant == 6:  # a big list
            n = rng.randint(20, 60)
            m.write(m.name("many", ".json"), json.dumps([{"id": k, "text": m.text()} for k in range(n)]), records=n)
            i += n
            continue
        else:  # a document that is not JSON at all in a .json file, and JSON in a file without a suffix
            if rng.random() < 0.5:
                m.write(m.name("notjson", ".json"), rng.choice(("{", "[1,", "{'a': 1}", "text", "[}", '{"text": "a"} trailing')))
            else:
                m.write(m.name("nosuffix", ""), json.dumps([{"text": m.text()}]))
        i += 1


def gen_special_files(m: Maker, count: int) -> None:
    rng = m.rng
    folder = m.case.folder
    folder.mkdir(parents=True, exist_ok=True)
    made_dir = folder / "target-folder"
    i = 0
    while i < count:
        variant = m.variant(9)
        name = folder / m.name("sp", ".txt")
        if variant == 0:
            name.symlink_to(folder / "nowhere.txt")
        elif variant == 1:
            name.symlink_to(name)
        elif variant == 2:
            other = folder / m.name("loop", ".txt")
            name.symlink_to(other)
            other.symlink_to(name)
            m.count(1, at=other)
        elif variant == 3:
            os.mkfifo(name)
        elif variant == 4:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.bind(str(name))
            except OSError:  # a socket path longer than sun_path: a FIFO instead
                os.mkfifo(name)
            finally:
                sock.close()
        elif variant == 5:  # a link to a folder (not followed: it may loop)
            sub = folder / m.name("sub", "")
            sub.mkdir()
            (sub / "up").symlink_to(folder)
            m.count(1, at=sub / "up")
            if not made_dir.exists():
                made_dir.mkdir()
                (made_dir / "inside.txt").write_text(m.text())
                m.count(1, at=made_dir / "inside.txt")
            name.symlink_to(made_dir)
        elif variant == 6:  # a link to a device
            name.symlink_to("/dev/null")
        elif variant == 7:  # a link to a regular file: two records, one text, so one store row
            target = m.write(m.name("real", ".txt"), m.text())
            name.symlink_to(target)
            m.case.duplicates += 1
        else:  # sidecars that are not files
            real = m.write(m.name("withside", ".txt"), m.text())
            side = real.with_name(real.name[: -len(".txt")] + ".meta.json")
            rng.choice((lambda: os.mkfifo(side), lambda: side.symlink_to(side), lambda: side.symlink_to(folder / "gone"), lambda: side.mkdir()))()  # noqa: B023 - called at once
            i += 1
            continue
        m.count(1, at=name)
        i += 1


def gen_tar_links(m: Maker, count: int) -> None:
    rng = m.rng
    i = 0
    while i < count:
        members: list[tarfile.TarInfo | tuple[str, bytes]] = []
        n_records = 0
        for k in range(rng.randint(2, 6)):
            kind = ("file", "sym", "hard", "fifo", "chr", "blk", "dir", "file", "side", "abs")[m.variant(10, "member")]
            if kind in ("file", "abs"):
                members.append((("/etc/" if kind == "abs" else "../") + f"f{k}.txt", m.text().encode()))
                n_records += 1
            elif kind == "side":
                members.append((f"f{k}.meta.json", b'{"title": "t"}'))
            elif kind == "dir":
                info = tarfile.TarInfo(f"d{k}")
                info.type = tarfile.DIRTYPE
                members.append(info)
            else:
                info = tarfile.TarInfo(f"l{k}.txt")
                info.type = {"sym": tarfile.SYMTYPE, "hard": tarfile.LNKTYPE, "fifo": tarfile.FIFOTYPE, "chr": tarfile.CHRTYPE, "blk": tarfile.BLKTYPE}[kind]
                info.linkname = rng.choice(("/etc/passwd", "../../x", f"f{k}.txt", "l0.txt"))
                members.append(info)
                n_records += 1
        if n_records == 0:  # nothing to read: the archive itself is one "holds no records" record
            n_records = 1
        m.write(m.name("links", rng.choice((".tar", ".tar.gz", ".tgz"))), tar_bytes(members, gz=rng.random() < 0.3), records=n_records)
        i += n_records


def gen_empty_archives(m: Maker, count: int) -> None:
    rng = m.rng
    i = 0
    while i < count:
        variant = m.variant(9)
        if variant == 0:
            m.write(m.name("empty", ".zip"), zip_bytes([]))
        elif variant == 1:
            m.write(m.name("zero", rng.choice((".zip", ".tar", ".gz", ".tgz", ".tar.gz"))), b"")
        elif variant == 2:
            m.write(m.name("empty", ".tar"), tar_bytes([]))
        elif variant == 3:
            m.write(m.name("empty", ".tgz"), tar_bytes([], gz=True))
        elif variant == 4:
            m.write(m.name("empty", ".txt.gz"), gzip.compress(b"", mtime=0))
        elif variant == 5:  # folders and sidecars only
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                archive.writestr("dir/", b"")
                archive.writestr("a.meta.json", b"{}")
            m.write(m.name("dirs", ".zip"), buffer.getvalue())
        elif variant == 6:  # empty members: one record each
            n = rng.randint(1, 4)
            suffix, build = rng.choice(((".zip", zip_bytes), (".tar", tar_bytes)))
            m.write(m.name("emptymembers", suffix), build([(f"e{k}.txt", b"") for k in range(n)]), records=n)
            i += n
            continue
        elif variant == 7:  # an empty archive inside an archive
            m.write(m.name("nested", ".zip"), zip_bytes([("inner.zip", zip_bytes([])), ("inner.tar", tar_bytes([]))]), records=2)
            i += 2
            continue
        else:  # an empty folder holds nothing: no record; a folder of empty folders neither
            (m.case.folder / m.name("emptydir", "") / "sub").mkdir(parents=True)
            m.write(m.name("ok", ".txt"), m.text())
        i += 1


HUGE_MAX_BYTES = 2000


def gen_huge_jsonl(m: Maker, count: int) -> None:
    rng = m.rng
    m.case.settings.append(f"max_bytes={HUGE_MAX_BYTES}")
    i = 0
    files = 0
    if count >= 20:
        # 64 MiB on one line holding many records, over max_bytes: one error record (JSON Lines' one record per
        # line); peak memory shows whether a line is held whole before its size is checked
        record = json.dumps({"text": m.text()})
        m.write(m.name("oneline", ".jsonl"), record * ((64 << 20) // len(record)) + "\n", records=1)
        i += 1
    while i < count:
        files += 1
        if files % 5 == 0:  # smaller ones of the same kind
            record = json.dumps({"text": m.text()})
            m.write(m.name("oneline", ".jsonl"), record * rng.randint(2000, 20000) + "\n", records=1)
            i += 1
            continue
        if files % 7 == 0:  # a single-line .json array over max_bytes: the file is one too-large record
            m.write(m.name("array", ".json"), json.dumps([{"text": m.text()} for _ in range(200)]), records=1)
            i += 1
            continue
        n = min(rng.randint(20, 120), max(count - i, 1))
        lines: list[str] = []
        for _ in range(n):
            r = rng.random()
            if r < 0.1:
                lines.append(json.dumps({"text": m.text() + " " + "z" * rng.randint(HUGE_MAX_BYTES, 5 * HUGE_MAX_BYTES)}))
            elif r < 0.15:
                lines.append(json.dumps({"text": m.text(), "pad": "p" * (HUGE_MAX_BYTES + 10)}))
            else:
                lines.append(json.dumps({"id": f"r{m.serial}", "text": m.text()}))
            if rng.random() < 0.05:
                lines.append(rng.choice(("", "   ", "\r")))  # blank lines are not records
        ending = rng.choice(("\n", "\r\n"))
        body = ending.join(lines) + (ending if rng.random() < 0.7 else "")
        m.write(m.name("big", rng.choice((".jsonl", ".ndjson"))), body, records=n)
        i += n


def latin1_safe(text: str) -> str:
    return text.replace("€", "EUR").replace("œ", "oe").replace("—", "-")


def gen_legacy_encodings(m: Maker, count: int) -> None:
    rng = m.rng
    i = 0
    while i < count:
        variant = (5, 3, 0, 1, 2, 4, 6, 7, 8, 9)[m.variant(10)]
        text = m.text("fr") + " Ça coûte 5 € — « déjà » œuvre."
        if variant == 0:
            m.write(m.name("cp1252", ".txt"), text.encode("cp1252"))
        elif variant == 1:
            m.write(m.name("latin1", ".txt"), latin1_safe(text).encode("latin-1"))
        elif variant == 2:
            m.write(m.name("utf16", ".txt"), text.encode("utf-16"))
        elif variant == 3:
            bom, codec = rng.choice(((codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")))
            m.write(m.name("bom", ".txt"), bom + text.encode(codec))
        elif variant == 4:  # mixed: a UTF-8 paragraph and a cp1252 one
            m.write(m.name("mixed", ".txt"), m.text("fr").encode() + b"\n\n" + text.encode("cp1252"))
        elif variant == 5:
            n = rng.randint(1, 4)
            lines = [json.dumps({"text": m.text("fr") + " été à Noël"}, ensure_ascii=False) for _ in range(n)]
            encoding = rng.choice(("cp1252", "latin-1", "utf-16", "utf-8-sig"))
            m.write(m.name(f"enc-{encoding}", ".jsonl"), ("\n".join(lines) + "\n").encode(encoding), records=n)
            i += n
            continue
        elif variant == 6:
            m.write(m.name("cp1252", ".json"), json.dumps({"text": text}, ensure_ascii=False).encode("cp1252"))
        elif variant == 7:
            html = f'<html><head><meta charset="iso-8859-1"><title>Été</title></head><body><article><p>{latin1_safe(text)}</p><p>{m.text("fr")}</p></article></body></html>'
            m.write(m.name("latin1", ".html"), html.encode("latin-1"))
        elif variant == 8:
            m.write(m.name("macroman", ".txt"), text.replace("€", "EUR").encode("mac_roman"))
        else:
            m.write(m.name("utf16nobom", ".txt"), text.encode("utf-16-le"))
        i += 1


def gen_html_scripts(m: Maker, count: int) -> None:
    rng = m.rng
    for _ in range(count):
        variant = (8, 0, 1, 2, 3, 4, 5, 6, 7)[m.variant(9)]
        js = f"var x{m.serial} = '<p>not text</p>'; document.write(x);"
        if variant == 0:
            html = f"<html><head><script>{js}</script></head><body><script>{js}</script></body></html>"
        elif variant == 1:
            html = f"<html><head><style>body {{ color: red }} /* {m.serial} */</style></head><body><style>p{{}}</style></body></html>"
        elif variant == 2:
            html = f"<!doctype html><html><body><noscript>enable js {m.serial}</noscript><!-- {m.serial} --><![CDATA[ x ]]></body></html>"
        elif variant == 3:
            html = f'<?xml version="1.0" encoding="iso-8859-1"?><html xmlns="http://www.w3.org/1999/xhtml"><body><script>{js}</script></body></html>'
        elif variant == 4:
            html = "<div>" * rng.randint(300, 3000) + f"<p>{m.text()}</p>" + "</div>" * rng.randint(0, 50)
        elif variant == 5:
            html = f"<html><body><script>{js}" + f"<p>unclosed {m.text()}" * rng.randint(1, 50)
        elif variant == 6:
            html = f"<html><body><script>{js}</script><article><p>{m.text()}</p><p>{m.text()}</p></article></body></html>"
        elif variant == 8:  # thousands of table rows: the fallback extractors are quadratic in them
            html = f"<html><body><script>{js}</script><table>" + "<tr><td>x</td></tr>" * (30000 if m.sweep else rng.randint(5000, 30000)) + f"</table><p>{m.text()}</p></body></html>"
        else:
            html = "<" * rng.randint(1, 5000) + f"<html><script>{js}</script>{m.text() if rng.random() < 0.5 else ''}"
        m.write(m.name("page", rng.choice((".html", ".htm", ".xhtml"))), html)


# family name -> (generator, share of --n)
FAMILIES: dict[str, tuple[Callable[[Maker, int], None], float]] = {
    "nested_json": (gen_nested_json, 1.0),
    "surrogates": (gen_surrogates, 1.0),
    "zip_broken": (gen_zip_broken, 1.0),
    "nested_archives": (gen_nested_archives, 0.8),
    "long_names": (gen_long_names, 0.8),
    "non_utf8_names": (gen_non_utf8_names, 0.8),
    "bad_dates": (gen_bad_dates, 1.0),
    "markup": (gen_markup, 0.8),
    "function_words": (gen_function_words, 0.0),  # the full pipeline: a fixed FUNCTION_WORDS inputs
    "empty": (gen_empty, 1.0),
    "binary": (gen_binary, 1.0),
    "json_shapes": (gen_json_shapes, 1.0),
    "special_files": (gen_special_files, 0.6),
    "tar_links": (gen_tar_links, 0.8),
    "empty_archives": (gen_empty_archives, 0.8),
    "huge_jsonl": (gen_huge_jsonl, 3.0),
    "legacy_encodings": (gen_legacy_encodings, 1.0),
    "html_scripts": (gen_html_scripts, 0.8),
}
FUNCTION_WORDS = 50


def generate(root: Path, *, seed: int, n: int = 2000, per_family: int | None = None, families: list[str] | None = None) -> list[Case]:
    """Write the hostile inputs under `root` (one folder per family); deterministic for `seed`.

    n: total inputs wanted (each family gets its share); per_family: instead, this many inputs per family
    (a test slice): variants then come in turn, not at random, and function_words runs ingest-only like the others.
    """
    names = families or list(FAMILIES)
    weights = sum(FAMILIES[f][1] for f in names)
    rest = max(n - (FUNCTION_WORDS if "function_words" in names else 0), len(names))
    cases = []
    for family in names:
        generator, weight = FAMILIES[family]
        case = Case(family, root / family)
        case.folder.mkdir(parents=True, exist_ok=True)
        if per_family is not None:
            count = per_family
        elif family == "function_words":
            count = FUNCTION_WORDS
        else:
            count = max(1, round(rest * weight / weights))
        generator(Maker(case, random.Random(f"{seed}:{family}"), sweep=per_family is not None), count)
        if per_family is not None:
            case.full_pipeline = False
        cases.append(case)
    return cases


# --------------------------------------------------------------------------------------------------- checks


@dataclass
class Run:
    """One command on one family: what it did."""

    command: str
    rc: int | None
    seconds: float
    peak_rss_mib: float | None
    timed_out: bool
    traceback: str | None
    stdout: str = ""
    stderr: str = ""
    stdout_utf8: bool = True  # the output is valid UTF-8 (no raw bytes from surrogate escapes)


@dataclass
class Result:
    family: str
    inputs: int
    expected: int
    store_expected: int
    extracted: int | None = None
    stored: int | None = None
    ok_records: int | None = None
    runs: list[Run] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        out = asdict(self)
        for run in out["runs"]:
            run.pop("stdout")
            run["stderr_tail"] = run.pop("stderr")[-2000:]
        return out


def _stages(case: Case, *, ingest_only: bool) -> list[str]:
    if case.full_pipeline and not ingest_only:
        return []
    return [INGEST_ONLY_STAGES if ingest_only else CHEAP_STAGES]


def _args(case: Case, *, ingest_only: bool) -> list[str]:
    sets = [*_stages(case, ingest_only=ingest_only), *case.settings]
    return [arg for item in sets for arg in ("--set", item)]


def _child(argv: list[str], *, timeout: float, cwd: Path) -> Run:
    """Run `argv` with a timeout; its peak RSS from its own rusage (os.wait4), not the cumulative children's."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd, start_new_session=True)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        raw = out.read()
        stdout = raw.decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    tb = stderr[stderr.find("Traceback (most recent call last)"):] if "Traceback (most recent call last)" in stderr else None
    return Run(" ".join(argv[2:6]) + " ...", proc.returncode, round(seconds, 2), round(usage.ru_maxrss / 1024, 1), timed_out.is_set(), tb,
               stdout, stderr, _utf8(raw))


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _records(stdout: str, problems: list[str]) -> list[dict[str, Any]]:
    records = []
    # split on newlines only: str.splitlines would also cut at U+2028, \x1c... which JSON leaves raw in strings
    for number, line in enumerate(stdout.split("\n"), start=1):
        if not line:
            continue
        try:
            records.append(json.loads(line))
        except ValueError as exc:
            problems.append(f"extract printed a line that is not JSON (line {number}: {exc})")
    return records


def is_ok(record: dict[str, Any]) -> bool:
    return bool(record.get("text")) and not any(e.get("kind") in FATAL_KINDS for e in record.get("errors", []))


def _judge(case: Case, result: Result, extract: Run, ingest: Run, stored: int | None, extra: list[Run]) -> None:
    problems = result.problems
    records = _records(extract.stdout, problems)
    result.extracted = len(records)
    result.stored = stored
    result.ok_records = sum(is_ok(r) for r in records)
    expected_rc = 1 if records and not result.ok_records else 0
    for run in (extract, ingest, *extra):
        if run.timed_out:
            problems.append(f"hang: {run.command} ran past its timeout")
            continue
        if run.traceback:
            problems.append(f"traceback from {run.command}: {run.traceback.strip().splitlines()[-1][:300]}")
        if run.rc not in (0, 1):
            problems.append(f"crash: {run.command} exited {run.rc}")
        elif run.rc != expected_rc:
            problems.append(f"exit code: {run.command} exited {run.rc}, expected {expected_rc} ({result.ok_records} of {len(records)} records processed)")
    if not extract.stdout_utf8:
        problems.append("extract printed bytes that are not UTF-8")
    if not extract.timed_out and result.extracted != case.expected:
        problems.append(f"accounting: extract printed {result.extracted} records, {case.expected} were generated")
        problems.extend(_entry_differences(case, records))
    if not ingest.timed_out and stored != case.store_expected:
        problems.append(f"accounting: the store has {stored} article rows, {case.store_expected} expected")
    for record in records:
        if not record.get("path"):
            problems.append("a record without a path")
            break


def _entry_differences(case: Case, records: list[dict[str, Any]], *, most: int = 8) -> list[str]:
    """Which generated entries got a different number of records (a record belongs to the entry its path starts with)."""
    printed: dict[str, int] = {}
    for record in records:
        key = str(record.get("path") or "").split("!")[0]
        while key not in case.manifest and key not in ("", "/", "."):
            key = os.path.dirname(key)
        printed[key] = printed.get(key, 0) + 1
    keys = sorted(set(case.manifest) | set(printed))
    differences = [f"  {key[-120:]!r}: {case.manifest.get(key, 0)} generated, {printed.get(key, 0)} printed"
                   for key in keys if case.manifest.get(key, 0) != printed.get(key, 0)]
    return differences[:most] + ([f"  ... and {len(differences) - most} more entries"] if len(differences) > most else [])


def check_family(case: Case, *, timeout: float, workdir: Path) -> Result:
    """Run extract and ingest on `case.folder` as child processes and judge them."""
    import duckdb  # a dependency of annales, so present wherever annales is

    result = Result(case.family, case.inputs, case.expected, case.store_expected)
    annales = [sys.executable, "-m", "annales"]
    args = _args(case, ingest_only=False)
    limit = timeout * (4 if case.full_pipeline else 1)
    extract = _child([*annales, "extract", str(case.folder), "--format", "jsonl", *args], timeout=limit, cwd=workdir)
    db = workdir / f"{case.family}.duckdb"
    db.unlink(missing_ok=True)
    ingest = _child([*annales, "ingest", str(case.folder), "--db", str(db), *args], timeout=limit, cwd=workdir)
    stored = None
    if db.exists():
        with duckdb.connect(str(db), read_only=True) as con:
            stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    extra = []
    if case.table_check:
        extra.append(_child([*annales, "extract", str(case.folder), "--format", "table", *args], timeout=limit, cwd=workdir))
    result.runs = [extract, ingest, *extra]
    _judge(case, result, extract, ingest, stored, extra)
    return result


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the main thread after `seconds` (an in-process run that hangs)."""

    def ring(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _invoke(runner: Any, args: list[str], *, timeout: float) -> Run:
    import traceback

    from annales.cli import app

    start = time.monotonic()
    timed_out = False
    try:
        with _alarm(timeout):
            outcome = runner.invoke(app, args, catch_exceptions=True)
    except TimeoutError:
        return Run(" ".join(args[:3]), None, round(time.monotonic() - start, 2), None, True, None)
    exc = outcome.exception
    tb = None
    if isinstance(exc, TimeoutError):
        timed_out = True
    elif exc is not None and not isinstance(exc, SystemExit):
        tb = "Traceback (most recent call last)\n" + "".join(traceback.format_exception(exc))
    return Run(" ".join(args[:3]), outcome.exit_code, round(time.monotonic() - start, 2), None, timed_out, tb,
               outcome.stdout_bytes.decode("utf-8", "replace"), outcome.stderr, _utf8(outcome.stdout_bytes))


def check_family_inprocess(case: Case, *, workdir: Path, timeout: float = 30.0) -> Result:
    """The same checks with the CLI invoked in this process (typer's CliRunner): fast enough for a test.
    Peak RSS is not measured; a run past `timeout` is a hang. Stages: ingest and repair only."""
    import duckdb
    from typer.testing import CliRunner

    runner = CliRunner()
    result = Result(case.family, case.inputs, case.expected, case.store_expected)
    args = _args(case, ingest_only=True)
    extract = _invoke(runner, ["extract", str(case.folder), "--format", "jsonl", *args], timeout=timeout)
    db = workdir / f"{case.family}.duckdb"
    db.unlink(missing_ok=True)
    ingest = _invoke(runner, ["ingest", str(case.folder), "--db", str(db), *args], timeout=timeout)
    stored = None
    if db.exists():
        with duckdb.connect(str(db), read_only=True) as con:
            stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    extra = [_invoke(runner, ["extract", str(case.folder), "--format", "table", *args], timeout=timeout)] if case.table_check else []
    result.runs = [extract, ingest, *extra]
    _judge(case, result, extract, ingest, stored, extra)
    return result


# --------------------------------------------------------------------------------------------------- report


def totals(results: list[Result]) -> dict[str, Any]:
    runs = [run for r in results for run in r.runs]
    rss = [run.peak_rss_mib for run in runs if run.peak_rss_mib is not None]
    return {
        "families": len(results),
        "inputs": sum(r.inputs for r in results),
        "expected_records": sum(r.expected for r in results),
        "extracted_records": sum(r.extracted or 0 for r in results),
        "stored_rows": sum(r.stored or 0 for r in results),
        "crashes": sum(1 for run in runs if run.traceback or (run.rc not in (0, 1) and not run.timed_out)),
        "hangs": sum(run.timed_out for run in runs),
        "tracebacks": sum(bool(run.traceback) for run in runs),
        "exit_code_errors": sum(p.startswith("exit code") for r in results for p in r.problems),
        "accounting_mismatches": sum(p.startswith("accounting") for r in results for p in r.problems),
        "output_not_utf8": sum(p.startswith("extract printed bytes") for r in results for p in r.problems),
        "families_with_problems": sum(bool(r.problems) for r in results),
        "peak_rss_mib": max(rss) if rss else None,
        "seconds": round(sum(run.seconds for run in runs), 1),
    }


def print_table(results: list[Result]) -> None:
    header = f"{'family':<18} {'inputs':>6} {'expect':>6} {'extract':>7} {'stored':>6} {'ok':>5} {'rc':>5} {'secs':>6} {'RSS MiB':>8}  problems"
    print(header)
    print("-" * len(header))
    for r in results:
        rcs = "/".join("T" if run.timed_out else str(run.rc) for run in r.runs[:2])
        secs = sum(run.seconds for run in r.runs)
        rss = max((run.peak_rss_mib or 0) for run in r.runs) if r.runs else 0
        print(f"{r.family:<18} {r.inputs:>6} {r.expected:>6} {r.extracted!s:>7} {r.stored!s:>6} {r.ok_records!s:>5} {rcs:>5} {secs:>6.1f} {rss:>8.1f}  {len(r.problems) or ''}")
        for problem in r.problems[:14]:
            print(f"    - {problem}")
    t = totals(results)
    print("-" * len(header))
    print(f"{t['families']} families, {t['inputs']} inputs, {t['expected_records']} records expected, {t['extracted_records']} extracted, "
          f"{t['stored_rows']} stored; crashes {t['crashes']}, hangs {t['hangs']}, tracebacks {t['tracebacks']}, "
          f"exit-code errors {t['exit_code_errors']}, accounting mismatches {t['accounting_mismatches']}; "
          f"peak RSS {t['peak_rss_mib']} MiB; {t['seconds']} s in children")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n", type=int, default=2000, help="hostile inputs to generate (about)")
    parser.add_argument("--out", help="write the results as JSON here")
    parser.add_argument("--family", action="append", choices=list(FAMILIES), help="only these families (repeatable)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per command (4x for the full-pipeline family)")
    parser.add_argument("--keep", help="generate into this folder and keep it (default: a temporary folder)")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="annales-fuzz-") as temp:
        root = Path(options.keep) if options.keep else Path(temp)
        root.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        cases = generate(root / "inputs", seed=options.seed, n=options.n, families=options.family)
        print(f"generated {sum(c.inputs for c in cases)} inputs ({sum(c.expected for c in cases)} records) in {len(cases)} families "
              f"under {root} in {time.monotonic() - started:.1f} s", flush=True)
        work = root / "work"
        work.mkdir(exist_ok=True)
        results = []
        for case in cases:
            results.append(check_family(case, timeout=options.timeout, workdir=work))
            r = results[-1]
            print(f"  {case.family}: {r.extracted}/{r.stored} of {r.expected}, {len(r.problems)} problem(s)", flush=True)
        print()
        print_table(results)
        if options.out:
            report = {"seed": options.seed, "n": options.n, "totals": totals(results), "families": [r.summary() for r in results],
                      "wall_seconds": round(time.monotonic() - started, 1)}
            Path(options.out).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return 1 if any(r.problems for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
