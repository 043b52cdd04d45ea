"""The history layer and absences: a state absent from a vote on the series is most often absent
once, and called its usual vote; a state that has lately been absent from nearly all of the
Assembly's roll calls is called absent, unless it came to the series' last vote when it was
just as absent from the rest."""

from dataclasses import replace

import pytest

from intelligence import layers
from intelligence.layers import DEFAULT_WEIGHTS, Weights
from intelligence.record import Attendance, SessionVote

WEIGHTS = Weights(chronic_absence=0.9, attendance_days=90, min_roll_calls=5, decay=0.5, absent_weight=0.25)


def _record(choices: str, *, last_session: int = 68) -> list[SessionVote]:
    """Votes in sessions up to `last_session`, one a letter: "YAX" is yes, abstain, then absent."""
    first = last_session - len(choices) + 1
    return [SessionVote(first + offset, choice) for offset, choice in enumerate(choices)]


def _call(choices: str, attendance: Attendance | None, weights: Weights = WEIGHTS, *, then=None):
    votes = _record(choices)
    counts = layers.weighted_votes(votes, target_session=69, weights=weights)
    return layers.call_from_history(
        votes, counts, prior=layers.UNIFORM, weights=weights, attendance=attendance, attendance_then=then
    )


@pytest.mark.parametrize("choices", ["YYX", "XAX", "AAX", "NXX"])
def test_a_state_absent_from_nearly_every_recent_roll_call_is_called_absent(choices):
    call = _call(choices, Attendance(roll_calls=40, absences=37))

    assert (call.vote, call.basis) == ("X", "history")
    assert call.probabilities["X"] >= WEIGHTS.chronic_absent  # likely, whatever its record says


def test_a_chronic_absentee_with_a_record_of_voting_is_likely_absent_never_surely():
    call = _call("YYY", Attendance(roll_calls=40, absences=37))

    assert call.vote == "X" and call.confidence < 0.7  # likely, never sure (CONFIDENT)
    assert call.probabilities["Y"] > call.probabilities["A"]  # its record still speaks


def test_a_one_off_absentee_who_attends_the_assembly_is_called_its_usual_vote():
    call = _call("YYX", Attendance(roll_calls=40, absences=1))

    assert (call.vote, call.basis) == ("Y", "history")


def test_the_same_record_is_read_by_attendance_a_chronic_absentee_absent_a_present_state_its_vote():
    """The lead's Myanmar pattern: absent, abstained, absent. The series alone cannot tell a
    state that stays away from a state that happened to be away; the Assembly's record can."""
    assert _call("XAX", Attendance(roll_calls=40, absences=2)).vote == "A"
    assert _call("XAX", Attendance(roll_calls=40, absences=38)).vote == "X"


def test_the_chronic_absence_call_says_why_and_what_the_state_used_to_vote():
    call = _call("YAYX", Attendance(roll_calls=44, absences=40))

    assert call.reason == (
        "Absent from 40 of its 44 roll calls in the past 90 days; "
        "voted yes in 2 of its 4 sessions on record (latest, the 68th: was absent)"
    )


@pytest.mark.parametrize(
    ("attendance", "chronic"),
    [
        (Attendance(roll_calls=10, absences=9), True),  # 90%: the threshold itself
        (Attendance(roll_calls=11, absences=9), False),  # 82%
        (Attendance(roll_calls=5, absences=5), True),  # as few roll calls as counts
        (Attendance(roll_calls=4, absences=4), False),  # too few to tell a habit from a bad day
        (Attendance(roll_calls=0, absences=0), False),  # no roll call in the window
    ],
)
def test_chronic_absence_needs_the_share_and_the_number_of_roll_calls(attendance, chronic):
    assert layers.is_chronic_absentee(attendance, WEIGHTS) is chronic
    assert (_call("YYY", attendance).vote == "X") is chronic


def test_without_attendance_or_with_it_switched_off_the_record_alone_decides():
    chronic = Attendance(roll_calls=40, absences=40)

    assert _call("YYX", None).vote == "Y"  # a state read without its attendance
    assert _call("YYX", chronic, replace(WEIGHTS, chronic_absence=None)).vote == "Y"


def test_the_weights_in_use_look_at_attendance():
    call = _call("YYY", Attendance(roll_calls=60, absences=60), DEFAULT_WEIGHTS)

    assert call.vote == "X"
    assert f"in the past {DEFAULT_WEIGHTS.attendance_days} days" in call.reason


CHRONIC = Attendance(roll_calls=40, absences=38)


def test_a_chronic_absentee_that_came_to_the_last_vote_when_as_absent_is_called_its_vote():
    """Delegations that attend little but come for the human rights votes: on the training
    series this rule raised the backtest's accuracy (bench/tune_projection.py, step 5)."""
    call = _call("AYY", CHRONIC, then=Attendance(roll_calls=30, absences=24))

    assert (call.vote, call.basis) == ("Y", "history")
    assert call.reason == (
        "Absent from 38 of its 40 roll calls in the past 90 days, but came to the last vote on this "
        "resolution when absent from 24 of 30; voted yes in 2 of its 3 sessions on record (latest, the 68th)"
    )


@pytest.mark.parametrize(
    ("choices", "then", "why"),
    [
        ("YYY", Attendance(roll_calls=30, absences=3), "it attended then: it has stopped voting since"),
        ("YYX", Attendance(roll_calls=30, absences=30), "it stayed away from the last vote too"),
        ("YYY", Attendance(roll_calls=4, absences=4), "too few roll calls then to tell"),
        ("YYY", None, "read without its attendance then"),
    ],
)
def test_a_chronic_absentee_is_still_called_absent_unless_it_came_anyway(choices, then, why):
    assert _call(choices, CHRONIC, then=then).vote == "X", why


def test_with_the_came_anyway_rule_switched_off_attendance_then_is_not_looked_at():
    weights = replace(WEIGHTS, came_anyway=None)

    assert _call("YYY", CHRONIC, weights, then=Attendance(roll_calls=30, absences=30)).vote == "X"


def test_a_state_too_thin_on_record_is_left_to_its_group_even_when_absent_of_late():
    weights = replace(WEIGHTS, min_sessions=2)

    assert _call("Y", Attendance(roll_calls=40, absences=40), weights) is None


# The weighing the attendance rule sits on ------------------------------------------------------


def test_an_absence_weighs_less_than_a_vote_and_older_sessions_less_than_recent_ones():
    counts = layers.weighted_votes(_record("NYX"), target_session=69, weights=WEIGHTS)

    assert counts == {"N": 0.25, "Y": 0.5, "X": 0.25}
    assert _call("NYX", None).vote == "Y"


def test_an_old_record_weighs_less_than_a_recent_one_each_session_between_by_the_staleness():
    weights = replace(WEIGHTS, staleness=0.5)
    recent = layers.weighted_votes(_record("YY", last_session=68), target_session=69, weights=weights)
    old = layers.weighted_votes(_record("YY", last_session=66), target_session=69, weights=weights)

    assert recent == {"Y": 1.5} and old == {"Y": 1.5 * 0.25}
    # Smoothed toward the prior, the older record says less.
    assert _history("YY", 68, weights).probabilities["Y"] > _history("YY", 66, weights).probabilities["Y"]


def _history(choices: str, last_session: int, weights: Weights):
    votes = _record(choices, last_session=last_session)
    counts = layers.weighted_votes(votes, target_session=69, weights=weights)
    return layers.call_from_history(votes, counts, prior=layers.UNIFORM, weights=weights)


def test_the_record_is_smoothed_toward_the_prior_with_the_strength_in_the_weights():
    """Two yes votes weighing 1 and 0.5, and a prior worth `history_prior` votes: p(Y) is
    (1.5 + 2 × 0.25) / (1.5 + 2) and every other choice 2 × 0.25 / 3.5."""
    weights = replace(WEIGHTS, decay=0.5, history_prior=2.0)

    call = _history("YY", 68, weights)

    assert call.probabilities["Y"] == pytest.approx(2.0 / 3.5)
    assert call.probabilities["N"] == pytest.approx(0.5 / 3.5)
    assert sum(call.probabilities.values()) == pytest.approx(1)
