"""The demo loaded on top of the full UN voting file (imported once for the module by the fixture
of tests/unrecord/test_analytics_real_data.py, which skips when the file is absent): the roll
calls the demo ships are the file's own, found and left as they are, never a second copy."""

import pytest

from campaigns.models import Campaign
from demo.dataset import series
from demo.loader import load_demo
from tests.unrecord.test_analytics_real_data import record as un_voting_record  # noqa: F401 (autouse)
from unrecord.models import RecordedVote, Resolution, VoteEvent

pytestmark = [pytest.mark.shared_data, pytest.mark.django_db]

SHIPPED = [data["roll_call"] for data in series.PLENARY_VOTES] + ["5377"]


def test_the_demo_after_an_import_adds_no_roll_call_and_no_vote_of_the_series():
    votes_before = RecordedVote.objects.count()
    imported = {event.source_id: event.pk for event in VoteEvent.objects.filter(source_id__in=SHIPPED)}

    report = load_demo()

    assert "unrecord.RecordedVote" not in report.created
    assert RecordedVote.objects.count() == votes_before
    assert {
        event.source_id: event.pk for event in VoteEvent.objects.filter(source_id__in=SHIPPED)
    } == imported
    symbols = [data["adopted_symbol"] for data in series.PLENARY_VOTES] + ["A/RES/69/188"]
    assert Resolution.objects.filter(adopted_symbol__in=symbols).count() == len(symbols)
    # The campaign works on the series the importer recognised.
    campaign = Campaign.objects.get()
    assert set(campaign.series.resolutions.values_list("adopted_symbol", flat=True)) >= set(symbols)
    assert load_demo().nothing_changed
