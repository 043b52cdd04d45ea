"""Queueing background work (README, "Background work"): never inside an open transaction, only
once it has committed, and by task name, so that a lower layer can ask for work an upper layer
does without importing it (a stance saved in advocacy refreshes a projection in intelligence)."""

import random
from functools import partial

from celery import current_app
from django.core.cache import cache
from django.db import transaction

COALESCE_SECONDS = 300  # a lost queued run holds back later ones for at most this long


def queue_on_commit(task_name: str, *, coalesce_key: str | None = None, **kwargs) -> None:
    """Queue the task `task_name` with `kwargs` when the current transaction commits (at once
    outside one); nothing is queued if it rolls back.

    With `coalesce_key`, a change made while a run with that key is queued and not yet started
    adds nothing: that run will see it. The task calls `coalesced_run_started(key)` first."""
    queue = partial(_queue, task_name, kwargs, coalesce_key)
    if coalesce_key is not None and _already_pending(queue):
        return  # the same run is already waiting for this transaction to commit
    transaction.on_commit(queue)


def coalesced_run_started(coalesce_key: str) -> None:
    """Called by a coalesced task as it starts: a change from now on needs a run of its own."""
    cache.delete(_flag(coalesce_key))


def _already_pending(queue: partial) -> bool:
    connection = transaction.get_connection()
    return any(getattr(callback, "args", None) == queue.args for _, callback, _ in connection.run_on_commit)


def _queue(task_name: str, kwargs: dict, coalesce_key: str | None) -> None:
    if coalesce_key is not None and not cache.add(_flag(coalesce_key), 1, timeout=COALESCE_SECONDS):
        return
    task(task_name).delay(**kwargs)


def task(task_name: str):
    """The registered task called `task_name`, importing every app's tasks.py if need be (a web
    process has not, until something asks)."""
    if task_name not in current_app.tasks:
        current_app.autodiscover_tasks(force=True)
    return current_app.tasks[task_name]


def _flag(coalesce_key: str) -> str:
    return f"plenary:queued:{coalesce_key}"


def retry_backoff(retries: int) -> float:
    """Seconds before retry number `retries` + 1 of a task that met a transient error: doubling
    from 5 s up to 5 minutes, with jitter so that tasks failing together do not return together."""
    return min(300, 5 * 2**retries) * random.uniform(0.8, 1.2)
