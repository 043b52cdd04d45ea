"""Every write of the desk: a user's visits to their home, and their calendar feed's secret.
Views call these; each goes through the model's `Writes` (core/services.py), which asks the
access policy."""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from core.services import Writes
from desk.models import CalendarFeed, HomeVisit

# A user's first home shows what changed in the week before: "since your last visit" has no start.
FIRST_VISIT_LOOKS_BACK = datetime.timedelta(days=7)

home_visit_writes = Writes(HomeVisit)
calendar_feed_writes = Writes(CalendarFeed)


@transaction.atomic
def open_home(*, user, since: datetime.datetime | None = None) -> datetime.datetime:
    """Note that `user` opened their home now, and return when they had opened it before: what
    changed after that is theirs to see. `since`, the boundary this session already showed, is
    kept as it is (a reload must not empty the list of changes)."""
    now = timezone.now()
    visit = HomeVisit.objects.filter(user=user).first() or HomeVisit()
    previous = visit.last_visit_at or now - FIRST_VISIT_LOOKS_BACK
    home_visit_writes.save(author=user, record=visit, data={"last_visit_at": now})
    return since or previous


@transaction.atomic
def renew_calendar_feed(*, user) -> str:
    """Give `user` a calendar feed with a new secret, revoking the one they had: returns the
    secret, which is stored only as its hash, so this is the one time it can be shown."""
    revoke_calendar_feed(user=user)
    token = secrets.token_urlsafe(32)
    calendar_feed_writes.save(
        author=user, record=CalendarFeed(), data={"token_hash": CalendarFeed.hash_of(token)}
    )
    return token


@transaction.atomic
def revoke_calendar_feed(*, user) -> bool:
    """Stop `user`'s live calendar feed answering: its URL becomes a 404. False if none was live."""
    feed = CalendarFeed.objects.live().filter(user=user).first()
    if feed is None:
        return False
    calendar_feed_writes.save(author=user, record=feed, data={"revoked_at": timezone.now()})
    return True
