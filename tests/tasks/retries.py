"""Celery's retries as they happen: which task, after what error, and the countdown Celery chose,
caught from Celery's own `task_retry` signal (tasks run in-process here, so a retry runs at once)."""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from celery.signals import task_retry
from django.core.mail import EmailMessage


@dataclass(frozen=True)
class Retried:
    task: str
    error: Exception
    countdown: float
    retries: int  # retries before this one
    seen: object  # what `look` returned as the retry was decided


@contextmanager
def recorded_retries(look: Callable[[], object] = lambda: None):
    retried: list[Retried] = []

    def record(sender, request, reason, **kwargs):
        retried.append(Retried(sender.name, reason.exc, reason.when, request.retries, look()))

    task_retry.connect(record, weak=False)
    try:
        yield retried
    finally:
        task_retry.disconnect(record)


def mail_server_refuses_once(monkeypatch, error: Exception) -> None:
    """The first email sent raises `error`, as a mail server dropping the connection does; every
    later one goes as usual."""
    real_send = EmailMessage.send
    attempts = []

    def flaky_send(message, *args, **kwargs):
        attempts.append(message.to)
        if len(attempts) == 1:
            raise error
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", flaky_send)
