"""Reads of a resolution series session by session: how each of its resolutions was decided, by
a recorded vote or without a vote, and how a state voted on each. A session whose resolution was
adopted without a vote is a row of its own, never a gap between the years with a roll call.

Selectors (see unrecord/selectors.py): they read, in a fixed number of queries.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import JSONField, Prefetch, QuerySet
from django.db.models.expressions import RawSQL

from unrecord import tables
from unrecord.models import Body, MemberState, RecordedVote, Resolution, ResolutionSeries, VoteEvent


@dataclass(frozen=True)
class SeriesDecision:
    """How one resolution of a series was decided, on its draft as a whole."""

    resolution: Resolution
    vote_event: VoteEvent | None  # None: adopted, and no decision on record
    without_vote: bool

    @property
    def date(self) -> datetime.date:
        return self.vote_event.date if self.vote_event else self.resolution.adopted_on

    @property
    def body(self) -> Body | None:
        return self.vote_event.body if self.vote_event else None

    @property
    def session_number(self) -> int | None:
        session = self.resolution.session
        return session.number if session else None


def _deciding_event(events: list[VoteEvent]) -> VoteEvent | None:
    """The plenary's decision on the draft as a whole, else its committee's; the latest of them."""
    plenary = [event for event in events if event.body.parent_id is None]
    chosen = plenary or events
    return max(chosen, key=lambda event: (event.date, event.pk)) if chosen else None


def series_decisions(*, series_id: int, until: datetime.date | None = None) -> list[SeriesDecision]:
    """Every resolution of the series decided by `until` (all when None), oldest first, with how:
    two queries.

    The rule: a resolution's deciding decision is its plenary's decision on the draft as a whole
    (a VoteEvent of kind "draft" with no amendment, in a body with no parent), or, when the
    plenary's is not on record, its committee's. The resolution was adopted without a vote when
    that decision's result is "adopted without a vote", or when no decision is on record but the
    resolution was adopted (adopted_on): the UN's voting data holds recorded votes only, so a
    resolution adopted with none was adopted without one. A resolution with neither a decision
    nor an adoption on record is still to be decided, and is left out.
    """
    return decided(resolutions_with_draft_decisions().filter(series_id=series_id), until=until)


def resolutions_with_draft_decisions() -> QuerySet[Resolution]:
    """Resolutions with their session and, as `draft_decisions`, the decisions on their draft as
    a whole (with their body): one query more."""
    drafts = VoteEvent.objects.filter(kind=VoteEvent.Kind.WHOLE_DRAFT, amendment__isnull=True).select_related(
        "body"
    )
    return Resolution.objects.select_related("session").prefetch_related(
        Prefetch("vote_events", queryset=drafts, to_attr="draft_decisions")
    )


def decided(resolutions: Iterable[Resolution], *, until: datetime.date | None = None) -> list[SeriesDecision]:
    """The decisions of `resolutions` (from resolutions_with_draft_decisions) taken by `until`
    (all when None), oldest first, by the rule of series_decisions."""
    decisions = [_decision(resolution) for resolution in resolutions]
    chosen = [d for d in decisions if d is not None and (until is None or d.date <= until)]
    return sorted(chosen, key=lambda d: (d.date, d.resolution.pk))


def _sessions(condition: str) -> str:
    """SQL: the decided sessions that meet `condition`, in order, as an array (empty for none)."""
    numbers = "array_agg(DISTINCT decided.number ORDER BY decided.number)"
    return f"coalesce({numbers} FILTER (WHERE {condition}), '{{}}')"


# The rule of series_decisions in SQL, for lists of series, where building each resolution and
# decision as a model instance cost 100-200 ms a page of 100 series: per resolution of the series,
# its deciding decision (the plenary's first, then the latest), or none; it was adopted without a
# vote when that decision says so, or when there is none but it was adopted. Tests hold the two
# forms of the rule to the same sessions.
_DECIDED_SESSIONS = f"""
    SELECT jsonb_build_object(
               'recorded', {_sessions("NOT decided.without_vote")},
               'without_vote', {_sessions("decided.without_vote")}
           )
      FROM (
            SELECT DISTINCT ON (resolution.id) session.number,
                   coalesce(event.result = %s, true) AS without_vote
              FROM {tables.RESOLUTION_TABLE} AS resolution
              JOIN {tables.SESSION_TABLE} AS session ON session.id = resolution.session_id
              LEFT JOIN {tables.EVENT_TABLE} AS event
                     ON event.resolution_id = resolution.id AND event.kind = %s AND event.amendment_id IS NULL
              LEFT JOIN {Body._meta.db_table} AS body ON body.id = event.body_id
             WHERE resolution.series_id = {ResolutionSeries._meta.db_table}.id
               AND (event.id IS NOT NULL OR resolution.adopted_on IS NOT NULL)
             ORDER BY resolution.id, body.parent_id IS NULL DESC, event.date DESC, event.id DESC
           ) AS decided
"""


def decided_sessions() -> RawSQL:
    """An annotation of resolution series: {"recorded": [...], "without_vote": [...]}, the
    session numbers, in order, in which one of its resolutions was decided by a recorded vote,
    and those in which one was adopted without a vote (a session with two resolutions of the
    series may be in both)."""
    params = (VoteEvent.Result.ADOPTED_WITHOUT_VOTE, VoteEvent.Kind.WHOLE_DRAFT)
    return RawSQL(_DECIDED_SESSIONS, params, output_field=JSONField())


def _decision(resolution: Resolution) -> SeriesDecision | None:
    event = _deciding_event(resolution.draft_decisions)
    if event is not None:
        return SeriesDecision(resolution, event, event.result == VoteEvent.Result.ADOPTED_WITHOUT_VOTE)
    if resolution.adopted_on is not None:
        return SeriesDecision(resolution, None, without_vote=True)
    return None


@dataclass(frozen=True)
class StateOnSeries:
    """A state on one resolution of a series: its vote on the deciding roll call, or none."""

    decision: SeriesDecision
    choice: str | None  # Y, N, A or X; None when adopted without a vote or the state is not listed


def state_on_series(
    *, state: MemberState, series_id: int, until: datetime.date | None = None
) -> list[StateOnSeries]:
    """The state's record on the series, one row per resolution decided, oldest first, the
    sessions adopted without a vote included: three queries."""
    decisions = series_decisions(series_id=series_id, until=until)
    recorded = [d.vote_event.pk for d in decisions if d.vote_event and not d.without_vote]
    choices = dict(
        RecordedVote.objects.filter(state=state, vote_event_id__in=recorded).values_list(
            "vote_event_id", "choice"
        )
    )
    return [
        StateOnSeries(d, None if d.without_vote else choices.get(d.vote_event.pk if d.vote_event else None))
        for d in decisions
    ]
