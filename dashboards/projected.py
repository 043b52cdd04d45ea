"""The projected totals, by regional group and against the thresholds, read off the scoreboard's
rows (an adapter over intelligence/).

`campaign_scoreboard` projects the vote to fill its rows but returns only the rows; projecting a
second time for the totals would double the page's dearest work. Every voting state's row holds its
call, so the totals are counted from the rows with intelligence's own Totals, totals_by_group and
evaluate_threshold. tests/dashboards/test_projected.py checks they equal project_vote's.
"""

import datetime
from dataclasses import dataclass

from campaigns.models import Campaign
from intelligence.projection import CONFIDENT, GroupTotals, Totals, thresholds_about, totals_by_group
from intelligence.selectors import ScoreboardRow
from intelligence.thresholds import ThresholdCall, evaluate_threshold
from unrecord.models import Resolution


@dataclass(frozen=True)
class RowCall:
    """What Totals and totals_by_group read of a StateCall."""

    vote: str
    confidence: float
    group_code: str | None
    group_name: str | None

    @property
    def is_confident(self) -> bool:
        return self.confidence >= CONFIDENT


@dataclass(frozen=True)
class ProjectedTotals:
    as_of: datetime.date
    totals: Totals
    by_group: list[GroupTotals]
    thresholds: list[ThresholdCall]


def projected_totals(
    *, rows: list[ScoreboardRow], campaign: Campaign, resolution: Resolution | None, as_of: datetime.date
) -> ProjectedTotals:
    """One query (the thresholds)."""
    calls = [
        RowCall(row.projected_vote, row.projected_confidence, row.regional_group, row.regional_group_name)
        for row in rows
        if row.projected_vote is not None  # a target without a seat on the day has no call
    ]
    totals = Totals.of(calls)
    thresholds = [evaluate_threshold(t, totals) for t in thresholds_about(campaign, resolution)]
    return ProjectedTotals(as_of, totals, totals_by_group(calls), thresholds)
