"""Importing UN General Assembly recorded votes in the UN Digital Library bulk layout.

    COPY into a staging table → digest each roll call → check and merge only the new or changed

The whole import is one transaction: a file that is refused, or an import that fails, leaves the
database as it was. Rows with bad values are reported with their line and left out; the rest
imports. Imported rows are traced by their VoteImport, not by row-level history triggers. See
README, "Importing the UN voting record", for the figures.
"""

import time
from collections.abc import Callable
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from unrecord.importer import checks, merge
from unrecord.importer.report import REJECTS_KEPT, ImportReport
from unrecord.importer.source import COLUMNS, ImportRefused, open_voting_file
from unrecord.importer.staging import begin_import, drop_scratch_tables, load_staging
from unrecord.importer.triggers import ignore_history_triggers
from unrecord.models import Body, MemberState, StateCodeAlias, VoteImport
from unrecord.tables import ROLL_CALLS

__all__ = ["COLUMNS", "ImportRefused", "ImportReport", "import_file"]


def import_file(
    path: str,
    *,
    user=None,
    progress: Callable[[str, int, int | None], None] | None = None,
    vote_import: VoteImport | None = None,
) -> ImportReport:
    """Import the voting file at `path` ("-" for standard input).

    `progress(phase, done, total)` is called as the file is read (bytes) and at each phase.
    Raises ImportRefused, with nothing written, for a file that cannot be imported at all.
    `vote_import`: the record to complete (a job queued from the admin) instead of a new one; it
    is written once, at the end, in the import's transaction.
    """
    started = time.perf_counter()
    voting_file = open_voting_file(path, progress=_byte_progress(progress))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        begin_import(cursor)
        ignore_history_triggers(cursor)
        if vote_import is None:
            vote_import = VoteImport.objects.create(
                source=voting_file.name, imported_by=user, status=VoteImport.Status.RUNNING
            )
        report = ImportReport(source=voting_file.name, checksum="", vote_import_id=vote_import.pk)
        with _timed(report, "copy"):
            report.rows_read = load_staging(cursor, voting_file)
        report.checksum = voting_file.checksum
        _phase(progress, "checking")
        with _timed(report, "digest"):
            merge.digest_roll_calls(cursor)
            candidates = merge.mark_candidates(cursor)
        if candidates:
            _check_and_merge(cursor, report, vote_import, progress)
        else:
            report.roll_calls.unchanged = _roll_call_count(cursor)
            report.votes.unchanged = report.rows_read
        report.reconciliation = merge.reconciliation(cursor)
        report.seconds = time.perf_counter() - started
        _finish(vote_import, report)
        drop_scratch_tables(cursor)
    return report


def _check_and_merge(cursor, report: ImportReport, vote_import: VoteImport, progress) -> None:
    with _timed(report, "checks"):
        rejected = _reject_bad_rows(cursor, report)
    _phase(progress, "merging")
    savepoint = transaction.savepoint()
    try:
        _merge(cursor, report, vote_import)
    except DatabaseError:
        # A state code the reference data lacks (its vote finds no state) or a state voting twice
        # in a roll call (it breaks the one-vote-per-state key). Such files are rare, so they
        # are looked for only when it happens: fix what can be fixed and merge again.
        transaction.savepoint_rollback(savepoint)
        repaired = _repair_codes_and_duplicates(cursor, report)
        if repaired is None:
            raise
        rejected += repaired
        _merge(cursor, report, vote_import)
    else:
        transaction.savepoint_commit(savepoint)
    if rejected:
        report.rows_rejected, report.rejected = checks.rejected_rows(cursor, limit=REJECTS_KEPT)


def _reject_bad_rows(cursor, report: ImportReport) -> int:
    problems = checks.find_problems(merge.candidate_roll_calls(cursor))
    rejected = 0
    if problems:
        rejected += checks.mark_rejected_rows(cursor, problems)
        _redigest(cursor)
        problems = checks.find_problems(merge.candidate_roll_calls(cursor))
    if problems.inconsistent:
        rejected += checks.reject_disagreeing_rows(cursor, sorted(problems.inconsistent))
        _redigest(cursor)
    report.warnings = problems.warnings
    merge.convert_roll_call_values(cursor)
    merge.load_state_codes(cursor, _state_codes())
    return rejected


def _repair_codes_and_duplicates(cursor, report: ImportReport) -> int | None:
    """Reject malformed codes, create states for unknown ones, reject states voting twice.
    Returns the rows rejected, or None when there was nothing to repair."""
    state_names = merge.state_codes_of_candidates(cursor)
    problems = checks.Problems(bad_codes={code for code in state_names if not checks.STATE_CODE.match(code)})
    rejected = checks.mark_rejected_rows(cursor, problems) if problems.bad_codes else 0
    valid = {code: name for code, name in state_names.items() if code not in problems.bad_codes}
    report.states_created = _create_unknown_states(valid, source=report.source)
    merge.load_state_codes(cursor, _state_codes())
    duplicated = merge.duplicated_votes(cursor)
    if duplicated:
        rejected += checks.reject_duplicate_votes(cursor, duplicated)
    if not (rejected or report.states_created):
        return None
    _redigest(cursor)
    merge.convert_roll_call_values(cursor)
    return rejected


def _redigest(cursor) -> None:
    merge.digest_roll_calls(cursor)
    merge.mark_candidates(cursor)


def _merge(cursor, report: ImportReport, vote_import: VoteImport) -> None:
    from unrecord.placeholders import replace_placeholders
    from unrecord.series import assign_series

    general_assembly = Body.objects.get(code="GA").pk
    with _timed(report, "roll calls"):
        report.sessions_created = merge.merge_sessions(cursor, body_id=general_assembly)
        report.resolutions = merge.merge_resolutions(cursor, body_id=general_assembly)
        report.roll_calls = merge.merge_vote_events(
            cursor, body_id=general_assembly, import_id=vote_import.pk
        )
    with _timed(report, "votes"):
        report.votes = merge.merge_votes(cursor, import_id=vote_import.pk, valid_rows=_valid_rows(cursor))
    if report.resolutions.created:
        with _timed(report, "series"):
            report.series_linked = assign_series()
            replace_placeholders()  # a rolled-over campaign's stand-in gives way to the real draft


def _valid_rows(cursor) -> int:
    cursor.execute(f"SELECT coalesce(sum(vote_rows), 0)::bigint FROM {ROLL_CALLS}")
    return cursor.fetchone()[0]


def _roll_call_count(cursor) -> int:
    cursor.execute(f"SELECT count(*) FROM {ROLL_CALLS}")
    return cursor.fetchone()[0]


def _create_unknown_states(state_names: dict[str, str], *, source: str) -> list[str]:
    """A code the reference data lacks becomes a state, named as the file names it, so that its
    votes are not lost; the report lists it for someone to check."""
    known = set(MemberState.objects.values_list("iso3", flat=True))
    known |= set(StateCodeAlias.objects.values_list("code", flat=True))
    created = sorted(set(state_names) - known)
    MemberState.objects.bulk_create(
        MemberState(
            iso3=code,
            un_name=state_names[code].title(),
            common_name=state_names[code].title(),
            group_status="none",
            group_note=f"Created by the import of {source}: not in Plenary's reference data. Check it.",
        )
        for code in created
    )
    return created


def _state_codes() -> list[tuple]:
    direct = [(iso3, pk, None, None, False) for pk, iso3 in MemberState.objects.values_list("pk", "iso3")]
    aliases = [
        (code, state_id, valid_from, valid_until, True)
        for code, state_id, valid_from, valid_until in StateCodeAlias.objects.values_list(
            "code", "state_id", "valid_from", "valid_until"
        )
    ]
    return direct + aliases


def _finish(vote_import: VoteImport, report: ImportReport) -> None:
    vote_import.checksum = report.checksum
    vote_import.status = VoteImport.Status.DONE
    vote_import.finished_at = timezone.now()
    vote_import.summary = report.as_dict()
    vote_import.save(update_fields=["checksum", "status", "finished_at", "summary"])


@contextmanager
def _timed(report: ImportReport, phase: str):
    started = time.perf_counter()
    yield
    report.timings[phase] = round(report.timings.get(phase, 0) + time.perf_counter() - started, 3)


def _byte_progress(progress):
    if progress is None:
        return None
    return lambda done: progress("reading", done, None)


def _phase(progress, name: str) -> None:
    if progress is not None:
        progress(name, 0, None)
