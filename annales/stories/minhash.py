"""MinHash signatures over word shingles, and LSH banding, in numpy (no datasketch, no scipy).

A text becomes the set of its word k-grams (lower-cased, accents folded, every word kept); each
shingle is a 64-bit number (a polynomial over the words' CRC-32, deterministic across runs and
machines, unlike Python's `hash`). `N_PERM` hash functions of the form "multiply, add, mix"
(wrapping 64-bit arithmetic) map the shingles; the signature keeps each function's minimum. The
share of equal positions between two signatures estimates the Jaccard similarity of the two
shingle sets. LSH cuts the signature into `BANDS` bands of `ROWS` rows: two texts become
candidates when one band is equal, which happens with probability 1 - (1 - J^ROWS)^BANDS.
"""

from __future__ import annotations

import functools
import re
import zlib

import numpy as np
import numpy.typing as npt

from ..lang import strip_accents

SHINGLE_WORDS = 5
N_PERM = 128
BANDS = 64
ROWS = 2  # BANDS * ROWS == N_PERM; with 64 x 2 a pair at Jaccard 0.3 is a candidate with probability > 0.99
SEED = 16

_WORD = re.compile(r"\w+", re.UNICODE)
_BASE = np.uint64(1_000_003)
_rng = np.random.default_rng(SEED)
_MUL = (_rng.integers(1, 2**63, size=N_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)).astype(np.uint64)
_ADD = _rng.integers(0, 2**63, size=N_PERM, dtype=np.uint64)
_MIX = np.uint64(0xBF58476D1CE4E5B9)

Signature = npt.NDArray[np.uint64]


@functools.lru_cache(maxsize=200_000)
def unaccented(token: str) -> str:
    """A lower-cased token without accents (cached: the same words come back in every article)."""
    return strip_accents(token)


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased and without accents (so a re-typed accent is not an edit)."""
    return [unaccented(t) for t in _WORD.findall(text.lower())]


def shingles(text: str, *, k: int = SHINGLE_WORDS) -> npt.NDArray[np.uint64]:
    """The distinct k-word shingles of `text` as 64-bit numbers (empty when the text has fewer than k words)."""
    tokens = words(text)
    if len(tokens) < k:
        return np.zeros(0, dtype=np.uint64)
    codes = np.array([zlib.crc32(t.encode("utf-8")) for t in tokens], dtype=np.uint64)
    with np.errstate(over="ignore"):
        value = np.zeros(len(tokens) - k + 1, dtype=np.uint64)
        for offset in range(k):
            value = value * _BASE + codes[offset : len(tokens) - k + 1 + offset]
    return np.unique(value)


def signature(values: npt.NDArray[np.uint64]) -> Signature:
    """The MinHash signature (N_PERM uint64) of a shingle set; all-max for an empty set (it matches nothing real)."""
    if len(values) == 0:
        return np.full(N_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    with np.errstate(over="ignore"):
        mixed = values[:, None] * _MUL[None, :] + _ADD[None, :]
        mixed ^= mixed >> np.uint64(31)
        mixed *= _MIX
        mixed ^= mixed >> np.uint64(29)
    result: Signature = mixed.min(axis=0)
    return result


def band_keys(sig: Signature) -> list[int]:
    """One 63-bit bucket key per band (the band's number is part of the key's table row, not of the key)."""
    bands = sig.reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        key = np.zeros(BANDS, dtype=np.uint64)
        for row in range(ROWS):
            key = (key ^ bands[:, row]) * _MIX
            key ^= key >> np.uint64(31)
    return [int(k) for k in (key >> np.uint64(1))]


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity: the share of equal signature positions."""
    return float(np.count_nonzero(a == b)) / N_PERM


def containment(j: float, size_a: int, size_b: int) -> float:
    """The overlap over the smaller set, from an estimated Jaccard and the two set sizes:
    |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    if min(size_a, size_b) <= 0:
        return 0.0
    return min(1.0, j * (size_a + size_b) / (1 + j) / min(size_a, size_b))


def to_blob(sig: Signature) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> Signature:
    result: Signature = np.frombuffer(blob, dtype="<u8").astype(np.uint64)
    return result
