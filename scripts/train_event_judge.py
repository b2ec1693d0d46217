"""Train the event judge of each language (annales/judge/) on the project's annotated news (training/news/).

    pip install -c constraints.txt -e ".[train]"
    python scripts/train_event_judge.py [fr] [en]   # writes annales/lang/<code>/event_judge.json, prints a report

The rules run on every training article with the judge off (the parse is kept for the whole run), and their events
stage once more as in the judge's 'full' mode (with the language's `judged_actorless_roots`). Labels come
from the annotation, matched as `annales eval news` matches:
- `sides`: each candidate side of a rule event that a gold event of its type matches is right when its country
  (or organisation) is one the annotators accept;
- `trigger`: each candidate word (a verb or noun of a sentence naming an actor, no rule event on it) is the PLOVER type of
  the gold event whose trigger it is, else NONE;
- `kept` / `strict`: each event is matched with a gold event of its type / with type, both sides' countries and
  modality right; learnt twice, on the rules' events with their empty sides filled ('complete' mode, also used in
  'confidence' mode) and on the full judge's events (`kept_full`, `strict_full`: rule events with their sides
  chosen, and proposals).

Everything downstream of a model is computed from that model's out-of-fold predictions (5 folds of articles,
fixed by sorted id), so each later model and each floor sees what the stage will do on unseen articles. C
minimises the out-of-fold log loss. Each choice maximises the out-of-fold strict F1 of the whole set: the
`complete_margin` and `sides_margin` by which another pair must beat the rules' own (filling empty sides only, in
'complete' mode; any side, in 'full' mode; of margins that tie, the smallest, which leaves the fewest events
one-sided), the `propose_floor` (among those at which the
events keep at least the rules' strict precision) and the `floor` under which the `kept` model rejects an
event. Precision beyond that is the user's choice of `--min-confidence`, which the `strict` model calibrates. Deterministic (lbfgs, sorted features, rounded weights): a rerun
writes the same bytes.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Token

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from annales.article import Article, Event  # noqa: E402
from annales.cameo.lexicon import load_lexicon  # noqa: E402
from annales.config import Settings  # noqa: E402
from annales.evaluation.news import actor_key, calibration_error, event_labels, event_matches, gold_reading  # noqa: E402
from annales.evaluation.sentences import locate  # noqa: E402
from annales.events import code_article  # noqa: E402
from annales.ingest import read_bytes  # noqa: E402
from annales.judge import MODEL_FILE, LogisticModel, distinct, sideless, with_sides  # noqa: E402
from annales.judge.features import article_words, event_features  # noqa: E402
from annales.judge.sides import Option, choose, options  # noqa: E402
from annales.judge.triggers import (  # noqa: E402
    NONE,
    SoftmaxModel,
    actor_heads,
    best_type,
    candidate_tokens,
    proposal,
    token_features,
    token_vector,
    vector_features,
)
from annales.lang import LANG_DIR  # noqa: E402
from annales.pipeline import Pipeline  # noqa: E402

TRAINING = REPO / "training" / "news"
CORPORA = REPO.parent / "shared" / "corpus"
FOLDS = 5
C_GRID = (0.03, 0.1, 0.3, 1.0)
TRIGGER_C_GRID = (0.3, 1.0)
PROPOSE_FLOORS = tuple(round(f, 2) for f in np.arange(0.15, 0.96, 0.05))
SIDES_MARGINS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5)
DIGITS = 5
WORD = re.compile(r"\w+")
# The rules' own pair, as a `sides` model: what "rules only" means in the report.
RULES_SIDES = LogisticModel(0.0, {f"{role}:{name}": 50.0 for role in ("source", "target") for name in ("rules_chose", "none|rules_none:True")})


@dataclasses.dataclass
class Annotated:
    """One annotated sentence: its article (parse kept), gold events, rule events (`events` as the rules code them
    in the default modes, `full_events` as in 'full' mode, which adds the language's `judged_actorless_roots`) with
    their candidate sides, and candidate words."""

    doc: str
    article: Article
    span: tuple[int, int]
    gold: list[dict[str, Any]]
    events: list[Event]
    options: list[list[Option]]
    per_sentence: Counter[int]
    full_events: list[Event]
    full_options: list[list[Option]]
    full_per_sentence: Counter[int]
    words: list[Token]
    word_features: list[dict[str, float]]
    word_labels: list[str]
    topic: dict[str, float]


def gold_tokens(article: Article, row: dict[str, Any], span: tuple[int, int]) -> dict[int, str]:
    """Token index of each gold event's trigger -> its preferred type (the raw trigger word found in the cleaned
    sentence, nearest its raw position)."""
    found: dict[int, str] = {}
    assert article.doc is not None
    for event in row["events"]:
        start = event.get("trigger_start")
        if start is None:
            continue
        word = WORD.match(article.raw_text, start)
        if word is None:
            continue
        relative = start - row["start"]
        places = [m.start() for m in re.finditer(re.escape(word.group(0)), article.text[span[0] : span[1]])]
        if not places:
            continue
        at = span[0] + min(places, key=lambda p: abs(p - relative))
        token = article.doc.char_span(at, at + len(word.group(0)), alignment_mode="expand")
        if token is not None and len(token):
            found.setdefault(token.root.i, event["plover"][0])
    return found


def annotated_sentences(language: str) -> Iterator[Annotated]:
    """The training sentences of `language`, the rules run on their articles with the judge off."""
    rows = [json.loads(line) for line in (TRAINING / f"{language}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_doc.setdefault(row["doc"], []).append(row)
    settings = Settings.make(disabled_stages=("judge",))
    pipeline = Pipeline(settings)
    lex = load_lexicon(language)
    for corpus in sorted({row["corpus"] for row in rows}):
        ids = {row["doc"] for row in rows if row["corpus"] == corpus}
        lines = [line for line in (CORPORA / corpus).read_text(encoding="utf-8").splitlines() if line.strip() and json.loads(line).get("id") in ids]
        for article in read_bytes(Path(corpus).name, "\n".join(lines).encode("utf-8"), settings):
            for module in pipeline.stages:  # the stages by hand: the parse must outlive them here
                if article.ok:
                    module.run([article], settings)
            if not article.ok or article.doc is None or not article.id:
                continue
            doc = article.doc
            rule_events = article.events
            # the same parse coded again as the events stage codes it in the judge's 'full' mode
            code_article(article, anaphora=settings.event_anaphora, criticism=settings.speech_criticism, classifier=settings.event_classifier, judged=True)
            full_events, article.events = article.events, rule_events
            per_sentence = Counter(event.sentence for event in rule_events)
            full_per_sentence = Counter(event.sentence for event in full_events)
            topic = article_words(article)
            heads = actor_heads(article, doc)
            triggers = {event.start for event in full_events}
            for row in by_doc[article.id]:
                span = locate(article.raw_text[row["start"] : row["end"]], article.text)
                if span is None:
                    continue
                inside = [e for e in rule_events if span[0] <= e.start < span[1] and e.plover]
                full_inside = [e for e in full_events if span[0] <= e.start < span[1] and e.plover]
                tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
                words = list(candidate_tokens(tokens, triggers, heads)) if tokens is not None else []
                gold = gold_tokens(article, row, span)
                yield Annotated(row["doc"], article, span, row["events"], inside, [options(article, e, doc) for e in inside], per_sentence,
                                full_inside, [options(article, e, doc) for e in full_inside], full_per_sentence, words,
                                [token_features(t, lex, heads) | topic | vector_features(token_vector(t)) for t in words], [gold.get(t.i, NONE) for t in words], topic)


def fold_of(docs: list[str]) -> dict[str, int]:
    return {doc: i % FOLDS for i, doc in enumerate(sorted(set(docs)))}


def fit(features: list[dict[str, float]], y: np.ndarray, c: float) -> LogisticModel:
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=5000).fit(vectorizer.fit_transform(features), y)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), DIGITS) for n, w in zip(names, model.coef_[0]) if round(float(w), DIGITS) != 0}
    return LogisticModel(round(float(model.intercept_[0]), DIGITS), dict(sorted(weights.items())))


def fit_softmax(features: list[dict[str, float]], y: list[str], c: float) -> SoftmaxModel:
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=5000).fit(vectorizer.fit_transform(features), y)
    names = vectorizer.get_feature_names_out()
    weights = {}
    for n, column in zip(names, model.coef_.T):
        row = tuple(round(float(w), DIGITS) for w in column)
        if any(row):
            weights[str(n)] = row
    return SoftmaxModel(tuple(str(c) for c in model.classes_), tuple(round(float(b), DIGITS) for b in model.intercept_), dict(sorted(weights.items())))


def binary_fitter(features: list[dict[str, float]], y: np.ndarray, c: float) -> Callable[[list[int]], LogisticModel]:
    return lambda indices: fit([features[i] for i in indices], y[indices], c)


def softmax_fitter(features: list[dict[str, float]], y: list[str], c: float) -> Callable[[list[int]], SoftmaxModel]:
    return lambda indices: fit_softmax([features[i] for i in indices], [y[i] for i in indices], c)


def by_fold(fit_one: Callable[[list[int]], Any], docs: list[str]) -> dict[int, Any]:
    """One model per fold, each fitted (`fit_one(indices)`) on the examples of the other folds' articles."""
    folds = fold_of(docs)
    return {k: fit_one([i for i, d in enumerate(docs) if folds[d] != k]) for k in range(FOLDS)}


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def binary(features: list[dict[str, float]], y: np.ndarray, docs: list[str]) -> tuple[float, dict[int, LogisticModel], np.ndarray]:
    """The best C, the fold models with it, and the out-of-fold probabilities."""
    folds, best = fold_of(docs), None
    for c in C_GRID:
        models = by_fold(binary_fitter(features, y, c), docs)
        p = np.array([models[folds[d]].probability(f) for f, d in zip(features, docs)])
        if best is None or log_loss(y, p) < best[0]:
            best = (log_loss(y, p), c, models, p)
    assert best is not None
    return best[1], best[2], best[3]


def side_examples(sentences: list[Annotated]) -> tuple[list[dict[str, float]], np.ndarray, list[str]]:
    """Every candidate side of every rule event matched with a gold event of its type, labelled right or wrong."""
    features, labels, docs = [], [], []
    for sentence in sentences:
        pairs = event_matches(sentence.gold, [sentence.article._event_dict(e) for e in sentence.events])
        for pair, found in zip(pairs, sentence.options):
            if pair is None:
                continue
            gold = gold_reading(sentence.gold[pair.gold])
            for option in found:
                accepted = gold.sources | gold.targets if gold.symmetric else gold.sources if option.role == "source" else gold.targets
                features.append(option.features)
                labels.append(actor_key(option.ref.code if option.ref else None) in accepted)
                docs.append(sentence.doc)
    return features, np.array(labels), docs


def system_events(sentence: Annotated, sides: LogisticModel, margin: float, trigger_p: list[tuple[str, float]], propose_floor: float,
                  *, keep_filled: bool = False, full: bool = False) -> list[Event]:
    """The sentence's events as the stage makes them before gating: rule events (with `full`, 'full' mode's, those
    left without sides dropped) with sides from `sides` (kept unless beaten by `margin`; with `keep_filled` only
    empty sides change), then the proposals whose out-of-fold type probability reaches `propose_floor`."""
    article, lex = sentence.article, load_lexicon(sentence.article.language or "")
    assert article.doc is not None
    rule_events, rule_options = (sentence.full_events, sentence.full_options) if full else (sentence.events, sentence.options)
    events = distinct([with_sides(e, found, sides, margin, keep_filled=keep_filled) for e, found in zip(rule_events, rule_options)])
    if full:
        events = [e for e in events if not sideless(e)]
    for token, (label, p) in zip(sentence.words, trigger_p):
        if p < propose_floor:
            continue
        event = proposal(token, label, p, article.sentence_of(token.idx), lex)
        source, target = choose(options(article, event, article.doc), sides.probability, (None, None))
        if source is not None or target is not None:
            events.append(dataclasses.replace(event, source=source, target=target))
    return events


def scored(sentences: list[Annotated], events: list[list[Event]]) -> tuple[list[tuple[bool, bool]], int]:
    """(kept, strict) labels of every event, and the number of gold events."""
    labels = [label for s, found in zip(sentences, events) for label in event_labels(s.gold, [s.article._event_dict(e) for e in found])]
    return labels, sum(len(s.gold) for s in sentences)


def figures(labels: list[tuple[bool, bool]], gold: int) -> dict[str, float]:
    strict = sum(s for _, s in labels)
    typed = sum(k for k, _ in labels)
    return {"events": len(labels), "strict_precision": round(strict / max(len(labels), 1), 3), "strict_recall": round(strict / max(gold, 1), 3),
            "lenient_precision": round(typed / max(len(labels), 1), 3), "strict_f1": round(2 * strict / max(len(labels) + gold, 1), 3)}


def train(language: str) -> dict[str, Any]:
    sentences = list(annotated_sentences(language))
    docs_of = [s.doc for s in sentences]
    folds = fold_of(docs_of)
    report: dict[str, Any] = {"sentences": len(sentences), "articles": len(set(docs_of)), "gold_events": sum(len(s.gold) for s in sentences)}
    models: dict[str, Any] = {}

    side_x, side_y, side_docs = side_examples(sentences)
    side_c, side_folds, _ = binary(side_x, side_y, side_docs)
    models["sides"] = {"C": side_c, **dataclasses.asdict(fit(side_x, side_y, side_c))}
    report.update(side_candidates=len(side_y), sides_C=side_c)

    word_x = [f for s in sentences for f in s.word_features]
    word_y = [label for s in sentences for label in s.word_labels]
    word_docs = [s.doc for s in sentences for _ in s.words]
    best: tuple[float, float, dict[int, SoftmaxModel]] | None = None
    for c in TRIGGER_C_GRID:
        trigger_folds = by_fold(softmax_fitter(word_x, word_y, c), word_docs)
        loss = -float(np.mean([np.log(max(trigger_folds[folds[d]].probabilities(f).get(y, 0.0), 1e-6)) for f, y, d in zip(word_x, word_y, word_docs)]))
        if best is None or loss < best[0]:
            best = (loss, c, trigger_folds)
    assert best is not None
    trigger_c, trigger_folds = best[1], best[2]
    trigger = fit_softmax(word_x, word_y, trigger_c)
    models["trigger"] = {"C": trigger_c, "bias": trigger.bias, "classes": trigger.classes, "weights": trigger.weights}
    report.update(candidate_words=len(word_y), candidate_words_with_event=sum(y != NONE for y in word_y), trigger_C=trigger_c, trigger_oof_log_loss=round(best[0], 4))
    trigger_p = [[best_type(trigger_folds[folds[s.doc]].probabilities(f)) for f in s.word_features] for s in sentences]

    rules = [system_events(s, RULES_SIDES, 0.0, [], 1.1) for s in sentences]
    report["rules_only"] = figures(*scored(sentences, rules))
    completed = {m: [system_events(s, side_folds[folds[s.doc]], m, [], 1.1, keep_filled=True) for s in sentences] for m in SIDES_MARGINS}
    complete_figures = {m: figures(*scored(sentences, events)) for m, events in completed.items()}
    complete_margin = max(SIDES_MARGINS, key=lambda m: (complete_figures[m]["strict_f1"], -m))
    report.update(complete_margin=complete_margin, completed=complete_figures[complete_margin])
    margins = {m: figures(*scored(sentences, [system_events(s, side_folds[folds[s.doc]], m, [], 1.1, full=True) for s in sentences])) for m in SIDES_MARGINS}
    margin = max(SIDES_MARGINS, key=lambda m: (margins[m]["strict_f1"], -m))
    report.update(sides_margin=margin, with_sides=margins[margin])
    # Proposals may not lower the strict precision of the rules' events they join.
    floor_of_rules = report["rules_only"]["strict_precision"]
    curve = {f: figures(*scored(sentences, [system_events(s, side_folds[folds[s.doc]], margin, p, f, full=True) for s, p in zip(sentences, trigger_p)])) for f in PROPOSE_FLOORS}
    propose_floor = max(PROPOSE_FLOORS, key=lambda f: (curve[f]["strict_precision"] >= floor_of_rules, curve[f]["strict_f1"], f))
    report.update(propose_floor=propose_floor, with_proposals=curve[propose_floor])

    # `kept` and `strict` twice: for the rules' events with their empty sides filled ('complete' mode; also used,
    # unfilled, in 'confidence' mode) and for the full judge's.
    full_events = [system_events(s, side_folds[folds[s.doc]], margin, p, propose_floor, full=True) for s, p in zip(sentences, trigger_p)]
    for suffix, events in (("", completed[complete_margin]), ("_full", full_events)):
        labels, gold = scored(sentences, events)
        features = [event_features(e, s.article, topic=s.topic, events_in_sentence=(s.full_per_sentence if suffix else s.per_sentence)[e.sentence])
                    for s, found in zip(sentences, events) for e in found]
        docs = [s.doc for s, found in zip(sentences, events) for _ in found]
        oof: dict[str, np.ndarray] = {}
        for index, name in enumerate(("kept", "strict")):
            y = np.array([label[index] for label in labels])
            c, _, oof[name] = binary(features, y, docs)
            models[name + suffix] = {"C": c, **dataclasses.asdict(fit(features, y, c))}
            report.update({f"{name}{suffix}_C": c, f"{name}{suffix}_oof_log_loss": round(log_loss(y, oof[name]), 4), f"{name}{suffix}_oof_ece": round(calibration_error(list(zip(oof[name], y))), 4)})
    # the floor is the full judge's (the last `oof`): 'confidence' and 'revise' reject nothing
    gates = {round(float(f), 2): figures([label for label, p in zip(labels, oof["kept"]) if p >= f], gold) for f in np.arange(0.0, 0.96, 0.05)}
    floor = max(gates, key=lambda f: (gates[f]["strict_f1"], -f))
    report.update(floor=floor, judged=gates[floor])

    model = {
        "about": "Event judge (annales/judge): logistic regressions over annales.judge features, trained by scripts/train_event_judge.py "
        f"on training/news/{language}.jsonl (the project's annotations, docs/annotation.md). `training`: out-of-fold figures.",
        "language": language,
        "training": report,
        "complete_margin": complete_margin,
        "sides_margin": margin,
        "propose_floor": propose_floor,
        "floor": floor,
        "models": models,
    }
    # one line per top-level key, the weights compact: a readable header, a small file
    lines = [f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(',', ':'))}" for key, value in sorted(model.items())]
    (LANG_DIR / language / MODEL_FILE).write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    for code in sys.argv[1:] or ["fr", "en"]:
        print(code, json.dumps(train(code), indent=1), flush=True)
