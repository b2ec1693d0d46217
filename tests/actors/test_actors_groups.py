from collections.abc import Callable

from annales import Actor, Article
from annales.actors.knowledge import load_lexicon

Run = Callable[..., Article]
Find = Callable[[Article, str], Actor]


def test_groups_sahel_and_central_africa_fr(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("Les combattants d'Ansar Eddine et du Mujao ont affronté le MNLA près de Kidal, tandis que la CODECO a attaqué un village de l'Ituri.")
    assert actor_with(article, "Ansar Eddine").code == "MLIREB"
    assert actor_with(article, "Mujao").code == "MLIREB"
    assert actor_with(article, "MNLA").code == "MLIREB"
    assert actor_with(article, "CODECO").code == "CODREB"


def test_groups_asia_and_americas_en(actors_of: Run, actor_with: Find) -> None:
    article = actors_of("The TNLA and the Moro Islamic Liberation Front issued statements, while police blamed Tren de Aragua and the CJNG for the killings.", language="en")
    assert actor_with(article, "TNLA").code == "MMRREB"
    assert actor_with(article, "Moro Islamic Liberation Front").code == "PHLREB"
    assert actor_with(article, "Tren de Aragua").code == "VENCRM"
    assert actor_with(article, "CJNG").code == "MEXCRM"


def test_groups_names_and_ambiguous_acronyms() -> None:
    fr = load_lexicon("fr")
    assert fr.lookup("Asaïb Ahl al-Haq").code == "IRQREB"
    assert fr.lookup("FPLP").code == "PSEREB"
    assert fr.lookup("naxalites").code == "INDREB"
    assert fr.lookup("État islamique au Grand Sahara").code == "IMGREB"
    assert fr.lookup("CJNG").name == "Cartel de Jalisco Nueva Generación"
    # acronyms and words with other common meanings are not group names
    assert fr.lookup("PCC").code == "CHNPTY"  # Parti communiste chinois, not Brazil's PCC gang
    for word in ("Amal", "Plateforme", "CMA", "UPC", "PDF", "KIA", "EMC", "CNDP"):
        entry = fr.lookup(word)
        assert entry is None or entry.kind != "group", word
