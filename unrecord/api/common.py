"""What the UN record's endpoints share: validated query parameters, CSV for lists, cursor pages,
and the schema of their errors."""

from django.conf import settings
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, pagination, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api import CappedPageNumberPagination, VersionedMixin
from core.openapi import ERROR_REF, FIELD_ERRORS
from unrecord.filters import ROLL_CALL_FILTERS

NOT_FOUND = OpenApiResponse(ERROR_REF, description="Nothing in the record answers to this address.")
CSV_PAGE = OpenApiResponse(
    OpenApiTypes.STR,
    description="With ?format=csv: the page's rows, a header row first. The next page is in the Link header.",
)


def list_responses(serializer_class) -> dict:
    """A list's responses for @extend_schema: its JSON page, the CSV of that page, and a 400."""
    return {
        (200, "application/json"): serializer_class(many=True),
        (200, "text/csv"): CSV_PAGE,
        (400, "application/json"): FIELD_ERRORS,
    }


def validated_query(query_class: type[serializers.Serializer], request) -> dict:
    """The request's query parameters as `query_class` validates them; a 400 naming each bad one."""
    query = query_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


class RecordView(VersionedMixin):
    """Lists filter through their FilterSet only (its `ordering` included, so that an unknown
    ordering is a 400 too; views with `search_fields` add SearchFilter). Only the actions that list
    rows render CSV, in the serializer's column order when the rows are flat; errors stay JSON even
    when CSV was asked for, so that a script can read them. One record's page carries its ETag."""

    filter_backends = [DjangoFilterBackend]
    csv_actions = ("list",)
    # The parameters an action validates itself (validated_query), known to core/query_params.py.
    query_parameters: type[serializers.Serializer] | tuple[str, ...] = ()

    def get_renderers(self):
        renderers = super().get_renderers()
        if getattr(self, "action", None) in self.csv_actions:
            return renderers
        return [renderer for renderer in renderers if renderer.format != "csv"]

    def get_renderer_context(self):
        context = super().get_renderer_context()
        if _asked_for_csv(self.request):
            fields = self.get_serializer().fields
            if all(_is_scalar(field) for field in fields.values()):
                context["header"] = list(fields)
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400 and _asked_for_csv(request):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


def _asked_for_csv(request) -> bool:
    renderer = getattr(request, "accepted_renderer", None)
    return renderer is not None and renderer.format == "csv"


def _is_scalar(field: serializers.Field) -> bool:
    return not isinstance(
        field, serializers.BaseSerializer | serializers.ManyRelatedField | serializers.ListField
    )


class VoteCursorPagination(pagination.CursorPagination):
    """Pages through a million recorded votes by primary key: `id > last` walks the primary key's
    index, costs the same on the last page as on the first, and stays put while imports append
    (they insert in roll-call order, so id order is the order of the voting file). Votes filtered
    by state or by roll call are paged in roll-call order instead (see get_ordering)."""

    ordering = "id"
    page_size = 100
    page_size_query_param = "page_size"
    page_size_query_description = f"Rows per page, 1 to {settings.API_MAX_PAGE_SIZE} (default 100)."
    max_page_size = settings.API_MAX_PAGE_SIZE
    # The same 400 for a bad page size as on every other list.
    get_page_size = CappedPageNumberPagination.get_page_size

    def get_ordering(self, request, queryset, view):
        # With ?state=, `id > last ORDER BY id` would walk the primary key past every earlier
        # vote of every state until it found a page of this one's (50 ms for North Korea, whose
        # votes start halfway through the file). The state's (state, roll call) index gives its
        # votes in roll-call order directly, and a state votes once per roll call.
        if request.query_params.get("state"):
            return ("vote_event_id",)
        # With a filter on the roll call (?session=69), `id > last ORDER BY id` walks the primary
        # key past every vote of every earlier roll call, for the planner cannot know that the
        # session's votes all come late in the file (800,000 rows, 1 s for session 69). In
        # roll-call order it reads the matching roll calls, then their votes from the roll
        # call's index. The cursor's position is then the roll call, with an offset within it.
        if any(request.query_params.get(name) for name in ROLL_CALL_FILTERS):
            return ("vote_event_id", "id")
        return super().get_ordering(request, queryset, view)

    def decode_cursor(self, request):
        # A mangled cursor is bad input: not DRF's 404, nor a 500 when a position that is not a
        # number reaches the id filter.
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise self._bad_cursor() from None
        if cursor is not None and cursor.position is not None and not cursor.position.isdigit():
            raise self._bad_cursor()
        return cursor

    def _bad_cursor(self) -> exceptions.ValidationError:
        return exceptions.ValidationError({self.cursor_query_param: ["Not a cursor this API handed out."]})

    def get_paginated_response(self, data) -> Response:
        response = super().get_paginated_response(data)
        if response.data["next"]:
            response.headers["Link"] = f'<{response.data["next"]}>; rel="next"'
        return response
