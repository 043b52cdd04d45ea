"""Opening a voting file: a path or standard input, plain or gzipped, with its header checked
before anything is written, and a checksum and progress taken as the bytes go by."""

import csv
import gzip
import hashlib
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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


@dataclass
class VotingFile:
    name: str
    size: int | None  # bytes on disk, for progress; None for standard input
    columns: list[str]
    rows: io.BufferedReader  # the decompressed CSV after its header line
    metered: _MeteredReader

    @property
    def checksum(self) -> str:
        return self.metered.sha256.hexdigest()


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
    buffered = io.BufferedReader(metered, buffer_size=1 << 20)
    rows = _decompressed(buffered)
    columns = _read_header(rows, name)
    return VotingFile(name=name, size=size, columns=columns, rows=rows, metered=metered)


def _decompressed(buffered: io.BufferedReader):
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        return io.BufferedReader(gzip.GzipFile(fileobj=buffered), buffer_size=1 << 20)
    return buffered


def _read_header(rows, name: str) -> list[str]:
    try:
        first_line = rows.readline().decode("utf-8-sig")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise ImportRefused(f"{name}: not a readable CSV file ({error}).") from error
    columns = [column.strip() for column in next(csv.reader([first_line]), [])]
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
