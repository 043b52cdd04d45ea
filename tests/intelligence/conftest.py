"""Fixtures of the intelligence tests: a series, a campaign on it, and a way to record its votes."""

import pytest

from tests import factories
from tests.intelligence.builders import record_session


@pytest.fixture
def series(db):
    return factories.ResolutionSeriesFactory()


@pytest.fixture
def campaign(organization, series):
    """A campaign on the series' 69th-session resolution (not voted yet)."""
    campaign = factories.CampaignFactory(owner=organization, series=series)
    resolution = factories.ResolutionFactory(series=series, session=factories.SessionFactory(number=69))
    campaign.resolutions.add(resolution)
    return campaign


@pytest.fixture
def record(series):
    """Build the series' record: record(session, {iso3: choice}, body=...)."""
    return lambda session, votes, **options: record_session(series, session, votes, **options)
