"""The letters already recorded that a letter being added looks like (core/duplicates.py): a
similar title, on the same date when both have one."""

from django.db.models import Q

from core import duplicates
from core.access import policy_for
from documents.models import Document

LETTERS = (Document.Kind.LETTER, Document.Kind.JOINT_LETTER)


def letters_like(*, user, record: Document, data) -> list[Document]:
    if record.kind not in LETTERS:
        return []
    candidates = policy_for(Document).scope(user).filter(kind__in=LETTERS).exclude(pk=record.pk)
    if record.dated:
        candidates = candidates.filter(Q(dated=record.dated) | Q(dated__isnull=True))
    candidates = candidates.only("title", "dated", "kind")
    return duplicates.alike_by_name(candidates, record.title, attribute="title")


duplicates.declare(Document, letters_like)
