"""python manage.py setup_schedules: create the periodic tasks celery beat runs, if missing.

Run by `make run` and by docker compose on every start. A schedule that exists is left as it is,
so times changed in the admin (Periodic tasks) survive restarts.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask

# name: (task, crontab fields), times in settings.TIME_ZONE (UN Headquarters by default).
SCHEDULES = {
    "Follow-up reminders (every morning)": (
        "advocacy.send_follow_up_reminders",
        {"minute": "0", "hour": "7", "day_of_week": "*"},
    ),
    "Campaign digests (Monday mornings)": (
        "intelligence.send_campaign_digests",
        {"minute": "0", "hour": "7", "day_of_week": "1"},
    ),
    # Work queued while the broker was away waits in the outbox (core/background.py) until then.
    "Outbox (every minute)": ("core.send_outbox", {"minute": "*", "hour": "*", "day_of_week": "*"}),
}


class Command(BaseCommand):
    help = "Create the periodic tasks (daily reminders, weekly digests, the outbox) that are missing."

    @transaction.atomic
    def handle(self, *args, **options):
        for name, (task, crontab) in SCHEDULES.items():
            if PeriodicTask.objects.filter(name=name).exists():
                self.stdout.write(f"Kept: {name}")
                continue
            schedule, _ = CrontabSchedule.objects.get_or_create(
                **crontab, day_of_month="*", month_of_year="*", timezone=settings.TIME_ZONE
            )
            PeriodicTask.objects.create(name=name, task=task, crontab=schedule)
            self.stdout.write(f"Created: {name} ({task}, {schedule})")
