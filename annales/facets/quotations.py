"""Quotations: direct quotes between quotation marks and reported speech, with their speaker.

Direct quotes are the outermost «…», “…” or "…" pairs of a paragraph (the pairs are data:
annales/lang/<code>/quotations.tsv, kind open). Each is attributed, in order, to:
1. "selon X" / "according to X" in its sentence, or "X : « … »";
2. the nearest speech verb of its sentence outside any quote (lemmas are data), whose speaker is its
   subject (object clitics the parser mislabels are skipped), its agent ("qualifié d'« innovant » par X"),
   a name just after it ("a déclaré X", "said Putin"), or the nearest name before it in its clause
   ("tandis que Pezeshkian l'a salué comme un « … »");
3. a singular subject pronoun ("il", "she") resolves to the last person named before it; a plural one
   ("ils", "they") to the nearest names before the verb ("Moscou et Téhéran ont nié").
Scare quotes: a quote of 1-3 words is kept only when it has a speaker through a speech verb standing
right before it or governing it, or an agent after it ("qualifié d'« innovant » par Poutine");
otherwise it is dropped as a term in quotation marks (« menace », « milices mandataires », so-called
“…”), not a quotation. Longer quotes without any attribution are kept with speaker None.
Reported speech: a speech verb with a complement clause ("X a déclaré que …", "X said (that) …").
Speakers are resolved to actors (`article.actors_in`): `speaker` is the name as this article writes it
(the actor's longest mention holding a proper noun, "Poutine", "Volodymyr Zelensky"), `speaker_code` the actor's code and `speaker_actor` its index (whose
`name` is the canonical one); without an actor, the PER/ORG entity or noun phrase of the parse.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..article import Article, Mention, Quotation
from ..lang import load_lang
from ..text import quote_spans
from .lexicon import PhraseIndex, norm, rows, view

SCARE_WORDS = 3  # quotes this short need a tight attribution to count as quotations
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "csubj", "expl:subj"})  # the parser reads some "il" as expletive
_AGENTS = frozenset({"obl:agent", "agent"})
_NAMES = frozenset({"PER", "PERSON", "ORG", "NORP", "GPE", "LOC"})
_PERSONS = frozenset({"PER", "PERSON"})
_CUT = frozenset({"acl", "acl:relcl", "relcl", "advcl", "parataxis", "punct"})  # a speaker's phrase stops at these
_PHRASE_REACH = 8  # tokens from the head: a speaker's phrase is short
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True, slots=True)
class QuoteData:
    verbs: frozenset[str]
    reflexive_verbs: frozenset[str]
    according: PhraseIndex[str]
    agents: frozenset[str]
    pronouns: frozenset[str]
    clitics: frozenset[str]
    pairs: dict[str, str]


@functools.cache
def quote_data(language: str) -> QuoteData:
    """The speech vocabulary of `language`, built once."""
    table = load_lang(language).table("quotations")
    return QuoteData(
        verbs=frozenset(norm(r["phrase"]) for r in rows(table, "verb")),
        reflexive_verbs=frozenset(norm(r["phrase"]).split()[-1] for r in rows(table, "verb_reflexive")),
        according=PhraseIndex.build((r["phrase"], "according") for r in rows(table, "according")),
        agents=frozenset(norm(r["phrase"]) for r in rows(table, "agent")),
        pronouns=frozenset(norm(r["phrase"]) for r in rows(table, "pronoun")),
        clitics=frozenset(norm(r["phrase"]) for r in rows(table, "clitic")),
        pairs={r["phrase"]: r["value"] for r in rows(table, "open")},
    )


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str
    code: str | None
    actor: int | None
    method: str


class _Finder:
    """Finds the quotations of one article; `quoted` holds the quote spans once `direct` has run."""

    def __init__(self, article: Article, data: QuoteData) -> None:
        self.article = article
        self.doc: Doc = article.doc
        self.data = data
        self.view = view(self.doc)
        self.quoted: list[tuple[int, int]] = []
        self._starts: list[int] = []
        # `Doc.ents` builds a fresh tuple of Spans on every access: read it once, the parse does not change here.
        self.ents: tuple[Span, ...] = tuple(self.doc.ents)
        self._names: dict[int, str] = {}  # actor index -> longest written person name ("" if none)
        self._verbs: dict[tuple[int, int], list[Token]] = {}  # (start, end) token range -> speech verbs

    def inside_quote(self, token: Token) -> bool:
        return self._quoted(token.idx)

    def _quoted(self, offset: int) -> bool:
        k = bisect.bisect_right(self._starts, offset) - 1
        return k >= 0 and offset < self.quoted[k][1]

    def _any_quoted(self, offsets: list[int]) -> bool:
        """Whether `_quoted` holds for any of these increasing offsets, tested quote by quote (the few a sentence
        may meet) rather than offset by offset: each offset is judged by the last quote starting at or before it."""
        if not offsets:
            return False
        first = max(bisect.bisect_right(self._starts, offsets[0]) - 1, 0)
        for k in range(first, bisect.bisect_right(self._starts, offsets[-1])):
            # the offsets this quote judges: from its start (or the first offset) to the next quote's start
            low = max(self._starts[k], offsets[0])
            high = min(self.quoted[k][1], self._starts[k + 1] if k + 1 < len(self._starts) else self.quoted[k][1])
            j = bisect.bisect_left(offsets, low)
            if j < len(offsets) and offsets[j] < high:
                return True
        return False

    # -- speakers ---------------------------------------------------------------------------
    def speaker_of(self, token: Token, method: str) -> _Speaker | None:
        """The speaker named by `token` (its actor, entity or noun phrase); pronouns resolve to the last person."""
        if norm(token.text).lstrip("-") in self.data.pronouns:  # "a-t-il déclaré"
            if "Plur" in token.morph.get("Number", None):
                return None  # "ils"/"they" need more than the last person named; the caller looks nearer
            return self.previous_subject(token) or self.last_person(token.idx, method + "+pronoun")
        if norm(token.text) in self.data.clitics or (token.pos_ in ("PRON", "DET") and not token.ent_type_):
            return None
        if token.pos_ == "ADJ" and token.head.pos_ in ("NOUN", "PROPN"):
            token = token.head  # "la présidence turque" speaks, not "turque"
        span = self._phrase(token)
        hits = self.article.actors_in(span.start_char, span.end_char)
        if hits:
            # The actor named by the head word, else a person ("le secrétaire général de l'ONU, Antonio
            # Guterres" is Guterres, not the UN), else the first.
            best = next(
                (h for h in hits if h[1].start <= token.idx < h[1].end),
                next((h for h in hits if self.article.actors[h[0]].kind == "person"), hits[0]),
            )
            actor = self.article.actors[best[0]]
            return _Speaker(self._actor_text(best[0], best[1], span), actor.code, best[0], method + "+actor")
        if token.ent_type_ in _NAMES or (token.ent_type_ == "MISC" and token.pos_ == "PROPN"):
            ent = next((e for e in self.ents if e.start <= token.i < e.end), None)
            if ent is not None:
                return _Speaker(self._full_name(ent), None, None, method + "+entity")
        names = [e for e in self.ents if e.label_ in _NAMES and e.start < span.end and e.end > span.start]
        if names:
            return _Speaker(self._full_name(names[0]), None, None, method + "+entity")
        if token.pos_ == "PROPN":
            # A name the NER missed: the run of capitalised words around the token ("Ousmane Sonko").
            left, right = token.i, token.i + 1
            while left > self.view.sent_start[token.i] and self.doc[left - 1].is_title:
                left -= 1
            while right < self.view.sent_end[token.i] and self.doc[right].is_title:
                right += 1
            return _Speaker(self.doc[left:right].text, None, None, method + "+name")
        if token.pos_ in ("NOUN", "PROPN") and len(span) <= 6:
            return _Speaker(span.text, None, None, method + "+phrase")
        return None

    def _actor_text(self, actor: int, mention: Mention, phrase: Span) -> str:
        """The speaker's name as written: a person's name, an institution's proper name ("Téhéran"), else the
        noun phrase that names it ("le ministère russe de la Défense", not the adjective "russe")."""
        if self.article.actors[actor].kind == "person":
            return self._written_name(actor, mention.text)
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and any(t.pos_ == "PROPN" for t in span):
            return mention.text
        return phrase.text

    def _written_name(self, actor: int, fallback: str) -> str:
        """How the article names an actor: the longest person name among its mentions ("Volodymyr Zelensky"
        rather than "président ukrainien"), else the canonical name of a person, else the mention at hand."""
        record = self.article.actors[actor]
        best = self._names.get(actor)
        if best is None:  # memoised: an actor with many mentions is asked for once per quote
            best = ""
            persons = [e for e in self.ents if e.label_ in _PERSONS and e.root.pos_ == "PROPN"]
            for mention in record.mentions:
                for ent in persons:
                    if ent.start_char < mention.end and ent.end_char > mention.start:
                        name = self._full_name(ent)
                        if len(name) > len(best):
                            best = name
            self._names[actor] = best
        return best or (record.name if record.kind == "person" else fallback)

    def _full_name(self, span: Span) -> str:
        """A name with the proper nouns glued after it ("Ursula von der" + "Leyen": small models split names)."""
        end = span.end
        while end < len(self.doc) and self.doc[end].pos_ == "PROPN" and self.doc[end - 1].whitespace_:
            end += 1
        return self.doc[span.start : end].text

    def _phrase(self, token: Token) -> Span:
        """The noun phrase headed by `token`, without its own preposition ("selon"), clauses or quotes."""
        left, right = token.i, token.i
        stack = [c for c in token.children if c.dep_ not in _CUT and c.dep_ not in ("case", "mark", "cc")]
        while stack:
            node = stack.pop()
            if self.inside_quote(node) or abs(node.i - token.i) > _PHRASE_REACH:
                continue
            left, right = min(left, node.i), max(right, node.i)
            stack.extend(c for c in node.children if c.dep_ not in _CUT)
        return self.doc[left : right + 1]

    def previous_subject(self, token: Token) -> _Speaker | None:
        """The named subject of the previous sentence: "il"/"he" usually continues the last topic."""
        start = self.view.sent_start[token.i]
        if start == 0:
            return None
        previous = self.view.sent(start - 1)
        # Proper nouns first: "Le Premier ministre Ousmane Sonko conduit …" may give two subjects.
        for candidate in sorted(previous, key=lambda t: t.pos_ != "PROPN"):
            if candidate.dep_ in _SUBJECTS and candidate.head.dep_ == "ROOT" and not self.inside_quote(candidate):
                if norm(candidate.text).lstrip("-") in self.data.pronouns or candidate.pos_ == "PRON":
                    return None
                found = self.speaker_of(candidate, "previous-subject")
                if found is not None and (found.actor is not None or candidate.ent_type_):
                    return found
        return None

    def last_person(self, before: int, method: str) -> _Speaker | None:
        """The last person actor (or PER entity) mentioned before character `before`."""
        best: tuple[int, _Speaker] | None = None
        # Find the last mention first, then name it once: naming every candidate on the way was
        # quadratic in mentions x entities (seconds on a long article with many quotes).
        last: tuple[int, int, str] | None = None  # (start, actor index, mention text)
        for index, actor in enumerate(self.article.actors):
            if actor.kind != "person":
                continue
            for mention in actor.mentions:
                if mention.end <= before and (last is None or mention.start > last[0]) and not self._quoted(mention.start):
                    last = (mention.start, index, mention.text)
        if last is not None:
            start, index, text = last
            actor = self.article.actors[index]
            best = (start, _Speaker(self._written_name(index, text), actor.code, index, method + "+actor"))
        if best is None:
            for ent in self.ents:
                if ent.label_ in ("PER", "PERSON") and ent.end_char <= before and not self.inside_quote(ent[0]):
                    best = (ent.start_char, _Speaker(ent.text, None, None, method + "+entity"))
        return best[1] if best else None

    def name_near(self, lo: int, hi: int, *, last: bool) -> Token | None:
        """The last (or first) name token in tokens [lo, hi) outside quotes: an actor mention or a PER/ORG entity."""
        order = range(hi - 1, lo - 1, -1) if last else range(lo, hi)
        for k in order:
            token = self.doc[k]
            if self.inside_quote(token):
                continue
            if token.ent_type_ in _NAMES or self.article.actors_in(token.idx, token.idx + len(token.text)):
                return token
        return None

    def verb_speaker(self, verb: Token, quote: tuple[int, int] | None) -> _Speaker | None:
        """The speaker of a speech verb: subject, agent, name after it, or nearest name before it in its clause."""
        for child in verb.children:
            if child.dep_ in _SUBJECTS and not self.inside_quote(child):
                found = self.speaker_of(child, "subject")
                if found is not None:
                    return found
        for child in verb.children:
            if child.dep_ in _AGENTS and not self.inside_quote(child):
                found = self.speaker_of(child, "agent")
                if found is not None:
                    return found
        sent = self.view.sent(verb.i)
        after = quote[1] if quote and quote[0] >= verb.idx else verb.idx + len(verb.text)
        k = verb.i + 1
        while k < sent.end and self.doc[k].idx < after:
            k += 1
        # An agent after the verb or the quote: "qualifié d'« innovant » par Poutine", "described as “…” by X".
        for j in range(k, min(k + 3, sent.end)):
            if norm(self.doc[j].text) in self.data.agents and j + 1 < sent.end:
                name = self.name_near(j + 1, min(j + 4, sent.end), last=False)
                if name is not None:
                    return self.speaker_of(name, "agent")
        # An inverted subject after a quote: "», a déclaré la haute représentante …, Kaja Kallas", "said Putin";
        # a person named in the title's apposition is the speaker.
        if quote is None or quote[1] <= verb.idx:
            for j in range(verb.i + 1, min(verb.i + 12, sent.end)):
                token = self.doc[j]
                if token.pos_ in ("VERB", "AUX") or token.text in (".", ";", ":"):
                    break
                if token.ent_type_ in _PERSONS:
                    found = self.speaker_of(token, "inverted")
                    if found is not None:
                        return found
            for j in range(verb.i + 1, min(verb.i + 5, sent.end)):
                token = self.doc[j]
                if token.pos_ in ("NOUN", "PROPN") or (norm(token.text).lstrip("-") in self.data.pronouns and token.text.startswith("-")):
                    found = self.speaker_of(token, "inverted")
                    if found is not None:
                        return found
                    break
                if token.pos_ not in ("DET", "ADJ", "SPACE") and not token.text.startswith("-"):
                    break
        lo = self._clause_start(verb)
        name = self.name_near(lo, verb.i, last=True)
        if name is not None:
            while name.dep_ == "conj" and name.head.i < name.i and name.head.i >= lo:
                name = name.head  # "Moscou et Téhéran ont nié": the whole coordination speaks
            return self.speaker_of(name, "nearest")
        return None

    def _clause_start(self, verb: Token) -> int:
        """First token of the verb's stretch: after the previous quote, speech verb or clause punctuation."""
        k = verb.i - 1
        while k >= self.view.sent_start[verb.i]:
            token = self.doc[k]
            if self.inside_quote(token) or (norm(token.lemma_) in self.data.verbs and token.pos_ == "VERB") or token.text in (";", ":"):
                return k + 1
            k -= 1
        return self.view.sent_start[verb.i]

    # -- attribution ------------------------------------------------------------------------
    def according_in(self, sent: Span) -> tuple[int, _Speaker] | None:
        """"selon X" / "according to X" in a sentence: (token after the phrase, speaker)."""
        k = sent.start
        while k < sent.end:
            if not self.data.according.starts(self.view.texts[k]):
                k += 1
                continue
            end, found = self.data.according.match(self.view, k, stop=sent.end)
            if found and not self.inside_quote(self.doc[k]):
                name = self.name_near(end, min(end + 6, sent.end), last=False)
                head = name or next((t for t in self.doc[end : min(end + 4, sent.end)] if t.pos_ in ("NOUN", "PROPN")), None)
                if head is not None:
                    speaker = self.speaker_of(head, "according")
                    if speaker is not None:
                        return end, speaker
            k = max(end, k + 1)
        return None

    def speech_verbs(self, sent: Span) -> list[Token]:
        """Speech verbs outside quotes; reflexive uses ("s'ajouter") are other verbs."""
        # Memoised per token range: every quote of a sentence asks again, and a sentence the parser
        # never ended may hold hundreds of quotes. Valid while `quoted` is unchanged (`direct` resets it).
        key = (sent.start, sent.end)
        cached = self._verbs.get(key)
        if cached is not None:
            return list(cached)
        found = []
        lemmas = self.view.lemmas
        for i in range(sent.start, sent.end):
            lemma = lemmas[i]
            if lemma not in self.data.verbs and lemma not in self.data.reflexive_verbs:
                continue
            token = self.doc[i]
            if token.pos_ not in ("VERB", "AUX") or self.inside_quote(token):
                continue
            reflexive = any("Yes" in c.morph.get("Reflex", None) for c in token.children)
            if lemma in (self.data.reflexive_verbs if reflexive else self.data.verbs):
                found.append(token)
        self._verbs[key] = found
        return list(found)

    def attribute(self, quote: tuple[int, int], words: int) -> tuple[_Speaker | None, str] | None:
        """(speaker, method) for a direct quote, or None to drop it as a scare quote."""
        doc = self.doc
        first = doc.char_span(quote[0], quote[1], alignment_mode="expand")
        if first is None:
            return None
        sent = self.view.sent(first.start)
        stop = max(sent.end, self.view.sent_end[first.end - 1])
        verbs = self.speech_verbs(doc[sent.start : stop])
        if not verbs and stop < len(doc) and doc[stop].idx - quote[1] <= 2:
            # The parser split "« … », a réagi X." after the quote: the attribution is the next sentence.
            verbs = self.speech_verbs(self.view.sent(stop))
        short = words <= SCARE_WORDS
        if short:
            governors = self._governors(first)
            verbs = [v for v in verbs if 0 < first.start - v.i <= 4 or v.i in governors]
            agent = self._agent_after(first)
            if not verbs and agent is not None:
                return self.speaker_of(agent, "agent"), "rule:quote-agent"
            if not verbs:
                return None
        incise = self._incise(first)
        if incise is not None:
            speaker = self.verb_speaker(incise, None)
            if speaker is not None:
                return speaker, f"rule:quote-incise:{norm(incise.lemma_)}"
        colon = self._colon_speaker(first)
        if colon is not None:
            return colon, "rule:quote-colon"
        according = self.according_in(sent)
        if according is not None:
            return according[1], "rule:quote-according"
        if verbs:
            verb = min(verbs, key=lambda v: min(abs(v.idx - quote[0]), abs(v.idx - quote[1])))
            speaker = self.verb_speaker(verb, quote)
            if speaker is None and short:
                return None  # "so-called “…”": a term in quotation marks, not a quotation
            return speaker, f"rule:quote-verb:{norm(verb.lemma_)}"
        return None, "rule:quote-unattributed"

    def _incise(self, quote: Span) -> Token | None:
        """"« Moi, dit-il, j'ai … »": a speech verb inside the quote, followed by its inverted pronoun."""
        for token in quote[1:-1]:
            following = token.nbor(1) if token.i + 1 < len(self.doc) else None
            if (
                following is not None
                and following.text.startswith("-")
                and token.pos_ in ("VERB", "AUX")
                and self.view.lemmas[token.i] in self.data.verbs
            ):
                return token
        return None

    def _governors(self, quote: Span) -> set[int]:
        """Token indices a speech verb may sit at to govern a short quote (it is "tight" when it sits
        there or at most 3 tokens before the quote). The walk does not depend on the verb, so it is
        done once per quote, not once per verb of a (possibly huge) sentence."""
        # Walk up from the quote: infinitives and nouns may stand between ("accusé d'avoir négocié l'accord
        # « dans l'opacité »"), a finite verb may not unless it is the verb's reported clause.
        heads: set[int] = set()
        node = quote.root
        for _ in range(8):
            heads.add(node.head.i)
            inside = quote.start <= node.i < quote.end
            if node.head.i == node.i or (node.pos_ in ("VERB", "AUX") and "Fin" in node.morph.get("VerbForm", None) and not inside):
                break
            node = node.head
        return heads

    def _agent_after(self, quote: Span) -> Token | None:
        """"« innovant » par Poutine": an agent word right after a short quote, then a name."""
        doc, end = self.doc, quote.end
        limit = self.view.sent_end[quote.start]
        while end < limit and (doc[end].is_space or (doc[end].is_punct and doc[end].text != ",")):
            end += 1
        if end < limit and norm(doc[end].text) in self.data.agents:
            return self.name_near(end + 1, min(end + 4, limit), last=False)
        return None

    def _colon_speaker(self, quote: Span) -> _Speaker | None:
        """"X : « … »": a name right before a colon that opens the quote."""
        first = self.view.sent_start[quote.start]
        k = quote.start - 1
        while k >= first and self.doc[k].is_space:
            k -= 1
        if k > first and self.doc[k].text == ":":
            name = self.name_near(max(first, k - 4), k, last=True)
            if name is not None:
                return self.speaker_of(name, "colon")
        return None

    # -- the two kinds ------------------------------------------------------------------------
    def direct(self) -> list[Quotation]:
        text = self.article.text
        self.quoted = quote_spans(text, self.data.pairs)
        self._starts = [start for start, _ in self.quoted]
        self._verbs.clear()  # speech verbs depend on which tokens are quoted
        found: list[Quotation] = []
        for start, end in self.quoted:
            inner_start, inner_end = start + 1, end - 1
            while inner_start < inner_end and text[inner_start].isspace():
                inner_start += 1
            while inner_end > inner_start and (text[inner_end - 1].isspace() or text[inner_end - 1] in ",;:"):
                inner_end -= 1
            inner = text[inner_start:inner_end]
            if not inner.strip(" .,;:!?"):
                continue
            result = self.attribute((start, end), len(inner.split()))
            if result is None:
                continue
            speaker, method = result
            if speaker is not None:
                method += f"/{speaker.method}"
            found.append(self._quotation(inner, inner_start, inner_end, speaker, "direct", method))
        return found

    def reported(self) -> list[Quotation]:
        found: list[Quotation] = []
        for sent in self.doc.sents:
            according = self._according_clause(sent)
            if according is not None:
                found.append(according)
                continue
            for verb in self.speech_verbs(sent):
                clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
                if clause is None:
                    continue
                tokens = [t for t in clause.subtree if not t.is_space]
                if any(self.inside_quote(t) for t in tokens) or len(tokens) < 3:
                    continue
                if tokens[0].dep_ == "mark":
                    tokens = tokens[1:]
                while tokens and tokens[-1].is_punct:
                    tokens = tokens[:-1]
                if not tokens:
                    continue
                speaker = self.verb_speaker(verb, None)
                method = f"rule:reported-verb:{norm(verb.lemma_)}" + (f"/{speaker.method}" if speaker else "")
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
                found.append(self._quotation(self.view.text[start:end], start, end, speaker, "reported", method))
        return found

    def _according_clause(self, sent: Span) -> Quotation | None:
        """"Selon X, …" / "…, according to X.": the rest of the sentence, reported by X."""
        if self._any_quoted(self.view.offsets[sent.start : sent.end]):
            return None
        found = self.according_in(sent)
        if found is None:
            return None
        end_tok, speaker = found
        tokens = [t for t in sent if not t.is_space]
        commas = [t.i for t in tokens if t.text == ","]
        leading = [c for c in commas if end_tok <= c < sent.root.i]
        if tokens and tokens[0].i + 3 >= end_tok - 1 and leading:
            # "Selon le gouverneur, Oleh Kiper, au moins quatre personnes ont été tuées.": the reported clause
            # starts after the last comma before the main verb.
            body = [t for t in tokens if t.i > leading[-1] and not (t.i == tokens[-1].i and t.is_punct)]
        else:
            before = [c for c in commas if c < end_tok]
            if not before:
                return None
            body = [t for t in tokens if t.i < before[-1]]
        if len(body) < 3:
            return None
        start, end = body[0].idx, body[-1].idx + len(body[-1].text)
        method = f"rule:reported-according/{speaker.method}"
        return self._quotation(self.view.text[start:end], start, end, speaker, "reported", method)

    def _quotation(self, text: str, start: int, end: int, speaker: _Speaker | None, kind: str, method: str) -> Quotation:
        return Quotation(
            text=text,
            speaker=speaker.name if speaker else None,
            speaker_code=speaker.code if speaker else None,
            start=start,
            end=end,
            sentence=self.article.sentence_of(start),
            kind=kind,
            speaker_actor=speaker.actor if speaker else None,
            method=method,
        )


def find_quotations(article: Article) -> list[Quotation]:
    """Direct and reported quotations of `article`, in text order."""
    finder = _Finder(article, quote_data(article.language or ""))
    quotes = finder.direct() + finder.reported()
    quotes.sort(key=lambda q: q.start)
    return quotes
