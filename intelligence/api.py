"""A campaign's scoreboard over the API: per state, the target, the current stance, the projected
and the actual vote. Read by whoever may read the campaign; 404 for anyone else."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from campaigns.models import Campaign
from intelligence.selectors import campaign_scoreboard
from unrecord.api.common import CSV_PAGE, FIELD_ERRORS, NOT_FOUND, RecordView, validated_query
from unrecord.models import VoteChoice

VOTE = VoteChoice.choices


class ScoreboardRowSerializer(serializers.Serializer):
    iso3 = serializers.CharField()
    name = serializers.CharField()
    regional_group = serializers.CharField(allow_null=True, help_text="The group's code, e.g. AFRICAN.")
    regional_group_name = serializers.CharField(allow_null=True)
    is_target = serializers.BooleanField()
    wanted_vote = serializers.ChoiceField(VOTE[:3], allow_null=True, help_text="The vote the campaign wants.")
    priority = serializers.IntegerField(allow_null=True, help_text="1 high, 2 medium, 3 low.")
    priority_label = serializers.CharField(allow_null=True)
    stance_position = serializers.CharField(allow_null=True, help_text="The latest stance's position.")
    stance_as_of = serializers.DateField(allow_null=True)
    stance_evidence = serializers.CharField(allow_null=True)
    stance_confidence = serializers.CharField(allow_null=True)
    projected_vote = serializers.ChoiceField(VOTE, allow_null=True, help_text="X: likely absent.")
    projected_confidence = serializers.FloatField(allow_null=True, help_text="From 0 to 1.")
    projected_basis = serializers.CharField(
        allow_null=True, help_text="What the projection rests on: stance, history, group or no_data."
    )
    projected_reason = serializers.CharField(allow_null=True, help_text="The projection's reason, in words.")
    actual_vote = serializers.ChoiceField(
        VOTE, allow_null=True, help_text="Once the decisive vote is recorded: the plenary's, else the latest."
    )
    target_met = serializers.BooleanField(allow_null=True, help_text="Null until the vote is recorded.")


class ScoreboardQuery(serializers.Serializer):
    as_of = serializers.DateField(
        required=False, help_text="The day to score on (YYYY-MM-DD): stances and votes known by then."
    )
    all_states = serializers.BooleanField(
        required=False, default=False, help_text="Every state with a seat, not only the targeted ones."
    )


class ScoreboardViewSet(RecordView, viewsets.GenericViewSet):
    pagination_class = None
    filter_backends = []
    serializer_class = ScoreboardRowSerializer

    def get_queryset(self):
        return Campaign.objects.visible_to(self.request.user)

    @extend_schema(
        summary="A campaign's scoreboard",
        description="One row per targeted state, high priority first (with ?all_states=true, then "
        "every other state with a seat). The projection shown after the vote is the one of the day "
        "before it.",
        parameters=[ScoreboardQuery, OpenApiParameter("campaign_pk", int, OpenApiParameter.PATH)],
        responses={
            (200, "application/json"): ScoreboardRowSerializer(many=True),
            (200, "text/csv"): CSV_PAGE,
            400: FIELD_ERRORS,
            404: NOT_FOUND,
        },
    )
    def list(self, request, campaign_pk=None):
        query = validated_query(ScoreboardQuery, request)
        campaign = get_object_or_404(self.get_queryset(), pk=campaign_pk)
        rows = campaign_scoreboard(
            campaign=campaign, as_of=query.get("as_of"), all_states=query["all_states"]
        )
        return Response(self.get_serializer(rows, many=True).data)
