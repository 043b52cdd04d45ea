"""Stance history is kept; the current stance of a state is its latest."""

import datetime

import pytest
from django.db import IntegrityError
from django.db.models import ProtectedError

from advocacy.models import Position, Stance
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_current_stance_is_the_latest_and_the_history_stays(organization):
    campaign = factories.CampaignFactory(owner=organization)
    for day, position in [(1, Position.UNDECIDED), (20, Position.LEANING_YES), (10, Position.OPPOSES)]:
        factories.StanceFactory(campaign=campaign, position=position, as_of=datetime.date(2014, 10, day))
    factories.StanceFactory(campaign=campaign, state=factories.state("IND"), position=Position.ABSTAINS)

    current = {stance.state.iso3: stance.position for stance in Stance.objects.current()}
    assert current == {"BWA": Position.LEANING_YES, "IND": Position.ABSTAINS}
    assert Stance.objects.filter(state__iso3="BWA").count() == 3


def test_meeting_evidence_must_name_the_meeting(organization):
    campaign = factories.CampaignFactory(owner=organization)
    with pytest.raises(IntegrityError):
        factories.StanceFactory(campaign=campaign, evidence=Stance.Evidence.MEETING)


@pytest.mark.parametrize("evidence", ["meeting", "vote"])
def test_the_meeting_or_vote_a_stance_cites_cannot_be_deleted_from_under_it(organization, evidence):
    campaign = factories.CampaignFactory(owner=organization)
    cited = {
        "meeting": lambda: factories.MeetingFactory(owner=organization),
        "vote": factories.VoteEventFactory,
    }[evidence]()
    field = "meeting" if evidence == "meeting" else "vote_event"
    factories.StanceFactory(campaign=campaign, evidence=evidence, **{field: cited})
    with pytest.raises(ProtectedError):
        cited.delete()
    assert Stance.objects.filter(**{field: cited}).exists()
