"""Fixtures shared by the whole suite: organizations, users of each role, clients."""

from collections import Counter

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.missions import add_missing_missions
from directory.models import Organization, User
from directory.two_factor import services as two_factor
from tests import factories
from unrecord.models import MemberState

MEMORY_CACHE = "django.core.cache.backends.locmem.LocMemCache"


def pytest_configure(config):
    """Plenary's cache is the database's table (or Redis): the suite keeps it in the test process's
    memory instead, so that the query counts tests pin are the app's own, and a module may read the
    API while it is collected. tests/core/test_redis_down.py tests the shared caches."""
    override_settings(CACHES={**settings.CACHES, "default": {"BACKEND": MEMORY_CACHE}}).enable()


def pytest_collection_modifyitems(items):
    """Refuse two tests with one node id: pytest-xdist reports them as one, so all but one would
    vanish from the count without passing or failing."""
    shared = [node_id for node_id, count in Counter(item.nodeid for item in items).items() if count > 1]
    if shared:
        raise pytest.UsageError(f"{len(shared)} node ids are shared by several tests, e.g. {shared[0]}")
    _refuse_transactions_without_serialized_rollback(items)


def _refuse_transactions_without_serialized_rollback(items):
    """A test on a real transaction ends by emptying the database, and Django then makes content
    types afresh under new ids, unless it restores them (serialized_rollback): a later test on its
    worker that restores them would collide with those. So every such test restores them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid} runs on a real transaction without serialized_rollback=True"
            )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Users are made by the hundred here: hashing each password the production way (0.4 s a
    user) would be most of the suite's time. Logins still check real hashes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organization(db):
    return factories.OrganizationFactory(name="North Korea Human Rights Watchers")


@pytest.fixture
def partner_organization(db, organization):
    partner = factories.OrganizationFactory(name="Partner Rights Network")
    factories.PartnershipFactory(proposer=organization, partner=partner)
    return partner


@pytest.fixture
def other_organization(db):
    return factories.OrganizationFactory(name="Unrelated Advocacy Group")


def _user(organization, role, username):
    return factories.UserFactory(organization=organization, role=role, username=username)


@pytest.fixture
def staff_user(organization):
    return _user(organization, User.Role.STAFF, "staff")


@pytest.fixture
def analyst_user(organization):
    return _user(organization, User.Role.ANALYST, "analyst")


@pytest.fixture
def manager_user(organization):
    return _user(organization, User.Role.MANAGER, "manager")


@pytest.fixture
def partner_user(partner_organization):
    return _user(partner_organization, User.Role.MANAGER, "partner")


@pytest.fixture
def outsider_user(other_organization):
    return _user(other_organization, User.Role.MANAGER, "outsider")


@pytest.fixture
def record_keeper(organization):
    """A manager also given the explicit permission to keep the public UN record."""
    keeper = _user(organization, User.Role.MANAGER, "keeper")
    keeper.user_permissions.add(
        Permission.objects.get(codename="keep_record", content_type__app_label="unrecord")
    )
    return User.objects.get(pk=keeper.pk)  # without the cached permissions of before


@pytest.fixture
def keeper_client(client, record_keeper):
    client.force_login(record_keeper)
    return client


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def verified_login(client, user) -> TOTPDevice:
    """Log `client` in as `user` with a second factor passed, as the code page leaves a session
    (an authenticator app is set up for them first if they have none). Users who may see
    protected identities see them only so."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device, _ = two_factor.enrol(user=user, key=two_factor.new_key())
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's superuser client, with the second factor every superuser must pass."""
    verified_login(client, admin_user)
    return client


def passed_second_factor(user):
    """Mark `user` (a service's author, a policy's subject: no request) as having passed a second
    factor, as OTPMiddleware marks a verified session's request.user."""
    user.otp_device = TOTPDevice(user=user)
    user.is_verified = lambda: True
    return user


@pytest.fixture(autouse=True)
def reference_data(request):
    """Tests on a real transaction (a live server, a Celery worker, a restored dump) end by
    emptying every table, the reference data that migrations loaded with them: a test that reads
    the database finds it back, whatever ran before it on its worker."""
    if request.node.get_closest_marker("django_db") is None and "db" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db" if _is_transactional(request) else "db")
    ContentType.objects.clear_cache()  # a flush recreates content types under new ids
    if not Permission.objects.exists():
        for app_config in apps.get_app_configs():
            create_contenttypes(app_config, verbosity=0)
            create_permissions(app_config, verbosity=0)
    if not MemberState.objects.exists():
        call_command("load_reference_data", verbosity=0)
        add_missing_missions(Organization=Organization, MemberState=MemberState)  # as migrated


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and bool(marker.kwargs.get("transaction"))
    return transactional or bool({"transactional_db", "live_server"} & set(request.fixturenames))
