"""A campaign's roll-over and its suggested targets over the API, actions of the campaigns'
viewset: POST /campaigns/{id}/roll-over/, GET and POST /campaigns/{id}/suggested-targets/.

The campaign is found in what the policy lets the user see (another organization's unshared one
is a 404); the services decide the rest and say why they refuse (403, 400)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a malformed id is a 404 too
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from campaigns.models import Campaign
from campaigns.services import accept_suggested_targets, roll_over_campaign
from campaigns.suggestions import suggested_targets
from core.openapi import FIELD_ERRORS, NOT_FOUND
from directory.owned_api import FORBIDDEN


class SuggestedTargetSerializer(serializers.Serializer):
    state = serializers.CharField(source="state.iso3", help_text="ISO 3166-1 alpha-3.")
    state_name = serializers.CharField(source="state.common_name")
    reason = serializers.CharField(help_text='In words, e.g. "Abstained in 2023, voted yes in 2019-2022".')
    priority = serializers.IntegerField(help_text="1 high, 2 medium, 3 low.")
    wanted_vote = serializers.CharField()


class AcceptSuggestionsSerializer(serializers.Serializer):
    states = serializers.ListField(
        child=serializers.CharField(max_length=3),
        required=False,
        allow_empty=False,
        help_text="ISO3 codes of the suggestions to accept.",
    )
    all = serializers.BooleanField(default=False, help_text="Accept every suggestion.")

    def validate(self, data):
        if data["all"] == bool(data.get("states")):
            raise serializers.ValidationError('Send either "states" (a list of ISO3 codes) or "all": true.')
        return data


class RollOverActions:
    """For the campaigns' viewset."""

    def _campaign(self, pk):
        # Not get_object: the services answer who may not, in words, rather than a bare 403. Found
        # among what the policy lets the user see, without the list's prefetching.
        return get_object_or_404(Campaign.objects.visible_to(self.request.user), pk=pk)

    @extend_schema(
        summary="Roll a campaign over to next session",
        description="Make next session's campaign from this one: its goal, series, bodies, targets and "
        "thresholds, these on the series' next draft (a placeholder until the UN publishes it). Once per "
        "campaign: a second time is a 400 naming the first successor.",
        request=None,
        responses={400: FIELD_ERRORS, 403: FORBIDDEN, 404: NOT_FOUND},  # 201: campaigns.api declares it
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="roll-over",
        permission_classes=[IsAuthenticated],
        filter_backends=[],
        pagination_class=None,
    )
    def roll_over(self, request, pk=None):
        successor = roll_over_campaign(author=request.user, campaign=self._campaign(pk))
        successor = self.get_queryset().get(pk=successor.pk)
        return Response(self.get_serializer(successor).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary="Targets the record suggests",
        description="States whose recent votes on the campaign's series moved (abstained after voting "
        "yes, changed their vote, absent), each with its reason; states already targets left out.",
        responses={200: SuggestedTargetSerializer(many=True), 404: NOT_FOUND},
    )
    @extend_schema(
        methods=["POST"],
        summary="Accept suggested targets",
        description="Make targets of the suggestions named (or all): each with its reason as rationale.",
        request=AcceptSuggestionsSerializer,
        responses={400: FIELD_ERRORS, 403: FORBIDDEN, 404: NOT_FOUND},  # 201: campaigns.api declares it
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="suggested-targets",
        permission_classes=[IsAuthenticated],
        filter_backends=[],
        pagination_class=None,
    )
    def suggested_targets(self, request, pk=None):
        campaign = self._campaign(pk)
        if request.method == "GET":
            return Response(SuggestedTargetSerializer(suggested_targets(campaign), many=True).data)
        given = AcceptSuggestionsSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        states = None if given.validated_data["all"] else given.validated_data["states"]
        accepted = accept_suggested_targets(author=request.user, campaign=campaign, states=states)
        return Response(self._targets(accepted), status=status.HTTP_201_CREATED)

    def _targets(self, accepted) -> list:
        from campaigns.api import TargetSerializer  # the viewset's module imports this one

        return TargetSerializer(accepted, many=True, context=self.get_serializer_context()).data
