"""The whip count: how each state is expected to vote on a campaign's resolution, why, and how
sure we are; the totals that follow, by regional group, and the campaign's thresholds against them.

Each state's call is a probability for each choice, from the layers of evidence there are
(intelligence/layers.py): its vote in committee on the same draft this session, a recent stance,
its co-sponsorship of the draft, its votes on the series, its regional group's pattern, or nothing.
The totals' 80% interval comes from those probabilities (intelligence/tally.py). A projection reads
a fixed number of queries, however many states vote.
"""

import datetime
from dataclasses import dataclass, replace

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from advocacy.models import Stance
from campaigns.models import Campaign, Threshold
from core.access import policy_for
from intelligence import layers, tally
from intelligence.layers import DEFAULT_WEIGHTS, Call, Weights
from intelligence.record import (
    SeriesRecord,
    attendance_of,
    attendance_then_of,
    series_record,
    with_attendance,
)
from intelligence.thresholds import ThresholdCall, evaluate_threshold
from unrecord.models import MemberState, Resolution, Sponsorship, VoteChoice

CHOICES = [choice.value for choice in VoteChoice]
TALLIED = [VoteChoice.YES.value, VoteChoice.NO.value, VoteChoice.ABSTAIN.value]  # the UN prints their counts
CONFIDENT = 0.7  # a call at least this sure is a firm one: no swing unless it moved


@dataclass(frozen=True)
class ProjectedVote:
    """One state's projected vote: a probability for each choice (Y, N, A, and X for absent or
    not voting), the layer of evidence it comes from, why, and why it moved lately if it did."""

    state_id: int
    iso3: str
    name: str
    group_code: str | None
    group_name: str | None
    probabilities: dict[str, float]  # "Y", "N", "A", "X": each >= 0, summing to 1
    basis: str  # "committee", "stance", "cosponsor", "history", "group" or "no_data"
    reason: str  # one sentence a manager reads
    moved: str | None = None  # fresh evidence disagreeing with the state's latest vote, else None

    @property
    def vote(self) -> str:
        """The most probable choice; ties go to the milder call (abstain, yes, no, absent)."""
        return layers.most_probable(self.probabilities)

    @property
    def confidence(self) -> float:
        return self.probabilities[self.vote]

    @property
    def is_confident(self) -> bool:
        return self.confidence >= CONFIDENT


@dataclass(frozen=True)
class Totals:
    """The expected count of each option (the sum of the states' probabilities for it) and its 80%
    interval: the 10th and 90th percentiles of the count, from each state's probabilities and a
    shared swing that moves states together (`tally.count_interval`)."""

    expected: dict[str, float]
    low: dict[str, int]
    high: dict[str, int]

    @classmethod
    def of(cls, calls: list, *, weights: Weights = DEFAULT_WEIGHTS, swing: float | None = None) -> "Totals":
        """`calls`: anything with `.probabilities` (a ProjectedVote, a baseline's call); `swing`:
        the series' own (`series_swing`), by default `weights.swing`."""
        swing = weights.swing if swing is None else swing
        expected, low, high = {}, {}, {}
        for choice in CHOICES:
            column = [call.probabilities.get(choice, 0.0) for call in calls]
            expected[choice] = round(sum(column), 1)
            low[choice], high[choice] = tally.count_interval(column, swing=swing)
        return cls(expected=expected, low=low, high=high)


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
    calls: list[ProjectedVote]
    totals: Totals
    by_group: list[GroupTotals]
    thresholds: list[ThresholdCall]
    swing: float = DEFAULT_WEIGHTS.swing  # the series' own, that widened the intervals (`series_swing`)

    def call_for(self, iso3: str) -> ProjectedVote | None:
        return next((call for call in self.calls if call.iso3 == iso3), None)


def project_vote(
    *,
    campaign: Campaign,
    vote_on: Resolution | None = None,
    as_of: datetime.date | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    shared_only: bool = False,
) -> Projection:
    """Project the vote on `vote_on` (by default the campaign's latest resolution) from what was
    known on `as_of` (by default today): stances recorded until then (only those the campaign's
    organization shares with partners when `shared_only`: see `shows_shared_stances_only`), roll
    calls held until then, and the states that are members then. Five queries at most (one more
    when `vote_on` comes without its session loaded)."""
    as_of = as_of or timezone.localdate()
    vote_on = vote_on or campaign_resolution(campaign)
    series_id = campaign.series_id or (vote_on.series_id if vote_on else None)
    record = series_record(series_id=series_id, before=as_of + datetime.timedelta(days=1))
    target_session = _target_session(vote_on, record)
    states = voting_states(
        as_of,
        attendance_days=weights.attendance_days,
        series_last_roll_call_on=record.last_roll_call_on,
        sponsoring=vote_on,
    )
    calls = project_states(
        states=states,
        stances=current_stances(campaign=campaign, vote_on=vote_on, as_of=as_of, shared_only=shared_only),
        record=record,
        target_session=target_session,
        as_of=as_of,
        weights=weights,
        sponsors=sponsors_of(states),
        vote_on=vote_on,
    )
    swing = series_swing(record=record, states=states, target_session=target_session, weights=weights)
    totals = Totals.of(calls, weights=weights, swing=swing)
    return Projection(
        campaign_id=campaign.pk,
        resolution_id=vote_on.pk if vote_on else None,
        as_of=as_of,
        target_session=target_session,
        calls=calls,
        totals=totals,
        by_group=totals_by_group(calls, weights=weights, swing=swing),
        thresholds=[evaluate_threshold(t, totals) for t in thresholds_about(campaign, vote_on)],
        swing=swing,
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
    sponsoring: Resolution | None = None,
) -> list[MemberState]:
    """The states with a seat on `as_of`, with their group (observers do not vote) and their
    attendance at the roll calls of the `attendance_days` days before `roll_calls_before` (by
    default those held until `as_of`, as the record is read) and, given the day of the series'
    last roll call, before that day; given a resolution they may be sponsoring, whether they do
    (`sponsors_of`). One query."""
    before = roll_calls_before or as_of + datetime.timedelta(days=1)
    states = MemberState.objects.members_on(as_of).select_related("regional_group")
    if sponsoring is not None:
        states = with_sponsorship(states, sponsoring, as_of=as_of)
    return list(with_attendance(states, before=before, days=attendance_days, then=series_last_roll_call_on))


def shows_shared_stances_only(user, campaign: Campaign) -> bool:
    """Whether `user` reads the campaign's figures as a partner does: from the stances its
    organization shares only. A stance is the organization's own record (its policy says who sees
    it), so a partner shown a shared campaign must not read an unshared stance off its projection.
    Asks the policy whether the user holds the organization's stances; no query."""
    return not policy_for(Stance).holds(user, Stance(owner_id=campaign.owner_id))


def current_stances(
    *, campaign: Campaign, vote_on: Resolution | None, as_of: datetime.date, shared_only: bool = False
) -> dict[int, Stance]:
    """{state id: its latest stance recorded by `as_of` among those the campaign sees (its
    organization's, on its resolutions or series; only those shared with partners when
    `shared_only`)}, in one query. Voting on `vote_on`, only a stance on that resolution or on the
    series counts: one on another year's text does not, nor, for a campaign rolled over from last
    session's, one recorded before it started (history, not current)."""
    stances = Stance.objects.seen_by_campaign(campaign).this_session_of(campaign).filter(as_of__lte=as_of)
    if shared_only:
        stances = stances.filter(shared_with_partners=True)
    if vote_on is not None:
        stances = stances.on_vote(vote_on, series_id=campaign.series_id)
    return {stance.state_id: stance for stance in stances.latest_per_state()}


def with_sponsorship(states: QuerySet, vote_on: Resolution, *, as_of: datetime.date) -> QuerySet:
    """`states`, each annotated with whether it co-sponsors `vote_on` on `as_of` (joined by then,
    or on a day not recorded, and not withdrawn by then) and the day it joined: read by
    `sponsors_of`. In the states' own query: a probe of the one-sponsorship-per-state index each."""
    sponsorship = Sponsorship.objects.filter(resolution=vote_on, state=OuterRef("pk")).filter(
        Q(joined_on__isnull=True) | Q(joined_on__lte=as_of),
        Q(withdrew_on__isnull=True) | Q(withdrew_on__gt=as_of),
    )
    return states.annotate(
        is_sponsor=Exists(sponsorship), sponsor_joined_on=Subquery(sponsorship.values("joined_on")[:1])
    )


def sponsors_of(states: list[MemberState]) -> dict[int, datetime.date | None]:
    """{state id: the day it joined} for the co-sponsors among `states` read `with_sponsorship`."""
    return {state.pk: state.sponsor_joined_on for state in states if getattr(state, "is_sponsor", False)}


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
    sponsors: dict[int, datetime.date | None] | None = None,
    vote_on: Resolution | None = None,
) -> list[ProjectedVote]:
    """Each state's call, from every layer with evidence (see intelligence/layers.py); no queries.
    `sponsors`: {state id: the day it joined} for the co-sponsors of `vote_on` on `as_of`."""
    target = target_session if target_session is not None else (record.latest_session() or 0) + 1
    history = record.for_session(target)
    weighted = {
        state_id: layers.weighted_votes(votes, target_session=target, weights=weights)
        for state_id, votes in history.items()
    }
    by_group = layers.group_shares(weighted, record.group_of)
    committee = _committee_votes(record, target, vote_on)
    season = _Season(stances, sponsors or {}, committee, vote_on.symbol if vote_on else "", as_of)
    groups = {state.regional_group_id: state.regional_group for state in states if state.regional_group_id}
    group_calls = {
        group_id: layers.call_from_group(by_group.get(group_id, {}), group.name, weights=weights)
        for group_id, group in groups.items()
    }
    calls = []
    for state in states:
        base = _record_call(
            votes=history.get(state.pk, []),
            counts=weighted.get(state.pk),
            group_call=group_calls.get(state.regional_group_id),
            attendance=attendance_of(state),
            attendance_then=attendance_then_of(state),
            weights=weights,
        )
        latest = history[state.pk][-1] if state.pk in history else None
        calls.append(_projected(state, season.call(state.pk, base, latest, target, weights)))
    return calls


def series_swing(
    *, record: SeriesRecord, states: list[MemberState], target_session: int | None, weights: Weights
) -> float:
    """How far the series' states move together (`tally.swing_from_residuals`), from its own last
    roll calls before `target_session` (`series_residuals`); no queries. Without such roll calls,
    `weights.swing`."""
    residuals = series_residuals(record=record, states=states, target_session=target_session, weights=weights)
    return tally.swing_from_residuals(residuals, prior=weights.swing, prior_pairs=weights.swing_prior_pairs)


def series_residuals(
    *, record: SeriesRecord, states: list[MemberState], target_session: int | None, weights: Weights
) -> list[tuple[float, float]]:
    """The series' last `weights.swing_sessions` roll calls before `target_session`, each projected
    from the ones before it as the backtest would (the record's layers, attendance aside: today's
    says little of a past session's): per roll call and option Y, N, A, the recorded count minus
    the expected one and the count's variance were the states independent."""
    sessions = sorted({vote.session for votes in record.votes.values() for vote in votes})
    if target_session is not None:
        sessions = [session for session in sessions if session < target_session]
    members = {state.pk: state for state in states}
    past_weights = replace(weights, chronic_absence=None)
    residuals = []
    for session in sessions[1:][-weights.swing_sessions :]:  # the first has nothing before it
        residuals += _residuals(record, members, session, past_weights)
    return residuals


def _residuals(record: SeriesRecord, members: dict, session: int, weights: Weights) -> list:
    """(recorded count - expected count, independent variance) of Y, N and A on `session`'s roll
    call, projected from the sessions before for the states with a seat today that voted on it
    and on the series before: a state new to the series is no bloc moving (its group's pattern
    stands for it), and dozens of them at once would read as a swing of the whole Assembly."""
    recorded = {
        state_id: votes[-1].choice
        for state_id, all_votes in record.votes.items()
        if state_id in members
        if len(votes := [vote for vote in all_votes if vote.session <= session]) > 1
        and votes[-1].session == session
    }
    before = SeriesRecord(
        votes={
            state_id: earlier
            for state_id, votes in record.votes.items()
            if (earlier := [vote for vote in votes if vote.session < session])
        },
        group_of=record.group_of,
    )
    calls = project_states(
        states=[members[state_id] for state_id in recorded],
        stances={},
        record=before,
        target_session=session,
        as_of=datetime.date.min,
        weights=weights,
    )
    residuals = []
    for choice in TALLIED:
        column = [call.probabilities[choice] for call in calls]
        count = sum(1 for vote in recorded.values() if vote == choice)
        residuals.append((count - sum(column), sum(p * (1 - p) for p in column)))
    return residuals


def _committee_votes(record: SeriesRecord, session: int, vote_on: Resolution | None) -> dict:
    """{state id: its committee vote on the draft voted on, this session}."""
    votes = record.committee.get(session, {})
    if vote_on is None:
        return votes
    return {state_id: vote for state_id, vote in votes.items() if vote.resolution_id == vote_on.pk}


def _record_call(*, votes, counts, group_call, attendance, attendance_then, weights) -> Call:
    """The record's call: the state's history on the series, else its group's, else no data."""
    prior = group_call.probabilities if group_call else layers.UNIFORM
    call = None
    if votes:
        call = layers.call_from_history(
            votes,
            counts,
            prior=prior,
            weights=weights,
            attendance=attendance,
            attendance_then=attendance_then,
        )
    return call or group_call or layers.NO_DATA


@dataclass(frozen=True)
class _Season:
    """The season's evidence on the draft: stances, co-sponsors and committee votes, per state."""

    stances: dict[int, Stance]
    sponsors: dict[int, datetime.date | None]
    committee: dict
    symbol: str
    as_of: datetime.date

    def call(self, state_id: int, base: Call, latest, target: int, weights: Weights) -> Call:
        """`base` with the state's evidence folded over it, strongest first. Once the plenary has
        voted (the state's `latest` vote is of the `target` session), the vote speaks: the
        committee's vote and co-sponsorship say no more (a stance recorded since still does)."""
        evidence = []
        voted = latest is not None and latest.session >= target
        if not voted and (vote := self.committee.get(state_id)) is not None:
            evidence.append(layers.committee_evidence(vote, weights))
        stance = self.stances.get(state_id)
        stance = stance if stance is not None and layers.stance_is_recent(stance, self.as_of) else None
        said = layers.stance_evidence(stance, self.as_of) if stance is not None else None
        if said is not None:
            evidence.append(said)
        elif stance is not None:
            base = layers.undecided(base, stance, weights)
        # A co-sponsor votes yes unless it says otherwise.
        if not voted and state_id in self.sponsors and (said is None or said.vote == layers.Y):
            evidence.append(layers.cosponsor_evidence(self.sponsors[state_id], self.symbol, weights))
        return layers.with_evidence(base, evidence, latest)


def _projected(state: MemberState, call: Call) -> ProjectedVote:
    group = state.regional_group
    return ProjectedVote(
        state_id=state.pk,
        iso3=state.iso3,
        name=state.common_name,
        group_code=group.code if group else None,
        group_name=group.name if group else None,
        probabilities=call.probabilities,
        basis=call.basis,
        reason=call.reason,
        moved=call.moved,
    )


def totals_by_group(
    calls: list[ProjectedVote], *, weights: Weights = DEFAULT_WEIGHTS, swing: float | None = None
) -> list[GroupTotals]:
    """Totals per regional group, by group name; states in no group last, under "none"."""
    groups: dict[tuple, list[ProjectedVote]] = {}
    for call in calls:
        groups.setdefault((call.group_name is None, call.group_name, call.group_code), []).append(call)
    return [
        GroupTotals(
            code or "none",
            name or "No regional group",
            Totals.of(members, weights=weights, swing=swing),
            len(members),
        )
        for (_, name, code), members in sorted(
            groups.items(), key=lambda item: (item[0][0], item[0][1] or "")
        )
    ]
