"""After the vote: targets met, thresholds judged on their own vote, stances that held or broke,
and how the projection of the day before did."""

import datetime

import pytest

from intelligence.aftermath import campaign_aftermath
from tests import factories
from tests.intelligence.builders import plenary_day
from unrecord.models import MemberState

pytestmark = pytest.mark.django_db


def _stance(campaign, iso3, position, day=datetime.date(2014, 11, 1)):
    factories.StanceFactory(campaign=campaign, state=factories.state(iso3), position=position, as_of=day)


def test_there_is_no_aftermath_before_the_vote(campaign):
    assert campaign_aftermath(campaign=campaign) is None


def test_targets_stances_and_the_projection_against_the_vote(campaign, record):
    record(68, {"NGA": "Y", "GHA": "N", "KEN": "A", "SEN": "Y"})
    factories.TargetFactory(campaign=campaign, state=factories.state("NGA"))
    factories.TargetFactory(campaign=campaign, state=factories.state("GHA"))
    _stance(campaign, "NGA", "supports")
    _stance(campaign, "GHA", "leaning_yes")
    _stance(campaign, "SEN", "supports")
    _stance(campaign, "KEN", "supports", day=plenary_day(69))  # on the day: too late to count
    record(69, {"NGA": "Y", "GHA": "A", "KEN": "A", "SEN": "X"})

    aftermath = campaign_aftermath(campaign=campaign)
    rows = {row.iso3: row for row in aftermath.rows}

    assert (aftermath.targets_met, aftermath.targets_missed) == (1, 1)
    assert aftermath.stances == {"held": 1, "broke": 1, "absent": 1}
    assert (rows["GHA"].stance_vote, rows["GHA"].projected_vote, rows["GHA"].actual_vote) == ("Y", "Y", "A")
    assert (rows["KEN"].stance_position, rows["KEN"].projected_basis, rows["KEN"].projection_correct) == (
        None,
        "history",
        True,
    )
    assert aftermath.actual_totals == {"Y": 1, "N": 0, "A": 2, "X": 1}


def test_each_threshold_is_judged_on_its_own_vote(campaign, record):
    resolution = campaign.resolutions.get()
    amendment = resolution.amendments.create(summary="Delete the accountability language")
    committee = factories.body("GA-C3")
    _on = {"campaign": campaign, "resolution": resolution}
    factories.ThresholdFactory(
        kind="amendment_defeated", amendment=amendment, value=None, body=committee, **_on
    )
    factories.ThresholdFactory(kind="min_yes", value=3, body=committee, **_on)
    factories.ThresholdFactory(kind="min_yes", value=3, body=factories.body("GA"), **_on)
    factories.ThresholdFactory(kind="max_no", value=0, **_on)  # no body: the decisive vote
    factories.VoteEventFactory(
        resolution=resolution, amendment=amendment, body=committee, kind="amendment", result="rejected",
        date=datetime.date(2014, 11, 18), yes_count=40, no_count=77,
    )  # fmt: skip
    factories.VoteEventFactory(
        resolution=resolution, body=committee, date=datetime.date(2014, 11, 18), yes_count=2, no_count=1
    )
    plenary = record(69, {"NGA": "Y", "GHA": "Y", "KEN": "Y", "SEN": "N"})
    plenary.yes_count, plenary.no_count, plenary.abstain_count = 3, 1, 0
    plenary.save()

    outcomes = {
        (t.label.split(" (")[0], t.vote_event_id == plenary.pk): t.met
        for t in campaign_aftermath(campaign=campaign).thresholds
    }

    assert outcomes == {
        (f"Amendment to {resolution} defeated", False): True,
        ("At least 3 yes", False): False,  # the committee's 2 yes
        ("At least 3 yes", True): True,
        ("At most 0 no", True): False,
    }


@pytest.mark.parametrize("stances", [2, 40])
def test_the_aftermath_reads_a_fixed_number_of_queries(campaign, record, django_assert_num_queries, stances):
    states = MemberState.objects.members_on(plenary_day(69)).order_by("iso3")[:stances]
    for state in states:
        factories.TargetFactory(campaign=campaign, state=state)
        _stance(campaign, state.iso3, "supports")
    record(69, {state.iso3: "Y" for state in states})
    factories.ThresholdFactory(campaign=campaign, resolution=campaign.resolutions.get())

    with django_assert_num_queries(11):
        aftermath = campaign_aftermath(campaign=campaign)

    assert aftermath.targets_met == stances
