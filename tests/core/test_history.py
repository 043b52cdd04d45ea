"""Every change to domain data is recorded by database triggers, bulk changes included;
recorded votes are traced by their import instead."""

import pytest
from pghistory.models import Events

from advocacy.models import FollowUp, Meeting
from tests import factories
from unrecord.models import RecordedVote

pytestmark = pytest.mark.django_db


def _events(obj):
    return list(Events.objects.tracks(obj).order_by("pgh_created_at"))


def test_creating_and_changing_a_record_is_recorded_with_the_change(organization):
    meeting = factories.MeetingFactory(owner=organization, place="Mission of Botswana")
    meeting.place = "Mission of Panama"
    meeting.save()
    labels = [event.pgh_label for event in _events(meeting)]
    assert labels == ["insert", "update"]
    assert _events(meeting)[-1].pgh_diff["place"] == ["Mission of Botswana", "Mission of Panama"]


def test_bulk_updates_are_recorded_too(organization):
    follow_ups = factories.FollowUpFactory.create_batch(3, owner=organization)
    FollowUp.objects.filter(owner=organization).update(status="cancelled")
    for follow_up in follow_ups:
        assert [event.pgh_label for event in _events(follow_up)] == ["insert", "update"]


def test_deletions_are_recorded(organization):
    meeting = factories.MeetingFactory(owner=organization)
    meeting_id = meeting.pk
    meeting.delete()
    assert Meeting.pgh_event_models["delete"].objects.filter(pgh_obj_id=meeting_id).exists()


def test_many_to_many_changes_are_recorded(organization):
    meeting = factories.MeetingFactory(owner=organization)
    meeting.states.add(factories.state("BWA"))
    events = Events.objects.references(meeting).filter(pgh_model="advocacy.MeetingStateEvent")
    assert [event.pgh_label for event in events] == ["add"]


def test_changes_made_in_the_admin_record_who_made_them(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/admin/advocacy/meeting/add/",
        {
            "date": "2014-10-23",
            "ask": "Vote yes",
            "follow_ups-TOTAL_FORMS": 0,
            "follow_ups-INITIAL_FORMS": 0,
            "stances-TOTAL_FORMS": 0,
            "stances-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert _events(meeting)[0].pgh_context["user"] == staff_user.pk


def test_the_history_page_shows_who_changed_what(client, staff_user, organization):
    meeting = factories.MeetingFactory(owner=organization, place="Mission of Botswana")
    client.force_login(staff_user)
    client.post(
        f"/admin/advocacy/meeting/{meeting.pk}/change/",
        {
            "date": "2014-10-23",
            "place": "Mission of Panama",
            "follow_ups-TOTAL_FORMS": 0,
            "follow_ups-INITIAL_FORMS": 0,
            "stances-TOTAL_FORMS": 0,
            "stances-INITIAL_FORMS": 0,
        },
    )
    page = client.get(f"/admin/advocacy/meeting/{meeting.pk}/history/").content.decode()
    assert "staff" in page and "Mission of Panama" in page


def test_history_of_another_organizations_record_is_not_shown(client, outsider_user, organization):
    meeting = factories.MeetingFactory(owner=organization)
    client.force_login(outsider_user)
    assert client.get(f"/admin/advocacy/meeting/{meeting.pk}/history/").status_code == 404


def test_recorded_votes_carry_no_row_history_but_their_import():
    assert not hasattr(RecordedVote, "pgh_event_models")
    assert RecordedVote._meta.get_field("vote_import").related_model.__name__ == "VoteImport"
