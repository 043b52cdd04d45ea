"""A COPY streamed as a download (core/csv_export.py): chunks as the statement runs, an error raised
where the response reads it, and a download closed early ends its statement, thread and connection."""

import psycopg2
import pytest
from django.db import connection

from core.csv_export import CHUNK_BYTES, BinaryTextRows, CopyStream

pytestmark = pytest.mark.django_db

# A million numbers: about 6.9 MB of CSV, far more than the chunks the queue holds.
MILLION = "COPY (SELECT n FROM generate_series(1, 1000000) AS n) TO STDOUT WITH (FORMAT csv)"


def test_the_statements_output_comes_whole_in_chunks():
    chunks = list(CopyStream("COPY (SELECT n FROM generate_series(1, %s) AS n) TO STDOUT", [100_000]))
    numbers = b"".join(chunks).split()
    assert numbers == [str(n).encode() for n in range(1, 100_001)]
    assert len(chunks) > 1 and all(len(chunk) >= CHUNK_BYTES for chunk in chunks[:-1])


def test_a_failing_statement_raises_where_the_response_reads_it():
    with pytest.raises(psycopg2.errors.DivisionByZero):
        list(CopyStream("COPY (SELECT 1 / 0) TO STDOUT", []))


def test_a_download_closed_early_ends_its_statement_thread_and_connection():
    stream = CopyStream(MILLION, [])
    first = next(iter(stream))
    stream.close()
    assert first.startswith(b"1\n2\n")
    assert not stream.thread.is_alive()
    assert stream.connection.closed


def test_a_download_never_read_opens_nothing():
    stream = CopyStream(MILLION, [])
    stream.close()
    assert stream.thread is None and stream.connection is None


def test_a_binary_copy_of_text_is_its_text_after_the_header():
    lines = "COPY (SELECT n || E',\\\\\\n' FROM generate_series(1, %s) AS n) TO STDOUT WITH (FORMAT binary)"
    chunks = list(CopyStream(lines, [100_000], header=b"n\n", binary=True))
    assert b"".join(chunks) == b"n\n" + b"".join(b"%d,\\\n" % n for n in range(1, 100_001))


def test_binary_rows_cut_anywhere_between_writes_come_whole():
    copied, text = bytearray(), bytearray()
    statement = "COPY (VALUES ('a'), (NULL), (E'b\\nc')) TO STDOUT WITH (FORMAT binary)"
    with connection.cursor() as cursor:
        cursor.copy_expert(statement, _Into(copied))
    rows = BinaryTextRows(_Into(text))
    for byte in copied:  # one byte at a time
        rows.write(bytes([byte]))
    assert text == b"ab\nc"


class _Into:
    """A file that writes into `buffer`."""

    def __init__(self, buffer: bytearray):
        self.write = buffer.extend
