"""A protected witness, shared by the admin and API tests of protected identities."""

import pytest

from tests import factories

REAL_NAME = "Hye Sook Kim"


@pytest.fixture
def witness(organization):
    person = factories.PersonFactory(
        name="Witness A (Camp 18 survivor)",
        category="witness",
        is_protected=True,
        protected_by=organization,
        recorded_by=organization,
    )
    factories.PersonIdentityFactory(person=person, real_name=REAL_NAME, owner=organization)
    return person
