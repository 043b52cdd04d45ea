"""The projected totals, by regional group and against the thresholds, and the swing list, read
off the scoreboard's rows (an adapter over intelligence/).

`campaign_scoreboard` projects the vote to fill its rows but returns only the rows; projecting a
second time for the totals would double the page's dearest work. Every voting state's row holds its
call, so the totals are counted from the rows' calls with intelligence's own Totals,
totals_by_group, evaluate_threshold and swing_list. tests/dashboards/test_projected.py checks they
equal project_vote's.
"""

import datetime
from dataclasses import dataclass

from campaigns.models import Campaign
from intelligence.projection import GroupTotals, Totals, thresholds_about, totals_by_group
from intelligence.selectors import ScoreboardRows
from intelligence.swing import Swing, swing_list
from intelligence.thresholds import ThresholdCall, evaluate_threshold
from unrecord.models import Resolution


@dataclass(frozen=True)
class ProjectedTotals:
    as_of: datetime.date
    totals: Totals
    by_group: list[GroupTotals]
    thresholds: list[ThresholdCall]
    swing: list[Swing]


def projected_totals(
    *, rows: ScoreboardRows, campaign: Campaign, resolution: Resolution | None, as_of: datetime.date
) -> ProjectedTotals:
    """One query (the thresholds)."""
    calls = [row.call for row in rows if row.call is not None]  # a target without a seat has none
    totals = Totals.of(calls, swing=rows.swing)
    thresholds = [evaluate_threshold(t, totals) for t in thresholds_about(campaign, resolution)]
    targets = [row.iso3 for row in rows if row.is_target]
    return ProjectedTotals(
        as_of,
        totals,
        totals_by_group(calls, swing=rows.swing),
        thresholds,
        swing_list(calls, targets=targets),
    )
