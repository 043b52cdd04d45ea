"""Reads behind the dashboards: the campaigns a user may see, and one campaign as its managers look
at it. The intelligence layer (intelligence/) does the projecting and the scoring; what is here
gathers it with the record and the outreach, each part in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from advocacy.models import FollowUp, Meeting, Stance
from advocacy.selectors import follow_ups_of_campaign
from campaigns.models import Campaign
from campaigns.schedule import Schedule, campaigns_with_resolutions, vote_schedules
from dashboards.projected import ProjectedTotals, projected_totals
from intelligence import cache
from intelligence.aftermath import threshold_outcomes
from intelligence.coverage import Coverage, outreach_coverage
from intelligence.projection import campaign_resolution, shows_shared_stances_only
from intelligence.selectors import (
    ScoreboardRow,
    ScoreboardRows,
    campaign_scoreboard,
    decisive_vote_event,
    projection_day,
)
from intelligence.thresholds import ThresholdCall
from unrecord.models import MemberState, RecordedVote, RegionalGroup, Resolution, VoteEvent
from unrecord.selectors import tally_by_group
from unrecord.series_record import SeriesDecision, series_decisions

RECENT_MEETINGS = 10


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    return campaigns_with_resolutions(Campaign.objects.visible_to(user).select_related("owner", "series"))


def campaign_list(*, user, today: datetime.date) -> list[tuple[Campaign, Schedule]]:
    """The campaigns `user` may see, active first, each with its vote schedule; three queries."""
    status_order = {Campaign.Status.ACTIVE: 0, Campaign.Status.PLANNING: 1, Campaign.Status.CLOSED: 2}
    campaigns = sorted(campaigns_visible_to(user), key=lambda c: (status_order.get(c.status, 3), c.name))
    schedules = vote_schedules(campaigns, today=today)
    return [(campaign, schedules[campaign.pk]) for campaign in campaigns]


def regional_groups() -> list[RegionalGroup]:
    return list(RegionalGroup.objects.order_by("name"))


# The campaign page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThresholdRow:
    label: str
    projected: ThresholdCall | None  # against the projection; None: not projected
    outcome: bool | None  # met on the vote it was judged on; None: no such vote yet
    judged_on: VoteEvent | None


@dataclass(frozen=True)
class CampaignVotes:
    """The campaign's resolution and what was decided on it by `as_of`."""

    resolution: Resolution | None
    decisive: VoteEvent | None  # the vote that decides, once held
    events: list[VoteEvent]  # every vote on the draft and its amendments, held by `as_of`
    projection_as_of: datetime.date

    @property
    def held(self) -> bool:
        return self.decisive is not None


def campaign_votes(*, campaign: Campaign, as_of: datetime.date) -> CampaignVotes:
    """Three queries."""
    resolution = campaign_resolution(campaign)
    decisive = decisive_vote_event(resolution)
    events = []
    if resolution is not None:
        events = list(
            VoteEvent.objects.filter(Q(resolution=resolution) | Q(amendment__resolution=resolution))
            .filter(date__lte=as_of)
            .select_related("body", "amendment")
            .order_by("date", "body__parent_id", "id")
        )
    held = decisive if decisive is not None and decisive.date <= as_of else None
    return CampaignVotes(resolution, held, events, projection_day(decisive, as_of))


@dataclass(frozen=True)
class CampaignOverview:
    votes: CampaignVotes
    projection: ProjectedTotals
    thresholds: list[ThresholdRow]
    actual_by_group: list[dict]  # unrecord.selectors.tally_by_group of the decisive vote


def campaign_overview(*, campaign: Campaign, votes: CampaignVotes, rows: ScoreboardRows) -> CampaignOverview:
    """The projection the scoreboard's rows hold (as of the eve of the vote once held), the
    thresholds against it and, once held, against the vote; the recorded vote by regional group."""
    projection = projected_totals(
        rows=rows, campaign=campaign, resolution=votes.resolution, as_of=votes.projection_as_of
    )
    outcomes = {}
    if votes.held:
        outcomes = {
            outcome.threshold_id: outcome
            for outcome in threshold_outcomes(
                campaign=campaign, resolution=votes.resolution, decisive=votes.decisive
            )
        }
    by_id = {event.pk: event for event in votes.events}
    projected = {call.threshold_id: call for call in projection.thresholds}
    thresholds = [
        ThresholdRow(
            label=(projected.get(pk) or outcomes.get(pk)).label,
            projected=projected.get(pk),
            outcome=outcomes[pk].met if pk in outcomes else None,
            judged_on=by_id.get(outcomes[pk].vote_event_id) if pk in outcomes else None,
        )
        for pk in sorted(projected.keys() | outcomes.keys())
    ]
    by_group = tally_by_group(vote_event=votes.decisive) if votes.held else []
    return CampaignOverview(votes, projection, thresholds, by_group)


def scoreboard(*, campaign: Campaign, user, as_of: datetime.date) -> ScoreboardRows:
    """Every voting state's scoreboard row, from the stances `user` may see; today's from
    intelligence's cache, which every reader of the campaign (or every partner) shares."""
    shared_only = shows_shared_stances_only(user, campaign)
    if as_of == timezone.localdate():
        return cache.campaign_scoreboard_rows(campaign, shared_only=shared_only)
    return campaign_scoreboard(campaign=campaign, as_of=as_of, all_states=True, shared_only=shared_only)


@dataclass(frozen=True)
class CampaignStates:
    """Every state's row of the scoreboard, the targets' outreach coverage, and the outreach to
    look at: overdue follow-ups and recent meetings, as far as the user may see them."""

    rows: ScoreboardRows
    coverage: Coverage
    overdue: list[FollowUp]
    meetings: list[Meeting]


def campaign_states(*, campaign: Campaign, user, as_of: datetime.date) -> CampaignStates:
    rows = scoreboard(campaign=campaign, user=user, as_of=as_of)
    overdue = list(
        follow_ups_of_campaign(campaign, user)
        .overdue(today=as_of)
        .distinct()
        .select_related("assignee", "state", "meeting")
        .prefetch_related("meeting__states")
        .order_by("due_on", "id")
    )
    meetings = list(
        Meeting.objects.visible_to(user)
        .filter(campaigns=campaign, date__lte=as_of)
        .prefetch_related("states")
        .order_by("-date", "-id")[:RECENT_MEETINGS]
    )
    return CampaignStates(
        rows, outreach_coverage(campaign=campaign, user=user, as_of=as_of), overdue, meetings
    )


# The charts beside the record -------------------------------------------------------------------


@dataclass(frozen=True)
class StanceChange:
    date: datetime.date
    iso3: str
    name: str
    before: str | None
    after: str
    evidence: str


@dataclass(frozen=True)
class StanceTimeline:
    """How many states held each position after each day a stance was recorded."""

    dates: list[datetime.date]
    counts: list[dict[str, int]]  # one per date: {position: states}
    changes: list[StanceChange]


def stance_timeline(*, campaign: Campaign, user, as_of: datetime.date) -> StanceTimeline:
    """The stances the campaign sees that `user` may see (a partner: the shared ones). One query."""
    rows = (
        Stance.objects.visible_to(user)
        .seen_by_campaign(campaign)
        .filter(as_of__lte=as_of)
        .values_list("state__iso3", "state__common_name", "as_of", "position", "evidence")
        .order_by("as_of", "id")
    )
    current: dict[str, str] = {}
    dates, counts, changes = [], [], []
    for iso3, name, day, position, evidence in rows:
        if current.get(iso3) != position:
            changes.append(StanceChange(day, iso3, name, current.get(iso3), position, evidence))
        current[iso3] = position
        if dates and dates[-1] == day:
            counts[-1] = _count(current)
        else:
            dates.append(day)
            counts.append(_count(current))
    return StanceTimeline(dates, counts, changes)


def _count(current: dict[str, str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for position in current.values():
        counts[position] = counts.get(position, 0) + 1
    return counts


@dataclass(frozen=True)
class SeriesHistory:
    """The campaign's series year by year: every decision on a draft as a whole (a roll call, or
    an adoption without a vote on record as such), and the resolutions adopted with no decision on
    record at all, which the UN's voting data (roll calls only) leaves out: adopted without a vote
    too, shown as such rather than as a gap."""

    events: list[VoteEvent]
    adopted_without_decision: list[Resolution]

    def __bool__(self) -> bool:
        return bool(self.events or self.adopted_without_decision)


def series_history(*, campaign: Campaign, as_of: datetime.date) -> SeriesHistory:
    """The series' decisions held by `as_of`, oldest first; two queries."""
    if campaign.series_id is None:
        return SeriesHistory([], [])
    drafts = VoteEvent.objects.filter(kind=VoteEvent.Kind.WHOLE_DRAFT)
    events = (
        drafts.filter(resolution__series_id=campaign.series_id, date__lte=as_of)
        .select_related("resolution__session", "session", "body")
        .order_by("date", "body__parent_id", "id")
    )
    undecided = ~Exists(drafts.filter(resolution=OuterRef("pk")))
    adopted = (
        Resolution.objects.filter(series_id=campaign.series_id, adopted_on__lte=as_of)
        .filter(undecided)
        .select_related("session")
        .order_by("adopted_on", "id")
    )
    return SeriesHistory(list(events), list(adopted))


# The state page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StateRecord:
    state: MemberState
    row: ScoreboardRow | None  # None: the state had no seat on the day
    target_rationale: str
    stances: list[Stance]
    series_votes: list["SeriesRow"]  # latest first, sessions adopted without a vote included
    meetings: list[Meeting]
    follow_ups: list[FollowUp]


@dataclass(frozen=True)
class SeriesRow:
    """A row of a state's table of the series: one of its recorded votes, or a session whose
    resolution was adopted without a vote, a row of its own rather than a gap."""

    date: datetime.date
    session_number: int | None
    body: str  # the body's short name; "" when the adoption is all that is on record
    on: str
    choice: str  # Y, N, A or X; "" when adopted without a vote
    choice_label: str
    totals: str


def series_rows(votes: list[RecordedVote], without_vote: list[SeriesDecision]) -> list[SeriesRow]:
    """The state's recorded votes and the decisions taken without a vote, latest first."""
    rows = [_vote_row(vote) for vote in votes] + [_without_vote_row(decision) for decision in without_vote]
    return sorted(rows, key=lambda row: row.date, reverse=True)  # stable: the votes keep their order


def _vote_row(vote: RecordedVote) -> SeriesRow:
    event = vote.vote_event
    on = event.resolution.symbol
    if event.amendment:
        on += f", {event.amendment}"
    elif event.kind != VoteEvent.Kind.WHOLE_DRAFT:
        on += f", {event.get_kind_display().lower()}"
    session = event.resolution.session
    return SeriesRow(
        event.date,
        session.number if session else None,
        event.body.short_name,
        on,
        vote.choice,
        vote.get_choice_display(),
        event.totals_label,
    )


def _without_vote_row(decision: SeriesDecision) -> SeriesRow:
    body = decision.body.short_name if decision.body else ""
    symbol = decision.resolution.symbol
    return SeriesRow(
        decision.date, decision.session_number, body, symbol, "", "Adopted without a vote", "without a vote"
    )


def state_record(*, campaign: Campaign, state: MemberState, user, as_of: datetime.date) -> StateRecord:
    """Everything about one state for `campaign`, as far as `user` may see it; a fixed number of
    queries, however many meetings and people."""
    row = next(
        (r for r in scoreboard(campaign=campaign, user=user, as_of=as_of) if r.iso3 == state.iso3),
        None,
    )
    target = campaign.targets.filter(state=state).first()
    stances = list(
        Stance.objects.visible_to(user)
        .seen_by_campaign(campaign)
        .filter(state=state, as_of__lte=as_of)
        .select_related("meeting", "vote_event__body", "resolution", "series", "recorded_by")
        .order_by("-as_of", "-id")
    )
    series_votes = []
    if campaign.series_id is not None:
        series_votes = list(
            RecordedVote.objects.filter(
                state=state, vote_event__resolution__series_id=campaign.series_id, vote_event__date__lte=as_of
            )
            .select_related("vote_event__body", "vote_event__resolution__session", "vote_event__amendment")
            .order_by("-vote_event__date", "vote_event__body__parent_id", "-vote_event_id")
        )
        decisions = series_decisions(series_id=campaign.series_id, until=as_of)
        series_votes = series_rows(series_votes, [d for d in decisions if d.without_vote])
    meetings = list(
        Meeting.objects.visible_to(user)
        .filter(campaigns=campaign, states=state, date__lte=as_of)
        .select_related("owner")
        .prefetch_related("representatives", "attendees", "partner_organizations")
        .order_by("-date", "-id")
    )
    follow_ups = list(
        follow_ups_of_campaign(campaign, user)
        .filter(Q(state=state) | Q(state__isnull=True, meeting__states=state))
        .distinct()
        .select_related("assignee", "meeting")
        .order_by("due_on", "id")
    )
    follow_ups.sort(key=lambda follow_up: follow_up.status != FollowUp.Status.OPEN)  # open ones first
    return StateRecord(
        state, row, target.rationale if target else "", stances, series_votes, meetings, follow_ups
    )
