"""Rules about outreach that both the admin's forms and the services apply."""

from django.core.exceptions import ValidationError

from advocacy.models import SideEvent


def check_side_event_cosponsors(*, location: str | None, cosponsors) -> None:
    """At UN Headquarters an NGO cannot book a room itself: a member state must sponsor it."""
    if location == SideEvent.Location.UN_HEADQUARTERS and not list(cosponsors):
        raise ValidationError(
            {"cosponsors": "An event at UN Headquarters needs at least one co-sponsoring member state."}
        )
