"""Every table of the campaign page and the state page as a spreadsheet: one definition per table,
its columns named as the page names them, its cells the page's words (dates as ISO dates, counts as
numbers), read from the same reading the page renders (dashboards.reading, selectors.state_record),
so that the CSV shows the user what the page shows them and nothing more. Every cell passes through
core.spreadsheets.spreadsheet_safe on its way out."""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.text import slugify

from core.spreadsheets import spreadsheet_safe
from dashboards.templatetags.dashboards import percent, probabilities, register
from unrecord.titles import repaired

label = register.filters  # the page's words for codes: label["vote_label"]("Y") == "Yes"


@dataclass(frozen=True)
class Table:
    name: str  # in the CSV's address and file name
    headers: tuple[str, ...]
    rows: Callable[[object], Iterable[list]]

    def read(self, source) -> tuple[tuple[str, ...], Iterable[list]] | None:
        """The headers and rows of the table on the page `source` is read for; None when the page
        does not show it."""
        return self.headers, self.rows(source)


@dataclass(frozen=True)
class ChartTable:
    """A chart's table: its category, then one column per series, as the table under the chart."""

    name: str  # the chart's id
    key: str  # in CampaignReading.charts

    def read(self, reading) -> tuple[tuple[str, ...], Iterable[list]] | None:
        chart = reading.charts.get(self.key)
        if chart is None:
            return None
        headers = (chart.category, *(series.label for series in chart.series))
        return headers, ([label, *values] for label, values in chart.rows)


def _date(day) -> str:
    return day.isoformat() if day else ""


def _projected(call) -> str:
    if call is None:
        return "—"
    how_sure = f"{percent(call.confidence)} sure, from {label['basis_label'](call.basis)}"
    return f"{label['vote_label'](call.vote)} ({how_sure}): {call.reason}"


def _stance(row) -> str:
    position = label["position_label"](row.stance_position)
    if not row.stance_as_of:
        return position
    return f"{position} ({_date(row.stance_as_of)}, {label['evidence_label'](row.stance_evidence).lower()})"


def _vote(row) -> str:
    outcome = {True: ", as wanted", False: ", not as wanted"}.get(row.target_met, "")
    return label["vote_label"](row.actual_vote) + outcome


# The campaign page ------------------------------------------------------------------------------


def _threshold_rows(reading):
    for threshold in reading.overview.thresholds:
        projected = threshold.projected
        status = label["threshold_status"](projected.status if projected else None)
        on_the_vote = {True: "Met", False: "Not met"}.get(threshold.outcome, "not decided yet")
        if threshold.judged_on:
            event = threshold.judged_on
            on_the_vote += (
                f" (the {event.body.short_name}'s vote of {_date(event.date)}, {event.totals_label})"
            )
        yield [
            threshold.label,
            f"{status}: {projected.explanation}" if projected else status,
            projected.more_yes_needed if projected else None,
            on_the_vote,
        ]


def _swing_rows(reading):
    for swing in reading.overview.projection.swing:
        call = swing.call
        yield [
            call.name + (" (target)" if swing.is_target else ""),
            f"{label['vote_label'](call.vote)} ({probabilities(call)})",
            percent(swing.uncertainty),
            ("moved: " if call.moved else "") + swing.reason,
        ]


def _last_met(coverage) -> str:
    if coverage is None or not coverage.last_met_on:
        return "never"
    return f"{_date(coverage.last_met_on)} ({coverage.meetings} meetings, {coverage.side_events} side events)"


def _target_rows(reading):
    for view in reading.panel.targets:
        row = view.row
        yield [
            row.name,
            row.priority_label,
            label["vote_label"](row.wanted_vote),
            _stance(row),
            _projected(row.call),
            _vote(row),
            _last_met(view.coverage),
        ]


def _other_state_rows(reading):
    for view in reading.panel.others:
        row = view.row
        yield [row.name, row.regional_group_name or "—", _stance(row), _projected(row.call), _vote(row)]


def _vote_rows(reading):
    for event in reading.votes.events:
        put = str(event.amendment) if event.amendment else event.get_kind_display()
        yield [
            _date(event.date),
            event.body.short_name,
            put + (f": {repaired(event.description)}" if event.description else ""),
            event.get_result_display(),
            event.totals_label,
            event.yes_count,
            event.no_count,
            event.abstain_count,
        ]


def _stance_change_rows(reading):
    for change in reading.timeline.changes:
        yield [
            _date(change.date),
            change.name,
            label["position_label"](change.before),
            label["position_label"](change.after),
            label["evidence_label"](change.evidence),
        ]


def _series_decision_rows(reading):
    for event in reading.history.events:
        session = event.session or event.resolution.session
        yield [
            session.number if session else None,
            event.resolution.symbol,
            event.body.short_name,
            _date(event.date),
            event.get_result_display(),
            event.totals_label,
        ]
    for resolution in reading.history.adopted_without_decision:
        session = resolution.session.number if resolution.session else None
        yield [session, resolution.symbol, "", _date(resolution.adopted_on), "Adopted without a vote", ""]


CAMPAIGN_TABLES = {
    table.name: table
    for table in (
        Table(
            "thresholds",
            ("Threshold", "Against the projection", "More yes votes needed", "On the vote"),
            _threshold_rows,
        ),
        Table("swing", ("State", "Projected", "Chance it votes otherwise", "Why"), _swing_rows),
        Table(
            "targets",
            ("State", "Priority", "Wanted", "Stance", "Projection and its reason", "Vote", "Last met"),
            _target_rows,
        ),
        Table(
            "other-states",
            ("State", "Group", "Stance", "Projection and its reason", "Vote"),
            _other_state_rows,
        ),
        Table(
            "votes",
            ("Date", "Body", "What was put to the vote", "Result", "Yes-no-abstain", "Yes", "No", "Abstain"),
            _vote_rows,
        ),
        ChartTable("projected-by-group", "projected_by_group"),
        ChartTable("recorded-by-group", "recorded_by_group"),
        ChartTable("stance-timeline", "stance_timeline"),
        Table("stance-changes", ("Date", "State", "From", "To", "Evidence"), _stance_change_rows),
        ChartTable("series-history", "series_history"),
        Table(
            "series-decisions",
            ("Session", "Resolution", "Body", "Date", "Result", "Yes-no-abstain"),
            _series_decision_rows,
        ),
    )
}


# The state page ---------------------------------------------------------------------------------


def _stance_history_rows(record):
    for stance in record.stances:
        note = stance.note + (" (illustrative)" if stance.is_illustrative else "")
        yield [
            _date(stance.as_of),
            stance.get_position_display(),
            stance.get_evidence_display(),
            stance.get_confidence_display(),
            note,
        ]


def _series_vote_rows(record):
    for vote in record.series_votes:
        yield [vote.session_number, _date(vote.date), vote.body, vote.on, vote.choice_label, vote.totals]


STATE_TABLES = {
    table.name: table
    for table in (
        Table("stances", ("Date", "Position", "Evidence", "Confidence", "Note"), _stance_history_rows),
        Table("series-votes", ("Session", "Date", "Body", "On", "Its vote", "All states"), _series_vote_rows),
    )
}


def csv_response(headers: tuple[str, ...], rows: Iterable[list], *, filename: str) -> HttpResponse:
    """A table as a CSV download named `filename` (without its extension)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.csv"'
    writer = csv.writer(response)
    writer.writerow(headers)
    writer.writerows([spreadsheet_safe("" if cell is None else cell) for cell in row] for row in rows)
    return response
