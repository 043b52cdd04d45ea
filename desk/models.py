"""What the desk keeps of each user: when they last looked at their home, and their calendar feeds."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q


class HomeVisit(models.Model):
    """When a user last opened their home, so that it can show what changed in their campaigns
    since. A session reads it once, when it first opens the home, and keeps showing changes
    since then (desk.services.open_home): a reload does not empty the list."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="home_visit")
    last_visit_at = models.DateTimeField()

    def __str__(self):
        return f"{self.user} opened their home at {self.last_visit_at:%d %b %Y %H:%M}"


class CalendarFeedQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True)

    def by_token(self, token: str):
        """The live feed whose secret is `token`: it is found by the secret's hash, the only
        thing stored."""
        return self.live().filter(token_hash=CalendarFeed.hash_of(token))


class CalendarFeed(models.Model):
    """A private iCalendar feed of one user's meetings, side events, follow-ups and expected
    votes. Its URL carries a secret; only the secret's SHA-256 is stored, so a copy of the
    database does not give anyone's calendar away. Revoked feeds are kept, with when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_calendar_feed_per_user",
                violation_error_message="You have a calendar feed already: renew it instead.",
            ),
        ]

    def __str__(self):
        state = f"revoked {self.revoked_at:%d %b %Y}" if self.revoked_at else "live"
        return f"Calendar feed of {self.user} ({state})"

    @staticmethod
    def hash_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
