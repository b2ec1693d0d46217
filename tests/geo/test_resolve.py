"""Resolution: priors and article context."""

from __future__ import annotations

from annales.geo import resolve_toponyms
from annales.geo.detect import Toponym
from annales.geo.resolve import Context
from annales.lang.gazetteer import load_gazetteer


def _resolve(text: str, names: list[str], external: Context | None = None) -> list[tuple[str | None, str]]:
    toponyms = []
    for name in names:
        start = text.index(name, toponyms[-1].end if toponyms else 0)
        toponyms.append(Toponym(start, start + len(name), name, "test"))
    return [(r.entry.country if r.entry else None, r.entry.admin1 if r.entry else "") for r in resolve_toponyms(text, toponyms, load_gazetteer(), external=external)]


def test_resolve_prefers_the_big_place_without_context() -> None:
    assert _resolve("Talks in Paris.", ["Paris"])[0][0] == "FRA"


def test_resolve_uses_the_container_after_a_comma() -> None:
    assert _resolve("He lives in Paris, Texas.", ["Paris", "Texas"])[0] == ("USA", "TX")
    assert _resolve("A fire in Alexandria, Louisiana.", ["Alexandria", "Louisiana"])[0] == ("USA", "LA")


def test_resolve_uses_other_places_of_the_article() -> None:
    text = "Police in Athens and Atlanta said the suspect fled Georgia."
    assert _resolve(text, ["Athens", "Atlanta", "Georgia"])[0] == ("USA", "GA")


def test_resolve_uses_actor_countries() -> None:
    external = Context()
    external.countries["CAN"] += 3
    assert _resolve("Rain in London today.", ["London"], external)[0][0] == "CAN"


def _resolve_en(text: str, names: list[str], *, demonyms: bool = False) -> list[tuple[str | None, str, bool]]:
    """Like `_resolve`, as the English stage does it (the language's place cues), plus the county flag."""
    toponyms = []
    for name in names:
        start = text.index(name, toponyms[-1].end if toponyms else 0)
        toponyms.append(Toponym(start, start + len(name), name, "test"))
    resolutions = resolve_toponyms(text, toponyms, load_gazetteer(), language="en", demonyms=demonyms)
    return [(r.entry.country, r.entry.admin1, r.entry.county) if r.entry else (None, "", False) for r in resolutions]


def test_resolve_local_news_cues_keep_a_town_in_the_united_states() -> None:
    text = "The Dublin City Council approved the budget, and the Sheriff's Office asked for more deputies."
    assert _resolve(text, ["Dublin"])[0][0] == "IRL"  # no cue table for the neutral language
    assert _resolve_en(text, ["Dublin"])[0][0] == "USA"
    assert _resolve_en("The Dublin marathon drew 20,000 runners.", ["Dublin"])[0][0] == "IRL"


def test_resolve_nearby_readings_pull_each_other_up() -> None:
    # Huntsville, Alabama is the bigger town, but Huntsville, Texas is the one inside Walker County, Texas.
    text = "The burn ban for Walker County was lifted after Huntsville firefighters met county officials."
    assert [r[:2] for r in _resolve_en(text, ["Walker County", "Huntsville"])] == [("USA", "TX"), ("USA", "TX")]


def test_resolve_names_before_counties_are_counties() -> None:
    text = "Unemployment rose in metro Athens: Clarke, Madison and Oconee counties lost jobs."
    resolved = _resolve_en(text, ["Athens", "Clarke", "Madison", "Oconee"])
    assert resolved[2] == ("USA", "GA", True)
    assert _resolve_en("Talks in Madison went on.", ["Madison"])[0][2] is False


def test_resolve_reads_a_state_abbreviation_with_the_period_after_the_span() -> None:
    assert _resolve_en("He moved to Fresno, Calif. last year.", ["Fresno", "Calif"])[1][:2] == ("USA", "CA")


def test_resolve_inhabitant_words_and_named_features_when_nothing_else_matches() -> None:
    assert _resolve_en("South Ossetians fled north.", ["South Ossetians"], demonyms=True)[0][0] == "GEO"
    assert _resolve_en("Minnesotans voted.", ["Minnesotans"], demonyms=True)[0][:2] == ("USA", "MN")
    assert _resolve_en("Minnesotans voted.", ["Minnesotans"])[0][0] is None  # running text: people, not a place
    assert _resolve_en("Fish died in the Naugatuck River near Waterbury.", ["Naugatuck River", "Waterbury"])[0][:2] == ("USA", "CT")


def test_resolve_villages_known_only_in_one_country_are_weak_evidence_for_it() -> None:
    # Barton and Chesterton are US towns to the gazetteer (the English ones are too small for it).
    text = "Alan, from Barton, swims at Cambridge's Chesterton sports centre for a UK charity."
    assert _resolve_en(text, ["Barton", "Cambridge", "Chesterton", "UK"])[1][:2] == ("GBR", "ENG")


def test_resolve_flags_a_postal_village_with_no_neighbour() -> None:
    gaz = load_gazetteer()

    def isolated(text: str, names: list[str]) -> bool:
        toponyms = []
        for name in names:
            start = text.index(name, toponyms[-1].end if toponyms else 0)
            toponyms.append(Toponym(start, start + len(name), name, "test"))
        resolution = resolve_toponyms(text, toponyms, gaz, language="en")[0]
        assert resolution.entry is not None and resolution.entry.postal
        return resolution.isolated

    assert isolated("Harwinton voters met.", ["Harwinton"])
    assert not isolated("Harwinton voters met near Torrington.", ["Harwinton", "Torrington"])


def test_resolve_place_cues_are_well_formed() -> None:
    from annales.geo import _cues

    cues = _cues("en")
    assert cues
    for keywords, pattern, country in cues:
        assert all(k and k == k.lower() for k in keywords), pattern.pattern
        assert len(country) == 3 and country.isupper()


def test_resolve_name_variants_come_from_the_place_name_forms_table() -> None:
    from annales.geo.resolve import _demonym_stems, _feature_stems, _variants

    assert _demonym_stems("Texans") == ["Texa", "Tex", "Texas"] and _demonym_stems("Londoner") == ["London"]
    assert _demonym_stems("Abkhaz") == ["Abkhazia"]
    assert _feature_stems("Kanawha River") == ["Kanawha"] and _feature_stems("Lake Lanier") == ["Lanier"]
    forms = _variants("W. Loudon Co.", frozenset())
    assert "W. Loudon County" in forms and "West Loudon Co." in forms
    assert "Congo" in _variants("Republic of Congo", frozenset()) and "Iran" in _variants("Iran's", frozenset())
