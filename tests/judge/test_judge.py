"""The learned event layer (annales/judge): its models, their arithmetic, the side chooser and the stage's knobs."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from annales import Article
from annales.article import Actor, ActorRef, Event, Mention
from annales.cameo.lexicon import load_lexicon
from annales.config import Settings
from annales.errors import AnnalesError
from annales.judge import LogisticModel, lacks_addressee, load_judge
from annales.judge.sides import CONTEXT_TOP, Option, choose, context_refs, marker, path
from annales.judge.triggers import NONE, SoftmaxModel, best_type, generic_codes, token_vector, unit_vectors, vector_features
from annales.nlp import load_model


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_language_ships_a_judge_with_its_floors(language: str) -> None:
    judge = load_judge(language)
    assert judge is not None
    assert 0 <= judge.floor <= 1 and 0 <= judge.propose_floor <= 1 and judge.sides_margin >= 0
    assert judge.sides.weights and judge.kept.weights and judge.strict.weights
    assert NONE in judge.trigger.classes and len(judge.trigger.classes) > 5


def test_a_language_without_a_model_has_no_judge() -> None:
    assert load_judge("xx") is None
    assert load_judge("") is None


def test_logistic_model_is_the_sigmoid_of_its_score() -> None:
    model = LogisticModel(-1.0, {"a": 2.0, "b": -0.5})
    assert model.probability({"a": 1.0, "b": 2.0, "unknown": 5.0}) == pytest.approx(1 / (1 + math.exp(-(-1.0 + 2.0 - 1.0))))


def test_softmax_model_gives_a_distribution_and_the_best_type_skips_none() -> None:
    model = SoftmaxModel(("ASSAULT", NONE, "REQUEST"), (0.0, 2.0, 0.0), {"w": (1.5, 0.0, 0.2)})
    probabilities = model.probabilities({"w": 1.0})
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert max(probabilities, key=probabilities.__getitem__) == NONE
    assert best_type(probabilities) == ("ASSAULT", probabilities["ASSAULT"])


def test_a_word_scored_in_a_batch_gets_the_floats_it_gets_alone() -> None:
    weights: dict[str, tuple[float, ...]] = {"a": (1.5, 0.0, -0.2), "b": (0.1, 0.3, 0.7), "c": (-2.0, 0.5, 0.25), "vec:0": (0.4, -0.1, 0.0), "vec:1": (0.0, 0.9, -0.6)}
    model = SoftmaxModel(("ASSAULT", NONE, "REQUEST"), (0.1, 2.0, -0.3), weights)
    words = [{"a": 1.0, "c": 1.0, "unknown": 1.0}, {"b": 0.5}, {}, {"c": 1.0, "b": 1.0, "a": 1.0, "x": 1.0, "y": 1.0}]
    batch = model.batch_probabilities(words, None, model.scores({}))
    assert [dict(zip(model.classes, row.tolist())) for row in batch] == [model.probabilities(word) for word in words]
    # the dense vector weights: each word's row the same floats as the word alone, and its named "vec:i" reading
    dense = model.with_dense_vectors()
    assert dense.vector_weights is not None and "vec:0" not in dense.weights
    vectors = np.array([[0.6, 0.8], [1.0, 0.0], [0.0, 0.0], [-0.28, 0.96]], dtype=np.float32)
    shared = dense.scores({"b": 0.25})
    batch = dense.batch_probabilities(words, vectors, shared)
    for word, vector, row in zip(words, vectors, batch):
        assert row.tolist() == dense.batch_probabilities([word], vector[None, :], shared)[0].tolist()
        named = model.probabilities({**word, "b": word.get("b", 0.0) + 0.25} | vector_features(vector))
        assert row.tolist() == pytest.approx(list(named.values()), abs=1e-6)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_word_vectors_are_spacys_at_unit_length(language: str) -> None:
    doc = load_model(language)("Le ministre xqzwvk a rencontré son homologue." if language == "fr" else "The minister xqzwvk met his counterpart.")
    vectors = unit_vectors(list(doc))
    assert vectors is not None and len(vectors) == len(doc)
    for token, vector in zip(doc, vectors):
        if token.vector_norm:
            assert vector.tolist() == (token.vector / token.vector_norm).tolist()
            alone = token_vector(token)
            assert alone is not None and alone.tolist() == vector.tolist()
        else:
            assert not vector.any() and token_vector(token) is None
    assert language == "en" or any(not token.vector_norm for token in doc)  # the made-up word has no static vector


def test_a_text_parsed_in_pieces_has_no_context_vectors() -> None:
    doc = load_model("en")("The minister met his counterpart.")
    doc.tensor = np.zeros((0,), dtype="float32")  # what the nlp stage leaves on a long text parsed in pieces
    assert unit_vectors(list(doc)) is None and token_vector(doc[1]) is None


def test_every_type_has_a_generic_cameo_code_of_that_type() -> None:
    codes = generic_codes()
    assert codes["ASSAULT"].startswith(("18", "19", "20")) and codes["REQUEST"].startswith(("02", "10"))
    assert {"AGREE", "CONSULT", "ACCUSE", "COERCE", "PROTEST", "THREATEN"} <= set(codes)


def _ref(actor: int, code: str) -> ActorRef:
    return ActorRef(name=code, code=code, country=code[:3], sector=code[3:] or None, actor=actor, start=actor * 10, end=actor * 10 + 5)


def _options(scores: dict[tuple[str, str | None], float]) -> tuple[list[Option], Callable[[dict[str, float]], float]]:
    refs = {"FRAGOV": _ref(0, "FRAGOV"), "RUSGOV": _ref(1, "RUSGOV"), "FRAOPP": _ref(2, "FRAOPP")}
    found = [Option(role, refs[code] if code else None, {f"{role}|{code}": 1.0}) for role, code in scores]
    return found, lambda features: next(scores[(k.split("|")[0], None if k.split("|")[1] == "None" else k.split("|")[1])] for k in features)


def test_choose_keeps_the_rules_pair_unless_another_beats_it_by_the_margin() -> None:
    found, probability = _options({("source", "FRAGOV"): 0.6, ("source", "RUSGOV"): 0.5, ("source", None): 0.1,
                                   ("target", "RUSGOV"): 0.5, ("target", "FRAGOV"): 0.2, ("target", None): 0.3})
    rules = (found[1].ref, None)  # the rules said: RUSGOV, no target (score 0.5 * 0.3 = 0.15)
    assert choose(found, probability, rules, margin=0.0) == (found[0].ref, found[3].ref)  # FRAGOV -> RUSGOV, 0.30
    assert choose(found, probability, rules, margin=0.2) == rules


def test_choose_never_puts_one_actor_on_both_sides_nor_no_actor_on_both() -> None:
    found, probability = _options({("source", "FRAGOV"): 0.9, ("source", None): 0.95, ("target", "FRAGOV"): 0.9, ("target", None): 0.99})
    source, target = choose(found, probability, (None, None))
    assert (source, target) != (None, None)
    assert not (source is not None and target is not None and source.actor == target.actor)


def test_a_government_against_its_own_opposition_is_a_possible_pair() -> None:
    found, probability = _options({("source", "FRAGOV"): 0.9, ("source", None): 0.1, ("target", "FRAOPP"): 0.9, ("target", None): 0.1})
    assert choose(found, probability, (None, None)) == (found[0].ref, found[2].ref)


def test_the_path_names_dependency_roles_through_the_language_table() -> None:
    doc = load_model("fr")("Le gouvernement français a condamné l'attaque avec la Russie.")
    roles = load_lexicon("fr").roles
    trigger = next(t for t in doc if t.text == "condamné")
    subject = next(t for t in doc if t.text == "gouvernement")
    russia = next(t for t in doc if t.text == "Russie")
    assert path(subject, trigger, roles) == "subj"
    assert marker(russia, roles) == "avec"
    assert path(trigger, trigger, roles) == ""


def test_a_floor_of_one_rejects_every_typed_event(run_text: Callable[..., Article]) -> None:
    text = "Le président russe a menacé l'Ukraine. La France a condamné l'attaque russe contre Kiev."
    rules = run_text(text, disabled_stages=("judge",))
    judged = run_text(text, judge_floor=1.0)  # any mode: an explicit floor applies
    assert any(e.plover for e in rules.events)
    assert not any(e.plover for e in judged.events)


def test_min_confidence_keeps_only_events_at_or_above_it(run_text: Callable[..., Article]) -> None:
    text = "La France a condamné l'attaque russe contre Kiev. Le Mali a expulsé l'ambassadeur de France."
    every = run_text(text, judge_floor=0.0)
    assert every.events
    threshold = sorted(e.confidence for e in every.events)[len(every.events) // 2]
    some = run_text(text, judge_floor=0.0, min_confidence=threshold)
    assert (some.events and len(some.events) < len(every.events)) or all(e.confidence == threshold for e in every.events)
    assert all(e.confidence >= threshold for e in some.events)


def test_judged_confidences_are_probabilities_not_the_rules_fixed_values(run_text: Callable[..., Article]) -> None:
    text = "Russia's president threatened Ukraine. France condemned the Russian attack on Kyiv and Germany sent weapons to Ukraine."
    judged = run_text(text, language="en", judge_floor=0.0)
    typed = [e for e in judged.events if e.plover]
    assert typed and all(0.0 <= e.confidence <= 1.0 for e in typed)
    assert len({e.confidence for e in typed}) > 1


@pytest.mark.parametrize("name, value", [("judge_floor", "high"), ("judge_floor", 1.5), ("min_confidence", -0.1), ("min_confidence", True)])
def test_judge_settings_refuse_values_outside_zero_to_one(name: str, value: object) -> None:
    with pytest.raises(AnnalesError, match=r"\[E904\]"):
        Settings.make(**{name: value})


def test_choose_with_keep_filled_only_fills_the_empty_side() -> None:
    found, probability = _options({("source", "FRAGOV"): 0.9, ("source", "RUSGOV"): 0.2, ("source", None): 0.1,
                                   ("target", "RUSGOV"): 0.8, ("target", "FRAGOV"): 0.6, ("target", None): 0.1})
    rules = (found[1].ref, None)  # the rules chose RUSGOV as the source and no target
    source, target = choose(found, probability, rules, keep_filled=True)
    assert source is rules[0]  # kept, though FRAGOV scores higher
    assert target is not None and target.code == "FRAGOV"  # RUSGOV is the source already


@pytest.mark.parametrize("mode", ["confidence", "complete", "full"])
def test_every_mode_runs_and_only_full_proposes(mode: str, run_text: Callable[..., Article]) -> None:
    text = "Washington a imposé des sanctions à Moscou. Le ministre russe a rencontré son homologue chinois à Pékin."
    article = run_text(text, judge_mode=mode)
    assert all(e.method.startswith("lexicon") or mode == "full" for e in article.events)
    assert all("+judge-sides" not in e.method for e in article.events) or mode != "confidence"


def test_context_offers_the_previous_sentences_actors_then_the_articles_most_mentioned() -> None:
    def actor(code: str, *places: tuple[int, int]) -> Actor:
        return Actor(name=code, code=code, country=code[:3], sector=code[3:] or None, kind="country",
                     mentions=[Mention(code, start, start + 3, sentence) for start, sentence in places])

    article = Article(text="x" * 400)
    article.actors = [
        actor("CMRMIL", (10, 0), (60, 1), (300, 4)),  # named in the sentence before the event
        actor("CMRREB", (20, 0), (200, 3), (250, 3), (350, 5)),  # the most mentioned
        actor("NGA", (30, 0)),
        Actor(name="villageois", code=None, country=None, sector="CVL", mentions=[Mention("villageois", 40, 50, 1)]),  # no code: no side
        actor("FRA", (120, 2)),  # the event's own sentence: not context
    ]
    event = Event(source=None, target=None, cameo="190", cameo_root="19", plover="ASSAULT", goldstein=-10.0, quad_class=4,
                  sentence=2, trigger="attaque", start=100, end=107)
    found = {ref.code: (how, ref.start) for how, ref in context_refs(article, event, present={4})}
    assert found["CMRMIL"] == ("previous", 60)  # its mention nearest before the event
    assert found["CMRREB"] == ("top1", 20)
    assert "FRA" not in found and None not in found
    assert found["NGA"][0] == "top3" and CONTEXT_TOP >= 3


def test_an_implicit_side_is_never_one_state_with_the_other() -> None:
    def ref(code: str, actor: int) -> ActorRef:
        return ActorRef(name=code, code=code, country=code[:3], sector=code[3:] or None, actor=actor)

    government, country, rebels = ref("RUSGOV", 0), ref("RUS", 1), ref("RUSREB", 2)
    found = [Option("source", government, {"source:government": 1.0}), Option("source", None, {"source:none": 1.0}),
             Option("target", country, {"target:country": 1.0}, implicit=True), Option("target", rebels, {"target:rebels": 1.0}, implicit=True),
             Option("target", None, {"target:none": 1.0})]
    scores = {"source:government": 0.9, "source:none": 0.1, "target:country": 0.9, "target:rebels": 0.6, "target:none": 0.1}
    source, target = choose(found, lambda features: next(scores[name] for name in features), (government, None))
    assert (source, target) == (government, rebels)  # Russia itself is Moscow's own side; its rebels are not


@pytest.mark.parametrize("mode", ["complete", "full"])
def test_a_consultation_left_without_a_counterpart_is_no_event(mode: str, run_text: Callable[..., Article]) -> None:
    text = "Senior British ministers met on Wednesday to discuss the options. Tony Blair met Vladimir Putin in Moscow."
    rules = run_text(text, language="en", disabled_stages=("judge",))
    assert any(e.plover == "CONSULT" and e.target is None for e in rules.events)  # the rules' one-sided reading
    judged = run_text(text, language="en", judge_mode=mode)
    consultations = [e for e in judged.events if e.plover == "CONSULT"]
    assert consultations and all(e.source is not None and e.source.code and e.target is not None and e.target.code for e in consultations)


def test_an_accusation_or_aid_addressed_to_no_one_lacks_its_addressee() -> None:
    def event(plover: str, cameo: str, source: ActorRef | None, target: ActorRef | None) -> Event:
        return Event(source=source, target=target, cameo=cameo, cameo_root=cameo[:2], plover=plover, goldstein=-2.0, quad_class=3,
                     sentence=0, trigger="t", start=0, end=1)
    assert lacks_addressee(event("ACCUSE", "112", _ref(0, "RUSGOV"), None))
    assert lacks_addressee(event("AID", "070", _ref(0, "FRA"), None))
    assert not lacks_addressee(event("ACCUSE", "112", None, _ref(1, "UKRGOV")))  # the accuser unnamed: still an accusation
    assert not lacks_addressee(event("ACCUSE", "112", _ref(0, "RUSGOV"), _ref(1, "UKRGOV")))
    assert not lacks_addressee(event("REQUEST", "020", _ref(0, "GBROPP"), None))
