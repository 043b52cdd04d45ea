"""Printed names resolve to the state they designated on the day: former names, accents, case;
search terms find states by any of their names; each state has its names in the six UN languages."""

import datetime

import pytest

from unrecord.state_names import (
    UN_LANGUAGES,
    StateNames,
    language_names,
    normalise,
    shipped_aliases,
    shipped_state_names,
)

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
        if alias.search_only:
            continue
        day = alias.valid_to or alias.valid_from or DAY_2014
        assert alias.iso3 in names.resolve(alias.name, on=day), alias


def test_normalise_drops_the_leading_article_and_joins_wrapped_names():
    assert normalise("The former Yugoslav\nRepublic of Macedonia") == normalise(
        "former Yugoslav Republic of Macedonia"
    )


@pytest.mark.parametrize("abbreviation", ["UK", "US", "USA", "UAE", "DRC", "ROK", "PRC"])
def test_search_only_abbreviations_never_resolve_in_a_roll_call(names, abbreviation):
    assert names.resolve(abbreviation, on=DAY_2014) == ()
    assert shipped_state_names().search(abbreviation).whole_name


def test_dprk_is_both_a_printed_name_and_a_search_term(names):
    assert names.resolve("DPRK", on=DAY_2014) == ("PRK",)
    assert shipped_state_names().search("dprk").whole_name == {"PRK"}


@pytest.mark.parametrize(
    ("iso3", "language", "name"),
    [
        ("CIV", "fr", "Côte d’Ivoire"),
        ("CIV", "ru", "Кот-д’Ивуар"),
        ("CIV", "zh", "科特迪瓦"),
        ("TUR", "en", "Türkiye"),
        ("TUR", "es", "Turquía"),
        ("GBR", "ar", "المملكة المتحدة"),
    ],
)
def test_a_state_has_its_cldr_name_in_each_un_language(iso3, language, name):
    assert language_names(iso3, "member")[language] == name


def test_every_state_of_today_has_a_name_in_all_six_languages():
    from unrecord.models import MemberState

    for iso3, status in MemberState.objects.exclude(status="historic").values_list("iso3", "status"):
        assert tuple(language_names(iso3, status)) == UN_LANGUAGES, iso3


@pytest.mark.parametrize("iso3", ["YUG", "SUN", "DDR", "CSK", "YMD", "YAR", "ZAN", "TWN"])
def test_a_former_member_takes_no_name_from_cldr(iso3):
    # CLDR maps DDR to DE and YMD to YE: their successors' names are not theirs.
    assert language_names(iso3, "historic") == {}


@pytest.mark.parametrize(
    ("printed", "iso3"),
    [
        ("Russie", "RUS"),
        ("Турция", "TUR"),
        ("科特迪瓦", "CIV"),
        ("Corea del Norte", "PRK"),
        ("Russia", "RUS"),
    ],
)
def test_cldr_names_in_any_language_resolve_from_admission(names, printed, iso3):
    assert names.resolve(printed, on=DAY_2014) == (iso3,)


def test_no_name_of_today_means_two_states_at_once(names):
    # The one name two seats held together: China, before 1971 (see above).
    shared = {
        key: codes
        for key, entries in names._by_key.items()
        if len(
            codes := {entry.iso3 for entry in entries if entry.valid_on(DAY_2014) and not entry.search_only}
        )
        > 1
    }
    assert shared == {}


@pytest.mark.parametrize(
    ("term", "iso3"),
    [
        ("cote", "CIV"),
        ("COTE D'IV", "CIV"),
        ("Turkey", "TUR"),
        ("turk", "TUR"),
        ("UK", "GBR"),
        ("Кот-д'Ивуар", "CIV"),
        ("КНДР", "PRK"),
        ("朝鲜", "PRK"),
        ("Royaume-Uni", "GBR"),
        ("reino unido", "GBR"),
        ("ساحل العاج", "CIV"),
        ("swaziland", "SWZ"),
        ("burma", "MMR"),
    ],
)
def test_a_search_term_finds_the_state_by_any_name_of_any_day_or_language(term, iso3):
    assert iso3 in shipped_state_names().search(term).codes


def test_a_short_term_matches_the_start_of_a_word_only():
    found = shipped_state_names().search("us").codes
    assert "USA" in found
    assert "AUS" not in found and "RUS" not in found  # Australia, Russia: "us" inside a word


def test_search_ranks_a_whole_name_before_a_word_start_before_the_inside():
    match = shipped_state_names().search("guinea")
    assert match.whole_name == {"GIN"}
    assert {"GNB", "GNQ", "PNG"} <= match.word_start
    assert "GIN" not in match.word_start


def test_an_empty_term_finds_nothing():
    assert shipped_state_names().search("  ").codes == frozenset()
