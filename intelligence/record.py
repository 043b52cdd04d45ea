"""What the public record says about a series before a day: each state's vote, session by session,
read in one query whatever the number of states."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import F
from django.db.models.functions import Coalesce

from unrecord.models import RecordedVote, VoteEvent


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
