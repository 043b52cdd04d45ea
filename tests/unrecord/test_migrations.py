"""Data migrations bring what an earlier importer stored to what the importer stores now."""

import importlib
from types import SimpleNamespace

from django.apps import apps
from django.db import connection

from tests.factories import (
    CampaignFactory,
    ResolutionFactory,
    ResolutionSeriesFactory,
    SessionFactory,
    VoteEventFactory,
)
from unrecord.models import Resolution, ResolutionSeries

HEADING = "A/71/251 68c - Human rights situations and reports of special rapporteurs and representatives"
IRAN = "Situation of human rights in the Islamic Republic of Iran"


def _migrate_titles_under_report_headings():
    migration = importlib.import_module("unrecord.migrations.0011_titles_under_report_headings")
    with connection.cursor() as cursor:
        for statement in migration.READ_TITLES_UNDER_REPORT_HEADINGS:
            cursor.execute(statement)


def test_resolutions_stored_under_a_report_heading_get_their_title_and_series_back(db):
    iran = ResolutionSeriesFactory(
        name=IRAN, title_key="situation of human rights in the islamic republic of iran"
    )
    ResolutionFactory(title=IRAN, session=SessionFactory(number=70), series=iran)
    heading_series = ResolutionSeriesFactory(name=HEADING, title_key="a c human rights situations")
    stored = ResolutionFactory(
        title=HEADING,
        agenda_item=IRAN + " : resolution / adopted by the General Assembly",
        session=SessionFactory(number=71),
        series=heading_series,
    )
    roll_call = VoteEventFactory(resolution=stored, description=HEADING)
    untouched = ResolutionFactory(title="Question of Palestine", agenda_item="Question of Palestine")
    empty_by_hand = ResolutionSeriesFactory(name="Our next resolution", title_key="next our resolution")

    _migrate_titles_under_report_headings()
    _migrate_series_keys()  # which links what the first one unlinked

    stored.refresh_from_db()
    roll_call.refresh_from_db()
    assert (stored.title.startswith(IRAN), stored.agenda_item, stored.series) == (True, HEADING, iran)
    assert roll_call.description.startswith(IRAN)
    assert not ResolutionSeries.objects.filter(pk=heading_series.pk).exists()  # made by the heading
    assert ResolutionSeries.objects.filter(pk=empty_by_hand.pk).exists()
    assert Resolution.objects.get(pk=untouched.pk).title == "Question of Palestine"


def _migrate_series_keys():
    migration = importlib.import_module("unrecord.migrations.0012_series_keys_ignore_function_words")
    migration.rekey_series(apps, SimpleNamespace(connection=connection))


def test_series_keys_are_rebuilt_and_series_that_meet_are_merged_campaigns_included(db):
    """As stored before: keys were titles, so Iran's 1997 and 1999 resolutions made a series of
    their own, and Myanmar's of 2006, misspelt, none."""
    iran = ResolutionSeriesFactory(
        name=IRAN, title_key="situation of human rights in the islamic republic of iran"
    )
    for session in (70, 71):
        ResolutionFactory(title=IRAN, session=SessionFactory(number=session), series=iran)
    variant = ResolutionSeriesFactory(
        name="Human rights situation in the Islamic Republic of Iran",
        title_key="human rights situation in the islamic republic of iran",
    )
    for session in (52, 54):
        ResolutionFactory(title=variant.name, session=SessionFactory(number=session), series=variant)
    campaign = CampaignFactory(series=variant)
    myanmar = ResolutionSeriesFactory(
        name="Situation of human rights in Myanmar", title_key="situation of human rights in myanmar"
    )
    ResolutionFactory(title=myanmar.name, session=SessionFactory(number=62), series=myanmar)
    misspelt = ResolutionFactory(
        title="Situation on human rights in Myanmar", session=SessionFactory(number=61)
    )

    _migrate_series_keys()

    assert set(ResolutionSeries.objects.values_list("title_key", flat=True)) == {
        "human iran islamic republic rights situation",
        "human myanmar rights situation",
    }
    iran.refresh_from_db()
    assert iran.resolutions.count() == 4 and iran.name == IRAN  # the larger series is kept
    campaign.refresh_from_db()
    assert campaign.series == iran
    misspelt.refresh_from_db()
    assert misspelt.series == myanmar
