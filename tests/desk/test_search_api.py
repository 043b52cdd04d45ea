"""GET /api/v1/search/?q=: the search over the API, for the caller only."""

import pytest

from desk.search_sql import capabilities
from tests import factories


def test_results_come_grouped_by_kind(staff_client, organization, django_assert_num_queries):
    factories.MeetingFactory.create_batch(2, owner=organization, place="", summary="Kenya & Uganda agreed")
    capabilities()
    with django_assert_num_queries(8):  # session, user, one per kind, two for meetings
        response = staff_client.get("/api/v1/search/", {"q": "kenya"})
    assert response.status_code == 200
    body = response.json()
    assert body["q"] == "kenya"
    assert [group["kind"] for group in body["groups"]] == [
        "states",
        "organizations",
        "people",
        "meetings",
        "documents",
    ]
    meetings = body["groups"][3]
    assert len(meetings["hits"]) == 2 and meetings["more"] is False
    assert meetings["hits"][0]["snippet"] == "<mark>Kenya</mark> &amp; Uganda agreed"


def test_kinds_may_be_chosen(staff_client):
    response = staff_client.get("/api/v1/search/?q=kenya&kind=states&kind=people")
    assert [group["kind"] for group in response.json()["groups"]] == ["states", "people"]


@pytest.mark.parametrize(
    "query, field, message",
    [
        ({}, "q", "Type a name or a word to search for."),
        ({"q": " "}, "q", "Type a name or a word to search for."),
        ({"q": "kenya", "kind": "votes"}, "kind", "votes is not a kind of record to search"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(staff_client, query, field, message):
    response = staff_client.get("/api/v1/search/", query)
    assert response.status_code == 400
    assert message in response.json()[field][0]


def test_a_stranger_to_plenary_is_refused(client, db):
    assert client.get("/api/v1/search/", {"q": "kenya"}).status_code == 401
