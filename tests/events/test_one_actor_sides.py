"""An event's two sides must be two actors, which a shared code decides for the state but not for parties or groups
(annales/article.py, ActorRef.same_actor)."""

from __future__ import annotations

from collections.abc import Callable

from annales.article import ActorRef, Article


def _ref(name: str, code: str | None, actor: int | None) -> ActorRef:
    return ActorRef(name=name, code=code, country=code[:3] if code else None, sector=code[3:] if code else None, actor=actor)


def test_one_actor_is_the_same_code_and_the_same_actor_or_name() -> None:
    assert _ref("Labour", "GBRPTY", 0).same_actor(_ref("Labour", "GBRPTY", 0))
    assert _ref("Labour", "GBRPTY", 0).same_actor(_ref("labour", "GBRPTY", 3))
    assert _ref("the government", "GBRGOV", None).same_actor(_ref("ministers", "GBRGOV", 2))
    # a state's government, army or spies under two names are still one actor
    assert _ref("Pyongyang", "PRKGOV", 0).same_actor(_ref("Kim Jong Un", "PRKGOV", 1))
    assert _ref("Russia", "RUS", 0).same_actor(_ref("Moscow", "RUS", 1))
    assert not _ref("Labour", "GBRPTY", 0).same_actor(_ref("Conservatives", "GBRPTY", 1))
    assert not _ref("Labour", "GBRPTY", 0).same_actor(_ref("Labour", "GBRGOV", 0))
    assert not _ref("someone", None, 0).same_actor(_ref("someone", None, 0))


def test_two_parties_of_one_country_make_a_dyad_and_one_party_does_not(run_text: Callable[..., Article]) -> None:
    # undated, so that neither party is coded as the government or the opposition of a given year
    two = run_text("The Conservatives criticised Labour's plans.", language="en", published=None)
    assert any(e.cameo == "111" and e.source and e.target and e.source.code == e.target.code == "GBRPTY" for e in two.events)
    one = run_text("Labour criticised Labour's plans.", language="en", published=None)
    assert not any(e.source and e.target for e in one.events)


def test_two_named_targets_of_one_code_are_two_events_and_an_apposition_is_one(run_text: Callable[..., Article]) -> None:
    # the annotation codes each named party: two people of one government are two targets
    both = run_text("Labour MPs have angrily criticised Tony Blair and Gordon Brown.", language="en", published="2005-01-10")
    criticisms = [e for e in both.events if e.cameo == "111" and e.target and e.target.code == "GBRGOV"]
    assert len(criticisms) == 2 and criticisms[0].target.actor != criticisms[1].target.actor
    # an apposition names its head's actor again: one refusal, not two
    one = run_text("Northern Ireland's largest unionist party, the DUP, refused to join the government.", language="en", published=None)
    refusals = [e for e in one.events if e.cameo_root == "12"]
    assert len(refusals) == 1
