"""Logging outreach in the admin: fast defaults, the rules, the actions."""

import datetime

import pytest
from django.utils import timezone

from advocacy.models import FollowUp, Meeting, SideEvent
from tests import factories

pytestmark = pytest.mark.django_db

EMPTY_FOLLOW_UPS = {"follow_ups-TOTAL_FORMS": 0, "follow_ups-INITIAL_FORMS": 0}
EMPTY_INCIDENTS = {"incidents-TOTAL_FORMS": 0, "incidents-INITIAL_FORMS": 0}
EMPTY_STANCES = {"stances-TOTAL_FORMS": 0, "stances-INITIAL_FORMS": 0}


def test_a_new_meeting_defaults_to_today_and_to_the_users_organization(staff_client, staff_user):
    page = staff_client.get("/admin/advocacy/meeting/add/").content.decode()
    # Shown as a browser that names no language writes it (en-gb, day first: config/settings.py).
    assert f'name="date" value="{timezone.localdate():%d/%m/%Y}"' in page
    response = staff_client.post(
        "/admin/advocacy/meeting/add/",
        {
            "date": timezone.localdate().isoformat(),
            "states": [factories.state("BWA").pk],
            **EMPTY_FOLLOW_UPS,
            **EMPTY_STANCES,
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.owner == staff_user.organization
    assert meeting.date == timezone.localdate()


def test_the_owner_cannot_be_chosen_by_staff(staff_client, other_organization):
    staff_client.post(
        "/admin/advocacy/meeting/add/",
        {"date": "2014-10-23", "owner": other_organization.pk, **EMPTY_FOLLOW_UPS, **EMPTY_STANCES},
    )
    assert Meeting.objects.get().owner != other_organization


def test_the_only_active_campaign_is_preselected(staff_client, organization):
    campaign = factories.CampaignFactory(owner=organization, status="active")
    page = staff_client.get("/admin/advocacy/meeting/add/").content.decode()
    assert f'<option value="{campaign.pk}" selected>' in page


def test_follow_ups_logged_with_a_meeting_belong_to_its_owner(staff_client, staff_user):
    staff_client.post(
        "/admin/advocacy/meeting/add/",
        {
            "date": "2014-10-23",
            "follow_ups-TOTAL_FORMS": 1,
            "follow_ups-INITIAL_FORMS": 0,
            "follow_ups-0-description": "Send the COI report",
            "follow_ups-0-assignee": staff_user.pk,
            "follow_ups-0-due_on": "2014-10-30",
            "follow_ups-0-status": "open",
            **EMPTY_STANCES,
        },
    )
    follow_up = FollowUp.objects.get()
    assert follow_up.owner == staff_user.organization and follow_up.meeting == Meeting.objects.get()


def test_a_side_event_at_headquarters_needs_a_cosponsoring_state(staff_client, organization):
    data = {
        "title": "North Korea: accountability",
        "date": "2014-10-22",
        "location": "unhq",
        "organizers": [organization.pk],
        **EMPTY_INCIDENTS,
    }
    response = staff_client.post("/admin/advocacy/sideevent/add/", data)
    assert "needs at least one co-sponsoring member state" in response.content.decode()
    assert not SideEvent.objects.exists()
    staff_client.post("/admin/advocacy/sideevent/add/", {**data, "cosponsors": [factories.state("AUS").pk]})
    assert SideEvent.objects.get().cosponsors.get().iso3 == "AUS"


def test_a_geneva_side_event_needs_no_cosponsor(staff_client, organization):
    staff_client.post(
        "/admin/advocacy/sideevent/add/",
        {
            "title": "Parallel event",
            "date": "2014-03-17",
            "location": "geneva",
            "organizers": [organization.pk],
            **EMPTY_INCIDENTS,
        },
    )
    assert SideEvent.objects.exists()


def test_mark_done_closes_only_the_users_own_open_follow_ups(
    staff_client, organization, partner_organization
):
    mine = factories.FollowUpFactory(owner=organization)
    shared = factories.FollowUpFactory(owner=partner_organization, shared_with_partners=True)
    staff_client.post(
        "/admin/advocacy/followup/",
        {"action": "mark_done", "_selected_action": [mine.pk, shared.pk]},
    )
    mine.refresh_from_db()
    shared.refresh_from_db()
    assert (mine.status, mine.completed_on) == ("done", timezone.localdate())
    assert shared.status == "open"


def test_overdue_filter(staff_client, organization):
    factories.FollowUpFactory(owner=organization, description="late one", due_on=datetime.date(2014, 1, 1))
    factories.FollowUpFactory(
        owner=organization,
        description="future one",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    page = staff_client.get("/admin/advocacy/followup/", {"due": "overdue"}).content.decode()
    assert "late one" in page and "future one" not in page


def test_export_selection_as_csv(staff_client, organization):
    meeting = factories.MeetingFactory(owner=organization, place="Mission of Botswana")
    meeting.states.add(factories.state("BWA"))
    response = staff_client.post(
        "/admin/advocacy/meeting/", {"action": "export_as_csv", "_selected_action": [meeting.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Date,Place,States met")
    assert "Mission of Botswana" in lines[1] and "Botswana" in lines[1]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/advocacy/meeting/",
        "/admin/advocacy/sideevent/",
        "/admin/advocacy/followup/",
        "/admin/advocacy/stance/",
        "/admin/campaigns/campaign/",
        "/admin/campaigns/target/",
        "/admin/documents/document/",
        "/admin/directory/person/",
        "/admin/directory/organization/",
        "/admin/unrecord/memberstate/",
        "/admin/unrecord/resolution/",
        "/admin/unrecord/voteevent/",
        "/admin/unrecord/voteimport/",
        "/admin/unrecord/session/",
        "/admin/unrecord/sponsorship/",
        "/admin/unrecord/draftrevision/",
        "/admin/unrecord/statecodealias/",
        "/admin/campaigns/threshold/",
        "/admin/advocacy/incident/",
        "/admin/documents/signature/",
        "/admin/advocacy/meeting/add/",
        "/admin/advocacy/sideevent/add/",
        "/admin/documents/document/add/",
        "/admin/campaigns/campaign/add/",
    ],
)
def test_every_admin_page_renders_for_a_manager(client, manager_user, path):
    client.force_login(manager_user)
    assert client.get(path).status_code == 200
