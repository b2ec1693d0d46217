"""Train the events stage's PLOVER classifier (annales/events/classifier.py) and write its
model file, annales/lang/<language>/event_classifier.json.

Data: the Zero-Shot-PLOVER PLV train split (../shared/gold/zero-shot-plover/PLV_train.tsv), one
English sentence per row with the source and target marked and a gold PLOVER root. Each row is
parsed by the nlp stage and coded by the events stage with the classifier off; the marked pair
then gives one feature list (classifier.features) and its label.

Model: multinomial logistic regression with an L2 penalty, fitted by full-batch Adam from zero
weights for a fixed number of steps, so the same data always give the same file. Only the
training split is read. Model selection is by stratified K-fold cross-validation on it (fixed
seeds): first the L2 penalty and the class balancing, by the out-of-fold macro-F1 of the
classifier alone; then the two thresholds of the events-stage hook (`propose`, `override`), by
running the events stage itself on each held-out fold with that fold's model and scoring the
PLV choice of event (annales/evaluation/plv.choose), as `annales eval plv` does; among
thresholds within one standard error of the best (the one-standard-error rule, the error taken
over the best pair's held-out folds), the highest (fewest model events) wins. Every PLV pair
holds an event, so a proposal can only gain there: the rule keeps the hook from trading
unpriced false events for gains inside the noise of cross-validation.

The model reads the lexicon's events as features: retrain after changing the English lexicon.

    .venv/bin/python scripts/train_event_classifier.py                 # writes the shipped file
    .venv/bin/python scripts/train_event_classifier.py --limit 60 --folds 2 --out /tmp/m.json

Only numpy is needed (no scikit-learn).
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annales import events as events_stage  # noqa: E402
from annales import nlp  # noqa: E402
from annales.article import Article  # noqa: E402
from annales.cameo.lexicon import load_lexicon, ontology, plover_types  # noqa: E402
from annales.config import Settings  # noqa: E402
from annales.evaluation import classification_report, plv  # noqa: E402
from annales.events import classifier  # noqa: E402
from annales.events.arguments import ActorIndex  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "gold" / "zero-shot-plover" / "PLV_train.tsv"
SEED = 20240611
FOLDS = 5
STEPS = 400
LEARNING_RATE = 0.05
REPEATS = 2  # cross-validation runs (fold seeds SEED, SEED + 1, ...) for the model's settings
MIN_COUNT = 2  # a feature must occur in two training rows (smaller file, nothing seen once)
SCALE = 1000  # weights are stored as integers: round(weight * SCALE)
PENALTIES = (0.0003, 0.001, 0.003)
BALANCES = (0.0, 0.5)  # class weight = (rows / (classes * class rows)) ** balance
PROPOSE = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never
OVERRIDE = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


# --- data -----------------------------------------------------------------------------------


def parse(rows: list[plv.Row], language: str) -> list[Article]:
    """Articles for the rows, parsed, with the lexicon's events (classifier off)."""
    settings = Settings.make(default_language=language, batch_size=plv.BATCH, event_classifier=False)
    articles = [plv._article(row) for row in rows]
    nlp.run(articles, settings)
    events_stage.run(articles, settings)
    return articles


def instance(article: Article, language: str) -> list[str]:
    """The feature list of an article's marked pair (actor 0 -> actor 1), from the sentence
    that holds the source; among several target mentions, the one nearest in the tree."""
    lex = load_lexicon(language)
    doc = article.doc
    source_mentions, target_mentions = article.actors[plv.SOURCE].mentions, article.actors[plv.TARGET].mentions

    def root(mention: Any) -> Any:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    sources = [t for t in (root(m) for m in source_mentions) if t is not None]
    targets = [t for t in (root(m) for m in target_mentions) if t is not None]
    if not sources or not targets:
        return ["bias", "nopair"]
    best = None
    for s, t in itertools.product(sources, targets):
        s_side, t_side, top = classifier.path(s, t)
        cost = (top is None, len(s_side) + len(t_side), s.i, t.i)
        if best is None or cost < best[0]:
            best = (cost, s, t)
    _, s_tok, t_tok = best
    sent = s_tok.sent
    index = ActorIndex(article, sent)
    sentence = article.sentence_of(sent.start_char + (len(sent.text) - len(sent.text.lstrip())))
    events = [e for e in article.events if e.sentence == sentence]
    known = classifier.pair_types(events, plv.SOURCE, plv.TARGET)
    return classifier.features(sent, s_tok, t_tok, lex, actor_tokens=classifier.actor_tokens(sent, index), lexicon_types=known)


# --- model ----------------------------------------------------------------------------------


def vocabulary(lists: list[list[str]], min_count: int) -> list[str]:
    counts = Counter(f for features in lists for f in set(features))
    return sorted(f for f, n in counts.items() if n >= min_count)


class Sparse:
    """A binary row-by-feature matrix held as its non-zero (row, column) pairs, in row order
    and in column order, so that X @ W and X.T @ E are sums of gathered rows."""

    def __init__(self, lists: list[list[str]], vocab: list[str]) -> None:
        index = {f: k for k, f in enumerate(vocab)}
        rows: list[int] = []
        cols: list[int] = []
        for row, features in enumerate(lists):
            found = sorted({index[f] for f in features if f in index})
            rows += [row] * len(found)
            cols += found
        self.shape = (len(lists), len(vocab))
        self.rows, self.cols = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
        order = np.lexsort((self.rows, self.cols))
        self.by_col_rows, self.by_col_cols = self.rows[order], self.cols[order]

    def dot(self, w: np.ndarray) -> np.ndarray:
        """X @ w."""
        return _grouped_sum(self.rows, w[self.cols], self.shape[0])

    def tdot(self, e: np.ndarray) -> np.ndarray:
        """X.T @ e."""
        return _grouped_sum(self.by_col_cols, e[self.by_col_rows], self.shape[1])


def _grouped_sum(keys: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Row k of the result: the sum of the `values` rows whose (sorted) key is k."""
    out = np.zeros((size, values.shape[1]))
    if len(keys):
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        out[keys[starts]] = np.add.reduceat(values, starts, axis=0)
    return out


def matrix(lists: list[list[str]], vocab: list[str]) -> Sparse:
    return Sparse(lists, vocab)


def fit(x: Sparse, y: np.ndarray, classes: int, *, penalty: float, balance: float) -> tuple[np.ndarray, np.ndarray]:
    """Weights and bias minimising the mean cross-entropy (each row weighted by its class's
    rarity to the power `balance`) + penalty/2 * |W|^2, by full-batch Adam."""
    n, width = x.shape
    counts = np.bincount(y, minlength=classes).astype(float)
    row_weight = (counts.sum() / (classes * np.maximum(counts, 1.0)))[y] ** balance
    row_weight *= n / row_weight.sum()
    w = np.zeros((width, classes))
    b = np.zeros(classes)
    onehot = np.eye(classes)[y]
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, STEPS + 1):
        scores = x.dot(w) + b
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - onehot) * (row_weight / n)[:, None]
        grads = (x.tdot(error) + penalty * w, error.sum(axis=0))
        for k, (param, grad) in enumerate(zip((w, b), grads)):
            m, v = moments[2 * k], moments[2 * k + 1]
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= LEARNING_RATE * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + eps)
    return w, b


def quantise(w: np.ndarray, b: np.ndarray) -> tuple[list[int], list[int]]:
    return [int(v) for v in np.rint(w * SCALE).ravel()], [int(v) for v in np.rint(b * SCALE)]


def to_model(language: str, labels: list[str], vocab: list[str], w: np.ndarray, b: np.ndarray, thresholds: tuple[float, float]) -> classifier.Model:
    """The in-memory Model, with the same quantised weights the file will hold."""
    qw, qb = quantise(w, b)
    return classifier.Model(
        language=language,
        labels=tuple(labels),
        cameo=generic_codes(labels),
        index={f: k for k, f in enumerate(vocab)},
        weights=np.asarray(qw, dtype=np.float64).reshape(len(vocab), len(labels)) / SCALE,
        bias=np.asarray(qb, dtype=np.float64) / SCALE,
        propose_at=thresholds[0],
        override_at=thresholds[1],
    )


def generic_codes(labels: list[str]) -> dict[str, str]:
    """Label -> the CAMEO code an event of that label is coded as: among the ontology's codes of
    the PLOVER type, the "not specified below" code (ending in 0, three digits, no PLOVER mode)
    of the CAMEO root holding most of the type's codes. YIELD, the merged label, is CAMEO's
    own "Yield" root (08, whose generic code is CONCEDE's)."""
    codes = ontology()
    legacy = {t: row["legacy"] for t, row in plover_types().items()}
    out: dict[str, str] = {}
    for label in labels:
        members = [c for c in codes.values() if len(c.code) == 3 and c.plover and legacy.get(c.plover) == label]
        roots = Counter(c.code[:2] for c in members)
        ranked = sorted(roots, key=lambda r: (-roots[r], r))
        for root in ranked:
            generic = codes.get(root + "0")
            if generic is not None and generic.plover and legacy.get(generic.plover) == label:
                out[label] = generic.code
                break
        else:
            out[label] = sorted(members, key=lambda c: (c.plover_mode is not None, c.code))[0].code
    return out


# --- cross-validation -----------------------------------------------------------------------


def folds(y: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Stratified fold number per row: each class's rows shuffled (fixed seed) and dealt out."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(y), dtype=int)
    offset = 0
    for label in sorted(set(y.tolist())):
        rows = np.flatnonzero(y == label)
        rows = rows[rng.permutation(len(rows))]
        fold[rows] = (np.arange(len(rows)) + offset) % k
        offset += len(rows)
    return fold


def scores(gold: list[str], predicted: list[str]) -> dict[str, float]:
    _, _, f1 = classification_report(list(zip(gold, predicted)), none_label=plv.NONE)
    return {"accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / len(gold), 4), "macro_f1": round(f1, 4)}


def mean(results: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(float(np.mean([r[key] for r in results])), 4) for key in results[0]}


def standard_error(gold: list[str], runs: list[list[str]], splits: list[np.ndarray]) -> float:
    """Standard error of a setting's cross-validated macro-F1, over its held-out folds (every repeat's)."""
    per_fold = [
        scores([gold[i] for i in rows], [predicted[i] for i in rows])["macro_f1"]
        for predicted, fold in zip(runs, splits, strict=True)
        for rows in (np.flatnonzero(fold == f) for f in sorted(set(fold.tolist())))
    ]
    return round(float(np.std(per_fold, ddof=1) / np.sqrt(len(per_fold))), 4)


def fold_model(lists: list[list[str]], y: np.ndarray, train: np.ndarray, classes: int, *, penalty: float, balance: float) -> tuple[list[str], np.ndarray, np.ndarray]:
    vocab = vocabulary([lists[i] for i in train], MIN_COUNT)
    w, b = fit(matrix([lists[i] for i in train], vocab), y[train], classes, penalty=penalty, balance=balance)
    return vocab, w, b


def oof_alone(lists: list[list[str]], y: np.ndarray, labels: list[str], fold: np.ndarray, *, penalty: float, balance: float) -> list[str]:
    """Out-of-fold predictions of the classifier alone (its top label for the marked pair)."""
    out = [""] * len(y)
    for f in sorted(set(fold.tolist())):
        train, test = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        vocab, w, b = fold_model(lists, y, train, len(labels), penalty=penalty, balance=balance)
        predicted = matrix([lists[i] for i in test], vocab).dot(w) + b
        for i, best in zip(test, predicted.argmax(axis=1)):
            out[i] = labels[best]
    return out


def pipeline_choice(articles: list[Article]) -> list[str]:
    """The PLV prediction per article from its current events, as `annales eval plv` makes it."""
    types = plover_types()
    out = []
    for article in articles:
        event, _ = plv.choose(article.events)
        out.append(types[event.plover]["legacy"] if event is not None else plv.NONE)
    return out


def oof_combined(articles: list[Article], lists: list[list[str]], y: np.ndarray, labels: list[str], fold: np.ndarray,
                 language: str, *, penalty: float, balance: float) -> dict[tuple[float, float], list[str]]:
    """Out-of-fold PLV predictions of the events stage with each fold's model, per threshold pair."""
    settings = Settings.make(default_language=language, batch_size=plv.BATCH)
    out: dict[tuple[float, float], list[str]] = {pair: [""] * len(y) for pair in itertools.product(PROPOSE, OVERRIDE)}
    for f in sorted(set(fold.tolist())):
        train, test = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        vocab, w, b = fold_model(lists, y, train, len(labels), penalty=penalty, balance=balance)
        held = [articles[i] for i in test]
        for pair in out:
            with classifier.installed(to_model(language, labels, vocab, w, b, pair)):
                events_stage.run(held, settings)
            for i, label in zip(test, pipeline_choice(held)):
                out[pair][i] = label
    events_stage.run(articles, Settings.make(default_language=language, batch_size=plv.BATCH, event_classifier=False))  # back to the lexicon's events
    return out


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PLV train file")
    parser.add_argument("--language", default="en")
    parser.add_argument("--out", type=Path, default=None, help="model file (default: the shipped one)")
    parser.add_argument("--limit", type=int, default=None, help="first N rows only (tests)")
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--report", type=Path, default=None, help="also write every CV figure here (JSON)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    language = args.language
    out_path = args.out or classifier.model_path(language)

    rows = plv.load_rows(args.data)
    if args.limit is not None:
        rows = rows[: args.limit]
    labels = sorted({row.gold for row in rows})
    y = np.array([labels.index(row.gold) for row in rows])
    gold = [row.gold for row in rows]
    articles = parse(rows, language)
    lists = [instance(article, language) for article in articles]
    splits = [folds(y, args.folds, SEED + repeat) for repeat in range(REPEATS)]
    lexicon_alone = scores(gold, pipeline_choice(articles))
    log = functools.partial(print, file=sys.stderr, flush=True)
    log(f"{len(rows)} rows, lexicon alone: {lexicon_alone}")

    # 1. The model's settings, by the classifier's own out-of-fold macro-F1 (mean over REPEATS).
    alone: dict[tuple[float, float], dict[str, float]] = {}
    for penalty, balance in itertools.product(PENALTIES, BALANCES):
        alone[penalty, balance] = mean([scores(gold, oof_alone(lists, y, labels, fold, penalty=penalty, balance=balance)) for fold in splits])
        log(f"cv classifier alone, penalty {penalty}, balance {balance}: {alone[penalty, balance]}")
    penalty, balance = max(alone, key=lambda key: (alone[key]["macro_f1"], alone[key]["accuracy"], key))

    # 2. The hook's thresholds, by the events stage's out-of-fold PLV macro-F1 (mean over
    # REPEATS): the highest pair (fewest model events) within one standard error of the best.
    runs = [oof_combined(articles, lists, y, labels, fold, language, penalty=penalty, balance=balance) for fold in splits]
    combined = {pair: mean([scores(gold, run[pair]) for run in runs]) for pair in runs[0]}
    best_pair = max(combined, key=lambda pair: (combined[pair]["macro_f1"], pair))
    best = combined[best_pair]["macro_f1"]
    error = standard_error(gold, [run[best_pair] for run in runs], splits)
    thresholds = max(pair for pair, result in combined.items() if result["macro_f1"] >= best - error)
    log(f"cv combined, best macro-F1 {best} (standard error {error}); chosen thresholds {thresholds}: {combined[thresholds]}")

    # 3. The shipped model: all rows, the chosen settings.
    vocab = vocabulary(lists, MIN_COUNT)
    w, b = fit(matrix(lists, vocab), y, len(labels), penalty=penalty, balance=balance)
    qw, qb = quantise(w, b)
    model = {
        "source": "Annales, scripts/train_event_classifier.py on Zero-Shot-PLOVER PLV_train.tsv (Hu et al., ACL 2024): "
        "multinomial logistic regression over annales.events.classifier.features",
        "language": language,
        "rows": len(rows),
        "cv": {"folds": args.folds, "repeats": REPEATS, "seed": SEED, "penalty": penalty, "balance": balance, "standard_error": error,
               "lexicon_alone": lexicon_alone, "classifier_alone": alone[penalty, balance], "combined": combined[thresholds]},
        "labels": labels,
        "cameo": generic_codes(labels),
        "thresholds": {"propose": thresholds[0], "override": thresholds[1]},
        "scale": SCALE,
        "bias": qb,
        "features": vocab,
        "weights": qw,
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(model, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    if args.report is not None:
        report = {
            "lexicon_alone": lexicon_alone,
            "classifier_alone": {f"penalty={p} balance={q}": v for (p, q), v in alone.items()},
            "combined": {f"propose={p} override={o}": v for (p, o), v in combined.items()},
        }
        args.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {out_path} ({out_path.stat().st_size:,} bytes, {len(vocab)} features) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
