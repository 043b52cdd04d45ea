"""Plenary's project package. The Celery app is loaded with Django, so that `shared_task`
functions bind to it and `transaction.on_commit(task.delay)` works in every process."""

from config.celery import app as celery_app

__all__ = ["celery_app"]
