"""The directory over the API: readable by every role, protected identities never leaked."""

import pytest
from django.contrib.auth.models import Permission

from directory.models import Organization, Person
from documents.models import Signature
from tests import factories
from tests.conftest import verified_login
from tests.directory.conftest import REAL_NAME

pytestmark = pytest.mark.django_db


def _grant_identities(user):
    user.user_permissions.add(Permission.objects.get(codename="view_personidentity"))


@pytest.mark.parametrize("role_user", ["analyst_user", "staff_user", "manager_user"])
def test_every_role_reads_people_under_their_pseudonym_only(client, request, role_user, witness):
    client.force_login(request.getfixturevalue(role_user))
    for path in ["/api/v1/people/", f"/api/v1/people/{witness.pk}/", "/api/v1/people/?format=csv"]:
        response = client.get(path)
        assert response.status_code == 200
        assert REAL_NAME not in response.content.decode()
        assert "Witness A" in response.content.decode()


def test_searching_people_by_real_name_finds_nothing(client, analyst_user, witness):
    client.force_login(analyst_user)
    assert client.get("/api/v1/people/", {"search": "Hye Sook"}).json()["count"] == 0


def test_the_identity_endpoint_answers_only_with_the_explicit_permission(client, manager_user, witness):
    client.force_login(manager_user)
    assert client.get(f"/api/v1/people/{witness.pk}/identity/").status_code == 404
    _grant_identities(manager_user)
    verified_login(client, manager_user)
    assert client.get(f"/api/v1/people/{witness.pk}/identity/").json()["real_name"] == REAL_NAME


def test_the_permission_does_not_reach_another_organizations_identities(client, outsider_user, witness):
    _grant_identities(outsider_user)
    verified_login(client, outsider_user)
    assert client.get(f"/api/v1/people/{witness.pk}/identity/").status_code == 404


def test_analysts_cannot_write_but_staff_can(client, analyst_user, staff_user):
    data = {"name": "Kim Song", "category": "diplomat", "state": "PRK", "title": "Counsellor"}
    client.force_login(analyst_user)
    assert client.post("/api/v1/people/", data, content_type="application/json").status_code == 403
    client.force_login(staff_user)
    response = client.post("/api/v1/people/", data, content_type="application/json")
    assert response.status_code == 201 and response.json()["state"] == "PRK"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "X", "category": "astronaut"}, "category"),
        ({"name": "X", "category": "diplomat", "state": "ZZZ"}, "state"),
        ({"category": "ngo_staff"}, "name"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, staff_user, data, field):
    client.force_login(staff_user)
    response = client.post("/api/v1/people/", data, content_type="application/json")
    assert response.status_code == 400 and field in response.json()


def test_a_model_constraint_is_a_400_not_a_500(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/api/v1/people/", {"name": "Envoy", "category": "diplomat"}, content_type="application/json"
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["non_field_errors"] == ["A diplomat represents a state: choose the state."]  # DRF's key
    assert not Person.objects.filter(name="Envoy").exists()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("state=ZZZ", 400),  # an unknown state is an error naming the filter
        ("is_protected=maybe", 400),
        ("page_size=100000", 400),  # oversized pages are refused, not silently capped
        ("page_size=0", 400),
        ("page=abc", 404),  # DRF's answer for a page that does not exist
        ("ordering=nonsense", 400),
    ],
)
def test_bad_filters_get_a_clear_answer_never_a_500(client, analyst_user, query, status):
    client.force_login(analyst_user)
    response = client.get(f"/api/v1/people/?{query}")
    assert response.status_code == status
    if status == 400:
        assert query.split("=")[0] in response.json()


def test_the_people_list_query_count_is_flat(client, analyst_user, django_assert_num_queries):
    client.force_login(analyst_user)
    factories.PersonFactory.create_batch(
        3, organization=factories.OrganizationFactory(), state=factories.state("PRK")
    )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/people/")
    factories.PersonFactory.create_batch(
        30, organization=factories.OrganizationFactory(), state=factories.state("JPN")
    )
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/people/")
    assert len(few) == len(many) == 4  # session, user, count, page: a role's permissions cost none


def test_people_filter_by_protection(client, analyst_user, witness):
    factories.PersonFactory(name="Julie de Rivero")
    client.force_login(analyst_user)
    names = [person["name"] for person in client.get("/api/v1/people/?is_protected=true").json()["results"]]
    assert names == ["Witness A (Camp 18 survivor)"]


def test_people_are_ordered_by_name_on_request(client, analyst_user):
    for name in ("Zeid Ra'ad Al-Hussein", "Michael Kirby"):
        factories.PersonFactory(name=name)
    client.force_login(analyst_user)
    names = [p["name"] for p in client.get("/api/v1/people/?ordering=-name").json()["results"]]
    assert names == ["Zeid Ra'ad Al-Hussein", "Michael Kirby"]


# Found by schemathesis (tests/api/test_schemathesis.py)


def test_deleting_an_organization_that_signed_a_letter_is_a_409_not_a_500(client, manager_user):
    signatory = factories.OrganizationFactory(
        name="Open Society Foundations", recorded_by=manager_user.organization
    )
    Signature.objects.create(document=factories.DocumentFactory(), organization=signatory)
    client.force_login(manager_user)
    response = client.delete(f"/api/v1/organizations/{signatory.pk}/")
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "Other records refer to this one (1 signature): change or delete them first."
    )
    assert Organization.objects.filter(pk=signatory.pk).exists()


def test_csv_is_only_for_lists_and_another_action_asking_for_it_is_a_400(client, manager_user):
    person = factories.PersonFactory()
    client.force_login(manager_user)
    response = client.delete(f"/api/v1/people/{person.pk}/?format=csv")  # was a 500
    assert response.status_code == 400 and "format" in response.json()
    assert client.get(f"/api/v1/people/{person.pk}/?format=csv").status_code == 400
    assert client.get("/api/v1/people/?format=csv")["Content-Type"].startswith("text/csv")


def test_a_partial_update_answers_with_every_field(client, staff_user):
    person = factories.PersonFactory(recorded_by=staff_user.organization)
    client.force_login(staff_user)
    data = {"title": "Counsellor"}
    response = client.patch(f"/api/v1/people/{person.pk}/", data, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["organization_name"] is None  # was left out of a PATCH's answer


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "Kim Song", "category": "ngo_staff", "title": 42}, "title"),
        ({"name": 7, "category": "ngo_staff"}, "name"),
        ({"name": "Kim Song", "category": "ngo_staff", "organization": "{organization}"}, "organization"),
        ({"name": "Kim Song", "category": "ngo_staff", "is_illustrative": 1}, "is_illustrative"),
    ],
)
def test_a_value_of_the_wrong_json_type_is_a_400_naming_the_field(client, staff_user, data, field):
    organization = factories.OrganizationFactory()
    if data.get("organization"):
        data = data | {"organization": str(organization.pk)}  # the right id, as text
    client.force_login(staff_user)
    response = client.post("/api/v1/people/", data, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Person.objects.filter(name="Kim Song").exists()


def test_a_form_still_sends_its_numbers_as_text(client, staff_user):
    organization = factories.OrganizationFactory()
    client.force_login(staff_user)
    data = {"name": "Kim Song", "category": "ngo_staff", "organization": str(organization.pk)}
    response = client.post("/api/v1/people/", data)  # multipart, as the browsable API posts it
    assert response.status_code == 201 and response.json()["organization"] == organization.pk


def test_the_schema_describes_is_protected_as_a_boolean(client, analyst_user):
    client.force_login(analyst_user)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = schema["paths"]["/api/v1/people/"]["get"]["parameters"]
    assert next(p for p in parameters if p["name"] == "is_protected")["schema"] == {"type": "boolean"}
