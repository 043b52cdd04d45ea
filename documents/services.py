"""Every write to documents and the signatures of letters."""

from core.services import Writes
from documents.models import Document, Signature

document_writes = Writes(Document)
signature_writes = Writes(Signature)
