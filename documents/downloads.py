"""A document's file as a download: the only way Plenary serves an uploaded file.

Whatever a file holds, the browser saves it and never renders it in Plenary's origin: it comes as
an attachment, with the type its bytes were found to be (or application/octet-stream), no
sniffing, and a Content-Security-Policy that would sandbox it and block its scripts and requests
even if something did render it. Who may download it is the document's access policy's to say
(the view in documents/api.py asks it)."""

from pathlib import PurePath

from django.http import FileResponse, Http404

from documents.models import Document
from documents.uploads import kind_of

SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    # Only the user's own browser may keep a copy: never a shared proxy.
    "Cache-Control": "private, no-store",
}


def file_response(document: Document) -> FileResponse:
    """The file of `document`, which the caller has checked the user may see; 404 without one."""
    if not document.file:
        raise Http404("This document has no file.")
    try:
        stored = document.file.storage.open(document.file.name, "rb")
    except FileNotFoundError:
        raise Http404("This document's file is missing from the server.") from None
    kind = kind_of(stored, document.file.name)
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=PurePath(document.file.name).name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    for header, value in SAFE_HEADERS.items():
        response[header] = value
    return response
