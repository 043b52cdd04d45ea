"""The scoreboard and the vote that decides a draft."""

import dataclasses
import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from intelligence.selectors import campaign_scoreboard, decisive_vote_event
from tests import factories
from tests.intelligence.builders import plenary_day
from unrecord.models import MemberState

pytestmark = pytest.mark.django_db


def _vote(resolution, body, day, kind="draft"):
    return factories.VoteEventFactory(resolution=resolution, body=factories.body(body), date=day, kind=kind)


def test_the_plenary_vote_on_the_draft_decides_even_before_a_later_committee_vote(campaign):
    resolution = campaign.resolutions.get()
    plenary = _vote(resolution, "GA", datetime.date(2014, 12, 18))
    _vote(resolution, "GA-C3", datetime.date(2014, 12, 20))
    _vote(resolution, "GA", datetime.date(2014, 12, 19), kind="paragraph")

    assert decisive_vote_event(resolution) == plenary


def test_without_a_plenary_vote_the_latest_committee_vote_decides(campaign):
    resolution = campaign.resolutions.get()
    _vote(resolution, "GA-C3", datetime.date(2014, 11, 1))
    latest = _vote(resolution, "GA-C3", datetime.date(2014, 11, 18))

    assert decisive_vote_event(resolution) == latest
    assert decisive_vote_event(factories.ResolutionFactory()) is None


def _targets(campaign, count):
    states = MemberState.objects.members_on(datetime.date(2014, 1, 1)).order_by("iso3")[:count]
    for number, state in enumerate(states):
        factories.TargetFactory(campaign=campaign, state=state, priority=1 + number % 3)
        factories.StanceFactory(campaign=campaign, state=state, position="supports", evidence="statement")
    return states


def test_the_scoreboard_rows_serialize_as_json(campaign):
    _targets(campaign, 3)

    rows = campaign_scoreboard(campaign=campaign, as_of=datetime.date(2014, 12, 1))
    payload = json.loads(json.dumps([dataclasses.asdict(row) for row in rows], cls=DjangoJSONEncoder))

    assert [row["priority"] for row in payload] == [1, 2, 3]
    assert payload[0]["stance_as_of"] == "2014-10-01"
    assert payload[0]["call"]["basis"] == "stance" and payload[0]["is_target"] is True
    assert payload[0]["call"]["probabilities"]["Y"] > 0.5


def test_the_scoreboard_lists_every_state_on_request(campaign):
    _targets(campaign, 2)

    rows = campaign_scoreboard(campaign=campaign, as_of=datetime.date(2014, 12, 1), all_states=True)

    assert len(rows) == 193
    assert [row.is_target for row in rows[:3]] == [True, True, False]
    assert rows[2].wanted_vote is None and rows[2].call.basis == "no_data"


def test_a_target_is_met_when_the_decisive_vote_gives_what_was_wanted(campaign, record):
    _targets(campaign, 2)
    first, second = (row.iso3 for row in campaign_scoreboard(campaign=campaign))
    record(69, {first: "Y", second: "A"})

    rows = campaign_scoreboard(campaign=campaign, as_of=plenary_day(69))

    assert [(row.actual_vote, row.target_met) for row in rows] == [("Y", True), ("A", False)]


@pytest.mark.parametrize("targets", [2, 40])
def test_the_scoreboard_reads_a_fixed_number_of_queries(campaign, record, django_assert_num_queries, targets):
    states = _targets(campaign, targets)
    for session in (67, 68, 69):
        record(session, {state.iso3: "Y" for state in states})

    with django_assert_num_queries(9):
        rows = campaign_scoreboard(campaign=campaign, as_of=plenary_day(69), all_states=True)

    assert len(rows) == 193
