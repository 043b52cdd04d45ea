"""The season's evidence in the whip count: the committee's vote on the same draft, a stance,
co-sponsorship, over the state's record and its group's; each call a probability per choice."""

import datetime

import pytest

from intelligence import layers
from intelligence.projection import project_vote
from tests import factories
from unrecord.models import Sponsorship

pytestmark = pytest.mark.django_db

EVE = datetime.date(2014, 12, 1)  # before the 69th session's plenary vote
COMMITTEE_DAY = "15 Nov 2014"  # builders.record_session: a committee votes 30 days before


def _call(campaign, iso3, as_of=EVE):
    return project_vote(campaign=campaign, as_of=as_of).call_for(iso3)


def _sponsor(campaign, iso3, joined_on=None, withdrew_on=None):
    return Sponsorship.objects.create(
        resolution=campaign.resolutions.get(),
        state=factories.state(iso3),
        joined_on=joined_on,
        withdrew_on=withdrew_on,
    )


def _stance(campaign, iso3, position, **values):
    values.setdefault("evidence", "statement")
    values.setdefault("as_of", datetime.date(2014, 11, 20))
    return factories.StanceFactory(
        campaign=campaign, state=factories.state(iso3), position=position, **values
    )


def test_every_call_is_a_probability_for_each_choice_summing_to_one(campaign, record):
    for session in (66, 67, 68):
        record(session, {"NGA": "Y", "GHA": "A", "CAF": "X"})
    record(69, {"GHA": "N"}, body="GA-C3")
    _stance(campaign, "KEN", "leaning_no")
    _sponsor(campaign, "FRA")

    calls = project_vote(campaign=campaign, as_of=EVE).calls

    assert {call.basis for call in calls} >= {"committee", "stance", "cosponsor", "history", "group"}
    for call in calls:
        assert set(call.probabilities) == {"Y", "N", "A", "X"}
        assert min(call.probabilities.values()) >= 0
        assert sum(call.probabilities.values()) == pytest.approx(1, abs=1e-5)
        assert call.confidence == max(call.probabilities.values()) < 1  # never certain


def test_the_layers_in_order_of_strength_committee_stance_cosponsor_history_group(campaign, record):
    """NGA's record says abstain and its group yes; then it co-sponsors (yes), tells us it leans no,
    and votes yes in committee: each stronger layer decides the call over the ones below."""
    for session in (66, 67, 68):
        record(session, {"NGA": "A", "GHA": "Y", "KEN": "Y", "SEN": "Y"})
    assert (_call(campaign, "NGA").vote, _call(campaign, "NGA").basis) == ("A", "history")
    assert (_call(campaign, "SSD").vote, _call(campaign, "SSD").basis) == ("Y", "group")

    _sponsor(campaign, "NGA", joined_on=datetime.date(2014, 11, 1))
    assert (_call(campaign, "NGA").vote, _call(campaign, "NGA").basis) == ("Y", "cosponsor")

    _stance(campaign, "NGA", "opposes", confidence="high")
    assert (_call(campaign, "NGA").vote, _call(campaign, "NGA").basis) == ("N", "stance")

    record(69, {"NGA": "Y"}, body="GA-C3")
    call = _call(campaign, "NGA")
    assert (call.vote, call.basis) == ("Y", "committee")
    assert call.reason == f"Voted yes in the Third Committee on {COMMITTEE_DAY}"


def test_a_stronger_layer_dominates_but_is_a_probability(campaign, record):
    for session in (66, 67, 68):
        record(session, {"NGA": "N"})
    before = _call(campaign, "NGA")
    record(69, {"NGA": "Y"}, body="GA-C3")

    after = _call(campaign, "NGA")

    follows = layers.DEFAULT_WEIGHTS.committee_follows
    assert after.probabilities["Y"] == pytest.approx(
        follows + (1 - follows) * before.probabilities["Y"], abs=1e-5
    )
    assert after.probabilities["N"] == pytest.approx((1 - follows) * before.probabilities["N"], abs=1e-5)


def test_a_committee_vote_moves_the_state_and_says_why(campaign, record):
    record(67, {"GMB": "A"})
    record(68, {"GMB": "A"})
    record(69, {"GMB": "N"}, body="GA-C3")

    call = _call(campaign, "GMB")

    assert (call.vote, call.basis) == ("N", "committee")
    assert call.moved == f"Abstained in 2013; voted no in the Third Committee on {COMMITTEE_DAY}"


def test_a_committee_vote_that_agrees_with_the_record_moves_nothing(campaign, record):
    record(68, {"NGA": "Y"})
    record(69, {"NGA": "Y"}, body="GA-C3")

    call = _call(campaign, "NGA")

    assert (call.basis, call.moved) == ("committee", None)
    assert call.confidence > 0.93


def test_a_committee_vote_on_another_draft_or_held_after_as_of_does_not_count(campaign, record, series):
    record(68, {"NGA": "A"})
    other = factories.ResolutionFactory(series=series, session=campaign.resolutions.get().session)
    factories.VoteEventFactory(
        resolution=other, body=factories.body("GA-C3"), date=datetime.date(2014, 11, 10)
    )
    other.vote_events.get().votes.create(state=factories.state("NGA"), choice="N")
    record(69, {"GHA": "N"}, body="GA-C3")

    assert _call(campaign, "NGA").basis == "history"  # another draft's committee vote
    assert _call(campaign, "GHA", as_of=datetime.date(2014, 11, 1)).basis != "committee"  # not yet held


def test_the_committee_vote_of_the_session_is_not_counted_again_in_the_record(campaign, record):
    record(68, {"NGA": "A"})
    record(69, {"NGA": "Y"}, body="GA-C3")

    call = _call(campaign, "NGA")

    assert call.basis == "committee"
    # The record under it is the 68th session's abstention alone: a yes in committee is not a
    # second yes of the state's record.
    follows = layers.DEFAULT_WEIGHTS.committee_follows
    assert call.probabilities["A"] > (1 - follows) * 0.5


def test_a_cosponsor_who_joined_yesterday_is_a_likely_yes(campaign, record):
    record(68, {"NGA": "A"})
    _sponsor(campaign, "NGA", joined_on=EVE - datetime.timedelta(days=1))

    call = _call(campaign, "NGA")

    assert (call.vote, call.basis) == ("Y", "cosponsor")
    assert call.confidence >= layers.DEFAULT_WEIGHTS.cosponsor_yes
    assert call.reason == f"Co-sponsor of {campaign.resolutions.get().draft_symbol} since 30 Nov 2014"
    assert call.moved.startswith("Abstained in 2013; co-sponsor of")


def test_a_cosponsor_who_joins_after_as_of_or_has_withdrawn_is_not_counted(campaign, record):
    record(68, {"NGA": "A", "GHA": "A", "KEN": "A"})
    _sponsor(campaign, "NGA", joined_on=EVE + datetime.timedelta(days=1))
    _sponsor(campaign, "GHA", joined_on=datetime.date(2014, 11, 1), withdrew_on=datetime.date(2014, 11, 20))
    _sponsor(campaign, "KEN", joined_on=None, withdrew_on=EVE + datetime.timedelta(days=5))

    projection = project_vote(campaign=campaign, as_of=EVE)

    assert projection.call_for("NGA").basis == "history"  # not yet a sponsor
    assert projection.call_for("GHA").basis == "history"  # withdrew
    assert projection.call_for("KEN").basis == "cosponsor"  # joined on a day not recorded, withdraws later


def test_a_stance_saying_no_beats_cosponsorship(campaign, record):
    record(68, {"NGA": "Y"})
    _sponsor(campaign, "NGA", joined_on=datetime.date(2014, 11, 1))
    _stance(campaign, "NGA", "leaning_no", confidence="low", evidence="judgement")

    call = _call(campaign, "NGA")

    assert (call.vote, call.basis) == ("N", "stance")
    assert call.probabilities["Y"] < call.probabilities["N"]
    assert call.moved.startswith("Voted yes in 2013; stance 'leaning no'")


def test_a_stance_saying_yes_and_cosponsorship_add_up(campaign, record):
    record(68, {"NGA": "A", "GHA": "A"})
    for iso3 in ("NGA", "GHA"):
        _stance(campaign, iso3, "leaning_yes", confidence="low")
    _sponsor(campaign, "NGA")

    projection = project_vote(campaign=campaign, as_of=EVE)

    assert projection.call_for("NGA").basis == "stance"
    assert projection.call_for("NGA").confidence > projection.call_for("GHA").confidence


def test_the_history_layer_beats_the_group_and_is_smoothed_toward_it(campaign, record):
    for session in (66, 67, 68):
        record(session, {"NGA": "A", "GHA": "Y", "KEN": "Y", "SEN": "Y"})

    nga, ssd = _call(campaign, "NGA"), _call(campaign, "SSD")

    assert (nga.vote, nga.basis, ssd.vote, ssd.basis) == ("A", "history", "Y", "group")
    # The group's yes shows in the state's own call, as a prior: more than no or absence.
    assert nga.probabilities["Y"] > nga.probabilities["N"] == pytest.approx(nga.probabilities["X"], abs=1e-5)
    assert ssd.confidence < 1 - layers.DEFAULT_WEIGHTS.group_to_uniform * 0.75 + 1e-9


def test_once_the_plenary_has_voted_its_vote_speaks_not_the_committees_nor_cosponsorship(campaign, record):
    record(68, {"NGA": "A", "GHA": "A"})
    record(69, {"NGA": "Y", "GHA": "N"}, body="GA-C3")
    _sponsor(campaign, "GHA")
    record(69, {"NGA": "N", "GHA": "A"})  # the plenary, on 15 Dec 2014

    after = project_vote(campaign=campaign, as_of=datetime.date(2014, 12, 20))

    assert (after.call_for("NGA").vote, after.call_for("NGA").basis) == ("N", "history")
    assert (after.call_for("GHA").vote, after.call_for("GHA").basis) == ("A", "history")
