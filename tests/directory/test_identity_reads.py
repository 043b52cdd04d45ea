"""Every showing of a real name is logged (who, when, which person, where), and the log is read by
the managers of the organization that holds the identity, and by nobody else; nobody changes it."""

import pytest
from django.contrib.auth.models import Permission
from django.db import DatabaseError, transaction
from django.utils import timezone

from core.access import policy_for
from directory.models import IdentityRead, PersonIdentity, User
from directory.services import log_identity_reads
from tests import factories
from tests.conftest import verified_login
from tests.directory.conftest import REAL_NAME

pytestmark = pytest.mark.django_db

PSEUDONYM = "Witness A (Camp 18 survivor)"


@pytest.fixture
def director(organization):
    """A manager given the explicit permission to see identities."""
    user = factories.UserFactory(organization=organization, role=User.Role.MANAGER, username="director")
    user.user_permissions.add(Permission.objects.get(codename="view_personidentity"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def identity(witness):
    return PersonIdentity.objects.get(person=witness)


def _rooms(witness, identity) -> dict:
    """What each room asks to show a real name: (method, address, data)."""
    return {
        "identity's admin page": ("get", f"/admin/directory/personidentity/{identity.pk}/change/", {}),
        "identities' admin list": ("get", "/admin/directory/personidentity/", {}),
        "person's admin page, its inline": ("get", f"/admin/directory/person/{witness.pk}/change/", {}),
        "person's history": ("get", f"/admin/directory/person/{witness.pk}/history/", {}),
        "identity's history": ("get", f"/admin/directory/personidentity/{identity.pk}/history/", {}),
        "API identity endpoint": ("get", f"/api/v1/people/{witness.pk}/identity/", {}),
        "CSV export": (
            "post",
            "/admin/directory/personidentity/",
            {"action": "export_as_csv", "_selected_action": [identity.pk]},
        ),
    }


LOGGED_AS = {
    "identity's admin page": IdentityRead.Room.ADMIN,
    "identities' admin list": IdentityRead.Room.ADMIN,
    "person's admin page, its inline": IdentityRead.Room.ADMIN,
    "person's history": IdentityRead.Room.HISTORY,
    "identity's history": IdentityRead.Room.HISTORY,
    "API identity endpoint": IdentityRead.Room.API,
    "CSV export": IdentityRead.Room.EXPORT,
}


@pytest.mark.parametrize("room", list(LOGGED_AS))
def test_each_room_that_shows_a_real_name_logs_who_when_and_which_person(
    client, director, witness, identity, organization, room
):
    verified_login(client, director)
    method, address, data = _rooms(witness, identity)[room]
    before = timezone.now()

    response = getattr(client, method)(address, data)

    assert response.status_code == 200 and REAL_NAME in response.content.decode()
    read = IdentityRead.objects.get()
    assert (read.reader, read.reader_username, read.room) == (director, "director", LOGGED_AS[room])
    assert (read.person, read.pseudonym, read.owner) == (witness, PSEUDONYM, organization)
    assert before <= read.read_at <= timezone.now()


def test_pages_that_show_no_real_name_log_nothing(client, staff_user, director, witness, identity):
    client.force_login(staff_user)  # no permission: the person's page shows the pseudonym only
    for address in [
        f"/admin/directory/person/{witness.pk}/change/",
        f"/admin/directory/person/{witness.pk}/history/",
    ]:
        page = client.get(address)
        assert page.status_code == 200 and REAL_NAME not in page.content.decode()
    verified_login(client, director)
    assert client.get("/admin/directory/person/").status_code == 200  # lists pseudonyms only
    assert not IdentityRead.objects.exists()


def test_logging_a_page_of_identities_is_one_insert(director, organization, django_assert_num_queries):
    witnesses = factories.ProtectedPersonFactory.create_batch(3, protected_by=organization)
    identities = list(PersonIdentity.objects.filter(person__in=witnesses).select_related("person"))
    with django_assert_num_queries(1):
        log_identity_reads(reader=director, identities=identities, room=IdentityRead.Room.ADMIN)
    assert {read.pseudonym for read in IdentityRead.objects.all()} == {w.name for w in witnesses}


# -- Who reads the log ----------------------------------------------------------------------------


@pytest.fixture
def logged(director, identity, other_organization):
    """A read of the organization's identity, and one of another organization's."""
    elsewhere = factories.ProtectedPersonFactory(protected_by=other_organization).identity
    log_identity_reads(reader=director, identities=[identity], room=IdentityRead.Room.API)
    log_identity_reads(reader=director, identities=[elsewhere], room=IdentityRead.Room.API)
    return IdentityRead.objects.get(owner=identity.owner)


def test_a_manager_of_the_owning_organization_reads_the_log(client, manager_user, logged):
    assert list(policy_for(IdentityRead).scope(manager_user)) == [logged]
    client.force_login(manager_user)
    page = client.get("/admin/directory/identityread/")
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [logged]
    assert PSEUDONYM in page.content.decode() and "director" in page.content.decode()


@pytest.mark.parametrize("reader", ["staff_user", "analyst_user", "partner_user", "outsider_user"])
def test_staff_partners_and_outsiders_do_not_read_the_log(request, client, logged, reader):
    user = request.getfixturevalue(reader)
    assert not policy_for(IdentityRead).scope(user).filter(pk=logged.pk).exists()
    client.force_login(user)
    page = client.get("/admin/directory/identityread/")
    assert page.status_code == 403 or logged not in page.context["cl"].result_list
    assert PSEUDONYM not in page.content.decode()
    assert client.get(f"/admin/directory/identityread/{logged.pk}/change/").status_code in (302, 403, 404)


def test_nobody_changes_or_deletes_the_log_in_the_admin(client, organization, logged):
    root = factories.UserFactory(organization=organization, is_superuser=True, username="root")
    verified_login(client, root)
    address = f"/admin/directory/identityread/{logged.pk}"
    assert client.get(f"{address}/change/").status_code == 200  # read, read-only
    assert client.post(f"{address}/change/", {"room": "export"}).status_code == 403
    assert client.post(f"{address}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/directory/identityread/add/").status_code == 403
    logged.refresh_from_db()
    assert logged.room == IdentityRead.Room.API


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda reads: reads.update(room=IdentityRead.Room.EXPORT),
        lambda reads: reads.update(reader_username="someone else"),
        lambda reads: reads.update(person=factories.PersonFactory()),
        lambda reads: reads.delete(),
    ],
    ids=["room", "reader", "person", "delete"],
)
def test_the_database_refuses_to_rewrite_the_log(logged, rewrite):
    with pytest.raises(DatabaseError, match="pgtrigger"), transaction.atomic():
        rewrite(IdentityRead.objects.filter(pk=logged.pk))
    assert IdentityRead.objects.filter(pk=logged.pk, room=IdentityRead.Room.API).exists()


def test_a_deleted_person_leaves_their_pseudonym_in_the_log(logged, witness):
    witness.delete()
    logged.refresh_from_db()
    assert (logged.person, logged.pseudonym) == (None, PSEUDONYM)
