"""events stage: who did what to whom, coded in CAMEO and PLOVER, with modality.

Modules, one job each: `arguments` (argument slots over the dependency parse and the actors in them),
`coding` (lexicon sense -> Event), `extract` (one sentence), `classifier` (the learned pair classifier),
`anaphora` (the opt-in restatements), `criticism` and `appeals` (criticism and appeals in speech, with `speech`, what
they share), `replies` (a rejection answers the
accusation before it). The ontology, the predicate tables and the modality rules live in `annales.cameo`, shared
with the judge stage. Verbs and event nouns are looked up by lemma; an event needs an actor from the actors stage
on at least one side (or, with `event_anaphora`, an earlier event of the article), except for the CAMEO roots a
language lists as `actorless_roots` in its event_settings.tsv, and, when the judge runs in its 'full' mode, its
`judged_actorless_roots`: the judge gives those events sides from the article or rejects them. A material
conflict with a doer and no target takes as target the country of its scene, a country or town after one of the
language's `scene_preps` ("raided a village in Somalia"); a visit or hosting needs a visitor and an official on one
side.
"""

from __future__ import annotations

from ..article import Article, Event
from ..cameo.lexicon import has_lexicon, load_lexicon
from ..config import Settings
from ..errors import Errors
from ..text import doc_text
from .anaphora import Orphan, resolve_orphans
from .extract import ACTORLESS_ROOTS, JUDGED_ACTORLESS_ROOTS, code_sentence
from .replies import link_replies

NAME = "events"
REQUIRES = ("doc", "sentences", "language", "actors")
ASSIGNS: tuple[str, ...] = ("events",)


def code_article(article: Article, *, anaphora: bool = False, criticism: bool = False, appeal: bool = False, classifier: bool = True,
                 judged: bool = False) -> None:
    """Replace `article.events` with the events found in its parse; with `anaphora`, bare event nouns
    without actors also restate the article's earlier events (`anaphora.resolve_orphans`); with
    `criticism`, speech that speaks ill of another actor is coded as criticism (`criticism.criticisms`); with
    `appeal`, speech that says what another actor should do is coded as an appeal (`appeals.appeals`); without
    `classifier`, the lexicon's readings stand alone (`classifier.revise`); with `judged` (the judge's 'full'
    mode), event words of the language's `judged_actorless_roots` are coded without sides too."""
    language = article.language or ""
    if article.doc is None:
        return
    if not has_lexicon(language):
        article.add_error("no_event_lexicon", Errors.E602.format(language=language), stage=NAME, code="E602")
        return
    lex = load_lexicon(language)
    events: list[Event] = []
    orphans: list[Orphan] | None = [] if anaphora else None
    actorless = frozenset(lex.settings.get(ACTORLESS_ROOTS, ())) | frozenset(lex.settings.get(JUDGED_ACTORLESS_ROOTS, ()) if judged else ())
    if article.actors or actorless:
        text = doc_text(article.doc)  # sliced per sentence: `Span.text` builds every token of the sentence
        for sent in article.doc.sents:
            sentence_text = text[sent.start_char : sent.end_char]
            if not sentence_text.strip():
                continue
            start = sent.start_char + (len(sentence_text) - len(sentence_text.lstrip()))
            events.extend(code_sentence(article, sent, article.sentence_of(start), lex, orphans, criticism=criticism, appeal=appeal,
                                       classifier=classifier,
                                       actorless_roots=actorless))
    if orphans:
        # An orphan that restates an earlier event replaces its actorless reading (same trigger).
        restated = resolve_orphans([e for e in events if e.source or e.target], orphans)
        starts = {e.start for e in restated}
        events = [e for e in events if e.source or e.target or e.start not in starts] + restated
    article.events = link_replies(sorted(events, key=lambda e: e.sentence))


def run(articles: list[Article], settings: Settings) -> None:
    for article in articles:
        code_article(article, anaphora=settings.event_anaphora, criticism=settings.speech_criticism, appeal=settings.speech_appeals,
                     classifier=settings.event_classifier,
                     judged=settings.judge_mode == "full")
