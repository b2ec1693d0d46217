"""Pick the articles of the training set for the learned event layer (training/news/): whole articles from
../shared/corpus, mostly political, conflict and diplomacy stories, with a share of sport, business, culture and
health stories so that the model sees the metaphorical "beat", "attack" and "war" it must reject. None is in
tests/gold (the news suite's dev and test halves included) or among the articles reserved by issue #12.
Deterministic. Prints one `corpus<TAB>id<TAB>train` line per article.

    python scripts/select_training_articles.py > training/news/articles.tsv
"""

from __future__ import annotations

import random

from news_annotation import sentences
from select_news_articles import GOLD_LISTING, RESERVED, cue_density, records, used_ids

# Sentences wanted per language, split between political stories and the rest.
TARGET_SENTENCES = {"political": 1250, "other": 400}
# (corpus file, which records qualify); political stories must also pass the cue-word density test.
POOLS = {
    "fr": {
        "political": [("masakhanews/masakhanews-fr.jsonl", {"category": "politics"}), ("wikinews-fr/wikinews-fr.jsonl", {})],
        "other": [("masakhanews/masakhanews-fr.jsonl", {"category": category}) for category in ("sports", "business", "health")],
    },
    "en": {
        "political": [("masakhanews/masakhanews-en.jsonl", {"category": "politics"}), ("bbc-fulltext-en/bbc-fulltext-en.jsonl", {"category": "politics"})],
        "other": [
            ("bbc-fulltext-en/bbc-fulltext-en.jsonl", {"category": category}) for category in ("sport", "entertainment", "business")
        ]
        + [("masakhanews/masakhanews-en.jsonl", {"category": category}) for category in ("sports", "health")],
    },
}
MIN_CHARS, MAX_CHARS = 600, 8000
SEED = 20261207


def pool(kind: str, language: str, exclude: set[str]) -> list[tuple[str, str, int]]:
    """(corpus, id, sentence count) of every qualifying record, sorted."""
    found = []
    for corpus, where in POOLS[language][kind]:
        for record in records(corpus, where, exclude, (MIN_CHARS, MAX_CHARS)):
            if kind == "political" and cue_density(record["text"], language) < 2:
                continue
            found.append((corpus, record["id"], len(sentences(record["text"]))))
    return sorted(found)


def main() -> None:
    rng = random.Random(SEED)
    news = {line.split("\t")[1] for line in GOLD_LISTING.read_text(encoding="utf-8").splitlines() if line.strip()}
    exclude = RESERVED | used_ids() | news
    for language in POOLS:
        for kind, wanted in TARGET_SENTENCES.items():
            candidates = pool(kind, language, exclude)
            rng.shuffle(candidates)
            total = 0
            for corpus, doc, count in candidates:
                if total >= wanted:
                    break
                print(f"{corpus}\t{doc}\ttrain")
                total += count


if __name__ == "__main__":
    main()
