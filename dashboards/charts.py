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
    values: list[int | None]


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
    def rows(self) -> list[tuple[str, list[int | None]]]:
        """The table: one row per label, one column per series."""
        return [(label, [s.values[i] for s in self.series]) for i, label in enumerate(self.labels)]


def projected_by_group(by_group: list[GroupTotals], *, as_of: datetime.date) -> Chart:
    return Chart(
        id="projected-by-group",
        title=f"Projected vote by regional group, as of {as_of:%-d %b %Y}",
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


def series_history(events: list[VoteEvent], *, series_name: str) -> Chart:
    """One column per session: the plenary's vote if it voted, else the committee's."""
    by_session: dict[int, VoteEvent] = {}
    for event in events:
        session = _session_number(event)
        if session is None or event.yes_count is None:
            continue
        current = by_session.get(session)
        if current is None or (event.body.parent_id is None, event.date) >= (
            current.body.parent_id is None,
            current.date,
        ):
            by_session[session] = event
    sessions = sorted(by_session)
    chosen = [by_session[s] for s in sessions]
    return Chart(
        id="series-history",
        title=f"{series_name}: the deciding vote, session by session",
        category="Session",
        labels=[f"{s} ({by_session[s].date.year}, {by_session[s].body.short_name})" for s in sessions],
        series=[
            Series("Yes", VOTE_COLOURS[YES], [e.yes_count for e in chosen]),
            Series("No", VOTE_COLOURS[NO], [e.no_count for e in chosen]),
            Series("Abstain", VOTE_COLOURS[ABSTAIN], [e.abstain_count for e in chosen]),
        ],
    )


def _session_number(event: VoteEvent) -> int | None:
    if event.session_id is not None:
        return event.session.number
    session = event.resolution.session if event.resolution_id else None
    return session.number if session else None
