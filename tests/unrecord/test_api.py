"""The public UN record over the API: read-only for every signed-in role, filtered by the codes
analysts use (ISO3, group and body codes, symbols), with bad parameters answered by a 400 that
names them, cursor pages through the recorded votes, CSV for data frames, and flat query counts."""

import csv
import datetime
import io
import json

import pytest
from django.test import Client
from rest_framework.renderers import JSONRenderer

from tests.factories import ResolutionFactory, SessionFactory, VoteEventFactory, body, state
from unrecord import selectors
from unrecord.api.serializers import RecordedVoteSerializer, StateVoteSerializer
from unrecord.models import RecordedVote, ResolutionSeries, Sponsorship, VoteEvent
from unrecord.popolo import vote_event_to_popolo

pytestmark = pytest.mark.django_db

API = "/api/v1"
DAY = datetime.date(2014, 12, 18)
# A recorded vote's columns, in JSON and CSV (the analyst's client and fresh throttles: conftest.py).
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


def roll_call(votes: str, *, date=DAY, **fields) -> VoteEvent:
    """A roll call with recorded votes given as "USA:Y ISR:N ..."."""
    vote_event = VoteEventFactory(date=date, **fields)
    RecordedVote.objects.bulk_create(
        RecordedVote(vote_event=vote_event, state=state(code), choice=choice)
        for code, choice in (pair.split(":") for pair in votes.split())
    )
    return vote_event


def dprk_resolution(**fields):
    defaults = {"draft_symbol": "A/C.3/69/L.28", "adopted_symbol": "A/RES/69/188", "adopted_on": DAY}
    return ResolutionFactory(**defaults | fields)


@pytest.fixture
def dprk_series():
    return ResolutionSeries.objects.create(name="Human rights in the DPRK", title_key="dprk human rights")


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def json_of(data):
    """Data as a JSON response carries it (dates as text, say)."""
    return json.loads(JSONRenderer().render(data))


def field_errors(response) -> dict:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


# Who may read


ENDPOINTS = [
    "/regional-groups/",
    "/member-states/",
    "/member-states/PRK/",
    "/member-states/PRK/history/",
    "/member-states/PRK/aligned/",
    "/bodies/",
    "/sessions/",
    "/resolutions/",
    "/vote-events/",
    "/recorded-votes/",
    "/coincidence/?state_a=USA&state_b=ISR",
]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_anonymous_visitors_read_nothing(path):
    assert Client().get(API + path).status_code in (401, 403)


@pytest.mark.parametrize("role_user", ["analyst_user", "staff_user", "manager_user"])
@pytest.mark.parametrize("path", ENDPOINTS)
def test_every_role_reads_the_record(client, request, role_user, path):
    client.force_login(request.getfixturevalue(role_user))
    assert client.get(API + path).status_code == 200


def test_the_record_is_read_only_even_for_managers(client, manager_user):
    vote_event = roll_call("USA:Y")
    client.force_login(manager_user)
    assert client.post(f"{API}/vote-events/", {}, content_type="application/json").status_code == 405
    assert client.delete(f"{API}/vote-events/{vote_event.pk}/").status_code == 405
    assert client.post(f"{API}/recorded-votes/", {}, content_type="application/json").status_code == 405
    assert VoteEvent.objects.filter(pk=vote_event.pk).exists()


# Regional groups, states, bodies, sessions


def test_regional_groups_are_listed_and_read_by_code(api):
    assert {group["code"] for group in rows(api.get(f"{API}/regional-groups/"))} == {
        "AFRICAN",
        "ASIA_PACIFIC",
        "EEG",
        "GRULAC",
        "WEOG",
    }
    assert api.get(f"{API}/regional-groups/WEOG/").json()["abbreviation"] == "WEOG"


def test_a_state_is_read_by_its_iso3_code(api):
    response = api.get(f"{API}/member-states/TUR/")
    assert response.status_code == 200
    assert response.json() == {
        "iso3": "TUR",
        "un_name": "Türkiye",
        "formal_name": "the Republic of Türkiye",
        "common_name": "Türkiye",
        "status": "member",
        "admitted_on": "1945-10-24",
        "left_on": None,
        "regional_group": "WEOG",
        "group_status": "member",
        "other_groups": ["ASIA_PACIFIC"],
        "successor": None,
        "names": {
            "ar": "تركيا",
            "zh": "土耳其",
            "en": "Türkiye",
            "fr": "Turquie",
            "ru": "Турция",
            "es": "Turquía",
        },
    }
    assert api.get(f"{API}/member-states/XXX/").status_code == 404


def test_states_are_filtered_by_group_and_status_and_found_by_name(api):
    weog = rows(api.get(f"{API}/member-states/", {"regional_group": "WEOG", "page_size": 500}))
    assert {"USA", "ISR", "FRA"} <= {s["iso3"] for s in weog}
    assert {s["regional_group"] for s in weog} == {"WEOG"}
    observers = rows(api.get(f"{API}/member-states/", {"status": "observer"}))
    assert {s["iso3"] for s in observers} == {"VAT", "PSE"}
    assert {s["iso3"] for s in rows(api.get(f"{API}/member-states/", {"search": "korea"}))} == {"PRK", "KOR"}


def test_states_are_ordered_as_asked(api):
    first = rows(api.get(f"{API}/member-states/", {"ordering": "-iso3", "page_size": 1}))
    assert first[0]["iso3"] == "ZWE"


@pytest.mark.parametrize(
    "params, field",
    [
        ({"regional_group": "NATO"}, "regional_group"),
        ({"status": "rogue"}, "status"),
        ({"ordering": "population"}, "ordering"),
    ],
)
def test_bad_state_filters_are_a_400_naming_the_parameter(api, params, field):
    assert field in field_errors(api.get(f"{API}/member-states/", params))


def test_a_committee_names_the_organ_it_belongs_to(api):
    assert api.get(f"{API}/bodies/GA-C3/").json() == {
        "code": "GA-C3",
        "name": "Third Committee (Social, Humanitarian and Cultural)",
        "short_name": "Third Committee",
        "parent": "GA",
    }


def test_sessions_are_filtered_by_body_code_and_number(api):
    wanted = SessionFactory(number=69)
    SessionFactory(number=68)
    SessionFactory(body=body("HRC"), number=69)
    assert [s["id"] for s in rows(api.get(f"{API}/sessions/", {"body": "GA", "number": 69}))] == [wanted.pk]
    assert "number" in field_errors(api.get(f"{API}/sessions/", {"number": "69.5"}))
    assert "body" in field_errors(api.get(f"{API}/sessions/", {"body": "UNSC"}))


# Resolutions


def test_a_resolution_lists_its_sponsors(api):
    resolution = dprk_resolution()
    Sponsorship.objects.create(
        resolution=resolution, state=state("JPN"), role="main", joined_on=datetime.date(2014, 10, 30)
    )
    Sponsorship.objects.create(
        resolution=resolution, state=state("FRA"), withdrew_on=datetime.date(2014, 11, 18)
    )
    item = api.get(f"{API}/resolutions/{resolution.pk}/").json()
    assert (item["symbol"], item["session"], item["body"]) == ("A/RES/69/188", 69, "GA-C3")
    assert item["sponsors"] == [
        {"state": "FRA", "role": "co", "on_behalf_of": "", "joined_on": None, "withdrew_on": "2014-11-18"},
        {"state": "JPN", "role": "main", "on_behalf_of": "", "joined_on": "2014-10-30", "withdrew_on": None},
    ]


@pytest.mark.parametrize("symbol", ["A/C.3/69/L.28", "a/res/69/188"])
def test_a_resolution_is_found_by_its_draft_or_adopted_symbol_in_any_case(api, symbol):
    wanted = dprk_resolution()
    ResolutionFactory(draft_symbol="A/C.3/69/L.28/Rev.1")
    assert [r["id"] for r in rows(api.get(f"{API}/resolutions/", {"symbol": symbol}))] == [wanted.pk]


def test_resolutions_are_filtered_by_adoption_dates_session_series_and_words(api, dprk_series):
    wanted = dprk_resolution(series=dprk_series)
    ResolutionFactory(adopted_on=datetime.date(2015, 12, 17), title="Situation of human rights in Iran")
    ResolutionFactory(session=SessionFactory(number=68), adopted_on=DAY)

    def ids(**params):
        return [r["id"] for r in rows(api.get(f"{API}/resolutions/", params))]

    in_2014 = {"adopted_on_after": "2014-01-01", "adopted_on_before": "2014-12-31"}
    assert ids(**in_2014, session=69) == [wanted.pk]
    assert ids(series=dprk_series.pk) == [wanted.pk]
    assert ids(search="Iran") != [] and wanted.pk not in ids(search="Iran")


@pytest.mark.parametrize(
    "params, field",
    [
        ({"adopted_on_after": "18/12/2014"}, "adopted_on_after"),
        ({"series": "dprk"}, "series"),
        ({"series": 999999}, "series"),
        ({"session": "sixty-nine"}, "session"),
        ({"ordering": "votes"}, "ordering"),
    ],
)
def test_bad_resolution_filters_are_a_400_naming_the_parameter(api, params, field):
    assert field in field_errors(api.get(f"{API}/resolutions/", params))


# Vote events


def test_a_vote_event_shows_its_published_totals_and_resolution_symbol(api):
    vote_event = VoteEventFactory(
        resolution=dprk_resolution(), yes_count=116, no_count=20, abstain_count=53, non_voting_count=4
    )
    [item] = rows(api.get(f"{API}/vote-events/"))
    assert item == item | {
        "id": vote_event.pk,
        "date": "2014-12-18",
        "body": "GA",
        "session": 69,
        "kind": "draft",
        "result": "adopted",
        "resolution_symbol": "A/RES/69/188",
        "yes_count": 116,
        "no_count": 20,
        "abstain_count": 53,
        "non_voting_count": 4,
    }


def test_vote_events_are_filtered_by_dates_symbol_kind_and_session(api, dprk_series):
    wanted = VoteEventFactory(resolution=dprk_resolution(series=dprk_series))
    VoteEventFactory(date=datetime.date(2013, 12, 18))
    VoteEventFactory(kind=VoteEvent.Kind.AMENDMENT)
    VoteEventFactory(resolution=ResolutionFactory(session=SessionFactory(number=68)))

    def ids(**params):
        return [v["id"] for v in rows(api.get(f"{API}/vote-events/", params))]

    assert len(ids()) == 4
    assert wanted.pk not in ids(date_before="2014-01-01")
    assert len(ids(date_after="2014-01-01", date_before="2014-12-31", kind="draft", session=69)) == 1
    assert (
        ids(symbol="A/C.3/69/L.28") == ids(symbol="A/RES/69/188") == ids(series=dprk_series.pk) == [wanted.pk]
    )


def test_vote_events_come_latest_first_unless_ordered_otherwise(api):
    older = VoteEventFactory(date=datetime.date(2013, 12, 18))
    newer = VoteEventFactory()
    assert [v["id"] for v in rows(api.get(f"{API}/vote-events/"))] == [newer.pk, older.pk]
    assert [v["id"] for v in rows(api.get(f"{API}/vote-events/", {"ordering": "date"}))] == [
        older.pk,
        newer.pk,
    ]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"date_after": "2014-13-01"}, "date_after"),
        ({"date_before": "yesterday"}, "date_before"),
        ({"kind": "veto"}, "kind"),
        ({"result": "passed"}, "result"),
        ({"body": "GA-C9"}, "body"),
    ],
)
def test_bad_vote_event_filters_are_a_400_naming_the_parameter(api, params, field):
    assert field in field_errors(api.get(f"{API}/vote-events/", params))


def test_the_tally_of_a_vote_event_is_the_selectors(api):
    vote_event = roll_call("USA:N ISR:N JPN:Y FRA:Y CUB:N PRK:N VAT:X KOR:A")
    response = api.get(f"{API}/vote-events/{vote_event.pk}/tally/")
    assert selectors.tally(vote_event=vote_event) == {"Y": 2, "N": 4, "A": 1, "X": 1}
    assert response.json() == {"recorded": True} | selectors.tally(vote_event=vote_event)


def test_the_tally_by_regional_group_is_the_selectors(api):
    vote_event = roll_call("USA:N ISR:N JPN:Y FRA:Y CUB:N PRK:N VAT:X")
    response = api.get(f"{API}/vote-events/{vote_event.pk}/tally/", {"group_by": "regional_group"})
    assert response.json() == selectors.tally_by_group(vote_event=vote_event)
    assert [group["code"] for group in response.json()] == ["ASIA_PACIFIC", "GRULAC", "WEOG", "none"]


def test_a_tally_by_anything_but_regional_group_is_a_400(api):
    vote_event = roll_call("USA:Y")
    assert "group_by" in field_errors(api.get(f"{API}/vote-events/{vote_event.pk}/tally/?group_by=state"))
    assert api.get(f"{API}/vote-events/999999/tally/").status_code == 404


@pytest.mark.parametrize("pk", ["x", "1.5", "٣", "²", str(2**63), "-1"])
def test_the_tally_of_an_id_nothing_can_have_is_a_404(api, pk):
    for params in ({}, {"group_by": "regional_group"}):
        response = api.get(f"{API}/vote-events/{pk}/tally/", params)
        assert response.status_code == 404 and response.json()["detail"]


def test_the_popolo_export_of_a_vote_event_has_its_counts_and_votes(api):
    vote_event = roll_call("USA:Y JPN:Y PRK:N", resolution=dprk_resolution(), yes_count=2, no_count=1)
    response = api.get(f"{API}/vote-events/{vote_event.pk}/popolo/")
    assert response.status_code == 200
    popolo = response.json()
    assert popolo == vote_event_to_popolo(VoteEvent.objects.get(pk=vote_event.pk))
    assert popolo["motion"]["identifier"] == "A/RES/69/188"
    assert {"option": "yes", "value": 2} in popolo["counts"]
    assert {"voter_id": "state/PRK", "option": "no", "group_id": "group/ASIA_PACIFIC"} in popolo["votes"]


# Recorded votes


def test_a_recorded_vote_is_a_flat_row(api):
    vote_event = roll_call("USA:Y", resolution=dprk_resolution())
    [row] = rows(api.get(f"{API}/recorded-votes/"))
    assert row == {
        "vote_event": vote_event.pk,
        "date": "2014-12-18",
        "body": "GA",
        "vote_kind": "draft",
        "resolution_symbol": "A/RES/69/188",
        "state": "USA",
        "state_name": "United States",
        "regional_group": "WEOG",
        "choice": "Y",
    }


def test_recorded_vote_rows_are_what_the_schemas_serializer_makes_of_the_votes(api):
    # The list builds its rows from plain values; the schema documents RecordedVoteSerializer.
    roll_call("USA:Y VAT:X", resolution=dprk_resolution())
    roll_call("JPN:N", resolution=dprk_resolution(draft_symbol="A/C.3/70/L.1", adopted_symbol=""))
    roll_call("PRK:A", resolution=None, session=None)
    served = rows(api.get(f"{API}/recorded-votes/"))
    votes = selectors.recorded_votes().order_by("vote_event_id", "state_id")
    assert served == json_of(RecordedVoteSerializer(votes, many=True).data)
    assert [row["resolution_symbol"] for row in served] == ["A/RES/69/188"] * 2 + ["A/C.3/70/L.1", None]
    # Compact JSON is joined from each roll call's and state's JSON; indented JSON and CSV are
    # written from the same rows as dictionaries.
    indented = api.get(f"{API}/recorded-votes/", HTTP_ACCEPT="application/json; indent=2")
    assert b'\n  "results": [' in indented.content and rows(indented) == served
    table = csv_rows(api.get(f"{API}/recorded-votes/", {"format": "csv"}))
    assert [dict(zip(table[0], row, strict=True)) for row in table[1:]] == [
        {name: "" if value is None else str(value) for name, value in row.items()} for row in served
    ]
    browsable = api.get(f"{API}/recorded-votes/", HTTP_ACCEPT="text/html")
    assert browsable.status_code == 200 and "A/C.3/70/L.1" in browsable.content.decode()


def test_recorded_votes_are_filtered_by_state_group_choice_event_symbol_series_session_and_dates(
    api, dprk_series
):
    dprk = roll_call("USA:Y PRK:N VAT:X", resolution=dprk_resolution(series=dprk_series))
    roll_call(
        "USA:N PRK:Y",
        date=datetime.date(2013, 11, 1),
        resolution=ResolutionFactory(session=SessionFactory(number=68)),
    )

    def votes(**params):
        return sorted((v["state"], v["vote_event"]) for v in rows(api.get(f"{API}/recorded-votes/", params)))

    assert len(votes()) == 5
    assert votes(state="USA", choice="Y") == [("USA", dprk.pk)]
    assert votes(regional_group="ASIA_PACIFIC", session=69) == [("PRK", dprk.pk)]
    assert votes(vote_event=dprk.pk) == votes(symbol="a/c.3/69/l.28") == votes(series=dprk_series.pk)
    assert votes(date_after="2014-01-01", date_before="2014-12-31") == votes(vote_event=dprk.pk)
    assert len(votes(vote_event=dprk.pk)) == 3


@pytest.mark.parametrize(
    "params, field",
    [
        ({"state": "XYZ"}, "state"),
        ({"state": "US"}, "state"),
        ({"regional_group": "EU"}, "regional_group"),
        ({"choice": "Z"}, "choice"),
        ({"vote_event": "abc"}, "vote_event"),
        ({"vote_event": 999999}, "vote_event"),
        ({"series": "x"}, "series"),
        ({"session": "1.5"}, "session"),
        ({"date_after": "2014-02-30"}, "date_after"),
        ({"page_size": 501}, "page_size"),
        ({"page_size": "all"}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "cD1hYmM="}, "cursor"),  # base64 of "p=abc": a position that is not an id
    ],
)
def test_bad_recorded_vote_parameters_are_a_400_naming_the_parameter(api, params, field):
    assert field in field_errors(api.get(f"{API}/recorded-votes/", params))


def test_recorded_votes_come_by_cursor_in_stable_pages(api):
    for day in range(1, 4):
        roll_call("USA:Y JPN:N PRK:A", date=datetime.date(2014, 12, day))
    # By their key, (roll call, state): pages of four cut the roll calls' three votes.
    by_key = RecordedVote.objects.order_by("vote_event_id", "state_id")
    keys = list(by_key.values_list("vote_event_id", "state__iso3"))

    def page_keys(page):
        return [(v["vote_event"], v["state"]) for v in page["results"]]

    first = api.get(f"{API}/recorded-votes/", {"page_size": 4}).json()
    assert page_keys(first) == keys[:4]
    assert first["previous"] is None and "cursor=" in first["next"]
    # Rows going from an earlier page neither shift nor repeat the later ones.
    for vote_event_id, iso3 in keys[:2]:
        RecordedVote.objects.filter(vote_event_id=vote_event_id, state__iso3=iso3).delete()
    second = api.get(first["next"]).json()
    assert page_keys(second) == keys[4:8]
    assert api.get(first["next"]).json()["results"] == second["results"]
    last = api.get(second["next"]).json()
    assert page_keys(last) == keys[8:]
    assert last["next"] is None


def test_recorded_votes_as_csv_are_flat_columns_with_the_next_page_in_the_link_header(api):
    roll_call("USA:Y VAT:X JPN:N", resolution=dprk_resolution())
    response = api.get(f"{API}/recorded-votes/", {"format": "csv", "page_size": 2})
    table = csv_rows(response)
    assert table[0] == VOTE_COLUMNS
    # In the order of the key, (roll call, state): the reference data numbers Japan first.
    assert [row[1:] for row in table[1:]] == [
        ["2014-12-18", "GA", "draft", "A/RES/69/188", "JPN", "Japan", "ASIA_PACIFIC", "N"],
        ["2014-12-18", "GA", "draft", "A/RES/69/188", "USA", "United States", "WEOG", "Y"],
    ]
    next_page = response["Link"].removeprefix("<").removesuffix('>; rel="next"')
    assert [row[table[0].index("state")] for row in csv_rows(api.get(next_page))[1:]] == ["VAT"]


def test_an_empty_csv_page_still_has_its_header_row(api):
    table = csv_rows(api.get(f"{API}/recorded-votes/", {"format": "csv", "state": "PRK"}))
    assert table == [VOTE_COLUMNS]


def test_an_error_asked_for_as_csv_comes_back_as_json(api):
    assert field_errors(api.get(f"{API}/recorded-votes/", {"format": "csv", "state": "XYZ"})) == {
        "state": ["Select a valid choice. That choice is not one of the available choices."]
    }


def test_other_lists_come_as_csv_too(api):
    VoteEventFactory(resolution=dprk_resolution(), yes_count=116)
    table = csv_rows(api.get(f"{API}/vote-events/", {"format": "csv"}))
    assert table[0][:3] == ["id", "date", "body"]
    assert dict(zip(table[0], table[1], strict=True))["resolution_symbol"] == "A/RES/69/188"


def test_single_items_and_figures_do_not_pretend_to_be_csv(api):
    vote_event = roll_call("USA:Y")
    # A 400 naming the parameter, like any bad parameter (it was DRF's 404).
    assert "format" in field_errors(api.get(f"{API}/vote-events/{vote_event.pk}/tally/", {"format": "csv"}))
    assert "format" in field_errors(
        api.get(f"{API}/coincidence/", {"format": "csv", "state_a": "USA", "state_b": "ISR"})
    )


# A state's history, coincidence and alignment


def test_a_states_history_lists_its_votes_oldest_first(api, dprk_series):
    later = roll_call("PRK:N USA:Y", resolution=dprk_resolution(series=dprk_series))
    earlier = roll_call("PRK:A", date=datetime.date(2013, 12, 18), body=body("GA-C3"))
    history = rows(api.get(f"{API}/member-states/PRK/history/"))
    assert [(v["vote_event"], v["body"], v["choice"]) for v in history] == [
        (earlier.pk, "GA-C3", "A"),
        (later.pk, "GA", "N"),
    ]
    assert history[1] == {
        "vote_event": later.pk,
        "date": "2014-12-18",
        "body": "GA",
        "session": 69,
        "kind": "draft",
        "resolution": later.resolution_id,
        "resolution_symbol": "A/RES/69/188",
        "resolution_title": "Situation of human rights in the Democratic People's Republic of Korea",
        "series": dprk_series.pk,
        "choice": "N",
    }


def test_history_rows_are_what_the_schemas_serializer_makes_of_the_votes(api, dprk_series):
    # As the recorded votes: plain values served, StateVoteSerializer documented.
    roll_call("PRK:N", resolution=dprk_resolution(series=dprk_series))
    roll_call("PRK:A", date=datetime.date(2013, 12, 18), resolution=None, session=None, body=body("GA-C3"))
    roll_call("PRK:Y", resolution=dprk_resolution(draft_symbol="A/C.3/70/L.1", adopted_symbol=""))
    served = rows(api.get(f"{API}/member-states/PRK/history/"))
    votes = selectors.state_voting_history(state=state("PRK")).select_related("vote_event__body")
    assert served == json_of(StateVoteSerializer(votes, many=True).data)
    assert [row["session"] for row in served] == [None, 69, 69]


def test_a_states_history_keeps_only_the_series_and_dates_asked_for(api, dprk_series):
    on_series = roll_call("PRK:N", resolution=dprk_resolution(series=dprk_series))
    roll_call("PRK:Y")
    roll_call("PRK:N", date=datetime.date(2013, 12, 18), resolution=ResolutionFactory(series=dprk_series))

    def ids(**params):
        return [v["vote_event"] for v in rows(api.get(f"{API}/member-states/PRK/history/", params))]

    assert ids(series=dprk_series.pk, date_after="2014-01-01", date_before="2014-12-31") == [on_series.pk]


def test_a_states_history_comes_as_csv(api):
    roll_call("PRK:N", resolution=dprk_resolution())
    table = csv_rows(api.get(f"{API}/member-states/PRK/history/", {"format": "csv"}))
    assert table[0][:3] == ["vote_event", "date", "body"] and table[1][-1] == "N"


@pytest.mark.parametrize(
    "params, field",
    [
        ({"date_after": "2014-12"}, "date_after"),
        ({"date_after": "2015-01-01", "date_before": "2014-01-01"}, "date_before"),
        ({"series": "abc"}, "series"),
        ({"page_size": 1000}, "page_size"),
    ],
)
def test_bad_history_parameters_are_a_400_naming_the_parameter(api, params, field):
    assert field in field_errors(api.get(f"{API}/member-states/PRK/history/", params))


def test_the_history_of_an_unknown_state_is_a_404(api):
    assert api.get(f"{API}/member-states/XYZ/history/").status_code == 404


def test_coincidence_gives_the_selectors_figures_and_says_how_they_are_counted(api):
    roll_call("USA:Y ISR:Y")
    roll_call("USA:Y ISR:A", date=datetime.date(2014, 11, 1))
    roll_call("USA:N ISR:Y", date=datetime.date(2013, 11, 1))
    response = api.get(f"{API}/coincidence/", {"state_a": "USA", "state_b": "ISR"})
    assert response.json() == {
        "state_a": "USA",
        "state_b": "ISR",
        "score": 0.5,
        "state_department_score": 0.5,
        "votes_compared": 3,
        "agree": 1,
        "half": 1,
        "disagree": 1,
        "method": selectors.COINCIDENCE_METHOD,
    }
    in_2014 = api.get(f"{API}/coincidence/", {"state_a": "USA", "state_b": "ISR", "date_after": "2014-01-01"})
    assert in_2014.json()["score"] == 0.75


def test_coincidence_without_common_votes_has_no_score(api):
    body = api.get(f"{API}/coincidence/", {"state_a": "USA", "state_b": "ISR"}).json()
    assert (body["score"], body["votes_compared"]) == (None, 0)


@pytest.mark.parametrize(
    "params, fields",
    [
        ({"state_a": "USA"}, {"state_b"}),
        ({}, {"state_a", "state_b"}),
        ({"state_a": "USA", "state_b": "ZZZ"}, {"state_b"}),
        ({"state_a": "USA", "state_b": "ISR", "date_before": "soon"}, {"date_before"}),
        ({"state_a": "USA", "state_b": "ISR", "series": 999999}, {"series"}),
    ],
)
def test_bad_coincidence_parameters_are_a_400_naming_each(api, params, fields):
    assert set(field_errors(api.get(f"{API}/coincidence/", params))) == fields


@pytest.fixture
def usa_roll_calls():
    for day in range(1, 4):
        roll_call("USA:Y ISR:Y JPN:Y CUB:N", date=datetime.date(2014, 12, day))
    roll_call("USA:N ISR:N JPN:A CUB:Y", date=datetime.date(2013, 12, 1))


def test_aligned_states_are_ranked_as_the_selector_ranks_them(api, usa_roll_calls):
    most = api.get(f"{API}/member-states/USA/aligned/", {"min_votes": 1}).json()
    assert (most["state"], most["order"], most["method"]) == ("USA", "most", selectors.COINCIDENCE_METHOD)
    expected = selectors.most_aligned(state=state("USA"), min_votes=1)
    assert [(row["state"], row["score"]) for row in most["results"]] == [
        (a.state.iso3, a.coincidence.score) for a in expected
    ]
    assert [row["state"] for row in most["results"]] == ["ISR", "JPN", "CUB"]


def test_least_aligned_states_come_most_opposed_first_within_the_limit_and_dates(api, usa_roll_calls):
    params = {"order": "least", "limit": 1, "min_votes": 1, "date_after": "2014-01-01"}
    [row] = api.get(f"{API}/member-states/USA/aligned/", params).json()["results"]
    assert (row["state"], row["state_name"], row["score"], row["votes_compared"]) == ("CUB", "Cuba", 0.0, 3)


def test_alignment_leaves_out_states_with_too_few_common_votes_by_default(api, usa_roll_calls):
    assert api.get(f"{API}/member-states/USA/aligned/").json()["results"] == []


@pytest.mark.parametrize(
    "params, field",
    [
        ({"order": "best"}, "order"),
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"min_votes": 0}, "min_votes"),
        ({"date_after": "1.1.2014"}, "date_after"),
    ],
)
def test_bad_alignment_parameters_are_a_400_naming_the_parameter(api, params, field):
    assert field in field_errors(api.get(f"{API}/member-states/USA/aligned/", params))


def test_the_alignment_of_an_unknown_state_is_a_404(api):
    assert api.get(f"{API}/member-states/XYZ/aligned/").status_code == 404


# Query counts: pinned, and the same for 3 rows as for 30


@pytest.fixture
def thirty_of_everything(dprk_series):
    """30 sessions, resolutions (two sponsors each), vote events and recorded votes, with
    different related rows, so that a query per row would show."""
    for number in range(40, 70):
        resolution = ResolutionFactory(session=SessionFactory(number=number), series=dprk_series)
        Sponsorship.objects.create(resolution=resolution, state=state("JPN"), role="main")
        Sponsorship.objects.create(resolution=resolution, state=state("FRA"))
        if number % 3 == 0:
            roll_call("USA:Y VAT:X PRK:N", resolution=resolution, date=datetime.date(1950 + number, 12, 1))
        VoteEventFactory(resolution=resolution)


# Every request reads the session and the user; the role's permission to read a model is known
# without the database.
SIGNED_IN = 2
MODEL_READ = SIGNED_IN


@pytest.mark.parametrize(
    "path, queries",
    [
        ("/regional-groups/?page_size={n}", MODEL_READ + 2),  # count, page
        ("/member-states/?page_size={n}", MODEL_READ + 3),  # count, page, other groups
        ("/bodies/?page_size={n}", MODEL_READ + 2),
        ("/sessions/?page_size={n}", MODEL_READ + 2),
        ("/resolutions/?page_size={n}", MODEL_READ + 3),  # count, page, sponsors
        ("/resolutions/?page_size={n}&body=GA-C3&series={series}", MODEL_READ + 5),  # + body, series
        ("/vote-events/?page_size={n}", MODEL_READ + 2),
        ("/vote-events/?page_size={n}&body=GA&series={series}", MODEL_READ + 4),  # + body, series
        # The page (no count with a cursor), then its roll calls and its states.
        ("/recorded-votes/?page_size={n}", MODEL_READ + 3),
        ("/recorded-votes/?page_size={n}&state=USA&regional_group=WEOG", MODEL_READ + 5),  # + state, group
        ("/recorded-votes/?page_size={n}&series={series}&format=csv", MODEL_READ + 4),  # + series
        ("/member-states/USA/history/?page_size={n}", MODEL_READ + 4),  # state, count, page, its roll calls
        ("/member-states/USA/history/?page_size={n}&series={series}", MODEL_READ + 5),  # + series
    ],
)
def test_list_query_counts_are_pinned_and_do_not_grow_with_the_page(
    api, thirty_of_everything, dprk_series, django_assert_num_queries, path, queries
):
    sizes = []
    for page_size in (3, 30):
        url = API + path.format(n=page_size, series=dprk_series.pk)
        with django_assert_num_queries(queries):
            response = api.get(url)
        assert response.status_code == 200, response.content
        sizes.append(response.content.count(b"\n") if "csv" in url else len(response.json()["results"]))
    assert sizes[0] < sizes[1]


@pytest.mark.parametrize(
    "path, queries",
    [
        ("/vote-events/{vote_event}/", MODEL_READ + 2),  # its version (the ETag), the event
        ("/vote-events/{vote_event}/tally/", MODEL_READ + 1),  # the tally, or none: a 404
        ("/vote-events/{vote_event}/tally/?group_by=regional_group", MODEL_READ + 2),
        ("/vote-events/{vote_event}/popolo/", MODEL_READ + 2),  # the event, its votes
        ("/resolutions/{resolution}/", MODEL_READ + 3),  # its version, the resolution, its sponsors
        ("/member-states/USA/aligned/?min_votes=1", MODEL_READ + 2),  # the state, the ranking
        ("/coincidence/?state_a=USA&state_b=PRK", SIGNED_IN + 3),  # two states, the figures
    ],
)
def test_item_and_figure_query_counts_are_pinned(
    api, thirty_of_everything, django_assert_num_queries, path, queries
):
    vote_event = VoteEvent.objects.filter(votes__isnull=False).first()
    url = API + path.format(vote_event=vote_event.pk, resolution=vote_event.resolution_id)
    with django_assert_num_queries(queries):
        assert api.get(url).status_code == 200


# The schema


def test_the_schema_documents_the_filters_and_the_400s(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    recorded_votes = schema["paths"][f"{API}/recorded-votes/"]["get"]
    parameters = {p["name"]: p["schema"] for p in recorded_votes["parameters"]}
    assert {"state", "regional_group", "choice", "vote_event", "session", "symbol", "series"} <= set(
        parameters
    )
    assert {"date_after", "date_before", "cursor", "page_size"} <= set(parameters)
    assert parameters["choice"]["enum"] == ["A", "N", "X", "Y"]
    assert "400" in recorded_votes["responses"]
    tally = schema["paths"][f"{API}/vote-events/{{id}}/tally/"]["get"]
    assert {"200", "400", "404"} <= set(tally["responses"])
    coincidence = schema["paths"][f"{API}/coincidence/"]["get"]
    required = {p["name"] for p in coincidence["parameters"] if p.get("required")}
    assert required == {"state_a", "state_b"}
    assert coincidence["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PairCoincidence"
    }
