"""Keeping cached campaign figures fresh (intelligence/cache.py caches projections and
scoreboards). A write that changes what they are computed from (stances, targets, thresholds, the
campaign's resolutions) calls `campaign_inputs_changed`; once it commits, the cached figures are
set aside and a coalesced refresh is queued, so that the request that changed them never waits
for the recomputation and no reader sees the old figures after the commit.

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


class _BelongsToCampaigns:
    def campaign_ids_of(self, obj) -> list[int]:
        """The campaigns whose figures a row feeds; a campaign's own view answers [its pk]."""
        return [obj.campaign_id]


class RefreshesCampaignFigures(_BelongsToCampaigns):
    """Admin mixin: saving or deleting a row (with its inlines) tells the campaign's cached
    figures. `campaign_ids_of` says which campaigns a row belongs to."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        moved_from = form.initial.get("campaign")  # a row moved to another campaign changes both
        campaign_inputs_changed(campaign_ids=[*self.campaign_ids_of(form.instance), moved_from])

    def delete_model(self, request, obj):
        campaign_ids = self.campaign_ids_of(obj)
        super().delete_model(request, obj)
        campaign_inputs_changed(campaign_ids=campaign_ids)

    def delete_queryset(self, request, queryset):
        campaign_ids = [campaign_id for obj in queryset for campaign_id in self.campaign_ids_of(obj)]
        super().delete_queryset(request, queryset)
        campaign_inputs_changed(campaign_ids=campaign_ids)


class RefreshesCampaignFiguresOnWrite(_BelongsToCampaigns):
    """API viewset mixin, the admin mixin's twin: a created, changed or deleted row tells the
    campaign's cached figures, and a row moved to another campaign tells both."""

    def perform_create(self, serializer):
        super().perform_create(serializer)
        campaign_inputs_changed(campaign_ids=self.campaign_ids_of(serializer.instance))

    def perform_update(self, serializer):
        before = self.campaign_ids_of(serializer.instance)
        super().perform_update(serializer)
        campaign_inputs_changed(campaign_ids=[*before, *self.campaign_ids_of(serializer.instance)])

    def perform_destroy(self, instance):
        campaign_ids = self.campaign_ids_of(instance)
        super().perform_destroy(instance)
        campaign_inputs_changed(campaign_ids=campaign_ids)
