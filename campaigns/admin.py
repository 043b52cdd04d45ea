"""Admin for campaigns, their targets and their thresholds of success."""

from django.contrib import admin
from unfold.admin import ModelAdmin, TabularInline

from campaigns.admin_rollover import RollOverAdminMixin
from campaigns.models import Campaign, Target, Threshold
from campaigns.spreadsheets import TargetResource
from core.admin import PolicyAdminMixin, PolicyInlineMixin
from core.spreadsheet_admin import SpreadsheetAdminMixin
from directory.admin import OwnedAdminMixin


class TargetInline(PolicyInlineMixin, TabularInline):
    model = Target
    extra = 0
    autocomplete_fields = ["state"]
    fields = ["state", "wanted_vote", "priority", "rationale", "is_illustrative"]


class ThresholdInline(PolicyInlineMixin, TabularInline):
    model = Threshold
    extra = 0
    autocomplete_fields = ["resolution", "amendment", "body"]
    fields = ["kind", "value", "majority", "resolution", "amendment", "body", "is_illustrative"]


@admin.register(Campaign)
class CampaignAdmin(RollOverAdminMixin, OwnedAdminMixin, ModelAdmin):
    list_display = ["name", "owner", "status", "starts_on", "ends_on", "series", "shared_with_partners"]
    list_filter = ["status", "shared_with_partners"]
    search_fields = ["name", "goal"]
    autocomplete_fields = ["series", "resolutions", "bodies"]
    date_hierarchy = "starts_on"
    inlines = [ThresholdInline, TargetInline]
    list_select_related = ["owner", "series"]
    readonly_fields = ["rolled_over_from"]  # set by the roll-over only


@admin.register(Target)
class TargetAdmin(SpreadsheetAdminMixin, PolicyAdminMixin, ModelAdmin):
    resource_classes = [TargetResource]
    list_display = ["state", "campaign", "wanted_vote", "priority", "is_illustrative"]
    list_filter = [
        "priority",
        "wanted_vote",
        ("state__regional_group", admin.RelatedOnlyFieldListFilter),
        "campaign",
    ]
    search_fields = ["state__common_name", "state__iso3", "campaign__name"]
    autocomplete_fields = ["campaign", "state"]
    list_select_related = ["state", "campaign"]


@admin.register(Threshold)
class ThresholdAdmin(PolicyAdminMixin, ModelAdmin):
    list_display = ["__str__", "campaign", "kind", "value", "is_illustrative"]
    list_filter = ["kind", "campaign"]
    search_fields = ["campaign__name"]
    autocomplete_fields = ["campaign", "resolution", "amendment", "body"]
    list_select_related = ["campaign", "body", "amendment"]
