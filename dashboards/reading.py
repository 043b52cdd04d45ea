"""One campaign as one user reads it on a day, through the filters: the parts of the campaign page,
each read once and only when something asks for it. The page, its tables as CSV, the map as SVG and
the printable brief all read the campaign through this, so each shows exactly what the page shows
that user (their organization's figures, or a partner's), and a CSV of one table reads no more
than that table needs."""

import datetime
from functools import cached_property

from campaigns.models import Campaign
from dashboards import charts, selectors
from dashboards.charts import Chart
from dashboards.panels import Filters, never_met_by_priority, states_panel


class CampaignReading:
    def __init__(self, *, campaign: Campaign, user, form, today: datetime.date):
        """`form`: a valid CampaignFilterForm of the request's query string."""
        self.campaign = campaign
        self.user = user
        self.form = form
        self.as_of = form.as_of_day(today=today)

    @cached_property
    def votes(self) -> selectors.CampaignVotes:
        return selectors.campaign_votes(campaign=self.campaign, as_of=self.as_of)

    @cached_property
    def filters(self) -> Filters:
        return self.form.filters(
            as_of=self.as_of, default_colour="actual" if self.votes.held else "projection"
        )

    @cached_property
    def states(self) -> selectors.CampaignStates:
        return selectors.campaign_states(campaign=self.campaign, user=self.user, as_of=self.as_of)

    @cached_property
    def panel(self):
        return states_panel(states=self.states, filters=self.filters, campaign_id=self.campaign.pk)

    @cached_property
    def overview(self) -> selectors.CampaignOverview:
        return selectors.campaign_overview(campaign=self.campaign, votes=self.votes, rows=self.states.rows)

    @cached_property
    def timeline(self) -> selectors.StanceTimeline:
        return selectors.stance_timeline(campaign=self.campaign, user=self.user, as_of=self.as_of)

    @cached_property
    def history(self) -> selectors.SeriesHistory:
        return selectors.series_history(campaign=self.campaign, as_of=self.as_of)

    @cached_property
    def targets(self) -> list:
        return [row for row in self.states.rows if row.is_target]

    @property
    def targets_met(self) -> int:
        return sum(1 for row in self.targets if row.target_met)

    @property
    def targets_on_track(self) -> int:
        return sum(1 for row in self.targets if row.call and row.call.vote == row.wanted_vote)

    @cached_property
    def never_met(self) -> list:
        return never_met_by_priority(
            coverage=self.states.coverage, filters=self.filters, campaign_id=self.campaign.pk
        )

    @cached_property
    def group_charts(self) -> dict[str, Chart]:
        """The vote by regional group: projected, and recorded once held."""
        overview = self.overview
        found = {
            "projected_by_group": charts.projected_by_group(
                overview.projection.by_group, as_of=overview.projection.as_of
            )
        }
        if overview.actual_by_group:
            found["recorded_by_group"] = charts.recorded_by_group(
                overview.actual_by_group, overview.votes.decisive
            )
        return found

    @cached_property
    def charts(self) -> dict[str, Chart]:
        found = dict(self.group_charts)
        if self.timeline.dates:
            found["stance_timeline"] = charts.stance_timeline(self.timeline.dates, self.timeline.counts)
        if self.history:
            found["series_history"] = charts.series_history(
                self.history, series_name=self.campaign.series.name
            )
        return found
