"""The intelligence layer on the demo campaign (A/RES/69/188): the whip count on the eve of the
plenary vote, the scoreboard, the aftermath and the outreach coverage.

The demo ships one roll call, the plenary's of 18 December 2014, and no earlier vote on the
series: before that day, only stances speak, and a state without one is "no data".
"""

import datetime

import pytest

from campaigns.models import Campaign
from demo.loader import load_demo
from intelligence.aftermath import campaign_aftermath
from intelligence.coverage import outreach_coverage
from intelligence.projection import project_vote
from intelligence.selectors import campaign_scoreboard

EVE = datetime.date(2014, 12, 17)
THIRD_COMMITTEE_EVE = datetime.date(2014, 11, 17)
AFTER = datetime.date(2015, 1, 15)
# The targets' stances on the eve: what the meetings said, else the analyst's October reading.
SAID_YES = {"THA", "NGA", "PHL", "GHA", "SEN", "MNG", "BRA", "AUS", "BWA", "PAN"}
SAID_NO = {"VNM", "BGD", "TZA", "MOZ"}


@pytest.fixture
def campaign(db):
    load_demo()
    return Campaign.objects.get()


def test_on_the_eve_of_the_vote_only_stances_speak(campaign):
    projection = project_vote(campaign=campaign, as_of=EVE)
    by_basis = {
        basis: {c.iso3 for c in projection.calls if c.basis == basis} for basis in ("stance", "no_data")
    }

    assert by_basis["stance"] == SAID_YES | SAID_NO
    assert len(by_basis["no_data"]) == 193 - 14
    assert projection.totals.expected == {"Y": 10, "N": 4, "A": 179, "X": 0}
    # Only the Philippines' "supports", said in a meeting in October, is a sure call.
    assert [c.iso3 for c in projection.calls if c.is_confident] == ["PHL"]
    assert (projection.totals.low["Y"], projection.totals.high["Y"]) == (1, 193)


def test_on_the_eve_the_demo_thresholds_are_at_risk_and_the_amendment_not_projected(campaign):
    thresholds = {(t.kind, t.body): t for t in project_vote(campaign=campaign, as_of=EVE).thresholds}

    assert {key: t.status for key, t in thresholds.items()} == {
        ("amendment_defeated", "GA-C3"): "not_projected",
        ("adopted", "GA-C3"): "at_risk",
        ("min_yes", "GA"): "at_risk",
        ("max_no", "GA"): "at_risk",
    }
    assert thresholds["min_yes", "GA"].expected_met is False  # 10 yes expected
    assert thresholds["max_no", "GA"].expected_met is True
    assert thresholds["min_yes", "GA"].label == "At least 100 yes (GA plenary)"


def test_after_the_vote_the_roll_call_speaks_for_every_state(campaign):
    projection = project_vote(campaign=campaign, as_of=AFTER)
    targets = set(campaign.targets.values_list("state__iso3", flat=True))

    # The targets' stances now come from the vote itself; Mongolia's says nothing: it was absent.
    assert {c.iso3 for c in projection.calls if c.basis == "stance"} == targets - {"MNG"}
    assert {c.basis for c in projection.calls if c.iso3 not in targets - {"MNG"}} == {"history"}
    assert projection.totals.expected == {"Y": 116, "N": 20, "A": 53, "X": 4}
    assert projection.call_for("MNG").reason == (
        "Stance 'no position stated' shown by a recorded vote on 18 Dec 2014; "
        "was absent in its only session on record (the 69th)"
    )


def test_the_aftermath_of_the_plenary_vote(campaign):
    aftermath = campaign_aftermath(campaign=campaign)

    assert (aftermath.body, aftermath.vote_date) == ("GA", datetime.date(2014, 12, 18))
    assert aftermath.actual_totals == {"Y": 116, "N": 20, "A": 53, "X": 4}
    # Yes from AUS, BRA, BWA, GHA, PAN, PHL, SLE, THA; Viet Nam voted no where we asked for an
    # abstention; the other fourteen abstained or (Mongolia) stayed away.
    assert (aftermath.targets_met, aftermath.targets_missed) == (8, 15)
    # Held: THA, PHL, GHA, BRA, VNM, AUS, BWA, PAN; broke: NGA, SEN (said yes, abstained), BGD,
    # TZA, MOZ (leaned no, abstained); Mongolia leaned yes and was absent.
    assert aftermath.stances == {"held": 8, "broke": 5, "absent": 1}
    assert [t.met for t in aftermath.thresholds] == [True] * 4
    # Right: 8 of the 14 stance calls, 8 of the 9 targets called abstain for want of data (all
    # but Sierra Leone), and the 40 other states that abstained: 56 of 193.
    assert aftermath.projection_accuracy == pytest.approx(56 / 193)


def test_the_scoreboard_after_the_vote_shows_stance_projection_and_vote_per_target(campaign):
    rows = {row.iso3: row for row in campaign_scoreboard(campaign=campaign, as_of=AFTER)}
    nigeria = rows["NGA"]

    assert len(rows) == 23
    assert (nigeria.wanted_vote, nigeria.priority_label, nigeria.regional_group) == ("Y", "Medium", "AFRICAN")
    assert (nigeria.stance_position, nigeria.stance_evidence) == ("abstains", "vote")
    assert (nigeria.projected_vote, nigeria.projected_basis) == ("Y", "stance")  # as of the eve
    assert (nigeria.actual_vote, nigeria.target_met) == ("A", False)
    assert (rows["VNM"].wanted_vote, rows["VNM"].actual_vote, rows["VNM"].target_met) == ("A", "N", False)
    assert sum(row.target_met for row in rows.values()) == 8


def test_the_scoreboard_before_the_vote_has_no_actual_votes(campaign):
    rows = campaign_scoreboard(campaign=campaign, as_of=EVE)

    assert [row.iso3 for row in rows[:4]] == ["BRA", "IND", "IDN", "ZAF"]  # high priority first
    assert {row.actual_vote for row in rows} == {None}
    assert {row.target_met for row in rows} == {None}
    assert rows[1].stance_position == "no_position" and rows[1].projected_basis == "no_data"


def test_outreach_coverage_before_the_third_committee_vote(campaign):
    coverage = outreach_coverage(campaign=campaign, as_of=THIRD_COMMITTEE_EVE)

    met = {"IDN", "THA", "ZAF", "NGA", "IND", "PHL", "GHA", "MYS", "SEN", "MNG"}
    assert {t.iso3 for t in coverage.targets if t.status == "met_recently"} == met
    assert len(coverage.never_met) == 13 and not coverage.met_long_ago
    assert {t.iso3 for t in coverage.with_overdue_follow_ups} == {"ZAF", "SEN"}
    # Toward yes after the meetings: THA, NGA and SEN (undecided to leaning yes), MNG likewise,
    # PHL (leaning yes to supports); IDN, ZAF, IND, GHA, MYS said what we read before.
    assert coverage.movement == {"toward": 5, "away": 0, "unchanged": 5, "unknown": 0}


def test_months_later_the_meetings_are_long_ago(campaign):
    coverage = outreach_coverage(campaign=campaign, as_of=datetime.date(2015, 3, 1), stale_after_days=90)

    assert len(coverage.met_long_ago) == 10
    assert not [t for t in coverage.targets if t.status == "met_recently"]
