"""The staging table: the file's rows as they are, loaded by PostgreSQL's COPY.

COPY parses the CSV on the server, far faster than Python could; every column is text so that
no value can make it fail. Checking the values is the next step's job, on the whole table at once.
The table is UNLOGGED rather than temporary: no WAL either way, but only a regular table can be
scanned by parallel workers. It is created and dropped inside the import's transaction, and an
advisory lock keeps two imports from sharing it.
"""

import re

import psycopg2
from psycopg2 import sql

from unrecord.importer.source import ImportRefused, VotingFile
from unrecord.tables import SCRATCH_TABLES, STAGING_TABLE

IMPORT_LOCK = 0x706C656E  # pg_advisory_xact_lock key: one import at a time
COPY_CHUNK = 1 << 20
# The columns the planner needs statistics of (the digest groups by one and filters on the
# other), and their statistics target: ANALYZE samples 300 rows per unit of it.
PLANNED_COLUMNS = ("undl_id", "reject_reason")
PLANNER_SAMPLE = 10


def begin_import(cursor) -> None:
    """Wait for any other import to finish, then clear what an outer transaction may have left."""
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
    drop_scratch_tables(cursor)


def drop_scratch_tables(cursor) -> None:
    cursor.execute(
        sql.SQL("DROP TABLE IF EXISTS {}").format(sql.SQL(", ").join(map(sql.Identifier, SCRATCH_TABLES)))
    )


def load_staging(cursor, voting_file: VotingFile) -> int:
    """Create the staging table for this transaction and COPY the file's rows into it."""
    column_list = sql.SQL(", ").join(sql.Identifier(column) for column in voting_file.columns)
    cursor.execute(
        sql.SQL(
            "CREATE UNLOGGED TABLE {table} ("
            # Line 1 is the header. Cached numbers stay consecutive within one COPY, and save
            # a sequence call per row.
            " line bigint GENERATED ALWAYS AS IDENTITY (START WITH 2 CACHE 10000),"
            " reject_reason text,"
            " {columns}"
            ")"
        ).format(
            table=sql.Identifier(STAGING_TABLE),
            columns=sql.SQL(", ").join(
                sql.SQL("{} text").format(sql.Identifier(column)) for column in voting_file.columns
            ),
        )
    )
    copy = sql.SQL("COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)").format(
        table=sql.Identifier(STAGING_TABLE), columns=column_list
    )
    try:
        cursor.copy_expert(copy.as_string(cursor.connection), voting_file.rows, size=COPY_CHUNK)
    except psycopg2.Error as error:
        # psycopg2 ends the COPY when reading the file raises, and reports only that it ended
        # (QueryCanceled): the reader kept the reason (a limit passed, a truncated gzip stream).
        if voting_file.refusal is not None:
            raise voting_file.refusal from None
        if isinstance(error, (psycopg2.DataError, psycopg2.errors.BadCopyFileFormat)):
            raise ImportRefused(_explain_copy_error(error, voting_file.name)) from error
        raise
    rows = cursor.rowcount
    _analyze_staging(cursor)
    return rows


def _analyze_staging(cursor) -> None:
    """Tell the planner what the staged rows are. Without statistics it takes `reject_reason IS
    NULL` to hold for 0.5% of the rows, so it saw a few thousand rows in a million, and the digest
    sorted them by roll call, on disk, where hashing them takes about half the time (shared file:
    0.43 s against 0.73 s, the best of 4 imports each). A small sample (3,000 rows, 0.02 s) shows
    a million rows in thousands of roll calls well enough; the default one took 0.2 s."""
    table = sql.Identifier(STAGING_TABLE)
    columns = [sql.Identifier(column) for column in PLANNED_COLUMNS]
    target = sql.Literal(PLANNER_SAMPLE)
    cursor.execute(
        sql.SQL("ALTER TABLE {} ").format(table)
        + sql.SQL(", ").join(sql.SQL("ALTER COLUMN {} SET STATISTICS {}").format(c, target) for c in columns)
    )
    cursor.execute(sql.SQL("ANALYZE {} ({})").format(table, sql.SQL(", ").join(columns)))


def _explain_copy_error(error, name: str) -> str:
    """PostgreSQL counts COPY lines from the first data line; the file has a header before it."""
    context = getattr(error.diag, "context", None) or ""
    match = re.search(r"line (\d+)", context)
    where = f"line {int(match.group(1)) + 1}" if match else "somewhere"
    reason = (error.diag.message_primary or str(error)).strip()
    return f"{name}, {where}: {reason}. Nothing was imported."
