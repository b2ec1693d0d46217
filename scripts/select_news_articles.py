"""Pick the articles of the real-news gold set (tests/gold/news/): political, conflict and diplomacy
stories from ../shared/corpus, none already annotated in tests/gold, none reserved for external
measurement, deterministic. Prints one `corpus<TAB>id<TAB>split` line per article.

    python scripts/select_news_articles.py > /tmp/news_articles.tsv
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpus"
GOLD_LISTING = REPO / "tests" / "gold" / "news" / "articles.tsv"
# Held back by issue #12 for measurement outside the project: never annotated here.
RESERVED = {
    *(f"masakhanews-fra-test-{n}" for n in ("0296", "0280", "0274", "0202", "0260", "0258", "0206")),
    "masakhanews-fra-dev-0211",
    *(f"wikinews-fr-{n}" for n in ("44527", "44672", "44585", "44532")),
    *(f"masakhanews-eng-test-{n}" for n in ("0526", "0615", "0543", "0514", "0484", "0533")),
    "masakhanews-eng-dev-0217",
    "masakhanews-eng-dev-0289",
    *(f"bbc-politics-{n}" for n in ("035", "136", "149", "191")),
}
# (corpus file, how many articles, which records qualify)
PLAN = {
    "fr": [("masakhanews/masakhanews-fr.jsonl", 14, {"category": "politics"}), ("wikinews-fr/wikinews-fr.jsonl", 6, {})],
    "en": [("masakhanews/masakhanews-en.jsonl", 10, {"category": "politics"}), ("bbc-fulltext-en/bbc-fulltext-en.jsonl", 10, {"category": "politics"})],
}
# Words that mark a story about states, armed forces, parties or diplomacy (selection only).
CUES = {
    "fr": r"\b(président|gouvernement|armée|militaires?|ministre|attaques?|accord|sanctions?|opposition|manifest\w*|rebelles?|élections?|soldats|police|diplomat\w*|négociations?|conflit|frappes?|arrêtés?|accus\w*)\b",
    "en": r"\b(president|government|army|military|minister|attacks?|agreement|deal|sanctions?|opposition|protest\w*|rebels?|elections?|troops|police|diplomat\w*|talks|conflict|strikes?|arrested|accus\w*|war)\b",
}
# English politics in these corpora is mostly British domestic news: an English story must also name a
# foreign state or an international body at least twice, so the set holds diplomacy and conflict.
ABROAD = {
    "en": r"\b(Russia\w*|Ukrain\w*|China|Chinese|Iran\w*|Iraq\w*|Israel\w*|Palestin\w*|Syria\w*|Afghan\w*|America\w*|US|USA|EU|European Union|UN|United Nations|Nato|France|French|Germany|German|Africa\w*|Ivory Coast|Zimbabwe\w*|Sudan\w*|India\w*|Pakistan\w*|Korea\w*|Saudi\w*|Turk\w*|Brussels|Washington|Moscow|Beijing|G20|Ireland|Irish)\b",
}
MIN_CHARS, MAX_CHARS = 1000, 4500
SEED = 20261206


def used_ids() -> set[str]:
    ids: set[str] = set()
    for path in (REPO / "tests" / "gold").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["doc"])
    return ids


def records(corpus: str, where: dict[str, str], exclude: set[str], sizes: tuple[int, int]) -> Iterator[dict[str, Any]]:
    """The corpus records not in `exclude` whose fields match `where` and whose text length is within `sizes`."""
    for line in (CORPORA / corpus).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] not in exclude and sizes[0] <= len(record.get("text") or "") <= sizes[1] and all(record.get(k) == v for k, v in where.items()):
            yield record


def cue_density(text: str, language: str) -> float:
    """Political cue words per 1,000 characters."""
    return len(re.findall(CUES[language], text, flags=re.IGNORECASE)) * 1000 / max(len(text), 1)


def candidates(corpus: str, where: dict[str, str], language: str, exclude: set[str]) -> list[str]:
    found = []
    for record in records(corpus, where, exclude, (MIN_CHARS, MAX_CHARS)):
        text = record["text"]
        # at least three cue words per 1,000 characters: the story is about political actors
        if cue_density(text, language) < 3:
            continue
        if language in ABROAD and len(re.findall(ABROAD[language], text)) < 2:
            continue
        found.append(record["id"])
    return sorted(found)


def main() -> None:
    rng = random.Random(SEED)
    exclude = RESERVED | used_ids()
    for language, plan in PLAN.items():
        chosen = [(corpus, doc) for corpus, count, where in plan for doc in rng.sample(candidates(corpus, where, language, exclude), count)]
        rng.shuffle(chosen)
        for index, (corpus, doc) in enumerate(chosen):
            print(f"{corpus}\t{doc}\t{'test' if index % 2 else 'dev'}")


if __name__ == "__main__":
    main()
