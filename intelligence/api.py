"""A campaign's whip count over the API: the scoreboard (per state, the target, the current stance,
the projected and the actual vote) and the projection (the expected tally with its 80% interval,
the thresholds against it, the swing list). Read by whoever may read the campaign; 404 for anyone
else. A projected vote is given the same way everywhere, as flat fields (a CSV keeps its columns)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from campaigns.models import Campaign, Threshold
from core.openapi import FIELD_ERRORS, NOT_FOUND
from core.record_api import CSV_PAGE, RecordView, validated_query
from intelligence.projection import shows_shared_stances_only
from intelligence.selectors import campaign_projection_summary, campaign_scoreboard
from intelligence.swing import SWING_LIMIT
from unrecord.models import VoteChoice

VOTE = VoteChoice.choices
CAMPAIGN_PK = OpenApiParameter("campaign_pk", int, OpenApiParameter.PATH)
_PROBABILITIES = {"yes": "Y", "no": "N", "abstain": "A", "absent": "X"}


def projected_vote_fields() -> dict[str, serializers.Field]:
    """The fields of a ProjectedVote (the serialized object's `call`), null when there is none."""
    fields = {
        "projected_vote": serializers.ChoiceField(
            VOTE, source="call.vote", allow_null=True, help_text="The most probable choice; X: likely absent."
        ),
        "projected_confidence": serializers.FloatField(
            source="call.confidence", allow_null=True, help_text="The probability of that choice, 0 to 1."
        ),
    }
    for word, option in _PROBABILITIES.items():
        fields[f"projected_probability_{word}"] = serializers.FloatField(
            source=f"call.probabilities.{option}", allow_null=True, help_text=f"The probability of {word}."
        )
    return fields | {
        "projected_basis": serializers.CharField(
            source="call.basis",
            allow_null=True,
            help_text="The strongest evidence the call rests on: committee, stance, cosponsor, history, "
            "group or no_data.",
        ),
        "projected_reason": serializers.CharField(
            source="call.reason", allow_null=True, help_text="The projection's reason, in words."
        ),
        "projected_moved": serializers.CharField(
            source="call.moved",
            allow_null=True,
            help_text="Why the call moved lately (fresh evidence against the state's record); null if not.",
        ),
    }


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
    actual_vote = serializers.ChoiceField(
        VOTE, allow_null=True, help_text="Once the decisive vote is recorded: the plenary's, else the latest."
    )
    target_met = serializers.BooleanField(allow_null=True, help_text="Null until the vote is recorded.")

    def get_fields(self):
        # The projected vote's columns sit between the stance's and the actual vote's.
        fields = super().get_fields()
        after = {name: fields.pop(name) for name in ("actual_vote", "target_met")}
        return fields | projected_vote_fields() | after


class ScoreboardQuery(serializers.Serializer):
    as_of = serializers.DateField(
        required=False, help_text="The day to score on (YYYY-MM-DD): stances and votes known by then."
    )
    all_states = serializers.BooleanField(
        required=False, default=False, help_text="Every state with a seat, not only the targeted ones."
    )


class CampaignFigures(RecordView, viewsets.GenericViewSet):
    """A figure of one campaign the user may see (404 otherwise), computed from the stances the
    user may see: a partner's from the shared ones."""

    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return Campaign.objects.visible_to(self.request.user)

    def campaign_and_audience(self, campaign_pk) -> tuple[Campaign, bool]:
        """The campaign, and whether its figures are read from the shared stances only."""
        campaign = get_object_or_404(self.get_queryset(), pk=campaign_pk)
        return campaign, shows_shared_stances_only(self.request.user, campaign)


class ScoreboardViewSet(CampaignFigures):
    serializer_class = ScoreboardRowSerializer
    query_parameters = ScoreboardQuery

    @extend_schema(
        summary="A campaign's scoreboard",
        description="One row per targeted state, high priority first (with ?all_states=true, then "
        "every other state with a seat). The projection shown after the vote is the one of the day "
        "before it.",
        parameters=[ScoreboardQuery, CAMPAIGN_PK],
        responses={
            (200, "application/json"): ScoreboardRowSerializer(many=True),
            (200, "text/csv"): CSV_PAGE,
            400: FIELD_ERRORS,
            404: NOT_FOUND,
        },
    )
    def list(self, request, campaign_pk=None):
        query = validated_query(ScoreboardQuery, request)
        campaign, shared_only = self.campaign_and_audience(campaign_pk)
        rows = campaign_scoreboard(
            campaign=campaign,
            as_of=query.get("as_of"),
            all_states=query["all_states"],
            shared_only=shared_only,
        )
        return Response(self.get_serializer(rows, many=True).data)


# The projection: totals, thresholds, swing list -----------------------------------------------


class ExpectedCountsSerializer(serializers.Serializer):
    Y = serializers.FloatField()
    N = serializers.FloatField()
    A = serializers.FloatField()
    X = serializers.FloatField(help_text="Absent or not voting.")


class CountsSerializer(serializers.Serializer):
    Y = serializers.IntegerField()
    N = serializers.IntegerField()
    A = serializers.IntegerField()
    X = serializers.IntegerField(help_text="Absent or not voting.")


class TotalsSerializer(serializers.Serializer):
    expected = ExpectedCountsSerializer(help_text="Per option, the sum of the states' probabilities.")
    low = CountsSerializer(help_text="The 80% interval's low end (10th percentile) per option.")
    high = CountsSerializer(help_text="The 80% interval's high end (90th percentile) per option.")


class ThresholdCallSerializer(serializers.Serializer):
    threshold = serializers.IntegerField(source="threshold_id")
    label = serializers.CharField()
    kind = serializers.ChoiceField(Threshold.Kind.choices)
    value = serializers.IntegerField(allow_null=True)
    body = serializers.CharField(
        allow_null=True, help_text="The code of the body whose vote counts; null: any."
    )
    majority = serializers.ChoiceField(
        Threshold.Majority.choices, allow_null=True, help_text="For adoption; null for the other kinds."
    )
    # A plain string: a second set of choices named "status" would collide in the schema's enums.
    status = serializers.CharField(
        help_text="met: across the whole 80% interval; missed: nowhere in it; at_risk: in between; "
        "not_projected (amendments)."
    )
    expected_met = serializers.BooleanField(allow_null=True, help_text="Whether the expected tally meets it.")
    more_yes_needed = serializers.IntegerField(
        allow_null=True,
        help_text="At the expected tally, states turning yes from abstention or absence for it to be met "
        "(0: met); null where yes votes are not what it counts.",
    )
    no_turned_needed = serializers.IntegerField(
        allow_null=True, help_text="For adoption: the same reached by no votes turned to yes instead."
    )
    explanation = serializers.CharField()


class SwingSerializer(serializers.Serializer):
    iso3 = serializers.CharField(source="call.iso3")
    name = serializers.CharField(source="call.name")
    is_target = serializers.BooleanField()
    uncertainty = serializers.FloatField(
        help_text="The probability that the state votes otherwise than called."
    )
    reason = serializers.CharField(help_text="Why the call moved, if it did; else the call's reason.")

    def get_fields(self):
        return super().get_fields() | projected_vote_fields()


class ProjectionSerializer(serializers.Serializer):
    as_of = serializers.DateField(help_text="The day projected: the eve of the vote once it is held.")
    resolution = serializers.IntegerField(source="resolution_id", allow_null=True)
    totals = TotalsSerializer()
    thresholds = ThresholdCallSerializer(many=True)
    swing = SwingSerializer(
        many=True,
        help_text="The states whose call moved lately, then those least certain; targets first when equally "
        "uncertain.",
    )


class ProjectionQuery(serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text="Project from what was known by this day.")
    swing_limit = serializers.IntegerField(
        required=False, default=SWING_LIMIT, min_value=0, max_value=200, help_text="How many swing states."
    )


class ProjectionViewSet(CampaignFigures):
    """/campaigns/{id}/projection/: one figure, not a list."""

    csv_actions = ()
    serializer_class = ProjectionSerializer
    query_parameters = ProjectionQuery

    @extend_schema(
        summary="A campaign's projected vote",
        description="The expected tally and its 80% interval, the campaign's thresholds against it "
        "(with the yes votes still needed), and the swing list.",
        parameters=[ProjectionQuery, CAMPAIGN_PK],
        responses={200: ProjectionSerializer, 400: FIELD_ERRORS, 404: NOT_FOUND},
    )
    def list(self, request, campaign_pk=None):
        query = validated_query(ProjectionQuery, request)
        campaign, shared_only = self.campaign_and_audience(campaign_pk)
        summary = campaign_projection_summary(
            campaign=campaign,
            as_of=query.get("as_of"),
            swing_limit=query["swing_limit"],
            shared_only=shared_only,
        )
        return Response(self.get_serializer(summary).data)
