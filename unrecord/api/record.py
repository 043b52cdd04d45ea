"""The public UN record as read-only resources: groups, states, bodies, sessions, resolutions, vote
events (with their tally and Popolo export) and recorded votes. Imports and the admin write it."""

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.filters import SearchFilter
from rest_framework.response import Response

from core.openapi import FIELD_ERRORS, NOT_FOUND
from core.record_api import CompiledList, RecordView, list_responses, validated_query
from unrecord import filters, selectors
from unrecord.api import serializers as api
from unrecord.api.analytics import StateAnalytics
from unrecord.api.common import VoteCursorPagination
from unrecord.api.export import RecordedVoteExport, VoteEventExport
from unrecord.api.pasted_vote import PastedVoteActions, VoteEventDetailSerializer
from unrecord.api.sponsors import SponsorsFromText
from unrecord.popolo import vote_event_to_popolo


def _documented(serializer_class):
    """Schema of a read-only resource: its list (JSON page, CSV, 400) and its item (or a 404)."""
    return extend_schema_view(
        list=extend_schema(responses=list_responses(serializer_class)),
        retrieve=extend_schema(responses={200: serializer_class, 404: NOT_FOUND}),
    )


@_documented(api.RegionalGroupSerializer)
class RegionalGroupViewSet(RecordView, viewsets.ReadOnlyModelViewSet):
    serializer_class = api.RegionalGroupSerializer
    lookup_field = "code"

    def get_queryset(self):
        return selectors.regional_groups()


@extend_schema_view(
    list=extend_schema(responses=list_responses(api.MemberStateSerializer)),
    retrieve=extend_schema(responses={200: api.MemberStateDetailSerializer, 404: NOT_FOUND}),
)
class MemberStateViewSet(StateAnalytics, RecordView, viewsets.ReadOnlyModelViewSet):
    """Member and observer states, past and present, by ISO 3166-1 alpha-3 code."""

    serializer_class = api.MemberStateSerializer
    filterset_class = filters.MemberStateFilter
    filter_backends = [*RecordView.filter_backends, filters.StateNameSearch]
    csv_actions = ("list", "history", "aligned")
    search_fields = ["iso3", "common_name", "un_name", "formal_name"]  # and every other name
    lookup_field = "iso3"

    def initial(self, request, *args, **kwargs):
        # ISO3 codes in any case: /member-states/zaf/ is South Africa's page, and its actions'.
        if "iso3" in self.kwargs:
            self.kwargs["iso3"] = self.kwargs["iso3"].upper()
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.member_states()

    def get_serializer_class(self):
        if self.action == "retrieve":  # one state's page adds its names in the six UN languages
            return api.MemberStateDetailSerializer
        return super().get_serializer_class()


@_documented(api.BodySerializer)
class BodyViewSet(RecordView, viewsets.ReadOnlyModelViewSet):
    serializer_class = api.BodySerializer
    lookup_field = "code"

    def get_queryset(self):
        return selectors.bodies()


@_documented(api.SessionSerializer)
class SessionViewSet(RecordView, viewsets.ReadOnlyModelViewSet):
    serializer_class = api.SessionSerializer
    filterset_class = filters.SessionFilter

    def get_queryset(self):
        return selectors.sessions()


@_documented(api.ResolutionSerializer)
class ResolutionViewSet(SponsorsFromText, RecordView, viewsets.ReadOnlyModelViewSet):
    """Draft resolutions and what they became, with their sponsors (and the day each joined or
    withdrew); a sponsor list pasted from the UN's text is read or saved at sponsors-from-text/."""

    serializer_class = api.ResolutionSerializer
    filterset_class = filters.ResolutionFilter
    filter_backends = [*RecordView.filter_backends, SearchFilter]
    search_fields = ["title", "draft_symbol", "adopted_symbol"]

    def get_queryset(self):
        return selectors.resolutions()


class TallyQuery(serializers.Serializer):
    group_by = serializers.ChoiceField(
        choices=["regional_group"], required=False, help_text="Count per regional group instead of overall."
    )


def _id_in_address(pk: str) -> int:
    """An id from the address, or a 404 (as a lookup through the ORM answers): nothing has an id
    that is not a whole number a database column holds."""
    if pk.isascii() and pk.isdigit() and int(pk) < 2**63:
        return int(pk)
    raise NotFound


TALLY = PolymorphicProxySerializer(
    component_name="VoteEventTally",
    serializers=[api.TallySerializer, api.GroupTallySerializer(many=True)],
    resource_type_field_name=None,
    many=False,
)


@extend_schema_view(
    list=extend_schema(responses=list_responses(api.VoteEventSerializer)),
    retrieve=extend_schema(responses={200: VoteEventDetailSerializer, 404: NOT_FOUND}),
)
class VoteEventViewSet(VoteEventExport, PastedVoteActions, RecordView, viewsets.ReadOnlyModelViewSet):
    """Decisions taken on resolutions, latest first, with their published totals."""

    serializer_class = api.VoteEventSerializer
    filterset_class = filters.VoteEventFilter

    def get_queryset(self):
        if self.action == "popolo":
            return selectors.vote_events_for_popolo()
        if self.action == "retrieve":  # one event's page adds the intentions declared beside its votes
            return selectors.vote_events_with_intentions()
        return selectors.vote_events()

    @extend_schema(
        summary="Count a roll call's recorded votes",
        description="Overall ({recorded, Y, N, A, X}), or with ?group_by=regional_group one row per "
        'regional group, ordered by name, states in no group last under "none". A vote event whose '
        "roll call is not on record (adopted without a vote, or its votes not imported) says so: "
        "`recorded` false and the counts null, or no rows by group; never a tally of zeros.",
        parameters=[TallyQuery],
        responses={200: TALLY, 400: FIELD_ERRORS, 404: NOT_FOUND},
    )
    @action(detail=True, filter_backends=[], query_parameters=TallyQuery)
    def tally(self, request, pk=None):
        query = validated_query(TallyQuery, request)
        if query.get("group_by") == "regional_group":
            vote_event = _id_in_address(pk)
            if not selectors.vote_event_exists(vote_event):
                raise NotFound
            # The selector's rows are GroupTallySerializer's already: plain numbers and text.
            return Response(selectors.tally_by_group(vote_event=vote_event))
        counts = selectors.tally_if_found(vote_event_id=_id_in_address(pk))
        if counts is None:
            raise NotFound
        return Response(counts)

    @extend_schema(
        summary="The vote event as Popolo JSON",
        description="A Popolo vote event (popoloproject.com) with its motion, counts, votes and "
        "regional group results, as `export_popolo` writes it.",
        responses={200: api.PopoloVoteEventSerializer, 404: NOT_FOUND},
    )
    @action(detail=True, filter_backends=[])
    def popolo(self, request, pk=None):
        return Response(vote_event_to_popolo(self.get_object()))


# A page of recorded votes, its query compiled once per shape of the request's filters.
RECORDED_VOTE_PAGES = CompiledList(
    filters.RecordedVoteFilter,
    base=selectors.recorded_votes,
    rows=selectors.recorded_vote_keys,
    ordered_by=VoteCursorPagination.ordering[0],
)


@extend_schema_view(list=extend_schema(responses=list_responses(api.RecordedVoteSerializer)))
class RecordedVoteViewSet(RecordedVoteExport, RecordView, mixins.ListModelMixin, viewsets.GenericViewSet):
    """How each state voted in each roll call: a million rows, paged by cursor (follow `next`)."""

    serializer_class = api.RecordedVoteSerializer
    filterset_class = filters.RecordedVoteFilter
    pagination_class = VoteCursorPagination

    def get_queryset(self):
        return selectors.recorded_votes()

    def list(self, request, *args, **kwargs):
        # Rows from plain values, not through the serializer (which the schema still reads): five
        # model instances and eight serializer fields a row took 5 ms of CPU for a page of 100.
        # The page is cut from the vote table's own columns, then its roll calls and states read.
        page = self.paginate_queryset(RECORDED_VOTE_PAGES.pages(request))
        roll_calls_and_states = selectors.roll_calls_and_states(page)
        if request.accepted_renderer.format == "csv":  # CSV's renderer reads the rows' columns
            return self.get_paginated_response(api.recorded_vote_rows(page, *roll_calls_and_states))
        return self.get_paginated_response(api.recorded_vote_json(page, *roll_calls_and_states))
