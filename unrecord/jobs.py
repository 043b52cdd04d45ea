"""Vote imports as background jobs: uploaded in the admin, queued once the upload is saved, run by
a worker (unrecord/tasks.py), watched in the admin as they go (README, "Background work").

A job may be run twice (a redelivered task, a retried one): the import is one transaction that
writes the job's outcome together with the data, so a job is either done, with its data, or not,
with none; a finished job is never run again; two workers never run the same job at once.
"""

import hashlib
import logging
import os
import time

from django.db import DatabaseError, InterfaceError, OperationalError, connection, connections, transaction
from django.utils import timezone

from core.access import policy_for, require
from core.background import queue_on_commit
from unrecord.freshness import record_changed
from unrecord.importer import ImportRefused, import_file
from unrecord.models import VoteImport

logger = logging.getLogger(__name__)

# A database that went away, a connection that broke: worth another try later.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
# Runs of one job started before giving up: more than a task's retries on transient errors
# (unrecord/tasks.py), so that reaching it means runs that died (a worker killed, out of memory).
MAX_ATTEMPTS = 12
_JOB_LOCK = 0x706C6A62  # pg_try_advisory_lock(_JOB_LOCK, job id): one run of a job at a time
# The progress figure: reading the file fills the first 40 %; the later phases have no measure
# of their own, so each one starts at a fixed point (on the shared file: COPY ~35 % of the time).
_PHASE_START = {"queued": 0, "starting": 0, "reading": 0, "checking": 40, "merging": 55}
_READING_SHARE = 40


class JobBusy(Exception):
    """Another worker is running this job right now."""


class AlreadyImported(Exception):
    def __init__(self, previous: VoteImport):
        self.previous = previous
        super().__init__(describe_previous(previous))


def file_checksum(upload) -> str:
    """SHA-256 of an uploaded file's bytes, as the importer computes it."""
    sha256 = hashlib.sha256()
    for chunk in upload.chunks():
        sha256.update(chunk)
    upload.seek(0)
    return sha256.hexdigest()


def previous_import_of(checksum: str) -> VoteImport | None:
    """An import of the same file that makes importing it again pointless: one queued or
    running, or one done after which no import changed the record. (A file imported, then
    replaced by a corrected one, may be imported again: that changes things back.)"""
    same_file = VoteImport.objects.filter(checksum=checksum)
    pending = same_file.filter(status__in=[VoteImport.Status.QUEUED, VoteImport.Status.RUNNING]).first()
    if pending is not None:
        return pending
    done = same_file.filter(status=VoteImport.Status.DONE).order_by("-finished_at").first()
    if done is None:
        return None
    changed_since = (
        VoteImport.objects.filter(status=VoteImport.Status.DONE, finished_at__gt=done.finished_at)
        .exclude(summary__changed_anything=False)  # an import without the flag counts as a change
        .exists()
    )
    return None if changed_since else done


def describe_previous(previous: VoteImport) -> str:
    who = f" by {previous.imported_by}" if previous.imported_by_id else ""
    if previous.status == VoteImport.Status.DONE:
        return (
            f"This file was already imported on {timezone.localtime(previous.finished_at):%d %b %Y at %H:%M}"
            f"{who} (import #{previous.pk}), and nothing imported since has changed the record: "
            "importing it again would change nothing."
        )
    status = previous.get_status_display().lower()
    return f"This file is already being imported (import #{previous.pk}, {status})."


@transaction.atomic
def queue_import(*, job: VoteImport, user) -> VoteImport:
    """Save `job` (built by the upload form, with its `upload`) as queued, and queue its run
    once the upload is committed. Refuses a user who is not a record keeper, and a file that is
    already in the record."""
    require(policy_for(VoteImport).can_add(user), "Only record keepers import votes into the UN record.")
    job.checksum = file_checksum(job.upload)
    previous = previous_import_of(job.checksum)
    if previous is not None:
        raise AlreadyImported(previous)
    job.source = os.path.basename(job.upload.name)[:300]
    job.imported_by = user
    job.status = VoteImport.Status.QUEUED
    job.phase = "queued"
    job.save()
    queue_on_commit("unrecord.run_vote_import", job_id=job.pk)
    return job


def run_import(job_id: int, *, task_id: str = "") -> str:
    """Run a queued import job to its end and say how it ended. Safe to call for a job that is
    finished (nothing happens) or running elsewhere (JobBusy). Raises the TRANSIENT_ERRORS for
    the caller to retry; any other failure is recorded on the job, with its reason."""
    job = VoteImport.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return "nothing to do"
    if not _try_lock(job_id):
        raise JobBusy(f"import #{job_id} is running in another worker")
    try:
        job.refresh_from_db()
        if job.is_finished:  # finished by another run between our first look and the lock
            return "nothing to do"
        if job.attempts >= MAX_ATTEMPTS:
            fail(job_id, f"Gave up after {job.attempts} attempts: the last never finished (its worker died).")
            return "failed"
        _start(job, task_id)
        return _import(job)
    finally:
        _unlock(job_id)


def fail(job_id: int, reason: str) -> None:
    VoteImport.objects.filter(pk=job_id).update(
        status=VoteImport.Status.FAILED, error=reason, phase="failed", finished_at=timezone.now()
    )


def note_retry(job_id: int, error: Exception, *, retry: int, retries: int) -> None:
    """Back to the queue after a transient error, saying so on the job."""
    _drop_connection_if_broken()
    VoteImport.objects.filter(pk=job_id).update(
        status=VoteImport.Status.QUEUED,
        phase="queued",
        error=f"Attempt failed ({error.__class__.__name__}: {error}); trying again shortly "
        f"(retry {retry} of {retries}).",
    )


def give_up(job_id: int, error: Exception, *, attempts: int) -> None:
    """The task failed for good (its retries spent): the job says why, instead of waiting forever."""
    _drop_connection_if_broken()
    if isinstance(error, TRANSIENT_ERRORS):
        fail(job_id, f"Gave up after {attempts} attempts: {error}")
    else:
        fail(job_id, f"The import failed ({error.__class__.__name__}: {error}). Nothing was imported.")


def _start(job: VoteImport, task_id: str) -> None:
    job.status, job.phase, job.progress, job.error = VoteImport.Status.RUNNING, "starting", 0, ""
    job.attempts += 1
    job.task_id = task_id[:50]
    job.save(update_fields=["status", "phase", "progress", "error", "attempts", "task_id"])


def _import(job: VoteImport) -> str:
    path = job.upload.path if job.upload else ""
    if not os.path.isfile(path):
        fail(
            job.pk,
            f"The uploaded file is not where this worker looks for it ({path or 'no file'}): "
            "web and worker must share PLENARY_MEDIA_ROOT.",
        )
        return "failed"
    progress = ProgressWriter(job.pk, size=os.path.getsize(path))
    try:
        report = import_file(path, user=job.imported_by, vote_import=job, progress=progress)
    except ImportRefused as refusal:
        fail(job.pk, str(refusal))
        return "refused"
    except TRANSIENT_ERRORS:
        raise
    except Exception as error:
        logger.exception("Import #%s failed", job.pk)
        _drop_connection_if_broken()
        fail(job.pk, f"The import failed ({error.__class__.__name__}: {error}). Nothing was imported.")
        return "failed"
    finally:
        progress.close()
    if report.changed_anything:
        record_changed()  # what the record feeds is refreshed once the import is in
    return "done"


def progress_percent(phase: str, done: int, size: int | None) -> int:
    if phase == "reading" and size:
        return min(_READING_SHARE, _READING_SHARE * done // size)
    return _PHASE_START.get(phase, 0)


class ProgressWriter:
    """The import's progress callback: writes the job's progress from a connection of its own
    (the import's transaction is invisible until it commits), a few times a second at most.
    It never waits for a lock and never fails the import: a figure missed is only a figure."""

    INTERVAL = 0.25  # seconds

    def __init__(self, job_id: int, *, size: int | None):
        self.job_id = job_id
        self.size = size
        self._phase = None
        self._written_at = 0.0
        self._connection = None

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if phase == self._phase and now - self._written_at < self.INTERVAL:
            return
        self._phase, self._written_at = phase, now
        self._write(phase, progress_percent(phase, done, self.size))

    def _write(self, phase: str, percent: int) -> None:
        try:
            if self._connection is None:
                self._connection = connections.create_connection("default")
                with self._connection.cursor() as cursor:
                    cursor.execute("SET lock_timeout = '200ms'")
            with self._connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {VoteImport._meta.db_table} SET progress = %s, phase = %s WHERE id = %s",
                    [percent, phase, self.job_id],
                )
        except DatabaseError as error:
            logger.warning("Import #%s: progress not recorded (%s)", self.job_id, error)
            self.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _try_lock(job_id: int) -> bool:
    # A session lock, on the connection the import runs on: a worker that dies drops it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [_JOB_LOCK, job_id])
        return cursor.fetchone()[0]


def _unlock(job_id: int) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_JOB_LOCK, job_id])
    except DatabaseError:
        _drop_connection_if_broken()  # a broken connection has dropped the lock already


def _drop_connection_if_broken() -> None:
    """After an error, a connection the server has closed is replaced on the next query."""
    if connection.connection is not None and not connection.is_usable():
        connection.close()
