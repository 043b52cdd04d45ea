"""The upload check (documents/uploads.py): a file's kind is read from its bytes, its name must
agree, and it must be within the size limit. Nothing here needs the database."""

import pytest
from django.core.exceptions import ValidationError

from documents import uploads
from tests.documents import samples
from tests.documents.samples import uploaded

ACCEPTED = [
    ("report.pdf", samples.pdf(), uploads.PDF),
    ("photo.png", samples.png(), uploads.PNG),
    ("photo.jpg", samples.jpeg(), uploads.JPEG),
    ("photo.JPEG", samples.jpeg(), uploads.JPEG),
    ("chart.gif", samples.gif(), uploads.GIF),
    ("chart.webp", samples.webp(), uploads.WEBP),
    ("letter.docx", samples.docx(), uploads.DOCX),
    ("votes.xlsx", samples.xlsx(), uploads.XLSX),
    ("slides.pptx", samples.pptx(), uploads.PPTX),
    ("letter.odt", samples.odt(), uploads.ODT),
    ("letter.doc", samples.doc(), uploads.DOC),
    ("votes.xls", samples.xls(), uploads.XLS),
    ("notes.txt", samples.text(), uploads.TEXT),
    ("positions.csv", samples.csv(), uploads.CSV),
    ("briefing.md", samples.markdown(), uploads.MARKDOWN),
]


@pytest.mark.parametrize(("name", "content", "kind"), ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_each_allowed_kind_is_accepted_and_known_by_its_bytes(name, content, kind):
    upload = uploaded(name, content, content_type="text/html")  # the browser's claim is ignored
    uploads.check_upload(upload)
    assert uploads.kind_of(upload, name) == kind
    assert upload.tell() == 0  # left at its start, for storage to save it whole


REFUSED = [
    ("page.html", samples.HTML),
    ("page.txt", samples.HTML),
    ("notes.txt", samples.HTML_AFTER_WHITESPACE),
    ("logo.svg", samples.SVG),
    ("logo.txt", samples.SVG),
    ("data.xml", samples.XML),
    ("install.sh", samples.SHELL),
    ("install.txt", samples.SHELL),
    ("tool", samples.ELF),
    ("tool.txt", samples.ELF),
    ("setup.exe", samples.WINDOWS_EXE),
    ("setup.pdf", samples.WINDOWS_EXE),
    ("tool.dylib", samples.MACH_O),
    ("archive.zip", samples.plain_zip()),
    ("archive.docx", samples.plain_zip()),
    ("macros.docx", samples.docm()),
    ("setup.doc", samples.installer()),
    ("data.gz", samples.GZIP),
    ("notes.txt", samples.LATIN1_TEXT),
    ("notes.txt", b"half a text\x00with a NUL"),
]


@pytest.mark.parametrize(
    ("name", "content"), REFUSED, ids=[f"{i}-{case[0]}" for i, case in enumerate(REFUSED)]
)
def test_markup_programs_archives_and_unknown_bytes_are_refused_naming_what_is_allowed(name, content):
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(uploaded(name, content, content_type="application/pdf"))
    assert refused.value.code == "file_type"
    assert "Plenary accepts PDF" in refused.value.messages[0]
    assert uploads.kind_of(uploaded(name, content), name) is None


@pytest.mark.parametrize(
    ("name", "content", "advice"),
    [
        ("report.html", samples.pdf(), ".pdf"),
        ("report", samples.pdf(), ".pdf"),
        ("photo.pdf", samples.png(), ".png"),
        ("letter.txt", samples.docx(), ".docx"),
        ("notes.exe", samples.text(), ".txt or .csv or .md"),
    ],
)
def test_a_name_that_disagrees_with_the_content_is_refused_saying_what_to_name_it(name, content, advice):
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(uploaded(name, content))
    assert refused.value.code == "extension"
    assert advice in refused.value.messages[0]


def test_a_file_over_the_limit_is_refused_naming_the_limit(settings):
    settings.PLENARY_MAX_UPLOAD_MB = 1
    over = uploaded("big.txt", b"a" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(over)
    assert refused.value.code == "too_large"
    assert "at most 1 MB" in refused.value.messages[0]
    uploads.check_upload(uploaded("fits.txt", b"a" * (1024 * 1024)))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        uploads.check_upload(uploaded("empty.txt", b""))
