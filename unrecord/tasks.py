"""Background tasks of the public record: running vote imports queued from the admin."""

from celery import shared_task

from core.background import retry_backoff
from unrecord import jobs

MAX_RETRIES = 8
BUSY_RECHECK_SECONDS = 60


@shared_task(name="unrecord.run_vote_import", bind=True, acks_late=True, max_retries=MAX_RETRIES)
def run_vote_import(self, job_id: int) -> str:
    """Run import job `job_id` (unrecord/jobs.py). Idempotent: a finished job is left alone, and a
    job another worker is running is looked at again later."""
    try:
        return jobs.run_import(job_id, task_id=self.request.id or "")
    except jobs.JobBusy as busy:
        if self.request.is_eager:  # run in-process: looking again at once would only recurse
            return "running elsewhere"
        # Either it finishes there (and the next look does nothing) or that worker died and its
        # lock goes with its connection; so look again, however long it takes.
        countdown = min(BUSY_RECHECK_SECONDS, retry_backoff(self.request.retries))
        raise self.retry(exc=busy, countdown=countdown, max_retries=10_000) from busy
    except jobs.TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            jobs.fail(job_id, f"Gave up after {self.request.retries + 1} attempts: {error}")
            return "failed"
        countdown = retry_backoff(self.request.retries)
        jobs.note_retry(job_id, error, countdown)
        raise self.retry(exc=error, countdown=countdown) from error
