"""POST /api/v1/vote-events/from-text/: a roll call pasted as the UN prints it, previewed with
dry_run (200) or saved (201) by record keepers only (403 for everyone else), every problem of the
text a 400 by line with nothing saved; and a vote event's page listing its declared intentions."""

from pathlib import Path

import pytest
from django.core.cache import cache

from tests import factories
from unrecord.models import RecordedVote, VoteEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/vote-events/from-text/"
FIXTURES = Path(__file__).resolve().parents[1] / "unrecord" / "fixtures"
PLENARY_2014 = (FIXTURES / "ga_2014_12_18_dprk_plenary.txt").read_text(encoding="utf-8")
FOOTNOTED = (FIXTURES / "footnoted_vote.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()


@pytest.fixture
def resolution():
    return factories.ResolutionFactory(draft_symbol="A/C.3/69/L.28", adopted_symbol="A/RES/69/188")


def post(client, **fields):
    body = {"text": PLENARY_2014, "body": "GA", "date": "2014-12-18"} | fields
    return client.post(URL, body, content_type="application/json")


def test_a_dry_run_answers_each_states_vote_the_counts_and_saves_nothing(keeper_client, resolution):
    response = post(keeper_client, resolution="A/RES/69/188", dry_run=True)
    assert response.status_code == 200, response.content
    preview = response.json()
    assert len(preview["votes"]) == 193
    assert (preview["votes"]["GMB"], preview["votes"]["SWZ"], preview["votes"]["TUR"]) == ("N", "X", "Y")
    assert preview["counts"] == {"Y": 116, "N": 20, "A": 53, "X": 4}
    assert preview["stated_totals"] == {"yes": 116, "no": 20, "abstain": 53, "line": 9}
    assert (preview["result"], preview["session"], preview["recorded_already"]) == ("adopted", 69, None)
    assert not VoteEvent.objects.exists()


def test_a_dry_run_shows_the_declared_intentions_and_the_roll_call_it_would_replace(
    keeper_client, resolution
):
    saved = post(keeper_client, text=FOOTNOTED, body="GA-C3", date="2014-11-18", resolution=resolution.pk)
    preview = post(
        keeper_client, text=FOOTNOTED, body="GA-C3", date="2014-11-18", resolution=resolution.pk, dry_run=True
    ).json()
    assert preview["recorded_already"] == saved.json()["id"]
    assert {(i["state"], i["choice"], i["line"]) for i in preview["intentions"]} == {
        ("CIV", "A", 11),
        ("GMB", "Y", 13),
    }


def test_saving_answers_201_with_the_vote_event_and_its_intentions(keeper_client, resolution):
    response = post(
        keeper_client, text=FOOTNOTED, body="GA-C3", date="2014-11-18", resolution="A/C.3/69/L.28"
    )
    assert response.status_code == 201, response.content
    event = response.json()
    assert (event["body"], event["session"], event["resolution"], event["kind"]) == (
        "GA-C3",
        69,
        resolution.pk,
        "draft",
    )
    assert (event["yes_count"], event["no_count"], event["abstain_count"], event["non_voting_count"]) == (
        5,
        2,
        2,
        0,
    )
    assert [(i["state"], i["choice"]) for i in event["declared_intentions"]] == [("CIV", "A"), ("GMB", "Y")]
    assert RecordedVote.objects.filter(vote_event_id=event["id"]).count() == 9
    page = keeper_client.get(f"/api/v1/vote-events/{event['id']}/").json()
    assert page["declared_intentions"] == event["declared_intentions"]


def test_problems_in_the_text_are_a_400_by_line_and_nothing_is_saved(keeper_client):
    for dry_run in (True, False):
        response = post(keeper_client, text="In favour: Ghana, Narnia\nAgainst: Ghana\n", dry_run=dry_run)
        assert response.status_code == 400
        assert response.json()["text"] == [
            "line 1: 'Narnia' resolves to no state on 2014-12-18",
            "line 2: GHA ('Ghana') is listed twice: already under In favour on line 1",
        ]
    assert not VoteEvent.objects.exists()


def test_bad_fields_are_400s_naming_them(keeper_client):
    response = post(
        keeper_client, body="GA-C9", date="18/12/2014", resolution="A/RES/69/999", kind="acclamation"
    )
    assert response.status_code == 400
    assert {"body", "date", "resolution", "kind"} <= set(response.json())
    for resolution in (True, 2**70, "", [1]):
        assert "resolution" in post(keeper_client, resolution=resolution).json()
    assert "date" in post(keeper_client, date="1900-01-01").json()
    assert "date" in post(keeper_client, date="2999-01-01", dry_run=True).json()
    assert not VoteEvent.objects.exists()


def test_a_second_paste_is_a_400_unless_replacing(keeper_client, resolution):
    first = post(keeper_client, resolution=resolution.pk).json()
    again = post(keeper_client, resolution=resolution.pk, text="In favour: Ghana\nAgainst: Chad")
    assert again.status_code == 400 and f"(vote event {first['id']})" in again.json()["replace"][0]
    replaced = post(
        keeper_client, resolution=resolution.pk, text="In favour: Ghana\nAgainst: Chad", replace=True
    )
    assert replaced.status_code == 201 and replaced.json()["id"] == first["id"]
    assert RecordedVote.objects.filter(vote_event_id=first["id"]).count() == 2


@pytest.mark.parametrize("role", ["analyst_user", "staff_user", "manager_user"])
def test_only_record_keepers_may_post_a_pasted_vote(client, request, role):
    client.force_login(request.getfixturevalue(role))
    for dry_run in (True, False):
        assert post(client, dry_run=dry_run).status_code == 403
    assert not VoteEvent.objects.exists()


def test_anonymous_clients_are_asked_to_authenticate(client):
    assert post(client).status_code == 401


def test_the_schema_documents_the_operation_its_fields_and_answers(keeper_client):
    schema = keeper_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"][URL]["post"]
    assert {"200", "201", "400", "403"} <= set(operation["responses"])
    request = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    fields = schema["components"]["schemas"][request]["properties"]
    assert set(fields) == {"text", "body", "date", "resolution", "kind", "replace", "dry_run"}
    detail = schema["paths"]["/api/v1/vote-events/{id}/"]["get"]["responses"]["200"]
    detail_name = detail["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "declared_intentions" in schema["components"]["schemas"][detail_name]["properties"]
