"""A large corpus for benchmarks: unique articles recombined from the paragraphs of ../shared/corpus.

Each article takes 2 to 5 paragraphs of one language (French: wikinews-fr and MasakhaNEWS fr; English: BBC and
MasakhaNEWS en) in a random order, a title from one of them, and a publication date spread over a year. The same
seed gives the same file. The texts are not real articles (their sentences come from different stories), but
their words, sentences and entities are real news text, which is what parse, event and store costs depend on.

    python benchmarks/make_corpus.py --n 5000 --seed 1 --out /tmp/corpus-5k.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SOURCES = {
    "fr": ["wikinews-fr/wikinews-fr.jsonl", "masakhanews/masakhanews-fr.jsonl"],
    "en": ["bbc-fulltext-en/bbc-fulltext-en.jsonl", "masakhanews/masakhanews-en.jsonl"],
}
MIN_PARAGRAPH_WORDS = 12
FIRST_DAY = dt.date(2025, 1, 1)


def paragraphs(language: str, corpus: Path = SHARED) -> tuple[list[str], list[str]]:
    """The paragraphs and titles of one language's corpus files."""
    found: list[str] = []
    titles: list[str] = []
    for name in SOURCES[language]:
        with open(corpus / name, encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if record.get("title"):
                    titles.append(record["title"])
                found += [p.strip() for p in record.get("text", "").split("\n\n") if len(p.split()) >= MIN_PARAGRAPH_WORDS]
    return found, titles


def articles(n: int, *, seed: int, french_share: float = 0.4, corpus: Path = SHARED) -> list[dict[str, str]]:
    rng = random.Random(seed)
    pools = {language: paragraphs(language, corpus) for language in SOURCES}
    out = []
    for index in range(n):
        language = "fr" if rng.random() < french_share else "en"
        found, titles = pools[language]
        body = rng.sample(found, rng.randint(2, 5))
        out.append({
            "id": f"synthetic-{seed}-{index:06d}",
            "title": rng.choice(titles),
            "published": (FIRST_DAY + dt.timedelta(days=rng.randrange(365))).isoformat(),
            "language": language,
            "source": "annales benchmark corpus",
            "text": "\n\n".join(body),
        })
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--french-share", type=float, default=0.4)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as out:
        for article in articles(args.n, seed=args.seed, french_share=args.french_share):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
