"""The outbox of background work (core/background.py): a task is stored with the transaction that
asks for it, sent once that commits, kept when the broker refuses it, and sent later by
`send_outbox`, oldest first; coalesced runs absorb changes until they start."""

from datetime import timedelta

import pytest
from celery import shared_task
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from core import background
from core.models import RESEND_AFTER, OutboxMessage

pytestmark = pytest.mark.django_db

RUNS = []


@shared_task(name="tests.core.record_run")
def record_run(**kwargs):
    """A task that only says it ran (in this process: the tests have no broker)."""
    RUNS.append(kwargs)


@pytest.fixture(autouse=True)
def no_runs():
    RUNS.clear()


class Broker:
    """Stands in for the broker: accepts tasks, or refuses them as an unreachable Redis does."""

    def __init__(self):
        self.sent, self.down = [], False

    def __call__(self, task_name):
        return type("Task", (), {"apply_async": lambda _, kwargs: self.send(task_name, kwargs)})()

    def send(self, task_name, kwargs):
        if self.down:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")
        self.sent.append((task_name, kwargs))


@pytest.fixture
def broker(monkeypatch):
    stand_in = Broker()
    monkeypatch.setattr(background, "task", stand_in)
    return stand_in


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """What a commit does, inside the test's own transaction: run the callbacks of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_task_is_stored_with_the_transaction_and_sent_once_it_commits(broker, commit):
    with commit(), transaction.atomic():
        background.queue_on_commit("tests.core.record_run", job_id=7)
        assert OutboxMessage.objects.get().kwargs == {"job_id": 7}  # written with the change
        assert broker.sent == []  # nothing before the commit
    assert broker.sent == [("tests.core.record_run", {"job_id": 7})]
    assert not OutboxMessage.objects.exists()


def test_a_rolled_back_transaction_leaves_nothing_to_send(broker, commit):
    with commit(), pytest.raises(RuntimeError), transaction.atomic():
        background.queue_on_commit("tests.core.record_run", job_id=7)
        raise RuntimeError("the write failed")
    assert broker.sent == [] and not OutboxMessage.objects.exists()


def test_a_broker_error_in_the_send_after_commit_leaves_the_task_pending_without_raising(broker, commit):
    broker.down = True
    with commit(), transaction.atomic():  # raises nothing: the write has committed
        background.queue_on_commit("tests.core.record_run", job_id=7)
    message = OutboxMessage.objects.get()
    assert (message.sent_at, message.attempts) == (None, 1)
    assert "Connection refused" in message.last_error
    assert message.is_due()


def test_send_outbox_sends_pending_tasks_oldest_first_once_the_broker_returns(broker, commit):
    broker.down = True
    for job_id in (1, 2, 3):
        with commit():
            background.queue_on_commit("tests.core.record_run", job_id=job_id)
    assert background.send_outbox() == 0  # still down: nothing goes, nothing is lost
    assert OutboxMessage.objects.count() == 3
    broker.down = False
    assert background.send_outbox() == 3
    assert [kwargs["job_id"] for _, kwargs in broker.sent] == [1, 2, 3]
    assert not OutboxMessage.objects.exists()


def test_the_send_outbox_command_says_what_went_and_fails_while_the_broker_is_away(broker, commit):
    broker.down = True
    with commit():
        background.queue_on_commit("tests.core.record_run", job_id=1)
    with pytest.raises(CommandError, match="Connection refused"):
        call_command("send_outbox")
    broker.down = False
    call_command("send_outbox")
    assert broker.sent == [("tests.core.record_run", {"job_id": 1})]


def test_a_coalesced_task_absorbs_changes_until_its_run_starts(broker, commit):
    for _ in range(3):
        with commit():
            background.queue_on_commit("tests.core.record_run", coalesce_key="k", campaign_id=1)
    assert len(broker.sent) == 1
    assert OutboxMessage.objects.get().sent_at is not None  # on its way, not started
    background.coalesced_run_started("k")
    assert not OutboxMessage.objects.exists()
    with commit():
        background.queue_on_commit("tests.core.record_run", coalesce_key="k", campaign_id=1)
    assert len(broker.sent) == 2


def test_a_coalesced_task_refused_by_the_broker_is_still_one_task_once_it_returns(broker, commit):
    broker.down = True
    for _ in range(3):
        with commit():
            background.queue_on_commit("tests.core.record_run", coalesce_key="k", campaign_id=1)
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 3  # each change kept
    broker.down = False
    assert background.send_outbox() == 1 and len(broker.sent) == 1  # one run sees them all


def test_a_coalesced_run_that_never_started_is_sent_again(broker, commit):
    with commit():
        background.queue_on_commit("tests.core.record_run", coalesce_key="k", campaign_id=1)
    OutboxMessage.objects.update(sent_at=timezone.now() - RESEND_AFTER - timedelta(seconds=1))
    assert background.send_outbox() == 1
    assert len(broker.sent) == 2


def test_without_a_broker_the_task_runs_in_process_on_commit(commit):
    with commit(), transaction.atomic():
        background.queue_on_commit("tests.core.record_run", job_id=7)
        assert RUNS == []
    assert RUNS == [{"job_id": 7}]
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_queued_outside_a_transaction_is_sent_at_once(broker):
    background.queue_on_commit("tests.core.record_run", job_id=7)
    assert broker.sent == [("tests.core.record_run", {"job_id": 7})]
    assert not OutboxMessage.objects.exists()
