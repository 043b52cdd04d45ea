"""The admin's "Record a vote from text" page: a preview of every state's vote in four columns with
the declared intentions and the problems by line; Save only offered on a clean preview, re-reading
the text sent; the button and the page for record keepers only."""

import re
from pathlib import Path

import pytest

from tests import factories
from unrecord.models import DeclaredIntention, RecordedVote, VoteEvent

pytestmark = pytest.mark.django_db

PAGE = "/admin/unrecord/voteevent/from-text/"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLENARY_2014 = (FIXTURES / "ga_2014_12_18_dprk_plenary.txt").read_text(encoding="utf-8")
FOOTNOTED = (FIXTURES / "footnoted_vote.txt").read_text(encoding="utf-8")
SAVE_BUTTON = 'name="save"'


def form(text=PLENARY_2014, **fields) -> dict:
    return {"text": text, "body": "GA", "date": "2014-12-18", "kind": "draft"} | fields


def column_counts(page: str) -> list[tuple[str, str]]:
    return re.findall(r"<h3>(In favour|Against|Abstaining|Absent) <span[^>]*>\((\d+)\)</span></h3>", page)


def test_the_vote_events_list_offers_the_page_to_record_keepers(keeper_client):
    assert PAGE in keeper_client.get("/admin/unrecord/voteevent/").content.decode()
    page = keeper_client.get(PAGE)
    assert page.status_code == 200
    assert 'name="text"' in page.content.decode() and SAVE_BUTTON not in page.content.decode()


def test_the_preview_shows_every_state_in_four_columns_with_counts_and_offers_save(keeper_client):
    page = keeper_client.post(PAGE, form(preview="1")).content.decode()
    assert column_counts(page) == [
        ("In favour", "116"),
        ("Against", "20"),
        ("Abstaining", "53"),
        ("Absent", "4"),
    ]
    assert '<abbr title="GMB">Gambia</abbr>' in page and '<abbr title="SWZ">' in page
    assert len(re.findall(r"<abbr title=\"[A-Z]{3}\">", page)) == 193
    assert SAVE_BUTTON in page
    assert not VoteEvent.objects.exists()


def test_the_preview_shows_the_declared_intentions(keeper_client):
    page = keeper_client.post(
        PAGE, form(FOOTNOTED, body="GA-C3", date="2014-11-18", preview="1")
    ).content.decode()
    assert "Declared intentions" in page
    assert "<strong>Gambia</strong> intended: In favour (line 13)" in page
    assert "intended: Abstain (line 11)" in page


def test_problems_are_shown_by_line_and_save_is_not_offered(keeper_client):
    page = keeper_client.post(
        PAGE, form("In favour: Ghana, Narnia\nAgainst: Ghana", preview="1")
    ).content.decode()
    assert "line 1: &#x27;Narnia&#x27; resolves to no state on 2014-12-18" in page
    assert "line 2: GHA (&#x27;Ghana&#x27;) is listed twice" in page
    assert SAVE_BUTTON not in page


def test_save_reads_the_text_sent_again_and_creates_the_vote_event(keeper_client):
    resolution = factories.ResolutionFactory(adopted_symbol="A/RES/69/188")
    response = keeper_client.post(PAGE, form(FOOTNOTED, body="GA-C3", resolution=resolution.pk, save="1"))
    event = VoteEvent.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/admin/unrecord/voteevent/{event.pk}/change/"
    )
    assert (event.resolution, event.body.code, event.totals_label) == (resolution, "GA-C3", "5-2-2")
    assert RecordedVote.objects.filter(vote_event=event).count() == 9
    assert DeclaredIntention.objects.filter(vote_event=event).count() == 2
    page = keeper_client.get(response["Location"]).content.decode()
    assert "Declared intentions (the recorded votes stand as recorded)" in page
    assert "Gambia subsequently advised the Secretariat" in page


def test_a_save_of_text_with_problems_saves_nothing_and_shows_them(keeper_client):
    page = keeper_client.post(PAGE, form("In favour: Ghana, Narnia", save="1"))
    assert page.status_code == 200 and "resolves to no state" in page.content.decode()
    assert not VoteEvent.objects.exists()


def test_a_roll_call_recorded_already_is_named_and_saved_over_only_with_replace(keeper_client):
    keeper_client.post(PAGE, form(save="1"))
    event = VoteEvent.objects.get()
    page = keeper_client.post(PAGE, form("In favour: Ghana\nAgainst: Chad", preview="1")).content.decode()
    assert f"/admin/unrecord/voteevent/{event.pk}/change/" in page and "is recorded already" in page
    assert SAVE_BUTTON not in page
    refused = keeper_client.post(PAGE, form("In favour: Ghana\nAgainst: Chad", save="1")).content.decode()
    assert "replace it to give it these votes" in refused and event.votes.count() == 193
    replaced = keeper_client.post(PAGE, form("In favour: Ghana\nAgainst: Chad", replace="on", save="1"))
    assert replaced.status_code == 302 and event.votes.count() == 2


def test_a_day_still_to_come_is_a_field_error(keeper_client):
    page = keeper_client.post(PAGE, form(date="2999-01-01", preview="1")).content.decode()
    assert "is still to come" in page and SAVE_BUTTON not in page


@pytest.mark.parametrize("role", ["analyst_user", "staff_user", "manager_user"])
def test_others_see_no_button_and_are_refused_the_page(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert PAGE not in client.get("/admin/unrecord/voteevent/").content.decode()
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, form(save="1")).status_code == 403
    assert not VoteEvent.objects.exists()
