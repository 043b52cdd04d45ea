"""A protected person's real name is shown to nobody without explicit permission."""

import pytest
from django.contrib.auth.models import Permission

from tests import factories
from tests.conftest import verified_login
from tests.directory.conftest import REAL_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(organization):
    user = factories.UserFactory(organization=organization, role="manager", username="director")
    user.user_permissions.add(Permission.objects.get(codename="view_personidentity"))
    return user


@pytest.mark.parametrize("role", ["staff", "analyst", "manager"])
def test_no_role_grants_the_identity_permission(organization, role):
    user = factories.UserFactory(organization=organization, role=role, username=f"u-{role}")
    assert not user.can_see_protected_identities()


def test_people_list_detail_and_export_show_only_the_pseudonym(client, manager_user, witness):
    client.force_login(manager_user)
    pages = [
        client.get("/admin/directory/person/"),
        client.get(f"/admin/directory/person/{witness.pk}/change/"),
        client.post(
            "/admin/directory/person/", {"action": "export_as_csv", "_selected_action": [witness.pk]}
        ),
    ]
    for page in pages:
        assert page.status_code == 200
        assert REAL_NAME not in page.content.decode()
    assert "Witness A" in pages[2].content.decode()


def test_searching_by_real_name_reveals_nothing(client, manager_user, witness):
    client.force_login(manager_user)
    page = client.get("/admin/directory/person/", {"q": "Hye Sook"}).content.decode()
    assert "Witness A" not in page


def test_identity_pages_are_forbidden_without_the_permission(client, manager_user, witness):
    client.force_login(manager_user)
    assert client.get("/admin/directory/personidentity/").status_code == 403
    history = client.get(f"/admin/directory/person/{witness.pk}/history/")
    assert history.status_code == 200 and REAL_NAME not in history.content.decode()


def test_a_user_with_the_permission_sees_the_real_name(client, director, witness):
    verified_login(client, director)
    assert REAL_NAME in client.get(f"/admin/directory/person/{witness.pk}/change/").content.decode()


def test_the_permission_does_not_reach_another_organizations_identities(client, witness, other_organization):
    stranger = factories.UserFactory(organization=other_organization, role="manager", username="stranger")
    stranger.user_permissions.add(Permission.objects.get(codename="view_personidentity"))
    verified_login(client, stranger)
    assert REAL_NAME not in client.get(f"/admin/directory/person/{witness.pk}/change/").content.decode()


def test_meeting_attendee_choices_show_the_pseudonym(client, staff_user, witness):
    client.force_login(staff_user)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "advocacy", "model_name": "meeting", "field_name": "attendees", "term": "Witness"},
    )
    assert [item["text"] for item in response.json()["results"]] == ["Witness A (Camp 18 survivor)"]
    assert REAL_NAME not in response.content.decode()
