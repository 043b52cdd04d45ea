"""Rules about outreach that both the admin's forms and the services apply."""

from django.core.exceptions import ValidationError

from advocacy.models import SideEvent
from campaigns.selectors import latest_resolution


def check_side_event_cosponsors(*, location: str | None, cosponsors) -> None:
    """At UN Headquarters an NGO cannot book a room itself: a member state must sponsor it."""
    if location == SideEvent.Location.UN_HEADQUARTERS and not list(cosponsors):
        raise ValidationError(
            {"cosponsors": "An event at UN Headquarters needs at least one co-sponsoring member state."}
        )


def check_state_met(*, state, states_met) -> None:
    """A stance said at a meeting is the stance of a state met there."""
    if state is not None and state not in set(states_met):
        raise ValidationError(
            {"state": f"{state} is not among the states met at this meeting: add it to them first."}
        )


def meeting_subjects(*, resolutions, campaigns) -> list[tuple]:
    """What a meeting was about, as (resolution, series) pairs: each of its resolutions, else
    for each of its campaigns the campaign's series or, without one, its latest resolution."""
    if resolutions:
        return [(resolution, None) for resolution in resolutions]
    subjects = []
    for campaign in campaigns:
        subject = (None, campaign.series) if campaign.series_id else (latest_resolution(campaign), None)
        if subject != (None, None) and subject not in subjects:
            subjects.append(subject)
    return subjects


def subject_said_at_meeting(*, resolutions, campaigns) -> tuple:
    """The (resolution, series) a stance said at a meeting is about when it names neither: the
    meeting's one subject. With none, or several, the stance must name its own."""
    subjects = meeting_subjects(resolutions=list(resolutions), campaigns=list(campaigns))
    if len(subjects) == 1:
        return subjects[0]
    problem = (
        "The meeting is about several resolutions"
        if subjects
        else "The meeting names no resolution, and its campaigns no series or resolution"
    )
    raise ValidationError({"resolution": f"{problem}: name the resolution or series this stance is on."})
