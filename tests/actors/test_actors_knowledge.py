import pytest

from annales.actors import knowledge
from annales.actors.knowledge import case_rule, load_lexicon
from annales.lang.places import demonym_rules, inflect, sovereign_countries


def test_knowledge_french_demonym_inflections() -> None:
    # the rules are data: annales/lang/fr/demonym_inflection.tsv
    rules = demonym_rules("fr")
    assert inflect({"masculine": "iranien"}, rules) == ["iranien", "iranienne", "iraniens", "iraniennes"]
    assert inflect({"masculine": "russe"}, rules) == ["russe", "russes"]
    assert inflect({"masculine": "français"}, rules) == ["français", "française", "françaises"]
    assert "turque" in inflect({"masculine": "turc", "feminine": "turque"}, rules)
    assert inflect({"masculine": "kirghiz", "extra": "kirghizes"}, rules) == ["kirghiz", "kirghize", "kirghizes", "kirghizes"]


def test_knowledge_english_demonym_inflections() -> None:
    rules = demonym_rules("en")
    assert inflect({"adjective": "Afghan"}, rules) == ["Afghan", "Afghans"]
    assert inflect({"adjective": "Chinese", "nouns": "-"}, rules) == ["Chinese"]


def test_knowledge_case_rules() -> None:
    assert case_rule("ONU") == "exact"
    assert case_rule("Russie") == "title"
    assert case_rule("russe") == "any"


def test_knowledge_lexicon_names() -> None:
    fr = load_lexicon("fr")
    assert fr.lookup("Corée du Nord").country == "PRK"
    assert fr.lookup("Etats-Unis").country == "USA"  # accents are optional
    assert fr.lookup("Birmanie").country == "MMR"
    assert fr.lookup("nord-coréennes").country == "PRK"
    assert fr.lookup("ONU").code == "IGOUNO"
    assert fr.lookup("Kyiv").country == "UKR" and fr.lookup("Kiev").sector == "GOV"
    assert fr.lookup("Russland").country == "RUS"  # CLDR names in other languages
    assert fr.lookup("Hezbollah").country == "LBN"
    assert fr.lookup("Occident").code == "WST"


def test_knowledge_case_sensitive_names() -> None:
    en = load_lexicon("en")
    assert en.lookup("US").country == "USA"
    assert en.lookup("us") is None
    assert en.lookup("turkey") is None and en.lookup("Turkey").country == "TUR"
    assert en.lookup("WHO").code == "IGOUNOWHO" and en.lookup("who") is None


def test_knowledge_lexicon_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """One build per language (counted where a build starts), reused by every later call; languages do not share one."""
    builds: list[str] = []
    display_names = knowledge._country_display_names

    def counting(language: str) -> dict[str, str]:
        builds.append(language)
        return display_names(language)

    monkeypatch.setattr(knowledge, "_country_display_names", counting)
    load_lexicon.cache_clear()  # what earlier tests built does not count
    fr = load_lexicon("fr")
    assert builds == ["fr"]
    assert load_lexicon("fr") is fr and builds == ["fr"]  # reused, not rebuilt
    en = load_lexicon("en")
    assert builds == ["fr", "en"] and en is not fr
    assert fr.lookup("iranienne").country == "IRN" and en.lookup("iranienne") is None  # each its own language's demonyms
    assert en.lookup("Iranian").country == "IRN" and fr.lookup("Iranian") is None


def test_knowledge_demonyms_cover_the_world() -> None:
    assert len(sovereign_countries()) >= 190


def test_knowledge_uk_institutions_parties_and_police_forces() -> None:
    en = load_lexicon("en")
    assert en.lookup("Gwent Police").code == "GBRCOP" and en.lookup("Police Scotland").code == "GBRCOP"
    assert en.lookup("Welsh Liberal Democrats").code == "GBRPTY"  # not the US Democrats
    assert en.lookup("SNP").code == "GBRPTY" and en.lookup("Lib Dems").code == "GBRPTY"
    assert en.lookup("Foreign Office").code == "GBRGOV" and en.lookup("No 10").code == "GBRGOV"
    assert en.lookup("Senedd").code == "GBRLEG" and en.lookup("Holyrood").code == "GBRLEG"
