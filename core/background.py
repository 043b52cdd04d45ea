"""Queueing background work (README, "Background work"): never inside an open transaction, only
once it has committed, and by task name, so that a lower layer can ask for work an upper layer
does without importing it (a stance saved in advocacy refreshes a projection in intelligence).

Work goes through the outbox (core.models.OutboxMessage): the task is written in the caller's
transaction, so it is committed with the write or not at all, and sent to the broker once that
commits. A broker that is away leaves it in the outbox, the write's answer unharmed, until
`send_outbox` (every minute under celery beat; `manage.py send_outbox`) sends it."""

import logging
from functools import partial
from smtplib import SMTPException

from celery import current_app
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.models import OutboxMessage

logger = logging.getLogger(__name__)


def queue_on_commit(task_name: str, *, coalesce_key: str | None = None, **kwargs) -> None:
    """Queue the task `task_name` with `kwargs` when the current transaction commits (at once
    outside one); nothing is queued if it rolls back.

    With `coalesce_key`, a change made while a run with that key is queued and not yet started
    adds nothing: that run will see it. The task calls `coalesced_run_started(key)` first."""
    message = OutboxMessage.objects.create(
        task_name=task_name, kwargs=kwargs, coalesce_key=coalesce_key or ""
    )
    transaction.on_commit(partial(send_message, message.pk), robust=True)


def coalesced_run_started(coalesce_key: str) -> None:
    """Called by a coalesced task as it starts: the changes committed so far are this run's to
    see; a change from now on needs a run of its own."""
    OutboxMessage.objects.filter(coalesce_key=coalesce_key).delete()


def send_message(message_id: int) -> None:
    """Hand one outbox row to the broker (the on-commit callback). A broker that is away leaves
    the row for `send_outbox`, logged, without raising: the write that queued it has committed."""
    taken = _take(message_id)
    if taken is not None:
        _send(*taken)


def send_outbox(*, limit: int | None = 1000) -> int:
    """Send the outbox's due rows (the `limit` oldest), until the broker refuses one; how many
    tasks went."""
    sent = 0
    for message_id in OutboxMessage.objects.due().values_list("pk", flat=True)[:limit]:
        taken = _take(message_id)
        if taken is None:
            continue  # sent by another process or with its group, or absorbed by a run on its way
        if not _send(*taken):
            break  # the broker is still away: the next run tries again
        sent += 1
    return sent


def _take(message_id: int) -> tuple[OutboxMessage, list[int]] | None:
    """Mark a due row, with the due rows of its coalesced group, as being sent (skipping rows
    another process holds, so that no two send them) and return it with their ids; None when
    there is nothing to send."""
    with transaction.atomic():
        held = OutboxMessage.objects.select_for_update(skip_locked=True)
        message = held.filter(pk=message_id).first()
        if message is None or not message.is_due():
            return None
        group = list(held.filter(coalesce_key=message.coalesce_key)) if message.coalesce_key else [message]
        due = [row.pk for row in group if row.is_due()]
        if len(due) < len(group):
            # A run with this key is on its way and has not started. Decided after the commit,
            # so that run is sure to see the change: nothing more to send.
            OutboxMessage.objects.filter(pk__in=due).delete()
            return None
        OutboxMessage.objects.filter(pk__in=due).update(sent_at=timezone.now(), attempts=F("attempts") + 1)
    return message, due


def _send(message: OutboxMessage, taken: list[int]) -> bool:
    try:
        task(message.task_name).apply_async(kwargs=message.kwargs)
    except Exception as error:  # kombu's OperationalError, redis' ConnectionError, any other
        logger.warning("Task %s kept in the outbox, not sent: %r", message.task_name, error)
        OutboxMessage.objects.filter(pk__in=taken).update(sent_at=None, last_error=repr(error)[:2000])
        return False
    if not message.coalesce_key:
        OutboxMessage.objects.filter(pk=message.pk).delete()
    # A coalesced group stays until its run starts (coalesced_run_started) and absorbs changes
    # meanwhile; if that run never starts, the group is due again after RESEND_AFTER.
    return True


def task(task_name: str):
    """The registered task called `task_name`, importing every app's tasks.py if need be (a web
    process has not, until something asks)."""
    if task_name not in current_app.tasks:
        current_app.autodiscover_tasks(force=True)
    return current_app.tasks[task_name]


# Celery's own retries for a task that sends email (the reminders, the digests): the mail server
# down or refusing is worth trying again, from 5 s doubling to 5 minutes with jitter, six times.
RETRY_WHEN_MAIL_FAILS = {
    "acks_late": True,
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 6,
}
