"""Fixtures shared by the whole suite: organizations, users of each role, clients."""

import pytest

from directory.models import User
from tests import factories


@pytest.fixture
def organization(db):
    return factories.OrganizationFactory(name="North Korea Human Rights Watchers")


@pytest.fixture
def partner_organization(db, organization):
    partner = factories.OrganizationFactory(name="Partner Rights Network")
    organization.partners.add(partner)
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
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
