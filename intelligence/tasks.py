"""Background tasks of campaign intelligence: the weekly digest (scheduled by celery beat) and the
refresh of cached projections after their inputs change (queued on commit, coalesced)."""

import datetime

from celery import shared_task
from django.utils import timezone

from campaigns.freshness import refresh_key
from campaigns.models import Campaign
from core.background import RETRY_WHEN_MAIL_FAILS, coalesced_run_started
from intelligence import cache, digest


@shared_task(name="intelligence.send_campaign_digests", **RETRY_WHEN_MAIL_FAILS)
def send_campaign_digests(day: str | None = None) -> int:
    """Send the week's campaign digests (ISO date; default today). Idempotent: a digest that
    went is recorded, and a second run in the same week sends only what the first did not.
    A retry comes minutes after the scheduled run (setup_schedules), so it is still that week."""
    on = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return digest.send_digests(day=on)


@shared_task(name="intelligence.refresh_projections", acks_late=True)
def refresh_projections(campaign_id: int | None = None) -> int:
    """Recompute the cached figures of one campaign, or of every active one (None: after a vote
    import). Running it twice only computes twice."""
    coalesced_run_started(refresh_key(campaign_id))
    campaigns = (
        Campaign.objects.all() if campaign_id else Campaign.objects.filter(status=Campaign.Status.ACTIVE)
    )
    if campaign_id:
        campaigns = campaigns.filter(pk=campaign_id)
    refreshed = 0
    for campaign in campaigns:
        cache.refresh(campaign)
        refreshed += 1
    return refreshed
