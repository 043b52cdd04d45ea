"""A campaign's scoreboard and projection over the API, on the demo campaign (A/RES/69/188)."""

import csv
import datetime
import io
import math

import pytest

from campaigns.models import Campaign
from demo.loader import load_demo
from directory.models import User
from intelligence.projection import campaign_resolution, project_vote
from tests import factories

EVE = datetime.date(2014, 12, 17)

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


def test_each_row_gives_the_projected_votes_probabilities_and_whether_it_moved(demo_analyst, campaign):
    rows = demo_analyst.get(_url(campaign, all_states="true")).json()
    calls = {call.iso3: call for call in project_vote(campaign=campaign, as_of=EVE).calls}

    for row in rows:
        call = calls[row["iso3"]]
        probabilities = [row[f"projected_probability_{word}"] for word in ("yes", "no", "abstain", "absent")]
        assert probabilities == [call.probabilities[option] for option in "YNAX"]
        assert row["projected_confidence"] == call.confidence == max(probabilities)
        assert (row["projected_vote"], row["projected_moved"]) == (call.vote, call.moved)


def test_the_scoreboard_comes_as_csv(demo_analyst, campaign):
    response = demo_analyst.get(_url(campaign, format="csv"))
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response.status_code == 200 and len(table) == campaign.targets.count()
    assert {"iso3", "wanted_vote", "stance_position", "projected_vote", "actual_vote"} <= set(table[0])
    # The columns keep their order: the projected vote's between the stance's and the actual vote.
    columns = list(table[0])
    assert columns[0] == "iso3"
    assert columns.index("stance_confidence") < columns.index("projected_vote") < columns.index("actual_vote")
    assert "projected_probability_yes" in columns and "projected_moved" in columns


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


# The projection: totals, thresholds and the swing list ----------------------------------------


def _projection_url(campaign, **params):
    return _url(campaign, **params).replace("/scoreboard/", "/projection/")


def test_the_projection_gives_the_expected_tally_with_its_80_percent_interval(demo_analyst, campaign):
    body = demo_analyst.get(_projection_url(campaign)).json()
    totals = project_vote(campaign=campaign, as_of=EVE).totals  # held: the eve's projection

    assert body["as_of"] == "2014-12-17" and body["resolution"] == campaign_resolution(campaign).pk
    assert body["totals"] == {"expected": totals.expected, "low": totals.low, "high": totals.high}
    assert body["totals"]["low"]["Y"] <= body["totals"]["expected"]["Y"] <= body["totals"]["high"]["Y"]


def test_each_threshold_says_how_many_more_yes_votes_it_needs(demo_analyst, campaign):
    factories.ThresholdFactory(
        campaign=campaign, kind="min_yes", value=190, resolution=campaign_resolution(campaign)
    )
    expected_yes = project_vote(campaign=campaign, as_of=EVE).totals.expected["Y"]

    thresholds = {t["label"]: t for t in demo_analyst.get(_projection_url(campaign)).json()["thresholds"]}

    assert thresholds["At least 190 yes"]["more_yes_needed"] == math.ceil(190 - expected_yes)
    assert thresholds["At least 190 yes"]["status"] == "missed"
    assert thresholds["At least 100 yes (GA plenary)"]["more_yes_needed"] == 0
    adopted = thresholds["Draft adopted (Third Committee)"]
    assert (adopted["majority"], adopted["more_yes_needed"], adopted["status"]) == ("simple", 0, "met")
    assert thresholds["At most 25 no (GA plenary)"]["more_yes_needed"] is None


def test_a_manager_asks_for_two_thirds_and_the_projection_counts_so(client, campaign):
    manager = factories.UserFactory(organization=campaign.owner, role=User.Role.MANAGER)
    client.force_login(manager)
    created = client.post(
        "/api/v1/thresholds/",
        {"campaign": campaign.pk, "kind": "adopted", "majority": "two_thirds",
         "resolution": campaign_resolution(campaign).pk},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201 and created.json()["label"] == "Draft adopted by two-thirds"

    thresholds = client.get(_projection_url(campaign)).json()["thresholds"]
    (two_thirds,) = [t for t in thresholds if t["majority"] == "two_thirds"]
    assert "two-thirds of those voting yes or no" in two_thirds["explanation"]


def test_the_swing_list_ranks_moved_then_uncertain_states_targets_first(demo_analyst, campaign):
    swing = demo_analyst.get(_projection_url(campaign, as_of="2014-11-01")).json()["swing"]
    targets = set(campaign.targets.values_list("state__iso3", flat=True))

    assert 0 < len(swing) <= 10
    ranks = [(entry["projected_moved"] is None, -round(entry["uncertainty"], 2)) for entry in swing]
    assert ranks == sorted(ranks)
    for entry in swing:
        assert entry["is_target"] == (entry["iso3"] in targets) and entry["reason"]
        assert entry["uncertainty"] == pytest.approx(1 - entry["projected_confidence"], abs=0.001)
    assert len(demo_analyst.get(_projection_url(campaign, swing_limit=3)).json()["swing"]) <= 3


@pytest.mark.parametrize("params", [{"as_of": "soon"}, {"swing_limit": "-1"}, {"swing_limit": "many"}])
def test_bad_projection_parameters_are_a_400(demo_analyst, campaign, params):
    response = demo_analyst.get(_projection_url(campaign, **params))
    assert response.status_code == 400 and set(params) <= set(response.json())


def test_another_organizations_projection_is_not_found(client, outsider_user, campaign):
    client.force_login(outsider_user)
    assert client.get(_projection_url(campaign)).status_code == 404


def test_the_projection_query_count_is_pinned(demo_analyst, campaign, django_assert_num_queries):
    # session, user, the campaign; then the resolution, its decisive vote, the projection's own
    # (the votes before it, the states, the stances, the thresholds) and the targets.
    with django_assert_num_queries(3 + 7):
        assert demo_analyst.get(_projection_url(campaign)).status_code == 200
