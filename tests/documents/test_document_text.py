"""A document's PDF text, read once its file is saved, for the search (documents/text.py)."""

import logging

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document
from documents.services import document_writes
from tests import factories
from tests.documents import samples


def pdf_saying(text: str) -> bytes:
    """A one-page PDF whose page shows `text` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources <</Font <</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(stream), stream),
        b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return body + b"trailer <</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _upload(staff_user, name: str, content: bytes, django_capture_on_commit_callbacks, document=None):
    document = document or Document(kind=Document.Kind.REPORT, title="Report")
    with django_capture_on_commit_callbacks(execute=True):
        document_writes.save(
            author=staff_user, record=document, data={"file": SimpleUploadedFile(name, content)}
        )
    document.refresh_from_db()
    return document


def test_a_pdfs_text_is_read_once_it_is_saved(staff_user, django_capture_on_commit_callbacks):
    document = _upload(
        staff_user, "r.pdf", pdf_saying("Consultations in Nairobi"), django_capture_on_commit_callbacks
    )
    assert document.extracted_text.strip() == "Consultations in Nairobi"


def test_a_new_file_replaces_the_text_of_the_old(staff_user, django_capture_on_commit_callbacks):
    document = _upload(staff_user, "a.pdf", pdf_saying("First"), django_capture_on_commit_callbacks)
    document = _upload(
        staff_user, "b.pdf", pdf_saying("Second"), django_capture_on_commit_callbacks, document=document
    )
    assert document.extracted_text.strip() == "Second"


def test_a_malformed_pdf_is_saved_without_text_and_logged(
    staff_user, django_capture_on_commit_callbacks, caplog
):
    # A PDF's signature, so it is accepted, and nothing pypdf can read after it.
    broken = b"%PDF-1.4\n" + samples.png()
    with caplog.at_level(logging.WARNING, logger="documents.text"):
        document = _upload(staff_user, "broken.pdf", broken, django_capture_on_commit_callbacks)
    assert document.pk and document.file.name.endswith(".pdf")
    assert document.extracted_text == ""
    assert "No text read from" in caplog.text


def test_other_kinds_of_file_have_no_text(staff_user, django_capture_on_commit_callbacks):
    document = _upload(staff_user, "notes.txt", b"Nairobi", django_capture_on_commit_callbacks)
    assert document.extracted_text == ""


def test_the_text_is_not_kept_in_the_documents_history(organization):
    document = factories.DocumentFactory(owner=organization)
    Document.objects.filter(pk=document.pk).update(extracted_text="long text")
    events = apps.get_model("documents", "DocumentEvent").objects.filter(pgh_obj_id=document.pk)
    assert "extracted_text" not in {field.name for field in events.model._meta.fields}
    assert events.count() == 1  # the insert only: reading the text is no change
