"""The bulk exports: every recorded vote (or every roll call with its tallies) the list's filters
select, in one CSV streamed from COPY, with the list's rows, access and strict parameters.

The export reads on a connection of its own, which sees only committed rows: the tests that read
rows run on real transactions."""

import csv
import datetime
import io

import pytest
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import StreamingHttpResponse

from core.csv_export import CopyStream, CSVExport, copy_statement
from tests.factories import ResolutionFactory, SessionFactory, VoteEventFactory, body, state
from unrecord import filters, selectors
from unrecord.models import MemberState, RecordedVote, VoteEvent

API = "/api/v1"
VOTES = f"{API}/recorded-votes/export/"
EVENTS = f"{API}/vote-events/export/"
ON_RECORD = pytest.mark.django_db(transaction=True, serialized_rollback=True)
VOTE_COLUMNS = [
    "vote_event",
    "date",
    "body",
    "vote_kind",
    "resolution_symbol",
    "state",
    "state_name",
    "regional_group",
    "choice",
]


@pytest.fixture
def record(roll_call):
    """Two sessions' roll calls: session 69's plenary vote and a committee amendment, session 70's."""
    dprk = ResolutionFactory(draft_symbol="A/C.3/69/L.28", adopted_symbol="A/RES/69/188")
    later = ResolutionFactory(draft_symbol="A/C.3/70/L.35", session=SessionFactory(number=70))
    return [
        roll_call("USA:Y PRK:N CHN:N ZAF:A FRA:Y", resolution=dprk),
        roll_call(
            "PRK:Y USA:N JPN:X",
            resolution=dprk,
            body=body("GA-C3"),
            kind=VoteEvent.Kind.AMENDMENT,
            date=datetime.date(2014, 11, 18),
        ),
        roll_call("USA:Y PRK:N", resolution=later, date=datetime.date(2015, 12, 17)),
    ]


def download(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def field_errors(response) -> dict:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


# Recorded votes


@ON_RECORD
def test_exported_votes_are_the_lists_rows_for_the_same_filters(api, record):
    query = {"session": 69, "choice": "N"}
    listed = csv.DictReader(io.StringIO(api.get(f"{API}/recorded-votes/", query | {"format": "csv"}).text))
    exported = download(api.get(VOTES, query))
    assert list(exported[0]) == listed.fieldnames  # the list's columns, in its order
    assert len(exported) == 3  # PRK and CHN in plenary, USA on the amendment
    assert sorted(exported, key=_vote) == sorted(listed, key=_vote)


def _vote(row: dict) -> tuple:
    return row["vote_event"], row["state"]


@ON_RECORD
def test_exported_votes_name_the_body_and_kind_of_their_roll_call(api, record):
    plenary, amendment, _ = record
    rows = download(api.get(VOTES, {"state": "USA", "session": 69}))
    assert list(rows[0]) == VOTE_COLUMNS
    assert rows == [
        {
            "vote_event": str(plenary.pk),
            "date": "2014-12-18",
            "resolution_symbol": "A/RES/69/188",
            "state": "USA",
            "state_name": state("USA").common_name,
            "regional_group": "WEOG",
            "choice": "Y",
            "body": "GA",
            "vote_kind": "draft",
        },
        {
            "vote_event": str(amendment.pk),
            "date": "2014-11-18",
            "resolution_symbol": "A/RES/69/188",
            "state": "USA",
            "state_name": state("USA").common_name,
            "regional_group": "WEOG",
            "choice": "N",
            "body": "GA-C3",
            "vote_kind": "amendment",
        },
    ]


@ON_RECORD
def test_the_whole_record_is_exported_by_roll_call_then_state_code_without_filters(api, record):
    rows = download(api.get(VOTES))
    order = [(int(row["vote_event"]), row["state"]) for row in rows]
    assert len(rows) == RecordedVote.objects.count() == 10
    assert order == sorted(order)


@ON_RECORD
# A state that never voted; a session that had no roll call, which no SQL is written for.
@pytest.mark.parametrize("nothing", [{"state": "DEU"}, {"session": 0}])
def test_an_export_with_nothing_selected_is_its_header_row(api, record, nothing):
    response = api.get(VOTES, nothing)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode().splitlines() == [",".join(VOTE_COLUMNS)]


@ON_RECORD
def test_text_a_spreadsheet_would_take_for_a_formula_is_quoted(api, roll_call):
    roll_call("USA:Y", resolution=ResolutionFactory(draft_symbol="=HYPERLINK(1)", adopted_symbol=""))
    assert download(api.get(VOTES))[0]["resolution_symbol"] == "'=HYPERLINK(1)"


@pytest.fixture
def awkward_record(roll_call):
    """Text that CSV must quote (commas, quotes, line breaks, an empty string), text that COPY's
    text format would escape (a backslash, a tab), a formula, missing values, and a state whose
    id is not in the order of its code."""
    awkward = ResolutionFactory(draft_symbol='A/RES/1, "two"\nthree\\four\tfive', adopted_symbol="")
    formula = ResolutionFactory(draft_symbol="=SUM(1,2)", adopted_symbol="")
    MemberState.objects.filter(iso3="PRK").update(common_name='Korea, "North"\r\n')
    MemberState.objects.filter(iso3="ZAF").update(common_name="")
    MemberState.objects.filter(iso3="FRA").update(regional_group=None)
    # The newest state first by its code: the rows are in code order, not in the states' ids'.
    MemberState.objects.create(iso3="AAA", un_name="Aaa", common_name="Aaa")
    roll_call("USA:Y PRK:N FRA:A ZAF:X AAA:Y", resolution=awkward)
    roll_call("PRK:Y USA:N", resolution=formula, date=datetime.date(2014, 11, 18))
    roll_call("USA:A CHN:Y", resolution=None, session=awkward.session, body=body("GA-C3"))


def copied_as_csv(query: dict) -> bytes:
    """What PostgreSQL's CSV COPY writes for the rows that `query` selects, joined and ordered in
    SQL: the export's statement before it wrote each roll call's columns once."""
    votes = filters.RecordedVoteFilter(query, queryset=selectors.recorded_votes()).qs
    symbol = Coalesce(
        NullIf("vote_event__resolution__adopted_symbol", Value("")), "vote_event__resolution__draft_symbol"
    )
    rows = votes.values(
        "vote_event_id",
        "choice",
        "date",  # the vote's copy of its roll call's, which the database holds to it
        body=F("vote_event__body__code"),
        vote_kind=F("vote_event__kind"),
        resolution_symbol=symbol,
        state_iso3=F("state__iso3"),
        state_name=F("state__common_name"),
        regional_group=F("state__regional_group__code"),
    )
    export = CSVExport(rows, JOINED_COLUMNS, order_by=("vote_event_id", "state_iso3"))
    return b"".join(CopyStream(*copy_statement(export)))


JOINED_COLUMNS = {
    "vote_event": "vote_event_id",
    "date": "date",
    "body": "body",
    "vote_kind": "vote_kind",
    "resolution_symbol": "resolution_symbol",
    "state": "state_iso3",
    "state_name": "state_name",
    "regional_group": "regional_group",
    "choice": "choice",
}


@ON_RECORD
@pytest.mark.parametrize("query", [{}, {"state": "PRK"}, {"choice": "N", "date_after": "2014-12-01"}])
def test_the_export_is_byte_for_byte_what_postgresqls_csv_copy_writes(api, awkward_record, query):
    response = api.get(VOTES, query)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == copied_as_csv(query)


@ON_RECORD
def test_awkward_text_reads_back_as_it_was_recorded(api, awkward_record):
    rows = {(row["resolution_symbol"], row["state"]): row for row in download(api.get(VOTES))}
    awkward = 'A/RES/1, "two"\nthree\\four\tfive'
    assert rows[awkward, "PRK"]["state_name"] == 'Korea, "North"\r\n'
    assert rows[awkward, "ZAF"]["state_name"] == ""
    assert rows[awkward, "FRA"]["regional_group"] == ""
    assert rows["'=SUM(1,2)", "USA"]["choice"] == "N"
    assert rows["", "CHN"]["body"] == "GA-C3"


def test_the_export_streams_an_attachment(api):
    response = api.get(VOTES, {"state": "PRK"})
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == 'attachment; filename="recorded-votes.csv"'
    response.close()


def test_the_export_asks_the_database_only_for_access_and_filters(api, django_assert_num_queries):
    # The session and its user, then the state the filter names; the rows are read by COPY, on
    # a connection of the export's own, when the response is read.
    with django_assert_num_queries(3):
        response = api.get(VOTES, {"state": "PRK"})
    assert response.status_code == 200
    response.close()


@pytest.mark.django_db
@pytest.mark.parametrize("parameter", ["page", "cursor", "page_size", "stat"])
def test_the_export_refuses_paging_and_unknown_parameters(api, parameter):
    assert field_errors(api.get(VOTES, {parameter: "1"}))[parameter][0].startswith("Unknown query parameter")


@pytest.mark.django_db
def test_a_bad_filter_is_a_400_naming_it_in_json(api):
    errors = field_errors(api.get(VOTES, {"state": "XYZ", "date_after": "18/12/2014"}))
    assert set(errors) == {"state", "date_after"}


@pytest.mark.django_db
def test_the_export_asks_for_credentials(client):
    response = client.get(VOTES)
    assert response.status_code == 401
    assert "detail" in response.json()


# Vote events


@ON_RECORD
def test_exported_vote_events_count_their_votes_beside_the_published_totals(api, record):
    plenary, amendment, later = record
    VoteEvent.objects.filter(pk=plenary.pk).update(yes_count=2, no_count=2, abstain_count=1)
    adopted = VoteEventFactory(
        resolution=later.resolution,
        date=datetime.date(2015, 12, 17),
        result=VoteEvent.Result.ADOPTED_WITHOUT_VOTE,
    )
    rows = {int(row["id"]): row for row in download(api.get(EVENTS))}
    tallies = ["recorded_yes", "recorded_no", "recorded_abstain", "recorded_non_voting"]
    published = ["yes_count", "no_count", "abstain_count"]
    assert [rows[plenary.pk][name] for name in tallies + published] == ["2", "2", "1", "0", "2", "2", "1"]
    assert [rows[amendment.pk][name] for name in tallies] == ["1", "1", "0", "1"]
    assert [rows[adopted.pk][name] for name in tallies + published] == [""] * 7  # no roll call, not zeros
    assert rows[adopted.pk]["result"] == "without_vote"


@ON_RECORD
def test_exported_vote_events_are_filtered_and_ordered_as_the_list(api, record):
    plenary, amendment, _ = record
    rows = download(api.get(EVENTS, {"session": 69}))
    assert [int(row["id"]) for row in rows] == [amendment.pk, plenary.pk]  # oldest first
    assert [(row["body"], row["kind"], row["session"]) for row in rows] == [
        ("GA-C3", "amendment", "69"),
        ("GA", "draft", "69"),
    ]
    assert {row["resolution_symbol"] for row in rows} == {"A/RES/69/188"}
    assert {row["draft_symbol"] for row in rows} == {"A/C.3/69/L.28"}
    latest_first = download(api.get(EVENTS, {"session": 69, "ordering": "-date"}))
    assert [int(row["id"]) for row in latest_first] == [plenary.pk, amendment.pk]


@pytest.mark.django_db
def test_the_vote_event_export_refuses_paging(api):
    assert "page" in field_errors(api.get(EVENTS, {"page": "2"}))
