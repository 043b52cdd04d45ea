"""Every dashboard page runs a fixed number of queries, however many states, meetings, stances,
follow-ups and roll calls on its series its campaign has (pinned here, small and large, with an
empty figure cache)."""

import datetime

import pytest

from tests import factories
from unrecord.models import RecordedVote

SMALL = ["BWA", "PAN"]
LARGE = ["BWA", "PAN", "BRA", "IND", "IDN", "ZAF", "THA", "PHL", "NGA", "SEN", "GHA", "KEN", "AUS", "SGP"]
PLENARY_DAY = datetime.date(2014, 12, 18)


def _campaign(organization, user, iso3s: list[str], *, sessions: int = 2):
    """A campaign on a series with `sessions` sessions of votes (the last, the 69th's), and for
    each state a target, two stances, two meetings (a diplomat met, a colleague with us, each with
    a follow-up) and an overdue one."""
    series = factories.ResolutionSeriesFactory()
    campaign = factories.CampaignFactory(owner=organization, series=series, status="active")
    for session in range(70 - sessions, 70):
        day = PLENARY_DAY.replace(year=PLENARY_DAY.year - (69 - session))
        resolution = factories.ResolutionFactory(
            series=series, session=factories.SessionFactory(number=session)
        )
        event = factories.VoteEventFactory(
            resolution=resolution, date=day, yes_count=len(iso3s), no_count=0, abstain_count=0
        )
        RecordedVote.objects.bulk_create(
            RecordedVote(vote_event=event, state=factories.state(iso3), choice="Y") for iso3 in iso3s
        )
    campaign.resolutions.add(resolution)
    factories.ThresholdFactory(campaign=campaign, resolution=resolution, body=factories.body("GA"))
    diplomat = factories.PersonFactory(category="diplomat", state=factories.state(iso3s[0]))
    for iso3 in iso3s:
        state = factories.state(iso3)
        factories.TargetFactory(campaign=campaign, state=state)
        for day, position in (
            (datetime.date(2014, 10, 1), "undecided"),
            (datetime.date(2014, 11, 1), "supports"),
        ):
            factories.StanceFactory(campaign=campaign, state=state, as_of=day, position=position)
        for day in (datetime.date(2014, 10, 20), datetime.date(2014, 11, 5)):
            meeting = factories.MeetingFactory(owner=organization, date=day)
            meeting.states.add(state)
            meeting.campaigns.add(campaign)
            meeting.representatives.add(diplomat)
            meeting.attendees.add(factories.PersonFactory())
            factories.FollowUpFactory(owner=organization, assignee=user, meeting=meeting, due_on=day)
        factories.FollowUpFactory(owner=organization, assignee=user, campaign=campaign, state=state)
    return campaign


# A count that is flat is the same for few and many targeted states and roll calls on the series.
AT_EVERY_SIZE = pytest.mark.parametrize(
    ("iso3s", "sessions"),
    [(SMALL, 2), (LARGE, 2), (LARGE, 9)],
    ids=["2 states", "14 states", "14 states, 9 roll calls"],
)


@AT_EVERY_SIZE
def test_the_campaign_page_query_count_is_flat(
    client, manager_user, organization, iso3s, sessions, django_assert_num_queries
):
    campaign = _campaign(organization, manager_user, iso3s, sessions=sessions)
    client.force_login(manager_user)

    # 2 session and user, 1 campaign, 1 the filters' groups, 3 the resolution and its votes,
    # 1 the cache's key and 9 the scoreboard, 4 overdue follow-ups and recent meetings (each with
    # its meetings' states), 4 the outreach coverage, 1 the thresholds, 2 their outcomes, 1 the
    # vote by group, 1 the stance timeline, 2 the series' history (its decisions, and the
    # resolutions adopted with none on record).
    with django_assert_num_queries(32):
        assert client.get(f"/dashboard/campaigns/{campaign.pk}/").status_code == 200


def test_the_next_reader_of_the_day_gets_the_scoreboard_from_the_cache(
    client, manager_user, organization, django_assert_num_queries
):
    campaign = _campaign(organization, manager_user, SMALL)
    client.force_login(manager_user)
    client.get(f"/dashboard/campaigns/{campaign.pk}/")

    with django_assert_num_queries(32 - 9):
        assert client.get(f"/dashboard/campaigns/{campaign.pk}/").status_code == 200


@AT_EVERY_SIZE
def test_the_states_panel_query_count_is_flat(
    client, manager_user, organization, iso3s, sessions, django_assert_num_queries
):
    campaign = _campaign(organization, manager_user, iso3s, sessions=sessions)
    client.force_login(manager_user)

    # The page's first eight parts: everything but the charts and the figures at the top.
    with django_assert_num_queries(25):
        response = client.get(
            f"/dashboard/campaigns/{campaign.pk}/",
            {"group": "AFRICAN"},
            HTTP_HX_REQUEST="true",
            HTTP_HX_TARGET="states-panel",
        )
        assert response.status_code == 200


@AT_EVERY_SIZE
def test_the_state_page_query_count_is_flat(
    client, manager_user, organization, iso3s, sessions, django_assert_num_queries
):
    campaign = _campaign(organization, manager_user, iso3s, sessions=sessions)
    client.force_login(manager_user)

    # 2 session and user, 1 campaign, 1 state, 1 the cache's key and 9 the scoreboard, 1 the
    # target, 1 the stances, 1 the votes on the series, 2 the series' resolutions and how each was
    # decided (those adopted without a vote), 4 meetings with the people met, our side and
    # partners, 1 follow-ups.
    with django_assert_num_queries(24):
        assert client.get(f"/dashboard/campaigns/{campaign.pk}/states/BWA/").status_code == 200


@pytest.mark.parametrize(("count", "sessions"), [(1, 2), (6, 2), (6, 9)])
def test_the_campaign_list_query_count_is_flat(
    client, manager_user, organization, count, sessions, django_assert_num_queries
):
    for _ in range(count):
        _campaign(organization, manager_user, SMALL, sessions=sessions)
    client.force_login(manager_user)

    # 2 session and user, 1 campaigns, 1 their resolutions, 1 votes on them, 1 the series' calendar.
    with django_assert_num_queries(6):
        assert client.get("/dashboard/").status_code == 200
