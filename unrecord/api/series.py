"""/api/v1/series/: resolution series (the same resolution session after session), searchable, each
with the sessions that decided it by a recorded vote and those that adopted it without one."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.filters import SearchFilter

from core.openapi import FIELD_ERRORS, NOT_FOUND
from core.record_api import RecordView
from unrecord import selectors
from unrecord.api.serializers import SeriesDecisionSerializer
from unrecord.models import ResolutionSeries
from unrecord.series_record import decided

SESSIONS = serializers.ListField(child=serializers.IntegerField())
SERIES_CSV = OpenApiResponse(
    OpenApiTypes.STR,
    description="With ?format=csv: the page's series, a header row first, each list of sessions in "
    'one cell as numbers separated by spaces ("49 50 51"). The next page is in the Link header.',
)


class ResolutionSeriesSerializer(serializers.ModelSerializer):
    recorded_sessions = serializers.SerializerMethodField(
        help_text="Sessions in which a resolution of the series was decided by a recorded vote."
    )
    without_vote_sessions = serializers.SerializerMethodField(
        help_text="Sessions in which a resolution of the series was adopted without a vote."
    )

    class Meta:
        model = ResolutionSeries
        fields = ["id", "name", "recorded_sessions", "without_vote_sessions"]

    @extend_schema_field(SESSIONS)
    def get_recorded_sessions(self, series) -> list[int] | str:
        return self._cell(series.sessions["recorded"])

    @extend_schema_field(SESSIONS)
    def get_without_vote_sessions(self, series) -> list[int] | str:
        return self._cell(series.sessions["without_vote"])

    def _cell(self, sessions: list[int]) -> list[int] | str:
        # A CSV cell holds one value, where a list would be spread over columns that differ from
        # row to row: the sessions as "49 50 51", which a spreadsheet or pandas splits at once.
        renderer = getattr(self.context.get("request"), "accepted_renderer", None)
        if getattr(renderer, "format", None) == "csv":
            return " ".join(map(str, sessions))
        return sessions


class ResolutionSeriesDetailSerializer(ResolutionSeriesSerializer):
    decisions = serializers.SerializerMethodField(
        help_text="How each resolution of the series was decided, oldest first."
    )

    class Meta(ResolutionSeriesSerializer.Meta):
        fields = [*ResolutionSeriesSerializer.Meta.fields, "notes", "decisions"]

    @extend_schema_field(SeriesDecisionSerializer(many=True))
    def get_decisions(self, series) -> list[dict]:
        decisions = [{"decision": decision} for decision in decided(series.decided_resolutions)]
        return SeriesDecisionSerializer(decisions, many=True).data


@extend_schema_view(
    list=extend_schema(
        responses={
            (200, "application/json"): ResolutionSeriesSerializer(many=True),
            (200, "text/csv"): SERIES_CSV,
            (400, "application/json"): FIELD_ERRORS,
        }
    ),
    retrieve=extend_schema(responses={200: ResolutionSeriesDetailSerializer, 404: NOT_FOUND}),
)
class ResolutionSeriesViewSet(RecordView, viewsets.ReadOnlyModelViewSet):
    """Resolution series by name: the resolutions the UN adopts again session after session (on
    human rights in the DPRK, say), with the sessions that voted on them and those that did not.
    `?search=` finds a series by its name or by a title of its resolutions."""

    serializer_class = ResolutionSeriesSerializer
    filter_backends = [SearchFilter]
    search_fields = ["name", "resolutions__title"]

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.resolution_series_with_decisions()
        return selectors.resolution_series()

    def get_serializer_class(self):
        if self.action == "retrieve":  # one series' page adds how each resolution was decided
            return ResolutionSeriesDetailSerializer
        return super().get_serializer_class()
