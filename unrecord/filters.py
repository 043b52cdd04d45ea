"""Query parameters of the UN record's API lists: each one validated, so a typo is a 400 that names it."""

import copy
import functools

from django import forms
from django.db.models import F, Q, QuerySet
from django_filters import rest_framework as filters
from django_filters.constants import EMPTY_VALUES
from rest_framework.filters import SearchFilter

from core.compiled_query import AnyOfRows
from core.dates import ISO_DATE
from core.filters import KeyChoiceFilter, PreparedFilterSet
from unrecord.models import (
    Body,
    MemberState,
    RecordedVote,
    RegionalGroup,
    Resolution,
    ResolutionSeries,
    Session,
    VoteChoice,
    VoteEvent,
)
from unrecord.state_search import states_matching


class RecordFilterSet(PreparedFilterSet):
    """The record's filters choose among the same rows for everyone: built once, not on every
    request (core/filters.py)."""


class IntegerFilter(filters.NumberFilter):
    """A whole number: "69.5" is an error, not a filter that matches nothing."""

    field_class = forms.IntegerField


def by_code(model, field_name: str, example: str) -> KeyChoiceFilter:
    return KeyChoiceFilter(
        field_name=field_name,
        queryset=model.objects.all(),
        to_field_name="code",
        help_text=f"{model._meta.verbose_name.capitalize()} code, e.g. {example}.",
    )


def by_series(field_name: str) -> KeyChoiceFilter:
    return KeyChoiceFilter(
        field_name=field_name, queryset=ResolutionSeries.objects.all(), help_text="Resolution series id."
    )


def by_symbol(prefix: str) -> filters.CharFilter:
    return filters.CharFilter(
        field_name=f"{prefix}symbol",  # the resolution's path, read back by _matching_symbol
        method=_matching_symbol,
        help_text="Draft or adopted symbol, in any case, e.g. A/C.3/69/L.28 or A/RES/69/188.",
    )


def _matching_symbol(queryset: QuerySet, name: str, value: str) -> QuerySet:
    prefix = name.removesuffix("symbol")
    return queryset.filter(
        Q(**{f"{prefix}draft_symbol__iexact": value}) | Q(**{f"{prefix}adopted_symbol__iexact": value})
    )


class _StateCodeField(KeyChoiceFilter.field_class):
    def to_python(self, value):
        return super().to_python(value.upper() if isinstance(value, str) else value)


class StateCodeFilter(KeyChoiceFilter):
    """A state by its ISO 3166-1 alpha-3 code, in any case: `?state=zaf` is South Africa."""

    field_class = _StateCodeField


def by_state(field_name: str) -> StateCodeFilter:
    return StateCodeFilter(
        field_name=field_name,
        queryset=MemberState.objects.all(),
        to_field_name="iso3",
        help_text="ISO 3166-1 alpha-3, e.g. PRK (any case).",
    )


# Two filters rather than a DateFromToRangeFilter, so that an error names the parameter sent.
def on_or_after(field_name: str) -> filters.DateFilter:
    return filters.DateFilter(
        field_name=field_name,
        input_formats=[ISO_DATE],  # whatever language the client's Accept-Language names
        lookup_expr="gte",
        help_text="From this day on (YYYY-MM-DD).",
    )


def on_or_before(field_name: str) -> filters.DateFilter:
    return filters.DateFilter(
        field_name=field_name,
        input_formats=[ISO_DATE],  # whatever language the client's Accept-Language names
        lookup_expr="lte",
        help_text="Up to this day (YYYY-MM-DD).",
    )


class StateNameSearch(SearchFilter):
    """?search= on states: any name of any state, in any of the six UN languages, accents and
    case ignored (unrecord/state_search.py), best matches first unless an ordering is asked."""

    def filter_queryset(self, request, queryset, view):
        term = request.query_params.get(self.search_param, "")
        found = states_matching(queryset, term)
        if queryset.query.order_by:  # the ordering asked for (the FilterSet's), not the best first
            return found.order_by(*queryset.query.order_by)
        return found


class MemberStateFilter(RecordFilterSet):
    regional_group = by_code(RegionalGroup, "regional_group", "WEOG")
    ordering = filters.OrderingFilter(fields=("iso3", "common_name", "un_name", "admitted_on"))

    class Meta:
        model = MemberState
        fields = ["status", "regional_group"]


class SessionFilter(RecordFilterSet):
    body = by_code(Body, "body", "GA")
    number = IntegerFilter()

    class Meta:
        model = Session
        fields = ["body", "number"]


class ResolutionFilter(RecordFilterSet):
    session = IntegerFilter(field_name="session__number", help_text="Session number, e.g. 69.")
    body = by_code(Body, "body", "GA")
    symbol = by_symbol("")
    series = by_series("series")
    adopted_on_after = on_or_after("adopted_on")
    adopted_on_before = on_or_before("adopted_on")
    ordering = filters.OrderingFilter(
        fields=(
            ("session__number", "session"),
            "adopted_on",
            "tabled_on",
            "draft_symbol",
            "adopted_symbol",
        )
    )

    class Meta:
        model = Resolution
        fields = ["session", "body", "symbol", "series", "adopted_on_after", "adopted_on_before"]


class VoteEventFilter(RecordFilterSet):
    date_after = on_or_after("date")
    date_before = on_or_before("date")
    session = IntegerFilter(field_name="session__number", help_text="Session number, e.g. 69.")
    body = by_code(Body, "body", "GA")
    symbol = by_symbol("resolution__")
    series = by_series("resolution__series")
    ordering = filters.OrderingFilter(fields=("date", "id"))

    class Meta:
        model = VoteEvent
        fields = ["date_after", "date_before", "session", "body", "symbol", "series", "kind", "result"]


class RecordedVoteFilter(RecordFilterSet):
    state = by_state("state")
    regional_group = by_code(RegionalGroup, "state__regional_group", "WEOG")
    choice = filters.ChoiceFilter(choices=VoteChoice.choices)
    vote_event = KeyChoiceFilter(queryset=VoteEvent.objects.all(), help_text="Vote event id.")
    # The filters on the roll call (their paths start at vote_event__): see filter_by.
    session = IntegerFilter(field_name="vote_event__session__number", help_text="Session number, e.g. 69.")
    symbol = by_symbol("vote_event__resolution__")
    series = by_series("vote_event__resolution__series")
    date_after = on_or_after("vote_event__date")
    date_before = on_or_before("vote_event__date")

    class Meta:
        model = RecordedVote
        fields = [
            "state",
            "regional_group",
            "choice",
            "vote_event",
            "session",
            "symbol",
            "series",
            "date_after",
            "date_before",
        ]

    def filter_by(self, queryset: QuerySet, values: dict) -> QuerySet:
        # The filters on the roll call choose roll calls, whose ids filter the votes as one array
        # in the same statement (AnyOfRows). PostgreSQL then reads the votes in key order from
        # the key's index and stops at the page's end, where, joined to the roll calls, it read
        # all their votes and sorted them: 0.1 ms against 0.7 ms for a series' page of 500,
        # 0.05 ms against 1.5 ms for a session's (which, by the sessions' number, walked the
        # roll calls in id order to theirs).
        on_roll_calls = _filters_on_roll_calls(type(self))
        roll_calls = None
        for name, value in values.items():
            if name not in on_roll_calls:
                queryset = self.filters[name].filter(queryset, value)
            elif value not in EMPTY_VALUES:
                narrowed = VoteEvent.objects.order_by() if roll_calls is None else roll_calls
                roll_calls = on_roll_calls[name].filter(narrowed, value)
        if roll_calls is None:
            return queryset
        return queryset.filter(AnyOfRows(F("vote_event_id"), roll_calls.values("pk")))


ON_ROLL_CALL = "vote_event__"


@functools.cache
def _filters_on_roll_calls(filterset_class: type[filters.FilterSet]) -> dict[str, filters.Filter]:
    """The FilterSet's filters on the roll call (path `vote_event__...`), each copied with its path
    from the roll call, to filter roll calls with. They keep their paths from the vote where they
    are declared, for the schema and the form. Shared by every request and thread, so a method
    filter among them names a function (by_symbol's), not a FilterSet's method."""
    on_roll_calls = {}
    for name, declared in filterset_class.base_filters.items():
        if declared.field_name.startswith(ON_ROLL_CALL):
            filter_ = copy.deepcopy(declared)
            filter_.field_name = declared.field_name.removeprefix(ON_ROLL_CALL)
            filter_.model = VoteEvent  # a method filter's FilterMethod, deep-copied too, reads the copy
            on_roll_calls[name] = filter_
    return on_roll_calls
