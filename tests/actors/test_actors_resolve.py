from collections.abc import Callable

from annales import Actor, Article

Run = Callable[..., Article]
Find = Callable[[Article, str], Actor]


def test_resolve_title_and_apposition_fr(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Le président iranien, Massoud Pezeshkian, a rencontré son homologue russe, Vladimir Poutine, vendredi.")
    assert actor_with(article, "Pezeshkian").code == "IRNGOV"
    assert actor_with(article, "Poutine").code == "RUSGOV"
    assert actor_with(article, "homologue russe").country == "RUS"  # the title is a mention of the person


def test_resolve_unknown_person_takes_context(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Le ministre malien Abdoulaye Koné a démenti.")
    actor = actor_with(article, "Koné")
    assert (actor.country, actor.sector) == ("MLI", "GOV")
    assert actor.confidence < 0.9


def test_resolve_nominal_mentions_fr(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Les autorités nigériennes ont dénoncé des frappes de drones. Des missiles russes ont touché la ville.")
    assert actor_with(article, "autorités nigériennes").code == "NERGOV"
    assert actor_with(article, "missiles russes").code == "RUSMIL"


def test_resolve_metonyms_and_coordination(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Moscou et Téhéran ont signé un accord. Le Kremlin a salué la décision.")
    assert actor_with(article, "Moscou").code == "RUSGOV"
    assert actor_with(article, "Téhéran").code == "IRNGOV"
    assert actor_with(article, "Kremlin") is actor_with(article, "Moscou")


def test_resolve_locative_place_is_not_an_actor(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Le sommet s'est tenu à Moscou.")
    assert not any("Moscou" in m.text for a in article.actors for m in a.mentions)


def test_resolve_countries_blocs_and_groups(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("L'Occident accuse la Russie, tandis que le Hezbollah et l'ONU appellent au calme.")
    assert actor_with(article, "Occident").code == "WST"
    russia = actor_with(article, "Russie")
    assert (russia.code, russia.kind) == ("RUS", "country")
    assert actor_with(article, "Hezbollah").country == "LBN"
    assert actor_with(article, "ONU").code == "IGOUNO"


def test_resolve_english(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Russian troops shelled the town, the Kremlin said, while Iranian Foreign Minister Karim Farahani met UN officials.", language="en")
    assert actor_with(article, "Russian troops").code == "RUSMIL"
    assert actor_with(article, "Kremlin").code == "RUSGOV"
    bagheri = actor_with(article, "Farahani")
    assert (bagheri.country, bagheri.sector) == ("IRN", "GOV")


def test_resolve_actors_in_span(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Les autorités nigériennes ont expulsé des soldats français.")
    sentence = article.sentences[0]
    codes = [article.actors[i].code for i, _ in article.actors_in(sentence.start, sentence.end)]
    assert codes == ["NERGOV", "FRAMIL"]


def test_resolve_former_title_has_no_sector(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Former Nigerian President Adamu Bello visited Abuja.", language="en")
    actor = actor_with(article, "Adamu Bello")
    assert (actor.country, actor.sector) == ("NGA", None)


def test_resolve_conjoined_nationalities(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("The force includes Kenyan and Rwandan troops.", language="en")
    assert actor_with(article, "Kenyan").code == "KENMIL"
    assert actor_with(article, "Rwandan").code == "RWAMIL"


def test_resolve_owner_joined_by_of_stays_an_actor(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("L'armée de la Russie a reculé.")
    assert actor_with(article, "armée").code == "RUSMIL"
    assert actor_with(article, "Russie").code == "RUS"


def test_resolve_organisation_inside_ner_span(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("The U.N. Security Council met on Friday.", language="en")
    assert actor_with(article, "Security Council").code == "IGOUNOSEC"


def test_resolve_sentence_country_for_bare_authorities(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("In Chad, the authorities arrested ten protesters.", language="en")
    assert actor_with(article, "authorities").code == "TCDGOV"


def test_resolve_unlisted_capital_needs_a_place_reading(actors_of: Run) -> None:
    article = actors_of("Male students protested on Monday.", language="en")
    assert not any(a.country == "MDV" for a in article.actors)


def test_resolve_international_forces_are_one_military_actor(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Les forces internationales ont lancé un assaut contre les insurgés.")
    actor = actor_with(article, "forces internationales")
    assert (actor.name, actor.sector) == ("forces internationales", "MIL")


def test_resolve_possessed_subject_takes_the_governing_subject_country(actors_of: Run, actor_with: Find) -> None:
    assert actor_with(actors_of("L'Iran a affirmé que ses forces avaient abattu un drone au-dessus du Golfe."), "forces").code == "IRNMIL"
    assert actor_with(actors_of("Turkey said its troops had entered Syria.", language="en"), "troops").code == "TURMIL"
    # Not the subject of its clause: "its" may be anyone's.
    objects = actors_of("Ukraine said Russia attacked its soldiers.", language="en")
    assert actor_with(objects, "soldiers").country is None


def test_resolve_bare_state_noun_takes_the_earlier_country(actors_of: Run, actor_with: Find) -> None:
    # "les militaires" in a sentence naming no country are the story's own, met earlier.
    article = actors_of("L'armée russe a pris le contrôle de la ville. Les militaires ont arrêté trois journalistes.")
    assert actor_with(article, "militaires").code == "RUSMIL"


def test_resolve_national_body_named_by_its_kind_takes_the_article_country(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Le Sénégal vote dimanche. Au Sénégal, la campagne est tendue. La Gendarmerie nationale a interpellé deux militants.")
    assert actor_with(article, "Gendarmerie").code == "SENCOP"


def test_resolve_coup_d_etat_and_etat_de_droit_are_no_actors(actors_of: Run) -> None:
    article = actors_of("Les États-Unis condamnent le coup d'État et demandent le respect de l'État de droit.")
    assert not any("État" in m.text and "États" not in m.text for a in article.actors for m in a.mentions)


def test_resolve_party_out_of_government_is_the_opposition(actors_of: Run, actor_with: Find) -> None:
    # in 2005 Labour governed: the Conservatives and the Liberal Democrats were the opposition
    article = actors_of("Labour criticised Tory promises, and Liberal Democrat leader Charles Kennedy attacked both.", "en", "2005-02-01")
    assert actor_with(article, "Labour").code == "GBRPTY"
    tory = actor_with(article, "Tory")
    assert tory.code == "GBROPP" and "+opposition@2005-02-01" in tory.method
    assert actor_with(article, "Kennedy").code == "GBROPP"
    # the same names after 2010: the Conservatives governed
    assert actor_with(actors_of("Labour criticised Tory promises.", "en", "2016-02-01"), "Labour").code == "GBROPP"


def test_resolve_undated_article_is_dated_by_its_office_holders(actors_of: Run, actor_with: Find) -> None:
    # Blair (prime minister 1997-2007) and Howard (opposition leader 2003-05) date the story; Nick Clegg held
    # no office then, so he keeps his country without the later Liberal Democrat leader's sector
    article = actors_of("Tony Blair and Michael Howard clashed in the Commons. Nick Clegg accused Mr Blair of lying.", "en", None)
    clegg = actor_with(article, "Nick Clegg")
    assert (clegg.country, clegg.sector) == ("GBR", None) and "@era:" in clegg.method
    assert actor_with(article, "Tony Blair").code == "GBRGOV"
