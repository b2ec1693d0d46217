"""events stage: who did what to whom, coded in CAMEO and PLOVER, with modality.

Modules, one job each: `lexicon` (ontology and per-language predicate tables, loaded once),
`arguments` (argument slots over the dependency parse and the actors in them), `modality`
(negation, denial, intention, hypothesis, report), `coding` (lexicon sense -> Event) and
`extract` (one sentence), `replies` (a rejection answers the accusation before it). Verbs and event nouns are looked up by lemma; an event needs an
actor from the actors stage on at least one side.
"""

from __future__ import annotations

from ..article import Article
from ..config import Settings
from ..errors import Errors
from .extract import code_sentence
from .lexicon import has_lexicon, load_lexicon
from .replies import link_replies

NAME = "events"
REQUIRES = ("doc", "actors")
ASSIGNS: tuple[str, ...] = ("events",)


def code_article(article: Article) -> None:
    """Replace `article.events` with the events found in its parse."""
    language = article.language or ""
    if article.doc is None:
        return
    if not has_lexicon(language):
        article.add_error("no_event_lexicon", Errors.E602.format(language=language), stage=NAME, code="E602")
        return
    lex = load_lexicon(language)
    events = []
    if article.actors:
        for sent in article.doc.sents:
            if not sent.text.strip():
                continue
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            events.extend(code_sentence(article, sent, article.sentence_of(start), lex))
    article.events = link_replies(events)


def run(articles: list[Article], settings: Settings) -> None:
    for article in articles:
        code_article(article)
