"""The people already in the directory a person being added looks like (core/duplicates.py): a
similar name, and the same state when both name one. Compared by the name everyone sees, the
pseudonym of a protected person, never a sealed real name."""

from django.db.models import Q

from core import duplicates
from core.access import policy_for
from directory.models import Person


def people_like(*, user, record: Person, data) -> list[Person]:
    # The directory is read whole (names and states only): a name folded of its accents cannot
    # be searched for in the database without the unaccent extension.
    candidates = policy_for(Person).scope(user).exclude(pk=record.pk).only("name", "state_id")
    if record.state_id:
        candidates = candidates.filter(Q(state_id=record.state_id) | Q(state__isnull=True))
    return duplicates.alike_by_name(candidates, record.name)


duplicates.declare(Person, people_like)
