"""Every write to outreach records: meetings, side events and their incidents, follow-ups,
stances. The admin, the API, commands and tasks all come through here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from advocacy.models import FollowUp, Incident, Meeting, SideEvent, Stance
from advocacy.rules import check_side_event_cosponsors, check_state_met, subject_said_at_meeting
from advocacy.selectors import campaigns_concerned_by
from campaigns.freshness import campaign_inputs_changed
from core.access import policy_for
from core.services import Writes


def _cosponsors_rule(*, author, record, stored, data) -> None:
    cosponsors = data["cosponsors"] if "cosponsors" in data else (stored.cosponsors.all() if stored else [])
    check_side_event_cosponsors(location=record.location, cosponsors=cosponsors)


def _stamp_recorder(*, author, record, stored, data) -> None:
    if stored is None:
        record.recorded_by = author


def _said_at_meeting(*, author, record, stored, data) -> None:
    """A stance said at a meeting is a state met's, the meeting's owner's, on the meeting's
    subject unless it names its own; new, it is dated and shared as the meeting is."""
    if record.meeting_id is None:
        return
    meeting = record.meeting
    check_state_met(state=record.state if record.state_id else None, states_met=meeting.states.all())
    if record.resolution_id is None and record.series_id is None:
        record.resolution, record.series = subject_said_at_meeting(
            resolutions=meeting.resolutions.all(), campaigns=meeting.campaigns.select_related("series")
        )
    if stored is None:
        record.owner_id = meeting.owner_id
        record.as_of = data.get("as_of") or meeting.date
        record.evidence = data.get("evidence") or Stance.Evidence.MEETING
        record.shared_with_partners = data.get("shared_with_partners", meeting.shared_with_partners)


def _stance_figures_changed(*, record, stored=None) -> None:
    """The cached figures of every campaign the stance serves (before and after the change)."""
    concerned = [*campaigns_concerned_by(record), *(campaigns_concerned_by(stored) if stored else [])]
    campaign_inputs_changed(campaign_ids=concerned)


meeting_writes = Writes(Meeting)
side_event_writes = Writes(SideEvent, checks=(_cosponsors_rule,))
incident_writes = Writes(Incident)
follow_up_writes = Writes(FollowUp)
stance_writes = Writes(Stance, checks=(_stamp_recorder, _said_at_meeting), after=(_stance_figures_changed,))


def record_stance(*, author, data) -> Stance:
    """A state's position on a resolution or series as the author's organization knows it on a
    day; the figures of its campaigns on that subject follow."""
    return stance_writes.save(author=author, record=Stance(), data=data)


@transaction.atomic
def record_meeting(
    *, author, record: Meeting, data, stances: list[dict] | None = None, follow_ups: list[dict] | None = None
) -> Meeting:
    """Create `record` (unsaved) or change it with `data` and, given `stances`, make the stances
    said at it exactly those: one entry per state met (and subject), each {state, position,
    confidence?, resolution?, series?, note?}. A stance already said at the meeting by that state
    on that subject is changed, a new one added, one no longer given deleted. `follow_ups` are
    written with it (see _record_follow_ups). All or nothing."""
    meeting = meeting_writes.save(author=author, record=record, data=data)
    if stances is not None:
        _record_stances_said(author=author, meeting=meeting, stances=stances)
    if follow_ups:
        _record_follow_ups(author=author, meeting=meeting, follow_ups=follow_ups)
    return meeting


def _record_follow_ups(*, author, meeting: Meeting, follow_ups: list[dict]) -> None:
    """Each entry is a follow-up's fields {description, assignee, due_on, status?, ...}, with
    "follow_up": the follow-up of this meeting it changes (else it adds one), and "delete": True
    to delete that one instead. The follow-ups not named are left as they are."""
    errors = []
    for number, entry in enumerate(follow_ups, start=1):
        fields = {name: value for name, value in entry.items() if name not in ("follow_up", "delete")}
        follow_up = entry.get("follow_up") or FollowUp()
        try:
            _check_follow_up_of(meeting, follow_up)
            if entry.get("delete"):
                follow_up_writes.delete(author=author, record=follow_up)
            else:
                follow_up_writes.save(author=author, record=follow_up, data={**fields, "meeting": meeting})
        except ValidationError as error:
            errors += [
                f"Follow-up {number} ({entry.get('description', follow_up)}): {m}" for m in error.messages
            ]
    if errors:
        raise ValidationError({"follow_ups": errors})


def _check_follow_up_of(meeting: Meeting, follow_up: FollowUp) -> None:
    # The one to change must be this meeting's as stored, whatever the caller set on it.
    if follow_up.pk is not None and not FollowUp.objects.filter(pk=follow_up.pk, meeting=meeting).exists():
        raise ValidationError("This is not a follow-up of this meeting.")


def _record_stances_said(*, author, meeting: Meeting, stances: list[dict]) -> None:
    said = {_subject_key(stance): stance for stance in meeting.stances.all()}
    kept, errors = set(), []
    for number, entry in enumerate(stances, start=1):
        try:
            key = _subject_key_of_entry(meeting, entry)
            if key in kept:
                raise ValidationError("This state's stance on this subject is given twice.")
            kept.add(key)
            stance = said.get(key) or Stance(meeting=meeting)
            stance_writes.save(author=author, record=stance, data={**entry, "meeting": meeting})
        except ValidationError as error:
            errors += [f"Stance {number} ({entry.get('state')}): {message}" for message in error.messages]
    if errors:
        raise ValidationError({"stances": errors})
    for key, stance in said.items():
        if key not in kept:
            stance_writes.delete(author=author, record=stance)


def _subject_key(stance: Stance) -> tuple:
    return stance.state_id, stance.resolution_id, stance.series_id


def _subject_key_of_entry(meeting: Meeting, entry: dict) -> tuple:
    resolution, series = entry.get("resolution"), entry.get("series")
    if resolution is None and series is None:
        resolution, series = subject_said_at_meeting(
            resolutions=meeting.resolutions.all(), campaigns=meeting.campaigns.select_related("series")
        )
    state = entry.get("state")
    return getattr(state, "pk", state), getattr(resolution, "pk", resolution), getattr(series, "pk", series)


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
