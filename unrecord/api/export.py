"""The record's bulk exports: every recorded vote, or every roll call with its tallies, that the
list's filters select, in one CSV download streamed from PostgreSQL's COPY (core/csv_export.py)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action

from core.csv_export import csv_download
from core.openapi import FIELD_ERRORS
from unrecord import selectors

_WHOLE = (
    " The whole selection in one response, streamed as it is read (no pages: no `page`, `cursor` "
    "or `page_size`), a header row first; saved as a file by a browser. Text that a spreadsheet "
    "would take for a formula starts with a quote, as in every CSV the API writes."
)


def _exported(*, summary: str, description: str):
    """An export's schema: the list's filters, a CSV body, or the list's 400."""
    return extend_schema(
        summary=summary,
        description=description + _WHOLE,
        filters=True,
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="The rows as CSV."),
            (400, "application/json"): FIELD_ERRORS,
        },
    )


class RecordedVoteExport:
    """/recorded-votes/export/ beside the list (its viewset's filters and access)."""

    csv_actions = ("list", "export")

    @_exported(
        summary="Export recorded votes as CSV",
        description="Every recorded vote the filters select (the same filters as the list), with "
        "the list's columns (the roll call's `body` and `vote_kind` among them), in roll-call "
        "order, each roll call's votes by state code. The whole record is about 950,000 rows and "
        "60 MB.",
    )
    @action(detail=False, pagination_class=None)
    def export(self, request):
        votes = self.filter_queryset(self.get_queryset())
        return csv_download(selectors.recorded_votes_export(votes), filename="recorded-votes.csv")


class VoteEventExport:
    """/vote-events/export/ beside the list (its viewset's filters and access)."""

    csv_actions = ("list", "export")

    @_exported(
        summary="Export vote events with their tallies as CSV",
        description="Every vote event the filters select (the same filters as the list), oldest "
        "first unless `ordering` says otherwise: the list's columns, the draft's symbol, and "
        "beside the published totals (`yes_count` …) the count of its recorded votes "
        "(`recorded_yes`, `recorded_no`, `recorded_abstain`, `recorded_non_voting`), empty when "
        "its roll call is not on record.",
    )
    @action(detail=False, pagination_class=None)
    def export(self, request):
        events = self.filter_queryset(self.get_queryset())
        return csv_download(selectors.vote_events_export(events), filename="vote-events.csv")
