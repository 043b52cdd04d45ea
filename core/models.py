"""The outbox (core/background.py): background work queued by a transaction, stored with it, so
that work asked for by a committed write is never lost while the broker is away."""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone

# A row handed to the broker this long ago and still here was lost on the way (a process died
# between taking it and sending it, or its message never reached a worker): it is due again.
RESEND_AFTER = timedelta(minutes=5)


class OutboxQuerySet(models.QuerySet):
    def due(self):
        """Rows to send now, oldest first: never sent, or sent and lost (RESEND_AFTER)."""
        lost = Q(sent_at__lt=timezone.now() - RESEND_AFTER)
        return self.filter(Q(sent_at__isnull=True) | lost).order_by("created_at", "pk")


class OutboxMessage(models.Model):
    """One task to send to the broker, written by the transaction that asks for it. A row is
    deleted once its task is in the broker's hands or, for a coalesced task, once its run has
    started: until then, rows with the same `coalesce_key` are absorbed by that run, which will
    see their changes (core.background)."""

    task_name = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict, blank=True)
    coalesce_key = models.CharField(max_length=200, blank=True, db_index=True)  # "": none
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="outbox_created_at")]

    def __str__(self):
        return f"{self.task_name} {self.kwargs}"

    def is_due(self) -> bool:
        return self.sent_at is None or self.sent_at < timezone.now() - RESEND_AFTER
