"""The whip count: how each state is expected to vote on a campaign's resolution, why, and how
sure we are; the totals that follow, by regional group, and the campaign's thresholds against them.

Each state's call comes from the first layer that has evidence (intelligence/layers.py): its
recent stance in the campaign, its votes on the campaign's series, its regional group's pattern,
or nothing. A projection reads a fixed number of queries, however many states vote.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone

from advocacy.models import Stance
from campaigns.models import Campaign, Threshold
from intelligence import layers
from intelligence.layers import DEFAULT_WEIGHTS, Call, Weights
from intelligence.record import (
    SeriesRecord,
    attendance_of,
    attendance_then_of,
    series_record,
    with_attendance,
)
from intelligence.thresholds import ThresholdCall, evaluate_threshold
from unrecord.models import MemberState, Resolution, VoteChoice

CHOICES = [choice.value for choice in VoteChoice]
CONFIDENT = 0.7  # a call at least this sure counts in the floor of its option


@dataclass(frozen=True)
class StateCall:
    """One state's projected vote (Y, N, A, or X for "likely absent"), with why and how sure."""

    state_id: int
    iso3: str
    name: str
    group_code: str | None
    group_name: str | None
    vote: str
    confidence: float
    basis: str  # "stance", "history", "group" or "no_data"
    reason: str

    @property
    def is_confident(self) -> bool:
        return self.confidence >= CONFIDENT


@dataclass(frozen=True)
class Totals:
    """Expected count per option, with a range: the floor counts only confident calls for the
    option, the ceiling adds every unsure call for another option that could swing to it."""

    expected: dict[str, int]
    low: dict[str, int]
    high: dict[str, int]

    @classmethod
    def of(cls, calls: list[StateCall]) -> "Totals":
        expected = Counter(call.vote for call in calls)
        confident = Counter(call.vote for call in calls if call.is_confident)
        unsure = len(calls) - sum(confident.values())
        return cls(
            expected={choice: expected[choice] for choice in CHOICES},
            low={choice: confident[choice] for choice in CHOICES},
            high={choice: confident[choice] + unsure for choice in CHOICES},
        )


@dataclass(frozen=True)
class GroupTotals:
    code: str
    name: str
    totals: Totals
    states: int


@dataclass(frozen=True)
class Projection:
    campaign_id: int
    resolution_id: int | None
    as_of: datetime.date
    target_session: int | None
    calls: list[StateCall]
    totals: Totals
    by_group: list[GroupTotals]
    thresholds: list[ThresholdCall]

    def call_for(self, iso3: str) -> StateCall | None:
        return next((call for call in self.calls if call.iso3 == iso3), None)


def project_vote(
    *,
    campaign: Campaign,
    vote_on: Resolution | None = None,
    as_of: datetime.date | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Projection:
    """Project the vote on `vote_on` (by default the campaign's latest resolution) from what was
    known on `as_of` (by default today): stances recorded until then, roll calls held until then,
    and the states that are members then. Five queries at most (one more when `vote_on` comes
    without its session loaded)."""
    as_of = as_of or timezone.localdate()
    vote_on = vote_on or campaign_resolution(campaign)
    series_id = campaign.series_id or (vote_on.series_id if vote_on else None)
    record = series_record(series_id=series_id, before=as_of + datetime.timedelta(days=1))
    target_session = _target_session(vote_on, record)
    calls = project_states(
        states=voting_states(
            as_of, attendance_days=weights.attendance_days, series_last_roll_call_on=record.last_roll_call_on
        ),
        stances=current_stances(campaign=campaign, vote_on=vote_on, as_of=as_of),
        record=record,
        target_session=target_session,
        as_of=as_of,
        weights=weights,
    )
    totals = Totals.of(calls)
    return Projection(
        campaign_id=campaign.pk,
        resolution_id=vote_on.pk if vote_on else None,
        as_of=as_of,
        target_session=target_session,
        calls=calls,
        totals=totals,
        by_group=totals_by_group(calls),
        thresholds=[evaluate_threshold(t, totals) for t in thresholds_about(campaign, vote_on)],
    )


def campaign_resolution(campaign: Campaign) -> Resolution | None:
    """The resolution a campaign works on now: its latest (a campaign may list last year's too)."""
    return (
        campaign.resolutions.select_related("session")
        .order_by(F("session__number").desc(nulls_last=True), F("adopted_on").desc(nulls_last=True), "-id")
        .first()
    )


def voting_states(
    as_of: datetime.date,
    *,
    roll_calls_before: datetime.date | None = None,
    attendance_days: int = DEFAULT_WEIGHTS.attendance_days,
    series_last_roll_call_on: datetime.date | None = None,
) -> list[MemberState]:
    """The states with a seat on `as_of`, with their group (observers do not vote) and their
    attendance at the roll calls of the `attendance_days` days before `roll_calls_before` (by
    default those held until `as_of`, as the record is read) and, given the day of the series'
    last roll call, before that day. One query."""
    before = roll_calls_before or as_of + datetime.timedelta(days=1)
    states = MemberState.objects.members_on(as_of).select_related("regional_group")
    return list(with_attendance(states, before=before, days=attendance_days, then=series_last_roll_call_on))


def current_stances(
    *, campaign: Campaign, vote_on: Resolution | None, as_of: datetime.date
) -> dict[int, Stance]:
    """{state id: its latest stance in the campaign recorded by `as_of`}, in one query; a stance
    about another of the campaign's resolutions does not count for this one."""
    stances = Stance.objects.filter(campaign=campaign, as_of__lte=as_of)
    if vote_on is not None:
        stances = stances.filter(Q(resolution__isnull=True) | Q(resolution=vote_on))
    return {stance.state_id: stance for stance in stances.current()}


def _target_session(vote_on: Resolution | None, record: SeriesRecord) -> int | None:
    if vote_on is not None and vote_on.session_id is not None:
        return vote_on.session.number
    latest = record.latest_session()
    return latest + 1 if latest is not None else None


def thresholds_about(campaign: Campaign, vote_on: Resolution | None) -> list[Threshold]:
    """The campaign's thresholds that a projection of `vote_on` speaks to: about the draft,
    about an amendment to it, or about no resolution at all."""
    thresholds = campaign.thresholds.select_related("body", "amendment__resolution")
    if vote_on is not None:
        thresholds = thresholds.filter(
            Q(resolution=vote_on)
            | Q(resolution__isnull=True, amendment__resolution=vote_on)
            | Q(resolution__isnull=True, amendment__isnull=True)
        )
    return list(thresholds)


def project_states(
    *,
    states: list[MemberState],
    stances: dict[int, Stance],
    record: SeriesRecord,
    target_session: int | None,
    as_of: datetime.date,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[StateCall]:
    """Each state's call, from the first layer with evidence; no queries."""
    target = target_session if target_session is not None else (record.latest_session() or 0) + 1
    weighted = {
        state_id: layers.weighted_votes(votes, target_session=target, weights=weights)
        for state_id, votes in record.votes.items()
    }
    by_group = layers.group_shares(weighted, record.group_of)
    calls = []
    for state in states:
        group = state.regional_group
        call = _call(
            stance=stances.get(state.pk),
            votes=record.votes.get(state.pk, []),
            counts=weighted.get(state.pk),
            group_shares=by_group.get(group.pk, {}) if group else {},
            group_name=group.name if group else None,
            attendance=attendance_of(state),
            attendance_then=attendance_then_of(state),
            target_session=target,
            as_of=as_of,
            weights=weights,
        )
        calls.append(_state_call(state, call))
    return calls


def _call(
    *,
    stance,
    votes,
    counts,
    group_shares,
    group_name,
    attendance,
    attendance_then,
    target_session,
    as_of,
    weights,
) -> Call:
    recent = stance if stance is not None and layers.stance_is_recent(stance, as_of) else None
    if recent is not None and (call := layers.call_from_stance(recent, as_of)) is not None:
        return call
    call = None
    if votes:
        call = layers.call_from_history(
            votes,
            counts,
            target_session=target_session,
            weights=weights,
            attendance=attendance,
            attendance_then=attendance_then,
        )
    call = call or layers.call_from_group(group_shares, group_name, weights=weights) or layers.NO_DATA
    if recent is None:
        return call
    # Undecided or no position said recently: the record still guides, less surely.
    return Call(
        call.vote,
        round(call.confidence * layers.UNDECIDED_PENALTY, 3),
        call.basis,
        f"{layers.describe_stance(recent)}; {layers.lower_first(call.reason)}",
    )


def _state_call(state: MemberState, call: Call) -> StateCall:
    group = state.regional_group
    return StateCall(
        state_id=state.pk,
        iso3=state.iso3,
        name=state.common_name,
        group_code=group.code if group else None,
        group_name=group.name if group else None,
        vote=call.vote,
        confidence=call.confidence,
        basis=call.basis,
        reason=call.reason,
    )


def totals_by_group(calls: list[StateCall]) -> list[GroupTotals]:
    """Totals per regional group, by group name; states in no group last, under "none"."""
    groups: dict[tuple, list[StateCall]] = {}
    for call in calls:
        groups.setdefault((call.group_name is None, call.group_name, call.group_code), []).append(call)
    return [
        GroupTotals(code or "none", name or "No regional group", Totals.of(members), len(members))
        for (_, name, code), members in sorted(
            groups.items(), key=lambda item: (item[0][0], item[0][1] or "")
        )
    ]
