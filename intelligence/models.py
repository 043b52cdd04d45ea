"""What intelligence keeps: the record of weekly digests sent, so that none goes twice."""

from django.conf import settings
from django.db import models


class DigestSent(models.Model):
    """This week's digest of this campaign has gone to this manager (intelligence/digest.py)."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the week it covers.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "digest sent"
        verbose_name_plural = "digests sent"
        ordering = ["-week", "campaign", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user", "week"],
                name="one_digest_per_manager_and_week",
                violation_error_message="This manager has had this week's digest for this campaign already.",
            )
        ]

    def __str__(self):
        return f"Digest of {self.campaign} to {self.user}, week of {self.week}"
