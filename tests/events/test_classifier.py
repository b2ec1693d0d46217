"""The events stage's learned PLOVER classifier: features, the shipped model file, the hook in
the events stage (with small hand-made models, so the outcome does not hang on training) and
the training script's reproducibility."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from annales.article import Article
from annales.cameo.lexicon import load_lexicon, ontology, plover_types
from annales.events import classifier
from annales.events.arguments import ActorIndex

Coded = Callable[..., Article]
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_event_classifier.py"


def _toy(label: str, *, propose_at: float = 0.5, override_at: float = 0.5) -> classifier.Model:
    """A model that always answers `label` with a probability near 1."""
    labels = (label, "ASSAULT" if label != "ASSAULT" else "AID")
    return classifier.Model(
        language="en", labels=labels, cameo={"AID": "070", "ASSAULT": "190", "CONSULT": "040"},
        index={"bias": 0}, weights=np.array([[9.0, 0.0]]), bias=np.zeros(2), propose_at=propose_at, override_at=override_at,
    )


def _lexicon_only(coded: Coded, text: str) -> Article:
    return coded(text, "en", event_classifier=False)


def _pair_features(article: Article) -> list[list[str]]:
    lex = load_lexicon("en")
    out = []
    for sent in article.doc.sents:
        index = ActorIndex(article, sent)
        for source, target in classifier.candidates(sent, index, lex):
            s_tok, t_tok = classifier._root(sent, source), classifier._root(sent, target)
            known = classifier.pair_types(article.events, source[0], target[0])
            out.append(classifier.features(sent, s_tok, t_tok, lex, actor_tokens=classifier.actor_tokens(sent, index), lexicon_types=known))
    return out


def test_classifier_features_are_deterministic_and_read_the_parse(coded: Coded) -> None:
    article = _lexicon_only(coded, "Russia sent humanitarian supplies to Iran.")
    first, second = _pair_features(article), _pair_features(_lexicon_only(coded, "Russia sent humanitarian supplies to Iran."))
    assert first == second and len(first) == 1
    names = set(first[0])
    assert {"pred:send", "srole:subj", "tprep:to", "subj:source", "mod:asserted", "evpair:AID", "lexpred:AID"} <= names
    assert not any(name.endswith(("russia", "iran")) for name in names)  # actor words are no evidence


def test_classifier_candidates_skip_speaker_and_locative_pairs(coded: Coded) -> None:
    lex = load_lexicon("en")
    for text in ("Russia said that Iran attacked the convoy.", "Russia held elections in Iran."):
        article = _lexicon_only(coded, text)
        sent = next(iter(article.doc.sents))
        assert classifier.candidates(sent, ActorIndex(article, sent), lex) == []


def test_classifier_shipped_model_loads() -> None:
    model = classifier.load_model("en")
    assert model is not None
    path = classifier.model_path("en")
    assert path.stat().st_size < 400_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["source"] and data["cv"]["folds"] >= 2
    legacy = {row["legacy"] for row in plover_types().values()}
    assert set(model.labels) == legacy and len(model.labels) == 15
    for label, code in model.cameo.items():
        assert classifier.legacy(ontology()[code].plover) == label
    assert model.weights.shape == (len(model.index), len(model.labels))
    assert 0.0 <= model.propose_at <= 1.01 and 0.0 <= model.override_at <= 1.01
    probs = model.probabilities(["bias", "pred:attack", "no such feature"])
    assert probs.shape == (15,) and abs(probs.sum() - 1.0) < 1e-9
    assert classifier.load_model("fr") is None  # French ships no model: the hook leaves French alone


def test_classifier_completes_a_one_sided_event_with_full_provenance(coded: Coded) -> None:
    text = "Russia and Iran held joint exercises."
    lexical = _lexicon_only(coded, text).events
    assert {(e.source.code, e.target) for e in lexical if e.source} == {("RUS", None), ("IRN", None)}
    with classifier.installed(_toy("AID")):
        events = coded(text, "en").events
    (event,) = [e for e in events if e.method.startswith(classifier.METHOD)]
    assert event.method == f"{classifier.METHOD}>{lexical[0].method}" and event.confidence > 0.99
    assert (event.cameo, event.plover, event.quad_class) == ("070", "AID", 2) and event.goldstein == ontology()["070"].goldstein
    assert event.source and event.source.code == "RUS" and event.target and event.target.code == "IRN"
    assert text[event.start : event.end] == event.trigger == "held" and event.modality == "asserted"
    # The completed one-sided reading goes; Iran's own stays.
    assert [(e.source.code, e.target) for e in events if e is not event and e.source] == [("IRN", None)]


def test_classifier_does_not_detect_events_on_its_own(coded: Coded) -> None:
    text = "Russia handed Iran the documents."
    assert _lexicon_only(coded, text).events == []
    with classifier.installed(_toy("AID", propose_at=0.0)):
        assert coded(text, "en").events == []


def test_classifier_overrides_a_lexicon_reading_it_rejects(coded: Coded) -> None:
    text = "Russia flew medicine to Iran."
    (lexical,) = _lexicon_only(coded, text).events
    assert lexical.plover == "CONSULT"
    with classifier.installed(_toy("AID", override_at=0.9)):
        (event,) = coded(text, "en").events
    assert event.plover == "AID" and event.method == f"{classifier.METHOD}>{lexical.method}"
    with classifier.installed(_toy("CONSULT", override_at=0.0)):
        (kept,) = coded(text, "en").events  # agreement keeps the lexicon's specific code
    assert kept.method == lexical.method


def test_classifier_modality_comes_from_the_predicate(coded: Coded) -> None:
    with classifier.installed(_toy("AID")):
        events = coded("Russia and Iran did not hold joint exercises.", "en").events
    (event,) = [e for e in events if e.method.startswith(classifier.METHOD)]
    assert event.modality == "negated" and event.negated and event.cue == "not"


def test_classifier_english_model_never_fires_on_french(coded: Coded) -> None:
    text = "La Russie a remis les documents à l'Iran."
    before = coded(text, event_classifier=False)
    with classifier.installed(_toy("AID", propose_at=0.0, override_at=0.0)):
        after = coded(text)
    assert [e.method for e in after.events] == [e.method for e in before.events]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_event_classifier", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_classifier_training_script_reproduces_on_a_tiny_sample(shared_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = _script()
    # A smaller grid keeps the test fast; the code path is the full one.
    monkeypatch.setattr(script, "PENALTIES", (0.001,))
    monkeypatch.setattr(script, "BALANCES", (0.0,))
    monkeypatch.setattr(script, "PROPOSE", (0.5, 1.01))
    monkeypatch.setattr(script, "OVERRIDE", (0.7, 1.01))
    data = shared_dir / "gold" / "zero-shot-plover" / "PLV_train.tsv"
    outputs = []
    for name in ("a.json", "b.json"):
        out = tmp_path / name
        assert script.main(["--data", str(data), "--limit", "40", "--folds", "2", "--out", str(out)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    model = json.loads(outputs[0])
    assert model["rows"] == 40 and len(model["weights"]) == len(model["features"]) * len(model["labels"])


def test_classifier_keeps_a_sense_the_lexicon_chose_by_its_arguments(coded: Coded) -> None:
    """"called on X to": a sense chosen by its arguments is not overridden (a bare one is, see above)."""
    text = "Russia called on Iran to stop the talks."
    (lexical,) = _lexicon_only(coded, text).events
    assert lexical.plover == "REQUEST" and "[" in lexical.method  # the sense names its arguments
    with classifier.installed(_toy("AID", override_at=0.0)):
        (kept,) = coded(text, "en").events
    assert kept.method == lexical.method and kept.plover == "REQUEST"
