"""The natasha adapter: a spaCy `Language` whose parse comes from natasha (razdel, slovnet, pymorphy2).

`load(row)` builds `spacy.blank(<the row's language>)` with
- a tokenizer that keeps natasha's tokens (razdel) and every character between them, so `doc.text`
  is the input text exactly (runs of whitespace other than one space become space tokens, as in spaCy);
- one component, `annales_natasha`, that splits sentences (razdel, overridden by starts or non-starts
  that earlier components preset, such as the paragraph breaks), then sets each word's UD part of
  speech and morphology (slovnet's morph tagger), its lemma (natasha's pymorphy2 vocabulary), its head
  and dependency label (slovnet's syntax parser) and the named entities (slovnet's NER, per sentence).
  It builds a new `Doc` with the same characters: `nlp.pipe`, `nlp.memory_zone()` and `nlp.add_pipe`
  work as for a spaCy package.

Labels are renamed through `annales/lang/xx/parser_labels.tsv` (rows of adapter `natasha`): entity
types to the ones the actor and geo stages read, dependency labels where spaCy spells them otherwise
(`root` -> `ROOT`). natasha's models ship inside its wheel (MIT); nothing is downloaded at run time.
The import of natasha brings yargy 0.16, which patches pymorphy2 0.9.1 for Python 3.11
(`inspect.getargspec` is gone): nothing to do here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..lang import load_lang

NAME = "natasha"
COMPONENT = "annales_natasha"


@functools.cache
def labels(kind: str) -> dict[str, str]:
    """natasha's label -> the spaCy label the stages read, for `kind` (`ent` or `dep`)."""
    return {
        row["label"]: row["spacy_label"] for row in load_lang("xx").table("parser_labels") if row["adapter"] == NAME and row["kind"] == kind
    }


@functools.cache
def models() -> dict[str, Any]:
    """natasha's segmenter, taggers, parser and lemma vocabulary, loaded once per process (about 1 s)."""
    import natasha

    embedding = natasha.NewsEmbedding()
    return {
        "segmenter": natasha.Segmenter(),
        "morph": natasha.NewsMorphTagger(embedding),
        "syntax": natasha.NewsSyntaxParser(embedding),
        "ner": natasha.NewsNERTagger(embedding),
        "vocab": natasha.MorphVocab(),
    }


class Tokenizer:
    """razdel's tokens; the characters between two tokens become the first one's space, or space tokens."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(text, ((t.start, t.stop) for t in models()["segmenter"].tokenize(text)))
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> Tokenizer:
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: Any, **kwargs: Any) -> Tokenizer:
        return self


def words_and_spaces(text: str, spans: Iterable[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """spaCy's words and trailing-space flags for `text` cut at `spans` (start, stop): the words and spaces
    joined give `text` back. A gap of one space is the previous word's space; a longer run of whitespace
    (a line break) is a word of its own; a gap with other characters (razdel skips none, but be safe)
    becomes words too."""
    words: list[str] = []
    spaces: list[bool] = []
    position = 0

    def gap(stop: int) -> None:
        chunk = text[position:stop]
        if not chunk:
            return
        if words and chunk[0] == " " and not spaces[-1]:
            spaces[-1] = True
            chunk = chunk[1:]
        if chunk:
            words.append(chunk)
            spaces.append(False)

    for start, stop in spans:
        if start < position:
            continue  # overlapping spans never come from razdel; keep the text whole
        gap(start)
        words.append(text[start:stop])
        spaces.append(False)
        position = stop
    gap(len(text))
    return words, spaces


def sentence_starts(doc: Doc) -> list[bool]:
    """A start for each token: razdel's sentence starts, where no earlier component preset one."""
    starts = {s.start for s in models()["segmenter"].sentenize(doc.text)}
    flags = []
    words_before = False  # whitespace that opens the text belongs to the first sentence
    for token in doc:
        preset = token.is_sent_start
        start = bool(preset) if preset is not None else token.idx in starts
        flags.append(token.i == 0 or (start and words_before))
        words_before = words_before or not token.is_space
    return flags


def annotate(vocab: Vocab, doc: Doc) -> Doc:
    """A new `Doc` with `doc`'s characters and natasha's sentences, tags, lemmas, heads and entities."""
    if not len(doc):
        return doc
    found = models()
    starts = sentence_starts(doc)
    sentences: list[list[int]] = []  # the word tokens (not whitespace) of each sentence
    bounds: list[tuple[int, int]] = []  # each sentence's first and last token (whitespace included)
    for token in doc:
        if starts[token.i] or not bounds:
            bounds.append((token.i, token.i))
            sentences.append([])
        bounds[-1] = (bounds[-1][0], token.i)
        if not token.is_space:
            sentences[-1].append(token.i)
    n = len(doc)
    pos = ["SPACE" if t.is_space else "X" for t in doc]
    morphs = [""] * n
    lemmas = [t.text for t in doc]
    heads = list(range(n))
    deps = ["dep"] * n
    dep_names = labels("dep")
    # slovnet fails on an empty sentence: a sentence of whitespace only is not tagged, its tokens hang on its first one.
    for sentence, (first, last) in zip(sentences, bounds):
        if not sentence:
            for i in range(first + 1, last + 1):
                heads[i], deps[i] = first, "dep"
    tagged_sentences = [(sentence, bound) for sentence, bound in zip(sentences, bounds) if sentence]
    tagged_words = [[doc[i].text for i in sentence] for sentence, _ in tagged_sentences]
    for (sentence, (first, last)), morph, syntax in zip(
        tagged_sentences, found["morph"].map(tagged_words), found["syntax"].map(tagged_words)
    ):
        ids = {tag.id: sentence[k] for k, tag in enumerate(syntax.tokens)}
        root = sentence[0]
        for i, tagged, parsed in zip(sentence, morph.tokens, syntax.tokens):
            pos[i] = tagged.pos
            morphs[i] = "|".join(f"{key}={value}" for key, value in sorted(tagged.feats.items()))
            lemmas[i] = _cased(found["vocab"].lemmatize(tagged.text, tagged.pos, tagged.feats) or tagged.text, tagged.text, tagged.pos)
            head = ids.get(parsed.head_id, i)
            heads[i] = head
            deps[i] = dep_names.get(parsed.rel, parsed.rel)
            if head == i:
                root = i
        _single_root(sentence, heads, deps, root, dep_names.get("root", "root"))
        words_here = set(sentence)
        for i in range(first, last + 1):
            if i not in words_here:  # whitespace inside or after the sentence hangs on its root
                heads[i], deps[i] = root, "dep"
    ents = _entities(doc, [bound for _, bound in tagged_sentences], labels("ent"))
    new = Doc(
        vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        ents=ents,
    )
    new.user_data.update(doc.user_data)
    return new


def _cased(lemma: str, word: str, pos: str) -> str:
    """pymorphy2's lemmas are lower case: a capitalised proper noun keeps its capital ("Путина" -> "Путин"), a
    word in capitals that is its own lemma keeps its capitals ("МИД"); a common noun that opens a sentence does not."""
    if word.isupper() and lemma == word.lower():
        return word
    if word[:1].isupper() and pos == "PROPN":
        return lemma[:1].upper() + lemma[1:]
    return lemma


def _single_root(sentence: list[int], heads: list[int], deps: list[str], root: int, root_label: str) -> None:
    """One root per sentence, and no cycle: every word reaches the root by its heads, else hangs on it."""
    heads[root], deps[root] = root, root_label
    for i in sentence:
        seen = set()
        node = i
        while node != root and node not in seen:
            seen.add(node)
            node = heads[node]
        if node != root:
            heads[i], deps[i] = root, "dep"
        elif heads[i] == i and i != root:
            heads[i] = root


def _entities(doc: Doc, bounds: list[tuple[int, int]], names: Mapping[str, str]) -> list[str]:
    """IOB tags from slovnet's NER run on each sentence's text; a span is kept only on token boundaries."""
    tags = ["O"] * len(doc)
    starts = {t.idx: t.i for t in doc}
    ends = {t.idx + len(t.text): t.i for t in doc}
    texts = [doc[first : last + 1].text for first, last in bounds]
    for (first, _last), markup in zip(bounds, models()["ner"].map(texts)):
        offset = doc[first].idx
        for span in markup.spans:
            begin, end = starts.get(offset + span.start), ends.get(offset + span.stop)
            label = names.get(span.type)
            if begin is None or end is None or not label or any(tags[i] != "O" for i in range(begin, end + 1)):
                continue
            tags[begin] = f"B-{label}"
            for i in range(begin + 1, end + 1):
                tags[i] = f"I-{label}"
    return tags


def load(row: Mapping[str, str]) -> Language:
    """The pipeline of a `spacy_models.tsv` row whose adapter is natasha."""
    models()  # fails here, with ModuleNotFoundError, when natasha is not installed
    nlp = spacy.blank(row["language"])
    nlp.tokenizer = Tokenizer(nlp.vocab)
    if not Language.has_factory(COMPONENT):
        _register()
    nlp.add_pipe(COMPONENT)
    return nlp


def _register() -> None:
    @Language.factory(COMPONENT)
    def make(nlp: Language, name: str) -> Any:
        return functools.partial(annotate, nlp.vocab)

    del make
