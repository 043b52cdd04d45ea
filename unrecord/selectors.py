"""Reads of the public UN record for use cases: which state a voting record's code means, and when."""

import datetime
from collections.abc import Iterable

from django.db.models import Q

from unrecord.models import MemberState, StateCodeAlias


def _aliases_valid_on(day: datetime.date):
    return StateCodeAlias.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
    ).select_related("state")


def state_for_code(code: str, on_date: datetime.date) -> MemberState:
    """The state a voting record's `code` stands for on `on_date`.

    An alias valid on the date wins over a state with that ISO code, because voting data keeps
    old codes for successor seats: YUG is Serbia after 2000-11-01 although YUG is also the
    former Yugoslavia. Raises MemberState.DoesNotExist for a code nothing answers to.
    """
    alias = _aliases_valid_on(on_date).filter(code=code).first()
    if alias is not None:
        return alias.state
    return MemberState.objects.get(iso3=code)


def states_by_code(codes: Iterable[str], on_date: datetime.date) -> dict[str, MemberState]:
    """`state_for_code` for a whole roll call in two queries. Codes nothing answers to are left
    out, so the caller can report them."""
    codes = set(codes)
    found = {state.iso3: state for state in MemberState.objects.filter(iso3__in=codes)}
    found |= {alias.code: alias.state for alias in _aliases_valid_on(on_date).filter(code__in=codes)}
    return found
