"""Opening a voting file: a path or standard input, plain or gzipped, with its header checked
before anything is written, and a checksum and progress taken as the bytes go by."""

import csv
import gzip
import hashlib
import io
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# The UN Digital Library bulk voting layout.
COLUMNS = (
    "undl_id",
    "ms_code",
    "ms_name",
    "ms_vote",
    "date",
    "session",
    "resolution",
    "draft",
    "committee_report",
    "meeting",
    "title",
    "agenda_title",
    "subjects",
    "vote_note",
    "total_yes",
    "total_no",
    "total_abstentions",
    "total_non_voting",
    "total_ms",
    "undl_link",
)
GZIP_MAGIC = b"\x1f\x8b"
BUFFER = 1 << 20


class ImportRefused(Exception):
    """The file cannot be imported at all; nothing was written."""


class _MeteredReader(io.RawIOBase):
    """Passes bytes through, hashing them and reporting how many have been read."""

    def __init__(self, raw, progress: Callable[[int], None] | None):
        self._raw = raw
        self._progress = progress
        self.sha256 = hashlib.sha256()
        self.bytes_read = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self._raw.read(len(buffer))
        self.sha256.update(data)
        self.bytes_read += len(data)
        if self._progress is not None:
            self._progress(self.bytes_read)
        buffer[: len(data)] = data
        return len(data)


class _BoundedReader(io.RawIOBase):
    """Passes the decompressed bytes through and refuses the file, mid-stream, once they pass the
    size limit or a line passes the line limit: a gzip bomb stops there, having filled neither
    memory nor the staging table. A read error of the stream (a truncated or corrupt gzip file)
    is refused the same way. The refusal is kept, for whoever meets only its echo (COPY)."""

    def __init__(self, raw, *, name: str, compressed: bool):
        self._raw = raw
        self._name = name
        self._compressed = compressed
        self._max_bytes = settings.PLENARY_MAX_VOTE_FILE_MB * 1024 * 1024
        self._max_line = settings.PLENARY_MAX_VOTE_LINE_KB * 1024
        self.bytes_read = 0
        self._line = 1  # the line being read; line 1 is the header
        self._line_length = 0  # bytes of it read so far
        self.refusal: ImportRefused | None = None

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.refusal is not None:
            raise self.refusal
        try:
            data = self._raw.read(len(buffer))
        except (OSError, EOFError, zlib.error) as error:
            self._refuse(f"{self._name}: the file cannot be read to its end ({error}). Nothing was imported.")
        self.bytes_read += len(data)
        if self.bytes_read > self._max_bytes:
            self._refuse(self._too_large())
        self._measure_lines(data)
        buffer[: len(data)] = data
        return len(data)

    def _measure_lines(self, data: bytes) -> None:
        # The first piece continues the line under way; the last one starts the next line.
        pieces = data.split(b"\n")
        lengths = [self._line_length + len(pieces[0]), *map(len, pieces[1:])]
        if max(lengths) > self._max_line:
            too_long = next(n for n, length in enumerate(lengths) if length > self._max_line)
            self._refuse(
                f"{self._name}, line {self._line + too_long}: the line is longer than "
                f"{settings.PLENARY_MAX_VOTE_LINE_KB} KB, the limit (PLENARY_MAX_VOTE_LINE_KB). "
                "Nothing was imported."
            )
        self._line += len(pieces) - 1
        self._line_length = lengths[-1]

    def _too_large(self) -> str:
        grows = "decompresses to" if self._compressed else "is"
        return (
            f"{self._name}: the file {grows} more than {settings.PLENARY_MAX_VOTE_FILE_MB} MB, "
            "the limit (PLENARY_MAX_VOTE_FILE_MB). Nothing was imported."
        )

    def _refuse(self, message: str):
        self.refusal = ImportRefused(message)
        raise self.refusal


@dataclass
class VotingFile:
    name: str
    size: int | None  # bytes on disk, for progress; None for standard input
    columns: list[str]
    rows: io.BufferedReader  # the decompressed CSV after its header line
    metered: _MeteredReader
    bounded: _BoundedReader

    @property
    def checksum(self) -> str:
        return self.metered.sha256.hexdigest()

    @property
    def refusal(self) -> "ImportRefused | None":
        """Why reading the file stopped early, if it did (COPY reports only that it stopped)."""
        return self.bounded.refusal


def open_voting_file(path: str, *, progress: Callable[[int], None] | None = None) -> VotingFile:
    """Open `path` ("-" for standard input) and read its header; refuse a file not in the layout."""
    if path == "-":
        raw, name, size = sys.stdin.buffer, "<stdin>", None
    else:
        file_path = Path(path)
        if not file_path.is_file():
            raise ImportRefused(f"{path}: no such file.")
        raw, name, size = open(file_path, "rb"), file_path.name, file_path.stat().st_size  # noqa: SIM115
    metered = _MeteredReader(raw, progress)
    bounded = _decompressed(io.BufferedReader(metered, buffer_size=BUFFER), name)
    rows = io.BufferedReader(bounded, buffer_size=BUFFER)
    columns = _read_header(rows, name)
    return VotingFile(name=name, size=size, columns=columns, rows=rows, metered=metered, bounded=bounded)


def _decompressed(buffered: io.BufferedReader, name: str) -> _BoundedReader:
    """The file's CSV bytes, decompressed as they are read (never all at once), within the limits."""
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        return _BoundedReader(gzip.GzipFile(fileobj=buffered), name=name, compressed=True)
    return _BoundedReader(buffered, name=name, compressed=False)


def _read_header(rows, name: str) -> list[str]:
    try:
        first_line = rows.readline().decode("utf-8-sig")  # bounded: the reader refuses a long line
        columns = [column.strip() for column in next(csv.reader([first_line]), [])]
    except (UnicodeDecodeError, csv.Error) as error:
        raise ImportRefused(f"{name}: not a readable CSV file ({error}).") from error
    missing = [column for column in COLUMNS if column not in columns]
    if missing:
        raise ImportRefused(
            f"{name} is not in the UN Digital Library voting layout: "
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}."
        )
    duplicated = sorted({column for column in columns if columns.count(column) > 1})
    if duplicated:
        raise ImportRefused(
            f"{name}: column{'s' if len(duplicated) > 1 else ''} {', '.join(duplicated)} twice."
        )
    return columns
