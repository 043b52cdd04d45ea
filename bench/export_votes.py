"""Benchmark: the bulk exports over HTTP, beside two COPYs measured in the same run.

    python bench/export_votes.py [--runs N] [--file PATH] [--database NAME]

Uses DATABASE_URL's server when set, else the embedded PostgreSQL, and a database
`plenary_bench_export` on it, prepared as bench/api_load.py prepares its own (migrated, the voting
file imported unless it is already, the vote tables VACUUM ANALYZEd). Serves the app with gunicorn
as api_load.py does (one sync worker, DEBUG off) and, N times in turn:
  COPY baseline   the export's own COPY statement (the same SELECT, built by the app from the
                  same filtered QuerySet) through psycopg2 into /dev/null: the floor
  table baseline  the votes table as stored, `COPY unrecord_recordedvote TO STDOUT` (ids and
                  choices: no names, no dates), likewise: what reading the rows alone costs
  export          GET /api/v1/recorded-votes/export/ with an analyst's token, the body read by
                  urllib in 1 MB chunks to the end, as a client saving the file would
for the whole record, for one session (?session=69) and for the vote events' export. Prints the
medians (seconds, rows, MB, MB/s, ratio to the COPY), the gunicorn worker's memory before and
after (the export streams: it should not grow with the rows), and the verdict against issue 16's
goal, the whole record within 3× "a COPY … TO of the same rows", read both ways: within 3× the
export's own COPY, and within 3× the bare table's. Exits 0 whatever the verdict; 1 when it
cannot measure.
"""

import argparse
import os
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field

from api_load import GunicornServer, _client_tokens, _prepare_database, _use_database
from bench_database import file_and_database_options

BENCH_DB = "plenary_bench_export"
GOAL_RATIO = 3.0
CHUNK = 1 << 20


@dataclass
class Export:
    name: str
    path: str
    query: dict = field(default_factory=dict)
    copy_seconds: list[float] = field(default_factory=list)
    http_seconds: list[float] = field(default_factory=list)
    rows: int = 0
    http_rows: int = 0
    size: int = 0


def main() -> int:
    options = _options()
    if not options.file.is_file():
        print(f"No voting file at {options.file}: nothing to measure.")
        return 1
    _use_database(options.database)
    import django

    django.setup()
    _prepare_database(options.file)
    token = _client_tokens(1)[0]
    exports = [
        Export("recorded votes, whole record", "/api/v1/recorded-votes/export/"),
        Export("recorded votes, ?session=69", "/api/v1/recorded-votes/export/", {"session": "69"}),
        Export("vote events with tallies", "/api/v1/vote-events/export/"),
    ]
    load_before = os.getloadavg()[0]
    with GunicornServer(1, 60, options.gunicorn_config) as server:
        memory, table_seconds = [_worker_memory(server)], []
        for _ in range(options.runs):
            table_seconds.append(_measure_table_copy())
            for export in exports:
                _measure_copy(export)
                _measure_http(server.url, export, token)
                memory.append(_worker_memory(server))
    _print(exports, memory, (load_before, os.getloadavg()[0]), options.runs)
    _print_verdicts(exports[0], table_seconds)
    return 0


def _options():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    file_and_database_options(parser, BENCH_DB)
    parser.add_argument("--runs", type=int, default=3, help="rounds over the exports (default 3)")
    parser.add_argument(
        "--gunicorn-config", type=_path, default=None, help="gunicorn's settings (default: the project's)"
    )
    options = parser.parse_args()
    options.gunicorn_config = options.gunicorn_config or _path(__file__).parents[1] / "gunicorn.conf.py"
    return options


def _path(text: str):
    from pathlib import Path

    return Path(text).resolve()


def _selection(export: Export):
    """What the app exports: the view's FilterSet on the view's QuerySet, through its selector."""
    from django.http import QueryDict

    from unrecord import filters, selectors

    query = QueryDict(mutable=True)
    query.update(export.query)
    if "vote-events" in export.path:
        events = filters.VoteEventFilter(query, queryset=selectors.vote_events()).qs
        return selectors.vote_events_export(events)
    votes = filters.RecordedVoteFilter(query, queryset=selectors.recorded_votes()).qs
    return selectors.recorded_votes_export(votes)


def _measure_copy(export: Export) -> None:
    """The export's own COPY statement, as the app builds it, into /dev/null. The recorded votes'
    statement sends a roll call's votes as one row: the rows are counted by the ORM."""
    from django.db import connection

    from core.csv_export import GroupedCSVExport, copy_statement, grouped_copy_statement

    selection = _selection(export)
    grouped = isinstance(selection, GroupedCSVExport)
    sql, params = grouped_copy_statement(selection) if grouped else copy_statement(selection)
    with connection.cursor() as cursor, open(os.devnull, "wb") as sink:
        raw = cursor.cursor
        raw.execute("SET jit = off")  # as the app runs it (core/csv_export.py)
        began = time.perf_counter()
        raw.copy_expert(raw.mogrify(sql, params).decode(), sink)
        export.copy_seconds.append(time.perf_counter() - began)
        export.rows = selection.rows.count() if grouped else raw.rowcount


def _measure_table_copy() -> float:
    """Seconds to COPY the votes table as it is stored (ids and choices: no names, no dates), in
    COPY's default (text) format, the quicker of its two."""
    from django.db import connection

    from unrecord.models import RecordedVote

    with connection.cursor() as cursor, open(os.devnull, "wb") as sink:
        began = time.perf_counter()
        cursor.cursor.copy_expert(f"COPY {RecordedVote._meta.db_table} TO STDOUT", sink)
        return time.perf_counter() - began


def _measure_http(url: str, export: Export, token: str) -> None:
    query = "&".join(f"{name}={value}" for name, value in export.query.items())
    request = urllib.request.Request(
        f"{url}{export.path}{'?' + query if query else ''}", headers={"Authorization": f"Token {token}"}
    )
    size = lines = 0
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        if response.status != 200:
            sys.exit(f"{export.path} answered {response.status}")
        while chunk := response.read(CHUNK):
            size += len(chunk)
            lines += chunk.count(b"\n")
    export.http_seconds.append(time.perf_counter() - began)
    export.size, export.http_rows = size, lines - 1  # the header row


def _worker_memory(server: GunicornServer) -> float:
    """The resident memory of the gunicorn worker, in MB."""
    import psutil

    workers = psutil.Process(server.process.pid).children()
    return sum(worker.memory_info().rss for worker in workers) / 1e6


def _print(exports: list[Export], memory: list[float], load: tuple[float, float], runs: int) -> None:
    cpus = os.cpu_count()
    print(
        f"\nMedian of {runs} runs; gunicorn, 1 sync worker, DEBUG off; {cpus} CPUs shared by the "
        "client, gunicorn and PostgreSQL. COPY = the export's own statement through psycopg2 into /dev/null."
    )
    if max(load) > cpus:
        print(
            f"Warning: load average {load[0]:.1f} before, {load[1]:.1f} after, on {cpus} CPUs: other "
            "processes competed for them, so both figures are slower and noisier than alone."
        )
    print(f"{'export':<32} {'how':<6} {'seconds':>8} {'rows':>9} {'MB':>6} {'MB/s':>6} {'× COPY':>7}")
    for export in exports:
        copy, http = statistics.median(export.copy_seconds), statistics.median(export.http_seconds)
        megabytes = export.size / 1e6
        print(
            f"{export.name:<32} {'COPY':<6} {copy:8.2f} {export.rows:9,} "
            f"{megabytes:6.1f} {megabytes / copy:6.1f}"
        )
        print(
            f"{'':<32} {'HTTP':<6} {http:8.2f} {export.http_rows:9,} {megabytes:6.1f} "
            f"{megabytes / http:6.1f} {http / copy:7.2f}"
        )
        if export.http_rows != export.rows:
            print(f"  ERROR: the download had {export.http_rows:,} rows, the COPY {export.rows:,}")
    print("\nEach run, HTTP / COPY seconds:")
    for export in exports:
        pairs = ", ".join(
            f"{h:.2f} / {c:.2f}" for h, c in zip(export.http_seconds, export.copy_seconds, strict=True)
        )
        print(f"  {export.name:<32} {pairs}")
    after = ", ".join(f"{megabytes:.0f}" for megabytes in memory[1:])
    print(f"\ngunicorn worker's memory: {memory[0]:.0f} MB before, then after each export {after} MB")
    print(f"Load average {load[0]:.1f} before, {load[1]:.1f} after.")


def _print_verdicts(whole: Export, table_seconds: list[float]) -> None:
    """Issue 16's goal under both readings of "a COPY … TO of the same rows": the export's own
    statement (its joins and columns), and the votes table as stored (the rows alone)."""
    http = statistics.median(whole.http_seconds)
    table = statistics.median(table_seconds)
    print(f"COPY of the votes table as stored, each run: {', '.join(f'{t:.2f}' for t in table_seconds)} s")
    complete = whole.http_rows == whole.rows
    baselines = {"the export's own COPY": statistics.median(whole.copy_seconds), "the table's COPY": table}
    for baseline, seconds in baselines.items():
        ratio = http / seconds
        verdict = "PASS" if ratio <= GOAL_RATIO and complete else "FAIL"
        print(
            f"Verdict, the whole record ({http:.2f} s) within {GOAL_RATIO:.0f}× {baseline} "
            f"({seconds:.2f} s): {verdict}, {ratio:.2f}×"
        )


if __name__ == "__main__":
    sys.exit(main())
