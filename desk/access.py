"""The desk's rows belong to one user each: only that user sees and writes them (a superuser
sees them all, as everywhere). No role permission is needed: they are the user's own."""

from core.access import Policy, declare
from desk.models import CalendarFeed, HomeVisit


class PersonalPolicy(Policy):
    """Rows with a `user`: theirs alone."""

    def may(self, user, action: str) -> bool:
        return bool(user and user.is_authenticated and user.is_active)

    def scope(self, user, queryset=None):
        queryset = super().scope(user, queryset)
        return queryset if user.is_superuser else queryset.filter(user_id=user.pk)

    def holds(self, user, record) -> bool:
        return record.user_id == user.pk

    def claim(self, user, record) -> None:
        record.user_id = record.user_id or user.pk

    def locked_fields(self, user, record=None):
        # Whose row it is is never chosen: `claim` stamps the user writing it.
        return frozenset({"user"})


declare(HomeVisit, PersonalPolicy())
declare(CalendarFeed, PersonalPolicy())
