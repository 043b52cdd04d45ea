"""Every write to documents and the signatures of letters."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models.fields.files import FieldFile

from core.services import Writes
from documents.models import Document, Signature
from documents.uploads import check_upload


def _file_is_allowed(*, author, record, stored, data) -> None:
    """A new file must be of a kind Plenary accepts and within the size limit, whether the admin,
    the API or a command brings it; the file already stored (a FieldFile) is not read again."""
    upload = data.get("file")
    if isinstance(upload, File) and not isinstance(upload, FieldFile):
        try:
            check_upload(upload)
        except ValidationError as refused:
            raise ValidationError({"file": refused.error_list}) from None


document_writes = Writes(Document, checks=(_file_is_allowed,))
signature_writes = Writes(Signature)
