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


def test_context_party_owning_a_description_is_the_persons(actor_with: Find) -> None:
    # a hyphenated role the tokenizer splits ("co-ordinator") does not cut the party off the name;
    # a party owning the apposition ("Labour's ...") speaks for the person even with no title we list
    for text in ("Labour election co-ordinator Alan Pemberton attacked the speech.", "Alan Pemberton, Labour's election co-ordinator, attacked the speech."):
        assert actor_with(_actors(text, language="en", published="2005-02-01"), "Pemberton").code == "GBRPTY"
    # a country owning the description is no affiliation
    article = _actors("Mr Smith, Russia's friend, attacked the speech.", language="en", published="2005-02-01")
    assert actor_with(article, "Smith").code is None


def test_context_police_and_union_titles_take_the_article_country(actor_with: Find) -> None:
    text = (
        "Norfolk police chief Andy Hayman warned that work was needed. "
        "Union boss Sharon Graham called a strike."
    )
    article = _actors(text, language="en", title="Britain: the new licensing law", published="2005-02-01")
    assert actor_with(article, "Hayman").code == "GBRCOP"
    assert actor_with(article, "Graham").code == "GBRLAB"


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


def test_context_codes_bare_nouns_of_every_domestic_sector(actor_with: Find) -> None:
    text = "Chancellor Gordon Brown set out the budget in London. Nurses and teachers marched on Saturday."
    article = _actors(text, language="en", published="2005-03-16")
    assert actor_with(article, "teachers").code == "GBREDU"


def test_context_kind_written_before_an_unknown_organisation_codes_it(actor_with: Find) -> None:
    text = "Chancellor Gordon Brown set out the budget in London. The consultancy firm Hallam & Pike urged him to cut taxes."
    article = _actors(text, language="en", published="2005-03-16")
    organisation = actor_with(article, "Hallam & Pike")
    assert organisation.code == "GBRBUS"
    # the kind is part of the organisation's description, no actor of its own
    assert not [a for a in article.actors if any(m.text == "firm" for m in a.mentions)]


def test_context_unknown_organisation_and_its_spokesperson_take_the_story_country(actor_with: Find) -> None:
    text = (
        "Chancellor Gordon Brown set out the budget in London. Ann Keld, of the Northern Tenants Forum, said the plans "
        "ignored renters. Labour defended the budget in Parliament."
    )
    article = _actors(text, language="en", published="2005-03-16")
    assert actor_with(article, "Northern Tenants Forum").country == "GBR"
    person = actor_with(article, "Ann Keld")
    assert person.country == "GBR"
    assert any("of:Northern Tenants Forum" in m.method for m in person.mentions)
    # in an article with no country of its own, the organisation stays uncoded: never guessed
    alone = _actors("Ann Keld, of the Northern Tenants Forum, said the plans ignored renters.", language="en")
    assert actor_with(alone, "Northern Tenants Forum").country is None


def test_context_surname_tagged_as_organisation_is_the_person_named_before(actor_with: Find) -> None:
    text = "Home Secretary Charles Clarke spoke in London on Monday. Mr Clarke said he would publish the bill."
    article = _actors(text, language="en", published="2005-02-01")
    person = actor_with(article, "Charles Clarke")
    assert person.code == "GBRGOV"
    assert not [a for a in article.actors if a is not person and any(m.text == "Clarke" for m in a.mentions)]


def test_context_surname_that_is_also_a_town_stays_the_person_named_before(actor_with: Find) -> None:
    # "Howard" and "Prescott" are towns in the gazetteer; after the full name they are the person
    text = "Tory leader Michael Howard spoke in Leeds. Mr Howard said the plan had failed."
    article = _actors(text, language="en", published="2005-02-01")
    person = actor_with(article, "Michael Howard")
    assert person.code == "GBROPP"
    assert any(m.text == "Howard" for m in person.mentions)


def test_force_with_a_nationality_is_that_country_s_military_but_alone_no_actor(actor_with: Find) -> None:
    article = _actors("Une force tchadienne de 800 hommes a quitté le Niger.", language="fr", published="2021-03-01")
    assert actor_with(article, "force").code == "TCDMIL"
    alone = _actors("Le Niger a dénoncé le recours à la force lors des élections au Niger.", language="fr", published="2021-03-01")
    assert not [a for a in alone.actors if any(m.text == "force" for m in a.mentions)]


def test_people_placed_in_a_country_belong_to_it_in_french_as_in_english(actor_with: Find) -> None:
    article = _actors("Un convoi a été bloqué par des manifestants au Niger.", language="fr", published="2021-11-27")
    assert actor_with(article, "manifestants").code == "NEROPP"
    article = _actors("A convoy was blocked by protesters in Niger.", language="en", published="2021-11-27")
    assert actor_with(article, "protesters").code == "NEROPP"


def test_context_honorific_inside_a_person_entity_is_not_part_of_the_name(actor_with: Find) -> None:
    # NER often takes « Mme » or a rank into the name; the office-holder table knows the name without it
    article = _actors("Mme Samia Suluhu Hassan a critiqué l'opposition.", language="fr", published="2022-06-01")
    assert actor_with(article, "Samia").code == "TZAGOV"
    article = _actors("Le colonel Mamady Doumbouya a reçu les partis.", language="fr", published="2022-06-01")
    assert actor_with(article, "Doumbouya").code == "GINGOV"
