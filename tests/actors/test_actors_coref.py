from collections.abc import Callable

from annales import Actor, Article

Run = Callable[..., Article]
Find = Callable[[Article, str], Actor]


def test_coref_surname_joins_full_name(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Le ministre malien Abdoulaye Koné est arrivé. Koné a ensuite parlé.")
    actor = actor_with(article, "Abdoulaye Koné")
    assert len(actor.mentions) >= 2 and actor.country == "MLI"


def test_coref_office_holder_by_date(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Vladimir Poutine a reçu Donald Trump. Poutine a souri.", published="2025-01-17")
    putin = actor_with(article, "Vladimir Poutine")
    assert putin.code == "RUSGOV" and sum("Poutine" in m.text for m in putin.mentions) == 2
    trump = actor_with(article, "Trump")
    assert (trump.country, trump.sector) == ("USA", None)  # president-elect on that date


def test_coref_title_refers_to_named_leader(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Le président iranien, Massoud Pezeshkian, est à Moscou. Le dirigeant iranien a signé un traité.")
    actor = actor_with(article, "Pezeshkian")
    assert any(m.text == "dirigeant iranien" for m in actor.mentions)


def test_coref_plural_title_does_not_join_a_person(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Le président iranien, Massoud Pezeshkian, est arrivé. Les dirigeants iraniens ont applaudi.")
    person = actor_with(article, "Pezeshkian")
    assert not any("dirigeants" in m.text for m in person.mentions)
