"""Paging through one state's votes: recorded votes filtered by state come by roll call, and a
state's history is cut from its votes in date order (their own copy of the roll call's date, in
the index on (state, date, roll call)) before their details are read. Found by
bench/api_load.py: both used to walk or sort far more rows than a page holds (50 ms and 40-50 ms
a page for North Korea on the full voting file)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ResolutionFactory, ResolutionSeriesFactory, VoteEventFactory, state
from unrecord.models import RecordedVote

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def api(client, analyst_user):
    client.force_login(analyst_user)
    return client


def roll_calls_voted_in_reverse(dates: list[datetime.date]) -> list[int]:
    """Roll calls on `dates`, their votes (PRK's and USA's) inserted last roll call first, so
    that the table's physical order runs against roll-call ids. Returns the roll calls' ids."""
    vote_events = [VoteEventFactory(date=day) for day in dates]
    for vote_event in reversed(vote_events):
        RecordedVote.objects.bulk_create(
            RecordedVote(vote_event=vote_event, state=state(code), choice="Y") for code in ("PRK", "USA")
        )
    return [vote_event.pk for vote_event in vote_events]


def roll_calls_after_the_first_on_a_series(days: list[datetime.date], codes: tuple[str, ...]):
    """A roll call on each of `days`, each but the first on a resolution of one new series, with
    a yes from each state of `codes`. Returns the series and the roll calls."""
    series = ResolutionSeriesFactory()
    vote_events = [
        VoteEventFactory(date=day, resolution=ResolutionFactory(series=series if n else None))
        for n, day in enumerate(days)
    ]
    for vote_event in vote_events:
        RecordedVote.objects.bulk_create(
            RecordedVote(vote_event=vote_event, state=state(code), choice="Y") for code in codes
        )
    return series, vote_events


def ordering_and_limit(sql: str) -> str:
    """The ORDER BY and LIMIT of a page's query, columns by name where Django numbered them
    (a list of plain values is ordered by its columns' positions)."""
    columns = re.findall(r' AS "(\w+)"', sql[: sql.index(" FROM ")])
    tail = sql[sql.rindex(" ORDER BY ") + 1 :]
    return re.sub(r"\b(\d+) (ASC|DESC)", lambda m: f"{columns[int(m[1]) - 1]} {m[2]}", tail)


def page_query(queries: CaptureQueriesContext) -> str:
    """The last query that cut a page of recorded votes (their roll calls and states follow it)."""
    return [query["sql"] for query in queries.captured_queries if " LIMIT " in query["sql"]][-1]


def follow(api, url: str, params: dict) -> list[list[int]]:
    pages = []
    response = api.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([row["vote_event"] for row in body["results"]])
        if not body["next"]:
            return pages
        response = api.get(body["next"])


def test_a_states_recorded_votes_come_by_roll_call_in_cursor_pages(api):
    days = [datetime.date(2014, 12, day) for day in range(1, 6)]
    roll_calls = roll_calls_voted_in_reverse(days)
    with CaptureQueriesContext(connection) as queries:
        pages = follow(api, f"{API}/recorded-votes/", {"state": "PRK", "page_size": 2})
    assert pages == [roll_calls[:2], roll_calls[2:4], roll_calls[4:]]
    assert ordering_and_limit(page_query(queries)) == BY_KEY


# The key's order, (roll call, state).
BY_KEY = "ORDER BY vote_event_id ASC, state_id ASC LIMIT 3 OFFSET 0"


def test_unfiltered_recorded_votes_come_in_the_order_of_their_key(api):
    roll_calls_voted_in_reverse([datetime.date(2014, 12, 1), datetime.date(2014, 12, 2)])
    rows = [(row["vote_event"], row["state"]) for row in api.get(f"{API}/recorded-votes/").json()["results"]]
    by_key = RecordedVote.objects.order_by("vote_event_id", "state_id").values_list(
        "vote_event_id", "state__iso3"
    )
    assert rows == list(by_key) and len(rows) == 4


def test_a_states_history_pages_are_cut_from_its_votes_sorted_by_date(api):
    # Dates out of roll-call order: the history sorts by date, then roll call.
    days = [datetime.date(2014, 12, day) for day in (5, 1, 3, 1, 2)]
    roll_calls = roll_calls_voted_in_reverse(days)
    by_date = [pk for _, pk in sorted(zip(days, roll_calls, strict=True))]

    def page(number):
        response = api.get(f"{API}/member-states/PRK/history/", {"page_size": 2, "page": number})
        assert response.status_code == 200, response.content
        return response.json()

    first = page(1)
    assert first["count"] == 5
    with CaptureQueriesContext(connection) as queries:
        page(2)
    # The page is cut from the state's votes alone, by their own dates; the details are read
    # for the page's two roll calls only.
    *_, cut, details = (query["sql"] for query in queries.captured_queries)
    assert cut.endswith("LIMIT 2 OFFSET 2") and "JOIN" not in cut
    assert "= ANY('{" in details and "LIMIT" not in details
    assert [[row["vote_event"] for row in page(n)["results"]] for n in (1, 2, 3)] == [
        by_date[:2],
        by_date[2:4],
        by_date[4:],
    ]
    assert [row["date"] for row in first["results"]] == ["2014-12-01", "2014-12-01"]


def test_votes_filtered_by_roll_call_come_by_roll_call_across_pages(api):
    # Three states' votes on each of four roll calls of session 69, inserted last roll call first.
    days = [datetime.date(2014, 12, day) for day in range(1, 5)]
    vote_events = [VoteEventFactory(date=day) for day in days]
    for vote_event in reversed(vote_events):
        RecordedVote.objects.bulk_create(
            RecordedVote(vote_event=vote_event, state=state(code), choice="Y")
            for code in ("PRK", "USA", "JPN")
        )
    expected = list(
        RecordedVote.objects.order_by("vote_event_id", "state_id").values_list("vote_event_id", "state__iso3")
    )
    for params in ({"date_after": "2014-12-01"}, {"session": vote_events[0].session.number}):
        with CaptureQueriesContext(connection) as queries:
            response = api.get(f"{API}/recorded-votes/", params | {"page_size": 2})
        assert ordering_and_limit(page_query(queries)) == BY_KEY
        pages = []
        while True:  # pages of two cut the roll calls' three votes: the cursor keeps an offset
            assert response.status_code == 200, response.content
            body = response.json()
            pages.append([(row["vote_event"], row["state"]) for row in body["results"]])
            if not body["next"]:
                break
            response = api.get(body["next"])
        assert [row for page in pages for row in page] == expected
        assert [len(page) for page in pages] == [2] * 6


def test_filters_on_the_roll_call_choose_its_ids_for_the_votes_key_index_and_select_as_a_join_would(api):
    days = [datetime.date(2013, 12, 1), datetime.date(2014, 12, 1), datetime.date(2014, 12, 2)]
    series, vote_events = roll_calls_after_the_first_on_a_series(days, ("PRK", "USA"))
    symbol = vote_events[2].resolution.symbol.lower()
    session = vote_events[1].session.number
    asked = [
        ({"session": session}, {"vote_event__session__number": session}),
        (
            {"series": series.pk, "date_after": "2014-12-02"},
            {"vote_event__resolution__series": series, "vote_event__date__gte": days[2]},
        ),
        (
            {"date_before": "2014-12-01", "state": "prk"},
            {"vote_event__date__lte": days[1], "state__iso3": "PRK"},
        ),
        ({"symbol": symbol, "choice": "Y"}, {"vote_event": vote_events[2]}),
        ({"session": 0}, {"pk__in": []}),  # no such session: no roll calls, no votes
    ]
    for params, joined in asked:
        with CaptureQueriesContext(connection) as queries:
            response = api.get(f"{API}/recorded-votes/", params)
        assert response.status_code == 200, response.content
        served = [(row["vote_event"], row["state"]) for row in response.json()["results"]]
        expected = RecordedVote.objects.filter(**joined).order_by("vote_event_id", "state_id")
        assert served == [(vote.vote_event_id, vote.state.iso3) for vote in expected], params
        # The roll calls in a subquery, not joined to the votes.
        votes, _, roll_calls = page_query(queries).partition(" = ANY(ARRAY(SELECT ")
        assert roll_calls and "JOIN" not in votes, params


def test_a_history_past_its_end_or_of_no_state_is_a_404_and_a_state_with_no_votes_an_empty_page(api):
    roll_calls_voted_in_reverse([datetime.date(2014, 12, 1)])
    history = f"{API}/member-states/PRK/history/"
    assert api.get(history, {"page": 2}).status_code == 404
    assert api.get(history, {"page": "last"}).json()["count"] == 1
    assert api.get(history, {"page": "x"}).status_code == 404
    assert api.get(f"{API}/member-states/XYZ/history/", {"page": 2}).status_code == 404
    assert api.get(f"{API}/member-states/XYZ/history/").status_code == 404
    empty = api.get(f"{API}/member-states/FRA/history/")
    assert empty.status_code == 200 and empty.json()["count"] == 0 and empty.json()["results"] == []


def test_a_history_on_a_series_checks_its_id_alone_and_reads_its_roll_calls_first(api):
    days = [datetime.date(2014, 12, 1), datetime.date(2013, 12, 1), datetime.date(2014, 11, 1)]
    series, vote_events = roll_calls_after_the_first_on_a_series(days, ("PRK",))
    history = f"{API}/member-states/PRK/history/"
    with CaptureQueriesContext(connection) as queries:
        response = api.get(history, {"series": series.pk})
    assert [row["vote_event"] for row in response.json()["results"]] == [vote_events[1].pk, vote_events[2].pk]
    statements = [query["sql"] for query in queries.captured_queries]
    # The series is checked for its id, not fetched whole; the page is the state's votes among
    # the series' roll calls, computed first as one array, not joined.
    [check] = [sql for sql in statements if 'FROM "unrecord_resolutionseries"' in sql]
    assert check.startswith('SELECT "unrecord_resolutionseries"."id" AS "pk"')
    votes, _, roll_calls = page_query(queries).partition(" = ANY(ARRAY(SELECT ")
    assert roll_calls and "JOIN" not in votes
    # The errors PrimaryKeyRelatedField gave.
    missing, mistyped = api.get(history, {"series": 10**6}), api.get(history, {"series": "abc"})
    assert (missing.status_code, mistyped.status_code) == (400, 400)
    assert missing.json()["series"] == ['Invalid pk "1000000" - object does not exist.']
    assert mistyped.json()["series"] == ["Incorrect type. Expected pk value, received str."]
