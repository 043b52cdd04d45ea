"""POST /api/v1/resolutions/{id}/sponsors-from-text/: a draft's sponsor list pasted as the UN prints
it (an L-document's, an addendum's, an oral revision's, a withdrawal), previewed (`dry_run`) or
saved through `unrecord.services.record_sponsors`."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import JSONTypesMixin
from core.openapi import FIELD_ERRORS
from unrecord import selectors
from unrecord.api.serializers import SponsorshipSerializer
from unrecord.services import record_sponsors
from unrecord.sponsor_changes import Effect, Kind, SponsorListResult, preview_sponsors
from unrecord.sponsor_text import MAX_TEXT


class SponsorListSerializer(JSONTypesMixin, serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_TEXT,
        trim_whitespace=False,
        help_text='The list as the UN prints it: an L-document\'s heading ("Albania, …: draft resolution"), '
        'an addendum ("The following countries have become sponsors …: …"), a meeting record ("X and '
        'Y joined the sponsors") or a withdrawal ("X withdrew as a sponsor").',
    )
    date = serializers.DateField(help_text="Day of the document or meeting: states join (or withdraw) then.")
    kind = serializers.ChoiceField(choices=Kind.choices, help_text="Where the list comes from.")
    document = serializers.CharField(
        max_length=60,
        required=False,
        default="",
        allow_blank=True,
        help_text="The document's symbol; an addendum's (\"A/C.3/69/L.28/Add.1\") is recorded as a revision.",
    )
    dry_run = serializers.BooleanField(default=False, help_text="Read and check the text; save nothing.")


class SponsorChangeSerializer(serializers.Serializer):
    state = serializers.CharField(source="iso3", help_text="ISO 3166-1 alpha-3 code.")
    name = serializers.CharField(source="state_name")
    line = serializers.IntegerField(help_text="Line of the text that names it.")
    effect = serializers.ChoiceField(choices=Effect.values)
    joined_on = serializers.DateField(allow_null=True, help_text="As it is (or will be) recorded.")
    withdrew_on = serializers.DateField(allow_null=True)
    on_behalf_of = serializers.CharField(allow_blank=True)


class SponsorListPreviewSerializer(serializers.Serializer):
    resolution = serializers.IntegerField(source="resolution.pk")
    # Its choices are the request's: a second component with this `kind` enum would leave
    # drf-spectacular no collision-free name for it beside VoteEvent's and the thresholds'.
    kind = serializers.CharField(help_text="As sent: draft, addendum, oral or withdrawal.")
    date = serializers.DateField()
    document = serializers.CharField(allow_blank=True)
    revision = serializers.CharField(
        allow_blank=True, help_text="The addendum symbol recorded as a revision of the draft, if any."
    )
    saved = serializers.BooleanField()
    changes = SponsorChangeSerializer(many=True)


class SponsorListSavedSerializer(SponsorListPreviewSerializer):
    sponsors = SponsorshipSerializer(many=True, help_text="The draft's sponsors once saved.")


class SponsorsFromText:
    """For the resolutions' viewset: the POST that reads or saves a pasted sponsor list (the
    access policy answers for it as for any change to the record, record keepers only, and the
    service asks it again)."""

    def get_serializer_class(self):
        if self.action == "sponsors_from_text":  # the browsable API's form
            return SponsorListSerializer
        return super().get_serializer_class()

    @extend_schema(
        summary="Record a draft's sponsors pasted from the UN's text",
        description="Read the states that join or withdraw from a draft's sponsors. With `dry_run`, "
        "answer what saving would change; else save it (record keepers only): a state that joins is a "
        "co-sponsor from `date`, one already a sponsor keeps the earlier day, a withdrawal ends a "
        "sponsorship. Every problem of the text comes back by line, e.g. "
        '`{"text": ["line 3: \'Narnia\' resolves to no state on 2014-11-10"]}`, and nothing is saved.',
        request=SponsorListSerializer,
        responses={200: SponsorListPreviewSerializer, 201: SponsorListSavedSerializer, 400: FIELD_ERRORS},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="sponsors-from-text",
        filter_backends=[],
        pagination_class=None,
    )
    def sponsors_from_text(self, request, pk=None):
        resolution = self.get_object()
        given = SponsorListSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        fields = {key: value for key, value in given.validated_data.items() if key != "dry_run"}
        if given.validated_data["dry_run"]:
            result = preview_sponsors(resolution=resolution, **fields)
            if not result.ok:
                raise serializers.ValidationError(result.errors())
            return Response(SponsorListPreviewSerializer(result).data)
        result = record_sponsors(author=request.user, resolution=resolution, **fields)
        return Response(_saved(result), status=status.HTTP_201_CREATED)


def _saved(result: SponsorListResult) -> dict:
    resolution = selectors.resolutions().get(pk=result.resolution.pk)
    data = SponsorListPreviewSerializer(result).data
    return data | {"sponsors": SponsorshipSerializer(resolution.sponsorships.all(), many=True).data}
