"""The event data tables: well-formed, consistent with each other and with the public CAMEO lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.cameo.lexicon import FROM_OBJECT, intent_code, intent_codes, load_lexicon, ontology, plover_types, refusal_code, refusal_codes
from annales.lang import load_lang


def test_lexicon_ontology_has_every_cameo_root_with_quad_class() -> None:
    codes = ontology()
    roots = {c for c in codes if len(c) == 2}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    for code in codes.values():
        root = int(code.code[:2])
        assert code.quad_class == (1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4)
        assert -10.0 <= code.goldstein <= 10.0


def test_lexicon_plover_types_modes_and_contexts_are_declared() -> None:
    types = plover_types()
    assert len(types) == 16
    modes = {(r["type"], r["mode"]) for r in load_lang("xx").table("plover_modes")}
    contexts = {r["context"] for r in load_lang("xx").table("plover_contexts")}
    for row in load_lang("xx").table("cameo_events"):
        if row["plover"]:
            assert row["plover"] in types
        if row["plover_mode"]:
            assert (row["plover"], row["plover_mode"]) in modes
        for context in filter(None, row["plover_context"].split(",")):
            assert context in contexts, context
    assert {types[t]["legacy"] for t in types} == {
        "AGREE", "CONSULT", "SUPPORT", "YIELD", "COOPERATE", "AID", "REQUEST", "ACCUSE",
        "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }


def test_lexicon_matches_the_public_cameo_and_goldstein_lists(shared_dir: Path) -> None:
    folder = shared_dir / "gold" / "cameo-codes"
    names = [line.split("\t")[0] for line in (folder / "CAMEO.eventcodes.txt").read_text(encoding="latin-1").splitlines()[1:] if line.strip()]
    weights = dict(line.split("\t") for line in (folder / "CAMEO.goldsteinscale.txt").read_text(encoding="latin-1").splitlines()[1:] if line.strip())
    codes = ontology()
    assert sorted(codes) == sorted(names)
    for code, weight in weights.items():
        assert codes[code].goldstein == pytest.approx(float(weight)), code


@pytest.mark.parametrize("language", ["fr", "en"])
def test_lexicon_loads_with_broad_coverage(language: str) -> None:
    lex = load_lexicon(language)
    assert sum(len(v) for v in lex.verbs.values()) >= 250
    assert sum(len(v) for v in lex.nouns.values()) >= 70
    used_classes = {c.value[1:] for table in (lex.verbs, lex.nouns) for entries in table.values() for e in entries for c in e.conditions if c.value.startswith("@")} - {"event"}
    declared = {name for names in lex.classes.values() for name in names}
    assert used_classes <= declared, used_classes - declared
    support = [e for entries in lex.verbs.values() for e in entries if e.code == FROM_OBJECT]
    assert support, "support verbs (mener/conduct une attaque) are data"
    assert {"self", "govern"} <= set(lex.cues)


def test_lexicon_intent_and_refusal_tables_name_real_codes() -> None:
    codes = ontology()
    for table in (intent_codes(), refusal_codes()):
        assert table
        for prefix, code in table.items():
            assert prefix in codes and code in codes, (prefix, code)
    assert intent_code("0721") == intent_code("072") == "0332"
    assert intent_code("112") is None  # verbal conflict has no intent form
    assert refusal_code("072") == "1222" and refusal_code("190") is None
