"""Regions, regional governments and titles with no country (English coding errors, issue 4)."""

from collections.abc import Callable

from annales import Actor, Article
from annales.actors.knowledge import load_lexicon
from annales.lang.places import city_countries

Run = Callable[..., Article]
Find = Callable[[Article, str], Actor]


def test_regions_lexicon_has_names_and_adjectives() -> None:
    lex = load_lexicon("en")
    catalan = lex.lookup("Catalan")
    assert catalan is not None and (catalan.kind, catalan.country, catalan.role) == ("region", "ESP", "adjective")
    bengal = lex.lookup("West Bengal")
    assert bengal is not None and bengal.country == "IND" and bengal.role == "name"
    punjab = lex.lookup("Punjab")
    assert punjab is not None and punjab.code is None  # shared name: the article decides
    assert lex.lookup("Georgia").kind == "country"  # a country keeps a name a US state also has


def test_regions_adjective_government_is_regional(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("The Catalan government has agreed to fund a new hospital.", language="en")
    actor = actor_with(article, "Catalan government")
    assert (actor.country, actor.sector) == ("ESP", "GOV")


def test_regions_government_kept_apart_from_national(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("The Spanish government rejected the plan of the Catalan government.", language="en")
    national, regional = actor_with(article, "Spanish government"), actor_with(article, "Catalan government")
    assert national is not regional and regional.code == national.code == "ESPGOV"
    assert "Catalan" in regional.name


def test_regions_named_region_government(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("The West Bengal government has denied permission for the rally.", language="en")
    assert (actor_with(article, "West Bengal").country, actor_with(article, "West Bengal").sector) == ("IND", "GOV")


def test_regions_region_as_subject_is_its_government(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Texas sued the federal government over the new rule.", language="en")
    actor = actor_with(article, "Texas")
    assert (actor.code, actor.kind) == ("USAGOV", "country")


def test_regions_region_as_place_is_the_country(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Troops were sent to the siege of Kashmir, India said.", language="en")
    actor = actor_with(article, "Kashmir")
    assert (actor.country, actor.sector) == ("IND", None)


def test_regions_shared_name_needs_the_article_country(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Punjab government imposed a curfew in Lahore and Multan.", language="en")
    actor = actor_with(article, "Punjab government")
    assert (actor.country, actor.sector) == ("PAK", "GOV")
    article = actors_of("Punjab government imposed a curfew.", language="en")
    assert not any(a.country in ("PAK", "IND") for a in article.actors)


def test_regions_city_countries_only_unambiguous() -> None:
    cities = city_countries()
    assert cities["lahore"] == "PAK" and cities["multan"] == "PAK"
    assert "barcelona" not in cities  # Spain's and Venezuela's: no 10x lead
    # a first-level division or island of our places table outranks a town of its name elsewhere
    assert cities["bali"] == "IDN" and cities["north kivu"] == "COD" and cities["tigray"] == "ETH"


def test_a_trip_to_an_island_targets_its_country(run_text: Run) -> None:
    article = run_text("Rishi Sunak flew to Bali for the G20 summit.", language="en", published="2022-11-14")
    assert any(e.cameo == "042" and e.target is not None and e.target.code == "IDN" for e in article.events)


def test_titles_without_country_take_the_article_country(actors_of: Run, actor_with: Find) -> None:
    article = actors_of(
        "TIRANA, Albania -- Albania's parliament criticised President Arben Kola for the move.", language="en", published=None,
    )
    actor = actor_with(article, "Arben Kola")
    assert (actor.country, actor.sector) == ("ALB", "GOV") and "article-country" in actor.mentions[-1].method + actor.method


def test_titles_without_country_need_a_clear_lead(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("President Arben Kola sent troops to the war against Iraq.", language="en", published=None)
    assert actor_with(article, "Arben Kola").country is None  # one passing mention is no article country


def test_organisations_agencies_and_media(actors_of: Run, actor_with: Find) -> None:
    article = actors_of(
        "USAID suspended aid after ICE agents detained a reporter for Haaretz, AQAP said.", language="en", published=None,
    )
    assert actor_with(article, "USAID").code == "USAGOV"
    assert actor_with(article, "ICE").code == "USACOP"
    assert actor_with(article, "Haaretz").code == "ISRMED"
    assert actor_with(article, "AQAP").code == "YEMREB"
    article = actors_of("Le Monde et la BBC ont interrogé le Pentagone.", published=None)
    assert actor_with(article, "Le Monde").code == "FRAMED" and actor_with(article, "Pentagone").code == "USAMIL"


def test_listed_demonyms_each_code_the_noun(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("The force is made of Ethiopian, Mozambican and South African troops.", language="en", published=None)
    assert {actor_with(article, w).code for w in ("Ethiopian", "Mozambican", "South African")} == {"ETHMIL", "MOZMIL", "ZAFMIL"}
    article = actors_of("La force comprend des troupes éthiopiennes, mozambicaines et sud-africaines.", published=None)
    assert {actor_with(article, w).code for w in ("éthiopiennes", "mozambicaines", "sud-africaines")} == {"ETHMIL", "MOZMIL", "ZAFMIL"}


def test_government_forces_are_military(actors_of: Run, actor_with: Find) -> None:
    # the bare noun takes the story's country: South Sudan, named twice
    article = actors_of("Fighting resumed in South Sudan. Government forces attacked rebels in South Sudan.", language="en", published=None)
    assert actor_with(article, "Government forces").code == "SSDMIL"


def test_historic_country_names(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("East Germany and Poland signed the treaty.", language="en", published=None)
    assert actor_with(article, "East Germany").country == "DEU"
