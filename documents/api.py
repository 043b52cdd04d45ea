"""Documents over the API: reports, letters and joint letters with their signatories, and each
document's file, uploaded as multipart/form-data and downloaded from its own address."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.fields import SkipField
from rest_framework.generics import get_object_or_404  # a malformed id is a 404 too

from advocacy.api import organizations, owned, people
from campaigns.api import owned_campaign
from core.access import policy_for
from core.record_api import StateCodeField
from directory.owned_api import OwnedRecordSerializer, OwnedRecordViewSet, PolicySerializer, documented
from documents import filters, selectors
from documents.downloads import file_response
from documents.models import Document, Signature
from documents.uploads import ALLOWED


class DocumentFileField(serializers.FileField):
    """Reads as the address the file is downloaded from (the model's file has no other); written
    as a file in a multipart/form-data body, or null to remove it."""

    def run_validation(self, data=serializers.empty):
        # A record read and sent back as JSON carries the file's address: its file is unchanged.
        instance = getattr(self.parent, "instance", None)
        if isinstance(data, str) and instance is not None and data == self.to_representation(instance.file):
            raise SkipField()
        return super().run_validation(data)


class DocumentSerializer(OwnedRecordSerializer):
    file = DocumentFileField(
        required=False,
        allow_null=True,
        help_text="Download it from this address. Upload a file as multipart/form-data; in JSON, send "
        f"its address back unchanged, or null to remove it. {ALLOWED}",
    )
    recipient_states = StateCodeField(many=True, required=False, help_text="ISO3 codes.")
    recipient_people = people()
    recipient_organizations = organizations(required=False)
    campaigns = owned_campaign(many=True, required=False)
    states = StateCodeField(many=True, required=False, help_text="ISO3 codes of the states it concerns.")

    class Meta:
        model = Document
        fields = [
            "id", "kind", "title", "dated", "url", "file", "summary", "publisher", "recipient_states",
            "recipient_people", "recipient_organizations", "recipients_note", "campaigns", "meetings",
            "side_events", "resolutions", "states",
            *OwnedRecordSerializer.OWNED_FIELDS, *OwnedRecordSerializer.TIMESTAMPS,
        ]  # fmt: skip


class SignatureSerializer(PolicySerializer):
    document = owned(Document, help_text="A document of your organization.")
    signatory = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Signature
        fields = ["id", "document", "organization", "person", "signatory", "capacity", "order"]


@documented(DocumentSerializer)
class DocumentViewSet(OwnedRecordViewSet):
    serializer_class = DocumentSerializer
    filterset_class = filters.DocumentFilter
    search_fields = ["title", "summary"]
    selector = selectors.documents_visible_to

    @extend_schema(
        responses={
            (200, "*/*"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The file, as an attachment (Content-Disposition), typed by its content.",
            )
        },
    )
    @action(detail=True, methods=["get"], url_path="file", url_name="file", filter_backends=[])
    def download(self, request, pk=None):
        """The document's file, to save: 404 when it has none, or is not yours to see."""
        return file_response(get_object_or_404(policy_for(Document).scope(request.user), pk=pk))

    def perform_content_negotiation(self, request, force=False):
        # A file is what it is, whatever the client says it accepts: never a 406 for it.
        return super().perform_content_negotiation(request, force=force or self.action == "download")


@documented(SignatureSerializer)
class SignatureViewSet(OwnedRecordViewSet):
    """The signatories of letters: an organization, a person, or a person for an organization."""

    serializer_class = SignatureSerializer
    filterset_class = filters.SignatureFilter
    search_fields = ["capacity", "person__name", "organization__name"]
    selector = selectors.signatures_visible_to
