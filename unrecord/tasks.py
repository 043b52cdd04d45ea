"""Background tasks of the public record: running vote imports queued from the admin."""

from celery import Task, shared_task

from unrecord import jobs

MAX_RETRIES = 8
BUSY_RECHECK_SECONDS = 60


class VoteImportTask(Task):
    """Celery retries the import on a transient error (`autoretry_for`); these hooks say so on
    the job, and fail the job once Celery gives up."""

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        if isinstance(exc, jobs.TRANSIENT_ERRORS):  # not a job busy elsewhere: that one is running
            jobs.note_retry(
                _job_id(args, kwargs), exc, retry=self.request.retries + 1, retries=self.max_retries
            )

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        jobs.give_up(_job_id(args, kwargs), exc, attempts=self.request.retries + 1)


@shared_task(
    name="unrecord.run_vote_import",
    base=VoteImportTask,
    bind=True,
    acks_late=True,
    autoretry_for=jobs.TRANSIENT_ERRORS,
    retry_backoff=5,  # seconds before the first retry, doubling each time (Celery's own backoff)
    retry_backoff_max=300,
    retry_jitter=True,  # tasks that failed together do not all come back together
    max_retries=MAX_RETRIES,
)
def run_vote_import(self, job_id: int) -> str:
    """Run import job `job_id` (unrecord/jobs.py). Idempotent: a finished job is left alone, and a
    job another worker is running is looked at again later."""
    try:
        return jobs.run_import(job_id, task_id=self.request.id or "")
    except jobs.JobBusy as busy:
        if self.request.is_eager:  # run in-process: looking again at once would only recurse
            return "running elsewhere"
        # Not an error to back off from: either it finishes there (and the next look does
        # nothing) or that worker died and its lock went with its connection. So look again
        # every minute, however long it takes.
        raise self.retry(exc=busy, countdown=BUSY_RECHECK_SECONDS, max_retries=10_000) from busy


def _job_id(args, kwargs) -> int:
    return kwargs["job_id"] if "job_id" in kwargs else args[0]
