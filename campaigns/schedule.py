"""When a campaign votes: its resolution's last recorded vote, and its next one (read by the
dashboards and by each user's desk).

Plenary records votes once they are held, so the date of the next one is expected from the series'
calendar: each body votes on a recurring resolution at about the same time every session (the
Third Committee in November, the plenary in December), so the body's latest vote on the series is
moved to the session of the campaign's resolution. Dates found that way are marked as expected.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.db.models.functions import Coalesce

from campaigns.models import Campaign
from unrecord.models import Resolution, VoteEvent


@dataclass(frozen=True)
class VoteDate:
    date: datetime.date
    body: str  # the body's short name, e.g. "Third Committee"
    expected: bool  # True: from the series' calendar; False: the vote is on record
    totals: str = ""  # e.g. "116-20-53", for a vote on record
    result: str = ""


@dataclass(frozen=True)
class Schedule:
    resolution: Resolution | None
    last_vote: VoteDate | None
    next_vote: VoteDate | None
    today: datetime.date

    @property
    def days_to_next_vote(self) -> int | None:
        return (self.next_vote.date - self.today).days if self.next_vote else None

    @property
    def days_since_last_vote(self) -> int | None:
        return (self.today - self.last_vote.date).days if self.last_vote else None


def campaigns_with_resolutions(campaigns):
    """`campaigns` with their resolutions (and the resolutions' sessions) fetched up front."""
    return campaigns.prefetch_related(
        Prefetch("resolutions", queryset=Resolution.objects.select_related("session"))
    )


def latest_resolution(campaign: Campaign) -> Resolution | None:
    """As intelligence.projection.campaign_resolution, from resolutions already fetched."""
    resolutions = list(campaign.resolutions.all())
    return max(
        resolutions,
        key=lambda r: (r.session.number if r.session else -1, r.adopted_on or datetime.date.min, r.pk),
        default=None,
    )


def vote_schedules(campaigns: list[Campaign], *, today: datetime.date) -> dict[int, Schedule]:
    """{campaign id: its schedule}, for campaigns fetched with `campaigns_with_resolutions`; two
    queries, however many campaigns."""
    resolutions = {campaign.pk: latest_resolution(campaign) for campaign in campaigns}
    ids = [resolution.pk for resolution in resolutions.values() if resolution]
    recorded: dict[int, list[VoteEvent]] = {}
    for event in (
        VoteEvent.objects.filter(resolution_id__in=ids).select_related("body").order_by("date", "id")
    ):
        recorded.setdefault(event.resolution_id, []).append(event)
    calendar = _series_calendar({campaign.series_id for campaign in campaigns if campaign.series_id})
    return {
        campaign.pk: _schedule(
            resolutions[campaign.pk],
            recorded.get(getattr(resolutions[campaign.pk], "pk", None), []),
            calendar.get(campaign.series_id, []),
            today,
        )
        for campaign in campaigns
    }


def _series_calendar(series_ids: set[int]) -> dict[int, list[dict]]:
    """{series id: per body, its latest vote on a draft of the series as a whole}."""
    if not series_ids:
        return {}
    rows = (
        VoteEvent.objects.filter(resolution__series_id__in=series_ids, kind=VoteEvent.Kind.WHOLE_DRAFT)
        .annotate(session_number=Coalesce("session__number", "resolution__session__number"))
        .filter(session_number__isnull=False)
        .values("resolution__series_id", "body_id", "body__short_name", "session_number", "date")
        .order_by("resolution__series_id", "body_id", "-date")
        .distinct("resolution__series_id", "body_id")
    )
    calendar: dict[int, list[dict]] = {}
    for row in rows:
        calendar.setdefault(row["resolution__series_id"], []).append(row)
    return calendar


def _schedule(resolution, recorded: list[VoteEvent], calendar: list[dict], today) -> Schedule:
    held = [event for event in recorded if event.date <= today]
    last = held[-1] if held else None
    coming = [event for event in recorded if event.date > today]
    if coming:
        next_vote = _on_record(coming[0])
    else:
        next_vote = _expected(resolution, {event.body_id for event in held}, calendar)
    return Schedule(resolution, _on_record(last) if last else None, next_vote, today)


def _on_record(event: VoteEvent) -> VoteDate:
    return VoteDate(
        event.date, event.body.short_name, expected=False, totals=event.totals_label, result=event.result
    )


def _expected(resolution, bodies_voted: set[int], calendar: list[dict]) -> VoteDate | None:
    """The earliest vote still to come on `resolution`, from the series' calendar: a body that has
    already voted on it this session is done."""
    if not calendar:
        return None
    latest_session = max(row["session_number"] for row in calendar)
    session = resolution.session.number if resolution and resolution.session else latest_session + 1
    dates = [
        VoteDate(_years_later(row["date"], session - row["session_number"]), row["body__short_name"], True)
        for row in calendar
        if row["body_id"] not in bodies_voted and session > row["session_number"]
    ]
    return min(dates, key=lambda vote: vote.date, default=None)


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
