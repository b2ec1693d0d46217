"""Events-stage cost against the bare spaCy parse, on the shared corpora.

    python benchmarks/events_speed.py [--n 200]

Runs ingest-free stages on N articles per language (bbc-fulltext-en, wikinews-fr /
masakhanews-fr): times the nlp stage (the parse) and the events stage separately (the actors
stage runs in between, untimed, to give events real actors), and prints the ratio. The target
of issue 5 is an events stage under 15% of the parse time.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from annales import actors, events, nlp
from annales.article import Article
from annales.config import Settings

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
    events.lexicon.load_lexicon(language)  # loaded once per process, like the model
    started = time.perf_counter()
    nlp.run(articles, settings)
    parse = time.perf_counter() - started
    actors.run(articles, settings)
    started = time.perf_counter()
    events.run(articles, settings)
    coding = time.perf_counter() - started
    return {
        "articles": len(articles),
        "events": sum(len(a.events) for a in articles),
        "parse_s": round(parse, 2),
        "events_s": round(coding, 3),
        "events_over_parse": round(coding / parse, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    for language in ("en", "fr"):
        print(language, json.dumps(measure(language, args.n)))


if __name__ == "__main__":
    main()
