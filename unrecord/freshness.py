"""Telling what the public record feeds that it changed: every campaign's cached figures.

A change to the record (an import, a pasted roll call, a sponsor list) bumps the record's version
once it commits, which every cached figure's key holds (intelligence/cache.py), and queues one
coalesced refresh of the figures. The task is named, not imported: intelligence sits above this
layer. The version matters for the campaigns the refresh skips (planning or closed ones): their
next reader computes afresh instead of reading figures from before the change.
"""

from django.core.cache import cache
from django.db import transaction

from core.background import queue_on_commit

REFRESH_PROJECTIONS = "intelligence.refresh_projections"
EVERY_CAMPAIGN = "projections:all"  # the coalescing key campaigns/freshness.py gives a refresh of all
_VERSION_KEY = "plenary:record-version"


def record_changed() -> None:
    transaction.on_commit(_new_version)  # before the refresh below: it reads the version
    queue_on_commit(REFRESH_PROJECTIONS, coalesce_key=EVERY_CAMPAIGN)


def record_version() -> int:
    """Part of every cached figure's key: changes each time the record changes."""
    return cache.get(_VERSION_KEY, 0)


def _new_version() -> None:
    if not cache.add(_VERSION_KEY, 1, timeout=None):
        cache.incr(_VERSION_KEY)
