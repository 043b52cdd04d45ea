"""A user's private calendar feed: a secret URL, shown once, that the user renews or revokes, and a
valid iCalendar of their organization's meetings and side events, their follow-ups and their
campaigns' next votes."""

import datetime

import icalendar
import pytest
from django.test import Client

from desk.models import CalendarFeed
from desk.views import NEW_FEED_TOKEN
from tests import factories
from tests.desk.conftest import days

pytestmark = pytest.mark.django_db


def subscribe(client) -> str:
    """Ask for a feed on its page, as a person does; the path of the URL shown (once)."""
    assert client.post("/desk/calendar/renew/").status_code == 302
    page = client.get("/desk/calendar/")
    url = page.context["feed_url"]
    assert url and url in page.content.decode()
    return url.removeprefix("http://testserver")


def fetch(path: str) -> icalendar.Calendar:
    response = Client().get(path)  # a calendar application: no session
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar) -> dict[str, icalendar.Event]:
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_url_is_shown_once_and_only_its_hash_is_kept(staff_client, staff_user):
    path = subscribe(staff_client)
    token = path.removeprefix("/desk/calendar/").removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=staff_user)
    assert feed.token_hash == CalendarFeed.hash_of(token) and token not in feed.token_hash
    again = staff_client.get("/desk/calendar/")
    assert again.context["feed_url"] == "" and token not in again.content.decode()
    assert NEW_FEED_TOKEN not in staff_client.session


def test_the_feed_holds_my_meetings_side_events_follow_ups_and_next_votes(
    staff_client, staff_user, organization
):
    meeting = factories.MeetingFactory(
        owner=organization, date=days(2), place="Mission of Kenya", ask="Vote yes"
    )
    meeting.states.add(factories.state("KEN"))
    factories.SideEventFactory(
        owner=organization, title="Panel", date=datetime.date(2030, 7, 1), starts_at=datetime.time(13, 15)
    )
    factories.FollowUpFactory(
        owner=organization, assignee=staff_user, description="Send the brief", due_on=days(1)
    )
    series = factories.ResolutionSeriesFactory()
    earlier = factories.ResolutionFactory(series=series, session=factories.SessionFactory(number=80))
    factories.VoteEventFactory(
        resolution=earlier, body=factories.body("GA"), date=days(30).replace(year=days(30).year - 1)
    )
    factories.CampaignFactory(owner=organization, name="Series campaign", series=series)

    found = events(fetch(subscribe(staff_client)))
    kenya = found["Meeting: Kenya"]
    assert kenya["dtstart"].params["VALUE"] == "DATE" and kenya.decoded("dtstart") == days(2)
    assert "Ask: Vote yes" in kenya["description"] and kenya["location"] == "Mission of Kenya"
    assert found["Follow-up due: Send the brief"].decoded("dtstart") == days(1)
    panel = found["Side event: Panel"].decoded("dtstart")  # Geneva's summer time is UTC+2
    assert panel == datetime.datetime(2030, 7, 1, 11, 15, tzinfo=datetime.UTC)
    [vote] = [event for summary, event in found.items() if summary.startswith("Expected vote: ")]
    assert "(Series campaign)" in vote["summary"] and vote.decoded("dtstart") == days(30)


def test_a_revoked_or_renewed_url_answers_404(staff_client):
    first = subscribe(staff_client)
    second = subscribe(staff_client)
    assert Client().get(first).status_code == 404
    fetch(second)
    assert staff_client.post("/desk/calendar/revoke/").status_code == 302
    assert Client().get(second).status_code == 404
    assert Client().get("/desk/calendar/not-a-secret.ics").status_code == 404


def test_a_deactivated_users_feed_answers_404(staff_client, staff_user):
    path = subscribe(staff_client)
    staff_user.is_active = False
    staff_user.save()
    assert Client().get(path).status_code == 404


def test_renewing_and_revoking_take_a_post_with_its_csrf_token(staff_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert client.get("/desk/calendar/renew/").status_code == 405
    assert client.post("/desk/calendar/renew/").status_code == 403
    assert client.post("/desk/calendar/revoke/").status_code == 403
    assert not CalendarFeed.objects.exists()


def test_the_feeds_query_count_does_not_grow_with_rows(
    staff_client, staff_user, organization, django_assert_num_queries
):
    path = subscribe(staff_client)
    campaign = factories.CampaignFactory(owner=organization, series=factories.ResolutionSeriesFactory())

    def some(n):
        for i in range(n):
            meeting = factories.MeetingFactory(owner=organization, date=days(i))
            meeting.states.add(factories.state("KEN"))
            meeting.representatives.add(factories.PersonFactory())
            meeting.campaigns.add(campaign)
            factories.SideEventFactory(owner=organization, date=days(i), starts_at=datetime.time(9))
            factories.FollowUpFactory(owner=organization, assignee=staff_user, due_on=days(i))

    some(1)
    with django_assert_num_queries(9):
        fetch(path)
    some(5)
    with django_assert_num_queries(9):
        assert len(fetch(path).walk("VEVENT")) == 18
