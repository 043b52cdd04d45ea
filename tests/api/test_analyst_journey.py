"""What the README promises an analyst with a token, done as the README says: every state's
votes on the DPRK resolutions 2005–2015 as CSV pages followed by their Link header, two states'
coincidence, and a campaign's scoreboard."""

import base64
import csv
import datetime
import io

import pytest
from django.core.cache import cache

from campaigns.models import Campaign
from demo.loader import load_demo
from tests import factories
from unrecord.models import RecordedVote, ResolutionSeries

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def token(client, organization):
    cache.clear()  # login throttling
    factories.UserFactory(organization=organization, role="analyst", username="analyst")
    credentials = base64.b64encode(f"analyst:{PASSWORD}".encode()).decode()
    response = client.post("/api/v1/auth/login/", HTTP_AUTHORIZATION=f"Basic {credentials}")
    return response.json()["token"]


@pytest.fixture
def dprk_record(db):
    """The series voted in 2005–2015 (and once in 2016, outside the range asked for)."""
    series = ResolutionSeries.objects.create(name="Human rights in the DPRK", title_key="dprk human rights")
    for year in range(2005, 2017):
        session = factories.SessionFactory(number=year - 1945)
        event = factories.VoteEventFactory(
            resolution=factories.ResolutionFactory(series=series, session=session),
            date=datetime.date(year, 12, 18),
        )
        RecordedVote.objects.bulk_create(
            RecordedVote(vote_event=event, state=factories.state(code), choice=choice)
            for code, choice in [
                ("USA", "Y"),
                ("PRK", "N"),
                ("CHN", "N"),
                ("BWA", "A" if year < 2014 else "Y"),
            ]
        )
    return series


def _csv_pages(client, url, token) -> list[dict]:
    rows = []
    while url:
        response = client.get(url, HTTP_AUTHORIZATION=f"Token {token}")
        assert response.status_code == 200, response.content
        rows += csv.DictReader(io.StringIO(response.content.decode()))
        url = _next_link(response)
    return rows


def _next_link(response) -> str | None:
    link = response.headers.get("Link")
    return link[1 : link.index(">")] if link else None


def test_an_analyst_pulls_a_series_votes_by_date_as_csv_pages(client, token, dprk_record):
    symbol = dprk_record.resolutions.get(session__number=69).draft_symbol
    found = client.get(f"/api/v1/resolutions/?symbol={symbol}", HTTP_AUTHORIZATION=f"Token {token}").json()
    series_id = found["results"][0]["series"]  # as the README finds it
    url = (
        f"/api/v1/recorded-votes/?format=csv&page_size=5&series={series_id}"
        "&date_after=2005-01-01&date_before=2015-12-31"
    )
    rows = _csv_pages(client, url, token)
    assert len(rows) == 11 * 4
    assert {row["date"][:4] for row in rows} == {str(year) for year in range(2005, 2016)}
    assert {row["state"] for row in rows} == {"USA", "PRK", "CHN", "BWA"}


def test_an_analyst_compares_two_states(client, token, dprk_record):
    params = {"state_a": "PRK", "state_b": "CHN", "series": dprk_record.pk}
    response = client.get("/api/v1/coincidence/", params, HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200 and response.json()["score"] == 1


def test_an_analyst_fetches_a_campaigns_scoreboard(client, db):
    cache.clear()
    load_demo()
    campaign = Campaign.objects.get()
    factories.UserFactory(organization=campaign.owner, role="analyst", username="reader")
    credentials = base64.b64encode(f"reader:{PASSWORD}".encode()).decode()
    token = client.post("/api/v1/auth/login/", HTTP_AUTHORIZATION=f"Basic {credentials}").json()["token"]
    rows = _csv_pages(client, f"/api/v1/campaigns/{campaign.pk}/scoreboard/?format=csv", token)
    assert len(rows) == campaign.targets.count() and rows[0]["projected_vote"]
