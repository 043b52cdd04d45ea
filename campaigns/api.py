"""Campaigns, their targets and thresholds over the API: read by every role of the owning
organization (and partners when shared), written by managers."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from campaigns import filters, selectors
from campaigns.api_rollover import RollOverActions
from campaigns.models import Campaign, Target, Threshold
from core.api import PolicyRelatedField
from core.openapi import FIELD_ERRORS, NOT_FOUND
from core.record_api import StateCodeField
from directory.owned_api import (
    FORBIDDEN,
    OwnedRecordSerializer,
    OwnedRecordViewSet,
    PolicySerializer,
    documented,
)
from unrecord.models import Body


def body_codes(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", queryset=Body.objects.all(), **kwargs)


def owned_campaign(**kwargs) -> PolicyRelatedField:
    return PolicyRelatedField(
        queryset=Campaign.objects.all(), help_text="A campaign of your organization.", **kwargs
    )


class CampaignSerializer(OwnedRecordSerializer):
    bodies = body_codes(many=True, required=False, help_text="Body codes, e.g. GA-C3.")

    class Meta:
        model = Campaign
        fields = [
            "id", "name", "goal", "status", "starts_on", "ends_on", "series", "resolutions", "bodies",
            "rolled_over_from", *OwnedRecordSerializer.OWNED_FIELDS, *OwnedRecordSerializer.TIMESTAMPS,
        ]  # fmt: skip
        # The unique-per-owner name is checked by validate_constraints once the owner is known.
        validators = []
        read_only_fields = ["rolled_over_from"]  # set by the roll-over only


class TargetSerializer(PolicySerializer):
    campaign = owned_campaign()
    state = StateCodeField(help_text="ISO 3166-1 alpha-3, e.g. BWA.")
    state_name = serializers.CharField(source="state.common_name", read_only=True)
    regional_group = serializers.CharField(
        source="state.regional_group.code", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Target
        fields = [
            "id", "campaign", "state", "state_name", "regional_group", "wanted_vote", "priority",
            "rationale", "is_illustrative",
        ]  # fmt: skip
        validators = []  # one target per state: validate_constraints says so with the field named


class ThresholdSerializer(PolicySerializer):
    campaign = owned_campaign()
    body = body_codes(required=False, allow_null=True, help_text="The body whose vote counts; any if null.")
    label = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Threshold
        fields = [
            "id",
            "campaign",
            "kind",
            "value",
            "majority",
            "resolution",
            "amendment",
            "body",
            "label",
            "is_illustrative",
        ]


@documented(CampaignSerializer)
@extend_schema_view(  # the bodies of campaigns/api_rollover.py's answers: its serializers are here
    roll_over=extend_schema(
        responses={201: CampaignSerializer, 400: FIELD_ERRORS, 403: FORBIDDEN, 404: NOT_FOUND}
    ),
    suggested_targets=extend_schema(
        methods=["POST"],
        responses={201: TargetSerializer(many=True), 400: FIELD_ERRORS, 403: FORBIDDEN, 404: NOT_FOUND},
    ),
)
class CampaignViewSet(RollOverActions, OwnedRecordViewSet):
    serializer_class = CampaignSerializer
    filterset_class = filters.CampaignFilter
    search_fields = ["name", "goal"]
    selector = selectors.campaigns_visible_to


@documented(TargetSerializer)
class TargetViewSet(OwnedRecordViewSet):
    """The states a campaign wants a vote from, with the vote it wants and how much it matters."""

    serializer_class = TargetSerializer
    filterset_class = filters.TargetFilter
    search_fields = ["state__common_name", "state__iso3", "rationale"]
    selector = selectors.targets_visible_to


@documented(ThresholdSerializer)
class ThresholdViewSet(OwnedRecordViewSet):
    """A campaign's conditions of success, e.g. at least 100 yes in plenary."""

    serializer_class = ThresholdSerializer
    filterset_class = filters.ThresholdFilter
    search_fields = ["campaign__name"]
    selector = selectors.thresholds_visible_to
