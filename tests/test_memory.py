"""Process memory helpers: freezing long-lived objects, giving freed memory back, and a clean exit after both."""

from __future__ import annotations

import gc
import subprocess
import sys

from annales.memory import long_lived, peak_rss_mib, release_freed_memory


def test_long_lived_pauses_the_collector_and_freezes_what_was_built() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with long_lived():
        assert not gc.isenabled()
        built = [[n] for n in range(1000)]  # lists are always tracked by the collector
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(built)
    release_freed_memory(freeze=True)
    assert peak_rss_mib() is not None


def test_a_process_that_froze_a_parser_and_used_duckdb_exits_without_leak_reports() -> None:
    code = "import duckdb; duckdb.connect().execute('select 1').fetchall(); from annales.nlp import load_model; load_model('en')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "leaked" not in done.stderr
