"""Background tasks of outreach: the morning follow-up reminders (scheduled by celery beat)."""

import datetime

from celery import shared_task
from django.utils import timezone

from advocacy import reminders
from core.background import RETRY_WHEN_MAIL_FAILS


@shared_task(name="advocacy.send_follow_up_reminders", **RETRY_WHEN_MAIL_FAILS)
def send_follow_up_reminders(day: str | None = None) -> int:
    """Send the day's follow-up reminders (ISO date; default today). Idempotent: a reminder that
    went is recorded, and a second run for the same day sends only what the first did not.
    A retry comes minutes after the 07:00 run (setup_schedules), so "today" is still that day."""
    on = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return reminders.send_reminders(day=on)
