"""The campaign scoreboard: per state, what the campaign wants, what the state said, what we
project and how it voted; and the campaign's projection as its readers see it: the tally, the
thresholds and the swing list. Rows are plain dataclasses (`dataclasses.asdict` serializes them).
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import F
from django.utils import timezone

from campaigns.models import Campaign, Target
from intelligence.projection import Projection, Totals, campaign_resolution, current_stances, project_vote
from intelligence.swing import SWING_LIMIT, Swing, swing_list
from intelligence.thresholds import ThresholdCall
from unrecord.models import MemberState, Resolution, VoteEvent

if TYPE_CHECKING:
    from intelligence.projection import ProjectedVote


def decisive_vote_event(resolution: Resolution | None) -> VoteEvent | None:
    """The vote that decides a draft: its vote as a whole in plenary (a body that is no other's
    committee) if there is one, else its latest vote as a whole anywhere (e.g. in committee, for
    a draft the plenary has not taken up yet); the latest if a body voted twice. Votes on
    amendments, paragraphs and motions never decide. One query."""
    if resolution is None:
        return None
    return (
        VoteEvent.objects.filter(resolution=resolution, kind=VoteEvent.Kind.WHOLE_DRAFT)
        .select_related("body")
        .order_by(F("body__parent_id").asc(nulls_first=True), "-date", "-id")
        .first()
    )


def projection_day(vote_event: VoteEvent | None, as_of: datetime.date) -> datetime.date:
    """A projection stands until the vote: once it is held, the projection shown is the one of
    the day before (a projection made later would only read the vote back)."""
    if vote_event is not None and vote_event.date <= as_of:
        return vote_event.date - datetime.timedelta(days=1)
    return as_of


@dataclass(frozen=True)
class ScoreboardRow:
    iso3: str
    name: str
    regional_group: str | None  # the group's code, e.g. "AFRICAN"
    regional_group_name: str | None
    is_target: bool
    wanted_vote: str | None  # Y, N or A
    priority: int | None  # 1 high, 2 medium, 3 low
    priority_label: str | None
    stance_position: str | None  # advocacy.models.Position value
    stance_as_of: datetime.date | None
    stance_evidence: str | None  # meeting, statement, vote or judgement
    stance_confidence: str | None  # high, medium or low
    call: "ProjectedVote | None"  # None: a target without a seat on the day
    actual_vote: str | None  # Y, N, A or X, once the decisive vote is recorded
    target_met: bool | None  # None until the vote is recorded (or when not a target)


class ScoreboardRows(list):
    """A scoreboard's rows, and how far the series' states move together (`Projection.swing`),
    which the totals counted from the rows need for the same 80% interval as the projection's."""

    def __init__(self, rows=(), *, swing: float):
        super().__init__(rows)
        self.swing = swing


def campaign_scoreboard(
    *,
    campaign: Campaign,
    as_of: datetime.date | None = None,
    all_states: bool = False,
    shared_only: bool = False,
) -> ScoreboardRows:
    """One row per targeted state (high priority first), or per state with a seat on `as_of`
    too when `all_states`; in a fixed number of queries (nine at most) whatever the number of
    states. Stances are the latest recorded by `as_of` (default today), those shared with
    partners only when `shared_only` (`shows_shared_stances_only`); the actual vote is the
    campaign resolution's decisive vote (`decisive_vote_event`) if held by `as_of`."""
    as_of = as_of or timezone.localdate()
    resolution = campaign_resolution(campaign)
    vote_event = decisive_vote_event(resolution)
    day = projection_day(vote_event, as_of)
    projection = project_vote(campaign=campaign, vote_on=resolution, as_of=day, shared_only=shared_only)
    held = vote_event is not None and vote_event.date <= as_of
    actual = dict(vote_event.votes.values_list("state_id", "choice")) if held else {}
    stances = current_stances(campaign=campaign, vote_on=resolution, as_of=as_of, shared_only=shared_only)
    targets = list(
        Target.objects.filter(campaign=campaign)
        .select_related("state__regional_group")
        .order_by("priority", "state__common_name")
    )
    rows = [_row(t.state, t, stances.get(t.state_id), projection, actual) for t in targets]
    if all_states:
        targeted = {target.state_id for target in targets}
        states = {call.state_id: call for call in projection.calls if call.state_id not in targeted}
        rows += [_untargeted_row(call, stances.get(call.state_id), actual) for call in _by_name(states)]
    return ScoreboardRows(rows, swing=projection.swing)


def _by_name(calls: dict[int, "ProjectedVote"]) -> list["ProjectedVote"]:
    return sorted(calls.values(), key=lambda call: call.name)


def _row(state: MemberState, target: Target, stance, projection: Projection, actual: dict) -> ScoreboardRow:
    group = state.regional_group
    vote = actual.get(state.pk)
    return ScoreboardRow(
        iso3=state.iso3,
        name=state.common_name,
        regional_group=group.code if group else None,
        regional_group_name=group.name if group else None,
        is_target=True,
        wanted_vote=target.wanted_vote,
        priority=target.priority,
        priority_label=target.get_priority_display(),
        **_stance_fields(stance),
        call=projection.call_for(state.iso3),
        actual_vote=vote,
        target_met=None if vote is None else vote == target.wanted_vote,
    )


def _untargeted_row(call: "ProjectedVote", stance, actual: dict) -> ScoreboardRow:
    return ScoreboardRow(
        iso3=call.iso3,
        name=call.name,
        regional_group=call.group_code,
        regional_group_name=call.group_name,
        is_target=False,
        wanted_vote=None,
        priority=None,
        priority_label=None,
        **_stance_fields(stance),
        call=call,
        actual_vote=actual.get(call.state_id),
        target_met=None,
    )


def _stance_fields(stance) -> dict:
    return {
        "stance_position": stance.position if stance else None,
        "stance_as_of": stance.as_of if stance else None,
        "stance_evidence": stance.evidence if stance else None,
        "stance_confidence": stance.confidence if stance else None,
    }


# The projection as its readers see it ---------------------------------------------------------


@dataclass(frozen=True)
class ProjectionSummary:
    as_of: datetime.date  # the day projected: the eve of the vote once it is held
    resolution_id: int | None
    totals: Totals
    thresholds: list[ThresholdCall]
    swing: list[Swing]


def campaign_projection_summary(
    *,
    campaign: Campaign,
    as_of: datetime.date | None = None,
    swing_limit: int = SWING_LIMIT,
    shared_only: bool = False,
) -> ProjectionSummary:
    """The projection the scoreboard shows on `as_of` (default today): its tally, the thresholds
    against it and the swing list, targets first when equally uncertain. A fixed number of
    queries: the resolution, its decisive vote, the projection's and the targets."""
    as_of = as_of or timezone.localdate()
    resolution = campaign_resolution(campaign)
    day = projection_day(decisive_vote_event(resolution), as_of)
    projection = project_vote(campaign=campaign, vote_on=resolution, as_of=day, shared_only=shared_only)
    targets = Target.objects.filter(campaign=campaign).values_list("state__iso3", flat=True)
    return ProjectionSummary(
        as_of=day,
        resolution_id=projection.resolution_id,
        totals=projection.totals,
        thresholds=projection.thresholds,
        swing=swing_list(projection.calls, targets=list(targets), limit=swing_limit),
    )
