"""Background tasks of outreach: the morning follow-up reminders (scheduled by celery beat)."""

import datetime
from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from advocacy import reminders
from core.background import retry_backoff


@shared_task(name="advocacy.send_follow_up_reminders", bind=True, acks_late=True, max_retries=6)
def send_follow_up_reminders(self, day: str | None = None) -> int:
    """Send the day's follow-up reminders (ISO date; default today). Idempotent: a reminder that
    went is recorded, and a second run for the same day sends only what the first did not."""
    on = datetime.date.fromisoformat(day) if day else timezone.localdate()
    try:
        return reminders.send_reminders(day=on)
    except (SMTPException, OSError) as error:  # the mail server is down or refused: later
        raise self.retry(
            exc=error, kwargs={"day": on.isoformat()}, countdown=retry_backoff(self.request.retries)
        ) from error
