"""Analysts' questions over the API: a state's voting history, how alike two states vote, and
which states vote most and least like one. Each validates its parameters, then asks a selector."""

import dataclasses

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from core.openapi import FIELD_ERRORS, NOT_FOUND
from core.record_api import KeyField, RecordView, StateCodeField, list_responses, validated_query
from unrecord import selectors
from unrecord.api import serializers as api
from unrecord.models import MemberState, ResolutionSeries
from unrecord.series_record import state_on_series


class PeriodQuery(serializers.Serializer):
    """Which roll calls count: between two dates (both included), on one resolution series."""

    date_after = serializers.DateField(required=False, help_text="From this day on (YYYY-MM-DD).")
    date_before = serializers.DateField(required=False, help_text="Up to this day (YYYY-MM-DD).")
    series = KeyField(model=ResolutionSeries, required=False, help_text="Resolution series id.")

    def validate(self, data):
        after, before = data.get("date_after"), data.get("date_before")
        if after and before and after > before:
            raise serializers.ValidationError({"date_before": ["Must not be before date_after."]})
        return data


class SeriesRecordQuery(serializers.Serializer):
    series = serializers.PrimaryKeyRelatedField(
        queryset=ResolutionSeries.objects.all(), help_text="Resolution series id."
    )
    date_before = serializers.DateField(required=False, help_text="Decided up to this day (YYYY-MM-DD).")


class AlignmentQuery(PeriodQuery):
    order = serializers.ChoiceField(
        choices=["most", "least"], default="most", help_text="Most aligned first, or least aligned first."
    )
    limit = serializers.IntegerField(min_value=1, max_value=200, default=10, help_text="How many states.")
    min_votes = serializers.IntegerField(
        min_value=1, default=20, help_text="Leave out states with fewer roll calls in common."
    )


class CoincidenceQuery(PeriodQuery):
    state_a = StateCodeField(help_text="ISO 3166-1 alpha-3, e.g. USA.")
    state_b = StateCodeField(help_text="ISO 3166-1 alpha-3, e.g. ISR.")


ALIGNED_CSV = OpenApiResponse(
    OpenApiTypes.STR,
    description="With ?format=csv: the states ranked (the JSON's `results`), a header row first.",
)


def _criteria(period: dict) -> dict:
    """A validated PeriodQuery as the analytics selectors take it."""
    return {
        "start": period.get("date_after"),
        "end": period.get("date_before"),
        "series": period.get("series"),
    }


class StateAnalytics:
    """/member-states/{iso3}/history/, /series-record/ and /aligned/: actions for the member
    states' viewset."""

    def _state(self) -> MemberState:
        return get_object_or_404(MemberState, iso3=self.kwargs["iso3"])

    @extend_schema(
        summary="A state's voting history",
        description="The state's recorded votes, oldest first, with the roll call and resolution of each.",
        parameters=[PeriodQuery],
        responses={**list_responses(api.StateVoteSerializer), (404, "application/json"): NOT_FOUND},
    )
    @action(
        detail=True,
        filter_backends=[],
        serializer_class=api.StateVoteSerializer,
        query_parameters=PeriodQuery,
    )
    def history(self, request, iso3=None):
        period = validated_query(PeriodQuery, request)
        state = selectors.state_id(self.kwargs["iso3"])  # its id is all the history needs
        if state is None:
            raise NotFound
        votes = selectors.state_voting_record(state=state, **_criteria(period))
        page = self.paginate_queryset(votes)
        # Rows from plain values (see state_vote_rows); StateVoteSerializer is what the schema says.
        return self.get_paginated_response(api.state_vote_rows(page))

    @extend_schema(
        summary="A state's record on a resolution series, session by session",
        description="One row per resolution of the series decided, oldest first: the state's vote on "
        "the deciding roll call (the plenary's on the draft as a whole, else its committee's), or "
        "`without_vote` for a session whose resolution was adopted without a vote.",
        parameters=[SeriesRecordQuery],
        responses={200: api.StateOnSeriesSerializer(many=True), 400: FIELD_ERRORS, 404: NOT_FOUND},
    )
    @action(
        detail=True,
        filter_backends=[],
        url_path="series-record",
        pagination_class=None,
        query_parameters=SeriesRecordQuery,
    )
    def series_record(self, request, iso3=None):
        query = validated_query(SeriesRecordQuery, request)
        rows = state_on_series(
            state=self._state(), series_id=query["series"].pk, until=query.get("date_before")
        )
        return Response(api.StateOnSeriesSerializer(rows, many=True).data)

    @extend_schema(
        summary="The states that vote most (or least) like this one",
        description=selectors.COINCIDENCE_METHOD,
        parameters=[AlignmentQuery],
        responses={
            (200, "application/json"): api.AlignmentListSerializer,
            (200, "text/csv"): ALIGNED_CSV,
            (400, "application/json"): FIELD_ERRORS,
            (404, "application/json"): NOT_FOUND,
        },
    )
    # Its serializer_class names the CSV's columns (RecordView): one row per state ranked.
    @action(
        detail=True,
        filter_backends=[],
        serializer_class=api.AlignmentSerializer,
        query_parameters=AlignmentQuery,
    )
    def aligned(self, request, iso3=None):
        query = validated_query(AlignmentQuery, request)
        state = self._state()
        rank = selectors.most_aligned if query["order"] == "most" else selectors.least_aligned
        alignments = rank(state=state, limit=query["limit"], min_votes=query["min_votes"], **_criteria(query))
        rows = [{"state": a.state} | dataclasses.asdict(a.coincidence) for a in alignments]
        ranking = {"state": state, "order": query["order"], "method": selectors.COINCIDENCE_METHOD}
        return Response(api.AlignmentListSerializer(ranking | {"results": rows}).data)


class CoincidenceViewSet(RecordView, viewsets.ViewSet):
    """/coincidence/?state_a=USA&state_b=ISR: one figure, not a list."""

    filter_backends = []  # its parameters are CoincidenceQuery's
    query_parameters = CoincidenceQuery
    csv_actions = ()

    @extend_schema(
        summary="How alike two states vote",
        description=selectors.COINCIDENCE_METHOD,
        parameters=[CoincidenceQuery],
        responses={200: api.PairCoincidenceSerializer, 400: FIELD_ERRORS},
    )
    def list(self, request):
        query = validated_query(CoincidenceQuery, request)
        states = {"state_a": query["state_a"], "state_b": query["state_b"]}
        coincidence = selectors.voting_coincidence(**states, **_criteria(query))
        return Response(api.PairCoincidenceSerializer(states | dataclasses.asdict(coincidence)).data)
