"""Who is on each side of an event: every actor mentioned in the event's sentence, plus the sides the rules chose
(which may come from an earlier sentence) and "no actor", scored as source and as target by the judge's `sides`
model; the best pair whose two sides are not the same country (or organisation) replaces the rules' pair.

A candidate's features say how the parse links it to the trigger: the dependency roles on the path between them
(labels named through the language's `event_deps` table, so no parser label is written here), the marker that
introduces it (its preposition or case word), which side of the trigger it stands on and how far, its kind and
sector, and whether the rules chose it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..article import STATE_SECTORS, ActorRef, Article, Event
from ..cameo.lexicon import load_lexicon
from .features import bins

ROLES = ("source", "target")
MAX_PATH = 4  # dependency steps read between a candidate and the trigger; beyond, the path is "far"
CONTEXT_TOP = 3  # the article's most mentioned coded actors offered as sides a sentence leaves implicit


@dataclass(frozen=True)
class Option:
    """One candidate for one side: an actor mention (None: no actor) with its features."""

    role: str
    ref: ActorRef | None
    features: dict[str, float]
    implicit: bool = False  # a side the sentence leaves implicit (`context_refs`)


def token_at(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the characters start..end."""
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) <= 2 * MAX_PATH:
        chain.append(chain[-1].head)
    return chain


def path(candidate: Token, trigger: Token, roles: dict[str, str]) -> str:
    """Roles from the candidate up to the lowest common ancestor, then down to the trigger ("subj", "obl>nmod",
    "^subj" when the trigger is below the ancestor...)."""
    up, down = _ancestors(candidate), _ancestors(trigger)
    down_index = {t.i: n for n, t in enumerate(down)}
    for n, token in enumerate(up):
        if token.i in down_index:
            steps_up = [roles.get(t.dep_, "other") for t in up[:n]]
            steps_down = [roles.get(t.dep_, "other") for t in down[: down_index[token.i]]]
            if len(steps_up) + len(steps_down) > MAX_PATH:
                return "far"
            return ">".join(steps_up) + ("^" + ">".join(reversed(steps_down)) if steps_down else "")
    return "none"


def marker(candidate: Token, roles: dict[str, str]) -> str:
    """The word that introduces the candidate: its case child ("avec"), or the preposition it is the object of."""
    for child in candidate.children:
        if roles.get(child.dep_) == "case":
            return child.lemma_.lower()
    if roles.get(candidate.dep_) == "pobj":
        return candidate.head.lemma_.lower()
    return "-"


def _same(a: ActorRef | None, b: ActorRef | None) -> bool:
    return a is not None and b is not None and a.actor == b.actor and a.start == b.start


def refs_in_sentence(article: Article, event: Event) -> Iterator[ActorRef]:
    """Every actor mention of the event's sentence, then the rules' sides that are not among them."""
    seen = []
    for index, actor in enumerate(article.actors):
        for mention in actor.mentions:
            if mention.sentence == event.sentence:
                ref = actor.ref()
                ref.actor, ref.text, ref.start, ref.end = index, mention.text, mention.start, mention.end
                seen.append(ref)
                yield ref
    for side in (event.source, event.target):
        if side is not None and not any(_same(side, other) for other in seen):
            yield side


def context_refs(article: Article, event: Event, present: set[int | None]) -> Iterator[tuple[str, ActorRef]]:
    """Coded actors the sentence does not name that the article makes likely sides (news names the parties once
    and then leaves them implicit: "l'attaque", "the talks"): those of the previous sentence, then the article's
    `CONTEXT_TOP` most mentioned. Each comes with how it was found and its mention nearest before the event
    (else its first), so the evidence stays traceable."""
    most = sorted((i for i, actor in enumerate(article.actors) if actor.code), key=lambda i: (-len(article.actors[i].mentions), i))
    ranks = {index: rank for rank, index in enumerate(most[:CONTEXT_TOP], 1)}
    for index, actor in enumerate(article.actors):
        if index in present or not actor.code or not actor.mentions:
            continue
        before = [m for m in actor.mentions if m.start < event.start]
        how = "previous" if any(m.sentence == event.sentence - 1 for m in before) else f"top{ranks[index]}" if index in ranks else None
        if how is None:
            continue
        mention = before[-1] if before else actor.mentions[0]
        ref = actor.ref()
        ref.actor, ref.text, ref.start, ref.end = index, mention.text, mention.start, mention.end
        yield how, ref


def options(article: Article, event: Event, doc: Doc) -> list[Option]:
    """The candidates for both sides of `event`, each with its features."""
    roles = load_lexicon(article.language or "").roles
    trigger = token_at(doc, event.start, event.end)
    found = []
    refs = list(refs_in_sentence(article, event))
    context = list(context_refs(article, event, {ref.actor for ref in refs}))
    described = [_mention_names(ref, event, article, doc, trigger, roles) for ref in refs]  # the same for both sides
    for role, chosen, other in (("source", event.source, event.target), ("target", event.target, event.source)):
        none = {f"{role}:none": 1.0, f"{role}:none|{event.plover}": 1.0, f"{role}:none|rules_none:{chosen is None}": 1.0}
        found.append(Option(role, None, none))
        for ref, (actor_names, parse_names) in zip(refs, described):
            found.append(Option(role, ref, _candidate_features(role, ref, chosen, other, actor_names, parse_names)))
        for how, ref in context:
            found.append(Option(role, ref, _context_features(role, how, ref, event, article), implicit=True))
    return found


def _mention_names(ref: ActorRef, event: Event, article: Article, doc: Doc, trigger: Token | None,
                  roles: dict[str, str]) -> tuple[list[str], list[str]]:
    """The feature names of a candidate mention that do not depend on the side it is offered for: what the actor
    is, then what it is called and how the parse links it to the trigger."""
    actor = article.actors[ref.actor] if ref.actor is not None and ref.actor < len(article.actors) else None
    actor_names = [
        f"sector:{ref.sector or '-'}",
        f"sector_type:{ref.sector or '-'}|{event.plover}",
        f"country:{'yes' if ref.country else 'no'}",
        f"before:{ref.start < event.start}",
        f"before_type:{ref.start < event.start}|{event.plover}",
    ]
    if actor is not None:
        actor_names += [f"kind:{actor.kind}", f"how:{actor.method.split(':')[0]}"]
    parse_names = []
    said = (ref.text or "").lower()
    if said and len(said.split()) <= 2:
        parse_names.append(f"said:{said}")
    head = token_at(doc, ref.start, ref.end) if ref.start >= 0 else None
    if head is not None and trigger is not None:
        route = path(head, trigger, roles)
        introduced = marker(head, roles)
        parse_names += [f"path:{route}", f"path_type:{route}|{event.plover}", f"marker:{introduced}", f"marker_type:{introduced}|{event.plover}",
                        f"distance:{bins(abs(head.i - trigger.i), (2, 4, 8, 15))}"]
    else:
        parse_names.append("outside_sentence")
    return actor_names, parse_names


def _candidate_features(role: str, ref: ActorRef, chosen: ActorRef | None, other: ActorRef | None,
                        actor_names: list[str], parse_names: list[str]) -> dict[str, float]:
    """The features of a mention offered for `role` (`_mention_names` and whether the rules chose it)."""
    names = list(actor_names)
    if _same(ref, chosen):
        names.append("rules_chose")
    elif chosen is not None and ref.actor == chosen.actor:
        names.append("rules_chose_actor")
    if _same(ref, other) or (other is not None and ref.actor == other.actor):
        names.append("rules_other_side")
    return {f"{role}:{name}": 1.0 for name in names + parse_names}


def _context_features(role: str, how: str, ref: ActorRef, event: Event, article: Article) -> dict[str, float]:
    """The features of a side the sentence does not name (`context_refs`)."""
    actor = article.actors[ref.actor] if ref.actor is not None else None
    names = [f"context:{how}", f"context_type:{how}|{event.plover}", f"context_sector:{ref.sector or '-'}|{event.plover}",
             f"context_kind:{actor.kind if actor else '-'}", f"context_mentions:{bins(len(actor.mentions) if actor else 0, (1, 2, 4, 8))}"]
    return {f"{role}:{name}": 1.0 for name in names}


def choose(options: list[Option], probability: Callable[[dict[str, float]], float], rules: tuple[ActorRef | None, ActorRef | None],
           margin: float = 0.0, *, keep_filled: bool = False) -> tuple[ActorRef | None, ActorRef | None]:
    """The best (source, target) pair by the product of the two sides' probabilities: never one actor on both
    sides (`ActorRef.same_actor`: a government against its own opposition stays), never no actor on both, never a side the
    sentence leaves implicit that is one state with the other side (`_one_state`); with `keep_filled`,
    only pairs that keep every side the rules filled (the judge completes, it does not contradict). The rules'
    pair stays unless the best beats it by more than `margin`."""
    scored = {role: [(probability(o.features), o) for o in options if o.role == role] for role in ROLES}
    best: tuple[float, ActorRef | None, ActorRef | None] | None = None
    kept = 0.0
    for p_source, source in scored["source"]:
        for p_target, target in scored["target"]:
            if source.ref is None and target.ref is None:
                continue
            if source.ref is not None and target.ref is not None and (
                source.ref.actor == target.ref.actor or source.ref.same_actor(target.ref)
                or ((source.implicit or target.implicit) and _one_state(source.ref, target.ref))
            ):
                continue
            if keep_filled and not all(rule is None or _chosen(option.ref, rule) for option, rule in ((source, rules[0]), (target, rules[1]))):
                continue
            if _chosen(source.ref, rules[0]) and _chosen(target.ref, rules[1]):
                kept = p_source * p_target
            if best is None or p_source * p_target > best[0]:
                best = (p_source * p_target, source.ref, target.ref)
    if best is None or best[0] <= kept + margin:
        return rules
    return best[1], best[2]


def _one_state(a: ActorRef, b: ActorRef) -> bool:
    """Whether two actors are one state: the same country, and one is the country itself or both are its
    executive or forces (RUS and RUSGOV; RUSMIL and RUSGOV). Its rebels, opposition or people stay distinct."""
    country = a.country or (a.code or "")[:3]
    if not country or country != (b.country or (b.code or "")[:3]):
        return False
    return not a.sector or not b.sector or (a.sector in STATE_SECTORS and b.sector in STATE_SECTORS)


def _chosen(candidate: ActorRef | None, rule: ActorRef | None) -> bool:
    return candidate is rule or _same(candidate, rule)
