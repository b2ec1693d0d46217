"""Language identification on short real openings (issue #14): the first 120 characters of articles of
../shared/corpus whose language the corpus gives, French and English, a fixed seeded sample.

    python benchmarks/language_id.py --n 200 --chars 120 --seed 7

Reports accuracy per language and lists the misses (annales.lang.identify.identify, lite model, whole text).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from annales.lang.identify import identify

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FILES = {
    "fr": ["masakhanews/masakhanews-fr.jsonl", "wikinews-fr/wikinews-fr.jsonl"],
    "en": ["masakhanews/masakhanews-en.jsonl", "bbc-fulltext-en/bbc-fulltext-en.jsonl"],
}


def openings(language: str, n: int, chars: int, seed: int) -> list[tuple[str, str]]:
    texts = []
    for name in FILES[language]:
        for line in (CORPORA / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("language") == language and len(record.get("text") or "") >= chars:
                texts.append((record["id"], record["text"][:chars]))
    return random.Random(seed).sample(texts, min(n, len(texts)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="openings per language")
    parser.add_argument("--chars", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    total = right = 0
    for language in FILES:
        sample = openings(language, args.n, args.chars, args.seed)
        misses = [(doc, text, found) for doc, text in sample if (found := identify(text)[0]) != language]
        total += len(sample)
        right += len(sample) - len(misses)
        print(f"{language}: {len(sample) - len(misses)}/{len(sample)} = {(len(sample) - len(misses)) / len(sample):.4f}")
        for doc, text, found in misses:
            print(f"  {doc}: {found!r} <- {text!r}")
    print(f"all: {right}/{total} = {right / total:.4f}")


if __name__ == "__main__":
    main()
