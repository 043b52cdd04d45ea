"""The record's shape for analysts: each recorded vote names the body that voted and what it
voted on, a vote event with no roll call on record says so instead of a tally of zeros, a state's
alignment comes as CSV, and titles show with their broken characters repaired, in the API (the
text as recorded beside) and in the admin."""

import csv
import datetime
import io

import pytest

from tests.factories import ResolutionFactory, VoteEventFactory, body
from unrecord.models import RecordedVote, VoteEvent

pytestmark = pytest.mark.django_db

API = "/api/v1"
BROKEN_TITLE = "Situation of human rights in CÃ´te dâ€™Ivoire<d3>"
REPAIRED_TITLE = "Situation of human rights in Côte d'Ivoire\""


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


def test_a_recorded_vote_names_the_body_that_voted_and_what_it_voted_on(api, roll_call):
    amendment = roll_call("USA:N", body=body("GA-C3"), kind=VoteEvent.Kind.AMENDMENT)
    motion = roll_call("USA:Y", kind=VoteEvent.Kind.MOTION)
    rows = ok(api.get(f"{API}/recorded-votes/"))["results"]
    shown = {row["vote_event"]: (row["body"], row["vote_kind"]) for row in rows}
    assert shown == {amendment.pk: ("GA-C3", "amendment"), motion.pk: ("GA", "motion")}


def test_a_vote_event_without_a_roll_call_on_record_says_so_instead_of_a_tally_of_zeros(api, roll_call):
    without_vote = VoteEventFactory(result=VoteEvent.Result.ADOPTED_WITHOUT_VOTE)
    not_imported = VoteEventFactory(yes_count=120, no_count=5, abstain_count=50)
    recorded = roll_call("USA:Y ISR:Y PRK:N", yes_count=2, no_count=1, abstain_count=0)

    listed = {row["id"]: row for row in ok(api.get(f"{API}/vote-events/"))["results"]}
    assert {pk: row["recorded"] for pk, row in listed.items()} == {
        without_vote.pk: False,
        not_imported.pk: False,
        recorded.pk: True,
    }
    assert listed[without_vote.pk]["yes_count"] is None  # no published totals either
    assert ok(api.get(f"{API}/vote-events/{without_vote.pk}/"))["recorded"] is False
    assert ok(api.get(f"{API}/vote-events/{recorded.pk}/"))["recorded"] is True

    nothing = {"recorded": False, "Y": None, "N": None, "A": None, "X": None}
    assert ok(api.get(f"{API}/vote-events/{without_vote.pk}/tally/")) == nothing
    assert ok(api.get(f"{API}/vote-events/{not_imported.pk}/tally/")) == nothing
    # On record, a choice nobody made counts zero.
    assert ok(api.get(f"{API}/vote-events/{recorded.pk}/tally/")) == {
        "recorded": True,
        "Y": 2,
        "N": 1,
        "A": 0,
        "X": 0,
    }


def test_a_vote_event_without_a_roll_call_on_record_has_no_tally_by_group(api):
    without_vote = VoteEventFactory(result=VoteEvent.Result.ADOPTED_WITHOUT_VOTE)
    by_group = api.get(f"{API}/vote-events/{without_vote.pk}/tally/", {"group_by": "regional_group"})
    assert ok(by_group) == []


def test_a_states_alignment_as_csv_is_one_row_per_state_ranked_its_code_first(api, roll_call):
    for day in range(1, 4):
        roll_call("USA:Y ISR:Y FRA:Y PRK:N", date=datetime.date(2014, 12, day))
    response = api.get(f"{API}/member-states/usa/aligned/", {"format": "csv", "min_votes": 1})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    header, *rows = csv.reader(io.StringIO(response.content.decode()))
    assert header[:3] == ["state", "state_name", "score"]
    assert set(header) == set(
        ok(api.get(f"{API}/member-states/USA/aligned/", {"min_votes": 1}))["results"][0]
    )
    ranked = [(row[0], row[header.index("votes_compared")]) for row in rows]
    assert ranked[-1] == ("PRK", "3") and {code for code, _ in ranked[:2]} == {"ISR", "FRA"}


def test_a_bad_alignment_parameter_asked_as_csv_is_answered_in_json(api):
    response = api.get(f"{API}/member-states/USA/aligned/", {"format": "csv", "limit": 0})
    assert response.status_code == 400 and "limit" in response.json()


def test_titles_show_repaired_with_the_text_as_recorded_beside(api, roll_call):
    resolution = ResolutionFactory(title=BROKEN_TITLE)
    vote_event = roll_call("PRK:N", resolution=resolution, description=BROKEN_TITLE)

    shown = ok(api.get(f"{API}/resolutions/{resolution.pk}/"))
    assert (shown["title"], shown["title_as_recorded"]) == (REPAIRED_TITLE, BROKEN_TITLE)
    [listed] = ok(api.get(f"{API}/resolutions/"))["results"]
    assert listed["title"] == REPAIRED_TITLE

    shown = ok(api.get(f"{API}/vote-events/{vote_event.pk}/"))
    assert (shown["description"], shown["description_as_recorded"]) == (REPAIRED_TITLE, BROKEN_TITLE)
    [history] = ok(api.get(f"{API}/member-states/PRK/history/"))["results"]
    assert history["resolution_title"] == REPAIRED_TITLE
    assert RecordedVote.objects.get().vote_event.resolution.title == BROKEN_TITLE  # kept as recorded


def test_a_resolutions_agenda_item_shows_repaired(api):
    resolution = ResolutionFactory(agenda_item=BROKEN_TITLE)
    assert ok(api.get(f"{API}/resolutions/{resolution.pk}/"))["agenda_item"] == REPAIRED_TITLE


def test_the_admins_list_of_resolutions_shows_titles_repaired(admin_client):
    ResolutionFactory(title=BROKEN_TITLE)
    page = admin_client.get("/admin/unrecord/resolution/").content.decode()
    assert "Côte d&#x27;Ivoire" in page and "CÃ´te" not in page
