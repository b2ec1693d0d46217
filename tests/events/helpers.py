"""Hand-built Articles for event tests: the actors are given, not found by the actors stage."""

from __future__ import annotations

import re

from annales import events, nlp
from annales.article import Actor, Article, Mention
from annales.config import Settings

# name -> (code, country, sector, mention regexes)
ActorSpec = dict[str, tuple[str, str, str | None, list[str]]]


def article_with_actors(text: str, actors: ActorSpec, *, language: str, **overrides: object) -> Article:
    """Parse `text`, attach the given actors at every match of their regexes, run the events stage (with
    the setting `overrides`)."""
    article = Article(raw_text=text, text=text, language=language)
    settings = Settings.make(default_language=language, **overrides)
    nlp.run([article], settings)
    for name, (code, country, sector, patterns) in actors.items():
        actor = Actor(name=name, code=code, country=country, sector=sector, kind="country")
        for pattern in patterns:
            for m in re.finditer(pattern, text):
                actor.mentions.append(Mention(text=m.group(0), start=m.start(), end=m.end(), sentence=article.sentence_of(m.start())))
        article.actors.append(actor)
    events.run([article], settings)
    return article


def triples(article: Article) -> set[tuple[str | None, str, str | None, str]]:
    """(source code, CAMEO root, target code, modality) of each event."""
    return {
        (e.source.code if e.source else None, e.cameo_root, e.target.code if e.target else None, e.modality)
        for e in article.events
    }
