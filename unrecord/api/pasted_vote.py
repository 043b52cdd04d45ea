"""POST /api/v1/vote-events/from-text/: a recorded vote pasted as the UN prints it, previewed
(`dry_run`) or saved through `unrecord.services.record_pasted_vote`; and the intentions declared
beside a vote event's recorded votes, on its own page."""

from dataclasses import asdict

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import JSONTypesMixin
from core.openapi import FIELD_ERRORS
from unrecord import pasted_votes, selectors
from unrecord.api.serializers import VoteEventSerializer
from unrecord.models import Body, Resolution, VoteChoice, VoteEvent
from unrecord.services import record_pasted_vote
from unrecord.vote_text import ParsedVote, parse_recorded_vote

MAX_TEXT = 100_000  # characters: a roll call of 193 states, wrapped and footnoted, takes about 5,000
MAX_ID = 2**63  # no row has an id a bigint column cannot hold


class DeclaredIntentionSerializer(serializers.Serializer):
    state = serializers.CharField(help_text="ISO 3166-1 alpha-3 code.")
    choice = serializers.ChoiceField(choices=VoteChoice.choices, help_text="The vote it intended.")
    note = serializers.CharField(help_text="The footnote as the record prints it.")


class VoteEventDetailSerializer(VoteEventSerializer):
    declared_intentions = DeclaredIntentionSerializer(
        source="intention_rows",
        many=True,
        read_only=True,
        help_text="Delegations that advised, after the vote, that they had intended to vote otherwise; "
        "their recorded votes stand as recorded.",
    )

    class Meta(VoteEventSerializer.Meta):
        fields = [*VoteEventSerializer.Meta.fields, "declared_intentions"]
        read_only_fields = fields


@extend_schema_field(
    {"oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1, "maxLength": 60}]}
)
class ResolutionReference(serializers.Field):
    """A resolution by its id, or by the symbol of its draft, of a revision or of the resolution."""

    default_error_messages = {
        "invalid": "Give the resolution's id or a symbol, e.g. A/C.3/69/L.28.",
        "unknown": "No draft, resolution or revision has this id or symbol.",
    }

    def to_internal_value(self, data) -> Resolution:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        if isinstance(data, str) and ("\x00" in data or len(data) > 60 or not data.strip()):
            self.fail("invalid")
        digits = str(data).strip()
        resolution = _resolution_by_id(int(digits)) if digits.isascii() and digits.isdigit() else None
        resolution = resolution or (
            pasted_votes.resolution_by_symbol(data) if isinstance(data, str) else None
        )
        if resolution is None:
            self.fail("unknown")
        return resolution

    def to_representation(self, value: Resolution) -> int:
        return value.pk


def _resolution_by_id(pk: int) -> Resolution | None:
    if not 0 < pk < MAX_ID:
        return None
    return Resolution.objects.select_related("session").filter(pk=pk).first()


class PastedVoteSerializer(JSONTypesMixin, serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_TEXT,
        trim_whitespace=False,
        help_text='The vote as the UN prints it: "In favour: … Against: … Abstaining: … Absent: …", in any '
        "order, with or without counts, the totals stated in words or figures, footnotes after the lists.",
    )
    body = serializers.SlugRelatedField(
        slug_field="code", queryset=Body.objects.select_related("parent"), help_text="e.g. GA-C3 or GA."
    )
    date = serializers.DateField(help_text="Day of the vote; names are read as the UN printed them then.")
    resolution = ResolutionReference(required=False, default=None)
    kind = serializers.ChoiceField(choices=VoteEvent.Kind.choices, default=VoteEvent.Kind.WHOLE_DRAFT)
    replace = serializers.BooleanField(
        default=False,
        help_text="Give the roll call already recorded (same resolution, body, day, kind) these votes.",
    )
    dry_run = serializers.BooleanField(default=False, help_text="Read and check the text; save nothing.")


class StatedTotalsSerializer(serializers.Serializer):
    yes = serializers.IntegerField()
    no = serializers.IntegerField()
    abstain = serializers.IntegerField(allow_null=True)
    line = serializers.IntegerField()


class PreviewIntentionSerializer(DeclaredIntentionSerializer):
    line = serializers.IntegerField(help_text="Line of the text where the footnote is.")


class VoteCountsSerializer(serializers.Serializer):
    Y = serializers.IntegerField(help_text="In favour.")
    N = serializers.IntegerField(help_text="Against.")
    A = serializers.IntegerField(help_text="Abstaining.")
    X = serializers.IntegerField(help_text="Absent.")


class PastedVotePreviewSerializer(serializers.Serializer):
    votes = serializers.DictField(
        child=serializers.ChoiceField(choices=VoteChoice.choices),
        help_text="Each state's vote, by ISO3 code.",
    )
    counts = VoteCountsSerializer()
    stated_totals = StatedTotalsSerializer(allow_null=True, help_text="The totals the text states, if any.")
    intentions = PreviewIntentionSerializer(many=True)
    result = serializers.ChoiceField(choices=VoteEvent.Result.choices, help_text="By a simple majority.")
    session = serializers.IntegerField(
        allow_null=True, help_text="The session the vote would be filed under."
    )
    recorded_already = serializers.IntegerField(
        allow_null=True, help_text="The vote event saving would replace (send replace), if any."
    )


def preview_data(parsed: ParsedVote, *, given: dict) -> dict:
    """What a dry run answers: the text's reading, and what saving it would do."""
    where = {"body": given["body"], "day": given["date"], "resolution": given["resolution"]}
    earlier = pasted_votes.same_roll_call(**where, kind=given["kind"])
    totals = parsed.totals
    return {
        "votes": dict(sorted(parsed.choices().items())),
        "counts": {choice: parsed.count(choice) for choice in VoteChoice.values},
        "stated_totals": None if totals is None else asdict(totals),
        "intentions": [
            {"state": i.iso3, "choice": i.choice, "note": i.note, "line": i.line} for i in parsed.intentions
        ],
        "result": pasted_votes.result_of(parsed),
        "session": pasted_votes.session_number_for(**where),
        "recorded_already": earlier.pk if earlier else None,
    }


class PastedVoteActions:
    """For the vote events' viewset: the POST that reads or saves a pasted roll call (the access
    policy answers for it as for any add, record keepers only, and the service asks it again);
    and one event's page with the intentions declared beside its votes."""

    def get_serializer_class(self):
        if self.action == "retrieve":
            return VoteEventDetailSerializer
        if self.action == "from_text":  # the browsable API's form
            return PastedVoteSerializer
        return super().get_serializer_class()

    @extend_schema(
        summary="Record a vote pasted from the UN's text",
        description="Read a recorded vote as UN press releases, meeting records and committee reports "
        "print it. With `dry_run`, answer each state's vote, the counts and the declared intentions, "
        "saving nothing; else save the roll call (record keepers only). Every problem of the text "
        'comes back by line, e.g. `{"text": ["line 4: \'Narnia\' resolves to no state on 2014-11-18"]}`, '
        "and nothing is saved.",
        request=PastedVoteSerializer,
        responses={200: PastedVotePreviewSerializer, 201: VoteEventDetailSerializer, 400: FIELD_ERRORS},
    )
    @action(detail=False, methods=["post"], url_path="from-text", filter_backends=[], pagination_class=None)
    def from_text(self, request):
        given = PastedVoteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        if data["dry_run"]:
            return self._preview(data)
        event = record_pasted_vote(
            author=request.user,
            text=data["text"],
            body=data["body"],
            date=data["date"],
            resolution=data["resolution"],
            kind=data["kind"],
            replace=data["replace"],
        )
        saved = selectors.vote_events_with_intentions().get(pk=event.pk)
        return Response(VoteEventDetailSerializer(saved).data, status=status.HTTP_201_CREATED)

    def _preview(self, data: dict) -> Response:
        parsed = parse_recorded_vote(data["text"], on=data["date"])
        if errors := pasted_votes.input_errors(parsed, date=data["date"], kind=data["kind"]):
            raise serializers.ValidationError(errors)
        return Response(PastedVotePreviewSerializer(preview_data(parsed, given=data)).data)
