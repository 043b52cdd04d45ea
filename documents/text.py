"""The text of a document's PDF file, read for the one search box (desk/search.py).

Read once the file is saved (documents/services.py queues it on commit, documents/tasks.py reads
it), never while a person waits on the save. A file pypdf cannot read (damaged, encrypted, a scan
without text) leaves the text empty and says so in the log: the document itself is saved as it
was uploaded.
"""

import logging

from pypdf import PdfReader

from documents.uploads import PDF, kind_of

logger = logging.getLogger(__name__)

# A tsvector holds at most 1 MB; a few hundred pages of text are plenty to be found by.
MAX_CHARACTERS = 300_000


def text_of(file, name: str) -> str:
    """The text of `file` when it is a PDF (by its bytes, and named so); "" for any other kind
    and for a PDF that cannot be read."""
    if kind_of(file, name) is not PDF:
        return ""
    try:
        return _pages_text(PdfReader(file))
    except Exception as error:  # hostile or damaged bytes break a parser in any way: no text then
        logger.warning("No text read from %s: %r", name, error)
        return ""


def _pages_text(reader: PdfReader) -> str:
    parts, length = [], 0
    for page in reader.pages:
        text = (page.extract_text() or "").replace("\x00", "")  # PostgreSQL text holds no NUL
        parts.append(text)
        length += len(text)
        if length >= MAX_CHARACTERS:
            break
    return "\n".join(parts)[:MAX_CHARACTERS]
