"""/api/v1/series/: resolution series with the sessions that voted on them and those that adopted
them without a vote, found by name or by a title of their resolutions, as JSON or CSV, in a
fixed number of queries."""

import csv
import datetime
import io

import pytest

from tests.factories import ResolutionFactory, SessionFactory, VoteEventFactory, body
from unrecord.models import ResolutionSeries, VoteEvent

pytestmark = pytest.mark.django_db

SERIES = "/api/v1/series/"
WITHOUT_VOTE = VoteEvent.Result.ADOPTED_WITHOUT_VOTE


def resolution_of(series, number, **fields):
    return ResolutionFactory(series=series, session=SessionFactory(number=number), **fields)


def decided(resolution, *, on, committee=False, result=VoteEvent.Result.ADOPTED):
    counts = {} if result == WITHOUT_VOTE else {"yes_count": 100, "no_count": 10, "abstain_count": 40}
    return VoteEventFactory(
        resolution=resolution, body=body("GA-C3" if committee else "GA"), date=on, result=result, **counts
    )


@pytest.fixture
def myanmar():
    """66: a recorded vote; 67: adopted without a vote in plenary after a recorded vote in
    committee; 68: adopted, no decision on record; 69: a recorded vote in committee only;
    70: tabled, not yet decided."""
    series = ResolutionSeries.objects.create(name="Human rights in Myanmar", title_key="human myanmar rights")
    title = "Situation of human rights in Myanmar"
    decided(resolution_of(series, 66, title=title), on=datetime.date(2011, 12, 24))
    second = resolution_of(series, 67, title=title)
    decided(second, on=datetime.date(2012, 11, 26), committee=True)
    decided(second, on=datetime.date(2012, 12, 20), result=WITHOUT_VOTE)
    resolution_of(series, 68, title=title, adopted_on=datetime.date(2013, 12, 18))
    decided(resolution_of(series, 69, title=title), on=datetime.date(2014, 11, 20), committee=True)
    resolution_of(series, 70, title=title)
    return series


@pytest.fixture
def dprk():
    series = ResolutionSeries.objects.create(name="Human rights in the DPRK", title_key="dprk human rights")
    decided(resolution_of(series, 69), on=datetime.date(2014, 12, 18))  # the factory's DPRK title
    return series


def test_a_series_lists_the_sessions_that_voted_and_those_that_adopted_it_without_a_vote(api, myanmar):
    response = api.get(SERIES, {"search": "Myanmar"})
    assert response.status_code == 200, response.content
    assert response.json()["results"] == [
        {
            "id": myanmar.pk,
            "name": "Human rights in Myanmar",
            "recorded_sessions": [66, 69],
            "without_vote_sessions": [67, 68],
        }
    ]


def test_a_series_page_tells_how_each_of_its_resolutions_was_decided(api, myanmar):
    response = api.get(f"{SERIES}{myanmar.pk}/")
    assert response.status_code == 200, response.content
    series = response.json()
    assert (series["recorded_sessions"], series["without_vote_sessions"]) == ([66, 69], [67, 68])
    decisions = [(d["session"], d["body"], d["without_vote"]) for d in series["decisions"]]
    assert decisions == [(66, "GA", False), (67, "GA", True), (68, None, True), (69, "GA-C3", False)]
    assert all(d["resolution_symbol"] for d in series["decisions"])
    # The list's sessions (read in SQL) and the decisions (read in Python) follow the same rule.
    for without_vote in (False, True):
        sessions = sorted({d["session"] for d in series["decisions"] if d["without_vote"] is without_vote})
        assert series["without_vote_sessions" if without_vote else "recorded_sessions"] == sessions


def test_series_are_found_by_their_name_or_a_title_of_their_resolutions(api, myanmar, dprk):
    def names(search):
        return [s["name"] for s in api.get(SERIES, {"search": search}).json()["results"]]

    assert names("") == ["Human rights in Myanmar", "Human rights in the DPRK"]
    assert names("DPRK") == names("Democratic People's Republic") == ["Human rights in the DPRK"]
    assert names("situation of human rights") == ["Human rights in Myanmar", "Human rights in the DPRK"]


def test_the_series_as_csv_hold_each_list_of_sessions_in_one_cell(api, myanmar):
    response = api.get(SERIES, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["id", "name", "recorded_sessions", "without_vote_sessions"],
        [str(myanmar.pk), "Human rights in Myanmar", "66 69", "67 68"],
    ]


def test_an_unknown_series_or_parameter_is_answered_as_such(api, myanmar):
    assert api.get(f"{SERIES}{myanmar.pk + 1}/").status_code == 404
    response = api.get(SERIES, {"serach": "Myanmar"})
    assert response.status_code == 400 and "serach" in response.json()


SIGNED_IN = 2  # the session and the user


@pytest.mark.parametrize(
    "path, queries",
    [
        ("?page_size={n}", SIGNED_IN + 2),  # count, page (with its sessions)
        ("?page_size={n}&search=rights&format=csv", SIGNED_IN + 2),
    ],
)
def test_series_query_counts_are_pinned_and_do_not_grow_with_the_page(
    api, django_assert_num_queries, path, queries
):
    for number in range(30):
        series = ResolutionSeries.objects.create(name=f"Human rights {number}", title_key=f"rights {number}")
        decided(resolution_of(series, 40 + number), on=datetime.date(1985 + number, 12, 1))
        resolution_of(series, 41 + number, adopted_on=datetime.date(1986 + number, 12, 1))
    sizes = []
    for page_size in (3, 30):
        with django_assert_num_queries(queries):
            response = api.get(SERIES + path.format(n=page_size))
        assert response.status_code == 200, response.content
        sizes.append(response.content.count(b"\n") if "csv" in path else len(response.json()["results"]))
    assert sizes[0] < sizes[1]


def test_a_series_page_takes_a_fixed_number_of_queries(api, myanmar, django_assert_num_queries):
    with django_assert_num_queries(SIGNED_IN + 4):  # its version (the ETag), it, its resolutions, decisions
        assert api.get(f"{SERIES}{myanmar.pk}/").status_code == 200
