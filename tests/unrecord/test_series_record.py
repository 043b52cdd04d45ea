"""A series session by session: a year adopted without a vote is a row of its own (in the
selectors, the API and the state page), never a gap between the years with a roll call."""

import datetime

import pytest

from tests.factories import ResolutionFactory, SessionFactory, VoteEventFactory, body, state
from unrecord.models import RecordedVote, ResolutionSeries, VoteEvent
from unrecord.series_record import series_decisions, state_on_series

pytestmark = pytest.mark.django_db

API = "/api/v1"
WITHOUT_VOTE = VoteEvent.Result.ADOPTED_WITHOUT_VOTE


@pytest.fixture
def series():
    return ResolutionSeries.objects.create(name="Human rights in Myanmar", title_key="human myanmar rights")


def resolution_of(series, number, **fields):
    return ResolutionFactory(series=series, session=SessionFactory(number=number), **fields)


def decision(resolution, *, on, committee=False, result=VoteEvent.Result.ADOPTED, votes=""):
    counts = {} if result == WITHOUT_VOTE else {"yes_count": 1, "no_count": 1, "abstain_count": 0}
    event = VoteEventFactory(
        resolution=resolution, body=body("GA-C3" if committee else "GA"), date=on, result=result, **counts
    )
    RecordedVote.objects.bulk_create(
        RecordedVote(vote_event=event, state=state(code), choice=choice)
        for code, choice in (pair.split(":") for pair in votes.split())
    )
    return event


@pytest.fixture
def myanmar_years(series):
    """2011: recorded votes in committee and plenary; 2012: adopted without a vote in plenary
    after a recorded vote in committee; 2013: adopted, no decision on record; 2014: a recorded vote
    in committee only; 2015: tabled, not yet decided."""
    first = resolution_of(series, 66)
    decision(first, on=datetime.date(2011, 11, 16), committee=True, votes="MMR:N FRA:Y")
    decision(first, on=datetime.date(2011, 12, 24), votes="MMR:N FRA:Y")
    second = resolution_of(series, 67)
    decision(second, on=datetime.date(2012, 11, 26), committee=True, votes="MMR:N FRA:Y")
    decision(second, on=datetime.date(2012, 12, 20), result=WITHOUT_VOTE)
    resolution_of(series, 68, adopted_on=datetime.date(2013, 12, 18))
    fourth = resolution_of(series, 69)
    decision(fourth, on=datetime.date(2014, 11, 20), committee=True, votes="MMR:A FRA:Y")
    resolution_of(series, 70)
    return series


def test_each_decided_session_is_a_row_and_those_without_a_vote_say_so(myanmar_years):
    rows = [
        (d.session_number, d.body and d.body.code, d.without_vote)
        for d in series_decisions(series_id=myanmar_years.pk)
    ]
    assert rows == [(66, "GA", False), (67, "GA", True), (68, None, True), (69, "GA-C3", False)]


def test_the_plenarys_decision_wins_over_its_committees(myanmar_years):
    by_session = {d.session_number: d for d in series_decisions(series_id=myanmar_years.pk)}
    assert by_session[67].vote_event.body.code == "GA" and by_session[67].date == datetime.date(2012, 12, 20)


def test_decisions_after_the_day_asked_are_left_out(myanmar_years):
    decisions = series_decisions(series_id=myanmar_years.pk, until=datetime.date(2012, 12, 31))
    assert [d.session_number for d in decisions] == [66, 67]


def test_a_states_record_on_the_series_has_its_votes_and_the_years_without_a_vote(myanmar_years):
    rows = [
        (row.decision.session_number, row.decision.without_vote, row.choice)
        for row in state_on_series(state=state("MMR"), series_id=myanmar_years.pk)
    ]
    assert rows == [(66, False, "N"), (67, True, None), (68, True, None), (69, False, "A")]


def test_the_series_record_reads_in_three_queries_however_long(series, django_assert_num_queries):
    for number in range(40, 52):
        resolution = resolution_of(series, number)
        decision(resolution, on=datetime.date(1945 + number, 12, 1), votes="MMR:N FRA:Y")
        decision(resolution, on=datetime.date(1945 + number, 11, 1), committee=True)
    myanmar = state("MMR")
    with django_assert_num_queries(3):  # the resolutions, their decisions, the state's votes
        assert len(state_on_series(state=myanmar, series_id=series.pk)) == 12


# The API


@pytest.fixture
def api(client, analyst_user):
    client.force_login(analyst_user)
    return client


def test_the_api_gives_a_states_record_with_the_years_without_a_vote(api, myanmar_years):
    response = api.get(f"{API}/member-states/MMR/series-record/", {"series": myanmar_years.pk})
    assert response.status_code == 200, response.content
    rows = response.json()
    assert [(row["session"], row["without_vote"], row["choice"]) for row in rows] == [
        (66, False, "N"),
        (67, True, None),
        (68, True, None),
        (69, False, "A"),
    ]
    assert rows[2] | {"resolution": None} == {
        "session": 68,
        "date": "2013-12-18",
        "body": None,
        "resolution": None,
        "resolution_symbol": rows[2]["resolution_symbol"],
        "vote_event": None,
        "without_vote": True,
        "choice": None,
    }


def test_the_api_series_record_reads_in_a_fixed_number_of_queries(
    api, myanmar_years, django_assert_num_queries
):
    # The session, the user, the series asked for, the state, then the record's three.
    with django_assert_num_queries(7):
        assert (
            api.get(f"{API}/member-states/MMR/series-record/", {"series": myanmar_years.pk}).status_code
            == 200
        )


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "series"),
        ({"series": "999999"}, "series"),
        ({"series": "x"}, "series"),
        ({"date_before": "2014-13-01"}, "date_before"),
    ],
)
def test_a_bad_series_record_query_is_a_400_naming_the_field(api, myanmar_years, params, field):
    query = {"series": myanmar_years.pk} | params if field == "date_before" else params
    response = api.get(f"{API}/member-states/MMR/series-record/", query)
    assert response.status_code == 400
    assert field in response.json()


def test_the_series_record_of_an_unknown_state_is_a_404(api, myanmar_years):
    assert api.get(f"{API}/member-states/XYZ/series-record/", {"series": myanmar_years.pk}).status_code == 404
