"""Whole tables as CSV downloads, streamed from PostgreSQL's COPY in constant memory: the rows of a
filtered QuerySet, never the whole result in the web worker, whatever its size."""

import contextlib
import logging
import queue
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import psycopg2
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


def copy_statement(export: CSVExport) -> tuple[str, list]:
    """The COPY statement and its parameters: the QuerySet's own SELECT (its filters as the ORM
    wrote them), its columns renamed, text made safe to open in a spreadsheet
    (core/spreadsheets.py), in the export's order."""
    inner, inner_params = export.rows.order_by().query.sql_with_params()
    text = _text_columns(export.rows)
    selected = []
    for header, name in export.columns.items():
        column = f"row.{_quoted(name)}"
        if name in text:  # the quote spreadsheet_safe adds, in SQL
            column = (
                f"CASE WHEN ascii({column}) IN ({_FORMULA_CODES}) THEN '''' || {column} ELSE {column} END"
            )
        selected.append(f"{column} AS {_quoted(header)}")
    order = ", ".join(
        f"row.{_quoted(name.removeprefix('-'))}{' DESC' if name.startswith('-') else ''}"
        for name in export.order_by
    )
    select = f"SELECT {', '.join(selected)} FROM ({inner}) AS row ORDER BY {order}"
    return f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER)", list(inner_params)


def _quoted(name: str) -> str:
    return connections[DEFAULT_DB_ALIAS].ops.quote_name(name)


def _text_columns(rows: QuerySet) -> set[str]:
    """The values() names of `rows` that hold free text: a field's, or an expression's output.
    A field with choices holds only its choices' values, which no formula starts like."""
    query = rows.query
    fields = {name: rows.model._meta.get_field(name) for name in query.values_select}
    fields |= {name: annotation.output_field for name, annotation in query.annotation_select.items()}
    return {
        name
        for name, field in fields.items()
        if isinstance(field, CharField | TextField) and not field.choices
    }


def csv_download(export: CSVExport, *, filename: str) -> StreamingHttpResponse:
    """A response streaming the export as CSV, a header row first, to be saved as `filename`."""
    response = StreamingHttpResponse(
        CopyStream(*copy_statement(export)), content_type="text/csv; charset=utf-8"
    )
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

    def __init__(self, sql: str, params: Sequence):
        self.sql, self.params = sql, params
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
        with self.connection.cursor() as cursor:
            # JIT compiling a million-row statement's expressions took 350 ms, a tenth of the
            # export, and saved nothing: each row's work is a few lookups and a CSV line.
            cursor.execute("SET jit = off")
            statement = cursor.mogrify(self.sql, self.params).decode()
            if self.abandoned.is_set():
                raise _Abandoned
            cursor.copy_expert(statement, writer)
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
