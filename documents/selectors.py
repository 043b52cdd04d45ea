"""Reads of documents and their signatures, scoped to what a user may see."""

from django.db.models import QuerySet

from core.access import visible_prefetch
from documents.models import Document, Signature


def documents_visible_to(user) -> QuerySet[Document]:
    return (
        Document.objects.visible_to(user)
        .select_related("owner", "publisher")
        .prefetch_related(
            "recipient_states",
            "recipient_people",
            "recipient_organizations",
            "resolutions",
            "states",
            *(visible_prefetch(user, Document, name) for name in ("campaigns", "meetings", "side_events")),
        )
    )


def signatures_visible_to(user) -> QuerySet[Signature]:
    return Signature.objects.visible_to(user).select_related("document", "organization", "person")
