"""What every resource endpoint shares beyond access and writes: validated query parameters, CSV
for lists (and errors in JSON even then), a state named by its ISO3 code, and a list's responses
in the schema."""

import functools
from collections.abc import Callable

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers

from core.access import policy_for
from core.api import VersionedMixin, errors_in_json
from core.compiled_query import CompiledPages, CompiledQuery, CompiledQueryShapes, keys_among
from core.filters import WHOLE_NUMBER_STAND_IN, PreparedFilterSet, stand_ins
from core.openapi import FIELD_ERRORS

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


class KeyField(serializers.PrimaryKeyRelatedField):
    """A row of `model` by its id, checked by one compiled query (core/compiled_query.py) and
    given as the id: PrimaryKeyRelatedField fetched and built the whole row through the ORM, on
    every request, for a query parameter that the selectors read as an id. The same errors."""

    def __init__(self, *, model, **kwargs):
        self.model = model
        super().__init__(queryset=model._default_manager.all(), **kwargs)

    def to_internal_value(self, data) -> int:
        try:
            if isinstance(data, bool):
                raise TypeError
            key = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not _keys_of(self.model).rows([key]):
            self.fail("does_not_exist", pk_value=data)
        return key


@functools.cache
def _keys_of(model) -> CompiledQuery:
    # Per model, not per field: a serializer's fields are copied for each request.
    return keys_among(model._default_manager.all())


class CompiledList:
    """A cursor-paged list's page query, compiled once for each shape it is asked in (which of
    its FilterSet's filters are given, the page's direction, whether it starts after a position),
    then run with each request's values: django-filter applying the filters and the ORM building
    and compiling the query cost more CPU than PostgreSQL's answer, on every page. The request's
    query parameters are still validated by the FilterSet's form (its errors, the same 400), the
    rows still filtered by the FilterSet's own filters (`filter_by`, with stand-in values, at
    compile time), and DRF's CursorPagination still decides what each cursor says.

    Only for lists whose rows are the same for everyone (the UN record): a shape is compiled once
    for all users. `rows(queryset)` turns the filtered queryset into the page's rows (its
    values_list); `ordered_by` is the field the pagination's cursor positions are on."""

    def __init__(
        self,
        filterset_class: type[PreparedFilterSet],
        *,
        base: Callable[[], QuerySet],
        rows: Callable[[QuerySet], QuerySet],
        ordered_by: str,
    ):
        self._filterset_class = filterset_class
        self._base = base
        self._rows = rows
        filters = stand_ins(filterset_class)
        # The two lookups CursorPagination filters a page's position with.
        after = WHOLE_NUMBER_STAND_IN - len(filters) - 1
        self._positions = {f"{ordered_by}__gt": after, f"{ordered_by}__lt": after - 1}
        self._shapes = CompiledQueryShapes(
            self._build, stand_ins={**filters, **self._positions}, shaped_by=("order_by",)
        )

    def pages(self, request) -> CompiledPages:
        """The rows the request's filters select, for the view's paginator; a 400 for bad filters."""
        filterset = self._filterset_class(request.query_params, request=request)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return CompiledPages(self._shapes, filterset.given())

    def _build(self, *, order_by: tuple[str, ...] = (), **criteria) -> QuerySet:
        model = self._filterset_class._meta.model
        if not policy_for(model).public:  # asked once per shape, before its SQL serves everyone
            raise ImproperlyConfigured(f"{model._meta.label}'s rows depend on who asks: no compiled list.")
        positions = {name: criteria.pop(name) for name in self._positions if name in criteria}
        base = self._base()
        filtered = self._filterset_class(queryset=base).filter_by(base, criteria)
        return self._rows(filtered.filter(**positions).order_by(*order_by))


@extend_schema_field(OpenApiTypes.STR)
class StateCodeField(serializers.SlugRelatedField):
    """A member state by its ISO 3166-1 alpha-3 code, read in any case ("zaf" is South Africa's),
    as every endpoint names states. The model is looked up by label because core sits below the
    app that holds the record."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="iso3", **kwargs)

    def get_queryset(self):
        return apps.get_model("unrecord", "MemberState").objects.all()

    def to_internal_value(self, data):
        return super().to_internal_value(data.upper() if isinstance(data, str) else data)


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
        if response.status_code >= 400:
            errors_in_json(request)
        return super().finalize_response(request, response, *args, **kwargs)


def _asked_for_csv(request) -> bool:
    renderer = getattr(request, "accepted_renderer", None)
    return renderer is not None and renderer.format == "csv"


def _is_scalar(field: serializers.Field) -> bool:
    return not isinstance(
        field, serializers.BaseSerializer | serializers.ManyRelatedField | serializers.ListField
    )
