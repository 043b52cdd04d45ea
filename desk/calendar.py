"""A user's private calendar feed (iCalendar, RFC 5545, built with the icalendar package): their
organization's meetings and side events, the follow-ups assigned to them, and the coming votes
of their campaigns, as the access policy lets them see each in the admin.

A feed leaves Plenary for a calendar service, so it carries little: what, when, where, who was
met (people by the name everyone sees: a protected person's pseudonym) and a link back. Never a
field the policy hides, nor the notes, summaries and commitments that only the admin shows.
Dates without a time are DATE values; a side event's time is its venue's, sent in UTC."""

import datetime
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from advocacy.models import FollowUp, Meeting, SideEvent
from core.access import policy_for
from desk.home import NextVote, campaigns_of, organization_records, upcoming_votes

PAST = datetime.timedelta(days=90)  # how far back the feed keeps what was held
SIDE_EVENT_LENGTH = datetime.timedelta(hours=1)  # the record has a start only
DAY = datetime.timedelta(days=1)
VENUE_ZONES = {
    SideEvent.Location.UN_HEADQUARTERS: "America/New_York",
    SideEvent.Location.PALAIS_DES_NATIONS: "Europe/Zurich",
}


class Feed:
    """The feed of one user: `link` turns a path of Plenary's into the absolute URL a calendar
    can open."""

    def __init__(self, user, *, today: datetime.date, link: Callable[[str], str]):
        self.user, self.today, self.link = user, today, link
        self.now = timezone.now()

    def calendar(self) -> Calendar:
        """The whole feed. A fixed number of queries (nine), however many rows."""
        calendar = Calendar()
        calendar.add("prodid", "-//Plenary//Calendar feed//EN")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", "Plenary")
        for event in [*self.meetings(), *self.side_events(), *self.follow_ups(), *self.votes()]:
            calendar.add_component(event)
        return calendar

    def meetings(self) -> list[Event]:
        meetings = organization_records(self.user, Meeting).filter(date__gte=self.today - PAST)
        meetings = meetings.prefetch_related("states", "representatives").order_by("date", "id")
        return [self._meeting(meeting) for meeting in meetings]

    def side_events(self) -> list[Event]:
        events = organization_records(self.user, SideEvent).filter(date__gte=self.today - PAST)
        return [
            self._side_event(e) for e in events.order_by("date", F("starts_at").asc(nulls_last=True), "id")
        ]

    def follow_ups(self) -> list[Event]:
        mine = (
            policy_for(FollowUp).scope(self.user).open().filter(assignee=self.user).order_by("due_on", "id")
        )
        return [self._follow_up(follow_up) for follow_up in mine]

    def votes(self) -> list[Event]:
        coming = upcoming_votes(list(campaigns_of(self.user)), today=self.today, rows=None)
        return [self._vote(vote) for vote in coming]

    # -- one event per record ------------------------------------------------------------------
    def _meeting(self, meeting: Meeting) -> Event:
        states = ", ".join(state.common_name for state in meeting.states.all())
        people = ", ".join(person.name for person in meeting.representatives.all())
        hidden = policy_for(Meeting).hidden_fields(self.user, meeting)
        lines = [f"With {people}" if people else "", f"Ask: {meeting.ask}" if "ask" not in hidden else ""]
        event = self._event(
            f"meeting-{meeting.pk}",
            f"Meeting: {states or meeting.place or 'no state named'}",
            path=reverse("admin:advocacy_meeting_change", args=[meeting.pk]),
            stamp=meeting.updated_at,
            lines=lines,
        )
        if meeting.place:
            event.add("location", meeting.place)
        return _all_day(event, meeting.date)

    def _side_event(self, side_event: SideEvent) -> Event:
        event = self._event(
            f"side-event-{side_event.pk}",
            f"Side event: {side_event.title}",
            path=reverse("admin:advocacy_sideevent_change", args=[side_event.pk]),
            stamp=side_event.updated_at,
        )
        event.add("location", ", ".join(filter(None, [side_event.venue, side_event.get_location_display()])))
        if side_event.starts_at is None:
            return _all_day(event, side_event.date)
        event.add("dtstart", _starts_at(side_event).astimezone(datetime.UTC))
        event.add("duration", SIDE_EVENT_LENGTH)
        return event

    def _follow_up(self, follow_up: FollowUp) -> Event:
        event = self._event(
            f"follow-up-{follow_up.pk}",
            f"Follow-up due: {follow_up.description}",
            path=reverse("admin:advocacy_followup_change", args=[follow_up.pk]),
            stamp=follow_up.updated_at,
        )
        return _all_day(event, follow_up.due_on)

    def _vote(self, vote: NextVote) -> Event:
        next_vote, campaign = vote.schedule.next_vote, vote.campaign
        expected = "Expected vote" if next_vote.expected else "Vote"
        event = self._event(
            f"vote-{campaign.pk}-{next_vote.date:%Y%m%d}",
            f"{expected}: {next_vote.body} ({campaign.name})",
            path=reverse("dashboards:campaign", args=[campaign.pk]),
            stamp=self.now,
            lines=[
                "Expected from the series' calendar: the date is not on record yet."
                if next_vote.expected
                else ""
            ],
        )
        return _all_day(event, next_vote.date)

    def _event(self, uid: str, summary: str, *, path: str, stamp, lines=()) -> Event:
        url = self.link(path)
        event = Event()
        event.add("uid", f"{uid}@plenary")
        event.add("summary", summary)
        event.add("dtstamp", stamp.astimezone(datetime.UTC))
        event.add("url", url)
        event.add("description", "\n".join(filter(None, [*lines, url])))
        return event


def _all_day(event: Event, day: datetime.date) -> Event:
    event.add("dtstart", day)
    event.add("dtend", day + DAY)
    event.add("transp", "TRANSPARENT")  # a day to remember, not time taken
    return event


def _starts_at(side_event: SideEvent) -> datetime.datetime:
    """When it starts, in the time of its venue (the record keeps the local time)."""
    zone = zoneinfo.ZoneInfo(VENUE_ZONES.get(side_event.location, settings.TIME_ZONE))
    return datetime.datetime.combine(side_event.date, side_event.starts_at, tzinfo=zone)
