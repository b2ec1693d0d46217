"""Definite anaphora ("l'ONG", "l'organisation"), the rebellion as a sector noun, and names
written with hyphens at the start of a sentence (found on the French Wikinews dev set)."""

from collections.abc import Callable

from annales import Actor, Article

Run = Callable[..., Article]
Find = Callable[[Article, str], Actor]


def _definite(article: Article, text: str) -> set[str | None]:
    return {a.code for a in article.actors for m in a.mentions if m.text == text and m.method.startswith("anaphora:definite")}


def test_definite_ngo_names_the_last_ngo(actors_of: Run) -> None:
    article = actors_of("Human Rights Watch a publié un rapport sur la Syrie. L'ONG dénonce la torture dans les prisons syriennes.")
    assert _definite(article, "L'ONG") == {"NGOHRW"}
    # The bare noun is no actor of its own any more.
    assert not any(a.code is None and any(m.text == "ONG" for m in a.mentions) for a in article.actors)


def test_definite_organisation_names_an_igo(actors_of: Run) -> None:
    article = actors_of("L'Unesco a inscrit la ville sur sa liste. L'organisation a condamné les destructions.")
    assert _definite(article, "L'organisation") == {"IGOUNOSCO"}


def test_definite_is_no_anaphor_before_a_name_or_with_an_adjective(actors_of: Run) -> None:
    article = actors_of("Amnesty International a publié un rapport. L'ONG Human Rights Watch a dénoncé la torture.")
    assert not _definite(article, "L'ONG")
    article = actors_of("L'Unesco a inscrit la ville sur sa liste. L'organisation islamique a détruit les mausolées.")
    assert not _definite(article, "L'organisation")


def test_definite_skips_two_organisations_as_close(actors_of: Run) -> None:
    article = actors_of("Amnesty International et Human Rights Watch ont publié un rapport. L'ONG dénonce la torture.")
    assert not _definite(article, "L'ONG")


def _subject_phrase(article: Article, text: str) -> set[str | None]:
    return {a.code for a in article.actors for m in a.mentions if m.text == text and m.method.startswith("anaphora:subject")}


def test_the_country_as_a_subject_names_the_state_that_was_the_subject_before(actors_of: Run) -> None:
    article = actors_of("Le Niger a rompu avec la France. Le pays a ensuite expulsé les diplomates français.")
    assert _subject_phrase(article, "Le pays") == {"NER"}
    article = actors_of("Mali expelled the French ambassador on Monday. The country accused French soldiers of lying.", language="en")
    assert _subject_phrase(article, "The country") == {"MLI"}


def test_the_country_is_no_anaphor_as_an_object_described_or_after_a_subject_of_another_kind(actors_of: Run) -> None:
    assert not _subject_phrase(actors_of("Le Niger a rompu avec la France. Les diplomates ont quitté le pays."), "le pays")
    assert not _subject_phrase(actors_of("Le Niger a rompu avec la France. Le pays voisin a condamné la décision."), "Le pays")
    assert not _subject_phrase(actors_of("Human Rights Watch a publié un rapport sur le Niger. Le pays a démenti."), "Le pays")


def test_rebellion_is_a_rebel_sector_noun(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Plusieurs chefs de la rébellion syrienne accusent le régime.")
    assert actor_with(article, "rébellion").code == "SYRREB"


def test_hyphenated_name_opening_a_sentence_stays_one_name(actors_of: Run) -> None:
    # fr_core_news_md used to cut a sentence inside "Royaume-Uni" here, losing the name.
    article = actors_of("Le Royaume-Uni avait menacé la veille d'envahir l'ambassade équatorienne pour capturer Julian Assange.")
    assert "GBR" in {a.code for a in article.actors}
    assert len(article.sentences) == 1


def test_a_military_convoy_or_patrol_is_its_forces(actors_of: Run, actor_with: Find) -> None:
    convoy = actor_with(actors_of("Un convoi militaire français a été bloqué par des manifestants.", language="fr"), "convoi militaire français")
    assert (convoy.country, convoy.sector) == ("FRA", "MIL")
    patrol = actor_with(actors_of("A British patrol was attacked near Basra.", language="en"), "British patrol")
    assert (patrol.country, patrol.sector) == ("GBR", "MIL")
