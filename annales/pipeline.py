"""The staged pipeline: ingest -> repair -> language -> nlp -> actors -> events -> judge -> geo -> facets -> store.

Each article stage is a module exposing `NAME`, `REQUIRES`, `ASSIGNS` (Article fields, like
spaCy's `requires=`/`assigns=`; optionally `READS`, fields used only when an earlier stage provided
them) and `run(articles, settings)`, which enriches a batch of
Articles in place. `ingest` is the source (paths -> Articles) and `store` the sink; both are
driven by their callers (`annales.process`, the CLI), so only the middle stages live here.
Declarations are checked once, when the pipeline is built. A stage may also expose
`batch_context(articles, settings)`: a context entered before the stage runs and left when the
whole batch is done (the nlp stage's spaCy memory zones: the vocabulary does not grow with the corpus).
A batch is processed in groups of at most `batch_chars` characters, and memory is given back between groups
(`memory.release_freed_memory`) once the process outgrows what its largest group needed, so a process's peak
follows its longest group, not the corpus it reads.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from types import ModuleType
from typing import Any

from .article import Article
from .config import Settings
from .errors import AnnalesError, Errors
from .memory import RELEASE_SLACK_MIB, release_freed_memory, rss_mib

STAGES: tuple[str, ...] = ("ingest", "repair", "language", "nlp", "actors", "events", "judge", "geo", "facets", "store")
ARTICLE_STAGES: tuple[str, ...] = STAGES[1:-1]
# What ingest provides before any article stage runs (`text` starts as a copy of `raw_text`).
INGEST_ASSIGNS: tuple[str, ...] = ("raw_text", "text", "path", "id", "title", "published", "language", "url", "source", "meta", "errors")


def stage_module(name: str) -> ModuleType:
    if name not in STAGES:
        raise AnnalesError(Errors.E901.format(name=name, stages=", ".join(STAGES)))
    return importlib.import_module(f"annales.{name}")


class Pipeline:
    """The enabled article stages, validated, run batch by batch."""

    def __init__(self, settings: Settings, *, memory_zones: bool = True) -> None:
        self.settings = settings
        # Stages may open a context for the rest of the batch (`batch_context`): the nlp stage opens spaCy
        # memory zones, so what a batch adds to the vocabulary is freed with it. False opens none (the
        # vocabulary grows with every new word), for measuring (benchmarks/throughput.py --memory) and debugging.
        self.memory_zones = memory_zones
        self._settled_languages: set[str] = set()
        # The resident size a group leaves when it starts from a trimmed heap (the largest seen): what a group
        # needs. Groups are released only past it, by RELEASE_SLACK_MIB: a parse frees more than the slack
        # (about 120 MiB for a French group), so releasing after every group trimmed that memory only for the
        # next group to fault it back in, 8% of the French pipeline's CPU time.
        self._group_need_mib = 0.0
        self._heap_trimmed = True
        wanted = ARTICLE_STAGES if settings.stages is None else settings.stages  # "stages=()" runs none
        for name in (*wanted, *settings.disabled_stages):
            if name not in STAGES:
                raise AnnalesError(Errors.E901.format(name=name, stages=", ".join(STAGES)))
        self.names = [n for n in ARTICLE_STAGES if n in wanted and n not in settings.disabled_stages]
        self.stages = [stage_module(n) for n in self.names]
        self._check_requirements()

    def _check_requirements(self) -> None:
        assigned = set(INGEST_ASSIGNS)
        for module in self.stages:
            for requirement in module.REQUIRES:
                if requirement not in assigned:
                    raise AnnalesError(Errors.E902.format(name=module.NAME, requirement=requirement))
            assigned.update(module.ASSIGNS)

    def run_batch(self, articles: list[Article]) -> list[Article]:
        for group in text_batches(articles, self.settings.batch_chars):
            self._run_group(group)
        return articles

    def _run_group(self, articles: list[Article]) -> None:
        with ExitStack() as batch_contexts:
            try:
                for module in self.stages:
                    live = [a for a in articles if a.ok]
                    if not live:
                        continue
                    opener = getattr(module, "batch_context", None)
                    if opener is not None and self.memory_zones:
                        try:
                            batch_contexts.enter_context(opener(live, self.settings))
                        except Exception:  # noqa: BLE001 - the stage itself reports what is wrong, article by article
                            pass
                    self._run_stage(module, live)
            finally:
                for article in articles:
                    # The parse is not kept past the batch: it must not outlive the memory zones it lives in.
                    article.doc = None
        languages = {article.language for article in articles if article.language}
        # The first group of a language loads its tables: frozen with the rest, later collections skip them.
        first_of_a_language = not languages <= self._settled_languages
        self._settled_languages |= languages
        resident = rss_mib()
        if self._heap_trimmed:
            self._group_need_mib = max(self._group_need_mib, resident)
        self._heap_trimmed = first_of_a_language or resident > self._group_need_mib + RELEASE_SLACK_MIB
        if self._heap_trimmed:
            release_freed_memory(freeze=first_of_a_language)

    def _run_stage(self, module: ModuleType, articles: list[Article]) -> None:
        """Run one stage; if it fails, retry article by article so one bad article cannot sink
        the batch: that article gets a coded `stage_failed` error and leaves the pipeline.
        Stages assign their fields (they never append), so a retry does not duplicate work."""
        try:
            module.run(articles, self.settings)
        except Exception as exc:  # noqa: BLE001 - any bug in a stage must become an error record
            if len(articles) == 1:
                message = Errors.E906.format(stage=module.NAME, error=f"{type(exc).__name__}: {exc}")
                articles[0].add_error("stage_failed", message, stage=module.NAME, code="E906")
                return
            for article in articles:
                self._run_stage(module, [article])

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self.run_batch(batch)
                batch = []
        if batch:
            yield from self.run_batch(batch)


def text_batches(articles: list[Article], budget: int) -> list[list[Article]]:
    """`articles` in consecutive groups of at most `budget` characters of text (a longer article alone). A parsed
    article holds about 3.7 KiB per character until its group is done (fr_core_news_md), so four long articles
    processed together raised a worker's peak by about 280 MiB."""
    groups: list[list[Article]] = []
    size = budget + 1
    for article in articles:
        length = len(article.text or article.raw_text or "")
        if size + length > budget:
            groups.append([])
            size = 0
        groups[-1].append(article)
        size += length
    return groups


def process(inputs: Iterable[str] | str, **settings: Any) -> Iterator[Article]:
    """Read `inputs` (paths, folders, archives or "-") and yield processed Articles in input order.

    inputs (Iterable[str] | str): what to read.
    settings: overrides of annales.config.SETTINGS, e.g. published="2025-01-17".
    RETURNS (Iterator[Article]): one Article per input record, error records included.
    """
    from .ingest import read_inputs

    resolved = Settings.make(**settings)
    paths = [inputs] if isinstance(inputs, str) else list(inputs)
    yield from Pipeline(resolved).run(read_inputs(paths, resolved))


def process_text(text: str, *, title: str | None = None, published: str | None = None, language: str | None = None, **settings: Any) -> Article:
    """Process one text given as a string (no file)."""
    resolved = Settings.make(**settings)
    article = Article(raw_text=text, text=text, title=title, published=published, language=language)
    return Pipeline(resolved).run_batch([article])[0]
