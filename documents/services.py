"""Every write to documents and the signatures of letters, and the text read from their files."""

import logging

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models.fields.files import FieldFile

from core.background import queue_on_commit
from core.services import Writes
from documents.models import Document, Signature
from documents.text import text_of
from documents.uploads import check_upload

logger = logging.getLogger(__name__)
READ_TEXT_TASK = "documents.read_document_text"


def _file_is_allowed(*, author, record, stored, data) -> None:
    """A new file must be of a kind Plenary accepts and within the size limit, whether the admin,
    the API or a command brings it; the file already stored (a FieldFile) is not read again."""
    upload = data.get("file")
    if isinstance(upload, File) and not isinstance(upload, FieldFile):
        try:
            check_upload(upload)
        except ValidationError as refused:
            raise ValidationError({"file": refused.error_list}) from None


def _read_text_of_a_new_file(*, record, stored) -> None:
    """A new file's text is read once the save commits (documents/tasks.py), off the request; the
    text of the file it replaces, or of a file removed, goes at once."""
    if stored is not None and stored.file.name == record.file.name:
        return
    if stored is None and not record.file:
        return  # a new document without a file (or one being deleted): nothing to read
    Document.objects.filter(pk=record.pk).update(extracted_text="")
    if record.file:
        queue_on_commit(READ_TEXT_TASK, document_id=record.pk, file_name=record.file.name)


def record_document_text(*, document_id: int, file_name: str) -> None:
    """Store the text of document `document_id`'s file, if its file is still `file_name` (a file
    replaced since is read by its own run). A PDF that cannot be read leaves it empty, logged."""
    document = Document.objects.filter(pk=document_id, file=file_name).first()
    if document is None:
        return
    try:
        with document.file.open("rb") as file:
            text = text_of(file, file_name)
    except OSError as error:
        logger.warning("The file of document %s could not be opened to read its text: %r", document_id, error)
        return
    Document.objects.filter(pk=document_id, file=file_name).update(extracted_text=text)


document_writes = Writes(Document, checks=(_file_is_allowed,), after=(_read_text_of_a_new_file,))
signature_writes = Writes(Signature)
