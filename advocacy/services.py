"""Every write to outreach records goes through here."""

from django.db import transaction
from django.utils import timezone

from advocacy.models import FollowUp


@transaction.atomic
def mark_follow_ups_done(*, follow_ups, user) -> int:
    """Close the open follow-ups among `follow_ups` that the user's organization owns (a
    partner's shared follow-up is theirs to close)."""
    return (
        follow_ups.owned_by(user)
        .filter(status=FollowUp.Status.OPEN)
        .update(status=FollowUp.Status.DONE, completed_on=timezone.localdate())
    )
