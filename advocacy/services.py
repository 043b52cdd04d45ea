"""Every write to outreach records goes through here."""

from django.db import transaction
from django.utils import timezone

from advocacy.models import FollowUp, SideEvent
from advocacy.rules import check_side_event_cosponsors


@transaction.atomic
def mark_follow_ups_done(*, follow_ups, user) -> int:
    """Close the open follow-ups among `follow_ups` (already limited to the user's own)."""
    return follow_ups.filter(status=FollowUp.Status.OPEN).update(
        status=FollowUp.Status.DONE, completed_on=timezone.localdate()
    )


@transaction.atomic
def record_side_event(
    *, author, fields: dict, cosponsors, organizers, speakers=(), delegations=()
) -> SideEvent:
    check_side_event_cosponsors(
        location=fields.get("location", SideEvent.Location.UN_HEADQUARTERS), cosponsors=cosponsors
    )
    side_event = SideEvent.objects.create(owner=author.organization, **fields)
    side_event.cosponsors.set(cosponsors)
    side_event.organizers.set(organizers)
    side_event.speakers.set(speakers)
    side_event.delegations_present.set(delegations)
    return side_event
