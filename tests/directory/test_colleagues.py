"""Managers add colleagues to their own organization, set their role and deactivate them in the admin."""

import pytest
from django.contrib.auth.models import Permission

from directory.models import User
from tests import factories

pytestmark = pytest.mark.django_db

USERS = "/admin/directory/user/"
GRANTS = ["view_personidentity", "keep_record"]


def _change(client, colleague, **typed):
    """Post the colleague's change form as the admin serves it to a manager, with `typed` typed in
    (a box left out is unticked, as a browser sends it)."""
    posted = {"username": colleague.username, "first_name": "", "last_name": "", "email": "",
              "is_active": "on", "role": colleague.role}  # fmt: skip
    posted |= typed
    return client.post(f"{USERS}{colleague.pk}/change/", {k: v for k, v in posted.items() if v is not None})


def _reloaded(user) -> User:
    return User.objects.get(pk=user.pk)


def _powers(user) -> tuple:
    user = _reloaded(user)
    return user.is_superuser, list(user.user_permissions.all()), list(user.groups.all())


def test_a_manager_adds_a_colleague_to_their_own_organization_whatever_is_posted(
    client, manager_user, organization, other_organization
):
    client.force_login(manager_user)
    assert client.get(f"{USERS}add/").status_code == 200
    password = "a long enough passphrase 42"
    response = client.post(
        f"{USERS}add/",
        {
            "username": "newcomer",
            "password1": password,
            "password2": password,
            "role": User.Role.ANALYST,
            "organization": other_organization.pk,
            "is_superuser": "on",
            "user_permissions": list(
                Permission.objects.filter(codename__in=GRANTS).values_list("pk", flat=True)
            ),
        },
    )
    assert response.status_code == 302
    newcomer = User.objects.get(username="newcomer")
    assert (newcomer.organization, newcomer.role) == (organization, User.Role.ANALYST)
    assert newcomer.is_active and newcomer.is_staff
    assert _powers(newcomer) == (False, [], [])


def test_a_manager_sets_a_colleagues_role_and_staff_status_follows_whether_they_are_active(
    client, manager_user, analyst_user
):
    client.force_login(manager_user)
    assert _change(client, analyst_user, role=User.Role.STAFF).status_code == 302
    assert (_reloaded(analyst_user).role, _reloaded(analyst_user).is_staff) == (User.Role.STAFF, True)
    assert _change(client, _reloaded(analyst_user), is_active=None).status_code == 302
    assert (_reloaded(analyst_user).is_active, _reloaded(analyst_user).is_staff) == (False, False)
    assert _change(client, _reloaded(analyst_user)).status_code == 302
    assert (_reloaded(analyst_user).is_active, _reloaded(analyst_user).is_staff) == (True, True)


def test_a_manager_neither_sees_nor_changes_another_organizations_users(
    client, manager_user, staff_user, outsider_user
):
    client.force_login(manager_user)
    listed = client.get(USERS).content.decode()
    assert staff_user.username in listed and outsider_user.username not in listed
    assert "doesn’t exist" in client.get(f"{USERS}{outsider_user.pk}/change/", follow=True).content.decode()
    _change(client, outsider_user, role=User.Role.STAFF, is_active=None)
    outsider = _reloaded(outsider_user)
    assert (outsider.role, outsider.is_active) == (User.Role.MANAGER, True)


@pytest.mark.parametrize("target", ["staff_user", "manager_user"])
def test_a_manager_makes_nobody_a_superuser_nor_grants_explicit_permissions(
    client, request, target, manager_user
):
    colleague = request.getfixturevalue(target)
    grants = [str(pk) for pk in Permission.objects.filter(codename__in=GRANTS).values_list("pk", flat=True)]
    client.force_login(manager_user)
    _change(client, colleague, is_superuser="on", is_staff="on", user_permissions=grants)
    assert _powers(colleague) == (False, [], [])


def test_the_organizations_last_active_manager_is_neither_demoted_nor_deactivated(
    client, manager_user, organization
):
    client.force_login(manager_user)
    for typed in ({"role": User.Role.STAFF}, {"is_active": None}):
        refused = _change(client, manager_user, **typed)
        assert refused.status_code == 200 and refused.context["adminform"].form.errors
        kept = _reloaded(manager_user)
        assert (kept.role, kept.is_active) == (User.Role.MANAGER, True)
    # With a second manager named, the first may step down.
    factories.UserFactory(organization=organization, role=User.Role.MANAGER, username="successor")
    assert _change(client, manager_user, role=User.Role.STAFF).status_code == 302
    assert _reloaded(manager_user).role == User.Role.STAFF


@pytest.mark.parametrize("role_user", ["staff_user", "analyst_user"])
def test_staff_and_analysts_do_not_manage_users(client, request, role_user, manager_user):
    client.force_login(request.getfixturevalue(role_user))
    assert client.get(f"{USERS}add/").status_code == 403
    password = "a long enough passphrase 42"
    added = {"username": "newcomer", "password1": password, "password2": password, "role": "staff"}
    assert client.post(f"{USERS}add/", added).status_code == 403
    assert _change(client, manager_user, role=User.Role.STAFF, is_active=None).status_code == 403
    assert not User.objects.filter(username="newcomer").exists()
    manager = _reloaded(manager_user)
    assert (manager.role, manager.is_active) == (User.Role.MANAGER, True)


def test_a_manager_cannot_manage_a_colleague_who_holds_what_the_manager_does_not(
    client, manager_user, organization
):
    # Resetting the password of a colleague who may read identities would be a way to them.
    director = factories.UserFactory(organization=organization, role=User.Role.MANAGER, username="director")
    director.user_permissions.add(Permission.objects.get(codename="view_personidentity"))
    client.force_login(manager_user)
    assert client.get(f"{USERS}{director.pk}/password/").status_code == 403
    assert _change(client, director, is_active=None).status_code == 403
    assert _reloaded(director).is_active
