"""The whip count: each state's projected vote comes from the strongest evidence there is."""

import datetime

import pytest

from advocacy.models import Stance
from intelligence import layers
from intelligence.layers import Weights
from intelligence.projection import Totals, project_vote
from intelligence.record import SessionVote
from tests import factories
from unrecord.models import MemberState, Sponsorship

pytestmark = pytest.mark.django_db

EVE = datetime.date(2014, 12, 1)  # before the 69th session's plenary vote


def _stance(campaign, iso3, position, *, as_of=datetime.date(2014, 11, 1), **values):
    values.setdefault("evidence", Stance.Evidence.STATEMENT)
    return factories.StanceFactory(
        campaign=campaign, state=factories.state(iso3), position=position, as_of=as_of, **values
    )


def _call(campaign, iso3, **options):
    return project_vote(campaign=campaign, as_of=options.pop("as_of", EVE), **options).call_for(iso3)


# Layers, strongest first -----------------------------------------------------------------------


def test_a_recent_stance_beats_the_voting_record(campaign, record):
    for session in (66, 67, 68):
        record(session, {"NGA": "N"})
    meeting = factories.MeetingFactory(owner=campaign.owner, date=datetime.date(2014, 10, 3))
    _stance(campaign, "NGA", "leaning_yes", as_of=meeting.date, evidence="meeting", meeting=meeting)

    call = _call(campaign, "NGA")

    assert (call.vote, call.basis) == ("Y", "stance")
    assert call.reason == "Stance 'leaning yes' said in a meeting on 3 Oct 2014"


def test_a_firm_stance_is_surer_than_a_leaning_one_and_a_judgement_least(campaign):
    _stance(campaign, "NGA", "supports")
    _stance(campaign, "GHA", "leaning_yes")
    _stance(campaign, "KEN", "supports", evidence="judgement")
    projection = project_vote(campaign=campaign, as_of=EVE)

    firm, leaning, judged = (projection.call_for(iso3).confidence for iso3 in ("NGA", "GHA", "KEN"))

    assert firm > leaning and firm > judged
    assert min(leaning, judged) > 0 and firm <= 1


def test_a_stance_older_than_a_year_falls_through_to_the_record(campaign, record):
    for session in (67, 68):
        record(session, {"NGA": "A"})
    _stance(campaign, "NGA", "supports", as_of=datetime.date(2013, 6, 1))

    call = _call(campaign, "NGA")

    assert (call.vote, call.basis) == ("A", "history")


def test_stances_recorded_after_as_of_are_ignored(campaign, record):
    record(68, {"NGA": "N"})
    _stance(campaign, "NGA", "supports", as_of=datetime.date(2014, 12, 10))

    assert _call(campaign, "NGA").vote == "N"
    assert _call(campaign, "NGA", as_of=datetime.date(2014, 12, 10)).vote == "Y"


def test_roll_calls_held_after_as_of_are_ignored(campaign, record):
    record(67, {"NGA": "Y"})
    record(68, {"NGA": "N"})

    assert _call(campaign, "NGA", as_of=datetime.date(2013, 12, 1)).vote == "Y"
    assert _call(campaign, "NGA", as_of=datetime.date(2013, 12, 15)).vote == "N"


def test_an_undecided_stance_falls_through_less_surely(campaign, record):
    for session in (66, 67, 68):
        record(session, {"NGA": "Y", "GHA": "Y"})
    _stance(campaign, "NGA", "undecided", evidence="meeting", meeting=factories.MeetingFactory())
    projection = project_vote(campaign=campaign, as_of=EVE)

    undecided, silent = projection.call_for("NGA"), projection.call_for("GHA")

    assert (undecided.vote, undecided.basis) == ("Y", "history")
    assert undecided.confidence < silent.confidence
    assert undecided.reason.startswith("Stance 'undecided' said in a meeting on 1 Nov 2014; voted yes in 3")


def test_a_stance_about_another_resolution_of_the_campaign_does_not_count(campaign, record):
    record(68, {"NGA": "N"})
    _stance(campaign, "NGA", "supports", resolution=factories.ResolutionFactory())

    assert _call(campaign, "NGA").vote == "N"


def test_another_campaigns_stances_do_not_count(campaign, record):
    record(68, {"NGA": "N"})
    _stance(factories.CampaignFactory(series=campaign.series), "NGA", "supports")

    assert _call(campaign, "NGA").vote == "N"


def test_recent_votes_weigh_more_than_older_ones(campaign, record):
    for session in (62, 63, 64):
        record(session, {"NGA": "N"})
    for session in (65, 66):
        record(session, {"NGA": "Y"})

    call = _call(campaign, "NGA")

    assert (call.vote, call.basis) == ("Y", "history")
    assert call.reason == "Voted yes in 2 of its 5 sessions on record (latest, the 66th)"


def test_decay_weighs_each_session_less_than_the_one_after_it():
    votes = [SessionVote(67, "N"), SessionVote(68, "Y")]

    weighted = layers.weighted_votes(votes, target_session=69, weights=Weights(decay=0.5, absent_weight=1))

    assert weighted == {"Y": 1.0, "N": 0.5}


def test_a_state_absent_once_is_projected_to_vote_as_it_usually_does(campaign, record):
    record(66, {"NGA": "Y"})
    record(67, {"NGA": "Y"})
    record(68, {"NGA": "X"})

    call = _call(campaign, "NGA")

    assert call.vote == "Y"
    assert call.reason == "Voted yes in 2 of its 3 sessions on record (latest, the 68th: was absent)"


def test_a_state_absent_every_time_is_projected_likely_absent(campaign, record):
    for session in (66, 67, 68):
        record(session, {"NGA": "Y", "CAF": "X"})

    call = _call(campaign, "CAF")

    assert (call.vote, call.basis) == ("X", "history")


def test_a_state_new_to_the_record_takes_its_groups_pattern(campaign, record):
    for session in (66, 67, 68):
        record(session, {"NGA": "A", "GHA": "A", "KEN": "Y"})

    call = _call(campaign, "SSD")

    assert (call.vote, call.basis) == ("A", "group")
    assert call.reason == (
        "No record of its own on the series; the African Group abstained in 67% of its recent votes"
    )
    assert call.confidence < _call(campaign, "GHA").confidence


def test_a_state_with_no_evidence_at_all_says_so(campaign):
    call = _call(campaign, "NGA")

    assert (call.basis, call.probabilities) == ("no_data", {"Y": 0.25, "N": 0.25, "A": 0.25, "X": 0.25})
    assert call.vote == "A"  # a tie goes to the milder call
    assert call.reason.startswith("No data")


def test_committee_and_amendment_roll_calls_count_as_the_plenary_decides(campaign, record):
    record(67, {"NGA": "N"}, body="GA-C3")  # the committee's vote only, that session
    record(68, {"NGA": "A"}, body="GA-C3")
    record(68, {"NGA": "Y"})  # the plenary's vote on the same draft wins over the committee's
    record(68, {"NGA": "Y"}, kind="amendment")  # a yes to an amendment is not a yes to the draft

    call = _call(campaign, "NGA")

    assert call.vote == "Y"
    assert call.reason == "Voted yes in 1 of its 2 sessions on record (latest, the 68th)"


# Who votes -------------------------------------------------------------------------------------


def test_only_states_with_a_seat_on_the_day_are_projected(campaign):
    in_2005 = {call.iso3 for call in project_vote(campaign=campaign, as_of=datetime.date(2005, 12, 1)).calls}
    in_1990 = {call.iso3 for call in project_vote(campaign=campaign, as_of=datetime.date(1990, 12, 1)).calls}

    assert "SSD" not in in_2005 and "SUN" not in in_2005 and "PSE" not in in_2005
    assert "SUN" in in_1990 and "DDR" not in in_1990  # the GDR left on 3 October 1990
    assert len(in_2005) == 191


# Totals and thresholds -------------------------------------------------------------------------


def test_totals_sum_the_probabilities_with_an_80_percent_interval_from_them(campaign, record):
    for session in range(60, 69):
        record(session, {"NGA": "Y", "GHA": "Y", "CUB": "N"})
    _stance(campaign, "KEN", "leaning_yes", evidence="judgement", confidence="low")
    projection = project_vote(campaign=campaign, as_of=EVE)
    calls, totals = projection.calls, projection.totals

    for choice in "YNAX":
        assert totals.expected[choice] == round(sum(c.probabilities[choice] for c in calls), 1)
        assert totals.low[choice] <= totals.expected[choice] <= totals.high[choice]
    assert sum(totals.expected.values()) == pytest.approx(193, abs=0.2)
    assert projection.call_for("KEN").basis == "stance"  # even a weak stance decides its call
    recounted = Totals.of(calls, swing=projection.swing)  # the series' own swing widens the interval
    assert totals.low == recounted.low and totals.high == recounted.high


def test_totals_by_group_add_up_to_the_totals(campaign, record):
    record(68, {"NGA": "Y", "FRA": "Y", "CUB": "N"})
    projection = project_vote(campaign=campaign, as_of=EVE)

    groups = {group.code: group for group in projection.by_group}

    # Nigeria voted yes: the rest of its group, with no record of its own, leans its way.
    assert groups["AFRICAN"].totals.expected["Y"] > groups["AFRICAN"].states / 2
    assert groups["GRULAC"].totals.expected["N"] > groups["GRULAC"].states / 2
    assert sum(group.states for group in projection.by_group) == 193
    for choice in "YNAX":
        assert sum(g.totals.expected[choice] for g in projection.by_group) == pytest.approx(
            projection.totals.expected[choice], abs=0.05 * len(groups)
        )


def _members_by_code():
    return list(MemberState.objects.members_on(EVE).order_by("iso3"))


@pytest.mark.parametrize(
    ("offset", "status", "expected_met"),
    [
        ("below low", "met", True),
        ("low", "met", True),
        ("between", "at_risk", None),
        ("above high", "missed", False),
    ],
)
def test_a_yes_threshold_is_met_at_risk_or_missed_by_the_projected_interval(
    campaign, record, offset, status, expected_met
):
    states = _members_by_code()
    sure, unsure = states[:120], states[120:]
    for session in range(62, 69):
        record(session, {state.iso3: "Y" for state in sure})
    record(68, {state.iso3: "A" for state in unsure})  # one abstention each: a thin record
    for state in unsure[:5]:
        _stance(campaign, state.iso3, "leaning_yes", evidence="judgement", confidence="low")
    totals = project_vote(campaign=campaign, as_of=EVE).totals
    low, expected, high = totals.low["Y"], totals.expected["Y"], totals.high["Y"]
    assert 120 * 0.8 < low < expected < high < 193  # sure states' yes, the unsure ones' maybe
    value = {"below low": low - 5, "low": low, "between": round(expected), "above high": high + 1}[offset]
    factories.ThresholdFactory(
        campaign=campaign, kind="min_yes", value=value, resolution=campaign.resolutions.get()
    )

    (threshold,) = project_vote(campaign=campaign, as_of=EVE).thresholds

    assert threshold.status == status
    if expected_met is not None:
        assert threshold.expected_met is expected_met


def test_thresholds_on_amendments_are_not_projected(campaign):
    resolution = campaign.resolutions.get()
    amendment = resolution.amendments.create(summary="Delete the accountability language")
    factories.ThresholdFactory(
        campaign=campaign, kind="amendment_defeated", amendment=amendment, resolution=resolution, value=None
    )

    (threshold,) = project_vote(campaign=campaign, as_of=EVE).thresholds

    assert threshold.status == "not_projected"
    # Named once, not "Amendment Amendment to ...": an amendment without a symbol names its draft.
    assert threshold.label == f"Amendment to {resolution.symbol} defeated"


def test_an_amendment_threshold_is_labelled_by_the_amendments_symbol_when_it_has_one(campaign):
    resolution = campaign.resolutions.get()
    amendment = resolution.amendments.create(symbol="A/C.3/69/L.65", summary="Delete paragraph 8")
    factories.ThresholdFactory(
        campaign=campaign, kind="amendment_defeated", amendment=amendment, resolution=resolution, value=None
    )

    (threshold,) = project_vote(campaign=campaign, as_of=EVE).thresholds

    assert threshold.label == "Amendment A/C.3/69/L.65 defeated"


# Queries ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("states", [1, 40])
def test_a_projection_reads_a_fixed_number_of_queries(campaign, record, django_assert_num_queries, states):
    """Five: the campaign's resolution, the series' record (committee votes with it), the voting
    states (attendance and co-sponsorship with them), the stances, the thresholds."""
    for session in (66, 67, 68):
        record(session, {"NGA": "Y", "GHA": "N"})
    some = list(MemberState.objects.members_on(EVE).order_by("iso3")[:states])
    for state in some:
        _stance(campaign, state.iso3, "supports")
        Sponsorship.objects.create(resolution=campaign.resolutions.get(), state=state)
    record(69, {state.iso3: "Y" for state in some}, body="GA-C3")
    factories.ThresholdFactory(campaign=campaign, resolution=campaign.resolutions.get())

    with django_assert_num_queries(5):
        projection = project_vote(campaign=campaign, as_of=EVE)

    assert {call.basis for call in projection.calls if call.iso3 in {s.iso3 for s in some}} == {"committee"}
