"""What the public record says before a day: each state's vote on a series, session by session,
and each state's vote in committee on the series' drafts, read in one query whatever the number of
states; and how often each state has been absent from the Assembly's roll calls, of late and before
the series' last roll call, read with the states themselves."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from unrecord.models import MemberState, RecordedVote, VoteChoice, VoteEvent


class SessionVote(NamedTuple):
    """A state's vote on a series in one session."""

    session: int
    choice: str  # a VoteChoice value
    on: datetime.date | None = None  # the day of the roll call
    in_committee: bool = False  # the session's vote on record is a committee's (no plenary vote)


class CommitteeVote(NamedTuple):
    """A state's vote in a committee (the Third Committee) on a draft of the series."""

    choice: str  # a VoteChoice value
    on: datetime.date
    body: str  # the committee's short name, e.g. "Third Committee"
    resolution_id: int


@dataclass
class SeriesRecord:
    """Each state's votes on a series, one per session, oldest first, and the regional group of
    every state on record (former members included: their votes shaped their group's pattern).
    `committee` keeps each state's committee vote apart too, per session ({session: {state id:
    its latest committee vote}}): the projection of a plenary vote reads the committee's vote of
    the same session as a layer of its own, not as the state's record."""

    votes: dict[int, list[SessionVote]] = field(default_factory=dict)
    group_of: dict[int, int | None] = field(default_factory=dict)
    last_roll_call_on: datetime.date | None = None  # the day of the latest roll call on record
    committee: dict[int, dict[int, CommitteeVote]] = field(default_factory=dict)

    def latest_session(self) -> int | None:
        return max((votes[-1].session for votes in self.votes.values() if votes), default=None)

    def for_session(self, session: int) -> dict[int, list[SessionVote]]:
        """Each state's record for the vote of `session`: its votes of the sessions before, and the
        plenary's vote of that session once held. A committee's vote of that session is not the
        state's record: the projection reads it as a layer of its own."""
        record = {}
        for state_id, votes in self.votes.items():
            if votes[-1].session >= session:
                votes = [
                    v for v in votes if v.session < session or (v.session == session and not v.in_committee)
                ]
            if votes:
                record[state_id] = votes
        return record


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
            "vote_event__body__short_name",
            "vote_event__resolution_id",
        )
        .order_by()
    )
    return _one_vote_per_session(rows)


def _one_vote_per_session(rows) -> SeriesRecord:
    best: dict[tuple[int, int], tuple] = {}
    committee: dict[int, dict[int, tuple]] = defaultdict(dict)
    group_of = {}
    last_day = None
    for state_id, group_id, session, choice, parent, date, event_id, body, resolution_id in rows:
        group_of[state_id] = group_id
        last_day = date if last_day is None else max(last_day, date)
        rank = (parent is None, date, event_id)
        key = (state_id, session)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, SessionVote(session, choice, date, parent is not None))
        if parent is not None:
            latest = committee[session].get(state_id)
            if latest is None or rank > latest[0]:
                committee[session][state_id] = (rank, CommitteeVote(choice, date, body, resolution_id))
    votes: dict[int, list[SessionVote]] = defaultdict(list)
    for (state_id, _), (_, vote) in sorted(best.items()):
        votes[state_id].append(vote)
    return SeriesRecord(
        votes=dict(votes),
        group_of=group_of,
        last_roll_call_on=last_day,
        committee={
            session: {state_id: vote for state_id, (_, vote) in states.items()}
            for session, states in committee.items()
        },
    )


# Attendance -----------------------------------------------------------------------------------


class Attendance(NamedTuple):
    """A state's part in the Assembly's roll calls of a recent window (`with_attendance`)."""

    roll_calls: int  # the roll calls of the window it is recorded in
    absences: int  # those it was absent from

    @property
    def absent_share(self) -> float:
        return self.absences / self.roll_calls if self.roll_calls else 0.0


def with_attendance(
    states: QuerySet, *, before: datetime.date, days: int, then: datetime.date | None = None
) -> QuerySet:
    """`states` (MemberState), each annotated with its attendance (read by `attendance_of`) at
    the roll calls held in the `days` days before `before`, on anything, in any body; and, given
    `then` (the day of the series' last roll call), at those of the `days` days before it (read
    by `attendance_then_of`). Still one query: two subqueries per state and window, each a few
    index probes."""
    states = states.annotate(**_attendance_columns("lately", before=before, days=days))
    if then is not None:
        states = states.annotate(**_attendance_columns("then", before=then, days=days))
    return states


def attendance_of(state: MemberState) -> Attendance | None:
    """The attendance `with_attendance` read with the state; None for a state read without it."""
    return _read_attendance(state, "lately")


def attendance_then_of(state: MemberState) -> Attendance | None:
    """The attendance before the series' last roll call; None for a state read without it."""
    return _read_attendance(state, "then")


def _attendance_columns(name: str, *, before: datetime.date, days: int) -> dict:
    """The two counts of a window, as annotations named after it ("lately", "then")."""
    # A vote's own copy of its roll call's date: each state's window is one range of its index
    # on (state, date, roll call). Read through the roll calls instead, the window's ids probed
    # the votes' key one by one (2.5 ms a state against 0.05 ms on the full record).
    votes = (
        RecordedVote.objects.filter(
            state=OuterRef("pk"), date__gte=before - datetime.timedelta(days=days), date__lt=before
        )
        .order_by()
        .values("state")
    )
    return {
        f"roll_calls_{name}": _count(votes),
        f"absences_{name}": _count(votes.filter(choice=VoteChoice.NON_VOTING)),
    }


def _read_attendance(state: MemberState, window: str) -> Attendance | None:
    if not hasattr(state, f"roll_calls_{window}"):
        return None
    return Attendance(getattr(state, f"roll_calls_{window}"), getattr(state, f"absences_{window}"))


def _count(votes: QuerySet):
    return Coalesce(Subquery(votes.annotate(n=Count("*")).values("n"), output_field=IntegerField()), 0)
