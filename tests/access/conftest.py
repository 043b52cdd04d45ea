"""Fixtures of the access matrix: the owner of each relation's record."""

import pytest

from tests.access import matrix


@pytest.fixture
def owners(organization, partner_organization, other_organization):
    """Each relation's owner, and whether it shares the record with its partners. The stranger
    shares its record too: with its own partners, of which we are not one."""
    return {
        matrix.OWN: (organization, False),
        matrix.PARTNER_SHARED: (partner_organization, True),
        matrix.PARTNER_UNSHARED: (partner_organization, False),
        matrix.STRANGERS: (other_organization, True),
        matrix.UNOWNED: (other_organization, True),
    }
