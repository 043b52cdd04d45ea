"""Thresholds against a projected tally, with the UN's arithmetic: simple and two-thirds majorities
of the members present and voting, the 80% interval, and the votes still needed. Every figure here
is worked out by hand from the tally written beside it."""

import pytest

from campaigns.models import Threshold
from intelligence.projection import Totals
from intelligence.thresholds import (
    adopts,
    evaluate_threshold,
    no_votes_turned_needed,
    yes_votes_needed,
)

SIMPLE, TWO_THIRDS = "simple", "two_thirds"


def _totals(expected: dict, low: dict | None = None, high: dict | None = None) -> Totals:
    """A tally with an interval that is the expected count itself unless given."""
    expected = {"Y": 0.0, "N": 0.0, "A": 0.0, "X": 0.0} | expected
    point = {option: round(count) for option, count in expected.items()}
    return Totals(expected=expected, low=point | (low or {}), high=point | (high or {}))


def _adoption(majority: str, totals: Totals):
    return evaluate_threshold(Threshold(pk=1, kind="adopted", majority=majority), totals)


def _count(kind: str, value: int, totals: Totals):
    return evaluate_threshold(Threshold(pk=1, kind=kind, value=value), totals)


# The majorities ---------------------------------------------------------------------------------


def test_a_simple_majority_ignores_abstentions_and_absences():
    # 60 yes of 193 members is not half of them, but 60 against 50 is a majority of those voting.
    assert adopts(60, 50, SIMPLE)
    call = _adoption(SIMPLE, _totals({"Y": 60, "N": 50, "A": 80, "X": 3}))
    assert (call.expected_met, call.more_yes_needed, call.no_turned_needed) == (True, 0, 0)
    assert call.majority == SIMPLE


def test_a_tie_does_not_adopt_a_draft():
    assert not adopts(50, 50, SIMPLE)
    assert yes_votes_needed(50, 50, SIMPLE) == 1
    assert no_votes_turned_needed(50, 50, SIMPLE) == 1  # 51 against 49


def test_two_thirds_of_those_voting_ignores_abstentions():
    # 100 yes, 50 no, 40 abstaining: 100 is exactly two-thirds of the 150 voting yes or no.
    assert adopts(100, 50, TWO_THIRDS)
    assert not adopts(99, 50, TWO_THIRDS)
    call = _adoption(TWO_THIRDS, _totals({"Y": 100, "N": 50, "A": 40}))
    assert (call.expected_met, call.more_yes_needed) == (True, 0)


def test_the_same_tally_passes_by_a_simple_majority_and_fails_by_two_thirds():
    totals = _totals({"Y": 120, "N": 70, "A": 3})
    simple, two_thirds = _adoption(SIMPLE, totals), _adoption(TWO_THIRDS, totals)

    assert simple.expected_met and not two_thirds.expected_met
    # Two-thirds needs yes >= 2 x 70 = 140: 20 more yes from abstainers or absentees, or 7 no votes
    # turned (127 yes against 63 no: 127 >= 126, where 6 turned leave 126 against 64).
    assert (two_thirds.more_yes_needed, two_thirds.no_turned_needed) == (20, 7)


def test_a_no_turned_to_yes_gains_two_on_a_simple_majoritys_margin():
    # 50.3 yes against 52.6 no: 3 more yes (53.3 > 52.6; 2 give 52.3), or 2 no votes turned
    # (52.3 against 50.6; 1 gives 51.3 against 51.6).
    call = _adoption(SIMPLE, _totals({"Y": 50.3, "N": 52.6, "A": 60.1, "X": 30}))

    assert (call.expected_met, call.more_yes_needed, call.no_turned_needed) == (False, 3, 2)
    assert call.explanation.endswith("3 more yes votes needed (or 2 no votes turned to yes).")
    assert "50.3 yes against 52.6 no expected" in call.explanation


def test_two_thirds_with_decimals_is_counted_exactly():
    # 90.4 yes against 50.2 no: yes must reach 100.4, so 10 more yes exactly; a no turned to yes
    # gains 3 on yes - 2 x no, whose gap is 10: 4 turned (94.4 against 46.2: 94.4 >= 92.4).
    assert yes_votes_needed(90.4, 50.2, TWO_THIRDS) == 10
    assert no_votes_turned_needed(90.4, 50.2, TWO_THIRDS) == 4
    assert adopts(90.4 + 10, 50.2, TWO_THIRDS) and not adopts(90.4 + 9, 50.2, TWO_THIRDS)


def test_turning_no_votes_is_not_offered_when_there_are_too_few():
    assert no_votes_turned_needed(0, 0.4, SIMPLE) is None
    assert yes_votes_needed(0, 0.4, SIMPLE) == 1


# Status from the 80% interval -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("majority", "low", "high", "status"),
    [
        # Met: even with the fewest yes and the most no of the interval it passes.
        (SIMPLE, {"Y": 110, "N": 40}, {"Y": 125, "N": 55}, "met"),
        (TWO_THIRDS, {"Y": 110, "N": 40}, {"Y": 125, "N": 55}, "met"),  # 110 >= 2 x 55
        # At risk: the interval's ends disagree.
        (SIMPLE, {"Y": 50, "N": 40}, {"Y": 125, "N": 55}, "at_risk"),
        (TWO_THIRDS, {"Y": 109, "N": 40}, {"Y": 125, "N": 55}, "at_risk"),
        # Missed: even with the most yes and the fewest no it fails.
        (SIMPLE, {"Y": 30, "N": 60}, {"Y": 60, "N": 80}, "missed"),
        (TWO_THIRDS, {"Y": 100, "N": 63}, {"Y": 125, "N": 70}, "missed"),  # 125 < 2 x 63
    ],
)
def test_adoption_is_met_at_risk_or_missed_by_the_80_percent_interval(majority, low, high, status):
    totals = _totals({"Y": 117.2, "N": 47.5, "A": 20.3, "X": 8}, low=low, high=high)
    assert _adoption(majority, totals).status == status


@pytest.mark.parametrize(
    ("low", "high", "status"), [(100, 110, "met"), (95, 110, "at_risk"), (90, 99, "missed")]
)
def test_a_yes_threshold_is_met_at_risk_or_missed_by_the_80_percent_interval(low, high, status):
    totals = _totals({"Y": 104.6}, low={"Y": low}, high={"Y": high})
    assert _count("min_yes", 100, totals).status == status


# Counts ----------------------------------------------------------------------------------------


def test_a_yes_threshold_says_how_many_more_yes_votes_it_needs():
    short = _count("min_yes", 100, _totals({"Y": 97.2}, low={"Y": 90}, high={"Y": 104}))
    reached = _count("min_yes", 100, _totals({"Y": 100.0}))

    assert (short.more_yes_needed, short.expected_met) == (3, False)  # 97.2 + 3 >= 100; + 2 is not
    assert (
        short.explanation
        == "97.2 yes expected (80% range 90–104); at least 100 wanted: 3 more yes votes needed."
    )
    assert (reached.more_yes_needed, reached.expected_met) == (0, True)
    assert short.no_turned_needed is None and short.majority is None


def test_a_no_threshold_says_how_many_fewer_no_votes_it_needs():
    call = _count("max_no", 20, _totals({"N": 23.4}, low={"N": 18}, high={"N": 29}))

    assert (call.status, call.expected_met, call.more_yes_needed) == ("at_risk", False, None)
    assert call.explanation.endswith("at most 20 wanted: 4 fewer no votes needed.")


def test_amendment_thresholds_are_not_projected():
    call = evaluate_threshold(Threshold(pk=1, kind="amendment_defeated"), _totals({"Y": 100}))
    assert (call.status, call.more_yes_needed, call.no_turned_needed) == ("not_projected", None, None)


def test_a_two_thirds_threshold_says_so_in_its_label():
    assert str(Threshold(kind="adopted", majority=TWO_THIRDS)) == "Draft adopted by two-thirds"
    assert str(Threshold(kind="adopted")) == "Draft adopted"
