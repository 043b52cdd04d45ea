"""Background tasks of documents: reading an uploaded PDF's text for the search."""

from celery import shared_task

from documents import services


@shared_task(name="documents.read_document_text", acks_late=True)
def read_document_text(document_id: int, file_name: str) -> None:
    """Read the text of document `document_id`'s file, if it is still `file_name`."""
    services.record_document_text(document_id=document_id, file_name=file_name)
