"""Every write to outreach records: meetings, side events and their incidents, follow-ups,
stances. The admin, the API, commands and tasks all come through here."""

from django.db import transaction
from django.utils import timezone

from advocacy.models import FollowUp, Incident, Meeting, SideEvent, Stance
from advocacy.rules import check_side_event_cosponsors
from campaigns.freshness import figures_changed
from core.access import policy_for
from core.services import Writes


def _cosponsors_rule(*, author, record, stored, data) -> None:
    cosponsors = data["cosponsors"] if "cosponsors" in data else (stored.cosponsors.all() if stored else [])
    check_side_event_cosponsors(location=record.location, cosponsors=cosponsors)


def _stamp_recorder(*, author, record, stored, data) -> None:
    if stored is None:
        record.recorded_by = author


meeting_writes = Writes(Meeting)
side_event_writes = Writes(SideEvent, checks=(_cosponsors_rule,))
incident_writes = Writes(Incident)
follow_up_writes = Writes(FollowUp)
stance_writes = Writes(Stance, checks=(_stamp_recorder,), after=(figures_changed,))


def record_stance(*, author, data) -> Stance:
    """A state's position in a campaign as known on a day; the campaign's figures follow."""
    return stance_writes.save(author=author, record=Stance(), data=data)


@transaction.atomic
def mark_follow_ups_done(*, follow_ups, user) -> int:
    """Close the open follow-ups among `follow_ups` that the user may change (a partner's shared
    follow-up is theirs to close)."""
    policy = policy_for(FollowUp)
    closable = [f for f in follow_ups.filter(status=FollowUp.Status.OPEN) if policy.can_change(user, f)]
    done = {"status": FollowUp.Status.DONE, "completed_on": timezone.localdate()}
    for follow_up in closable:
        follow_up_writes.save(author=user, record=follow_up, data=done)
    return len(closable)
