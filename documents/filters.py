"""Query parameters of the documents' API lists, each validated: a typo is a 400 that names it."""

from django_filters import rest_framework as filters

from campaigns.filters import by_campaign, by_owner
from core.filters import PolicyFilterSet
from documents.models import Document, Signature
from unrecord.filters import by_state, by_symbol, on_or_after, on_or_before


class DocumentFilter(PolicyFilterSet):
    dated_after = on_or_after("dated")
    dated_before = on_or_before("dated")
    campaign = by_campaign("campaigns")
    state = by_state("states")
    recipient_state = by_state("recipient_states")
    symbol = by_symbol("resolutions__")
    owner = by_owner()
    ordering = filters.OrderingFilter(fields=("dated", "title", "kind"))

    class Meta:
        model = Document
        fields = [
            "kind", "dated_after", "dated_before", "campaign", "state", "recipient_state", "symbol", "owner",
        ]  # fmt: skip

    def filter_queryset(self, queryset):
        # Filtering through a many-to-many can repeat a document: once per row it matched.
        return super().filter_queryset(queryset).distinct()


class SignatureFilter(PolicyFilterSet):
    class Meta:
        model = Signature
        fields = ["document", "organization", "person"]
