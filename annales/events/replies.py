"""Replies across sentences: a rejection or denial with no target answers whoever accused, criticised or
asked its author just before ("The opposition accused the government of lying. The government rejected
the accusation.": the government rejects the opposition's charge)."""

from __future__ import annotations

from dataclasses import replace

from ..article import Event

# PLOVER types of a rejection or denial (CAMEO 12x, and 016 "deny responsibility"), and of what it may
# answer: a demand or appeal, a criticism, accusation or investigation.
REPLY_TYPES = frozenset({"REJECT"})
ANSWERED_TYPES = frozenset({"REQUEST", "ACCUSE"})
# How many sentences back the answered act may stand.
REPLY_WINDOW = 3


def link_replies(events: list[Event]) -> list[Event]:
    """`events` (in text order) with each one-sided rejection given the author of the latest act it may
    answer: one aimed at the rejecting side's country, by another country or another sector, within
    REPLY_WINDOW sentences and before it."""
    linked: list[Event] = []
    for event in events:
        if event.plover in REPLY_TYPES and event.target is None and event.source is not None and event.source.country:
            answered = [
                e for e in linked
                if e.plover in ANSWERED_TYPES and e.source is not None and e.target is not None
                and e.target.country == event.source.country and e.source.code != event.source.code
                and 0 <= event.sentence - e.sentence <= REPLY_WINDOW and e.start < event.start
            ]
            if answered:
                event = replace(event, target=answered[-1].source, method=f"{event.method}+reply")
        linked.append(event)
    return linked
