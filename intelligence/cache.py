"""Campaign projections and scoreboards, cached: computed once and shared by every reader (the
dashboards, the API, the weekly digest) until what they are computed from changes.

A cached figure's key holds the day (a projection is as of today), the campaign's inputs version
(campaigns/freshness.py: bumped once a stance, target, threshold or the campaign itself is saved),
the latest finished vote import and the record's version (unrecord/freshness.py: bumped by a pasted
roll call or sponsor list), so no reader gets a figure older than a committed change.
The refresh task (intelligence/tasks.py) computes the new figures in the background. A change
made where nothing says so (a shell, a script) shows when the entry expires, after TIMEOUT.
"""

from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from campaigns.freshness import inputs_version
from campaigns.models import Campaign
from intelligence.projection import Projection, project_vote
from intelligence.selectors import ScoreboardRows, campaign_scoreboard
from unrecord.freshness import record_version
from unrecord.models import VoteImport

TIMEOUT = 600  # seconds


def campaign_projection(campaign: Campaign) -> Projection:
    """`project_vote(campaign=campaign)` as of today, from the cache when it is there."""
    key = _key("projection", campaign.pk)
    projection = cache.get(key)
    if projection is None:
        projection = project_vote(campaign=campaign)
        cache.set(key, projection, TIMEOUT)
    return projection


def campaign_scoreboard_rows(campaign: Campaign, *, shared_only: bool = False) -> ScoreboardRows:
    """`campaign_scoreboard(campaign=campaign, all_states=True)` as of today, cached likewise; the
    partners' view (`shared_only`) under a key of its own, computed by its first reader."""
    key = _key("scoreboard-shared" if shared_only else "scoreboard", campaign.pk)
    rows = cache.get(key)
    if rows is None:
        rows = campaign_scoreboard(campaign=campaign, all_states=True, shared_only=shared_only)
        cache.set(key, rows, TIMEOUT)
    return rows


def refresh(campaign: Campaign) -> None:
    """Compute and cache the campaign's figures now (the refresh task's work)."""
    cache.set(_key("projection", campaign.pk), project_vote(campaign=campaign), TIMEOUT)
    cache.set(
        _key("scoreboard", campaign.pk), campaign_scoreboard(campaign=campaign, all_states=True), TIMEOUT
    )


def _key(kind: str, campaign_id: int) -> str:
    latest_import = VoteImport.objects.filter(status=VoteImport.Status.DONE).aggregate(at=Max("finished_at"))
    imported = latest_import["at"].timestamp() if latest_import["at"] else 0
    return (
        f"plenary:{kind}:{campaign_id}:{timezone.localdate().isoformat()}:"
        f"{inputs_version(campaign_id)}:{imported:.6f}:{record_version()}"
    )
