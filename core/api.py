"""What every REST endpoint shares: who may read and write (the access policy), writes through
the services, versions (ETag and If-Match), pagination, CSV, errors."""

import csv
import io
from collections import Counter

import orjson
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponseNotModified, QueryDict
from django.utils.cache import quote_etag
from django.utils.http import parse_etags
from rest_framework import (
    exceptions,
    negotiation,
    pagination,
    parsers,
    permissions,
    renderers,
    serializers,
    status,
)
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework_csv.renderers import PaginatedCSVRenderer as BasePaginatedCSVRenderer

from core.access import policy_for
from core.constraints import integrity_error_words
from core.query_params import check_query_parameters
from core.services import writes_for
from core.spreadsheets import spreadsheet_safe
from core.versions import version_of, versions_of

_ACTIONS = {"GET": "view", "HEAD": "view", "OPTIONS": "view", "POST": "add", "PUT": "change",
            "PATCH": "change", "DELETE": "delete"}  # fmt: skip


class PolicyPermission(permissions.BasePermission):
    """Every request asks the model's access policy (core/access.py): signed-in users read what
    the policy's scope lets them see (the queryset is scoped, so another organization's unshared
    record is a 404, as if it did not exist) and write what it lets them write (a partner's shared
    record is read, never changed: 403). Aggregate views without a model ask the policies in their
    selectors."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        model = _model_of(view)
        if model is None or request.method not in view.allowed_methods:
            return True  # an aggregate view asks in its selectors; a method it lacks is a 405
        policy = policy_for(model)
        action = _ACTIONS.get(request.method, "change")
        return policy.can_add(request.user) if action == "add" else policy.may(request.user, action)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        policy = policy_for(obj)
        if request.method == "DELETE":
            return policy.can_delete(request.user, obj)
        return policy.can_change(request.user, obj)


def _model_of(view):
    queryset = getattr(view, "queryset", None)
    if queryset is None and hasattr(view, "get_queryset"):
        queryset = view.get_queryset()
    return getattr(queryset, "model", None)


class PolicyRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference a writer may only point at what the policy lets them link to (a meeting under
    their organization's campaigns, a follow-up for a colleague): the browsable API's forms offer
    only those, and any other id is "does not exist", exactly like an id that does not."""

    def get_queryset(self):
        request = self.context.get("request")
        queryset = super().get_queryset()
        if request is None:
            return queryset.none()
        return policy_for(queryset.model).linkable(request.user, queryset)


class PolicySerializerMixin:
    # For ModelSerializers: references choose among what the writer may link to, and the fields
    # the policy hides from a reader (a meeting's confidential notes, for a partner) read null.
    # A comment, not a docstring: the schema would take it as every serializer's description.

    serializer_related_field = PolicyRelatedField

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None:
            for name in policy_for(instance).hidden_fields(request.user, instance) & set(data):
                data[name] = None
        return data


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The record changed since you read it: its ETag is no longer the one you sent in If-Match. "
        "Read it again, then send your change."
    )
    default_code = "precondition_failed"


_ETAG_ACTIONS = ("retrieve", "update", "partial_update")


class VersionedMixin:
    """For viewsets of records: one record's response (a read, or a change) carries its version
    (core/versions.py) as a strong ETag, and a read with `If-None-Match` naming it is a 304.
    `check_if_match` is for the writes (ServiceWritesMixin)."""

    version: str | None = None  # of the record this response shows, read no later than its body

    def get_object(self):
        if self.action == "retrieve":
            # Read before the record: if it changes in between, the tag is older than the body and
            # a change sent with it is refused, where a newer tag would let it overwrite unseen.
            self.version = self._version_before_reading()
        return super().get_object()

    def _version_before_reading(self) -> str | None:
        lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        queryset = self.filter_queryset(self.get_queryset())
        try:
            return next(iter(versions_of(queryset.filter(**{self.lookup_field: lookup})).values()), None)
        except (TypeError, ValueError, DjangoValidationError):
            return None  # a malformed id: get_object answers 404

    def check_if_match(self, record) -> None:
        """Inside the write's transaction: lock the record's row and refuse the write (412) if
        the request's If-Match names none of its current version, so that of two writers who
        read the same version, the second is refused."""
        sent = self.request.headers.get("If-Match")
        if sent is None:
            return
        current = version_of(record, lock=True)
        tags = parse_etags(sent)
        if current is None or not ("*" in tags or quote_etag(current) in tags):
            raise PreconditionFailed()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.version is None or response.status_code != 200 or self.action not in _ETAG_ACTIONS:
            return response
        etag = quote_etag(self.version)
        if request.method in ("GET", "HEAD") and _none_match(request, etag):
            response = _not_modified(response)
        response["ETag"] = etag
        return response


def _not_modified(response) -> HttpResponseNotModified:
    """A 304 in place of `response`: no body, the headers a cache needs kept."""
    not_modified = HttpResponseNotModified()
    for header in ("Vary", "Cache-Control", "Content-Location"):
        if header in response:
            not_modified[header] = response[header]
    return not_modified


def _none_match(request, etag: str) -> bool:
    """Does If-None-Match name `etag`? Compared weakly, as RFC 9110 has it for reads."""
    tags = parse_etags(request.headers.get("If-None-Match", ""))
    return "*" in tags or etag in {tag.removeprefix("W/") for tag in tags}


class ServiceWritesMixin(VersionedMixin):
    """For ModelViewSets: creates, changes and deletes go through the model's services
    (core/services.py), which ask the policy again, validate and fire the side effects. A change
    or delete sent with If-Match is made only on the version it names."""

    def perform_create(self, serializer):
        model = serializer.Meta.model
        writes = writes_for(model)
        serializer.instance = writes.save(
            author=self.request.user, record=model(), data=serializer.validated_data
        )

    @transaction.atomic
    def perform_update(self, serializer):
        self.check_if_match(serializer.instance)
        writes = writes_for(serializer.instance)
        writes.save(author=self.request.user, record=serializer.instance, data=serializer.validated_data)
        self.version = version_of(serializer.instance)  # in the transaction: no later than the body

    @transaction.atomic
    def perform_destroy(self, instance):
        self.check_if_match(instance)
        writes_for(instance).delete(author=self.request.user, record=instance)


# What a JSON body must send for each kind of field, as the schema says: DRF also takes 42 for
# "42", "7" for 7 and 1 for true, which would let a client's type error pass unnoticed.
_JSON_TYPES = [
    (serializers.BooleanField, bool, "true or false"),
    (serializers.CharField, str, "string"),
    (serializers.IntegerField, int, "whole number"),
    (serializers.PrimaryKeyRelatedField, int, "id"),
    (serializers.SlugRelatedField, str, "code"),
]


def _wrong_json_type(field: serializers.Field, value) -> str | None:
    """What `value` should have been for `field`, when it is a value of another JSON type."""
    if isinstance(field, serializers.ManyRelatedField):
        if not isinstance(value, list):
            return None  # DRF's own "Expected a list of items" names it
        wrong = (_wrong_json_type(field.child_relation, item) for item in value)
        return next((f"list of {expected}s" for expected in wrong if expected), None)
    if value is None:
        return None  # DRF's "may not be null" names it
    for kind, python_type, expected in _JSON_TYPES:
        if isinstance(field, kind):
            return None if _is_json_type(value, python_type) else expected
    return None


def _is_json_type(value, python_type: type) -> bool:
    if python_type is int:  # JSON has no integers of its own: 7.0 is 7, true is not
        whole = isinstance(value, float) and value.is_integer()
        return whole or (isinstance(value, int) and not isinstance(value, bool))
    return isinstance(value, python_type)


class JSONTypesMixin:
    # For serializers: in a JSON body, a value of the wrong type or a name that is no field (a
    # typo DRF would drop silently, saving the record without it) is a 400 naming it. Read-only
    # fields are accepted and ignored, so a record read can be sent back changed. Forms send
    # every value as text, and more than the fields, so they are left to DRF. A comment, not a
    # docstring: the schema would take a mixin's docstring as every serializer's description.

    def to_internal_value(self, data):
        if isinstance(data, dict) and not isinstance(data, QueryDict):
            wrong = {name: ["Unknown field."] for name in data if name not in self.fields}
            wrong |= {
                name: [f"Not a valid {expected}."]
                for name, field in self.fields.items()
                if not field.read_only and name in data and (expected := _wrong_json_type(field, data[name]))
            }
            if wrong:
                raise exceptions.ValidationError(wrong)
        return super().to_internal_value(data)


def field_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """Django's validation error as DRF's field errors: a rule about several fields (Django's
    "__all__") under DRF's own key for those, "non_field_errors", as every other 400 has it."""
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return {
        api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name: messages
        for name, messages in error.message_dict.items()
    }


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a body nested deeper than Python's JSON decoder recurses (a
    thousand `[`) answered as the malformed body it is, a 400, not a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError("JSON parse error - the body is nested too deeply.") from None


class CappedPageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        # An oversized or malformed page size is an error the client should hear about, not a
        # silent cap.
        raw = request.query_params.get(self.page_size_query_param)
        if not raw:  # left out, or sent empty as a form sends it
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_paginated_response(self, data):
        return with_next_link(super().get_paginated_response(data))


def with_next_link(response: Response) -> Response:
    """The next page's address in a Link header as well as in `next`: a CSV page has no `next`
    column to follow, and clients (requests' `response.links`) read the header."""
    if response.data.get("next"):
        response.headers["Link"] = f'<{response.data["next"]}>; rel="next"'
    return response


class WrittenJSON:
    """A value whose JSON is already written (`body`, bytes), which the JSON renderer writes as
    it is: a page of recorded votes joined from each roll call's and each state's JSON."""

    def __init__(self, body: bytes):
        self.body = body


class _Encoder(renderers.JSONRenderer.encoder_class):
    """DRF's encoder, which also writes WrittenJSON where DRF's renderer writes (indented JSON)."""

    def default(self, obj):
        if isinstance(obj, WrittenJSON):
            return orjson.loads(obj.body)
        return super().default(obj)


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON (compact, UTF-8, U+2028 and U+2029 escaped), written by orjson, in C: the
    standard library's encoder took a tenth of the CPU of a page of 500 recorded votes. What
    orjson does not write as DRF does (times in UTC, which DRF ends in "Z"; lazy text; decimals)
    goes to DRF's encoder. Indented JSON (the browsable API's) is DRF's own. One difference: a
    float that is not a number (NaN) is written as null, where DRF refused to write it."""

    encoder_class = _Encoder

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None or self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        body = orjson.dumps(data, default=_as_orjson_writes, option=_JSON_LIKE_DRF)
        if b"\xe2\x80" not in body:  # one scan where two replacements take two
            return body
        return body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


def _as_orjson_writes(obj):
    # WrittenJSON as it is; what orjson does not write as DRF does, through DRF's encoder.
    return orjson.Fragment(obj.body) if isinstance(obj, WrittenJSON) else _ENCODER.default(obj)


_ENCODER = _Encoder()


# Datetimes through DRF's encoder (its "Z" for UTC); keys that are numbers written as text, as
# json.dumps writes them.
_JSON_LIKE_DRF = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


class PaginatedCSVRenderer(BasePaginatedCSVRenderer):
    """`?format=csv` on every list: the page's rows as CSV, every cell safe to open in a
    spreadsheet (core/spreadsheets.py)."""

    format = "csv"

    def render(self, data, media_type=None, renderer_context=None):
        if data is None:  # a 204 has nothing to render
            return b""
        renderer_context = renderer_context or {}
        rendered = super().render(data, media_type, renderer_context)
        if rendered:
            return rendered
        # An empty page is still a CSV, its header row only: with no body at all, the response
        # would lose its content type, and a data frame its columns.
        return self._header_row(renderer_context)

    def tablize(self, data, header=None, labels=None):
        for row in super().tablize(data, header=header, labels=labels):
            yield [spreadsheet_safe(cell) for cell in row]

    def _header_row(self, renderer_context: dict) -> bytes:
        header = renderer_context.get("header")
        view = renderer_context.get("view")
        if not header and hasattr(view, "get_serializer"):
            header = list(view.get_serializer().fields)
        line = io.StringIO()
        csv.writer(line, **(self.writer_opts or {})).writerow(header or [])
        return line.getvalue().encode(self.charset or "utf-8")


class ContentNegotiation(negotiation.DefaultContentNegotiation):
    """An unknown `?format=` is a 400 naming the parameter, like any other bad parameter, where
    DRF answers 404 (which an unknown suffix, `/people.xml`, still gets: that address does not
    exist). An empty one is no format at all, as DRF has it. Being the first thing every view
    asks, it also refuses the query parameters the view does not know (core/query_params.py)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        check_query_parameters(request, (getattr(request, "parser_context", None) or {}).get("view"))
        asked = request.query_params.get(api_settings.URL_FORMAT_OVERRIDE)
        offered = [renderer.format for renderer in renderers]
        if asked and not format_suffix and asked not in offered:
            raise exceptions.ValidationError(
                {api_settings.URL_FORMAT_OVERRIDE: [f"One of: {', '.join(offered)}."]}
            )
        return super().select_renderer(request, renderers, format_suffix)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def exception_handler(exc, context):
    """Model validation raised below a serializer becomes a 400 with field errors, a constraint
    the database enforced a 400 in its words (core/constraints.py), and a delete that other
    records' protected references refuse a 409 saying so, not 500s. Errors are JSON even when
    CSV was asked for (errors_in_json)."""
    # Imported here: DRF loads this module while rest_framework.views is still being imported.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(field_errors(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict(_still_referred_to(exc))
    elif isinstance(exc, IntegrityError):  # a rule broken by a write that raced past validation
        exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [integrity_error_words(exc)]})
    response = drf_exception_handler(exc, context)
    if response is not None and context.get("request") is not None:
        errors_in_json(context["request"])
    return response


def errors_in_json(request) -> None:
    """An error answers in JSON even when CSV was asked for, so that a script can read it."""
    if getattr(getattr(request, "accepted_renderer", None), "format", "") == "csv":
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type


def _still_referred_to(exc: ProtectedError | RestrictedError) -> str:
    # Counted by kind only: the referring records' names may be protected identities.
    referring = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
    kinds = Counter(type(obj)._meta for obj in referring)
    listed = ", ".join(
        f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"
        for meta, count in sorted(kinds.items(), key=lambda item: item[0].label)
    )
    return f"Other records refer to this one ({listed}): change or delete them first."
