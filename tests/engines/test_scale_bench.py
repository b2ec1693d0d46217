"""The scale benchmark's bookkeeping (no timed assertion): the machine's state, a timed command, the report."""

from __future__ import annotations

import sys

from annales.evaluation.scale import extrapolate, machine_state, markdown, timed_run


def test_a_timed_run_reports_time_memory_and_the_machine_state() -> None:
    run = timed_run([sys.executable, "-c", "import time; x = bytearray(50 * 2**20); time.sleep(1.2)"], cores=2)
    assert run["returncode"] == 0 and run["wall_s"] > 0
    assert run["peak_rss_mib"]["main"] >= 50  # sampled from /proc while it ran
    for state in (run["start"], run["end"]):
        assert len(state["loadavg"]) == 3 and 0 <= state["others_cpu_share"] <= 1
    assert 0 <= machine_state(0.2)["others_cpu_share"] <= 1


def test_report_and_extrapolation_from_measured_runs() -> None:
    state = {"loadavg": [0.5, 0.4, 0.3], "others_cpu_share": 0.02, "at": "12:00:00"}
    run = {"wall_s": 100.0, "cpu_s": 190.0, "peak_rss_mib": {"main": 200, "largest_worker": 850}, "others_cpu_share": 0.01, "start": state, "end": state,
           "articles_per_s": 20.0, "speedup_vs_1": 1.9, "efficiency": 0.95}
    result = {"machine": {"cores": 2, "python": "3.11", "cpu": "x"}, "n": 2000, "seed": 1, "runs": {"local, 2 worker(s)": run},
              "store_bytes": {"10000 articles": 10_000_000}, "queries": {"10000 articles": {"summary()": 0.2}}}
    result["extrapolation"] = extrapolate(result)
    assert result["extrapolation"]["hours at the rate of 'local, 2 worker(s)'"] == round(100_000 / 20 / 3600, 2)
    assert result["extrapolation"]["store_bytes"] == 100_000_000
    assert result["extrapolation"]["query_s (linear from the largest store)"] == {"summary()": 2.0}
    text = markdown(result)
    assert "| local, 2 worker(s) | 100.0 | 20.0 | 1.9 |" in text and "0.5 → 0.5" in text
