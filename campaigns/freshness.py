"""Keeping cached campaign figures fresh (intelligence/cache.py caches projections and
scoreboards). A write that changes what they are computed from (stances, targets, thresholds, the
campaign's resolutions) calls `campaign_inputs_changed` (its service's `figures_changed` hook);
once it commits, the cached figures are set aside and a coalesced refresh is queued, so that the
request that changed them never waits for the recomputation and no reader sees the old figures
after the commit.

This lives below advocacy (whose stances change projections) and queues the refresh by task name
because the projection itself is computed in intelligence, above both.
"""

from functools import partial

from django.core.cache import cache
from django.db import transaction

from core.background import queue_on_commit

REFRESH_TASK = "intelligence.refresh_projections"


def campaign_inputs_changed(*, campaign_ids) -> None:
    ids = sorted({int(campaign_id) for campaign_id in campaign_ids if campaign_id})
    if not ids:
        return
    transaction.on_commit(partial(_new_version, ids))  # before the refresh below: it reads it
    for campaign_id in ids:
        queue_on_commit(REFRESH_TASK, coalesce_key=refresh_key(campaign_id), campaign_id=campaign_id)


def inputs_version(campaign_id: int) -> int:
    """Part of every cached figure's key: changes each time the campaign's inputs change."""
    return cache.get(_version_key(campaign_id), 0)


def refresh_key(campaign_id: int | None) -> str:
    """The coalescing key of a refresh of one campaign's figures, or of every campaign's."""
    return f"projections:{campaign_id or 'all'}"


def _new_version(campaign_ids: list[int]) -> None:
    for campaign_id in campaign_ids:
        key = _version_key(campaign_id)
        if not cache.add(key, 1, timeout=None):
            cache.incr(key)


def _version_key(campaign_id: int) -> str:
    return f"plenary:campaign-inputs:{campaign_id}"


def campaigns_of(record) -> list[int]:
    """The campaigns whose figures a row feeds: a campaign its own, a target or threshold its one.
    (A stance serves every campaign of its organization on its subject: advocacy's services say
    which, with `campaign_inputs_changed`.)"""
    return [record.pk] if record._meta.model_name == "campaign" else [record.campaign_id]


def figures_changed(*, record, stored=None) -> None:
    """A write hook (core.services.Writes): a row created, changed or deleted tells its campaign's
    cached figures, and a row moved to another campaign tells both."""
    campaign_inputs_changed(campaign_ids=[*campaigns_of(record), *(campaigns_of(stored) if stored else [])])
