"""Collective ("les deux pays", "both leaders") and pronominal ("ils", "he") anaphora."""

from collections.abc import Callable

from annales import Actor, Article
from annales.actors.anaphora import load_rules

Run = Callable[..., Article]
Find = Callable[[Article, str], Actor]


def _referents(article: Article, text: str) -> set[str | None]:
    """Codes (or names, for uncoded actors) of the actors with an anaphoric mention `text`."""
    return {
        a.code or a.name
        for a in article.actors
        for m in a.mentions
        if m.text == text and m.method.startswith("anaphora:")
    }


def test_anaphora_rules_are_per_language_data() -> None:
    fr, en = load_rules("fr"), load_rules("en")
    assert ("les", "deux", "pays") in fr.phrases and fr.pronouns["ils"].number == "plural"
    assert ("both", "countries") in en.phrases and en.pronouns["he"].refers == "person"
    assert not load_rules("xx").phrases  # no language-neutral fallback for words


def test_anaphora_les_deux_dirigeants_names_two_people(actors_of: Run) -> None:
    article = actors_of("Vladimir Poutine a reçu Massoud Pezeshkian au Kremlin. Les deux dirigeants ont signé un traité.")
    assert _referents(article, "Les deux dirigeants") == {"RUSGOV", "IRNGOV"}
    spans = article.actors_in(article.text.index("Les deux"), article.text.index("Les deux") + 5)
    assert len(spans) == 2 and all(m.method == "anaphora:pair:les deux dirigeants" for _, m in spans)


def test_anaphora_les_deux_pays_takes_the_coordination(actors_of: Run) -> None:
    article = actors_of("L'Ukraine et la Russie ont échangé des prisonniers, selon Ankara. Les deux pays se sont accusés de violations.")
    assert _referents(article, "Les deux pays") == {"UKR", "RUS"}


def test_anaphora_capitals_count_as_countries(actors_of: Run) -> None:
    article = actors_of("Moscou et Téhéran ont signé un accord. Les deux pays renforcent leur coopération.")
    assert _referents(article, "Les deux pays") == {"RUSGOV", "IRNGOV"}


def test_anaphora_pair_of_titles_without_names(actors_of: Run) -> None:
    article = actors_of("Le président français et le chancelier allemand se sont réunis. Les deux dirigeants ont appelé à un cessez-le-feu.")
    assert _referents(article, "Les deux dirigeants") == {"FRAGOV", "DEUGOV"}


def test_anaphora_pair_skipped_when_three_candidates(actors_of: Run) -> None:
    article = actors_of("Russia, China and Iran held drills. Both countries said the drills were defensive.", language="en")
    assert _referents(article, "Both countries") == set()


def test_anaphora_pair_in_english(actors_of: Run) -> None:
    article = actors_of("Donald Trump met Vladimir Putin in Helsinki. The two leaders discussed Ukraine.", language="en")
    referents = _referents(article, "The two leaders")
    assert len(referents) == 2 and "RUSGOV" in referents and "UKR" not in referents


def test_anaphora_plural_pronoun_takes_coordinated_subjects(actors_of: Run) -> None:
    article = actors_of("La Russie et l'Iran ont signé un accord. Ils promettent de coopérer.")
    assert _referents(article, "Ils") == {"RUS", "IRN"}
    article = actors_of("Russia and Iran signed a treaty on Friday. They agreed to expand military ties.", language="en")
    assert _referents(article, "They") == {"RUS", "IRN"}


def test_anaphora_plural_pronoun_takes_a_plural_noun_or_group(actors_of: Run) -> None:
    article = actors_of("Les soldats russes sont entrés dans la ville. Ils ont tiré sur des civils.")
    assert _referents(article, "Ils") == {"RUSMIL"}
    article = actors_of("The Taliban seized the city. They imposed a curfew.", language="en")
    assert _referents(article, "They") == {"AFGREB"}


def test_anaphora_plural_pronoun_not_for_one_singular_subject(actors_of: Run) -> None:
    article = actors_of("The United States and Israel struck Iran. Iran said they would pay.", language="en")
    assert _referents(article, "they") == set()


def test_anaphora_singular_pronoun_previous_subject(actors_of: Run) -> None:
    article = actors_of("Vladimir Poutine est arrivé à Téhéran. Il a rencontré le guide suprême.")
    assert _referents(article, "Il") == {"RUSGOV"}
    article = actors_of("Benjamin Netanyahu spoke to reporters. He said Hamas must be destroyed.", language="en")
    assert _referents(article, "He") == {"ISRGOV"}


def test_anaphora_singular_pronoun_in_reported_clause(actors_of: Run) -> None:
    article = actors_of("Putin said he would visit Beijing.", language="en")
    assert _referents(article, "he") == {"RUSGOV"}


def test_anaphora_singular_pronoun_skipped_when_two_people(actors_of: Run) -> None:
    article = actors_of("Emmanuel Macron a rencontré Angela Merkel. Elle a salué l'accord.")
    assert _referents(article, "Elle") == set()


def test_anaphora_impersonal_and_cataphoric_pronouns_skipped(actors_of: Run) -> None:
    article = actors_of("Il faut que la Russie négocie. Il y a des risques.")
    assert not any(m.method.startswith("anaphora:") for a in article.actors for m in a.mentions)
    article = actors_of("Quand il est arrivé à Moscou, Vladimir Poutine a salué la foule.")
    assert _referents(article, "il") == set()


def test_anaphora_pronoun_chain(actors_of: Run) -> None:
    article = actors_of("La Russie et l'Iran ont signé un accord. Ils promettent de coopérer. Ils veulent contourner les sanctions.")
    mentions = [m for a in article.actors if a.code == "RUS" for m in a.mentions if m.method == "anaphora:pronoun"]
    assert len(mentions) == 2


def test_anaphora_pronoun_inside_quotation_skipped(actors_of: Run) -> None:
    article = actors_of('Benjamin Netanyahu spoke to reporters. "He lied to us," an aide said.', language="en")
    assert _referents(article, "He") == set()
    article = actors_of("Vladimir Poutine est arrivé. « Il ment », a dit un diplomate.")
    assert _referents(article, "Il") == set()


def test_anaphora_media_are_no_party(actors_of: Run) -> None:
    article = actors_of("L'armée russe a bombardé la ville, selon l'AFP. Les deux parties démentent.")
    assert "FRAMED" not in _referents(article, "Les deux parties")
