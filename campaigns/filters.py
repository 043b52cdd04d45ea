"""Query parameters of the campaigns' API lists, each validated: a typo is a 400 that names it."""

from django_filters import rest_framework as filters

from campaigns.models import Campaign, Target, Threshold
from core.filters import PolicyFilterSet
from directory.models import Organization
from unrecord.filters import by_code, by_series, by_state, on_or_after, on_or_before
from unrecord.models import RegionalGroup


def by_owner(field_name: str = "owner") -> filters.ModelChoiceFilter:
    return filters.ModelChoiceFilter(
        field_name=field_name, queryset=Organization.objects.all(), help_text="Owning organization id."
    )


def by_campaign(field_name: str = "campaign") -> filters.ModelChoiceFilter:
    # A campaign the user may not see is an unknown id (PolicyFilterSet scopes the choices).
    return filters.ModelChoiceFilter(
        field_name=field_name, queryset=Campaign.objects.all(), help_text="Campaign id."
    )


class CampaignFilter(PolicyFilterSet):
    owner = by_owner()
    series = by_series("series")
    starts_on_after = on_or_after("starts_on")
    starts_on_before = on_or_before("starts_on")
    ordering = filters.OrderingFilter(fields=("name", "starts_on", "ends_on", "status"))

    class Meta:
        model = Campaign
        fields = ["status", "owner", "series", "starts_on_after", "starts_on_before"]


class TargetFilter(PolicyFilterSet):
    campaign = by_campaign()
    state = by_state("state")
    regional_group = by_code(RegionalGroup, "state__regional_group", "WEOG")
    ordering = filters.OrderingFilter(fields=("priority", ("state__iso3", "state"), "wanted_vote"))

    class Meta:
        model = Target
        fields = ["campaign", "state", "regional_group", "priority", "wanted_vote"]


class ThresholdFilter(PolicyFilterSet):
    campaign = by_campaign()
    ordering = filters.OrderingFilter(fields=("kind", "value"))

    class Meta:
        model = Threshold
        fields = ["campaign", "kind"]
