"""Documents over the API: reports, letters and joint letters with their signatories. Files are
uploaded in the admin; the API carries their address."""

from rest_framework import serializers

from advocacy.api import organizations, owned, people
from campaigns.api import owned_campaign, state_codes
from directory.owned_api import OwnedRecordSerializer, OwnedRecordViewSet, PolicySerializer, documented
from documents import filters, selectors
from documents.models import Document, Signature


class DocumentSerializer(OwnedRecordSerializer):
    file = serializers.FileField(read_only=True, allow_null=True, help_text="Uploaded in the admin.")
    recipient_states = state_codes(many=True, required=False, help_text="ISO3 codes.")
    recipient_people = people()
    recipient_organizations = organizations(required=False)
    campaigns = owned_campaign(many=True, required=False)
    states = state_codes(many=True, required=False, help_text="ISO3 codes of the states it concerns.")

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


@documented(SignatureSerializer)
class SignatureViewSet(OwnedRecordViewSet):
    """The signatories of letters: an organization, a person, or a person for an organization."""

    serializer_class = SignatureSerializer
    filterset_class = filters.SignatureFilter
    search_fields = ["capacity", "person__name", "organization__name"]
    selector = selectors.signatures_visible_to
