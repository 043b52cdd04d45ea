"""Benchmark: importing the UN voting file, against the floor of a raw COPY of the same file.

    python bench/import_un_votes.py [--file PATH] [--database NAME] [--runs N]

Uses DATABASE_URL's server when set, else the embedded PostgreSQL, and a fresh database
(`plenary_bench` unless --database says otherwise) on it, dropped and created here.
Prints, measured in this run:
  floor      COPY of the file into an unindexed all-text table (median of N)
  votes      the imported votes COPY'd back into their emptied table, its key, index and foreign
             keys rebuilt by the importer's bulk loader, then rolled back (median of N): the writes
             that any import of this file must make beyond reading it
  full       import_file into an empty database (median of N, the vote tables emptied between)
  unchanged  the same file imported again (median of N), with the rows it changed
and the peak memory of this process and of its PostgreSQL backend.
Goals (issue 16): full < 2.5× floor, unchanged ≤ 1.5× floor with 0 rows changed, memory < 300 MB.
"""

import argparse
import gzip
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = ROOT.parent / "shared" / "data" / "unga-votes-1946-2019.csv.gz"
BENCH_DB = "plenary_bench"
FULL_IMPORT_GOAL = 2.5  # times the floor (issue 16)
VOTE_TABLES = (
    "unrecord_recordedvote, unrecord_voteevent, unrecord_amendment, unrecord_sponsorship, "
    "unrecord_draftrevision, unrecord_resolution, unrecord_resolutionseries, unrecord_session, "
    "unrecord_voteimport"
)


def main() -> int:
    options = _options()
    if not options.file.is_file():
        print(f"No voting file at {options.file}: nothing to measure.")
        return 0
    _use_fresh_database(options.database)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with BackendMemory(connection) as backend:
        floor = [_floor(connection, options.file) for _ in range(options.runs)]
        full = [_full_import(connection, options.file) for _ in range(options.runs)]
        unchanged = [_import(options.file) for _ in range(options.runs)]
    votes = _votes_written(connection, options.runs)  # after the memory's sampling: the imports' alone
    _print(options, floor, votes, full, unchanged, backend.peak)
    return 0


def _options():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--database", default=BENCH_DB, help=f"database name (default {BENCH_DB})")
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()


def _use_fresh_database(name: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    url = os.environ.get("DATABASE_URL")
    if url:
        import psycopg2

        admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
        os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + f"/{name}"
    else:
        from config.embedded_db import embedded_database

        settings = embedded_database(data_dir=ROOT / "var" / "pgdata", name="postgres")
        import psycopg2

        admin = psycopg2.connect(dbname="postgres", user="postgres", host=settings["HOST"])
        os.environ["PLENARY_DB_NAME"] = name
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def _floor(connection, path: Path) -> float:
    from unrecord.importer import COLUMNS

    columns = ", ".join(COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_floor")
        cursor.execute(f"CREATE UNLOGGED TABLE bench_floor ({', '.join(f'{c} text' for c in COLUMNS)})")
        started = time.perf_counter()
        with gzip.open(path, "rb") as rows:
            cursor.copy_expert(
                f"COPY bench_floor ({columns}) FROM STDIN WITH (FORMAT csv, HEADER true)", rows
            )
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_floor")
    return seconds


def _votes_written(connection, runs: int) -> list[float]:
    """The votes' own writes: the imported rows loaded again into their emptied table by the
    importer's bulk loader (keys and indexes rebuilt, foreign keys validated, statistics
    gathered), each run rolled back. The file's reading is the floor; the rest of an import
    (the digest, joining each row to its roll call and state, the roll calls, the series) is
    what the import adds to these two."""
    from django.db import transaction

    from unrecord.importer.bulk import indexes_and_keys_suspended
    from unrecord.tables import VOTE_TABLE

    seconds = []
    with tempfile.TemporaryFile() as spool:
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {VOTE_TABLE} TO STDOUT", spool)
        for _ in range(runs):
            spool.seek(0)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")  # as the import does
                cursor.execute(f"TRUNCATE {VOTE_TABLE}")
                started = time.perf_counter()
                with indexes_and_keys_suspended(cursor, VOTE_TABLE):
                    cursor.copy_expert(f"COPY {VOTE_TABLE} FROM STDIN", spool, size=1 << 20)
                seconds.append(time.perf_counter() - started)
                transaction.set_rollback(True)
    return seconds


def _full_import(connection, path: Path) -> tuple[float, int, dict]:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {VOTE_TABLES} CASCADE")
    return _import(path)


def _import(path: Path) -> tuple[float, int, dict]:
    from unrecord.importer import import_file

    started = time.perf_counter()
    report = import_file(str(path))
    seconds = time.perf_counter() - started
    changed = sum(
        c.created + c.updated + c.deleted for c in (report.roll_calls, report.votes, report.resolutions)
    )
    return seconds, changed, report.timings


class BackendMemory:
    """Samples the unique memory of this connection's PostgreSQL backend process."""

    def __init__(self, connection):
        self.connection = connection
        self.peak = 0
        self._stop = threading.Event()

    def __enter__(self):
        import psutil

        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            self.process = psutil.Process(cursor.fetchone()[0])
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.05):
            try:
                self.peak = max(self.peak, self.process.memory_full_info().uss)
            except Exception:
                return

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _print(options, floor, votes, full, unchanged, backend_peak) -> None:
    floor_s = statistics.median(floor)
    votes_s = statistics.median(votes)
    full_s = statistics.median(seconds for seconds, _, _ in full)
    unchanged_s = statistics.median(seconds for seconds, _, _ in unchanged)
    changed = max(rows for _, rows, _ in unchanged)
    median_full = sorted(full, key=lambda run: run[0])[len(full) // 2]
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    server = "DATABASE_URL server" if os.environ.get("DATABASE_URL") else "embedded PostgreSQL"
    print(f"Importing {options.file.name} on the {server}, median of {options.runs} runs each")
    print(f"  floor: COPY into an unindexed table   {floor_s:6.2f} s")
    print(f"  the votes' writes: COPY, key, indexes {votes_s:6.2f} s  {votes_s / floor_s:4.2f}× floor")
    print(
        f"  full import into an empty database    {full_s:6.2f} s  "
        f"{full_s / floor_s:4.2f}× floor  (goal < {FULL_IMPORT_GOAL}×)"
    )
    print(
        f"  unchanged re-import                   {unchanged_s:6.2f} s  {unchanged_s / floor_s:4.2f}× floor  "
        f"(goal ≤ 1.5×), rows changed: {changed}"
    )
    beyond = full_s - floor_s - votes_s
    allowed = FULL_IMPORT_GOAL * floor_s - floor_s - votes_s
    print(f"  the import beyond those two           {beyond:6.2f} s  (the goal leaves {allowed:.2f} s)")
    phases = ", ".join(f"{phase} {seconds:.2f} s" for phase, seconds in median_full[2].items())
    print(f"  the median full import's phases: {phases} (its votes' writes are in 'votes')")
    print(
        f"  peak memory: importer process {own_peak:.0f} MB, "
        f"PostgreSQL backend {backend_peak / 2**20:.0f} MB (goal < 300 MB)"
    )
    runs = (
        ", ".join(f"{s:.2f}" for s in floor),
        ", ".join(f"{s:.2f}" for s in votes),
        ", ".join(f"{s:.2f}" for s, _, _ in full),
        ", ".join(f"{s:.2f}" for s, _, _ in unchanged),
    )
    print(f"  runs: floor [{runs[0]}], votes' writes [{runs[1]}], full [{runs[2]}], unchanged [{runs[3]}]")


if __name__ == "__main__":
    sys.exit(main())
