"""The API's docs as an analyst reads them: operations grouped by resource in a sensible order,
under names that say what they do, and the guide (signing in, pages, CSV, errors, recipes) at the
top of the served schema."""

import re
from collections import Counter

import pytest
from django.conf import settings

from core.openapi import RESOURCE_GROUPS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/api/schema/?format=json").json()


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _operation(schema, method: str, path: str) -> dict:
    return schema["paths"][path][method]


def test_the_groups_run_from_the_record_to_the_organizations_work_to_signing_in(schema):
    tags = [tag["name"] for tag in schema["tags"]]
    assert tags[:2] == ["Recorded votes", "Vote events"]
    assert tags.index("Member states") < tags.index("Campaigns") < tags.index("Meetings")
    assert tags[-1] == "Authentication"
    assert all(tag["description"] for tag in schema["tags"])


def test_every_operation_is_in_one_declared_group_and_every_group_has_operations(schema):
    declared = {tag["name"] for tag in schema["tags"]}
    used = Counter()
    for path, method, operation in _operations(schema):
        assert len(operation["tags"]) == 1 and operation["tags"][0] in declared, (method, path)
        used[operation["tags"][0]] += 1
    assert set(used) == declared


def test_operations_are_grouped_by_the_resource_they_act_on(schema):
    assert _operation(schema, "get", "/api/v1/recorded-votes/")["tags"] == ["Recorded votes"]
    assert _operation(schema, "get", "/api/v1/member-states/{iso3}/history/")["tags"] == ["Member states"]
    assert _operation(schema, "get", "/api/v1/coincidence/")["tags"] == ["Member states"]
    assert _operation(schema, "get", "/api/v1/campaigns/{campaign_pk}/scoreboard/")["tags"] == ["Campaigns"]
    assert _operation(schema, "post", "/api/v1/auth/login/")["tags"] == ["Authentication"]


def test_operation_ids_are_unique(schema):
    ids = Counter(operation["operationId"] for _, _, operation in _operations(schema))
    assert [name for name, count in ids.items() if count > 1] == []


def test_operation_ids_read_as_what_the_operation_does(schema):
    ids = {operation["operationId"] for _, _, operation in _operations(schema)}
    # Not drf-spectacular's v1_auth_login_create: a verb, then the resource, camel-cased.
    assert [name for name in ids if not re.fullmatch(r"[a-z]+(?:[A-Z][a-z]*)*", name)] == []
    assert {
        "listRecordedVotes",
        "listVoteEvents",
        "getVoteEventTally",
        "getMemberState",
        "listMemberStateHistory",
        "getCoincidence",
        "listPeople",
        "getPerson",
        "createCampaign",
        "replaceCampaign",
        "updateCampaign",
        "deleteCampaign",
        "rollOverCampaign",
        "listCampaignScoreboard",
        "logIn",
        "logOut",
        "logOutEverywhere",
    } <= ids


def test_every_operation_has_a_summary_and_the_views_own_summaries_are_kept(schema):
    assert [(m, p) for p, m, operation in _operations(schema) if not operation.get("summary")] == []
    assert _operation(schema, "get", "/api/v1/recorded-votes/")["summary"] == "List recorded votes"
    assert _operation(schema, "get", "/api/v1/people/{id}/")["summary"] == "Get a person"
    assert _operation(schema, "patch", "/api/v1/follow-ups/{id}/")["summary"] == "Update a follow-up"
    assert _operation(schema, "get", "/api/v1/documents/{id}/file/")["summary"] == "Get a document's file"
    tally = _operation(schema, "get", "/api/v1/vote-events/{id}/tally/")
    assert tally["summary"] == "Count a roll call's recorded votes"  # the view's own


def test_the_guide_opens_the_served_schema(schema):
    guide = (settings.BASE_DIR / "core" / "api_guide.md").read_text(encoding="utf-8")
    assert schema["info"]["description"] == guide
    sections = re.findall(r"^## (.+)$", guide, flags=re.MULTILINE)
    assert sections == [
        "Signing in",
        "Lists and pages",
        "CSV",
        "Errors",
        "Versions: ETag and If-Match",
        "Recipes",
    ]


@pytest.mark.parametrize(
    "subject",
    [
        "/api/v1/auth/login/",  # a token, with HTTP Basic
        "X-Plenary-OTP",
        "/api/v1/auth/logout-everywhere/",
        "API_TOKEN_TTL_HOURS",
        "page_size",
        "cursor",
        "Link",
        "?format=csv",
        "Unknown query parameter",
        "Retry-After",
        "If-Match",
        "/recorded-votes/export/",
        "coincidence/",
        "scoreboard/?format=csv",
    ],
)
def test_the_guide_covers(schema, subject):
    assert subject in schema["info"]["description"]


def test_the_guide_names_only_operations_the_api_has(schema):
    # /api/v1/meetings/12/ and {API}/campaigns/{campaign_id}/scoreboard/ name the lists they start
    # with; an address the API does not have would send the reader to a 404.
    named = re.findall(r"(?:/api/v1|\{API\})/([a-z-]+/(?:[a-z-]+/)?)", schema["info"]["description"])
    assert len(named) > 10
    assert sorted({f"/api/v1/{address}" for address in named} - set(schema["paths"])) == []


def test_each_group_declares_the_resources_it_gathers_once():
    resources = [resource for group in RESOURCE_GROUPS for resource in group.resources]
    assert len(resources) == len(set(resources))
