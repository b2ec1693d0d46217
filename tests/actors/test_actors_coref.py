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


def test_coref_bare_title_refers_to_the_holder_of_its_office(actors_of: Run, actor_with: Find) -> None:
    # Ashcroft is the last person of a government named, but "the prime minister" is Blair's office
    article = actors_of("Tony Blair met John Ashcroft in London. The prime minister said the talks went well.", language="en", published="2004-06-01")
    blair = actor_with(article, "Tony Blair")
    assert any(m.text == "prime minister" and m.method.startswith("coref:office:head_of_government") for m in blair.mentions)
    assert all(m.text != "prime minister" for m in actor_with(article, "Ashcroft").mentions)


def test_coref_bare_title_follows_the_title_the_text_gave(actors_of: Run, actor_with: Find) -> None:
    # out of office on the date, Trump holds the presidency the text names; the French minister named since holds none
    article = actors_of("Le président Donald Trump a parlé. Le ministre français Gérald Darmanin a répondu. Le président a reproché à la "
                        "Chine sa politique.", published="2023-01-20")
    assert any(m.text == "président" and m.start > article.text.index("répondu") for m in actor_with(article, "Donald Trump").mentions)


def test_coref_text_title_of_another_country_is_a_namesake(actors_of: Run, actor_with: Find) -> None:
    # the table's Donald Trump is American; the text describes a French businessman of that name
    article = actors_of("The French businessman Donald Trump opened a shop in Lyon.", language="en", published="2025-06-01")
    assert actor_with(article, "Donald Trump").country == "FRA"


def test_coref_an_opposition_partys_leader_is_not_the_government(actors_of: Run, actor_with: Find) -> None:
    # in 2005 the Tories are in opposition: their leader is Howard, not Hain, the last government member named
    article = actors_of("Michael Howard spoke on Monday. Peter Hain said the Tory leader was acting like a mongrel.", language="en",
                        published="2005-02-01")
    assert any(m.text == "Tory leader" for m in actor_with(article, "Michael Howard").mentions)


def test_a_bare_sector_noun_returns_to_the_storys_country_past_a_passing_foreign_mention(actors_of: Run, actor_with: Find) -> None:
    text = ("Le président mozambicain Filipe Nyusi a parlé. Le gouvernement mozambicain a répondu. Le gouvernement rwandais a "
            "envoyé des troupes. Les soldats sont arrivés. La situation est calme. Amnesty International a accusé le gouvernement.")
    article = actors_of(text)
    last = text.rindex("gouvernement")
    assert any(m.start == last for m in actor_with(article, "gouvernement mozambicain").mentions)
    # in the next sentence, the foreign government just named still holds the noun
    near = actors_of("Le gouvernement mozambicain a répondu. Le ministre mozambicain a parlé. Le gouvernement rwandais a envoyé des "
                     "troupes. Le gouvernement a ensuite démenti.")
    assert any(m.text == "gouvernement" for m in actor_with(near, "gouvernement rwandais").mentions)
