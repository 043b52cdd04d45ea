"""What a document's file may be: a kind read from its bytes (never from its name or the browser's
word for it) that its name agrees with, within the size limit (PLENARY_MAX_UPLOAD_MB).

Files are only ever served as downloads (documents/downloads.py), so a file that slipped through
would still not run in Plenary's origin: refusing HTML, SVG, XML, programs and archives here is
the first of two walls, and it keeps what partners download from Plenary what it says it is.
"""

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
import olefile
from django.conf import settings
from django.core.exceptions import ValidationError

MB = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    """A kind of file Plenary accepts: its name for people, the names it may end in, and the
    Content-Type it is served with."""

    name: str
    extensions: tuple[str, ...]
    content_type: str


PDF = Kind("PDF", (".pdf",), "application/pdf")
PNG = Kind("PNG image", (".png",), "image/png")
JPEG = Kind("JPEG image", (".jpg", ".jpeg"), "image/jpeg")
GIF = Kind("GIF image", (".gif",), "image/gif")
WEBP = Kind("WebP image", (".webp",), "image/webp")
_OOXML = "application/vnd.openxmlformats-officedocument"
DOCX = Kind("Word document", (".docx",), f"{_OOXML}.wordprocessingml.document")
XLSX = Kind("Excel workbook", (".xlsx",), f"{_OOXML}.spreadsheetml.sheet")
PPTX = Kind("PowerPoint presentation", (".pptx",), f"{_OOXML}.presentationml.presentation")
_ODF = "application/vnd.oasis.opendocument"
ODT = Kind("OpenDocument text", (".odt",), f"{_ODF}.text")
ODS = Kind("OpenDocument spreadsheet", (".ods",), f"{_ODF}.spreadsheet")
ODP = Kind("OpenDocument presentation", (".odp",), f"{_ODF}.presentation")
DOC = Kind("Word 97-2003 document", (".doc",), "application/msword")
XLS = Kind("Excel 97-2003 workbook", (".xls",), "application/vnd.ms-excel")
PPT = Kind("PowerPoint 97-2003 presentation", (".ppt",), "application/vnd.ms-powerpoint")
TEXT = Kind("plain text", (".txt",), "text/plain; charset=utf-8")
CSV = Kind("CSV", (".csv",), "text/csv; charset=utf-8")
MARKDOWN = Kind("Markdown", (".md", ".markdown"), "text/markdown; charset=utf-8")

ALLOWED = (
    "Plenary accepts PDF; Word, Excel and PowerPoint files (.docx, .xlsx, .pptx, and the older "
    ".doc, .xls, .ppt); OpenDocument (.odt, .ods, .odp); PNG, JPEG, GIF and WebP images; and "
    "UTF-8 plain text (.txt, .csv, .md) that does not start with markup (<…) or a #! line."
)

# The formats whose signature filetype recognises exactly; the containers (ZIP, OLE2) and text
# are checked below, where a signature alone would say too little.
_BY_SIGNATURE = {kind.content_type: kind for kind in (PDF, PNG, JPEG, GIF, WEBP)}
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An Office Open XML package names its main part's type in [Content_Types].xml; the macro-enabled
# variants (.docm, .xlsm) have types of their own, so they are not among these.
_OOXML_MAIN_PARTS = {
    DOCX: b"wordprocessingml.document.main+xml",
    XLSX: b"spreadsheetml.sheet.main+xml",
    PPTX: b"presentationml.presentation.main+xml",
}
_ODF_MIMETYPES = {kind.content_type.encode(): kind for kind in (ODT, ODS, ODP)}
_OLE2_STREAMS = {DOC: "WordDocument", XLS: "Workbook", PPT: "PowerPoint Document"}
_CONTENT_TYPES_MAX = MB  # a [Content_Types].xml is a few kilobytes: never inflate more
_TEXT_KINDS = (TEXT, CSV, MARKDOWN)
_HEAD = 8192


def check_upload(upload) -> None:
    """Refuse `upload` (an uploaded file: name, size, bytes) unless it is small enough, of a kind
    Plenary accepts by its content, and named as that kind. The ValidationError says what to do."""
    limit = settings.PLENARY_MAX_UPLOAD_MB
    if upload.size > limit * MB:
        raise ValidationError(
            f"Files may be at most {limit} MB; this one is {upload.size / MB:.2f} MB.", code="too_large"
        )
    if not upload.size:
        raise ValidationError("This file is empty.", code="empty")
    kinds = kinds_by_content(upload)
    if not kinds:
        raise ValidationError(f"This is not a kind of file Plenary accepts. {ALLOWED}", code="file_type")
    if _extension(upload.name) not in _extensions(kinds):
        raise ValidationError(
            f"This file is {_named(kinds)} but its name ends in {_extension(upload.name) or 'no extension'}: "
            f"name it with {' or '.join(_extensions(kinds))}.",
            code="extension",
        )


def kind_of(file, name: str) -> Kind | None:
    """The kind `file` is by its bytes when its `name` agrees; None for anything else."""
    extension = _extension(name)
    return next((kind for kind in kinds_by_content(file) if extension in kind.extensions), None)


def kinds_by_content(file) -> tuple[Kind, ...]:
    """The kinds `file`'s bytes may be: one, or for text each of the text kinds (its name tells
    them apart); none when it is nothing Plenary accepts. The file is left at its start."""
    file.seek(0)
    head = file.read(_HEAD)
    file.seek(0)
    try:
        if head.startswith(_ZIP):
            return _package_kind(file)
        if head.startswith(_OLE2):
            return _compound_kind(file)
        signed = _BY_SIGNATURE.get(filetype.guess_mime(head))
        if signed is not None:
            return (signed,)
        return _TEXT_KINDS if _is_plain_text(file, head) else ()
    finally:
        file.seek(0)


def _package_kind(file) -> tuple[Kind, ...]:
    """An Office Open XML or OpenDocument package, by the structure each format requires; any
    other ZIP archive is nothing."""
    try:
        with zipfile.ZipFile(file) as package:
            entries = package.infolist()
            names = {entry.filename for entry in entries}
            if "[Content_Types].xml" in names:
                with package.open("[Content_Types].xml") as listing:
                    types = listing.read(_CONTENT_TYPES_MAX)
                return tuple(kind for kind, main in _OOXML_MAIN_PARTS.items() if main in types)[:1]
            if entries and entries[0].filename == "mimetype":  # ODF: first, and stored as is
                with package.open(entries[0]) as mimetype:
                    kind = _ODF_MIMETYPES.get(mimetype.read(100).strip())
                return (kind,) if kind else ()
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError):
        pass  # damaged, encrypted or compressed in a way Python cannot read: not a document to accept
    return ()


def _compound_kind(file) -> tuple[Kind, ...]:
    """A Word, Excel or PowerPoint 97-2003 file, by the stream each keeps its content in. Other
    OLE2 files (Windows installers, Outlook messages) are nothing."""
    try:
        compound = olefile.OleFileIO(file)
    except Exception:  # hostile bytes can break a parser in any way; each means "not a document"
        return ()
    try:
        return tuple(kind for kind, stream in _OLE2_STREAMS.items() if compound.exists(stream))[:1]
    finally:
        compound.close()


# What a browser (or anything sniffing) takes for HTML, SVG or XML, and what a shell runs: text
# that opens with a tag, a processing instruction, a comment or a #! line is not "plain".
_MARKUP_OPENINGS = ("<", "#!")


def _is_plain_text(file, head: bytes) -> bool:
    """UTF-8 throughout, no NUL byte, and no markup or interpreter line at the start."""
    opening = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n\f\v")
    if opening.startswith(_MARKUP_OPENINGS):
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in iter(lambda: file.read(64 * 1024), b""):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower()


def _extensions(kinds) -> list[str]:
    return [extension for kind in kinds for extension in kind.extensions]


def _named(kinds) -> str:
    if len(kinds) > 1:
        return "plain text"
    name = kinds[0].name
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"
