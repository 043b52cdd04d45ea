"""Who may do what through the API, endpoint by endpoint: each role of the owning organization,
a partner organization, a stranger and an anonymous client. Another organization's unshared
record answers 404 (not 403: its existence is not told); a partner's shared record is read, never
changed; analysts read; staff write outreach and documents; managers also campaigns, and delete."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from advocacy.models import Incident
from campaigns.models import Threshold
from documents.models import Signature
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1/"


def _campaign(owner, shared):
    return factories.CampaignFactory(owner=owner, shared_with_partners=shared)


def _side_event(owner, shared):
    return factories.SideEventFactory(owner=owner, shared_with_partners=shared)


def _document(owner, shared):
    return factories.DocumentFactory(owner=owner, shared_with_partners=shared)


@dataclass(frozen=True)
class Resource:
    path: str
    build: Callable  # (owner organization, shared) -> a record
    new: Callable  # (a campaign, side event and document of the writer's organization) -> POST body
    change: dict
    writers: tuple[str, ...] = ("staff", "manager")


RESOURCES = [
    Resource(
        "campaigns",
        _campaign,
        lambda mine: {"name": "Another campaign", "goal": "A vote", "starts_on": "2015-09-01"},
        {"goal": "A stronger vote"},
        writers=("manager",),
    ),
    Resource(
        "targets",
        lambda owner, shared: factories.TargetFactory(campaign=_campaign(owner, shared)),
        lambda mine: {"campaign": mine["campaign"].pk, "state": "GHA", "wanted_vote": "Y"},
        {"priority": 1},
        writers=("manager",),
    ),
    Resource(
        "thresholds",
        lambda owner, shared: Threshold.objects.create(
            campaign=_campaign(owner, shared),
            kind="min_yes",
            value=100,
            resolution=factories.ResolutionFactory(),
        ),
        lambda mine: {
            "campaign": mine["campaign"].pk,
            "kind": "max_no",
            "value": 25,
            "resolution": factories.ResolutionFactory().pk,
        },
        {"value": 110},
        writers=("manager",),
    ),
    Resource(
        "meetings",
        lambda owner, shared: factories.MeetingFactory(owner=owner, shared_with_partners=shared),
        lambda mine: {"date": "2014-10-24", "states": ["BWA"], "campaigns": [mine["campaign"].pk]},
        {"summary": "They will consider it."},
    ),
    Resource(
        "side-events",
        _side_event,
        lambda mine: {"title": "Panel", "date": "2014-10-22", "location": "geneva", "organizers": []},
        {"outcome": "Well attended."},
    ),
    Resource(
        "incidents",
        lambda owner, shared: Incident.objects.create(
            side_event=_side_event(owner, shared), kind="photographing", description="Witnesses photographed."
        ),
        lambda mine: {"side_event": mine["side_event"].pk, "kind": "disruption", "description": "Shouting."},
        {"description": "Witnesses photographed from the gallery."},
    ),
    Resource(
        "follow-ups",
        lambda owner, shared: factories.FollowUpFactory(owner=owner, shared_with_partners=shared),
        lambda mine: {"description": "Send the report", "due_on": "2014-11-01"},
        {"status": "cancelled"},
    ),
    Resource(
        "stances",
        lambda owner, shared: factories.StanceFactory(owner=owner, shared_with_partners=shared),
        lambda mine: {
            "resolution": factories.ResolutionFactory().pk,
            "state": "GHA",
            "position": "leaning_yes",
            "evidence": "judgement",
        },
        {"note": "Said again at the reception."},
    ),
    Resource(
        "documents",
        _document,
        lambda mine: {"kind": "joint_letter", "title": "Joint letter", "dated": "2014-09-10"},
        {"summary": "Signed by 20 NGOs."},
    ),
    Resource(
        "signatures",
        lambda owner, shared: Signature.objects.create(document=_document(owner, shared), organization=owner),
        lambda mine: {"document": mine["document"].pk, "organization": mine["document"].owner_id},
        {"capacity": "Executive director"},
    ),
]
BY_PATH = {resource.path: resource for resource in RESOURCES}
CAMPAIGN_PARTS = [BY_PATH[path] for path in ("targets", "thresholds")]
ROLES = ["analyst", "staff", "manager"]


@pytest.fixture
def made(request, organization, partner_organization, other_organization):
    """The test's resource: ours, a partner's shared and unshared ones, and a stranger's (shared
    with its own partners, which we are not)."""
    resource = request.getfixturevalue("resource")
    return {
        "ours": resource.build(organization, False),
        "partner_shared": resource.build(partner_organization, True),
        "partner_private": resource.build(partner_organization, False),
        "strangers": resource.build(other_organization, True),
    }


@pytest.fixture
def mine(organization):
    return {
        "campaign": _campaign(organization, False),
        "side_event": _side_event(organization, False),
        "document": _document(organization, False),
    }


def _client_as(client, request, role):
    client.force_login(request.getfixturevalue(f"{role}_user"))
    return client


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.path)
@pytest.mark.parametrize("role", ROLES)
def test_a_role_reads_its_own_and_partners_shared_records_and_nothing_else(
    client, request, made, resource, role
):
    _client_as(client, request, role)
    listed = _ids(client.get(f"{API}{resource.path}/", {"page_size": 500}))
    assert made["ours"].pk in listed and made["partner_shared"].pk in listed
    assert made["partner_private"].pk not in listed and made["strangers"].pk not in listed
    for name, status in [
        ("ours", 200),
        ("partner_shared", 200),
        ("partner_private", 404),
        ("strangers", 404),
    ]:
        assert client.get(f"{API}{resource.path}/{made[name].pk}/").status_code == status, name


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.path)
def test_a_partner_reads_what_is_shared_with_it_and_changes_none_of_it(client, partner_user, made, resource):
    client.force_login(partner_user)
    listed = _ids(client.get(f"{API}{resource.path}/", {"page_size": 500}))
    assert made["ours"].pk not in listed  # not shared
    assert client.get(f"{API}{resource.path}/{made['ours'].pk}/").status_code == 404
    assert made["partner_private"].pk in listed  # its own


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.path)
@pytest.mark.parametrize("role", ROLES)
def test_a_role_writes_its_own_organizations_records_only_as_its_role_allows(
    client, request, made, mine, resource, role
):
    _client_as(client, request, role)
    may_write = role in resource.writers
    created = client.post(f"{API}{resource.path}/", resource.new(mine), content_type="application/json")
    assert created.status_code == (201 if may_write else 403), created.content
    ours = f"{API}{resource.path}/{made['ours'].pk}/"
    changed = client.patch(ours, resource.change, content_type="application/json")
    assert changed.status_code == (200 if may_write else 403), changed.content
    # A partner's shared record is visible, so refusing it is a 403. A stranger's is not found by
    # a writer; a role that writes nothing here is refused before any record is looked up, so
    # its 403 tells no more than a 404 would (the same answer for an id that does not exist).
    shared = f"{API}{resource.path}/{made['partner_shared'].pk}/"
    assert client.patch(shared, resource.change, content_type="application/json").status_code == 403
    for missing in [made["strangers"].pk, 10**9]:
        elsewhere = f"{API}{resource.path}/{missing}/"
        answer = client.patch(elsewhere, resource.change, content_type="application/json").status_code
        assert answer == (404 if may_write else 403)
        assert client.delete(elsewhere).status_code == (404 if role == "manager" else 403)
    assert client.delete(ours).status_code == (204 if role == "manager" else 403)


# Parts of a record (a campaign's targets, a side event's incidents, a letter's signatures) have
# no owner of their own: they belong to their parent's.
PARTS = {"targets", "thresholds", "incidents", "signatures"}
OWNED = [resource for resource in RESOURCES if resource.path not in PARTS]
OWNED_BY_PARENT = [resource for resource in RESOURCES if resource.path in PARTS]


@pytest.mark.parametrize("resource", OWNED, ids=lambda resource: resource.path)
def test_a_record_is_created_for_the_writers_organization_whatever_the_body_says(
    client, manager_user, other_organization, mine, resource
):
    client.force_login(manager_user)
    body = {**resource.new(mine), "owner": other_organization.pk}
    created = client.post(f"{API}{resource.path}/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    row = client.get(f"{API}{resource.path}/{created.json()['id']}/")
    assert row.status_code == 200  # visible to its writer: so not the stranger's


@pytest.mark.parametrize("resource", OWNED_BY_PARENT, ids=lambda resource: resource.path)
def test_a_part_of_a_record_takes_no_owner_from_the_body(
    client, manager_user, other_organization, mine, resource
):
    client.force_login(manager_user)
    listed = client.get(f"{API}{resource.path}/").json()["count"]
    body = {**resource.new(mine), "owner": other_organization.pk}
    refused = client.post(f"{API}{resource.path}/", body, content_type="application/json")
    assert refused.status_code == 400 and refused.json() == {"owner": ["Unknown field."]}, refused.content
    assert client.get(f"{API}{resource.path}/").json()["count"] == listed


@pytest.mark.parametrize("resource", CAMPAIGN_PARTS, ids=lambda resource: resource.path)
def test_parts_cannot_be_filed_under_a_partners_campaign(
    client, manager_user, partner_organization, mine, resource
):
    client.force_login(manager_user)
    partners = _campaign(partner_organization, True)
    body = {**resource.new(mine), "campaign": partners.pk}
    response = client.post(f"{API}{resource.path}/", body, content_type="application/json")
    assert response.status_code == 400
    assert "campaign" in response.json()


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.path)
def test_anonymous_clients_are_asked_to_authenticate(client, made, resource):
    ours = made["ours"]
    for response in [
        client.get(f"{API}{resource.path}/"),
        client.get(f"{API}{resource.path}/{ours.pk}/"),
        client.post(f"{API}{resource.path}/", {}, content_type="application/json"),
    ]:
        assert response.status_code == 401


def test_confidential_notes_of_a_shared_meeting_never_reach_a_partner(
    client, partner_user, manager_user, organization
):
    meeting = factories.MeetingFactory(
        owner=organization, shared_with_partners=True, confidential_notes="The ambassador hinted at a deal."
    )
    client.force_login(partner_user)
    for path in [f"{API}meetings/{meeting.pk}/", f"{API}meetings/", f"{API}meetings/?format=csv"]:
        response = client.get(path)
        assert response.status_code == 200 and "hinted at a deal" not in response.content.decode()
    client.force_login(manager_user)
    assert (
        client.get(f"{API}meetings/{meeting.pk}/").json()["confidential_notes"]
        == "The ambassador hinted at a deal."
    )


def test_follow_ups_are_assigned_within_the_writers_organization(client, staff_user, outsider_user):
    client.force_login(staff_user)
    body = {"description": "Call the mission", "due_on": "2014-11-01", "assignee": outsider_user.pk}
    response = client.post(f"{API}follow-ups/", body, content_type="application/json")
    assert response.status_code == 400 and "assignee" in response.json()
    del body["assignee"]
    response = client.post(f"{API}follow-ups/", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["assignee"] == staff_user.pk


def test_a_stance_records_who_recorded_it(client, staff_user, mine):
    client.force_login(staff_user)
    body = BY_PATH["stances"].new(mine)
    response = client.post(f"{API}stances/", body, content_type="application/json")
    assert response.json()["recorded_by"] == staff_user.pk
