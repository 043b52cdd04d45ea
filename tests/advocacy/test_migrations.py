"""Migration 0008 moves stances from campaigns to the organizations that recorded them, and turns a
meeting's one "stance expressed" into a stance per state met; backwards, it puts them back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from advocacy.models import Meeting, Stance
from tests import factories

BEFORE = ("advocacy", "0007_stance_vote_event_protected")
AFTER = ("advocacy", "0008_stances_belong_to_the_organization")
DAY = datetime.date(2014, 10, 23)


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target] if target else executor.loader.graph.leaf_nodes())
    return executor.loader.project_state([target] if target else None).apps


def _old_world(apps, organization):
    """What 0007 stored: stances under campaigns, a meeting's stance expressed."""
    Stance, Meeting = apps.get_model("advocacy", "Stance"), apps.get_model("advocacy", "Meeting")
    series = factories.ResolutionSeriesFactory()
    on_series = factories.CampaignFactory(owner=organization, series=series, shared_with_partners=True)
    on_texts = factories.CampaignFactory(owner=organization)
    last_year = factories.ResolutionFactory(session=factories.SessionFactory(number=68))
    this_year = factories.ResolutionFactory(session=factories.SessionFactory(number=69))
    on_texts.resolutions.add(last_year, this_year)
    stance = {"position": "supports", "as_of": DAY, "evidence": "judgement", "confidence": "medium"}
    bwa, gha, pan = (factories.state(iso3).pk for iso3 in ("BWA", "GHA", "PAN"))
    Stance.objects.create(campaign_id=on_series.pk, state_id=bwa, **stance)
    Stance.objects.create(campaign_id=on_texts.pk, state_id=bwa, **stance)
    Stance.objects.create(campaign_id=on_texts.pk, state_id=gha, resolution_id=last_year.pk, **stance)
    meeting = Meeting.objects.create(owner_id=organization.pk, date=DAY, stance_expressed="leaning_yes")
    meeting.states.set([bwa, gha, pan])
    meeting.campaigns.set([on_series.pk, on_texts.pk])
    Stance.objects.create(
        campaign_id=on_texts.pk, state_id=gha, meeting_id=meeting.pk, resolution_id=this_year.pk,
        **{**stance, "evidence": "meeting", "position": "opposes"},
    )  # fmt: skip
    lonely = Meeting.objects.create(
        owner_id=organization.pk, date=DAY, stance_expressed="undecided", summary="Hm."
    )
    return series, on_series, on_texts, this_year, last_year, meeting.pk, lonely.pk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stances_move_to_their_organization_and_meetings_record_one_per_state_met(organization):
    try:
        old = _old_world(_migrate(BEFORE), organization)
        _migrate(None)
        series, on_series, on_texts, this_year, last_year, meeting_id, lonely_id = old

        subjects = {
            (s.state.iso3, s.resolution_id, s.series_id, s.shared_with_partners)
            for s in Stance.objects.filter(meeting__isnull=True)
        }
        assert subjects == {
            ("BWA", None, series.pk, True),  # the campaign's series
            ("BWA", this_year.pk, None, False),  # the campaign's latest resolution
            ("GHA", last_year.pk, None, False),  # as it was
        }
        assert set(Stance.objects.values_list("owner", flat=True)) == {organization.pk}
        said = Stance.objects.filter(meeting_id=meeting_id)
        # Botswana and Panama on each subject of the meeting's campaigns; Ghana's own stance kept.
        assert set(said.values_list("state__iso3", "position", "resolution", "series")) == {
            ("BWA", "leaning_yes", None, series.pk),
            ("BWA", "leaning_yes", this_year.pk, None),
            ("GHA", "opposes", this_year.pk, None),
            ("PAN", "leaning_yes", None, series.pk),
            ("PAN", "leaning_yes", this_year.pk, None),
        }
        assert said.count() == 5
        assert set(said.values_list("evidence", "as_of")) == {("meeting", DAY)}
        assert Meeting.objects.get(pk=lonely_id).summary == "Hm.\n\nWhat they told us: Undecided."

        back = _migrate(BEFORE)
        OldStance = back.get_model("advocacy", "Stance")
        assert set(
            OldStance.objects.filter(meeting__isnull=True).values_list("campaign_id", "state__iso3")
        ) == {
            (on_series.pk, "BWA"),
            (on_texts.pk, "BWA"),
            (on_texts.pk, "GHA"),
        }
        assert back.get_model("advocacy", "Meeting").objects.get(pk=meeting_id).stance_expressed
    finally:
        _migrate(None)
