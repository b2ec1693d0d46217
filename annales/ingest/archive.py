"""Archives: .gz, .zip, .tar, .tar.gz/.tgz. Members are read in archive order, each as its own input.

Members are named `ARCHIVE!MEMBER`, so a record's path says where it came from and its base
name is the member's. Sidecars (`NAME.meta.json`) inside an archive apply to their member.
"""

from __future__ import annotations

import gzip
import io
import lzma
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import Errors
from .decode import RejectedInput
from .meta import META_SUFFIX, clean_string, parse_sidecar, sidecar_name

ARCHIVE_SUFFIXES: tuple[str, ...] = (".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar", ".zip", ".gz")
# What reading crafted archive bytes raises: damaged headers and names (ValueError covers UnicodeDecodeError,
# struct.error stray header fields), encrypted members (RuntimeError), compression methods we cannot read
# (NotImplementedError), and each decompressor's own error (zlib, bz2 through OSError, lzma).
ARCHIVE_ERRORS: tuple[type[Exception], ...] = (
    OSError, EOFError, ValueError, RuntimeError, NotImplementedError, struct.error,
    zipfile.BadZipFile, tarfile.TarError, zlib.error, lzma.LZMAError,
)


@dataclass(slots=True)
class Member:
    """One archive member: its label, its bytes (None when rejected), its sidecar and why it was rejected."""

    name: str
    data: bytes | None
    meta: dict[str, Any] = field(default_factory=dict)
    rejected: RejectedInput | None = None


def archive_kind(name: str, data: bytes) -> str | None:
    """The archive kind (gz, zip or tar) from the name's suffix or, failing that, the magic bytes."""
    lower = name.lower()
    for suffix in ARCHIVE_SUFFIXES:
        if lower.endswith(suffix):
            return "gz" if suffix == ".gz" else "zip" if suffix == ".zip" else "tar"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\x1f\x8b"):
        return "tar" if _is_tar_gz(data) else "gz"
    if data[257:262] == b"ustar":
        return "tar"
    return None


def members(name: str, data: bytes, kind: str, *, limit: int) -> Iterator[Member]:
    """The members of archive `data`, in archive order; raises RejectedInput when it cannot be opened."""
    try:
        if kind == "gz":
            yield _gunzip(name, data, limit=limit)
        elif kind == "zip":
            yield from _zip_members(name, data, limit=limit)
        else:
            yield from _tar_members(name, data, limit=limit)
    except ARCHIVE_ERRORS as exc:
        raise RejectedInput("unreadable", "E109", Errors.E109.format(path=name, reason=_reason(exc))) from exc


def _reason(exc: BaseException) -> str:
    # a message may quote the archive's own bytes (a name that is not UTF-8): keep it printable
    return clean_string(str(exc) or type(exc).__name__)[:300]


def _unreadable(label: str, exc: BaseException) -> Member:
    return Member(label, None, rejected=RejectedInput("unreadable", "E109", Errors.E109.format(path=label, reason=_reason(exc))))


def _too_large(name: str, size: int | str, limit: int) -> Member:
    return Member(name, None, rejected=RejectedInput("too_large", "E104", Errors.E104.format(path=name, size=size, limit=limit)))


def _gunzip(name: str, data: bytes, *, limit: int) -> Member:
    inner = f"{name}!{name.rsplit('/', 1)[-1][: -len('.gz')] if name.lower().endswith('.gz') else 'content'}"
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
        content = handle.read(limit + 1)  # bounded: a small .gz can expand to gigabytes
    return _too_large(inner, len(content), limit) if len(content) > limit else Member(inner, content)


def _zip_members(name: str, data: bytes, *, limit: int) -> Iterator[Member]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        names = {i.filename for i in infos}
        for info in infos:
            if info.filename.endswith(META_SUFFIX):
                continue
            label = f"{name}!{info.filename}"
            if info.file_size > limit:
                yield _too_large(label, info.file_size, limit)
                continue
            try:
                # bounded: a member whose header understates its size must not expand in memory unchecked
                with archive.open(info) as handle:
                    content = handle.read(limit + 1)
            except ARCHIVE_ERRORS as exc:
                # an encrypted member, an unknown compression method, damaged data: this member is refused, the others are read
                yield _unreadable(label, exc)
                continue
            if len(content) > limit:
                yield _too_large(label, f"more than {limit}", limit)
                continue
            yield Member(label, content, _zip_sidecar(archive, sidecar_name(info.filename), names))


def _zip_sidecar(archive: zipfile.ZipFile, side: str, names: set[str]) -> dict[str, Any]:
    if side not in names:
        return {}
    try:
        return parse_sidecar(archive.read(side))
    except ARCHIVE_ERRORS:
        return {"_sidecar_error": "unreadable"}


# Tar member types that hold no article, named for the error record.
_TAR_KINDS = {tarfile.SYMTYPE: "a link member", tarfile.LNKTYPE: "a link member", tarfile.FIFOTYPE: "a FIFO member",
              tarfile.CHRTYPE: "a device member", tarfile.BLKTYPE: "a device member"}


def _tar_members(name: str, data: bytes, *, limit: int) -> Iterator[Member]:
    """Every member but folders and sidecars, in archive order: regular files are read, links, FIFOs and devices
    are refused with a reason (none is skipped silently)."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        entries, damage = _tar_entries(archive)
        by_name = {m.name: m for m in entries if m.isfile()}
        for info in entries:
            if info.isdir() or (info.isfile() and info.name.endswith(META_SUFFIX)):
                continue
            # tarfile keeps name bytes that are not UTF-8 as lone surrogates, which cannot be printed or stored
            label = f"{name}!{_member_name(info.name)}"
            if not info.isfile():
                kind = _TAR_KINDS.get(info.type, "a special member")
                yield Member(label, None, rejected=RejectedInput("unreadable", "E110", Errors.E110.format(path=label, kind=kind)))
                continue
            if info.size > limit:
                yield _too_large(label, info.size, limit)
                continue
            try:
                content = _read(archive, info)
            except ARCHIVE_ERRORS as exc:  # a truncated archive: the members before the damage are still read
                yield _unreadable(label, exc)
                continue
            side = by_name.get(sidecar_name(info.name))
            try:
                meta = parse_sidecar(_read(archive, side)) if side is not None else {}
            except ARCHIVE_ERRORS:
                meta = {"_sidecar_error": "unreadable"}
            yield Member(label, content, meta)
        if damage is not None:
            # a truncated or damaged archive: the members listed before the damage were read; what follows it is one record
            after = f" after {_member_name(entries[-1].name)}" if entries else ""
            yield _unreadable(name, ValueError(f"damaged{after} ({_reason(damage)})"))


def _tar_entries(archive: tarfile.TarFile) -> tuple[list[tarfile.TarInfo], BaseException | None]:
    """The members listed before any damage, and the damage (None when the archive ends cleanly)."""
    entries: list[tarfile.TarInfo] = []
    try:
        while (info := archive.next()) is not None:
            entries.append(info)
    except ARCHIVE_ERRORS as exc:
        if not entries:
            raise
        return entries, exc
    return entries, None


def _member_name(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read(archive: tarfile.TarFile, info: tarfile.TarInfo) -> bytes:
    handle = archive.extractfile(info)
    return handle.read() if handle is not None else b""


def _is_tar_gz(data: bytes) -> bool:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            return handle.read(262)[257:262] == b"ustar"
    except ARCHIVE_ERRORS:  # damaged gzip data: opened (and refused) as plain gzip
        return False
