"""The dashboard's projected totals, read off the scoreboard's rows, are project_vote's own."""

import datetime

import pytest

from dashboards.projected import projected_totals
from intelligence.projection import campaign_resolution, project_vote
from intelligence.selectors import campaign_scoreboard
from intelligence.swing import swing_list


@pytest.mark.parametrize("as_of", [datetime.date(2014, 11, 17), datetime.date(2014, 12, 17)])
def test_the_totals_groups_and_thresholds_equal_project_votes(demo_campaign, as_of):
    resolution = campaign_resolution(demo_campaign)
    rows = campaign_scoreboard(campaign=demo_campaign, as_of=as_of, all_states=True)
    projection = project_vote(campaign=demo_campaign, as_of=as_of)

    projected = projected_totals(rows=rows, campaign=demo_campaign, resolution=resolution, as_of=as_of)

    assert projected.totals == projection.totals
    assert projected.by_group == projection.by_group
    assert projected.thresholds == projection.thresholds
    targets = demo_campaign.targets.values_list("state__iso3", flat=True)
    assert projected.swing == swing_list(projection.calls, targets=list(targets))
