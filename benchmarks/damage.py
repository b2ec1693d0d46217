"""Damage benchmark for the repair stage (issue 3).

Injects known damage into clean articles with a seeded generator (glued words of three kinds,
doubled words, article collisions, captions with an agency credit, an ASCII-folded title copy,
a trailing id line, mojibake, curly apostrophes), runs ingest's text reader and the repair
stage, and scores every damage type: recall = injected damages whose place in the repaired text
matches the clean text exactly (token diff); precision = repairs of that kind that undid an
injected damage (a repair elsewhere counts as false, even where the clean corpus itself was
wrong: "the the", "physiqueLe"). Also: false splits of person names (spaCy NER on the clean
texts: in context, alone, and alone beside their own prefix), spaCy entities on fr-02 before and
after repair, and the time of text reader + repair + language against the spaCy parse of the
same texts (batch by batch, so machine load hits both alike).

    .venv/bin/python benchmarks/damage.py [--articles 100] [--seed 3] [--json OUT] [--skip-ner] [--skip-timing]

Clean text: examples/*.txt (the undamaged ones), ../shared/corpus/wikinews-fr and masakhanews (fr, en).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from annales.article import Article
from annales.config import Settings
from annales.ingest import read_inputs
from annales.ingest.text import read_text
from annales.lang import load_lang
from annales.language import identify_article
from annales.repair import repair_article
from annales.repair.characters import quote_table
from annales.repair.words import TOKEN, lang_words

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPORA = {
    "wikinews-fr": SHARED / "corpus" / "wikinews-fr" / "wikinews-fr.jsonl",
    "masakhanews-fr": SHARED / "corpus" / "masakhanews" / "masakhanews-fr.jsonl",
    "masakhanews-en": SHARED / "corpus" / "masakhanews" / "masakhanews-en.jsonl",
}
# Repair kind -> the damage types it undoes.
KIND_OF_REPAIR = {
    "glued_words": ("glued_any", "glued_function_word", "glued_sentence"),
    "doubled_word": ("doubled",),
    "article_collision": ("collision",),
    "caption": ("caption",),
    "duplicate_title": ("title_copy",),
    "id_line": ("id_line",),
    "mojibake": ("mojibake",),
    "quote": ("quotes",),
}
DAMAGE_TYPES = tuple(t for types in KIND_OF_REPAIR.values() for t in types)
FUNCTION_WORD_ZIPF = 5.5  # "un", "le", "et", "the", "of": what MT glues to the word before


@dataclass
class Clean:
    id: str
    title: str
    body: str
    language: str


@dataclass
class Damage:
    """Replace body[start:end] with `new`; `kind` is the damage type."""

    kind: str
    start: int
    end: int
    new: str
    raw: tuple[int, int] = (0, 0)  # span in the damaged raw text
    credit: str = ""
    reference: str | None = None  # what the repaired text should hold at [start, end) when not the clean text


@dataclass
class Score:
    injected: int = 0
    recovered: int = 0
    repairs: int = 0
    true_repairs: int = 0
    misses: list[str] = field(default_factory=list)
    false_repairs: list[str] = field(default_factory=list)


def fold_quotes(text: str) -> str:
    """Clean text with typographic quotes already folded: only injected ones are left to repair."""
    _, table = quote_table()
    return text.translate(str.maketrans(table))


def load_clean(articles: int, rng: random.Random) -> list[Clean]:
    """Clean articles: the undamaged examples and a seeded sample of each corpus."""
    out: list[Clean] = []
    for article in read_inputs([str(REPO / "examples")], Settings.make()):
        # Examples with an id line are the deliberately damaged ones.
        if article.ok and article.title and not article.id and article.raw_text.lstrip().startswith(article.title):
            body = article.raw_text.lstrip()[len(article.title) :].strip()
            out.append(Clean(Path(article.path or "").stem, article.title, fold_quotes(body), article.language or "fr"))
    for _name, path in CORPORA.items():
        if not path.exists():
            continue
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        records = [r for r in records if r.get("title") and len(r.get("text") or "") > 400]
        for record in rng.sample(records, min(articles, len(records))):
            text = unicodedata.normalize("NFC", record["text"].replace("\u00ad", ""))  # soft hyphens are not damage
            out.append(Clean(record["id"], fold_quotes(record["title"].strip()), fold_quotes(text.strip()), record["language"]))
    return out


def ascii_fold(text: str) -> str:
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return plain.replace("'", "")


def sentences_pool(clean: list[Clean]) -> dict[str, list[str]]:
    """Short sentences by language, to make captions from."""
    pool: dict[str, list[str]] = defaultdict(list)
    for article in clean:
        for sentence in re.split(r"(?<=\.)\s+", article.body):
            if 40 <= len(sentence) <= 160 and sentence.endswith(".") and "\n" not in sentence and sentence[0].isupper():
                pool[article.language].append(sentence)
    return pool


def plan_damage(article: Clean, rng: random.Random, captions: list[str], agencies: list[str]) -> list[Damage]:
    """Choose non-overlapping damages for one article (positions in the clean body)."""
    body = article.body
    words = lang_words(article.language)
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(body)]
    busy: set[int] = set()  # token indices already damaged or next to a damage
    damages: list[Damage] = []
    per_k = max(1, len(body) // 1500)

    def take(indices: list[int], count: int, make: Any) -> None:
        rng.shuffle(indices)
        for i in indices:
            if count == 0:
                return
            if any(j in busy for j in range(i - 2, i + 4)):
                continue
            damage = make(i)
            if damage is not None:
                damages.append(damage)
                busy.update(range(i - 1, i + 3))
                count -= 1

    def gap(i: int) -> str:
        return body[tokens[i][1] : tokens[i + 1][0]] if i + 1 < len(tokens) else ""

    plain = [i for i in range(len(tokens) - 1) if gap(i) == " " and "'" not in tokens[i][2] and len(tokens[i][2]) >= 2 and len(tokens[i + 1][2]) >= 2]
    take([i for i in plain if len(tokens[i][2]) >= 3], per_k, lambda i: Damage("glued_any", tokens[i][1], tokens[i + 1][0], ""))
    function = [i for i in plain if len(tokens[i][2]) >= 3 and words.zipf(tokens[i + 1][2]) >= FUNCTION_WORD_ZIPF and tokens[i + 1][2].islower()]
    take(function, per_k, lambda i: Damage("glued_function_word", tokens[i][1], tokens[i + 1][0], ""))
    sentence = [i for i in range(len(tokens) - 1) if gap(i) == ". " and tokens[i][2][-1].islower() and len(tokens[i][2]) >= 3 and tokens[i + 1][2][0].isupper()]
    # A lost sentence break ("Russie. L'Iran" -> "RussieL'Iran"): the space can come back, the period cannot.
    take(sentence, 1, lambda i: Damage("glued_sentence", tokens[i][1], tokens[i + 1][0], "", reference="  "))
    doubles = [i for i in range(1, len(tokens)) if tokens[i][2].lower() not in words.allowed_doubles and body[tokens[i - 1][1] : tokens[i][0]] == " "]
    take(doubles, per_k, lambda i: Damage("doubled", tokens[i][0], tokens[i][0], tokens[i][2] + " "))
    firsts: dict[str, list[str]] = defaultdict(list)
    for first, second in words.collisions:
        firsts[second].append(first)

    def collision(i: int) -> Damage | None:
        word = tokens[i][2]
        prefix, _ = words.strip_elision(word)
        options = firsts.get(prefix.lower() if prefix else word.lower(), [])
        if not options or not word[0].islower() or body[tokens[i - 1][1] : tokens[i][0]] != " ":
            return None
        return Damage("collision", tokens[i][0], tokens[i][0], rng.choice(sorted(options)) + " ")

    take(list(range(1, len(tokens))), 1, collision)
    accented = [i for i, t in enumerate(tokens) if any(ord(ch) > 127 for ch in t[2])]

    def mojibake(i: int) -> Damage | None:
        try:
            broken = tokens[i][2].encode("utf-8").decode("cp1252")
        except UnicodeDecodeError:
            return None
        return Damage("mojibake", tokens[i][0], tokens[i][1], broken)

    if rng.random() < 0.5:
        take(accented, 2, mojibake)
    apostrophes = [i for i, t in enumerate(tokens) if "'" in t[2]]

    def curly(i: int) -> Damage:
        at = tokens[i][0] + tokens[i][2].index("'")
        return Damage("quotes", at, at + 1, "\u2019")

    take(apostrophes, 3, curly)
    separator = "\n\n" if "\n\n" in body else "\n"
    starts = [0] + [m.end() for m in re.finditer(re.escape(separator), body)]
    if captions and rng.random() < 0.6:
        at = rng.choice(starts)
        credit = rng.choice(agencies)
        near = next((k for k, t in enumerate(tokens) if t[0] >= at), len(tokens))
        if not any(k in busy for k in range(near - 3, near + 3)):
            damages.append(Damage("caption", at, at, f"{rng.choice(captions)} {credit}{separator}", credit=credit))
    return damages


def build(article: Clean, damages: list[Damage], rng: random.Random) -> tuple[str, str | None, list[Damage]]:
    """The damaged raw text (title line, optional title copy, body, optional id line)."""
    damages = sorted(damages, key=lambda d: (d.start, d.end))
    pieces, cursor, shift = [], 0, 0
    positions = []
    for damage in damages:
        pieces.append(article.body[cursor : damage.start])
        positions.append(damage.start + shift)
        pieces.append(damage.new)
        shift += len(damage.new) - (damage.end - damage.start)
        cursor = damage.end
    pieces.append(article.body[cursor:])
    body = "".join(pieces)
    head = article.title + "\n\n"
    extra: list[Damage] = []
    if rng.random() < 0.5:
        words = ascii_fold(article.title).split()
        keep = rng.randint(max(4, (len(words) + 1) // 2), len(words)) if len(words) >= 4 else len(words)
        copy = " ".join(words[:keep])
        extra.append(Damage("title_copy", -1, -1, copy, raw=(len(head), len(head) + len(copy))))
        head += copy + "\n\n"
    for damage, at in zip(damages, positions):
        damage.raw = (len(head) + at, len(head) + at + max(len(damage.new), 1))
    raw = head + body
    record_id = None
    if rng.random() < 0.5:
        record_id = f"{article.language}-{rng.randint(1, 999):03d}"
        extra.append(Damage("id_line", -2, -2, record_id, raw=(len(raw) + 2, len(raw) + 2 + len(record_id))))
        raw += "\n\n" + record_id + "\n"
    return raw, record_id, damages + extra


def _glue_raw(damage: Damage, raw: str) -> tuple[int, int]:
    """A glue damage's raw probe: the glued token around the removed gap."""
    at = damage.raw[0]
    left = at
    while left > 0 and (raw[left - 1].isalpha() or raw[left - 1] == "'"):
        left -= 1
    right = at
    while right < len(raw) and (raw[right].isalpha() or raw[right] == "'"):
        right += 1
    return left, right


def reference_text(body: str, damages: list[Damage]) -> str:
    """The clean body as the repair should leave it (lost punctuation stays lost); same length, so
    damage offsets hold in it."""
    pieces, cursor = [], 0
    for damage in sorted((d for d in damages if d.reference is not None), key=lambda d: d.start):
        pieces += [body[cursor : damage.start], damage.reference or ""]
        cursor = damage.end
    return "".join(pieces) + body[cursor:]


def token_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def recovered(clean_body: str, repaired: str, damages: list[Damage]) -> dict[int, bool]:
    """Which damages left no trace: their tokens (and the gaps around them) match the clean body."""
    clean_spans = token_spans(clean_body)
    clean_tokens = [clean_body[s:e] for s, e in clean_spans]
    repaired_tokens = [repaired[s:e] for s, e in token_spans(repaired)]
    bad_tokens: set[int] = set()
    bad_gaps: set[int] = set()  # gap i = before clean token i
    for tag, i1, i2, _, _ in SequenceMatcher(None, clean_tokens, repaired_tokens, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            bad_tokens.update(range(i1, i2))
        if tag in ("replace", "insert"):
            bad_gaps.add(i1)
            bad_gaps.add(i2)
    starts = [s for s, _ in clean_spans]
    result: dict[int, bool] = {}
    for index, damage in enumerate(damages):
        if damage.start < 0:  # title copy (-1): before token 0; id line (-2): after the last token
            gap = 0 if damage.start == -1 else len(clean_tokens)
            result[index] = gap not in bad_gaps
            continue
        first = next((k for k, (s, e) in enumerate(clean_spans) if e >= damage.start), len(clean_spans))
        last = max(first + 1, next((k for k in range(len(starts) - 1, -1, -1) if starts[k] <= damage.end), first) + 1)
        result[index] = not any(k in bad_tokens for k in range(first, last)) and not any(g in bad_gaps for g in range(first, last + 1))
    return result


def score_article(article: Clean, rng: random.Random, captions: list[str], agencies: list[str], scores: dict[str, Score]) -> str:
    """Damage one article, repair it and add to `scores`. RETURNS (str): the damaged raw text."""
    damages = plan_damage(article, rng, captions, agencies)
    raw, record_id, damages = build(article, damages, rng)
    for damage in damages:
        if damage.kind.startswith("glued"):
            damage.raw = _glue_raw(damage, raw)
    result = Article(path=article.id, language=article.language)
    read_text(raw, result)
    repair_article(result)
    ok = recovered(reference_text(article.body, damages), result.text, damages)
    for index, damage in enumerate(damages):
        if damage.kind == "id_line":
            ok[index] = ok[index] and result.id == record_id
        if damage.kind == "caption":
            ok[index] = ok[index] and any(c.credit == damage.credit for c in result.captions)
        score = scores[damage.kind]
        score.injected += 1
        score.recovered += ok[index]
        if not ok[index]:
            score.misses.append(f"{article.id}: {raw[max(0, damage.raw[0] - 20) : damage.raw[1] + 20]!r}")
    for repair in result.repairs:
        types = KIND_OF_REPAIR.get(repair.kind)
        if not types:
            continue
        hit = [i for i, d in enumerate(damages) if d.kind in types and repair.raw_start < max(d.raw[1], d.raw[0] + 1) and repair.raw_end > d.raw[0] - (repair.raw_end == repair.raw_start)]
        kind = damages[hit[0]].kind if hit else types[0]
        scores[kind].repairs += 1
        if hit and ok[hit[0]]:
            scores[kind].true_repairs += 1
        elif not hit:
            scores[kind].false_repairs.append(f"{article.id}: {repair.before!r} -> {repair.after!r}")
    return raw


def name_splits(clean: list[Clean], skip_ner: bool) -> dict[str, Any]:
    """False splits of person names: in context (clean articles) and alone in a frame sentence."""
    import spacy

    from annales.nlp import load_model

    names: dict[str, set[str]] = defaultdict(set)
    in_context = Counter()
    clean_repairs: list[str] = []
    for language in sorted({a.language for a in clean}):
        group = [a for a in clean if a.language == language]
        nlp: spacy.Language = load_model(language) if not skip_ner else None  # type: ignore[assignment]
        docs = nlp.pipe((a.body for a in group), batch_size=16) if nlp else (None for _ in group)
        for article, doc in zip(group, docs):
            persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PER", "PERSON")] if doc is not None else []
            for start, end in persons:
                names[language].update(w for w in re.findall(r"[^\W\d_]+", article.body[start:end]) if len(w) >= 4)
            repaired = repair_article(Article(raw_text=article.body, text=article.body, language=language))
            for repair in repaired.repairs:
                if repair.kind in ("glued_words", "doubled_word", "article_collision", "caption", "mojibake"):
                    clean_repairs.append(f"{article.id} {repair.kind}: {repair.before!r} -> {repair.after!r}")
                    inside = any(s < repair.raw_end and repair.raw_start < e for s, e in persons)
                    in_context["name_token_splits" if inside and repair.kind == "glued_words" else "other"] += 1
            in_context["names"] += len(persons)
    frames = {"fr": "Selon {}, la situation est grave.", "en": "According to {}, the situation is serious."}
    # Adversarial frame: the article also uses the name's own prefix as a word ("Shah" beside
    # "Shahed"), the cue a glued name gives; every prefix of 3+ letters is tried.
    adversarial = {"fr": "Selon {} et {}, la situation est grave.", "en": "According to {} and {}, the situation is serious."}
    protected = ("Shahed", "Pezeshkian", "Masud", "Massoud", "Guterres", "Zelensky", "Erdogan")
    isolated: dict[str, Any] = {}
    for language, found in names.items():
        tested = sorted(found | set(protected))
        split, split_adversarial = [], []
        for name in tested:
            texts = [frames.get(language, frames["en"]).format(name)]
            hard = [adversarial.get(language, adversarial["en"]).format(name[:i], name) for i in range(3, len(name) - 1)]
            for bucket, group in ((split, texts), (split_adversarial, hard)):
                for text in group:
                    article = repair_article(Article(raw_text=text, text=text, language=language), passes=("words",))
                    if any(r.kind == "glued_words" and name in r.before for r in article.repairs):
                        bucket.append(name)
                        break
        isolated[language] = {
            "names": len(tested),
            "split": len(split),
            "split_with_prefix_in_text": len(split_adversarial),
            "examples": (split + split_adversarial)[:20],
        }
    return {"in_context": dict(in_context), "isolated": isolated, "clean_text_repairs": len(clean_repairs), "clean_text_repair_examples": clean_repairs[:25]}


def ner_fr02() -> dict[str, Any]:
    """spaCy entities on fr-02 before (raw text) and after repair; glued pseudo-entities must go."""
    from annales.nlp import load_model

    [article] = read_inputs([str(SHARED / "corpus" / "fr-02.txt")], Settings.make())
    repair_article(article)
    glued = [r.before for r in article.repairs if r.kind == "glued_words"]
    nlp = load_model("fr")
    before = [(e.text, e.label_) for e in nlp(article.raw_text).ents]
    after = [(e.text, e.label_) for e in nlp(article.text).ents]

    def pseudo(ents: list[tuple[str, str]]) -> list[str]:
        return sorted({t for t, _ in ents if any(g.split("'")[-1] in t or t in g for g in glued) and re.search(r"[a-z][A-Z]|un\b|le\b", t)})

    return {
        "entities_before": len(before),
        "entities_after": len(after),
        "glued_tokens": glued,
        "pseudo_entities_before": pseudo(before),
        "pseudo_entities_after": pseudo(after),
        "only_before": sorted(set(before) - set(after))[:30],
        "only_after": sorted(set(after) - set(before))[:30],
    }


def timing(damaged: list[tuple[str, str]], *, batch: int = 16) -> dict[str, Any]:
    """Repair + language against the spaCy parse of the same texts, batch by batch: each batch is
    repaired, identified and parsed back to back, so load from other processes hits both alike."""
    from annales.nlp import load_model

    repair_seconds = language_seconds = parse_seconds = 0.0
    for language in ("fr", "en"):
        raws = [raw for raw, lang in damaged if lang == language]
        if not raws:
            continue
        nlp = load_model(language)
        list(nlp.pipe(raws[:2]))  # warm-up
        for at in range(0, len(raws), batch):
            articles = []
            started = time.perf_counter()
            for raw in raws[at : at + batch]:
                article = Article(path="-")
                read_text(raw, article)
                articles.append(repair_article(article))
            repaired = time.perf_counter()
            for article in articles:
                identify_article(article, supported=("fr", "en"))
            identified = time.perf_counter()
            for _ in nlp.pipe([a.text for a in articles], batch_size=batch):
                pass
            parsed = time.perf_counter()
            repair_seconds += repaired - started
            language_seconds += identified - repaired
            parse_seconds += parsed - identified
    return {
        "articles": len(damaged),
        "repair_s": round(repair_seconds, 3),
        "language_s": round(language_seconds, 3),
        "parse_s": round(parse_seconds, 3),
        "repair_language_share_of_parse": round((repair_seconds + language_seconds) / parse_seconds, 4) if parse_seconds else None,
    }


def measure(articles: int, seed: int, *, skip_ner: bool = False, skip_timing: bool = False, show: int = 5, echo: bool = True) -> dict[str, Any]:
    """The benchmark's report: `articles` clean articles per corpus, damaged and repaired with `seed`
    (`skip_ner`: no spaCy, so no NER name splits, fr-02 entities or timing). Printed as a table with `echo`."""
    say = print if echo else (lambda *_: None)
    rng = random.Random(seed)
    clean = load_clean(articles, rng)
    pool = sentences_pool(clean)
    agencies = [row["agency"] for row in load_lang("xx").table("agencies")]
    scores: dict[str, Score] = {t: Score() for t in DAMAGE_TYPES}
    damaged = [(score_article(a, rng, pool.get(a.language, []), agencies, scores), a.language) for a in clean]
    report: dict[str, Any] = {"articles": len(clean), "by_language": dict(Counter(a.language for a in clean)), "damage": {}}
    say(f"{len(clean)} clean articles {report['by_language']}, seed {seed}\n")
    say(f"{'damage':22} {'injected':>8} {'recall':>7} {'repairs':>8} {'precision':>9}")
    for kind, score in scores.items():
        recall = score.recovered / score.injected if score.injected else None
        precision = score.true_repairs / score.repairs if score.repairs else None
        report["damage"][kind] = {"injected": score.injected, "recall": recall, "repairs": score.repairs, "precision": precision, "misses": score.misses[:show], "false_repairs": score.false_repairs[:show]}

        def fmt(v: float | None) -> str:
            return f"{v:.3f}" if v is not None else "-"

        say(f"{kind:22} {score.injected:8d} {fmt(recall):>7} {score.repairs:8d} {fmt(precision):>9}")
    for kind, score in scores.items():
        for line in score.misses[:show]:
            say(f"  miss {kind}: {line}")
        for line in score.false_repairs[:show]:
            say(f"  false {kind}: {line}")
    names = name_splits(clean, skip_ner)
    report["names"] = names
    say("\nname splits:", json.dumps({k: v for k, v in names.items() if k != "clean_text_repair_examples"}, ensure_ascii=False))
    for line in names["clean_text_repair_examples"][: show * 3]:
        say("  clean-text repair:", line)
    if not skip_ner:
        report["ner_fr02"] = ner_fr02()
        say("\nfr-02 entities:", json.dumps(report["ner_fr02"], ensure_ascii=False))
    if not skip_timing and not skip_ner:
        report["timing"] = timing(damaged)
        say("\ntiming:", json.dumps(report["timing"]))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100, help="articles sampled per corpus")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--skip-ner", action="store_true", help="no spaCy: skip name splits from NER, fr-02 entities and timing")
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--show", type=int, default=5, help="misses and false repairs shown per type")
    args = parser.parse_args()
    report = measure(args.articles, args.seed, skip_ner=args.skip_ner, skip_timing=args.skip_timing, show=args.show)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
