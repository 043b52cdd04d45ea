"""Reads of documents and their signatures, scoped to what a user may see."""

from django.db.models import QuerySet

from documents.models import Document, Signature


def documents_visible_to(user) -> QuerySet[Document]:
    return (
        Document.objects.visible_to(user)
        .select_related("owner", "publisher")
        .prefetch_related(
            "recipient_states",
            "recipient_people",
            "recipient_organizations",
            "campaigns",
            "meetings",
            "side_events",
            "resolutions",
            "states",
        )
    )


def signatures_visible_to(user) -> QuerySet[Signature]:
    return Signature.objects.visible_to(user).select_related("document", "organization", "person")
