"""The admin's index is the user's home: their follow-ups due, their organization's next meetings
and side events, what changed in their campaigns since their last visit, the next votes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advocacy.models import FollowUp
from desk.models import HomeVisit
from tests import factories
from tests.desk.conftest import days

pytestmark = pytest.mark.django_db


def _home(client) -> str:
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


def test_my_follow_ups_overdue_and_due_this_week(staff_client, staff_user, manager_user, organization):
    def follow_up(description, due_on, **fields):
        fields.setdefault("assignee", staff_user)
        factories.FollowUpFactory(owner=organization, description=description, due_on=due_on, **fields)

    follow_up("Send the report to Kenya", days(-2))
    follow_up("Call the mission of Ghana", days(3))
    follow_up("Plan next month", days(20))
    follow_up("Already sent", days(-1), status=FollowUp.Status.DONE, completed_on=days(-1))
    follow_up("The manager's own task", days(1), assignee=manager_user)
    section = _section(_home(staff_client), "my-follow-ups")
    overdue, this_week = section.split("Due this week")
    assert "Send the report to Kenya" in overdue and "Call the mission of Ghana" in this_week
    for absent in ("Plan next month", "Already sent", "The manager's own task"):
        assert absent not in section


def test_my_organizations_next_meetings_and_side_events(staff_client, organization):
    meeting = factories.MeetingFactory(owner=organization, date=days(2), place="Mission of Kenya")
    meeting.states.add(factories.state("KEN"))
    factories.MeetingFactory(owner=organization, date=days(-2), place="Held last week")
    factories.SideEventFactory(owner=organization, title="Panel on accountability", date=days(5))
    section = _section(_home(staff_client), "next-meetings")
    assert "Kenya" in section and "Panel on accountability" in section
    assert "Held last week" not in section


def _new_session(client, user):
    client.logout()  # logging in again as the same user would keep the session's data
    client.force_login(user)


def test_what_changed_in_my_campaigns_since_my_last_visit(client, staff_user, organization):
    campaign = factories.CampaignFactory(owner=organization, name="DPRK 2026")
    HomeVisit.objects.create(user=staff_user, last_visit_at=timezone.now() - datetime.timedelta(hours=1))
    factories.MeetingFactory(owner=organization).campaigns.add(campaign)
    factories.TargetFactory(campaign=campaign)
    factories.StanceFactory(campaign=campaign)
    _new_session(client, staff_user)
    news = _section(_home(client), "campaign-news")
    assert "DPRK 2026" in news
    assert "1 new meeting." in news and "1 new target." in news and "1 new stance." in news
    assert "1 new meeting." in _section(_home(client), "campaign-news"), "a reload keeps the news"
    _new_session(client, staff_user)
    assert "Nothing new since your last visit" in _section(_home(client), "campaign-news")


def test_a_first_visit_shows_the_week_before(staff_client, staff_user, organization):
    _home(staff_client)
    visit = HomeVisit.objects.get(user=staff_user)
    assert timezone.now() - visit.last_visit_at < datetime.timedelta(minutes=1)


def test_the_next_votes_of_my_campaigns(staff_client, organization):
    series = factories.ResolutionSeriesFactory()
    last_year = factories.ResolutionFactory(series=series, session=factories.SessionFactory(number=80))
    factories.VoteEventFactory(
        resolution=last_year, body=factories.body("GA-C3"), date=days(40).replace(year=days(40).year - 1)
    )
    factories.CampaignFactory(owner=organization, name="Series campaign", series=series)
    section = _section(_home(staff_client), "next-votes")
    assert "Series campaign" in section and "(expected)" in section
    assert days(40).strftime("%-d %b %Y") in section


def test_the_index_no_longer_lists_the_applications(staff_client):
    html = _home(staff_client)
    assert "Models in the" not in html
    assert 'action="/desk/search/"' in html and 'name="q"' in html


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        _home(client)
    return len(queries)


def _some_of_everything(organization, user, campaign, n: int):
    for i in range(n):
        factories.FollowUpFactory(owner=organization, assignee=user, due_on=days(i - 2))
        factories.MeetingFactory(owner=organization, date=days(i)).campaigns.add(campaign)
        factories.SideEventFactory(owner=organization, date=days(i))


def test_the_homes_query_count_does_not_grow_with_rows(
    client, staff_user, organization, django_assert_num_queries
):
    campaign = factories.CampaignFactory(owner=organization, series=factories.ResolutionSeriesFactory())
    client.force_login(staff_user)
    _some_of_everything(organization, staff_user, campaign, 1)
    _home(client)  # the first visit creates the visit's row
    with django_assert_num_queries(22):
        _home(client)
    _some_of_everything(organization, staff_user, factories.CampaignFactory(owner=organization), 6)
    assert _queries(client) == 22
