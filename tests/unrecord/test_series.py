"""The same resolution is recognised across sessions by its title key, and resolutions whose
title recurs are gathered into a series without undoing series assigned by hand."""

import pytest

from tests.factories import ResolutionFactory, SessionFactory
from unrecord.models import Resolution, ResolutionSeries
from unrecord.series import assign_series, clean_title, title_key

DPRK_KEY = "democratic human korea people republic rights situation"
CATALOGUE = " : resolution / adopted by the General Assembly"


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Situation of human rights in the Democratic People's Republic of Korea" + CATALOGUE, DPRK_KEY),
        (
            "Situation of human rights in the Democratic People's Republic of Korea: resolution / adopted "
            "by the General Assembly",
            DPRK_KEY,
        ),
        ("Situation of human rights in the Democratic People?Ã†s Republic of Korea" + CATALOGUE, DPRK_KEY),
        ("Situation of human rights in the Democratic People’s Republic of Korea", DPRK_KEY),
        ("SITUATION OF HUMAN RIGHTS IN THE  DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA.", DPRK_KEY),
        (
            "Assistance to Palestine refugees : resolution / adopted by the General Assemly",
            "assistance palestine refugees",
        ),
        ("Nuclear disarmament : resolution / ado", "disarmament nuclear"),
        ("Nuclear disarmament / adopted by the Genera", "disarmament nuclear"),
        (
            "Comprehensive Nuclear-Test-Ban Treaty / adopted by the General Assembly",
            "ban comprehensive nuclear test treaty",
        ),
        (
            "Urgent need for a comprehensive nuclear-test-ban treaty :",
            "ban comprehensive need nuclear test treaty urgent",
        ),
        (
            "Report of the Conference on Disarmament : draft resolution",
            "conference disarmament report",
        ),
        (
            "Towards a nuclear-weapon-free world : accelerating the implementation of nuclear disarmament "
            "commitments" + CATALOGUE,
            "accelerating commitments disarmament free implementation nuclear towards weapon world",
        ),
        (
            "Reaffirms ... resolution 194 (III), has not yet been effected",
            "been effected has iii not reaffirms resolution yet",
        ),
        ("Situation of human rights in Côte d'Ivoire", "cote d human ivoire rights situation"),
        (
            "The Assembly<90>s rules of procedure, _Rights of the child<d3>",
            "assembly child procedure rights rules",
        ),
        (
            "Report of the Conference on Disarmament : report of the Conference on Disarmament. "
            "- WEAPONS OF MASS DESTRUCTION",
            "conference disarmament report",
        ),
    ],
)
def test_title_key_recognises_the_same_title_across_catalogue_variants(title, key):
    assert title_key(title) == key


@pytest.mark.parametrize(
    ("variant", "title"),
    [
        ("Situation on human rights in Myanmar", "Situation of human rights in Myanmar"),  # 2006
        (
            "Human rights situation in the Islamic Republic of Iran",  # 1997 and 1999
            "Situation of human rights in the Islamic Republic of Iran",
        ),
        ("The right of development", "The right to development"),
        ("Prevention of arms race in outer space", "Prevention of an arms race in outer space"),
    ],
)
def test_title_key_ignores_function_words_and_word_order(variant, title):
    assert title_key(variant) == title_key(title)


def test_title_key_tells_different_subjects_apart():
    assert title_key("Situation of human rights in Myanmar") != title_key(
        "Situation of human rights of Rohingya Muslims and other minorities in Myanmar"
    )


def test_a_title_key_is_its_own_key():
    key = title_key("Situation of human rights in the Democratic People's Republic of Korea")

    assert title_key(key) == key


def test_title_key_keeps_a_resolution_mentioned_inside_the_title():
    assert title_key("Implementation of resolution ES-10/19") == "es implementation resolution"


def test_title_key_is_cut_to_the_length_a_series_stores():
    key = title_key("Question of Palestine " * 20)

    assert len(key) <= 200
    assert not key.endswith(" ")


def test_clean_title_mends_broken_apostrophes_and_drops_the_catalogue_suffix():
    title = "Situation of human rights in the Democratic People?Ã†s Republic of Korea" + CATALOGUE

    assert clean_title(title) == "Situation of human rights in the Democratic People's Republic of Korea"


# assign_series


def resolution(title: str, session: int, **fields) -> Resolution:
    return ResolutionFactory(title=title, session=SessionFactory(number=session), **fields)


def test_assign_series_links_a_title_recurring_across_sessions(db):
    first = resolution(
        "Situation of human rights in the Democratic People's Republic of Korea" + CATALOGUE, 69
    )
    second = resolution(
        "Situation of human rights in the Democratic People?Ã†s Republic of Korea" + CATALOGUE, 70
    )
    third = resolution(
        "Situation of human rights in the Democratic People's Republic of Korea" + CATALOGUE, 71
    )

    assert assign_series() == 3

    series = ResolutionSeries.objects.get()
    assert (series.name, series.title_key) == (
        "Situation of human rights in the Democratic People's Republic of Korea",
        DPRK_KEY,
    )
    assert set(series.resolutions.all()) == {first, second, third}


def test_assign_series_names_the_series_after_its_most_common_title(db):
    resolution("Assistance to Palestine refugees", 60)
    resolution("ASSISTANCE TO PALESTINE REFUGEES.", 61)
    resolution("Assistance to Palestine refugees" + CATALOGUE, 62)

    assign_series()

    assert ResolutionSeries.objects.get().name == "Assistance to Palestine refugees"


def test_assign_series_leaves_titles_of_a_single_session_alone(db):
    resolution("General and complete disarmament", 48, adopted_symbol="A/RES/48/75C")
    resolution("General and complete disarmament", 48, adopted_symbol="A/RES/48/75D")
    resolution("Question of Antarctica", 47)

    assert assign_series() == 0
    assert not ResolutionSeries.objects.exists()


def test_assign_series_never_changes_a_series_assigned_by_hand(db):
    by_hand = ResolutionSeries.objects.create(name="North Korea", title_key="north korea")
    kept = resolution(
        "Situation of human rights in the Democratic People's Republic of Korea", 60, series=by_hand
    )
    resolution("Situation of human rights in the Democratic People's Republic of Korea", 61)
    resolution("Situation of human rights in the Democratic People's Republic of Korea", 62)

    assert assign_series() == 2

    kept.refresh_from_db()
    assert kept.series == by_hand
    assert ResolutionSeries.objects.get(title_key=DPRK_KEY).resolutions.count() == 2


def test_assign_series_links_to_an_existing_series_with_the_same_key(db):
    edited = ResolutionSeries.objects.create(name="DPRK human rights (annual)", title_key=DPRK_KEY)
    single = resolution(
        "Situation of human rights in the Democratic People's Republic of Korea" + CATALOGUE, 75
    )

    assert assign_series() == 1

    single.refresh_from_db()
    assert single.series == edited
    assert ResolutionSeries.objects.get().name == "DPRK human rights (annual)"


def test_assign_series_is_idempotent(db):
    resolution("Question of Western Sahara", 60)
    resolution("Question of Western Sahara", 61)
    assign_series()

    assert assign_series() == 0
    assert ResolutionSeries.objects.count() == 1


def test_assign_series_for_new_resolutions_also_links_earlier_ones_with_their_title(db):
    earlier = resolution("Question of Western Sahara", 73)
    unrelated = [resolution("Question of Antarctica", 73), resolution("Question of Antarctica", 74)]
    new = resolution("Question of Western Sahara", 74)

    assert assign_series(resolution_ids=[new.pk]) == 2

    assert {earlier.pk, new.pk} == set(
        ResolutionSeries.objects.get().resolutions.values_list("pk", flat=True)
    )
    assert not Resolution.objects.filter(pk__in=[r.pk for r in unrelated], series__isnull=False).exists()


def test_assign_series_gives_a_new_series_a_free_name(db):
    ResolutionSeries.objects.create(name="Question of Western Sahara", title_key="western sahara")
    resolution("Question of Western Sahara", 60)
    resolution("Question of Western Sahara", 61)

    assign_series()

    assert ResolutionSeries.objects.get(title_key="question sahara western").name == (
        "Question of Western Sahara (2)"
    )


def test_assign_series_runs_the_same_queries_however_many_resolutions(db, django_assert_num_queries):
    for session in range(40, 70):
        resolution("Question of Western Sahara", session)
        resolution(f"Question number {session} of session {session}", session)
        resolution("Assistance to Palestine refugees", session)

    with django_assert_num_queries(7):
        assert assign_series() == 90


def test_a_key_typed_as_a_title_in_the_admin_is_saved_as_its_key(db):
    series = ResolutionSeries(name="Myanmar (annual)", title_key="Situation of human rights in Myanmar")

    series.full_clean()

    assert series.title_key == "human myanmar rights situation"
