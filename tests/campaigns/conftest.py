"""Fixtures of the roll-over and suggested-targets tests: a series with four recorded plenary roll
calls (2011-2014, sessions 66-69) and a campaign of the organization on its latest draft."""

import datetime
from dataclasses import dataclass

import pytest

from campaigns.models import Campaign, Threshold
from tests import factories
from unrecord.models import Resolution, ResolutionSeries, Session

# Each state's votes in 2011, 2012, 2013, 2014; "-" not listed.
VOTES = {
    "BWA": "YYYA",  # abstained after voting yes
    "PAN": "YYNN",  # changed to no
    "AUS": "YYYY",  # steady: nothing to suggest
    "JPN": "YY--",  # absent since 2013
    "CHL": "AAAY",  # changed to yes
}


@dataclass
class SeriesCampaign:
    campaign: Campaign
    series: ResolutionSeries
    drafts: dict[int, Resolution]  # by session number


def session(number: int) -> Session:
    return Session.objects.get_or_create(body=factories.body("GA"), number=number)[0]


@pytest.fixture
def series_campaign(organization) -> SeriesCampaign:
    series = factories.ResolutionSeriesFactory(name="Situation of human rights in Freedonia")
    drafts = {}
    for index, (number, year) in enumerate(zip(range(66, 70), range(2011, 2015), strict=True)):
        day = datetime.date(year, 12, 18)
        draft = factories.ResolutionFactory(
            series=series, session=session(number), adopted_symbol=f"A/RES/{number}/188", adopted_on=day
        )
        event = factories.VoteEventFactory(resolution=draft, date=day, session=draft.session)
        for iso3, choices in VOTES.items():
            if choices[index] != "-":
                factories.RecordedVoteFactory(
                    vote_event=event, state=factories.state(iso3), choice=choices[index]
                )
        drafts[number] = draft
    campaign = factories.CampaignFactory(owner=organization, name="Freedonia 2014", series=series)
    campaign.resolutions.add(drafts[69])
    campaign.bodies.add(factories.body("GA-C3"))
    factories.TargetFactory(
        campaign=campaign, state=factories.state("PAN"), priority=1, rationale="Swing vote"
    )
    Threshold.objects.create(campaign=campaign, kind="min_yes", value=100, resolution=drafts[69])
    Threshold.objects.create(campaign=campaign, kind="adopted", resolution=drafts[69])
    return SeriesCampaign(campaign, series, drafts)
