"""After the vote: per state, what the campaign wanted, what the state had said, what we projected
the day before, and how it voted; which targets and thresholds were met, which stances held."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from advocacy.models import Stance
from campaigns.models import Campaign, Target, Threshold
from intelligence.layers import VOTE_FOR_POSITION
from intelligence.projection import Projection, Totals, campaign_resolution, current_stances, project_vote
from intelligence.selectors import decisive_vote_event
from unrecord.models import Resolution, VoteChoice, VoteEvent

HELD, BROKE, ABSENT = "held", "broke", "absent"


@dataclass(frozen=True)
class AftermathRow:
    iso3: str
    name: str
    regional_group: str | None
    is_target: bool
    wanted_vote: str | None
    priority: int | None
    stance_position: str | None  # the latest stance recorded before the day of the vote
    stance_as_of: datetime.date | None
    stance_vote: str | None  # the vote that stance pointed to (None: undecided, no position)
    projected_vote: str | None  # as projected the day before the vote
    projected_confidence: float | None
    projected_basis: str | None
    actual_vote: str | None
    target_met: bool | None
    stance_outcome: str | None  # held, broke, absent; None without a stance pointing to a vote
    projection_correct: bool | None


@dataclass(frozen=True)
class ThresholdOutcome:
    threshold_id: int
    label: str
    vote_event_id: int | None  # the vote it was judged on
    met: bool | None  # None: no such vote, or its totals are unknown


@dataclass(frozen=True)
class Aftermath:
    resolution_id: int
    vote_event_id: int
    vote_date: datetime.date
    body: str
    rows: list[AftermathRow]
    thresholds: list[ThresholdOutcome]
    projected_totals: Totals
    actual_totals: dict[str, int]

    def _count(self, attribute: str, value) -> int:
        return sum(1 for row in self.rows if getattr(row, attribute) == value)

    @property
    def targets_met(self) -> int:
        return self._count("target_met", True)

    @property
    def targets_missed(self) -> int:
        return self._count("target_met", False)

    @property
    def stances(self) -> dict[str, int]:
        return {outcome: self._count("stance_outcome", outcome) for outcome in (HELD, BROKE, ABSENT)}

    @property
    def projection_accuracy(self) -> float | None:
        scored = [row.projection_correct for row in self.rows if row.projection_correct is not None]
        return sum(scored) / len(scored) if scored else None


def campaign_aftermath(*, campaign: Campaign, resolution: Resolution | None = None) -> Aftermath | None:
    """How the campaign fared on `resolution` (by default its latest) once its decisive vote
    (intelligence.selectors.decisive_vote_event) is on record; None before that. A fixed number
    of queries."""
    resolution = resolution or campaign_resolution(campaign)
    vote_event = decisive_vote_event(resolution)
    if vote_event is None:
        return None
    eve = vote_event.date - datetime.timedelta(days=1)
    projection = project_vote(campaign=campaign, vote_on=resolution, as_of=eve)
    actual = dict(vote_event.votes.values_list("state_id", "choice"))
    targets = {t.state_id: t for t in Target.objects.filter(campaign=campaign)}
    stances = current_stances(campaign=campaign, vote_on=resolution, as_of=eve)
    return Aftermath(
        resolution_id=resolution.pk,
        vote_event_id=vote_event.pk,
        vote_date=vote_event.date,
        body=vote_event.body.code,
        rows=_rows(projection, actual, targets, stances),
        thresholds=threshold_outcomes(campaign=campaign, resolution=resolution, decisive=vote_event),
        projected_totals=projection.totals,
        actual_totals={choice: Counter(actual.values())[choice] for choice in VoteChoice.values},
    )


def _rows(projection: Projection, actual: dict, targets: dict[int, Target], stances: dict[int, Stance]):
    rows = []
    for call in projection.calls:
        target, stance, vote = (
            targets.get(call.state_id),
            stances.get(call.state_id),
            actual.get(call.state_id),
        )
        stance_vote = VOTE_FOR_POSITION.get(stance.position) if stance else None
        rows.append(
            AftermathRow(
                iso3=call.iso3,
                name=call.name,
                regional_group=call.group_code,
                is_target=target is not None,
                wanted_vote=target.wanted_vote if target else None,
                priority=target.priority if target else None,
                stance_position=stance.position if stance else None,
                stance_as_of=stance.as_of if stance else None,
                stance_vote=stance_vote,
                projected_vote=call.vote,
                projected_confidence=call.confidence,
                projected_basis=call.basis,
                actual_vote=vote,
                target_met=None if target is None or vote is None else vote == target.wanted_vote,
                stance_outcome=_stance_outcome(stance_vote, vote),
                projection_correct=None if vote is None else call.vote == vote,
            )
        )
    return rows


def _stance_outcome(stance_vote: str | None, vote: str | None) -> str | None:
    if stance_vote is None or vote is None:
        return None
    if vote == VoteChoice.NON_VOTING:
        return ABSENT
    return HELD if vote == stance_vote else BROKE


def threshold_outcomes(
    *, campaign: Campaign, resolution: Resolution, decisive: VoteEvent
) -> list[ThresholdOutcome]:
    """Each threshold about `resolution` judged on its own vote: an amendment's threshold on the
    vote on that amendment, a body's on that body's vote on the draft as a whole, any other on
    the decisive vote. Two queries."""
    events = list(
        VoteEvent.objects.filter(Q(resolution=resolution) | Q(amendment__resolution=resolution))
        .select_related("body")
        .order_by("-date", "-id")
    )
    thresholds = campaign.thresholds.filter(
        Q(resolution=resolution) | Q(resolution__isnull=True, amendment__resolution=resolution)
    ).select_related("body", "amendment__resolution")
    outcomes = []
    for threshold in thresholds:
        event = _vote_for(threshold, events, decisive)
        met = threshold.is_met_by(event) if event is not None else None
        outcomes.append(ThresholdOutcome(threshold.pk, str(threshold), event.pk if event else None, met))
    return outcomes


def _vote_for(threshold: Threshold, events: list[VoteEvent], decisive: VoteEvent) -> VoteEvent | None:
    if threshold.kind == Threshold.Kind.AMENDMENT_DEFEATED:
        return next((e for e in events if e.amendment_id == threshold.amendment_id), None)
    if threshold.body_id is None:
        return decisive
    drafts = (e for e in events if e.kind == VoteEvent.Kind.WHOLE_DRAFT and e.amendment_id is None)
    return next((e for e in drafts if e.body_id == threshold.body_id), None)
