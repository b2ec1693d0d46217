import pytest

from annales.actors.offices import index_terms, resolve
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


def test_offices_bad_date_is_a_coded_error() -> None:
    with pytest.raises(AnnalesError, match="E501"):
        index_terms([{"name": "X", "aliases": "", "country": "FRA", "sector": "GOV", "role": "r", "start": "soon", "end": ""}])
