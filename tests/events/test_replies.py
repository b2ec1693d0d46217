"""A rejection with no target answers the accusation or demand just before it."""

from __future__ import annotations

from annales import process_text


def _dyads(text: str, language: str = "fr") -> set[tuple[str | None, str | None, str | None]]:
    article = process_text(text, language=language, published="2022-09-28")
    return {(e.source and e.source.code, e.plover, e.target and e.target.code) for e in article.events}


def test_replies_a_denial_answers_the_accuser() -> None:
    found = _dyads("L'UE a accusé la Russie d'utiliser le gaz comme une arme. Cependant, Moscou nie cette affirmation.")
    assert ("RUSGOV", "REJECT", "IGOEEC") in found


def test_replies_need_an_act_aimed_at_the_rejecting_side() -> None:
    found = _dyads("L'UE a accusé l'Iran de livrer des drones. Cependant, Moscou nie cette affirmation.")
    assert ("RUSGOV", "REJECT", None) in found  # the accusation targeted Iran: Moscow answers no one here
    far = _dyads(
        "L'UE a accusé la Russie d'utiliser le gaz comme une arme. Le gaz est cher. L'hiver approche. "
        "Les stocks baissent. Les prix montent. Moscou nie cette affirmation."
    )
    assert ("RUSGOV", "REJECT", None) in far  # more than three sentences back: too far to answer
