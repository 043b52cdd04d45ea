"""The dashboards' charts as data: each one is drawn by Chart.js from its JSON and shown as a table
from the very same object, so that the chart and its table always carry the same numbers."""

import datetime
from dataclasses import asdict, dataclass

from advocacy.models import Position
from dashboards.legend import ABSENT, ABSTAIN, NO, STANCE_COLOURS, VOTE_COLOURS, VOTE_LABELS, YES
from intelligence.projection import GroupTotals
from unrecord.models import VoteEvent

VOTES = (YES, NO, ABSTAIN, ABSENT)


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    values: list[float | None]  # counts; a projection's expected counts have a decimal


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    category: str  # what the labels are, the first column of the table
    labels: list[str]
    series: list[Series]
    stacked: bool = False
    horizontal: bool = False
    note: str = ""

    def as_json(self) -> dict:
        return asdict(self)

    @property
    def rows(self) -> list[tuple[str, list[float | None]]]:
        """The table: one row per label, one column per series."""
        return [(label, [s.values[i] for s in self.series]) for i, label in enumerate(self.labels)]


def projected_by_group(by_group: list[GroupTotals], *, as_of: datetime.date) -> Chart:
    return Chart(
        id="projected-by-group",
        title=f"Expected vote by regional group, as of {as_of:%-d %b %Y}",
        note="Each group's expected count of each vote: the sum of its states' probabilities.",
        category="Regional group",
        labels=[group.name for group in by_group],
        series=[
            Series(VOTE_LABELS[vote], VOTE_COLOURS[vote], [g.totals.expected[vote] for g in by_group])
            for vote in VOTES
        ],
        stacked=True,
        horizontal=True,
    )


def recorded_by_group(rows: list[dict], vote_event: VoteEvent) -> Chart:
    return Chart(
        id="recorded-by-group",
        title=f"Recorded vote by regional group: {vote_event.body.short_name}, {vote_event.date:%-d %b %Y}",
        category="Regional group",
        labels=[row["name"] for row in rows],
        series=[Series(VOTE_LABELS[vote], VOTE_COLOURS[vote], [row[vote] for row in rows]) for vote in VOTES],
        stacked=True,
        horizontal=True,
    )


def stance_timeline(dates: list[datetime.date], counts: list[dict[str, int]]) -> Chart:
    positions = [p for p in Position if any(p.value in day for day in counts)]
    return Chart(
        id="stance-timeline",
        title="States by stance, after each day a stance was recorded",
        category="Date",
        labels=[f"{day:%-d %b %Y}" for day in dates],
        series=[
            Series(p.label, STANCE_COLOURS[p], [day.get(p.value, 0) for day in counts]) for p in positions
        ],
        stacked=True,
    )


def series_history(history, *, series_name: str) -> Chart:
    """One column per session: the plenary's vote if it voted, else the committee's; a session
    adopted without a vote is a column of its own, named so, with no bars (not a gap)."""
    by_session: dict[int, VoteEvent] = {}
    for event in history.events:
        session = _session_number(event)
        totals_unknown = event.yes_count is None and event.result != VoteEvent.Result.ADOPTED_WITHOUT_VOTE
        if session is None or totals_unknown:
            continue
        current = by_session.get(session)
        if current is None or _deciding_rank(event) >= _deciding_rank(current):
            by_session[session] = event
    labels = {s: f"{s} ({e.date.year}, {_decided_by(e)})" for s, e in by_session.items()}
    for resolution in history.adopted_without_decision:
        if resolution.session_id and resolution.session.number not in labels:
            session = resolution.session.number
            labels[session] = f"{session} ({resolution.adopted_on.year}, adopted without a vote)"
    sessions = sorted(labels)
    chosen = [by_session.get(s) for s in sessions]

    def counts(field: str) -> list[int]:
        return [(getattr(e, field) or 0) if e is not None else 0 for e in chosen]

    return Chart(
        id="series-history",
        title=f"{series_name}: the deciding vote, session by session",
        category="Session",
        labels=[labels[s] for s in sessions],
        series=[
            Series("Yes", VOTE_COLOURS[YES], counts("yes_count")),
            Series("No", VOTE_COLOURS[NO], counts("no_count")),
            Series("Abstain", VOTE_COLOURS[ABSTAIN], counts("abstain_count")),
        ],
    )


def _deciding_rank(event: VoteEvent) -> tuple:
    """The plenary's decision outranks its committee's; then the later."""
    return (event.body.parent_id is None, event.date)


def _decided_by(event: VoteEvent) -> str:
    if event.result == VoteEvent.Result.ADOPTED_WITHOUT_VOTE:
        return f"{event.body.short_name}, adopted without a vote"
    return event.body.short_name


def _session_number(event: VoteEvent) -> int | None:
    if event.session_id is not None:
        return event.session.number
    session = event.resolution.session if event.resolution_id else None
    return session.number if session else None
