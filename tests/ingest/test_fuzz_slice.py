"""A seeded slice of the hostile-input fuzz suite (benchmarks/fuzz.py, issue #14): three inputs of every family
through `annales extract` and `annales ingest` (ingest and repair stages, in this process), with the suite's checks:
no exception, exit code 0 (1 only when nothing could be processed), no hang, and records generated == records
printed == rows stored."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

FUZZ_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "fuzz.py"


def _load_fuzz():
    name = "annales_benchmarks_fuzz"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, FUZZ_PATH)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
    return sys.modules[name]


fuzz = _load_fuzz()
PER_FAMILY = 12
# the families issue #14 names, each one folder of the suite
ISSUE_FAMILIES = {
    "nested_json", "surrogates", "zip_broken", "nested_archives", "long_names", "non_utf8_names", "bad_dates", "markup",
    "function_words", "empty", "binary", "json_shapes", "special_files", "tar_links", "empty_archives", "huge_jsonl",
    "legacy_encodings", "html_scripts",
}


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("fuzz-slice")
    return {case.family: case for case in fuzz.generate(root / "inputs", seed=1, per_family=PER_FAMILY)}


def test_fuzz_slice_covers_every_family(cases: dict[str, object]) -> None:
    assert set(cases) >= ISSUE_FAMILIES
    for case in cases.values():
        assert case.inputs >= PER_FAMILY and case.expected >= 1
        assert sum(case.manifest.values()) == case.expected


def test_fuzz_slice_generation_is_deterministic(tmp_path: Path) -> None:
    families = ["surrogates", "zip_broken", "bad_dates"]
    first = fuzz.generate(tmp_path / "a", seed=7, per_family=4, families=families)
    second = fuzz.generate(tmp_path / "b", seed=7, per_family=4, families=families)
    fuzz.generate(tmp_path / "c", seed=8, per_family=4, families=families)  # another seed: other contents

    def shape(cases: list, root: Path) -> list:
        return [(c.family, c.inputs, c.expected, sorted((k.replace(str(root), ""), v) for k, v in c.manifest.items())) for c in cases]

    assert shape(first, tmp_path / "a") == shape(second, tmp_path / "b")
    contents = [sorted(p.read_bytes() for p in (tmp_path / d / "bad_dates").rglob("*") if p.is_file()) for d in "abc"]
    assert contents[0] == contents[1] and contents[0] != contents[2]


@pytest.mark.parametrize("family", sorted(ISSUE_FAMILIES))
def test_fuzz_slice_family_goes_in_whole(cases: dict[str, object], family: str, tmp_path: Path) -> None:
    case = cases[family]
    result = fuzz.check_family_inprocess(case, workdir=tmp_path, timeout=20.0)
    assert result.problems == [], "\n".join(result.problems)
    assert result.extracted == result.expected == case.expected
    assert result.stored == case.store_expected


def test_fuzz_slice_checks_catch_a_miscount(cases: dict[str, object], tmp_path: Path) -> None:
    # the same folder with one record too many announced, and one duplicate too few: both must be reported
    case = cases["json_shapes"]
    wrong = fuzz.Case(case.family, case.folder, inputs=case.inputs, expected=case.expected + 1, manifest=dict(case.manifest))
    result = fuzz.check_family_inprocess(wrong, workdir=tmp_path)
    assert any(p.startswith("accounting: extract printed") for p in result.problems)
    assert any(p.startswith("accounting: the store has") for p in result.problems)


def test_fuzz_slice_checks_catch_a_traceback_and_an_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text("The government announced a new plan for regional hospitals on Tuesday.")
    case = fuzz.Case("probe", folder, inputs=1, expected=1, manifest={str(folder / "a.txt"): 1})
    assert fuzz.check_family_inprocess(case, workdir=tmp_path).problems == []

    import annales.ingest

    def broken(paths: list[str], settings: object):
        raise RuntimeError("boom")
        yield  # a generator, like the real one

    monkeypatch.setattr("annales.cli.extract.read_inputs", broken)
    problems = fuzz.check_family_inprocess(case, workdir=tmp_path).problems
    assert any(p.startswith("traceback from extract") and "boom" in p for p in problems)
    assert any(p.startswith("accounting: extract printed 0 records") for p in problems)
    assert annales.ingest.read_inputs is not broken
