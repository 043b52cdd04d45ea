"""Work queued while the broker is away is kept in the outbox and runs once it returns: an import
uploaded during a Redis outage is saved, waits in the outbox, and is done by a real worker once
celery beat's every-minute `core.send_outbox` finds the broker back (tests/core/test_redis_down.py
tests the outage itself)."""

import contextlib

import pytest
from django.core.files.base import ContentFile

from config.celery import app as celery_app
from core import background
from core.models import OutboxMessage
from tests.tasks.conftest import REDIS_DOWN_URL, _forget_connections, wait_for
from tests.tasks.voting_files import write_voting_file
from unrecord import jobs
from unrecord.models import RecordedVote, VoteEvent, VoteImport

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

IMPORT = "unrecord.run_vote_import"


@contextlib.contextmanager
def broker_down():
    """The broker unreachable meanwhile; the machine's own Redis, which other tests use, runs on."""
    broker_url = celery_app.conf.broker_url
    celery_app.conf.broker_url = REDIS_DOWN_URL
    _forget_connections()
    try:
        yield
    finally:
        celery_app.conf.broker_url = broker_url
        _forget_connections()


def finished(job_id: int) -> VoteImport | None:
    job = VoteImport.objects.get(pk=job_id)
    return job if job.is_finished else None


def test_an_import_uploaded_while_the_broker_is_down_runs_once_it_returns(
    celery_workers, tmp_path, record_keeper
):
    path = write_voting_file(tmp_path / "votes.csv", roll_calls=3)
    upload = VoteImport(upload=ContentFile(path.read_bytes(), name=path.name))
    with broker_down():
        job = jobs.queue_import(job=upload, user=record_keeper)  # commits, then cannot send: no error
    waiting = OutboxMessage.objects.get(task_name=IMPORT)
    assert waiting.kwargs == {"job_id": job.pk} and waiting.sent_at is None and waiting.last_error
    assert VoteImport.objects.get(pk=job.pk).status == VoteImport.Status.QUEUED

    celery_workers.start()
    background.task("core.send_outbox").delay()  # what celery beat sends every minute

    job = wait_for(
        lambda: finished(job.pk), timeout=180, what="the worker to run the import kept in the outbox"
    )
    assert job.status == VoteImport.Status.DONE, job.error
    assert job.task_id and job.attempts == 1  # run once, by the worker
    assert (VoteEvent.objects.count(), RecordedVote.objects.count()) == (3, 3 * 193)
    assert not OutboxMessage.objects.filter(task_name=IMPORT).exists()
