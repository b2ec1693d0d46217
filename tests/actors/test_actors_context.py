"""Actor resolution over the document (issue #12): the article's country for bare nouns and titles, parties
and affiliations, pronouns and definite descriptions followed back."""

from __future__ import annotations

from collections.abc import Callable

from annales import Actor, Article, process_text

Find = Callable[[Article, str], Actor]


def _actors(text: str, *, language: str, title: str | None = None, published: str | None = "2012-11-06") -> Article:
    return process_text(text, title=title, language=language, published=published, stages=("nlp", "actors"))


def test_context_title_country_codes_bare_collective_nouns(actor_with: Find) -> None:
    text = "Les députés de l'opposition ont quitté l'hémicycle. La majorité a voté le budget."
    article = _actors(text, language="fr", title="France : incident à l'Assemblée nationale")
    assert actor_with(article, "députés").code == "FRALEG"
    assert actor_with(article, "opposition").country == "FRA"
    untitled = _actors(text, language="fr")
    # nothing says whose: uncoded, never guessed
    assert not [a for a in untitled.actors if a.country and any("députés" in m.text for m in a.mentions)]


def test_context_article_country_wins_over_another_country_of_the_sentence(actor_with: Find) -> None:
    text = (
        "Le Burkina Faso fait face à des attaques. L'armée burkinabè a lancé une opération au Burkina Faso. "
        "Des manifestants ont défilé à Ouagadougou contre la présence de la France."
    )
    assert actor_with(_actors(text, language="fr"), "manifestants").country == "BFA"


def test_context_story_between_two_countries_gives_no_article_country(actor_with: Find) -> None:
    text = (
        "Le président français Emmanuel Macron a reçu son homologue kényan William Ruto. Le Kenya et la France ont signé un accord. "
        "Plusieurs députés de l'opposition ont critiqué l'accord."
    )
    article = _actors(text, language="fr", published="2025-03-18")
    assert not [a for a in article.actors if a.country and any("députés" in m.text for m in a.mentions)]


def test_context_party_in_brackets_or_after_of_is_the_persons(actor_with: Find) -> None:
    # the UMP governed France in 2008; the DUP was no party of the UK government in 2022 (governing_parties.tsv)
    article = _actors("François Brottes (UMP) a demandé une suspension de séance.", language="fr", published="2008-06-01")
    assert actor_with(article, "Brottes").code == "FRAPTY"
    article = _actors("Phillip Brett of the Democratic Unionist Party said talks were pointless.", language="en", published="2022-10-30")
    assert actor_with(article, "Brett").code == "GBROPP"


def test_context_singular_pronoun_takes_the_one_person_of_the_previous_sentence(actor_with: Find) -> None:
    text = (
        "« La Russie veut déstabiliser l'Europe », a tweeté Mykhaylo Podolyak, conseiller présidentiel ukrainien. "
        "Il a également demandé des chars à l'Allemagne."
    )
    article = _actors(text, language="fr", published="2022-09-28")
    assert actor_with(article, "Podolyak").code == "UKRGOV"
    assert any(m.text == "Il" for m in actor_with(article, "Podolyak").mentions)
    two_people = _actors("Macron a reçu Merkel à Paris. Il a salué l'accord.", language="fr", published="2019-05-01")
    assert not any(m.text == "Il" for a in two_people.actors for m in a.mentions)


def test_context_the_party_is_the_party_named_before(actor_with: Find) -> None:
    text = "Sinn Féin won the most seats. Political opponents have accused the party of trying to shut down debate."
    article = _actors(text, language="en", published="2022-11-20")
    party = actor_with(article, "Sinn Féin")
    assert any(m.text == "the party" for m in party.mentions)


def test_context_first_person_in_a_quotation_is_its_speaker(actor_with: Find) -> None:
    article = _actors('"We will not re-enter the executive," said Sammy Wilson of the DUP.', language="en", published="2022-11-01")
    assert any(m.text == "We" for m in actor_with(article, "Sammy Wilson").mentions)
    two = _actors('"We will not go back," said Sammy Wilson, as Chris Heaton-Harris said he would wait.', language="en", published="2022-11-01")
    assert not any(m.text == "We" for a in two.actors for m in a.mentions)  # two speakers: no guess


def test_context_rights_groups_unions_and_activists_are_actors_of_the_story(actor_with: Find) -> None:
    article = _actors("Rights groups accused the Chadian army of killing protesters in Chad.", language="en", published="2022-11-01")
    assert actor_with(article, "Rights groups").code == "TCDHRI"
    article = _actors("Des militants ont manifesté à Dakar contre le gouvernement sénégalais.", language="fr", published="2022-11-01")
    assert actor_with(article, "militants").code == "SENOPP"


def test_context_word_order_and_function_words_are_data() -> None:
    from annales.actors.context import load_words

    french, english = load_words("fr"), load_words("en")
    assert not french.modifiers_before and english.modifiers_before  # grammar.tsv: "missiles russes", "Russian troops"
    assert "à" in french.place_prepositions and "at" in english.place_prepositions
    assert "par" in french.agent_prepositions and "'s" in english.possessive_endings and not french.possessive_endings
