"""Strict query parameters (core/query_params.py): one an endpoint does not know is a 400 naming
it, never ignored; every one the schema documents is known; ISO3 codes in the address in any case."""

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1/"
UNKNOWN = b"Unknown query parameter"


@pytest.mark.parametrize(
    ("address", "typo"),
    [("recorded-votes/?stat=ZAF", "stat"), ("side-events/?state=KEN", "state")],
)
def test_an_unknown_query_parameter_is_a_400_naming_it(staff_client, address, typo):
    response = staff_client.get(API + address)
    assert response.status_code == 400
    message = response.json()[typo][0]
    assert message.startswith("Unknown query parameter. Known: ") and "format" in message


def test_a_range_filters_halves_and_an_actions_own_parameters_are_known(staff_client):
    assert staff_client.get(API + "resolutions/?adopted_on_after=2014-01-01&page_size=5").status_code == 200
    assert staff_client.get(API + "member-states/ZAF/aligned/?limit=3").status_code == 200
    assert staff_client.get(API + "member-states/ZAF/aligned/?limt=3").json()["limt"]


def test_every_documented_query_parameter_is_known(staff_client):
    schema = staff_client.get("/api/schema/?format=json").json()
    checked = 0
    for path, operations in schema["paths"].items():
        parameters = [
            p["name"] for p in operations.get("get", {}).get("parameters", []) if p["in"] == "query"
        ]
        if not parameters:
            continue
        # Values need not be valid, nor the record exist: an unknown parameter is refused first.
        address = re.sub(r"\{[^}]+\}", "1", path)
        response = staff_client.get(address, dict.fromkeys(parameters, "1"))
        assert UNKNOWN not in response.content, (path, response.content[:300])
        checked += len(parameters)
    assert checked > 100


def test_iso3_codes_in_the_address_in_any_case(staff_client):
    upper = staff_client.get(API + "member-states/ZAF/")
    assert upper.status_code == 200
    assert staff_client.get(API + "member-states/zaf/").json() == upper.json()
    assert staff_client.get(API + "member-states/zaf/history/").status_code == 200


def test_iso3_codes_in_filters_queries_and_writes_in_any_case(staff_client, organization):
    meeting = factories.MeetingFactory(owner=organization)
    meeting.states.set([factories.state("ZAF")])
    found = staff_client.get(API + "meetings/", {"state": "zaf"})
    assert [row["id"] for row in found.json()["results"]] == [meeting.pk]
    assert staff_client.get(API + "coincidence/", {"state_a": "usa", "state_b": "isr"}).status_code == 200
    body = {"title": "Panel", "date": "2014-10-22", "location": "unhq", "organizers": [organization.pk]}
    written = staff_client.post(
        API + "side-events/", {**body, "cosponsors": ["aus", "Bwa"]}, content_type="application/json"
    )
    assert written.status_code == 201, written.content
    assert sorted(written.json()["cosponsors"]) == ["AUS", "BWA"]
