"""python manage.py send_outbox: send the background work kept in the outbox while the broker was
away (celery beat does it every minute: this is for when beat is not running)."""

from django.core.management.base import BaseCommand, CommandError

from core import background
from core.models import OutboxMessage


class Command(BaseCommand):
    help = "Send the background work queued while the broker was unreachable, oldest first."

    def handle(self, *args, **options):
        sent = background.send_outbox(limit=None)
        left = OutboxMessage.objects.due()
        self.stdout.write(f"Sent {sent} task(s) from the outbox; {left.count()} still due.")
        if left.exists():
            raise CommandError(f"The broker refused them: {left.first().last_error or 'see the log'}")
