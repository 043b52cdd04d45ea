"""The desk's rooms ask the access policy: the home (the admin's index) and the calendar feed show
nothing of a stranger's or of a partner's unshared records, no meeting's confidential notes, and a
protected person only by their pseudonym."""

import icalendar
import pytest
from django.test import Client

from tests import factories
from tests.desk.conftest import days
from tests.desk.test_calendar import subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(organization, partner_organization, other_organization, staff_user):
    """Our campaign and meeting, and meetings, side events and stances of others filed under or
    about it: what a careless query would count or list."""
    campaign = factories.CampaignFactory(owner=organization, name="Our campaign")
    ours = factories.MeetingFactory(owner=organization, date=days(1), confidential_notes="SECRET NOTE")
    witness = factories.ProtectedPersonFactory(protected_by=organization, name="Witness A")
    ours.representatives.add(witness)
    for owner, shared in [(partner_organization, False), (other_organization, True)]:
        meeting = factories.MeetingFactory(owner=owner, date=days(1), place=f"Place of {owner.name}")
        meeting.campaigns.add(campaign)
        factories.SideEventFactory(
            owner=owner, title=f"Event of {owner.name}", date=days(2), shared_with_partners=shared
        )
        factories.FollowUpFactory(owner=owner, description=f"Task of {owner.name}", due_on=days(1))
    factories.MeetingFactory(
        owner=partner_organization, date=days(1), place="Shared by the partner", shared_with_partners=True
    )
    return {"witness": witness}


def _texts_of_others(partner_organization, other_organization) -> list[str]:
    return [
        text
        for org in (partner_organization, other_organization)
        for text in (f"Place of {org.name}", f"Event of {org.name}", f"Task of {org.name}")
    ]


def test_the_home_shows_nothing_of_others(staff_client, records, partner_organization, other_organization):
    html = staff_client.get("/admin/").content.decode()
    for text in _texts_of_others(partner_organization, other_organization):
        assert text not in html
    assert "SECRET NOTE" not in html
    assert "Nothing new since your last visit" in html, "others' meetings under our campaign are not news"


def test_the_feed_shows_nothing_of_others_nor_secrets(
    staff_client, records, partner_organization, other_organization
):
    body = Client().get(subscribe(staff_client)).content.decode()
    icalendar.Calendar.from_ical(body)
    unfolded = body.replace("\r\n ", "")
    for text in [
        *_texts_of_others(partner_organization, other_organization),
        "Shared by the partner",
        "SECRET NOTE",
    ]:
        assert text not in unfolded
    assert "Witness A" in unfolded
    assert records["witness"].identity.real_name not in unfolded
