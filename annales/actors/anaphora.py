"""Collective and pronominal anaphora: "les deux dirigeants", "both countries", "ils", "he".

Runs after the actors are built and adds mentions to them (never new actors). The words are
data (annales/lang/<code>/actor_anaphora.tsv):
- a pair phrase ("les deux pays", "the two leaders") names the two members of the last
  coordination of actors of the right kind ("Moscou et Téhéran"), else the two most recent
  distinct actors of that kind in the preceding text (this sentence and the ones before, up to
  PAIR_WINDOW sentences back); skipped when a third candidate is as close as the second;
- a definite phrase ("l'ONG", "l'organisation") names the most recent actor of its kind (`ngo`:
  an NGO; `international`: an IGO or NGO) in the same window, when no other one of that kind is
  as close and the phrase is no description of a name or of its own ("l'ONG Human Rights
  Watch", "l'organisation islamique"); an uncoded noun mention of the same words ("ONG") then
  becomes the referent's;
- a subject phrase ("le pays", "the country"), the subject of its clause, names the subject actor of the clause
  that governs it, else of the previous sentence's main clause, as a pronoun does, when that actor is of the
  phrase's kind (`country`: a state or its government) and the phrase describes nothing of its own ("le pays
  voisin" is another one);
- a subject pronoun names the subject actor(s) of the clause that governs it when that subject
  stands before it ("Poutine a dit qu'il..."), else of the previous sentence's main clause. A
  plural pronoun needs coordinated subjects or a plural noun subject; a singular one exactly one
  person, and the only person named from the antecedent sentence to the pronoun. Anything else
  (no subject, a subject with no actor, a subject after the pronoun, gender clash, a pronoun
  inside a direct quotation) is skipped: precision first.
One span may so become a mention of two actors (both referents); `Article.actors_in` returns both.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..article import Actor, Article, Mention
from ..lang import load_lang
from ..text import fold, quote_spans, token_strings
from .context import SUBJECT_DEPS

# How far back (in sentences) a pair phrase looks for its two referents.
PAIR_WINDOW = 3
# Actor kinds a "country" pair phrase may name; their sector must be none or government.
COUNTRY_KINDS = frozenset({"country"})
COUNTRY_SECTORS = frozenset({None, "GOV"})
ANY_KINDS = frozenset({"person", "country", "igo", "organisation", "group", "bloc"})


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str  # pair, definite, subject or pronoun
    refers: str  # person, country, any; for definites ngo or international
    number: str  # singular, plural ("" for pairs)
    surface: str
    gender: str = ""  # pronouns: the UD Gender value the pronoun carries ("" for none)


@dataclass(frozen=True, slots=True)
class Rules:
    phrases: dict[tuple[str, ...], Rule]  # folded words of a pair phrase
    pronouns: dict[str, Rule]  # folded pronoun
    longest: int  # longest phrase, in words
    first_words: frozenset[str]  # first word of some phrase, folded: the cheap pre-filter (against a token's lower case)
    speech: frozenset[str]  # lemmas of verbs that attribute a quotation ("said X", "a affirmé X"): the language's quotations table
    quote_pairs: dict[str, str]  # opening quotation mark -> closing mark, from the same table
    beginnings: frozenset[tuple[str, ...]]  # the first words of each phrase, any number of them (phrases included)


@functools.cache
def load_rules(language: str) -> Rules:
    data = load_lang(language)
    phrases: dict[tuple[str, ...], Rule] = {}
    pronouns: dict[str, Rule] = {}
    path = data.path("actor_anaphora")
    if path is not None and path.parent.name == language:  # the words are per language: no xx fallback
        for row in data.table("actor_anaphora"):
            rule = Rule(row["kind"], row["refers"], row.get("number", ""), row["words"], row.get("gender", ""))
            if row["kind"] in ("pair", "definite", "subject"):
                phrases[_words(row["words"])] = rule
            elif row["kind"] == "pronoun":
                pronouns[fold(row["words"])] = rule
    speech: frozenset[str] = frozenset()
    pairs: dict[str, str] = {}
    quotations = data.path("quotations")
    if quotations is not None and quotations.parent.name == language:
        speech = frozenset(fold(row["phrase"]) for row in data.table("quotations") if row["kind"] == "verb")
        pairs = {row["phrase"]: row["value"] for row in data.table("quotations") if row["kind"] == "open"}
    beginnings = frozenset(words[:n] for words in phrases for n in range(1, len(words) + 1))
    return Rules(phrases, pronouns, max((len(k) for k in phrases), default=0), frozenset(k[0] for k in phrases), speech, pairs, beginnings)


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    """Folded words, apostrophes split off as spaCy does ("d'État" -> "d'", "etat")."""
    return tuple(fold(text).replace("'", "' ").split())


class _Index:
    """Actor mentions by character offset, kept up to date as anaphora add mentions."""

    def __init__(self, actors: list[Actor], quote_pairs: dict[str, str]) -> None:
        self.actors = actors
        self.quote_pairs = quote_pairs
        self.items: list[tuple[int, int, int]] = sorted(
            (m.start, m.end, i) for i, a in enumerate(actors) for m in a.mentions
        )
        self.starts = [s for s, _, _ in self.items]
        self._quoted: list[tuple[int, int]] | None = None

    def quoted(self, text: str) -> list[tuple[int, int]]:
        """The article's quotation spans (`text.quote_spans` with the language's marks), found on the first pronoun."""
        if self._quoted is None:
            self._quoted = quote_spans(text, self.quote_pairs)
        return self._quoted

    def add(self, actor: int, mention: Mention) -> None:
        self.actors[actor].mentions.append(mention)
        item = (mention.start, mention.end, actor)
        k = bisect_left(self.items, item)
        self.items.insert(k, item)
        self.starts.insert(k, mention.start)

    def at(self, token: Token) -> list[int]:
        """Actors whose shortest mention(s) covering the token's first character."""
        offset = token.idx
        k = bisect_left(self.starts, offset + 1)
        covering = [(e - s, a) for s, e, a in self.items[max(0, k - 50) : k] if s <= offset < e]
        if not covering:
            return []
        shortest = min(size for size, _ in covering)
        return sorted({a for size, a in covering if size == shortest})

    def before(self, lo: int, hi: int) -> list[tuple[int, int, int]]:
        """Mentions starting in characters [lo, hi), in text order."""
        return self.items[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]


def resolve_anaphora(article: Article, doc: Doc, actors: list[Actor], *, language: str) -> None:
    """Add anaphoric mentions to `actors` (in place)."""
    rules = load_rules(language)
    if not actors or not (rules.phrases or rules.pronouns):
        return
    index = _Index(actors, rules.quote_pairs)
    sents: list[Span] = []  # built on the first match: most articles have none
    sent_starts: list[int] = []
    skip_to = 0
    in_quotes: list[tuple[int, Token, Rule]] = []  # first-person pronouns: resolved once the speakers are
    # One pass over the lower-case forms; only a pronoun or a phrase's first word costs more than a set probe.
    orths = token_strings(doc, "ORTH")
    for i, low in enumerate(token_strings(doc, "LOWER")):
        if i < skip_to:
            continue
        rule = rules.pronouns.get(low)
        if rule is None and low not in rules.first_words:
            continue
        span = _pair_at(doc, orths, i, rules) if rule is None else None
        if rule is None and span is None:
            continue
        token = doc[i]  # built only now: phrase first words ("les", "the") are frequent, phrases rare
        if rule is not None and not (token.dep_ in SUBJECT_DEPS and token.pos_ == "PRON"):
            continue
        if not sents:
            sents = list(doc.sents)
            sent_starts = [sent.start for sent in sents]
        s = bisect_left(sent_starts, token.i + 1) - 1
        if rule is not None and rule.refers == SPEAKER:
            in_quotes.append((s, token, rule))
        elif rule is not None:
            _pronoun(article, doc, sents, s, token, rule, index)
        elif span is not None:
            phrase = rules.phrases[_words(span.text)]
            if phrase.kind == "definite":
                _definite(article, sents, s, span, phrase, index)
            elif phrase.kind == "subject":
                _subject_phrase(article, sents, s, span, phrase, index)
            else:
                _pair(article, sents, s, span, phrase, index)
            skip_to = span.end
    for s, token, rule in in_quotes:
        _speaker_pronoun(article, sents, s, token, rule, index, rules.speech)
    if any(not actor.mentions for actor in actors):
        actors[:] = [actor for actor in actors if actor.mentions]  # nouns a definite phrase took over


def _pair_at(doc: Doc, orths: list[str], i: int, rules: Rules) -> Span | None:
    words: list[str] = []
    found = None
    for j in range(i, min(len(orths), i + rules.longest + 2)):  # +2: a name may split in more tokens
        words.extend(_words(orths[j]))
        if len(words) > rules.longest:
            break
        if tuple(words) in rules.phrases:
            found = doc[i : j + 1]
        if tuple(words) not in rules.beginnings:
            break  # no phrase goes on from these words: "les" then "autorités"
    return found


def _mention(article: Article, span: Span, method: str) -> Mention:
    return Mention(span.text, span.start_char, span.end_char, article.sentence_of(span.start_char), method)


def _fits(actor: Actor, refers: str) -> bool:
    if actor.sector == "MED":
        return False  # the outlet reporting ("selon l'AFP") is no party to what it reports
    if refers == "person":
        return _is_person(actor)
    if refers == "country":
        return actor.kind in COUNTRY_KINDS and actor.sector in COUNTRY_SECTORS and actor.country is not None
    return actor.kind in ANY_KINDS and (actor.code is not None or actor.kind == "person")


def _pair(article: Article, sents: list[Span], s: int, span: Span, rule: Rule, index: _Index) -> None:
    lo = sents[max(0, s - PAIR_WINDOW)].start_char
    window = [(start, end, a) for start, end, a in index.before(lo, span.start_char) if end <= span.start_char]
    fitting = [(start, end, a) for start, end, a in window if _fits(index.actors[a], rule.refers)]
    doc = span.doc
    referents = _last_coordination(doc, fitting, index, rule.refers)
    if referents is None:
        referents = _two_most_recent(fitting, index, rule.refers, article)
    if referents is None:
        return
    mention_method = f"anaphora:pair:{rule.surface}"
    for a in referents:
        index.add(a, _mention(article, span, mention_method))


# What a definite phrase may name, by its `refers` value: an organisation's country code ("l'ONG"), or
# a party or armed group's sector ("the party", "le groupe").
DEFINITE_COUNTRIES = {"ngo": frozenset({"NGO"}), "international": frozenset({"IGO", "NGO"})}
DEFINITE_SECTORS = {"party": frozenset({"PTY", "OPP"}), "group": frozenset({"REB", "PTY", "OPP", "UAF", "CRM"})}
DEFINITE_KINDS = frozenset({"organisation", "group"})


def _definite_fits(actor: Actor, refers: str) -> bool:
    if actor.sector == "MED":
        return False
    if refers in DEFINITE_SECTORS:
        return actor.kind in DEFINITE_KINDS and actor.sector in DEFINITE_SECTORS[refers]
    return actor.country in DEFINITE_COUNTRIES.get(refers, frozenset())


def _definite(article: Article, sents: list[Span], s: int, span: Span, rule: Rule, index: _Index) -> None:
    doc = span.doc
    head = doc[span.end - 1]
    following = doc[span.end] if span.end < len(doc) else None
    if any(c.dep_ in ("amod", "appos", "flat:name") for c in head.children) or (following is not None and (following.pos_ == "PROPN" or index.at(following))):
        return  # "l'organisation islamique", "l'ONG Human Rights Watch": a description, no anaphor
    lo = sents[max(0, s - PAIR_WINDOW)].start_char
    fitting = [
        (start, a) for start, end, a in index.before(lo, span.start_char)
        if end <= span.start_char and _definite_fits(index.actors[a], rule.refers)
    ]
    if not fitting:
        return
    start, referent = fitting[-1]
    sentence = article.sentence_of(start)
    code = index.actors[referent].code
    if any(index.actors[a].code != code and article.sentence_of(other) == sentence for other, a in fitting):
        return  # two organisations as close: ambiguous (its staff, coded as it, are no rival)
    bodies = [a for _, a in fitting if index.actors[a].code == code and index.actors[a].kind != "person"]
    referent = bodies[-1] if bodies else referent  # the organisation rather than one of its staff
    for a in index.at(doc[span.start]) + index.at(head):
        actor = index.actors[a]
        # the bare noun ("ONG", "the party") as an actor of its own, uncoded or given the story's country
        if (actor.code is None and actor.country is None) or all(_from_context(m) for m in actor.mentions if m.start >= span.start_char and m.end <= span.end_char):
            actor.mentions[:] = [m for m in actor.mentions if not (m.start >= span.start_char and m.end <= span.end_char)]
            index.items = [item for item in index.items if not (item[2] == a and item[0] >= span.start_char and item[1] <= span.end_char)]
            index.starts = [item[0] for item in index.items]
    index.add(referent, _mention(article, span, f"anaphora:definite:{rule.surface}"))


def _subject_phrase(article: Article, sents: list[Span], s: int, span: Span, rule: Rule, index: _Index) -> None:
    head = span.doc[span.end - 1]
    if head.dep_ not in SUBJECT_DEPS or any(c.dep_ in ("amod", "appos", "flat:name", "nmod", "acl") for c in head.children):
        return  # an object ("a quitté le pays") or a description ("le pays voisin", "the country's neighbour")
    subject = _governing_subject(head) or (_main_subject(sents[s - 1]) if s > 0 else None)
    referents = _subject_referents(subject, index) if subject is not None else None
    if referents is None or len(referents) != 1 or not _fits(index.actors[referents[0]], rule.refers):
        return
    index.add(referents[0], _mention(article, span, f"anaphora:subject:{rule.surface}"))


def _from_context(mention: Mention) -> bool:
    """A mention coded by the article's context, not by its own words."""
    return mention.method.endswith(("+article-context", "+sentence-country"))


def _is_person(actor: Actor) -> bool:
    """A named person, or a singular title with no name ("le chancelier allemand", role set)."""
    return actor.kind == "person" or (actor.kind == "country" and actor.role is not None)


def _identity(actor: Actor, refers: str) -> str:
    """What makes two referents distinct: a country and its capital are one country; a title and
    a person with the same coding are one person ("son homologue iranien Abbas Araghchi")."""
    if refers == "country":
        return f"country:{actor.country}"
    if refers == "person" and actor.country:
        return f"person:{actor.country}:{actor.sector}"
    return f"actor:{id(actor)}"


def _last_coordination(doc: Doc, fitting: list[tuple[int, int, int]], index: _Index, refers: str) -> list[int] | None:
    """The two actors of the last coordination ("Moscou et Téhéran") among the fitting mentions."""
    for start, end, _ in reversed(fitting):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        group = [root, *root.conjuncts]
        if len(group) != 2:
            continue
        members: dict[str, int] = {}
        for token in group:
            found = [b for b in index.at(token) if _fits(index.actors[b], refers)]
            if len(found) != 1:
                break
            members.setdefault(_identity(index.actors[found[0]], refers), found[0])
        else:
            if len(members) == 2:
                return list(members.values())
        return None  # the latest fitting mention is no two-member coordination: fall back on recency
    return None


def _two_most_recent(fitting: list[tuple[int, int, int]], index: _Index, refers: str, article: Article) -> list[int] | None:
    seen: dict[str, tuple[int, int]] = {}  # identity -> (actor, sentence of its latest mention)
    order: list[str] = []
    for start, _end, a in reversed(fitting):
        identity = _identity(index.actors[a], refers)
        if identity in seen:
            continue
        seen[identity] = (a, article.sentence_of(start))
        order.append(identity)
        if len(order) == 3:
            break
    if len(order) < 2:
        return None
    if len(order) == 3 and seen[order[2]][1] == seen[order[1]][1]:
        return None  # a third candidate as close as the second: ambiguous
    return [seen[order[0]][0], seen[order[1]][0]]


def _inside_quote(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies inside a direct quotation: a pronoun there is the speaker's ("He
    scolded me", said Tsutsumi of his father)."""
    k = bisect_left(spans, (offset + 1, -1)) - 1
    return k >= 0 and spans[k][0] < offset < spans[k][1]


def _pronoun(article: Article, doc: Doc, sents: list[Span], s: int, pronoun: Token, rule: Rule, index: _Index) -> None:
    if _inside_quote(index.quoted(article.text), pronoun.idx):  # article.text: doc.text is rebuilt per call
        return
    subject = _governing_subject(pronoun)
    context_start = sents[s].start_char
    if subject is None:
        if _has_subject_after(pronoun):
            return  # "Quand il est arrivé, Poutine a...": cataphora or ambiguous
        if s == 0:
            return
        subject = _main_subject(sents[s - 1])
        context_start = sents[s - 1].start_char
    referents = _subject_referents(subject, index) if subject is not None else None
    if rule.number == "singular":
        others = _people_named(article, index, sents, s, context_start, pronoun.idx)
        if len(others) != 1:
            return  # "Macron a reçu Merkel. Elle a...": two people the pronoun may mean
        if referents is None or subject is None or len(referents) != 1 or _plural(subject) or not _is_person(index.actors[referents[0]]):
            # the subject names no one person ("La Russie veut ..., a tweeté M. Podolyak. Il a
            # demandé"): the one person of the nearest earlier sentence that names any, none since
            if rule.refers != "person":
                return
            referents, subject = others, None
        gender = rule.gender
        # names carry no reliable gender in the small models; nouns do ("la présidente" / "il")
        if gender and subject is not None and subject.pos_ == "NOUN" and subject.morph.get("Gender", None) and gender not in subject.morph.get("Gender", None):
            return
    else:
        if referents is None or subject is None:
            return
        heads = [subject, *subject.conjuncts]
        if len(heads) == 1 and not _plural(subject) and index.actors[referents[0]].kind != "group":
            return  # "ils" after one singular subject: someone else (a named group is plural: "the Taliban")
        if len(heads) > 1 and len(referents) < 2:
            return
    method = "anaphora:pronoun"
    for a in referents:
        index.add(a, _mention(article, doc[pronoun.i : pronoun.i + 1], method))


# `refers` of a first-person pronoun: the one who speaks the quotation it stands in.
SPEAKER = "speaker"
# How many sentences a quotation may run before or after the pronoun.
QUOTE_WINDOW = 3


def _speaker_pronoun(article: Article, sents: list[Span], s: int, pronoun: Token, rule: Rule, index: _Index, speech: frozenset[str]) -> None:
    """A first-person subject ("I", "we", "nous") inside a quotation is its speaker: the subject of a
    speech verb outside the quotation, in the sentence where it opens or closes ('"We will not
    re-enter the executive," said Mr Brett'), when exactly one actor speaks there. "We" is the
    speaker's side, coded as the speaker."""
    quotes = index.quoted(article.text)
    k = bisect_left(quotes, (pronoun.idx + 1, -1)) - 1
    if k < 0 or not quotes[k][0] < pronoun.idx < quotes[k][1]:
        return
    start, end = quotes[k]
    speakers: set[int] = set()
    for sent in sents[max(0, s - QUOTE_WINDOW) : s + QUOTE_WINDOW + 1]:
        if not (sent.start_char <= start < sent.end_char or sent.start_char <= end < sent.end_char):
            continue
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or start <= verb.idx < end or fold(verb.lemma_) not in speech:
                continue
            for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS and not start <= c.idx < end):
                speakers.update(index.at(subject))
    if len(speakers) != 1:
        return
    (speaker,) = speakers
    if rule.number == "singular" and not _is_person(index.actors[speaker]):
        return
    index.add(speaker, _mention(article, pronoun.doc[pronoun.i : pronoun.i + 1], "anaphora:speaker"))


def _subject_referents(subject: Token, index: _Index) -> list[int] | None:
    """The actors a subject (and its conjuncts) names; None when one of them names none."""
    referents: list[int] = []
    for head in [subject, *subject.conjuncts]:
        found = index.at(head)
        if not found:
            return None  # a subject we cannot code: the pronoun may mean it
        referents.extend(a for a in found if a not in referents)
    return referents


# How many sentences back a singular pronoun looks for the one person it may mean.
PERSON_WINDOW = 3


def _people_named(article: Article, index: _Index, sents: list[Span], s: int, context_start: int, before: int) -> list[int]:
    """The distinct people named from `context_start` up to the pronoun, else in the nearest earlier
    sentence (up to PERSON_WINDOW back) that names any: one actor per identity, the latest mention's."""
    lo = context_start
    for back in range(0, PERSON_WINDOW + 1):
        people: dict[str, int] = {}
        for _s, _e, a in index.before(lo, before):
            if _is_person(index.actors[a]):
                people[_identity(index.actors[a], "person")] = a
        if people or s - back - 1 < 0 or back == PERSON_WINDOW:
            return list(people.values())
        lo = min(lo, sents[s - back - 1].start_char)
    return []


def _governing_subject(pronoun: Token) -> Token | None:
    """The subject of a clause above the pronoun's, written before it ("Poutine a dit qu'il")."""
    verb = pronoun.head
    for _ in range(6):
        if verb.head is verb:
            return None
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i != pronoun.i]
        if subjects:
            subject = subjects[0]
            # a pronoun subject before it counts only once resolved (the index then holds its mentions)
            return subject if subject.i < pronoun.i else None
    return None


def _has_subject_after(pronoun: Token) -> bool:
    verb = pronoun.head
    for _ in range(6):
        if verb.head is verb:
            break
        verb = verb.head
        if any(c.dep_ in SUBJECT_DEPS and c.i > pronoun.i for c in verb.children):
            return True
    return False


def _main_subject(sent: Span) -> Token | None:
    root = sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    return subjects[0] if len(subjects) == 1 else None


def _plural(token: Token) -> bool:
    return "Plur" in token.morph.get("Number", None) or token.tag_ in ("NNS", "NNPS")
