"""Events-stage cost against the bare spaCy parse, on the shared corpora.

    python benchmarks/events_speed.py [--n 200]

Runs ingest-free stages on N articles per language (bbc-fulltext-en, wikinews-fr /
masakhanews-fr): times the nlp stage (the parse), the events stage and the judge stage (the learned event
layer, in each of its modes, on copies of the same coded articles; the events stage is timed again as it codes
for the judge's `full` mode, which adds event words that name no actor) separately (the actors stage runs in between,
untimed, to give events real actors), and prints the ratios. Issue 5 asked for an events stage under 15% of the
parse time; issue 13 for events and judge together at most 10%. Times are the process's CPU time (all its threads),
so that other work on a shared machine does not stretch one stage more than another.
"""

from __future__ import annotations

import argparse
import copy
import json
import time
from pathlib import Path

from annales import actors, events, judge, nlp
from annales.article import Article
from annales.cameo.lexicon import load_lexicon
from annales.config import JUDGE_MODES, Settings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPORA = {"en": ["bbc-fulltext-en/bbc-fulltext-en.jsonl"], "fr": ["wikinews-fr/wikinews-fr.jsonl", "masakhanews/masakhanews-fr.jsonl"]}


def load(language: str, n: int) -> list[Article]:
    out: list[Article] = []
    for name in CORPORA[language]:
        for line in (SHARED / name).read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text") or ""
            if text.strip():
                out.append(Article(raw_text=text, text=text, language=language))
            if len(out) >= n:
                return out
    return out


def measure(language: str, n: int) -> dict[str, float]:
    articles = load(language, n)
    settings = Settings.make(default_language=language)
    nlp.load_model(language)
    load_lexicon(language)  # loaded once per process, like the model
    started = time.process_time()
    nlp.run(articles, settings)
    parse = time.process_time() - started
    actors.run(articles, settings)
    started = time.process_time()
    events.run(articles, settings)
    coding = time.process_time() - started
    result: dict[str, float] = {
        "articles": len(articles),
        "events": sum(len(a.events) for a in articles),
        "parse_s": round(parse, 2),
        "events_s": round(coding, 3),
        "events_over_parse": round(coding / parse, 4),
    }
    judge.load_judge(language)
    coded = [a.events for a in articles]
    # 'full' mode's events stage also codes the event words that name no actor (judged_actorless_roots)
    full_settings = Settings.make(default_language=language, judge_mode="full")
    started = time.process_time()
    events.run(articles, full_settings)
    full_coding = time.process_time() - started
    coded_full = [a.events for a in articles]
    result.update(events_full_s=round(full_coding, 3), events_full=sum(len(found) for found in coded_full))
    for mode in JUDGE_MODES:
        mode_coded, mode_coding = (coded_full, full_coding) if mode == "full" else (coded, coding)
        for article, found in zip(articles, mode_coded):
            article.events = copy.deepcopy(found)
        started = time.process_time()
        judge.run(articles, Settings.make(default_language=language, judge_mode=mode))
        seconds = time.process_time() - started
        result[f"judge_{mode}_s"] = round(seconds, 3)
        result[f"events_and_judge_{mode}_over_parse"] = round((mode_coding + seconds) / parse, 4)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    for language in ("en", "fr"):
        print(language, json.dumps(measure(language, args.n)))


if __name__ == "__main__":
    main()
