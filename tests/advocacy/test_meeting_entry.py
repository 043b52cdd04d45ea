"""The meeting form writes the meeting, the stances said at it and its follow-ups with one call of
record_meeting; a new follow-up row is due a week on and is the user's unless changed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from advocacy import services
from advocacy.models import FollowUp, Meeting, Stance
from tests import factories

pytestmark = pytest.mark.django_db

ADD = "/admin/advocacy/meeting/add/"
NO_ROWS = {"stances-TOTAL_FORMS": 0, "stances-INITIAL_FORMS": 0}


def _rows(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": initial}
    for number, row in enumerate(rows):
        data |= {f"{prefix}-{number}-{name}": value for name, value in row.items()}
    return data


def _follow_up(user, **values) -> dict:
    return {"description": "", "assignee": user.pk, "due_on": _a_week_on(), "status": "open", **values}


def _a_week_on() -> str:
    return (timezone.localdate() + datetime.timedelta(days=7)).isoformat()


@pytest.fixture
def calls(monkeypatch):
    """The calls of record_meeting, which still does its work."""
    made = []

    def spy(**kwargs):
        made.append(kwargs)
        return record_meeting(**kwargs)

    record_meeting = services.record_meeting
    monkeypatch.setattr(services, "record_meeting", spy)
    return made


def test_a_meeting_its_two_stances_and_its_follow_up_are_one_call_of_the_service(
    staff_client, staff_user, calls
):
    resolution = factories.ResolutionFactory()
    kenya, ivory_coast = factories.state("KEN"), factories.state("CIV")
    response = staff_client.post(
        ADD,
        {
            "date": "2026-03-02",
            "states": [kenya.pk, ivory_coast.pk],
            "resolutions": [resolution.pk],
            "ask": "Vote yes",
            **_rows("stances", [{"state": kenya.pk, "position": "supports", "confidence": "medium"},
                                {"state": ivory_coast.pk, "position": "undecided", "confidence": "medium"}]),
            **_rows("follow_ups", [_follow_up(staff_user, description="Send the report")]),
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert len(calls) == 1
    meeting = Meeting.objects.get()
    assert {(s.state.iso3, s.position, s.resolution) for s in meeting.stances.all()} == {
        ("KEN", "supports", resolution),
        ("CIV", "undecided", resolution),
    }
    follow_up = meeting.follow_ups.get()
    assert (follow_up.description, follow_up.owner, follow_up.assignee) == (
        "Send the report",
        staff_user.organization,
        staff_user,
    )


def test_a_new_follow_up_row_is_due_a_week_on_and_assigned_to_the_user(staff_client, staff_user):
    response = staff_client.get(ADD)
    (follow_ups,) = [
        f.formset for f in response.context_data["inline_admin_formsets"] if f.formset.model is FollowUp
    ]
    row = follow_ups.forms[0]
    assert row["due_on"].value() == timezone.localdate() + datetime.timedelta(days=7)
    assert row["assignee"].value() == staff_user.pk


def test_a_follow_up_row_left_at_its_defaults_writes_nothing(staff_client, staff_user):
    response = staff_client.post(
        ADD, {"date": "2026-03-02", **NO_ROWS, **_rows("follow_ups", [_follow_up(staff_user)])}
    )
    assert response.status_code == 302
    assert Meeting.objects.exists() and not FollowUp.objects.exists()


def test_a_stance_rows_position_is_blank_until_picked(staff_client):
    response = staff_client.get(ADD)
    (stances,) = [
        f.formset for f in response.context_data["inline_admin_formsets"] if f.formset.model is Stance
    ]
    assert stances.forms[0].fields["position"].choices[0][0] == ""


def test_a_stance_row_holding_only_the_state_the_form_filled_in_writes_nothing(staff_client):
    kenya = factories.state("KEN")
    rows = _rows("stances", [{"state": kenya.pk, "position": "", "confidence": "medium", "note": ""}])
    response = staff_client.post(
        ADD, {"date": "2026-03-02", "states": [kenya.pk], **rows, **_rows("follow_ups", [])}
    )
    assert response.status_code == 302, response.context_data["errors"]
    assert Meeting.objects.get().stances.count() == 0


def test_the_change_page_changes_and_deletes_follow_ups_through_the_service(
    client, manager_user, organization, calls
):
    client.force_login(manager_user)  # only managers delete
    meeting = factories.MeetingFactory(owner=organization)
    kept, dropped = factories.FollowUpFactory.create_batch(2, owner=organization, meeting=meeting)
    same = {"meeting": meeting.pk, "assignee": kept.assignee_id}
    rows = [
        _follow_up(manager_user, **same, id=kept.pk, description="Call again", due_on="2026-04-01"),
        _follow_up(manager_user, **same, id=dropped.pk, description="x", due_on="2026-04-01", DELETE="on"),
    ]
    response = client.post(
        f"/admin/advocacy/meeting/{meeting.pk}/change/",
        {"date": "2026-03-02", **NO_ROWS, **_rows("follow_ups", rows, initial=2)},
    )
    assert response.status_code == 302
    assert len(calls) == 1
    assert list(meeting.follow_ups.values_list("description", "due_on")) == [
        ("Call again", datetime.date(2026, 4, 1))
    ]


def test_a_follow_up_of_another_meeting_is_refused_and_nothing_is_written(staff_user, organization):
    elsewhere = factories.FollowUpFactory(
        owner=organization, meeting=factories.MeetingFactory(owner=organization)
    )
    with pytest.raises(ValidationError, match="not a follow-up of this meeting"):
        services.record_meeting(
            author=staff_user,
            record=Meeting(),
            data={"date": datetime.date(2026, 3, 2), "ask": "Never saved"},
            follow_ups=[{"follow_up": elsewhere, "description": "Taken over"}],
        )
    assert not Meeting.objects.filter(ask="Never saved").exists()
    elsewhere.refresh_from_db()
    assert elsewhere.description != "Taken over"


def test_the_service_adds_follow_ups_owned_by_the_authors_organization(staff_user):
    meeting = services.record_meeting(
        author=staff_user,
        record=Meeting(),
        data={"date": datetime.date(2026, 3, 2)},
        follow_ups=[
            {"description": "Send the report", "assignee": staff_user, "due_on": datetime.date(2026, 3, 9)}
        ],
    )
    follow_up = meeting.follow_ups.get()
    assert (follow_up.owner, follow_up.status) == (staff_user.organization, "open")
