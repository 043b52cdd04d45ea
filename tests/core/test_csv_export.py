"""A COPY streamed as a download (core/csv_export.py): chunks as the statement runs, an error raised
where the response reads it, and a download closed early ends its statement, thread and connection."""

import psycopg2
import pytest

from core.csv_export import CHUNK_BYTES, CopyStream

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
