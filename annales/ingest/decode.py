"""Bytes -> text, with the checks every input goes through: size, emptiness, binary data, encoding.

A failed check raises `RejectedInput`; the reader turns it into an error Article so the
batch goes on and every input record is still accounted for.
"""

from __future__ import annotations

import codecs
import unicodedata

from ..errors import Errors

# Signatures of binary formats that are never articles (archives are opened before this check).
BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"\x7fELF",
    b"MZ",
    b"\xd0\xcf\x11\xe0",  # OLE (old Office files)
    b"SQLite format 3",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"\x00\x00\x01\x00",
)
# Tried in order after UTF-8: cp1252 is what Windows-era French and English text uses;
# latin-1 decodes anything, so it comes last and its result is checked for control characters.
FALLBACK_ENCODINGS: tuple[str, ...] = ("cp1252", "latin-1")
_CONTROL = frozenset(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), *range(0x7F, 0xA0)))
# Byte order marks, longest first: a UTF-32 LE mark begins with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class RejectedInput(Exception):
    """An input that cannot become an article: `kind` and `code` go on the error record."""

    def __init__(self, kind: str, code: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.code = code
        self.message = message


def check_size(size: int, *, path: str, limit: int) -> None:
    """Reject inputs over `limit` bytes (setting max_bytes)."""
    if size > limit:
        raise RejectedInput("too_large", "E104", Errors.E104.format(path=path, size=size, limit=limit))


def decode(data: bytes, *, path: str, limit: int) -> tuple[str, str]:
    """Decode article bytes after the size, emptiness and binary checks.

    data (bytes): the file or record content; path (str): its name, for messages; limit (int): max_bytes.
    RETURNS (tuple[str, str]): the text (newlines normalised to \\n) and the encoding used.
    """
    check_size(len(data), path=path, limit=limit)
    if not data.strip():
        raise RejectedInput("empty", "E102", Errors.E102.format(path=path))
    encoding = bom_encoding(data)
    if encoding is not None:
        return _finish(data.decode(encoding, errors="replace"), path), encoding
    head = data[:4096]
    if b"\x00" in head or head.startswith(BINARY_SIGNATURES):
        raise RejectedInput("binary", "E103", Errors.E103.format(path=path))
    try:
        return _finish(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    tried = ["utf-8"]
    for encoding in FALLBACK_ENCODINGS:
        tried.append(encoding)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # A legacy 8-bit text has letters, not C0/C1 control characters.
        if sum(ch in _CONTROL for ch in text) <= len(text) // 100:
            return _finish(text, path), encoding
    raise RejectedInput("undecodable", "E105", Errors.E105.format(path=path, tried=", ".join(tried)))


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark at the start of `data` announces, or None."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_line(data: bytes, *, first: bool = False) -> tuple[str, str]:
    """One JSON Lines record as text: UTF-8, else a legacy 8-bit encoding (checked like a whole file), else UTF-8
    with each undecodable byte kept as a lone surrogate (the JSON reader turns those into U+FFFD)."""
    try:
        return data.decode("utf-8-sig" if first else "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if first and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    # A line with some valid UTF-8 letters and a few bad bytes is UTF-8 with damage, not a legacy encoding.
    if any(ord(ch) > 127 and ch != "\ufffd" for ch in data.decode("utf-8", errors="replace")):
        return data.decode("utf-8", errors="surrogateescape"), "utf-8"
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if sum(ch in _CONTROL for ch in text) <= len(text) // 100:
            return text, encoding
    return data.decode("utf-8", errors="surrogateescape"), "utf-8"


def is_blank(text: str) -> bool:
    """True when `text` has nothing to read: only whitespace and invisible format characters (zero-width
    spaces and joiners, byte order marks, soft hyphens)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def _finish(text: str, path: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if is_blank(text):
        raise RejectedInput("empty", "E102", Errors.E102.format(path=path))
    return text
