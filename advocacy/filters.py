"""Query parameters of the outreach API's lists, each validated: a typo is a 400 that names it."""

from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from advocacy.models import FollowUp, Incident, Meeting, Position, SideEvent, Stance
from campaigns.filters import by_campaign, by_owner
from campaigns.models import Campaign
from core.filters import PolicyFilterSet
from unrecord.filters import IntegerFilter, by_code, by_series, by_state, by_symbol, on_or_after, on_or_before
from unrecord.models import Body, RegionalGroup, Resolution


def yes_or_no(help_text: str, method: str) -> filters.TypedChoiceFilter:
    # A plain BooleanFilter quietly ignores "maybe"; a bad value should be an error.
    return filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        method=method,
        help_text=help_text,
    )


class MeetingFilter(PolicyFilterSet):
    date_after = on_or_after("date")
    date_before = on_or_before("date")
    state = by_state("states")
    regional_group = by_code(RegionalGroup, "states__regional_group", "WEOG")
    campaign = by_campaign("campaigns")
    symbol = by_symbol("resolutions__")
    stance = filters.ChoiceFilter(
        field_name="stances__position",
        choices=Position.choices,
        help_text="A stance said at the meeting (by any state met).",
    )
    owner = by_owner()
    ordering = filters.OrderingFilter(fields=("date", "place"))

    class Meta:
        model = Meeting
        fields = [
            "date_after",
            "date_before",
            "state",
            "regional_group",
            "campaign",
            "symbol",
            "stance",
            "owner",
        ]

    def filter_queryset(self, queryset):
        # Filtering through a many-to-many can repeat a meeting: once per state it matched.
        return super().filter_queryset(queryset).distinct()


class SideEventFilter(PolicyFilterSet):
    date_after = on_or_after("date")
    date_before = on_or_before("date")
    body = by_code(Body, "body", "HRC")
    session = IntegerFilter(field_name="session__number", help_text="Session number, e.g. 69.")
    cosponsor = by_state("cosponsors")
    campaign = by_campaign("campaigns")
    owner = by_owner()
    ordering = filters.OrderingFilter(fields=("date", "title"))

    class Meta:
        model = SideEvent
        fields = [
            "date_after",
            "date_before",
            "location",
            "body",
            "session",
            "cosponsor",
            "campaign",
            "owner",
        ]

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class IncidentFilter(PolicyFilterSet):
    state = by_state("state")

    class Meta:
        model = Incident
        fields = ["side_event", "kind", "state"]


class FollowUpFilter(PolicyFilterSet):
    due_after = on_or_after("due_on")
    due_before = on_or_before("due_on")
    overdue = yes_or_no("Open and past its due day (true), or not (false).", "filter_overdue")
    campaign = by_campaign()
    state = by_state("state")
    owner = by_owner()
    ordering = filters.OrderingFilter(fields=("due_on", "status"))

    class Meta:
        model = FollowUp
        fields = ["status", "due_after", "due_before", "overdue", "assignee", "campaign", "state", "owner"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue(today=timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class StanceFilter(PolicyFilterSet):
    campaign = filters.ModelChoiceFilter(
        queryset=Campaign.objects.all(),
        method="filter_campaign",
        help_text="Campaign id: its organization's stances on the campaign's resolutions or series.",
    )
    state = by_state("state")
    regional_group = by_code(RegionalGroup, "state__regional_group", "WEOG")
    as_of_after = on_or_after("as_of")
    as_of_before = on_or_before("as_of")
    resolution = filters.ModelChoiceFilter(queryset=Resolution.objects.all(), help_text="Resolution id.")
    series = by_series("series")
    owner = by_owner()
    current = yes_or_no(
        "Only each organization's latest stance of each state on each resolution or series (true).",
        "filter_current",
    )
    ordering = filters.OrderingFilter(fields=("as_of", ("state__iso3", "state"), "position"))

    class Meta:
        model = Stance
        fields = [
            "campaign", "state", "regional_group", "resolution", "series", "owner", "position", "evidence",
            "confidence", "as_of_after", "as_of_before", "current",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.INT)
    def filter_campaign(self, queryset, name, value):
        return queryset.seen_by_campaign(value)

    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_current(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Stance.objects.current().values("pk"))
