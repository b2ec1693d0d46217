import pytest

from annales.actors.offices import era, in_government, index_terms, resolve
from annales.errors import AnnalesError

ROWS = [
    {"name": "Donald Trump", "aliases": "Trump", "country": "USA", "sector": "GOV", "role": "head_of_state", "start": "2017-01-20", "end": "2021-01-20"},
    {"name": "Donald Trump", "aliases": "Trump", "country": "USA", "sector": "GOV", "role": "president_elect", "start": "2024-11-06", "end": "2025-01-19"},
    {"name": "Donald Trump", "aliases": "Trump", "country": "USA", "sector": "GOV", "role": "head_of_state", "start": "2025-01-20", "end": ""},
    {"name": "Kim Jong-un", "aliases": "", "country": "PRK", "sector": "GOV", "role": "head_of_state", "start": "2011-12-17", "end": ""},
    {"name": "Jens Stoltenberg", "aliases": "Stoltenberg", "country": "IGO", "sector": "GOV", "role": "NATO Secretary-General", "start": "2014", "end": "2024-10"},
]
INDEX = index_terms(ROWS)


def test_offices_in_office_on_the_date() -> None:
    holder = resolve("Trump", "2025-02-01", index=INDEX)
    assert holder is not None and holder.in_office and holder.sector == "GOV" and holder.country == "USA"


def test_offices_elect_is_not_yet_in_office() -> None:
    holder = resolve("Donald Trump", "2025-01-17", index=INDEX)
    assert holder is not None and holder.country == "USA" and holder.sector is None


def test_offices_out_of_office_keeps_country_only() -> None:
    holder = resolve("Trump", "2022-06-01", index=INDEX)
    assert holder is not None and holder.country == "USA" and holder.sector is None and not holder.in_office


def test_offices_spelling_variants_and_partial_dates() -> None:
    assert resolve("Kim Jong Un", "2025-01-17", index=INDEX).name == "Kim Jong-un"
    assert resolve("Stoltenberg", "2024-10-15", index=INDEX).in_office  # "2024-10" covers the month
    assert resolve("Nobody", "2025-01-17", index=INDEX) is None


def _british(name: str, sector: str, role: str, start: str, end: str) -> dict[str, str]:
    return {"name": name, "aliases": name.split()[-1], "country": "GBR", "sector": sector, "role": role, "start": start, "end": end}


def test_offices_no_date_takes_the_longest_term() -> None:
    index = index_terms([
        _british("Rishi Sunak", "GOV", "head_of_government", "2022-10-25", "2024-07-05"),
        _british("Rishi Sunak", "OPP", "opposition_leader", "2024-07-05", "2024-11-02"),
        _british("Keir Starmer", "OPP", "opposition_leader", "2020-04-04", "2024-07-05"),
        _british("Keir Starmer", "GOV", "head_of_government", "2024-07-05", ""),
    ])
    assert resolve("Sunak", None, index=index).sector == "GOV"  # not his last four months in opposition
    # a running term lasts until the table's latest day (2024-11-02), not until today: results do not drift
    assert resolve("Starmer", None, index=index).sector == "OPP"
    assert resolve("Trump", None, index=INDEX).role == "head_of_state"


def test_offices_bad_date_is_a_coded_error() -> None:
    with pytest.raises(AnnalesError, match="E501"):
        index_terms([{"name": "X", "aliases": "", "country": "FRA", "sector": "GOV", "role": "r", "start": "soon", "end": ""}])


ERA_ROWS = [
    {"name": "Tony Blair", "aliases": "Blair", "country": "GBR", "sector": "GOV", "role": "head_of_government", "start": "1997-05-02", "end": "2007-06-27"},
    {"name": "Michael Howard", "aliases": "", "country": "GBR", "sector": "OPP", "role": "opposition_leader", "start": "2003-11-06", "end": "2005-12-06"},
    {"name": "Liam Fox", "aliases": "", "country": "GBR", "sector": "GOV", "role": "defence_minister", "start": "2010-05-12", "end": "2011-10-14"},
    {"name": "Barack Obama", "aliases": "Obama", "country": "USA", "sector": "GOV", "role": "head_of_state", "start": "2009-01-20", "end": "2017-01-20"},
]
ERA_INDEX = index_terms(ERA_ROWS)


def test_offices_era_dates_an_undated_article_by_the_people_in_office_together() -> None:
    day = era(["Tony Blair", "Michael Howard", "Liam Fox"], index=ERA_INDEX)
    assert day is not None and "2003-11-06" < day < "2005-12-06"  # inside the shared span, not at its first day
    # at that day Fox held no office: he keeps his country only, not the 2010 sector
    fox = resolve("Liam Fox", day, index=ERA_INDEX)
    assert fox is not None and fox.country == "GBR" and fox.sector is None


def test_offices_era_needs_two_people_and_one_shared_span() -> None:
    assert era(["Tony Blair"], index=ERA_INDEX) is None
    assert era(["Tony Blair", "Nobody"], index=ERA_INDEX) is None
    # Howard (2003-05) and Obama (2009-17) never held office together, and each span has one person
    assert era(["Michael Howard", "Barack Obama"], index=ERA_INDEX) is None
    # a successor takes office on the day the table closes his predecessor's term: they never served together
    succession = index_terms([
        {"name": "Liz Truss", "aliases": "", "country": "GBR", "sector": "GOV", "role": "head_of_government", "start": "2022-09-06", "end": "2022-10-25"},
        {"name": "Rishi Sunak", "aliases": "", "country": "GBR", "sector": "GOV", "role": "head_of_government", "start": "2022-10-25", "end": "2024-07-05"},
    ])
    assert era(["Liz Truss", "Rishi Sunak"], index=succession) is None


def test_offices_in_government_by_date() -> None:
    assert in_government("GBR", ["Labour"], "2005-01-01") is True
    assert in_government("GBR", ["Tories"], "2005-01-01") is False
    assert in_government("GBR", ["Lib Dems"], "2012-01-01") is True  # the coalition
    assert in_government("GBR", ["Labour"], None) is None  # no date, no say
    assert in_government("NER", ["Any party"], "2005-01-01") is None  # a country the table does not cover
