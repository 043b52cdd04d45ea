"""Reads of the directory: organizations, people and the protected identities behind pseudonyms."""

from core.access import policy_for
from directory.models import Organization, Person, PersonIdentity


def organizations(user):
    return policy_for(Organization).scope(user).select_related("state")


def people(user):
    """Everyone, by the name they are shown under: a protected person's pseudonym."""
    return policy_for(Person).scope(user).select_related("organization", "state")


def identity_visible_to(user, *, person_id: int) -> PersonIdentity | None:
    """The real identity behind a pseudonym, for a user holding the explicit permission, and
    only from their organization's (or a partner's shared) records; None otherwise."""
    if not user.can_see_protected_identities():
        return None
    return policy_for(PersonIdentity).scope(user).select_related("person").filter(person_id=person_id).first()
