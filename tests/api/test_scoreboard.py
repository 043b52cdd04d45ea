"""A campaign's scoreboard over the API, on the demo campaign (A/RES/69/188)."""

import csv
import io

import pytest

from campaigns.models import Campaign
from demo.loader import load_demo
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(db):
    load_demo()
    return Campaign.objects.get()


@pytest.fixture
def demo_analyst(client, campaign):
    client.force_login(factories.UserFactory(organization=campaign.owner, role="analyst", username="reader"))
    return client


def _url(campaign, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"/api/v1/campaigns/{campaign.pk}/scoreboard/" + (f"?{query}" if query else "")


def test_each_target_shows_its_wanted_vote_stance_projection_and_actual_vote(demo_analyst, campaign):
    rows = demo_analyst.get(_url(campaign)).json()
    assert len(rows) == campaign.targets.count()
    botswana = next(row for row in rows if row["iso3"] == "BWA")
    assert (
        botswana["wanted_vote"] == "Y" and botswana["actual_vote"] == "Y" and botswana["target_met"] is True
    )
    assert botswana["stance_position"] and botswana["projected_vote"] == "Y" and botswana["projected_reason"]
    assert [row["priority"] for row in rows] == sorted(row["priority"] for row in rows)


def test_before_the_vote_nothing_is_met_yet(demo_analyst, campaign):
    rows = demo_analyst.get(_url(campaign, as_of="2014-11-01")).json()
    assert {row["actual_vote"] for row in rows} == {None} and {row["target_met"] for row in rows} == {None}


def test_all_states_lists_every_state_with_a_seat(demo_analyst, campaign):
    rows = demo_analyst.get(_url(campaign, all_states="true")).json()
    assert len(rows) == 193
    assert sum(row["actual_vote"] == "Y" for row in rows) == 116


def test_the_scoreboard_comes_as_csv(demo_analyst, campaign):
    response = demo_analyst.get(_url(campaign, format="csv"))
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response.status_code == 200 and len(table) == campaign.targets.count()
    assert {"iso3", "wanted_vote", "stance_position", "projected_vote", "actual_vote"} <= set(table[0])


@pytest.mark.parametrize("params", [{"as_of": "yesterday"}, {"all_states": "maybe"}])
def test_bad_parameters_are_a_400(demo_analyst, campaign, params):
    response = demo_analyst.get(_url(campaign, **params))
    assert response.status_code == 400 and set(params) <= set(response.json())


def test_another_organizations_campaign_is_not_found(client, outsider_user, campaign):
    client.force_login(outsider_user)
    assert client.get(_url(campaign)).status_code == 404
    assert client.get("/api/v1/campaigns/999999/scoreboard/").status_code == 404


@pytest.mark.parametrize("params", [{}, {"all_states": "true"}])
def test_the_scoreboard_query_count_is_pinned_whatever_the_number_of_states(
    demo_analyst, campaign, django_assert_num_queries, params
):
    # session, user, the campaign; then the scoreboard's own: the resolution, its
    # decisive vote, the votes before it, the states, the stances (twice), the thresholds, the
    # actual votes, the targets.
    with django_assert_num_queries(3 + 9):
        assert demo_analyst.get(_url(campaign, **params)).status_code == 200
