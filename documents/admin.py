"""Admin for documents and the signatories of letters."""

from django.contrib import admin
from django.db.models import Count
from unfold.admin import ModelAdmin, TabularInline

from core.admin import PolicyAdminMixin, PolicyInlineMixin
from directory.admin import OwnedAdminMixin
from documents.models import Document, Signature


class SignatureInline(PolicyInlineMixin, TabularInline):
    model = Signature
    extra = 0
    autocomplete_fields = ["organization", "person"]
    fields = ["order", "person", "organization", "capacity"]


@admin.register(Document)
class DocumentAdmin(OwnedAdminMixin, ModelAdmin):
    list_display = ["title", "kind", "dated", "publisher", "signatory_count", "is_illustrative"]
    list_filter = ["kind", "is_illustrative", ("campaigns", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "summary", "recipients_note"]
    date_hierarchy = "dated"
    autocomplete_fields = [
        "publisher",
        "recipient_states",
        "recipient_people",
        "recipient_organizations",
        "campaigns",
        "meetings",
        "side_events",
        "resolutions",
        "states",
    ]
    inlines = [SignatureInline]
    list_select_related = ["publisher"]

    def get_queryset(self, request):
        # A count groups the rows, and Django leaves a grouped query's default ordering out:
        # without it, the list and the autocomplete would page through rows in no set order.
        documents = super().get_queryset(request).annotate(_signatories=Count("signatures"))
        return documents.order_by(*Document._meta.ordering)

    @admin.display(description="signatories", ordering="_signatories")
    def signatory_count(self, document):
        return document._signatories


@admin.register(Signature)
class SignatureAdmin(PolicyAdminMixin, ModelAdmin):
    list_display = ["__str__", "document", "capacity", "order"]
    search_fields = ["person__name", "organization__name", "document__title"]
    autocomplete_fields = ["document", "person", "organization"]
    list_select_related = ["document", "person", "organization"]
