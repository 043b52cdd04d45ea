"""Printed names resolve to the state they designated on the day: former names, accents, case."""

import datetime

import pytest

from unrecord.state_names import StateNames, normalise, shipped_aliases

pytestmark = pytest.mark.django_db

DAY_2014 = datetime.date(2014, 12, 18)


@pytest.fixture
def names():
    return StateNames.from_database()


@pytest.mark.parametrize(
    ("printed", "iso3"),
    [
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("North Macedonia", "MKD"),
        ("Bolivia", "BOL"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Cape Verde", "CPV"),
        ("Cabo Verde", "CPV"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("United Kingdom", "GBR"),
        ("United States", "USA"),
        ("Russian Federation", "RUS"),
        ("Gambia", "GMB"),
        ("The Gambia", "GMB"),
    ],
)
def test_official_short_and_former_names_resolve_in_2014(names, printed, iso3):
    assert names.resolve(printed, on=DAY_2014) == (iso3,)


@pytest.mark.parametrize("printed", ["cote d'ivoire", "COTE D IVOIRE", "  Côte   d’Ivoire ", "Côte d'Ivoire"])
def test_matching_ignores_accents_case_spacing_and_punctuation(names, printed):
    assert names.resolve(printed, on=DAY_2014) == ("CIV",)


def test_yugoslavia_is_the_old_federation_before_1992_and_serbia_from_2000(names):
    assert names.resolve("Yugoslavia", on=datetime.date(1990, 12, 1)) == ("YUG",)
    assert names.resolve("Yugoslavia", on=datetime.date(2001, 12, 1)) == ("SRB",)
    assert names.resolve("Serbia and Montenegro", on=datetime.date(2005, 12, 1)) == ("SRB",)
    assert names.resolve("Yugoslavia", on=DAY_2014) == ()
    assert names.resolve("Serbia", on=datetime.date(1990, 12, 1)) == ()


def test_names_with_dates_resolve_only_on_them(names):
    assert names.resolve("Zaire", on=datetime.date(1990, 1, 1)) == ("COD",)
    assert names.resolve("Zaire", on=DAY_2014) == ()
    assert names.resolve("Libyan Arab Jamahiriya", on=datetime.date(2005, 1, 1)) == ("LBY",)
    assert names.resolve("Libyan Arab Jamahiriya", on=DAY_2014) == ()


def test_a_name_two_states_held_at_once_resolves_to_both(names):
    # The Republic of China held the China seat until 1971; both rows are named China.
    assert names.resolve("China", on=datetime.date(1960, 1, 1)) == ("CHN", "TWN")
    assert names.resolve("China", on=DAY_2014) == ("CHN",)


def test_an_unknown_name_resolves_to_no_state(names):
    assert names.resolve("Narnia", on=DAY_2014) == ()


def test_every_shipped_name_resolves_to_its_state_on_its_dates(names):
    for alias in shipped_aliases():
        day = alias.valid_to or alias.valid_from or DAY_2014
        assert alias.iso3 in names.resolve(alias.name, on=day), alias


def test_normalise_drops_the_leading_article_and_joins_wrapped_names():
    assert normalise("The former Yugoslav\nRepublic of Macedonia") == normalise(
        "former Yugoslav Republic of Macedonia"
    )
