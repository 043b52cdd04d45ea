"""Meetings and follow-ups in and out of spreadsheets: recorded through their services as the
admin records them; a partner's export of a shared meeting never holds its confidential notes."""

import datetime

import pytest
from django.utils import timezone

from advocacy.models import FollowUp, Meeting
from tests import factories
from tests.spreadsheets import csv_file, exported_rows, import_rows, xlsx_file

pytestmark = pytest.mark.django_db

MEETINGS, FOLLOW_UPS = "/admin/advocacy/meeting/", "/admin/advocacy/followup/"
MEETING_HEADER = ["date", "place", "states", "campaigns", "representatives", "ask", "confidential_notes"]


def test_staff_import_meetings_from_a_csv_file(client, staff_user, organization):
    campaign = factories.CampaignFactory(owner=organization, name="DPRK 2026")
    envoy = factories.PersonFactory(name="Jane Mwangi")
    client.force_login(staff_user)
    rows = [
        MEETING_HEADER,
        ["31/03/2026", "Mission of Kenya", "Kenya; BWA", "dprk 2026", envoy.name, "Vote yes", "x"],
    ]
    import_rows(client, MEETINGS, csv_file(rows))
    meeting = Meeting.objects.get()
    assert (meeting.date, meeting.owner, meeting.confidential_notes) == (
        datetime.date(2026, 3, 31),
        organization,
        "x",
    )
    assert sorted(meeting.states.values_list("iso3", flat=True)) == ["BWA", "KEN"]
    assert list(meeting.campaigns.all()) == [campaign]
    assert list(meeting.representatives.all()) == [envoy]


def test_staff_import_meetings_from_an_excel_file_with_excel_dates(client, staff_user):
    client.force_login(staff_user)
    import_rows(
        client,
        MEETINGS,
        xlsx_file([["date", "states", "ask"], [datetime.date(2026, 4, 2), "GHA", "Co-sponsor"]]),
    )
    meeting = Meeting.objects.get()
    assert (meeting.date, [s.iso3 for s in meeting.states.all()]) == (datetime.date(2026, 4, 2), ["GHA"])


def test_a_partners_export_of_a_shared_meeting_leaves_out_its_confidential_notes_and_campaigns(
    client, partner_user, organization, other_organization
):
    meeting = factories.MeetingFactory(
        owner=organization, shared_with_partners=True, confidential_notes="Secret"
    )
    meeting.campaigns.add(factories.CampaignFactory(owner=organization, name="Unshared campaign"))
    factories.MeetingFactory(owner=other_organization, place="Stranger's meeting", shared_with_partners=True)
    client.force_login(partner_user)
    response = client.post(f"{MEETINGS}export/", {"format": "0", "resource": "0"})
    [row] = exported_rows(response)
    assert (row["id"], row["confidential_notes"], row["campaigns"]) == (str(meeting.pk), "", "")
    assert b"Secret" not in response.content and b"Unshared" not in response.content


def test_staff_import_follow_ups_from_csv_and_excel(client, staff_user, manager_user, organization):
    client.force_login(staff_user)
    header = ["description", "assignee", "due_on", "status", "completed_on", "state"]
    import_rows(client, FOLLOW_UPS, csv_file([header, ["Send the brief", "", "2026-04-07", "", "", "Kenya"]]))
    import_rows(
        client,
        FOLLOW_UPS,
        xlsx_file([header, ["Call back", "manager", "07/04/2026", "done", "2026-04-08", ""]]),
    )
    imported = [(f.description, f.assignee, f.status, f.owner) for f in FollowUp.objects.order_by("id")]
    assert imported == [
        ("Send the brief", staff_user, "open", organization),  # the importer, when none is named
        ("Call back", manager_user, "done", organization),
    ]


def test_a_follow_up_cannot_be_assigned_to_another_organizations_user(client, staff_user, outsider_user):
    client.force_login(staff_user)
    upload = csv_file([["description", "assignee", "due_on"], ["Call", outsider_user.username, "2026-13-01"]])
    response = client.post(f"{FOLLOW_UPS}import/", {"format": "0", "resource": "0", "import_file": upload})
    assert response.context["problems"] == [
        "Row 2, assignee: no colleague called 'outsider'",
        "Row 2, due_on: “2026-13-01” is not a date written dd/mm/yyyy. Enter it as dd/mm/yyyy, e.g. "
        f"31/12/{timezone.localdate().year}, or as yyyy-mm-dd, e.g. {timezone.localdate().year}-12-31.",
    ]
    assert not FollowUp.objects.exists()


def test_a_date_cell_is_read_in_the_importers_own_order_of_day_and_month(client, staff_user):
    client.force_login(staff_user)
    rows = [["description", "due_on"], ["Call back", "05/12/2026"]]
    for language, due_on in (("en-GB", datetime.date(2026, 12, 5)), ("en-US", datetime.date(2026, 5, 12))):
        response = client.post(
            f"{FOLLOW_UPS}import/",
            {"format": "0", "resource": "0", "import_file": csv_file(rows)},
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert response.context["problems"] == []
        assert response.context["result"].rows[0].instance.due_on == due_on
