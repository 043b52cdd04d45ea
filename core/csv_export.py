"""Whole tables as CSV downloads, streamed from PostgreSQL's COPY in constant memory: the rows of a
filtered QuerySet, never the whole result in the web worker, whatever its size."""

import contextlib
import logging
import queue
import struct
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import psycopg2
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import CharField, QuerySet, TextField
from django.http import StreamingHttpResponse

from core.spreadsheets import FORMULA_STARTS

logger = logging.getLogger(__name__)

# What the worker thread hands the response: chunks of this size, at most this many waiting, so
# that a slow client holds the query back (and half a megabyte of memory), never the reverse.
CHUNK_BYTES = 64 * 1024
CHUNKS_WAITING = 8
# How long closing an abandoned download waits for its thread (the query is cancelled first).
STOP_SECONDS = 10
_DONE = object()
# The first characters of a formula as code points: a million rows compare integers in about
# two thirds of the time they took to compare text (left(cell, 1) = ANY(%s)).
_FORMULA_CODES = ", ".join(str(ord(start)) for start in FORMULA_STARTS)


@dataclass(frozen=True)
class CSVExport:
    """What a download holds: `rows`, a values() QuerySet already filtered; `columns`, each CSV
    column's name in the header beside the values() name it is read from (they differ where a
    value would clash with a model field: `state` is the state's code, not its id); `order_by`,
    values() names, "-" before one for descending."""

    rows: QuerySet
    columns: dict[str, str]
    order_by: Sequence[str]

    @property
    def header(self) -> bytes:
        return _header_line(self.columns)


def _header_line(names) -> bytes:
    """The header row, as COPY writes it (the names are the code's own: none needs CSV's quotes)."""
    return (",".join(names) + "\n").encode()


def copy_statement(export: CSVExport) -> tuple[str, list]:
    """The COPY statement and its parameters: the QuerySet's own SELECT (its filters as the ORM
    wrote them), its columns renamed, text made safe to open in a spreadsheet
    (core/spreadsheets.py), in the export's order."""
    inner, inner_params = export.rows.order_by().query.sql_with_params()
    text = _text_columns(export.rows)
    selected = [
        f"{_spreadsheet_safe(f'row.{_quoted(name)}', name in text)} AS {_quoted(header)}"
        for header, name in export.columns.items()
    ]
    order = ", ".join(
        f"row.{_quoted(name.removeprefix('-'))}{' DESC' if name.startswith('-') else ''}"
        for name in export.order_by
    )
    select = f"SELECT {', '.join(selected)} FROM ({inner}) AS row ORDER BY {order}"
    return f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER)", list(inner_params)


def _quoted(name: str) -> str:
    return connections[DEFAULT_DB_ALIAS].ops.quote_name(name)


def _spreadsheet_safe(column: str, text: bool) -> str:
    """`column` (SQL) with the quote spreadsheet_safe adds to a formula, if it holds free text."""
    if not text:
        return column
    return f"CASE WHEN ascii({column}) IN ({_FORMULA_CODES}) THEN '''' || {column} ELSE {column} END"


def _text_columns(rows: QuerySet) -> set[str]:
    """The values() names of `rows` that hold free text: a field's, or an expression's output.
    A field with choices holds only its choices' values, which no formula starts like."""
    return {
        name
        for name, field in _fields(rows).items()
        if isinstance(field, CharField | TextField) and not field.choices
    }


def _fields(rows: QuerySet) -> dict:
    """The field of each values() name of `rows`: its model's, or an expression's output field."""
    query = rows.query
    fields = {name: rows.model._meta.get_field(name) for name in query.values_select}
    return fields | {name: annotation.output_field for name, annotation in query.annotation_select.items()}


@dataclass(frozen=True)
class Lookup:
    """Columns that many rows of an export repeat, read from the table one of their foreign keys
    points at: `rows`, a values() QuerySet of that table, its primary key among the values;
    `key`, the foreign key's values() name in the export's rows; `columns`, as CSVExport's."""

    rows: QuerySet
    key: str
    columns: dict[str, str]


@dataclass(frozen=True)
class GroupedCSVExport:
    """An export whose rows come in groups (a roll call's votes), each row repeating its group's
    columns and a member's (its state's) before its own. `rows`: a values() QuerySet, already
    filtered, with both lookups' keys and the row's own `columns`. The groups come in the order of
    their key, a group's rows in the order of the member's `member_order` (a values() name of
    `member.rows`). Each CSV line: the group's columns, the member's, the row's own."""

    rows: QuerySet
    group: Lookup
    member: Lookup
    member_order: str
    columns: dict[str, str]

    @property
    def header(self) -> bytes:
        return _header_line([*self.group.columns, *self.member.columns, *self.columns])


def grouped_copy_statement(export: GroupedCSVExport) -> tuple[str, list]:
    """The COPY statement of a grouped export, and its parameters. Writing each column of each
    row as CSV is most of a COPY's work: here the group's and the member's columns are written
    as CSV text once per group and once per member (a roll call's once, not for each of its
    ~190 votes), and each group's lines are joined into one value, sorted by the member's
    order as they are (the rows come by group from the index on the group's key: nothing sorts
    or hashes the whole). The group's rows are filtered by the export's own QuerySet, and only
    the groups that have some are read. COPY's binary format sends each value as it is (its
    text format would escape the line breaks); BinaryTextRows takes the framing off."""
    rows, rows_params = export.rows.order_by().query.sql_with_params()
    own = " || ',' || ".join(_csv_fields("row", export.rows, export.columns)) or "''"
    group, group_params = _lookup_lines(export.group, trailing_comma=True)
    member, member_params = _lookup_lines(
        export.member, trailing_comma=bool(export.columns), order=export.member_order
    )
    key, member_key = _quoted(export.group.key), _quoted(export.member.key)
    # Only the groups the filters select some rows of, in order, and their line's beginning
    # after each line break, written once.
    groups = (
        f"SELECT key, line, E'\\n' || line AS separator FROM grp"
        f" WHERE EXISTS (SELECT FROM ({rows}) AS row WHERE row.{key} = grp.key) ORDER BY key"
    )
    lines = (
        f"SELECT string_agg(member.line || {own}, grp.separator ORDER BY member.position) AS lines"
        f" FROM ({rows}) AS row JOIN member ON member.key = row.{member_key} WHERE row.{key} = grp.key"
    )
    select = (
        f"WITH grp AS MATERIALIZED ({group}), member AS MATERIALIZED ({member})"
        f" SELECT grp.line || grouped.lines || E'\\n'"
        f" FROM ({groups}) AS grp CROSS JOIN LATERAL ({lines}) AS grouped ORDER BY grp.key"
    )
    params = [*group_params, *member_params, *rows_params, *rows_params]
    return f"COPY ({select}) TO STDOUT WITH (FORMAT binary)", params


def _lookup_lines(lookup: Lookup, *, trailing_comma: bool, order: str = "") -> tuple[str, tuple]:
    """A SELECT of the lookup's rows as (key, line, position): its columns as CSV text, and
    its rank in `order`."""
    inner, params = lookup.rows.order_by().query.sql_with_params()
    line = " || ',' || ".join(_csv_fields("lookup", lookup.rows, lookup.columns))
    line += " || ','" if trailing_comma else ""
    position = f"rank() OVER (ORDER BY lookup.{_quoted(order)})" if order else "NULL"
    pk = _quoted(lookup.rows.model._meta.pk.attname)
    select = f"SELECT lookup.{pk} AS key, {line} AS line, {position} AS position FROM ({inner}) AS lookup"
    return select, params


def _csv_fields(table: str, rows: QuerySet, columns: dict[str, str]) -> list[str]:
    """SQL of each column as COPY's CSV format writes it (empty for NULL; in quotes, its quotes
    doubled, when empty or holding a comma, a quote or a line break; concat() writes a value as
    COPY does, with its type's output function), made safe for a spreadsheet first."""
    text, plain = _text_columns(rows), _plain_choice_columns(rows)
    fields = []
    for name in columns.values():
        column = f"{table}.{_quoted(name)}"
        value = f"concat({_spreadsheet_safe(column, name in text)})"
        if name in plain:
            fields.append(value)
            continue
        fields.append(
            f"CASE WHEN {column} IS NULL THEN '' WHEN {value} = '' OR {value} ~ '[\",\\r\\n]' "
            f"""THEN '"' || replace({value}, '"', '""') || '"' ELSE {value} END"""
        )
    return fields


def _plain_choice_columns(rows: QuerySet) -> set[str]:
    """The values() names of `rows` whose field holds only choices that CSV writes as they are
    (none empty, none with a comma, a quote or a line break): a row's own column, such as a
    vote's choice, is then written without the test for quotes, a third of a second for a
    million rows."""
    return {
        name
        for name, field in _fields(rows).items()
        if field.choices and all(_plain(str(value)) for value, _ in field.flatchoices)
    }


def _plain(value: str) -> bool:
    return value != "" and not any(character in value for character in ',"\r\n')


def csv_download(export: CSVExport | GroupedCSVExport, *, filename: str) -> StreamingHttpResponse:
    """A response streaming the export as CSV, a header row first, to be saved as `filename`."""
    try:
        if isinstance(export, GroupedCSVExport):
            stream = CopyStream(*grouped_copy_statement(export), header=export.header, binary=True)
        else:
            stream = CopyStream(*copy_statement(export))
    except EmptyResultSet:
        # A filter that matches nothing before any SQL is written (an empty IN: no session has
        # that number) leaves no statement to run: the download is its header alone.
        stream = iter([export.header])
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CopyStream:
    """The output of a COPY … TO STDOUT statement as an iterator of byte chunks. psycopg2 writes
    COPY's output into a file, row by row, until the statement ends: a thread runs it on a
    connection of its own (the request's stays free, and no transaction of the request's is
    kept open for the download's length) and hands chunks over a bounded queue to the
    response's iterator. Nothing happens until the response is read; closing it (as the WSGI
    server does when the download ends, or when the client goes away) cancels the statement,
    ends the thread and closes its connection."""

    def __init__(self, sql: str, params: Sequence, *, header: bytes = b"", binary: bool = False):
        self.sql, self.params = sql, params
        # What comes before the statement's output, and whether that is a binary COPY of one
        # text column, of which only the text is handed on (BinaryTextRows).
        self.header, self.binary = header, binary
        self.chunks: queue.Queue = queue.Queue(maxsize=CHUNKS_WAITING)
        self.abandoned = threading.Event()
        self.thread: threading.Thread | None = None
        self.connection = None  # psycopg2's, once the thread has opened it, to cancel the statement

    def __iter__(self) -> Iterator[bytes]:
        self.thread = threading.Thread(target=self._copy, name="csv-export", daemon=True)
        self.thread.start()
        while (chunk := self.chunks.get()) is not _DONE:
            if isinstance(chunk, BaseException):
                raise chunk  # the download ends unfinished: the client sees it cut, not complete
            yield chunk
        self.thread.join()

    def close(self) -> None:
        if self.thread is None or not self.thread.is_alive():
            return
        self.abandoned.set()
        self._drain()  # a thread waiting to hand over a chunk sees it is abandoned
        if self.connection is not None:
            with contextlib.suppress(psycopg2.Error):  # closed already: nothing left to cancel
                self.connection.cancel()
        self.thread.join(STOP_SECONDS)
        if self.thread.is_alive():
            logger.warning(
                "A CSV export's thread was still running %s s after its download ended.", STOP_SECONDS
            )

    def _drain(self) -> None:
        try:
            while True:
                self.chunks.get_nowait()
        except queue.Empty:
            pass

    def _copy(self) -> None:
        database = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            outcome = self._copy_on(database)
        except _Abandoned:
            return
        except Exception as error:  # handed to the response, which raises it in the request's thread
            outcome = error
        finally:
            database.close()
        with contextlib.suppress(_Abandoned):
            self._hand_over(outcome)

    def _copy_on(self, database):
        database.ensure_connection()
        self.connection = database.connection
        writer = _ChunkWriter(self)
        writer.write(self.header)
        with self.connection.cursor() as cursor:
            # JIT compiling a million-row statement's expressions took 350 ms, a tenth of the
            # export, and saved nothing: each row's work is a few lookups and a CSV line.
            cursor.execute("SET jit = off")
            statement = cursor.mogrify(self.sql, self.params).decode()
            if self.abandoned.is_set():
                raise _Abandoned
            cursor.copy_expert(statement, BinaryTextRows(writer) if self.binary else writer)
        writer.flush()
        return _DONE

    def _hand_over(self, item) -> None:
        if self.abandoned.is_set():
            raise _Abandoned
        self.chunks.put(item)


class _Abandoned(Exception):
    """The download was closed before the end: the statement stops at the next row."""


class _ChunkWriter:
    """The file psycopg2 writes COPY's rows into: gathers them into chunks for the response."""

    def __init__(self, stream: CopyStream):
        self.stream = stream
        self.buffer = bytearray()

    def write(self, data) -> None:
        self.buffer += data
        if len(self.buffer) >= CHUNK_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.stream._hand_over(bytes(self.buffer))
            self.buffer.clear()


class BinaryTextRows:
    """The file psycopg2 writes a binary COPY of one text column into: writes on each row's text,
    without the format's framing (a header; before each row, its count of columns and the
    text's length; after the last, two bytes shorter than a row's framing, left unread)."""

    HEADER = struct.Struct("!11sii")  # signature, flags, length of the header's extension
    ROW = struct.Struct("!hi")  # the row's count of columns (one), its text's length (-1: NULL)

    def __init__(self, writer):
        self.writer = writer
        self.pending = bytearray()
        self.header_read = False

    def write(self, data) -> None:
        self.pending += data
        if not self.header_read and not self._read_header():
            return
        at = 0
        while len(self.pending) - at >= self.ROW.size:
            _, length = self.ROW.unpack_from(self.pending, at)
            end = at + self.ROW.size + max(length, 0)
            if end > len(self.pending):
                break  # the next write completes the row
            self.writer.write(self.pending[at + self.ROW.size : end])
            at = end
        del self.pending[:at]

    def _read_header(self) -> bool:
        if len(self.pending) < self.HEADER.size:
            return False
        _, _, extension = self.HEADER.unpack_from(self.pending)
        del self.pending[: self.HEADER.size + extension]
        self.header_read = True
        return True
