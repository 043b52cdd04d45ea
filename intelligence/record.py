"""What the public record says before a day: each state's vote on a series, session by session,
read in one query whatever the number of states; and how often each state has lately been absent
from the Assembly's roll calls, read with the states themselves."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import BooleanField, Count, F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from unrecord.models import MemberState, RecordedVote, VoteChoice, VoteEvent


class SessionVote(NamedTuple):
    """A state's vote on a series in one session."""

    session: int
    choice: str  # a VoteChoice value


@dataclass
class SeriesRecord:
    """Each state's votes on a series, one per session, oldest first, and the regional group of
    every state on record (former members included: their votes shaped their group's pattern)."""

    votes: dict[int, list[SessionVote]] = field(default_factory=dict)
    group_of: dict[int, int | None] = field(default_factory=dict)

    def latest_session(self) -> int | None:
        return max((votes[-1].session for votes in self.votes.values() if votes), default=None)


def series_record(*, series_id: int | None, before: datetime.date) -> SeriesRecord:
    """Every state's recorded vote on the drafts as a whole of a series, one per session, from roll
    calls held before `before`; in one query.

    Votes on amendments, separate paragraphs and motions are left out: a yes to a hostile
    amendment is a no to the draft, so they would muddle the record. Where a session has several
    roll calls on the series (the Third Committee's and the plenary's, or two drafts), the
    plenary's counts (it decides), then the latest.
    """
    if series_id is None:
        return SeriesRecord()
    rows = (
        RecordedVote.objects.filter(
            vote_event__resolution__series_id=series_id,
            vote_event__kind=VoteEvent.Kind.WHOLE_DRAFT,
            vote_event__date__lt=before,
        )
        .annotate(
            session_number=Coalesce("vote_event__session__number", "vote_event__resolution__session__number"),
            is_committee=F("vote_event__body__parent_id"),
        )
        .filter(session_number__isnull=False)
        .values_list(
            "state_id",
            "state__regional_group_id",
            "session_number",
            "choice",
            "is_committee",
            "vote_event__date",
            "vote_event_id",
        )
        .order_by()
    )
    return _one_vote_per_session(rows)


def _one_vote_per_session(rows) -> SeriesRecord:
    best: dict[tuple[int, int], tuple] = {}
    group_of = {}
    for state_id, group_id, session, choice, committee, date, event_id in rows:
        group_of[state_id] = group_id
        rank = (committee is None, date, event_id)
        key = (state_id, session)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, choice)
    votes: dict[int, list[SessionVote]] = defaultdict(list)
    for (state_id, session), (_, choice) in sorted(best.items()):
        votes[state_id].append(SessionVote(session, choice))
    return SeriesRecord(votes=dict(votes), group_of=group_of)


# Attendance -----------------------------------------------------------------------------------


class Attendance(NamedTuple):
    """A state's part in the Assembly's roll calls of a recent window (`with_attendance`)."""

    roll_calls: int  # the roll calls of the window it is recorded in
    absences: int  # those it was absent from

    @property
    def absent_share(self) -> float:
        return self.absences / self.roll_calls if self.roll_calls else 0.0


def with_attendance(states: QuerySet, *, before: datetime.date, days: int) -> QuerySet:
    """`states` (MemberState), each annotated with its attendance (read by `attendance_of`) at
    the roll calls held in the `days` days before `before`, on anything, in any body. Still one
    query: two subqueries per state, each a few index probes."""
    window = VoteEvent.objects.filter(date__gte=before - datetime.timedelta(days=days), date__lt=before)
    votes = (
        RecordedVote.objects.filter(_InArray(F("vote_event_id"), Subquery(window.order_by().values("pk"))))
        .filter(state=OuterRef("pk"))
        .order_by()
        .values("state")
    )
    return states.annotate(
        roll_calls_lately=_count(votes), absences_lately=_count(votes.filter(choice=VoteChoice.NON_VOTING))
    )


def attendance_of(state: MemberState) -> Attendance | None:
    """The attendance `with_attendance` read with the state; None for a state read without it."""
    if not hasattr(state, "roll_calls_lately"):
        return None
    return Attendance(state.roll_calls_lately, state.absences_lately)


def _count(votes: QuerySet):
    return Coalesce(Subquery(votes.annotate(n=Count("*")).values("n"), output_field=IntegerField()), 0)


class _InArray(Func):
    """`field = ANY(ARRAY(subquery))`: PostgreSQL reads the window's roll calls once for the whole
    query, then probes each state's (state, roll call) index with them. Django's `__in` became a
    join that scanned the roll calls again for every state (10 ms against 130 ms on the full
    record)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        field_sql, field_params = compiler.compile(self.source_expressions[0])
        subquery_sql, subquery_params = compiler.compile(self.source_expressions[1])
        return f"{field_sql} = ANY(ARRAY{subquery_sql})", (*field_params, *subquery_params)
