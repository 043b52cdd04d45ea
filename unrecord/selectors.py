"""Reads of the public UN record for use cases: which state a voting record's code means, and
when; tallies, voting histories and how alike states vote."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, JSONObject, NullIf
from django.db.models.lookups import Exact

from core.compiled_query import AnyOfRows, CompiledQuery, CompiledQueryShapes, keys_among
from core.csv_export import CSVExport, GroupedCSVExport, Lookup
from unrecord import tables
from unrecord.models import (
    Body,
    DeclaredIntention,
    MemberState,
    RecordedVote,
    RegionalGroup,
    Resolution,
    ResolutionSeries,
    Session,
    Sponsorship,
    StateCodeAlias,
    VoteChoice,
    VoteEvent,
)
from unrecord.popolo import with_popolo_relations
from unrecord.series_record import decided_sessions, resolutions_with_draft_decisions


def _aliases_valid_on(day: datetime.date):
    return StateCodeAlias.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
    ).select_related("state")


def state_for_code(code: str, on_date: datetime.date) -> MemberState:
    """The state a voting record's `code` stands for on `on_date`.

    An alias valid on the date wins over a state with that ISO code, because voting data keeps
    old codes for successor seats: YUG is Serbia after 2000-11-01 although YUG is also the
    former Yugoslavia. Raises MemberState.DoesNotExist for a code nothing answers to.
    """
    alias = _aliases_valid_on(on_date).filter(code=code).first()
    if alias is not None:
        return alias.state
    return MemberState.objects.get(iso3=code)


def states_by_code(codes: Iterable[str], on_date: datetime.date) -> dict[str, MemberState]:
    """`state_for_code` for a whole roll call in two queries. Codes nothing answers to are left
    out, so the caller can report them."""
    codes = set(codes)
    found = {state.iso3: state for state in MemberState.objects.filter(iso3__in=codes)}
    found |= {alias.code: alias.state for alias in _aliases_valid_on(on_date).filter(code__in=codes)}
    return found


# Analytics: tallies, voting histories and voting coincidence between states.

TALLY_CHOICES = [choice.value for choice in VoteChoice]
NO_GROUP = {"code": "none", "name": "No regional group"}

COINCIDENCE_METHOD = (
    "Over the roll calls on which both states are recorded: the same vote (yes-yes, no-no, "
    "abstain-abstain) counts 1; yes against no counts 0; any other pair (one abstains or does not "
    "vote while the other votes yes or no, or one abstains while the other does not vote) counts "
    "1/2. Roll calls on which neither state voted (non-voting on both sides) are left out: they say "
    "nothing about agreement. score = (agree + half / 2) / votes compared. The half credit for an "
    "abstention is Lijphart's index of agreement, used in UN voting research; here absences get it "
    "too. The US State Department's annual report headlines a stricter 'votes only' figure, "
    "identical yes/no votes / (identical + opposite yes/no votes), abstentions and absences "
    "ignored: it is given as state_department_score."
)


def _choice_counts() -> dict[str, Count]:
    # Counted by the choice, a column every vote has: the key is two columns, and COUNT(*)
    # takes no filter in Django.
    return {choice: Count("choice", filter=Q(choice=choice)) for choice in TALLY_CHOICES}


def tally(*, vote_event: VoteEvent | int) -> dict[str, int]:
    """{Y, N, A, X: count} of a roll call's recorded votes, in one query."""
    return RecordedVote.objects.filter(vote_event=vote_event).aggregate(**_choice_counts())


def tally_if_found(*, vote_event_id: int) -> dict | None:
    """The roll call's tally as the API answers it, or None when there is no vote event with this
    id: {recorded, Y, N, A, X}, where `recorded` says whether the record holds the roll call's
    votes. Without them (adopted without a vote, or none imported) the counts are None, not
    zeros: nobody voted no. One query answers all of it, where looking the roll call up first
    takes two. In SQL, for the API asks it on every tally and the ORM took longer to write this
    query than PostgreSQL takes to answer it."""
    counts = ", ".join("count(vote.vote_event_id) FILTER (WHERE vote.choice = %s)" for _ in TALLY_CHOICES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(vote.vote_event_id) > 0, {counts} FROM {_EVENT} AS event"
            f" LEFT JOIN {_VOTE} AS vote ON vote.vote_event_id = event.id"
            " WHERE event.id = %s GROUP BY event.id",
            [*TALLY_CHOICES, vote_event_id],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    recorded, *counts = row
    return {"recorded": recorded} | dict(zip(TALLY_CHOICES, counts if recorded else [None] * 4, strict=True))


def tally_by_group(*, vote_event: VoteEvent | int) -> list[dict]:
    """Per regional group of the voting states (code, name, Y, N, A, X, total), in one query,
    ordered by group name; states in no group come last, under the code "none"."""
    groups = []
    for code, name, *counts, total in _TALLY_BY_GROUP.rows([getattr(vote_event, "pk", vote_event)]):
        group = NO_GROUP if code is None else {"code": code, "name": name}
        groups.append(group | dict(zip(TALLY_CHOICES, counts, strict=True)) | {"total": total})
    return groups


# Asked on every tally by group (the API's, the dashboards'), compiled once.
_TALLY_BY_GROUP = CompiledQuery(
    lambda among: (
        RecordedVote.objects.filter(among("vote_event_id"))
        .values(code=F("state__regional_group__code"), name=F("state__regional_group__name"))
        .annotate(**_choice_counts(), total=Count("choice"))
        .order_by(F("state__regional_group__name").asc(nulls_last=True))
        .values_list("code", "name", *TALLY_CHOICES, "total")
    )
)


def vote_event_exists(pk: int) -> bool:
    return bool(_VOTE_EVENT_IDS.rows([pk]))


_VOTE_EVENT_IDS = keys_among(VoteEvent.objects.all())


def state_voting_history(
    *,
    state: MemberState | int,
    series: ResolutionSeries | int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> QuerySet[RecordedVote]:
    """A state's recorded votes, oldest first, with their roll call, resolution and session;
    optionally only on one series, or between `start` and `end` (both included)."""
    votes = RecordedVote.objects.filter(state=state)
    if series is not None:
        # The series' roll calls as one array, then the state's votes among them in date order:
        # joined to the roll calls and resolutions, planning took longer than the answer.
        roll_calls = VoteEvent.objects.filter(resolution__series=series).order_by().values("pk")
        votes = votes.filter(AnyOfRows(F("vote_event_id"), roll_calls))
    # The vote's own copy of its roll call's date: a state's votes come in date order from
    # vote_by_state_and_date, where joined to their roll calls they were all read and sorted.
    if start is not None:
        votes = votes.filter(date__gte=start)
    if end is not None:
        votes = votes.filter(date__lte=end)
    return votes.select_related("vote_event", "vote_event__resolution", "vote_event__session__body").order_by(
        "date", "vote_event_id"
    )


@dataclass(frozen=True)
class Coincidence:
    """How often two states voted alike; `method` says how it is counted."""

    score: float | None
    votes_compared: int
    agree: int
    half: int
    disagree: int
    state_department_score: float | None
    method: str = COINCIDENCE_METHOD

    @classmethod
    def from_counts(
        cls, compared: int, agree: int, half: int, disagree: int, yes_no_agree: int
    ) -> "Coincidence":
        score = (agree + half / 2) / compared if compared else None
        yes_no = yes_no_agree + disagree
        return cls(score, compared, agree, half, disagree, yes_no_agree / yes_no if yes_no else None)


@dataclass(frozen=True)
class Alignment:
    """One other state's voting coincidence with the state asked about."""

    state: MemberState
    coincidence: Coincidence


_VOTE = tables.VOTE_TABLE
_EVENT = tables.EVENT_TABLE
_RESOLUTION = tables.RESOLUTION_TABLE
_STATE = tables.STATE_TABLE

# Aggregates over pairs of recorded votes ("mine", "theirs") on the same roll call.
_PAIR_COUNTS = """
    count(*) AS compared,
    count(*) FILTER (WHERE mine.choice = theirs.choice) AS agree,
    count(*) FILTER (
        WHERE mine.choice <> theirs.choice AND NOT (mine.choice IN ('Y', 'N') AND theirs.choice IN ('Y', 'N'))
    ) AS half,
    count(*) FILTER (
        WHERE mine.choice <> theirs.choice AND mine.choice IN ('Y', 'N') AND theirs.choice IN ('Y', 'N')
    ) AS disagree,
    count(*) FILTER (WHERE mine.choice = theirs.choice AND mine.choice IN ('Y', 'N')) AS yes_no_agree
"""
# The same roll call has the same date: with it in the join, PostgreSQL merges the two states'
# votes in the order of their index on (state, date, roll call) instead of hashing one side.
_PAIRS = f"""
    FROM {_VOTE} AS mine
    JOIN {_VOTE} AS theirs ON theirs.vote_event_id = mine.vote_event_id AND theirs.date = mine.date
   WHERE mine.state_id = %s AND NOT (mine.choice = 'X' AND theirs.choice = 'X')
"""


def _roll_call_filter(*, start, end, series, kinds) -> tuple[str, list]:
    """SQL conditions on `mine` (and the parameters) restricting the roll calls compared: its
    own date (a range of the index), and its roll call's series or kind, read by subquery."""
    conditions, params = [], []
    if start is not None:
        conditions.append("mine.date >= %s")
        params.append(start)
    if end is not None:
        conditions.append("mine.date <= %s")
        params.append(end)
    if series is not None:
        conditions.append(
            f"mine.vote_event_id IN (SELECT id FROM {_EVENT} WHERE resolution_id IN "
            f"(SELECT id FROM {_RESOLUTION} WHERE series_id = %s))"
        )
        params.append(_pk(series))
    if kinds is not None:
        conditions.append(f"mine.vote_event_id IN (SELECT id FROM {_EVENT} WHERE kind = ANY(%s))")
        params.append(list(kinds))
    return "".join(f" AND {condition}" for condition in conditions), params


def voting_coincidence(
    *,
    state_a: MemberState,
    state_b: MemberState,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    series: ResolutionSeries | int | None = None,
    kinds: Iterable[str] | None = None,
) -> Coincidence:
    """Voting coincidence of two states (see COINCIDENCE_METHOD), in one query; optionally only
    between `start` and `end` (both included), on one series, or on some kinds of vote."""
    where, params = _roll_call_filter(start=start, end=end, series=series, kinds=kinds)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_PAIR_COUNTS} {_PAIRS} AND theirs.state_id = %s {where}",
            [state_a.pk, state_b.pk, *params],
        )
        return Coincidence.from_counts(*cursor.fetchone())


def _alignments(
    *,
    state: MemberState,
    most: bool,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    series: ResolutionSeries | int | None = None,
    kinds: Iterable[str] | None = None,
    min_votes: int = 20,
    limit: int = 10,
) -> list[Alignment]:
    """Coincidence of `state` with every other state, best (or worst) first, in one query."""
    where, params = _roll_call_filter(start=start, end=end, series=series, kinds=kinds)
    direction = "DESC" if most else "ASC"
    others = MemberState.objects.raw(
        f"""
        SELECT other.*, pairs.compared, pairs.agree, pairs.half, pairs.disagree, pairs.yes_no_agree
          FROM (
                SELECT theirs.state_id, {_PAIR_COUNTS}
                {_PAIRS} AND theirs.state_id <> mine.state_id {where}
                GROUP BY theirs.state_id
                HAVING count(*) >= %s
          ) AS pairs
          JOIN {_STATE} AS other ON other.id = pairs.state_id
         ORDER BY (pairs.agree + pairs.half / 2.0) / pairs.compared {direction},
                  pairs.compared DESC, other.common_name
         LIMIT %s
        """,
        [state.pk, *params, min_votes, limit],
    )
    return [
        Alignment(
            state=other,
            coincidence=Coincidence.from_counts(
                other.compared, other.agree, other.half, other.disagree, other.yes_no_agree
            ),
        )
        for other in others
    ]


def most_aligned(*, state: MemberState, **criteria) -> list[Alignment]:
    """The `limit` (10) states that voted most like `state`, highest coincidence first, in one
    query, among those with at least `min_votes` (20) roll calls in common with it, so that a
    handful of votes does not top the list. Optional criteria as for voting_coincidence:
    `start`, `end`, `series`, `kinds`."""
    return _alignments(state=state, most=True, **criteria)


def least_aligned(*, state: MemberState, **criteria) -> list[Alignment]:
    """The states that voted least like `state`, lowest coincidence first (as most_aligned)."""
    return _alignments(state=state, most=False, **criteria)


def series_vote_changes(*, state: MemberState, series: ResolutionSeries) -> list[dict]:
    """How `state` voted on a series session after session, in one query.

    Per session, oldest first: the series' main roll call (the vote on a draft as a whole, the
    latest one if there are several, else the latest roll call of the session), the state's
    vote on it (None when it has no recorded vote there, e.g. adopted without a vote), the
    state's vote in the previous session listed, and whether the vote changed. A session
    where either vote is missing counts as no change.
    """
    state_vote = RecordedVote.objects.filter(vote_event=OuterRef("pk"), state=state).values("choice")
    main_votes = (
        VoteEvent.objects.filter(resolution__series=series, session__isnull=False)
        .annotate(
            choice=Subquery(state_vote[:1]),
            not_whole_draft=Case(When(kind=VoteEvent.Kind.WHOLE_DRAFT, then=0), default=1),
        )
        .select_related("resolution", "session__body")
        .order_by("session__number", "session_id", "not_whole_draft", "-date", "-id")
        .distinct("session__number", "session_id")
    )
    changes, previous = [], None
    for vote_event in main_votes:
        choice = vote_event.choice
        changes.append(
            {
                "session": vote_event.session,
                "vote_event": vote_event,
                "choice": choice,
                "previous_choice": previous,
                "changed": None not in (choice, previous) and choice != previous,
            }
        )
        previous = choice
    return changes


# The record as the REST API lists it: each QuerySet brings what its rows show in a fixed number
# of queries, however many rows a page holds.


def regional_groups() -> QuerySet[RegionalGroup]:
    return RegionalGroup.objects.all()


def member_states() -> QuerySet[MemberState]:
    """States with their regional group, successor and further groups (one query more)."""
    return MemberState.objects.select_related("regional_group", "successor").prefetch_related(
        Prefetch("other_groups", queryset=RegionalGroup.objects.order_by("code"))
    )


def bodies() -> QuerySet[Body]:
    return Body.objects.select_related("parent")


def sessions() -> QuerySet[Session]:
    return Session.objects.select_related("body").order_by("body__code", "-number")


def resolutions() -> QuerySet[Resolution]:
    """Resolutions with their session, body and series, and their sponsors (one query more)."""
    sponsorships = Sponsorship.objects.select_related("state").order_by("role", "state__iso3")
    return Resolution.objects.select_related("session", "body", "series").prefetch_related(
        Prefetch("sponsorships", queryset=sponsorships)
    )


def resolution_series() -> QuerySet[ResolutionSeries]:
    """Resolution series by name, each with `sessions` (series_record.decided_sessions): those
    that decided one of its resolutions by a recorded vote and those that adopted one without a
    vote, read in the same query."""
    return ResolutionSeries.objects.annotate(sessions=decided_sessions())


def resolution_series_with_decisions() -> QuerySet[ResolutionSeries]:
    """`resolution_series()`, each with `decided_resolutions`: its resolutions with their decisions
    on the draft (series_record.resolutions_with_draft_decisions), two queries more."""
    resolutions = Prefetch(
        "resolutions", queryset=resolutions_with_draft_decisions(), to_attr="decided_resolutions"
    )
    return resolution_series().prefetch_related(resolutions)


def vote_events() -> QuerySet[VoteEvent]:
    """Vote events, latest first, with the resolution, body and session they name, and whether
    their roll call's votes are on record (`recorded`: one probe of the votes' index each)."""
    votes = RecordedVote.objects.filter(vote_event=OuterRef("pk"))
    return VoteEvent.objects.select_related("resolution", "body", "session").annotate(recorded=Exists(votes))


def vote_events_for_popolo() -> QuerySet[VoteEvent]:
    """Vote events with all that their Popolo export reads, in two queries."""
    return with_popolo_relations(VoteEvent.objects.all())


def recorded_votes() -> QuerySet[RecordedVote]:
    """Recorded votes with their roll call, its body and resolution, and the state and its group."""
    return RecordedVote.objects.select_related(
        "vote_event__resolution", "vote_event__body", "state__regional_group"
    )


def _symbol(resolution: str = "") -> Coalesce:
    """Resolution.symbol in SQL: the adopted symbol, else the draft's (null without a resolution),
    of the resolution at the path `resolution` (or of the query's own rows)."""
    prefix = f"{resolution}__" if resolution else ""
    return Coalesce(NullIf(f"{prefix}adopted_symbol", Value("")), f"{prefix}draft_symbol")


def _of_resolution(value) -> Subquery:
    """`value` (a column's name or an expression) of the resolution that the outer query's
    `resolution_id` names, looked up row by row (an index probe each): joined instead,
    PostgreSQL hashes all 5,700 resolutions for a page's hundred roll calls."""
    value = F(value) if isinstance(value, str) else value
    return Subquery(Resolution.objects.filter(pk=OuterRef("resolution_id")).order_by().values(value=value))


def recorded_vote_keys(votes: QuerySet[RecordedVote]) -> QuerySet[tuple]:
    """`votes` (already filtered) as (roll call id, state id, choice), the vote table's own
    columns, for a page to be cut from; `roll_calls_and_states` reads what the page's rows show of
    their roll calls and states. Joined to the five tables those come from in the page's query,
    PostgreSQL spent more time planning the join (2-10 ms) than running it, and for a state or
    a session walked the roll calls in id order to the first match (6-7 ms)."""
    return votes.values_list("vote_event_id", "state_id", "choice")


def roll_calls_and_states(votes: list[tuple]) -> tuple[dict[int, list], dict[int, list]]:
    """The roll calls of a page of `recorded_vote_keys` rows, {id: (date, body code, kind,
    resolution symbol)}, and its states, {id: (ISO3, name, regional group code)}: two small
    queries, whatever the page's size."""
    if not votes:
        return {}, {}
    roll_calls = _ROLL_CALL_COLUMNS.rows({event for event, _, _ in votes})
    states = _STATE_COLUMNS.rows({state for _, state, _ in votes})
    return {pk: columns for pk, *columns in roll_calls}, {pk: columns for pk, *columns in states}


def _roll_call_columns(symbol) -> QuerySet[dict]:
    """What a recorded vote's row shows of its roll call, in the list and in the export, the
    resolution's symbol read by `symbol`: joined, for the export's every roll call; looked up
    roll call by roll call, for a page's few (_of_resolution)."""
    return VoteEvent.objects.order_by().values(
        "id", "date", "kind", body_code=F("body__code"), resolution_symbol=symbol
    )


def _state_columns() -> QuerySet[dict]:
    """What a recorded vote's row shows of its state, in the list and in the export."""
    return MemberState.objects.order_by().values(
        "id", "iso3", "common_name", regional_group_code=F("regional_group__code")
    )


# Run on every page of recorded votes, compiled once.
_ROLL_CALL_COLUMNS = CompiledQuery(
    lambda among: (
        _roll_call_columns(_of_resolution(_symbol()))
        .filter(among("pk"))
        .values_list("id", "date", "body_code", "kind", "resolution_symbol")
    )
)
_STATE_COLUMNS = CompiledQuery(
    lambda among: (
        _state_columns().filter(among("pk")).values_list("id", "iso3", "common_name", "regional_group_code")
    )
)


def state_id(iso3: str) -> int | None:
    """The id of the state with this ISO3 code, or None: one compiled query, where the ORM
    fetched and built the whole state for an API page that needs its id."""
    rows = _STATE_IDS.rows([iso3])
    return rows[0][0] if rows else None


_STATE_IDS = keys_among(MemberState.objects.all(), "iso3")


def state_voting_record(
    *,
    state: MemberState | int,
    series: ResolutionSeries | int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> "VotingRecordPages":
    """`state_voting_history` with each roll call's body too (a Third Committee vote and the
    plenary's vote on the same draft are different decisions), as the API's history rows show,
    ready for a paginator that takes each page as plain values."""
    return VotingRecordPages(*_VOTING_RECORD.sql(state=_pk(state), series=_pk(series), start=start, end=end))


def _pk(row):
    return row.pk if hasattr(row, "pk") else row


# A state's votes as its history pages them, compiled once for each combination of criteria the
# API is asked for: building the query through the ORM cost more CPU than PostgreSQL's answer.
_VOTING_RECORD = CompiledQueryShapes(
    lambda **criteria: state_voting_history(**criteria).values_list("vote_event_id", "choice"),
    stand_ins={"state": -1, "series": -2, "start": datetime.date(1, 1, 1), "end": datetime.date(1, 1, 2)},
)


class VotingRecordPages:
    """One state's votes for Django's Paginator: its count, and each page as plain values (keys
    vote_event_id, choice and those of _VOTING_RECORD_ROLL_CALLS), not model instances: building
    four per row cost more than the query. A page is cut from the state's votes in date order
    (the index on (state, date, roll call), read no further than the page), then its roll calls'
    columns are read for those rows only: joined and sorted whole, the rows cost 40-50 ms a page
    for North Korea's 2,565 votes on the full voting file, and joined to the page's rows in one
    query, PostgreSQL spent longer planning the join than running it."""

    def __init__(self, sql: str, params: list):
        """`sql`: the votes as (roll call id, choice), in the history's order."""
        self.sql, self.params = sql, params

    def count(self) -> int:
        return self._fetch(f"SELECT count(*) FROM ({self.sql}) AS votes", self.params)[0][0]

    def __getitem__(self, page: slice) -> list[dict]:
        votes = self._fetch(
            f"{self.sql} LIMIT %s OFFSET %s", [*self.params, page.stop - page.start, page.start]
        )
        if not votes:
            return []
        roll_calls = {
            pk: dict(zip(_VOTING_RECORD_COLUMNS, columns, strict=True))
            for pk, *columns in _VOTING_RECORD_ROLL_CALLS.rows({pk for pk, _ in votes})
        }
        return [{"vote_event_id": pk, "choice": choice, **roll_calls[pk]} for pk, choice in votes]

    @staticmethod
    def _fetch(sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


# What a state's voting record shows of each roll call, read for a page's roll calls at once.
_VOTING_RECORD_COLUMNS = (
    "date", "body", "session", "kind", "resolution", "resolution_symbol", "resolution_title", "series"
)  # fmt: skip
_VOTING_RECORD_ROLL_CALLS = CompiledQuery(
    lambda among: (
        _roll_call_columns(_of_resolution(_symbol()))
        .filter(among("pk"))
        .values_list(
            "id",
            "date",
            "body_code",
            "session__number",
            "kind",
            "resolution_id",
            "resolution_symbol",
            _of_resolution("title"),
            _of_resolution("series_id"),
        )
    )
)


def vote_events_with_intentions() -> QuerySet[VoteEvent]:
    """`vote_events()`, each with `intention_rows`: the intentions declared beside its recorded votes
    ({state: ISO3, choice, note}, by state), read in the same query."""
    intentions = (
        DeclaredIntention.objects.filter(vote_event=OuterRef("pk"))
        .order_by("state__iso3")
        .values(row=JSONObject(state="state__iso3", choice="choice", note="note"))
    )
    return vote_events().annotate(intention_rows=ArraySubquery(intentions))


# The bulk exports (CSV from COPY): the lists' rows, whole, with what an analyst joins them to.

# A recorded vote's columns, as the list's CSV names them (header name: values() name): its roll
# call's, its state's, its own.
_ROLL_CALL_EXPORT = {
    "vote_event": "id",
    "date": "date",
    "body": "body_code",
    "vote_kind": "kind",
    "resolution_symbol": "resolution_symbol",
}
_STATE_EXPORT = {"state": "iso3", "state_name": "common_name", "regional_group": "regional_group_code"}


def recorded_votes_export(votes: QuerySet[RecordedVote]) -> GroupedCSVExport:
    """`votes` (already filtered) as the list's rows, whole: in roll-call order, each roll call's
    votes by state code. Each roll call's columns and each state's are written as CSV once
    (core/csv_export.py): the whole record is 6,203 roll calls and 203 states, 950,574 votes."""
    roll_calls, states = _roll_call_columns(_symbol("resolution")), _state_columns()
    return GroupedCSVExport(
        votes.values("vote_event_id", "state_id", "choice"),
        group=Lookup(roll_calls, key="vote_event_id", columns=_ROLL_CALL_EXPORT),
        member=Lookup(states, key="state_id", columns=_STATE_EXPORT),
        member_order="iso3",
        columns={"choice": "choice"},
    )


# A vote event's columns: the list's, the draft's symbol beside the resolution's, and the tally
# of its recorded votes beside the published one (empty when it had no roll call).
_TALLIES = {
    "yes": VoteChoice.YES,
    "no": VoteChoice.NO,
    "abstain": VoteChoice.ABSTAIN,
    "non_voting": VoteChoice.NON_VOTING,
}
_VOTE_EVENT_EXPORT = {
    "id": "id",
    "date": "date",
    "body": "body_code",
    "session": "session_number",
    "kind": "kind",
    "result": "result",
    "resolution": "resolution_id",
    "resolution_symbol": "resolution_symbol",
    "draft_symbol": "draft_symbol",
    "amendment": "amendment_id",
    "description": "description",
    "meeting_record": "meeting_record",
    "yes_count": "yes_count",
    "no_count": "no_count",
    "abstain_count": "abstain_count",
    "non_voting_count": "non_voting_count",
    **{f"recorded_{name}": f"tally_{name}" for name in _TALLIES},
    "source_id": "source_id",
    "source_url": "source_url",
}
_VOTE_EVENT_FIELDS = (
    *("id", "date", "kind", "result", "resolution_id", "amendment_id", "description", "meeting_record"),
    *("yes_count", "no_count", "abstain_count", "non_voting_count", "source_id", "source_url"),
)
# The export's order unless the list's ?ordering= asks another: oldest first.
_VOTE_EVENT_EXPORT_ORDER = ("date", "id")


def vote_events_export(events: QuerySet[VoteEvent]) -> CSVExport:
    """`events` (already filtered, and ordered if ?ordering= asked) as the export's rows, each
    with its recorded votes counted in the same query."""
    # Votes counted by their choice, a column every vote has, whatever its primary key.
    tallies = {
        f"tally_{name}": Case(
            When(Exact(Count("votes__choice"), 0), then=None),
            default=Count("votes__choice", filter=Q(votes__choice=choice)),
        )
        for name, choice in _TALLIES.items()
    }
    # The body, session and resolution looked up per roll call, not joined: joined, their columns
    # would join the GROUP BY, and PostgreSQL would sort the million votes by them before
    # counting (5.8 s for the whole record, against 2.7 s).
    resolution = Resolution.objects.filter(pk=OuterRef("resolution_id"))
    rows = events.values(
        *_VOTE_EVENT_FIELDS,
        body_code=Subquery(Body.objects.filter(pk=OuterRef("body_id")).values("code")),
        session_number=Subquery(Session.objects.filter(pk=OuterRef("session_id")).values("number")),
        resolution_symbol=Subquery(
            resolution.values(symbol=Coalesce(NullIf("adopted_symbol", Value("")), "draft_symbol"))
        ),
        draft_symbol=Subquery(resolution.values("draft_symbol")),
        **tallies,
    )
    order = events.query.order_by or _VOTE_EVENT_EXPORT_ORDER
    return CSVExport(rows, _VOTE_EVENT_EXPORT, order_by=order)
