"""Process memory: the peak resident size, and giving the heap's freed memory back to the system."""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import functools
import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def peak_rss_mib(pid: int | None = None) -> float | None:
    """The peak RSS (VmHWM: reset at exec, so a spawned worker reports its own), in MiB, of process `pid` (default:
    this one); None where /proc has none or the process is gone."""
    try:
        for line in Path(f"/proc/{pid or 'self'}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to call
        return None


def rss_mib() -> float:
    """This process's resident size now, in MiB (from /proc/self/statm; 0 where there is none)."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * _PAGE_BYTES / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# How far the resident size may grow past its level after the last release before the next one.
RELEASE_SLACK_MIB = 48
_released_at_mib = 0.0


def release_freed_memory(*, freeze: bool = False) -> None:
    """Called between batches: when the process has grown by RELEASE_SLACK_MIB since the last release (or with
    `freeze`), collect the cyclic garbage of the batches (parses, articles; Python's own full collections are rare,
    so it would otherwise stay: RSS 863 against 653 MiB after 400 French articles) and hand the freed memory back to
    the system (glibc's `malloc_trim`: glibc keeps freed blocks in its heap, scattered among live ones, and a
    process that parses a corpus grew by each batch's high-water mark, from about 700 to 1,015 MiB over the same
    articles). A full collection scans every object that is not frozen, so it is not run after every batch (75 to
    130 ms each, measured, with a caller that keeps its articles). With `freeze`, what survives it is frozen (`gc.freeze`), as
    after the first batch of a language, which loads its tables: later collections skip them."""
    global _released_at_mib
    if not freeze and rss_mib() < _released_at_mib + RELEASE_SLACK_MIB:
        return
    gc.collect()
    if freeze:
        _freeze()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
    _released_at_mib = rss_mib()


@contextmanager
def long_lived() -> Iterator[None]:
    """Build objects that live as long as the process (a parser: half a million of them). The collector is paused
    meanwhile (its full collections would scan the growing heap again and again: about 0.3-0.6 s of a French
    parser's load) and they are frozen after (`gc.freeze`), so a later full collection scans only what came after
    them: about 150 ms with a French and an English parser loaded, a few microseconds once frozen."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        _freeze()
        if enabled:
            gc.enable()


def _freeze() -> None:
    if not gc.get_freeze_count():
        # Frozen objects are never collected, not even at exit, where extension modules (DuckDB's bindings) would
        # then report them as leaked: they are handed back to the collector first.
        atexit.register(gc.unfreeze)
    gc.freeze()
