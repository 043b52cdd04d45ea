"""Days to a campaign's next vote: a vote on record, or one expected from the series' calendar."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.schedule import campaigns_with_resolutions, vote_schedules
from tests import factories

pytestmark = pytest.mark.django_db


def _series_with_votes(series, session: int, *, committee: datetime.date, plenary: datetime.date):
    resolution = factories.ResolutionFactory(series=series, session=factories.SessionFactory(number=session))
    factories.VoteEventFactory(resolution=resolution, body=factories.body("GA-C3"), date=committee)
    factories.VoteEventFactory(resolution=resolution, body=factories.body("GA"), date=plenary)
    return resolution


def _schedule(campaign, today):
    campaigns = list(campaigns_with_resolutions(Campaign.objects.filter(pk=campaign.pk)))
    return vote_schedules(campaigns, today=today)[campaign.pk]


def test_the_next_vote_is_expected_when_the_series_voted_last_session(organization):
    series = factories.ResolutionSeriesFactory()
    _series_with_votes(series, 69, committee=datetime.date(2014, 11, 18), plenary=datetime.date(2014, 12, 18))
    campaign = factories.CampaignFactory(owner=organization, series=series)
    campaign.resolutions.add(
        factories.ResolutionFactory(series=series, session=factories.SessionFactory(number=70))
    )

    schedule = _schedule(campaign, datetime.date(2015, 11, 1))

    assert schedule.last_vote is None
    assert (schedule.next_vote.date, schedule.next_vote.body, schedule.next_vote.expected) == (
        datetime.date(2015, 11, 18),
        "Third Committee",
        True,
    )
    assert schedule.days_to_next_vote == 17


def test_once_the_committee_voted_the_plenary_is_next(organization):
    series = factories.ResolutionSeriesFactory()
    _series_with_votes(series, 69, committee=datetime.date(2014, 11, 18), plenary=datetime.date(2014, 12, 18))
    campaign = factories.CampaignFactory(owner=organization, series=series)
    resolution = factories.ResolutionFactory(series=series, session=factories.SessionFactory(number=70))
    campaign.resolutions.add(resolution)
    factories.VoteEventFactory(
        resolution=resolution, body=factories.body("GA-C3"), date=datetime.date(2015, 11, 19),
        yes_count=112, no_count=19, abstain_count=50,
    )  # fmt: skip

    schedule = _schedule(campaign, datetime.date(2015, 11, 25))

    assert (schedule.last_vote.date, schedule.last_vote.totals) == (datetime.date(2015, 11, 19), "112-19-50")
    assert schedule.days_since_last_vote == 6
    assert (schedule.next_vote.date, schedule.next_vote.body) == (datetime.date(2015, 12, 18), "GA plenary")


def test_a_campaign_whose_votes_are_held_has_none_to_come(demo_campaign):
    schedule = _schedule(demo_campaign, datetime.date(2015, 3, 1))

    assert schedule.next_vote is None
    assert (schedule.last_vote.date, schedule.last_vote.totals) == (datetime.date(2014, 12, 18), "116-20-53")


def test_without_a_series_the_next_vote_is_not_known(organization):
    campaign = factories.CampaignFactory(owner=organization)

    schedule = _schedule(campaign, datetime.date(2015, 3, 1))

    assert schedule.next_vote is None and schedule.last_vote is None and schedule.resolution is None


def test_the_list_shows_the_days_to_the_next_vote(client, manager_user, organization):
    expected = timezone.localdate() + datetime.timedelta(days=10)
    last_year = expected - datetime.timedelta(days=365)
    series = factories.ResolutionSeriesFactory()
    _series_with_votes(series, 80, committee=last_year, plenary=last_year + datetime.timedelta(days=30))
    campaign = factories.CampaignFactory(owner=organization, series=series, name="UNGA 81", status="active")
    campaign.resolutions.add(
        factories.ResolutionFactory(series=series, session=factories.SessionFactory(number=81))
    )
    client.force_login(manager_user)

    html = client.get("/dashboard/").content.decode()

    next_day = last_year.replace(year=last_year.year + 1)  # 10 days ahead, or 9 over a 29 February
    days = (next_day - timezone.localdate()).days
    assert "UNGA 81" in html
    assert f"in {days} days</strong>:\n          Third Committee, expected about {next_day:%-d %b %Y}" in html
