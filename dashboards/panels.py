"""The campaign page's states panel as it is shown: the map coloured by one mode, the tile grid
that finds the states too small for the map, the legend with its counts, the tables, and the
outreach lists, all narrowed by the filters. No queries: it arranges what the selectors read."""

import datetime
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from advocacy.models import FollowUp, Meeting
from campaigns.models import Target
from dashboards.legend import MODES, Mode, Value
from dashboards.selectors import CampaignStates
from dashboards.worldmap import Country, world_map
from intelligence.coverage import Coverage, TargetCoverage
from intelligence.selectors import ScoreboardRow

NO_GROUP = "No regional group"


@dataclass(frozen=True)
class Filters:
    as_of: datetime.date
    colour: str
    group: str | None = None  # a regional group's code
    priority: int | None = None  # a target's priority: only targets
    explicit_as_of: bool = False

    @property
    def is_filtered(self) -> bool:
        return self.group is not None or self.priority is not None

    def keeps(self, row: ScoreboardRow) -> bool:
        return (self.group is None or row.regional_group == self.group) and (
            self.priority is None or row.priority == self.priority
        )

    def query(self, **changes) -> str:
        """The query string of these filters with `changes`, e.g. for a link to the state page."""
        values = {"colour": self.colour, "group": self.group, "priority": self.priority}
        if self.explicit_as_of:
            values["as_of"] = self.as_of.isoformat()
        values.update(changes)
        return urlencode({key: value for key, value in values.items() if value not in (None, "")})


@dataclass(frozen=True)
class StateView:
    row: ScoreboardRow
    value: Value  # in the map's mode
    on_map: bool
    shown: bool  # kept by the filters
    url: str
    coverage: TargetCoverage | None

    @property
    def description(self) -> str:
        row = self.row
        target = f", {row.priority_label.lower()} priority target" if row.is_target else ""
        return f"{row.name}: {self.value.label}{target}"


@dataclass(frozen=True)
class MapCountry:
    country: Country
    css: str
    title: str
    url: str


@dataclass(frozen=True)
class TileGroup:
    name: str
    states: list[StateView]


@dataclass(frozen=True)
class LegendEntry:
    value: Value
    count: int


@dataclass
class StatesPanel:
    mode: Mode
    modes: list[Mode]
    filters: Filters
    map_width: int | None
    map_height: int | None
    countries: list[MapCountry]
    tiles: list[TileGroup]
    legend: list[LegendEntry]
    off_map: list[StateView]  # shown states too small for the map
    targets: list[StateView]
    others: list[StateView]
    never_met: list[StateView]
    overdue: list[FollowUp]
    meetings: list[Meeting]
    shown_count: int = 0

    # The map's 177 paths and the 193 tiles are the page's bulk: written here rather than by the
    # template engine, which takes several times as long over so many small pieces.

    @property
    def map_paths(self) -> SafeString:
        return mark_safe(
            "".join(
                f'<path d="{item.country.path}" class="{item.css}"'
                + (f' data-href="{escape(item.url)}"' if item.url else "")
                + f' data-iso3="{item.country.iso3 or ""}"><title>{escape(item.title)}</title></path>'
                for item in self.countries
            )
        )

    @property
    def tile_groups(self) -> list[tuple[str, int, SafeString]]:
        return [(group.name, len(group.states), _tile_list(group.states)) for group in self.tiles]


def _tile_list(views: list["StateView"]) -> SafeString:
    tiles = []
    for view in views:
        css = (
            f"tile {view.value.css}"
            + ("" if view.on_map else " off-map")
            + (" target" if view.row.is_target else "")
        )
        description = escape(view.description)
        tiles.append(
            f'<li><a class="{css}" href="{escape(view.url)}" title="{description}">'
            f'<span class="code">{view.row.iso3}</span>'
            f'<span class="value" aria-hidden="true">{escape(view.value.code)}</span>'
            f'<span class="visually-hidden">{description}</span></a></li>'
        )
    return mark_safe(f'<ul class="tile-grid">{"".join(tiles)}</ul>')


def states_panel(*, states: CampaignStates, filters: Filters, campaign_id: int) -> StatesPanel:
    mode = MODES[filters.colour]
    atlas = world_map()
    on_map = atlas.iso3s if atlas else frozenset()
    coverage = {target.iso3: target for target in states.coverage.targets}
    query = filters.query()
    views = [
        StateView(
            row=row,
            value=mode.value(_value(row, mode.key)),
            on_map=row.iso3 in on_map,
            shown=filters.keeps(row),
            url=reverse("dashboards:state", args=[campaign_id, row.iso3]) + (f"?{query}" if query else ""),
            coverage=coverage.get(row.iso3),
        )
        for row in states.rows
    ]
    shown = [view for view in views if view.shown]
    shown_iso3 = {view.row.iso3 for view in shown}
    counts = Counter(view.value.key for view in shown)
    return StatesPanel(
        mode=mode,
        modes=list(MODES.values()),
        filters=filters,
        map_width=atlas.width if atlas else None,
        map_height=atlas.height if atlas else None,
        countries=_map_countries(atlas, views) if atlas else [],
        tiles=_tiles(shown),
        legend=[LegendEntry(value, counts[value.key]) for value in mode.values],
        off_map=[view for view in shown if not view.on_map] if atlas else [],
        targets=[view for view in shown if view.row.is_target],
        others=[view for view in shown if not view.row.is_target],
        never_met=[
            view for view in shown if view.coverage is not None and view.coverage.status == "never_met"
        ],
        overdue=[f for f in states.overdue if not filters.is_filtered or _concerns(f, shown_iso3)],
        meetings=[
            m for m in states.meetings if not filters.is_filtered or _met_any(m.states.all(), shown_iso3)
        ],
        shown_count=len(shown),
    )


@dataclass(frozen=True)
class NeverMetGroup:
    """The targeted states of one priority that nobody has met, each with its page's address."""

    priority_label: str
    states: list[tuple[str, str]]  # (name, url)


def never_met_by_priority(*, coverage: Coverage, filters: Filters, campaign_id: int) -> list[NeverMetGroup]:
    """Every targeted state nobody has met, high priority first, for the top of the campaign page:
    what a manager must see at once, whatever the states panel below is filtered to."""
    query = filters.query()
    groups: dict[int, list[tuple[str, str]]] = {}
    for target in coverage.never_met:  # in priority order, then by name
        url = reverse("dashboards:state", args=[campaign_id, target.iso3]) + (f"?{query}" if query else "")
        groups.setdefault(target.priority, []).append((target.name, url))
    return [NeverMetGroup(Target.Priority(priority).label, states) for priority, states in groups.items()]


def _value(row: ScoreboardRow, mode: str) -> str | None:
    return {
        "target": row.wanted_vote,
        "stance": row.stance_position,
        "projection": row.call.vote if row.call else None,
        "actual": row.actual_vote,
    }[mode]


def _map_countries(atlas, views: list[StateView]) -> list[MapCountry]:
    by_iso3 = {view.row.iso3: view for view in views}
    countries = []
    for country in atlas.countries:
        view = by_iso3.get(country.iso3)
        if view is None:
            countries.append(MapCountry(country, "v-outside", f"{country.name}: not a voting member", ""))
        else:
            css = view.value.css + ("" if view.shown else " dimmed")
            countries.append(MapCountry(country, css, view.description, view.url))
    return countries


def _tiles(views: list[StateView]) -> list[TileGroup]:
    groups: dict[str, list[StateView]] = {}
    for view in sorted(views, key=lambda v: (v.row.regional_group_name or "~", v.row.name)):
        groups.setdefault(view.row.regional_group_name or NO_GROUP, []).append(view)
    return [TileGroup(name, members) for name, members in groups.items()]


def _concerns(follow_up: FollowUp, iso3s: set[str]) -> bool:
    if follow_up.state_id is not None:
        return follow_up.state.iso3 in iso3s
    return follow_up.meeting_id is not None and _met_any(follow_up.meeting.states.all(), iso3s)


def _met_any(states, iso3s: set[str]) -> bool:
    return any(state.iso3 in iso3s for state in states)
