"""Events from CAMEO codes: the ontology's values for a code (Goldstein, QuadClass, PLOVER) and the code a
modality turns an action into (an intended act is its intent, a refused cooperative act a rejection). Shared by
the events stage, which codes the lexicon's readings, and the judge, which codes the events it proposes."""

from __future__ import annotations

from spacy.tokens import Token

from ..article import ActorRef, Event
from .lexicon import intent_code, ontology, refusal_code
from .modality import REFUSED

# Method suffix of an event coded with neither side (the language's actorless roots): the judge completes or drops it.
ACTORLESS_METHOD = "+actorless"
# Method suffix of an intended action coded as the intent to do it (CAMEO 03x) or as a threat (13x).
INTENT_METHOD = "+intent"


def modal_code(code: str, modality: str) -> tuple[str, str, str]:
    """(CAMEO code, modality, method suffix) of the action `code` in `modality`: an intended
    action is coded as the intent to do it (CAMEO 03x) or as a threat (13x), its modality
    staying "intended"; a refused cooperative action as the rejection (12x) it states, which is
    asserted. Other refusals are negated."""
    if modality == "intended" and (intent := intent_code(code)) is not None:
        return intent, modality, INTENT_METHOD
    if modality == REFUSED:
        rejection = refusal_code(code)
        return (rejection, "asserted", "+refusal") if rejection is not None else (code, "negated", "")
    return code, modality, ""


def event_for(cameo: str, trigger: Token, sentence: int, source: ActorRef | None, target: ActorRef | None,
              *, modality: str, cue: str | None, confidence: float, method: str) -> Event:
    """An Event with the ontology's values for `cameo` (Goldstein, QuadClass, PLOVER), triggered by `trigger`."""
    code = ontology()[cameo]
    return Event(
        source=source,
        target=target,
        cameo=code.code,
        cameo_root=code.code[:2],
        plover=code.plover,
        plover_mode=code.plover_mode,
        goldstein=code.goldstein,
        quad_class=code.quad_class,
        sentence=sentence,
        trigger=trigger.text,
        start=trigger.idx,
        end=trigger.idx + len(trigger.text),
        modality=modality,
        negated=modality == "negated",
        cue=cue,
        confidence=confidence,
        method=method,
    )
