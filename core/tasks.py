"""Background tasks of core: sending the outbox's work that the broker missed (celery beat runs it
every minute; `manage.py send_outbox` does the same by hand)."""

from celery import shared_task

from core import background


@shared_task(name="core.send_outbox", acks_late=True)
def send_outbox() -> int:
    """Send the work queued while the broker was away, oldest first. Safe to run twice at once:
    each row is taken by one run only."""
    return background.send_outbox()
