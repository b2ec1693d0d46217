"""Archives: .gz, .zip, .tar, .tar.gz/.tgz. Members are read in archive order, each as its own input.

Members are named `ARCHIVE!MEMBER`, so a record's path says where it came from and its base
name is the member's. Sidecars (`NAME.meta.json`) inside an archive apply to their member.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import Errors
from .decode import RejectedInput
from .meta import META_SUFFIX, parse_sidecar, sidecar_name

ARCHIVE_SUFFIXES: tuple[str, ...] = (".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar", ".zip", ".gz")


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
    except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, zlib.error) as exc:
        raise RejectedInput("unreadable", "E109", Errors.E109.format(path=name, reason=exc)) from exc


def _too_large(name: str, size: int, limit: int) -> Member:
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
            side = sidecar_name(info.filename)
            try:
                meta = parse_sidecar(archive.read(side)) if side in names else {}
                yield Member(label, archive.read(info), meta)
            except (RuntimeError, NotImplementedError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
                # an encrypted member or an unknown compression method: this member is refused, the others are read
                yield Member(label, None, rejected=RejectedInput("unreadable", "E109", Errors.E109.format(path=label, reason=exc)))


def _tar_members(name: str, data: bytes, *, limit: int) -> Iterator[Member]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        entries = archive.getmembers()
        for link in (m for m in entries if m.issym() or m.islnk()):
            kind = "a link member"
            yield Member(f"{name}!{link.name}", None, rejected=RejectedInput("unreadable", "E110", Errors.E110.format(path=f"{name}!{link.name}", kind=kind)))
        infos = [m for m in entries if m.isfile()]
        by_name = {m.name: m for m in infos}
        for info in infos:
            if info.name.endswith(META_SUFFIX):
                continue
            label = f"{name}!{info.name}"
            if info.size > limit:
                yield _too_large(label, info.size, limit)
                continue
            side = by_name.get(sidecar_name(info.name))
            meta = parse_sidecar(_read(archive, side)) if side is not None else {}
            yield Member(label, _read(archive, info), meta)


def _read(archive: tarfile.TarFile, info: tarfile.TarInfo) -> bytes:
    handle = archive.extractfile(info)
    return handle.read() if handle is not None else b""


def _is_tar_gz(data: bytes) -> bool:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            return handle.read(262)[257:262] == b"ustar"
    except (OSError, EOFError):
        return False
