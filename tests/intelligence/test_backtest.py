"""The backtest: a recorded vote projected from the roll calls before it, beside the naive
baseline (each state votes as it did last time)."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from intelligence.backtest import SeriesNotFound, backtest, backtest_sessions, find_series, naive_calls
from intelligence.projection import voting_states
from intelligence.record import Attendance, attendance_of, attendance_then_of, series_record, with_attendance
from tests import factories
from tests.intelligence.builders import plenary_day
from unrecord.models import MemberState, RecordedVote

pytestmark = pytest.mark.django_db


def _baseline(series, session, iso3s):
    record = series_record(series_id=series.pk, before=plenary_day(session))
    return naive_calls([factories.state(iso3) for iso3 in iso3s], record)


def test_the_baseline_repeats_each_states_last_vote_absences_included(series, record):
    record(66, {"NGA": "Y", "GHA": "Y"})
    record(67, {"NGA": "N", "GHA": "X"})

    calls, fallbacks = _baseline(series, 68, ["NGA", "GHA"])

    assert calls == {factories.state("NGA").pk: "N", factories.state("GHA").pk: "X"}
    assert fallbacks == {}


def test_the_baseline_gives_a_state_with_no_vote_its_groups_majority_else_abstain(series, record):
    record(66, {"KEN": "N"})
    record(67, {"NGA": "Y", "GHA": "Y", "KEN": "N"})

    calls, fallbacks = _baseline(series, 68, ["SSD", "FRA"])

    ssd, fra = factories.state("SSD").pk, factories.state("FRA").pk
    assert calls == {ssd: "Y", fra: "A"}
    assert fallbacks == {ssd: "group", fra: "abstain"}


def test_the_projection_looks_past_a_one_off_absence_where_the_baseline_does_not(series, record):
    record(65, {"NGA": "Y", "GHA": "N"})
    record(66, {"NGA": "Y", "GHA": "N"})
    record(67, {"NGA": "X", "GHA": "N"})
    record(68, {"NGA": "Y", "GHA": "N"})

    result = backtest(series=series, session=68)

    assert (result.projection.correct, result.projection.compared) == (2, 2)
    assert (result.baseline.correct, result.baseline.accuracy) == (1, 0.5)
    assert result.projection.tally_error == {"Y": 0, "N": 0, "A": 0}
    assert result.baseline.tally_error == {"Y": 1, "N": 0, "A": 0}


def _roll_calls_elsewhere(day: datetime.date, count: int, votes: dict[str, str]) -> None:
    """`count` roll calls on `day` on other resolutions than the series', with `votes`."""
    for _ in range(count):
        event = factories.VoteEventFactory(date=day)
        RecordedVote.objects.bulk_create(
            RecordedVote(vote_event=event, state=factories.state(iso3), choice=choice)
            for iso3, choice in votes.items()
        )


def test_a_state_absent_from_the_assemblys_roll_calls_of_late_is_projected_absent(series, record):
    record(66, {"NGA": "Y", "GHA": "Y"})
    record(67, {"NGA": "Y", "GHA": "Y"})
    _roll_calls_elsewhere(plenary_day(68) - datetime.timedelta(days=20), 6, {"NGA": "Y", "GHA": "X"})
    record(68, {"NGA": "Y", "GHA": "X"})

    result = backtest(series=series, session=68)

    assert (result.projection.correct, result.baseline.correct) == (2, 1)  # GHA: "Y" from the baseline
    assert result.projection.predicted == {"Y": 1, "X": 1}


def test_the_absences_of_the_day_itself_do_not_count_only_the_roll_calls_before_it(series, record):
    record(66, {"NGA": "Y"})
    record(67, {"NGA": "Y"})
    _roll_calls_elsewhere(plenary_day(68), 6, {"NGA": "X"})  # earlier that day, or later
    record(68, {"NGA": "Y"})

    assert backtest(series=series, session=68).projection.correct == 1


def test_attendance_counts_the_roll_calls_of_the_window_before_the_day(db):
    day = datetime.date(2014, 12, 15)
    _roll_calls_elsewhere(day - datetime.timedelta(days=91), 3, {"GHA": "X"})  # before the window
    _roll_calls_elsewhere(day - datetime.timedelta(days=90), 2, {"GHA": "X"})  # its first day
    _roll_calls_elsewhere(day - datetime.timedelta(days=1), 3, {"GHA": "Y"})
    _roll_calls_elsewhere(day, 4, {"GHA": "X"})  # not before the day

    states = with_attendance(MemberState.objects.filter(iso3__in=["GHA", "NGA"]), before=day, days=90)

    assert {state.iso3: attendance_of(state) for state in states} == {
        "GHA": Attendance(roll_calls=5, absences=2),
        "NGA": Attendance(roll_calls=0, absences=0),  # recorded on none of them
    }
    assert attendance_of(MemberState.objects.get(iso3="GHA")) is None  # read without it


def test_the_voting_states_and_their_attendance_are_one_query(db, django_assert_num_queries):
    day = datetime.date(2014, 12, 15)
    last_year = datetime.date(2013, 12, 18)
    _roll_calls_elsewhere(day - datetime.timedelta(days=3), 2, {"GHA": "X", "NGA": "Y"})
    _roll_calls_elsewhere(last_year - datetime.timedelta(days=3), 3, {"GHA": "Y", "NGA": "X"})

    with django_assert_num_queries(1):
        states = {
            state.iso3: state
            for state in voting_states(day, roll_calls_before=day, series_last_roll_call_on=last_year)
        }

    assert len(states) == 193
    assert attendance_of(states["GHA"]) == Attendance(roll_calls=2, absences=2)
    assert attendance_of(states["NGA"]) == Attendance(roll_calls=2, absences=0)
    assert attendance_then_of(states["GHA"]) == Attendance(roll_calls=3, absences=0)
    assert attendance_then_of(states["NGA"]) == Attendance(roll_calls=3, absences=3)
    assert states["GHA"].regional_group.code  # read with the state, no query


def test_the_record_knows_the_day_of_the_series_last_roll_call(series, record):
    record(66, {"NGA": "Y"})
    committee = record(67, {"NGA": "Y"}, body="GA-C3")
    plenary = record(67, {"NGA": "A"})

    assert series_record(series_id=series.pk, before=plenary.date).last_roll_call_on == committee.date
    assert series_record(series_id=series.pk, before=plenary_day(68)).last_roll_call_on == plenary.date


def test_a_state_that_comes_for_this_vote_alone_is_projected_its_vote_not_absent(series, record):
    """Absent from nearly every roll call, this year and last, GHA came to vote on the series
    last year: the projection expects it again; NGA, which attended last year and has stopped
    since, is expected absent."""
    for session in (66, 67):
        _roll_calls_elsewhere(plenary_day(session) - datetime.timedelta(days=20), 6, {"GHA": "X", "NGA": "Y"})
        record(session, {"GHA": "Y", "NGA": "Y"})
    _roll_calls_elsewhere(plenary_day(68) - datetime.timedelta(days=20), 6, {"GHA": "X", "NGA": "X"})
    record(68, {"GHA": "Y", "NGA": "X"})

    result = backtest(series=series, session=68)

    assert (result.projection.correct, result.baseline.correct) == (2, 1)
    assert result.projection.predicted == {"Y": 1, "X": 1}


def test_the_backtest_scores_the_states_on_the_roll_call_from_the_record_before_it(series, record):
    record(67, {"NGA": "Y", "GHA": "A", "SEN": "Y"})
    record(68, {"NGA": "N", "GHA": "A", "KEN": "Y"})
    record(69, {"NGA": "A", "GHA": "A", "KEN": "A"})  # after: must change nothing

    result = backtest(series=series, session=68)

    assert result.projection.compared == 3
    assert result.projection.actual == {"N": 1, "A": 1, "Y": 1}
    assert result.projection.predicted == {"Y": 2, "A": 1}  # KEN, new: its group's yes
    assert result.projection_bases == {"history": 2, "group": 1}


def test_the_backtest_projects_the_plenary_roll_call_unless_told_otherwise(series, record):
    record(67, {"NGA": "Y"})
    record(68, {"NGA": "N"}, body="GA-C3")
    plenary = record(68, {"NGA": "Y"})

    assert backtest(series=series, session=68).vote_event == plenary
    # The committee voted a month earlier, from the 67th session's record alone: it voted no.
    assert backtest(series=series, session=68, body="GA-C3").projection.correct == 0
    assert backtest(series=series, session=66) is None


def test_sessions_are_backtested_from_the_second_one_with_a_roll_call(series, record):
    for session in (60, 61, 62, 64):
        record(session, {"NGA": "Y"})

    summary = backtest_sessions(series=series)

    assert [result.session for result in summary.results] == [61, 62, 64]
    assert summary.mean_accuracy("projection") == 1.0
    assert [r.session for r in backtest_sessions(series=series, first=62, last=63).results] == [62]


def test_a_series_is_found_by_id_name_or_a_unique_part_of_its_name(series):
    factories.ResolutionSeriesFactory(name="Situation of human rights in Myanmar", title_key="myanmar")

    assert find_series(str(series.pk)) == series
    assert find_series(series.name.upper()) == series
    assert find_series("myanmar").name == "Situation of human rights in Myanmar"
    with pytest.raises(SeriesNotFound, match="candidates"):
        find_series("Situation of human rights in")


# The command -----------------------------------------------------------------------------------


def _command(*args) -> str:
    output = io.StringIO()
    call_command("backtest_projection", *args, stdout=output)
    return output.getvalue()


def test_the_command_prints_both_methods_side_by_side(series, record):
    members = list(MemberState.objects.members_on(plenary_day(68)).values_list("iso3", flat=True))
    record(67, dict.fromkeys(members, "Y"))
    record(68, {iso3: "N" if iso3 == "NGA" else "Y" for iso3 in members})

    output = _command("--series", str(series.pk), "--session", "68")

    assert f"Series {series.pk}: {series.name}" in output
    assert "Session 68: GA roll call of 15 Dec 2013, 193 states scored." in output
    assert "projection       99.5%" in output and "baseline         99.5%" in output
    assert "Projection layers: history 193." in output
    assert "Baseline: each state votes as it did last time" in output


def test_the_command_reports_a_mean_over_sessions(series, record):
    for session in (60, 61, 62):
        record(session, {"NGA": "Y", "GHA": "N"})

    output = _command("--series", series.name, "--all-sessions")

    assert "   mean      2   sessions" in output
    assert "100.0%" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--series", "no such series", "--session", "69"], "No single series matches"),
        (["--session", "50"], "no recorded vote on a draft as a whole in session 50"),
        (["--sessions", "sixty"], "--sessions takes FIRST-LAST"),
        (["--all-sessions"], "No session of the series has a recorded vote and one before it"),
    ],
)
def test_the_command_refuses_what_it_cannot_backtest(series, args, message):
    if args[0] != "--series":
        args = ["--series", str(series.pk), *args]

    with pytest.raises(CommandError, match=message):
        _command(*args)
