"""A manager opening the demo campaign (A/RES/69/188) sees the votes where they belong, the
projection and its reasons, the map and its tables, and which targeted states nobody has met."""

import datetime
import math
import re
from html import unescape

import pytest
from django.template.defaultfilters import floatformat

from intelligence.coverage import outreach_coverage
from intelligence.projection import campaign_resolution, project_vote
from intelligence.selectors import campaign_scoreboard
from intelligence.swing import swing_list
from tests import factories
from tests.dashboards.conftest import section
from unrecord.models import VoteEvent
from unrecord.selectors import tally_by_group

EVE = datetime.date(2014, 12, 17)
HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "states-panel"}


def _page(client, campaign, **params) -> str:
    response = client.get(f"/dashboard/campaigns/{campaign.pk}/", params)
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _targets_listed(html: str) -> list[str]:
    table = section(html, "targets-heading").split("</table>")[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', table)


def test_years_adopted_without_a_vote_show_as_such_in_the_series_table_and_chart(
    manager_client, demo_campaign
):
    """The 67th and 68th sessions' DPRK resolutions were adopted without a vote (illustrative
    here): one with the decision on record, one with its adoption only. Neither is a gap."""
    series = demo_campaign.series
    decided = factories.ResolutionFactory(
        series=series, session=factories.SessionFactory(number=67), adopted_symbol="A/RES/67/181"
    )
    factories.VoteEventFactory(
        resolution=decided, date=datetime.date(2012, 12, 20), result=VoteEvent.Result.ADOPTED_WITHOUT_VOTE
    )
    factories.ResolutionFactory(
        series=series,
        session=factories.SessionFactory(number=68),
        adopted_symbol="A/RES/68/183",
        adopted_on=datetime.date(2013, 12, 18),
    )

    html = _page(manager_client, demo_campaign)
    history = _text(section(html, "history-heading"))

    assert "A/RES/67/181" in history and "A/RES/68/183" in history
    assert history.count("without a vote") >= 4  # each row's result and its totals
    assert "67 (2012, GA plenary, adopted without a vote)" in html
    assert "68 (2013, adopted without a vote)" in html


def test_the_votes_are_where_they_belong(manager_client, demo_campaign):
    html = _page(manager_client, demo_campaign)
    headline = _text(section(html, "headline-heading"))
    votes = _text(section(html, "votes-heading"))
    history = _text(section(html, "history-heading"))

    assert "116-20-53" in headline and "Adopted in the GA plenary on 18 Dec 2014" in headline
    assert "18 Nov 2014 Third Committee Draft as a whole" in votes and "Adopted 111-19-55" in votes
    assert "Amendment to A/RES/69/188" in votes and "Rejected 40-77" in votes
    assert "18 Dec 2014 GA plenary Draft as a whole" in votes and "Adopted 116-20-53" in votes
    assert "111-19-55" in history and "116-20-53" in history  # the series, year by year


def test_the_projection_is_shown_with_every_targets_reason(manager_client, demo_campaign):
    html = _page(manager_client, demo_campaign)
    projection = project_vote(campaign=demo_campaign, as_of=EVE)  # held: the eve's projection
    expected = projection.totals.expected
    targets = [row for row in campaign_scoreboard(campaign=demo_campaign, all_states=True) if row.is_target]

    totals = projection.totals
    headline = _text(section(html, "headline-heading"))
    assert "-".join(floatformat(expected[option], 0) for option in "YNA") in headline
    assert f"yes {expected['Y']:g} (80% range {totals.low['Y']}–{totals.high['Y']})" in headline
    assert "the eve of the vote" in html
    table = _text(section(html, "targets-heading"))
    assert len(targets) == 23
    for row in targets:
        assert row.call.reason in table, row.iso3
    assert "At least 100 yes (GA plenary)" in _text(section(html, "headline-heading"))


def test_the_swing_list_ranks_the_states_to_look_at_with_their_reasons(manager_client, demo_campaign):
    day = datetime.date(2014, 11, 17)
    html = _page(manager_client, demo_campaign, as_of=day.isoformat())
    rows = campaign_scoreboard(campaign=demo_campaign, as_of=day, all_states=True)
    swings = swing_list([row.call for row in rows], targets=[row.iso3 for row in rows if row.is_target])
    listed = section(html, "swing-heading")

    assert swings, "the demo's projection has unsure calls"
    assert re.findall(r'<th scope="row"><a href="[^"]+/states/(\w{3})/', listed) == [
        s.call.iso3 for s in swings
    ]
    for swing in swings:
        assert swing.reason in _text(listed)
    assert _text(listed).count("target") >= sum(swing.is_target for swing in swings)


def test_what_was_put_to_the_vote_shows_repaired_on_the_page_and_in_its_table(manager_client, demo_campaign):
    resolution = campaign_resolution(demo_campaign)
    VoteEvent.objects.filter(resolution=resolution).update(description="Côte dâ€™Ivoire<d3>")

    votes = _text(section(_page(manager_client, demo_campaign), "votes-heading"))
    table = manager_client.get(f"/dashboard/campaigns/{demo_campaign.pk}/tables/votes.csv")

    assert "Côte d'Ivoire\"" in votes and "â€™" not in votes
    assert "Côte d'Ivoire\"" in table.content.decode() and "â€™" not in table.content.decode()


def test_each_threshold_says_how_many_more_yes_votes_it_needs(manager_client, demo_campaign):
    resolution = campaign_resolution(demo_campaign)
    factories.ThresholdFactory(campaign=demo_campaign, kind="min_yes", value=190, resolution=resolution)
    expected = project_vote(campaign=demo_campaign, as_of=EVE).totals.expected

    headline = _text(section(_page(manager_client, demo_campaign), "headline-heading"))

    assert "More yes votes needed" in headline
    assert "At least 190 yes" in headline
    assert f"{math.ceil(190 - expected['Y'])} more yes votes" in headline
    assert "none at the expected tally" in headline  # at least 100 yes: met


def test_a_manager_tells_at_once_which_targets_nobody_has_met(manager_client, demo_campaign, demo_manager):
    html = _page(manager_client, demo_campaign)
    never_met = _text(section(html, "never-met-heading"))
    expected = outreach_coverage(campaign=demo_campaign, user=demo_manager).never_met

    assert "Targeted states nobody has met (10)" in never_met
    assert len(expected) == 10
    for target in expected:
        assert target.name in never_met
    assert "Singapore" in never_met and "Nigeria" not in never_met  # Nigeria was met on 23 Oct
    assert "Botswana" not in never_met  # it co-sponsored the side event on 22 Oct
    assert "10 of 23" in _text(section(html, "headline-heading"))


def test_the_targets_nobody_has_met_are_named_at_the_top_by_priority(
    manager_client, demo_campaign, demo_manager
):
    html = _page(manager_client, demo_campaign)
    top = html[html.index('id="never-met-now"') :].split("</div>")[0]
    expected = outreach_coverage(campaign=demo_campaign, user=demo_manager).never_met

    # In the headline, before the thresholds, the map and the tiles.
    assert html.index('id="headline-heading"') < html.index('id="never-met-now"') < html.index("<table")
    assert f"Nobody has met {len(expected)} of the 23 targeted states" in _text(top)
    for target in expected:
        assert re.search(rf'<a href="[^"]+/states/{target.iso3}/[^"]*">{re.escape(target.name)}</a>', top)
    # High priority first: Brazil is the one high-priority target nobody has met. The low-priority
    # ones (Australia, Botswana, Panama) co-sponsored the side event: contact.
    assert re.findall(r"(\w+) priority:", _text(top)) == ["High", "Medium"]
    assert _text(top).index("High priority: Brazil") < _text(top).index("Medium priority:")


def test_the_others_table_gives_every_states_projection_and_its_reason(manager_client, demo_campaign):
    html = _page(manager_client, demo_campaign, as_of="2014-11-17")
    others = _text(html[html.index('<details class="others">') :].split("</details>")[0])
    rows = campaign_scoreboard(campaign=demo_campaign, as_of=datetime.date(2014, 11, 17), all_states=True)

    assert len(rows) == 193
    assert "no_data" not in {row.call.basis for row in rows}  # no state without data
    for row in rows:
        if not row.is_target:
            assert row.call.reason in others, row.iso3
    assert "Voted no in 7 of its 7 sessions on record (latest, the 66th)" in others  # North Korea


def test_the_map_colours_every_voting_state_and_lists_those_too_small_to_draw(manager_client, demo_campaign):
    html = _page(manager_client, demo_campaign)

    # After the vote the map shows it: Brazil voted yes, Viet Nam no, Mongolia stayed away.
    assert re.search(r'<path d="[^"]+" class="v-Y" data-href="[^"]+/states/BRA/[^"]*" data-iso3="BRA">', html)
    assert 'class="v-N" data-href' in html and 'data-iso3="VNM"' in html
    assert re.search(r'class="tile v-X[^"]*" href="[^"]+/states/MNG/', html)
    off_map = _text(html[html.index('class="off-map-note"') :].split("</p>")[0])
    assert "Singapore" in off_map and "Malta" in off_map and "Tuvalu" in off_map
    assert html.count('class="tile ') == 193
    assert "Voted yes (116)" in _text(html) and "Voted no (20)" in _text(html)


def test_switching_the_colouring_changes_the_legend_and_the_fills(manager_client, demo_campaign):
    html = _page(manager_client, demo_campaign, colour="target")

    assert "Wanted: yes (22)" in _text(html) and "Wanted: abstention (1)" in _text(html)
    assert "Not a target (170)" in _text(html)
    assert re.search(r'class="v-A" data-href="[^"]+/states/VNM/', html)  # an abstention is the ask
    assert '<input type="radio" name="colour" value="target" id="id_colour_0" checked>' in html


def test_filtering_by_regional_group_narrows_the_tables_lists_and_tiles(manager_client, demo_campaign):
    html = _page(manager_client, demo_campaign, group="AFRICAN")
    never_met = _text(section(html, "never-met-heading"))

    assert set(_targets_listed(html)) == {
        "South Africa", "Ethiopia", "Ghana", "Kenya", "Mozambique", "Nigeria", "Senegal",
        "Sierra Leone", "Tanzania", "Botswana",
    }  # fmt: skip
    assert "Targeted states nobody has met (5)" in never_met and "Brazil" not in never_met
    assert html.count('class="tile ') == 54
    assert "54 states shown of 193 (filtered)" in _text(html)
    assert "Ask the Mission of Senegal" in html  # its overdue follow-up stays
    assert "Send the COI findings" in html  # South Africa's too


def test_filtering_by_priority_keeps_only_those_targets(manager_client, demo_campaign):
    html = _page(manager_client, demo_campaign, priority=1)

    assert set(_targets_listed(html)) == {"Brazil", "India", "Indonesia", "South Africa"}
    assert html.count('class="tile ') == 4
    assert "Targeted states nobody has met (1)" in _text(section(html, "never-met-heading"))


def test_htmx_gets_the_states_panel_alone(manager_client, demo_campaign):
    response = manager_client.get(f"/dashboard/campaigns/{demo_campaign.pk}/", {"group": "WEOG"}, **HX)
    html = response.content.decode()

    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="states-panel"')
    assert "Where it stands" not in html and "<html" not in html
    assert set(_targets_listed(html)) == {"Australia"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"group": "MARS"}, "Regional group"),
        ({"priority": "9"}, "Priority"),
        ({"priority": "high"}, "Priority"),
        ({"colour": "rainbow"}, "Colour the map by"),
        ({"as_of": "18/12/2014x"}, "As of"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_field(manager_client, demo_campaign, params, field):
    response = manager_client.get(f"/dashboard/campaigns/{demo_campaign.pk}/", params)

    assert response.status_code == 400
    assert f"<strong>{field}</strong>" in response.content.decode()


def test_before_the_vote_the_page_shows_the_projection_of_that_day_and_no_vote(manager_client, demo_campaign):
    html = _page(manager_client, demo_campaign, as_of="2014-11-17")
    headline = _text(section(html, "headline-heading"))
    projection = project_vote(campaign=demo_campaign, as_of=datetime.date(2014, 11, 17))
    expected = projection.totals.expected

    assert "Not held" in headline and "116-20-53" not in headline
    assert "-".join(floatformat(expected[option], 0) for option in "YNA") in headline
    assert "not decided yet" in headline
    assert "No vote on record yet." in _text(section(html, "votes-heading"))
    assert 'name="colour" value="projection" id="id_colour_2" checked' in html  # not voted: projection
    assert '<input type="hidden" name="as_of" value="2014-11-17">' in html  # the filters keep the day


def test_every_chart_has_a_table_with_its_numbers(manager_client, demo_campaign):
    html = _page(manager_client, demo_campaign)
    charts = re.findall(r'<canvas data-chart="([^"]+)"', html)

    assert charts == [
        "projected-by-group-data",
        "recorded-by-group-data",
        "stance-timeline-data",
        "series-history-data",
    ]
    projected = _text(html[html.index('id="projected-by-group-title"') :].split("</figure>")[0])
    recorded = _text(html[html.index('id="recorded-by-group-title"') :].split("</figure>")[0])
    plenary = VoteEvent.objects.get(body__code="GA", resolution__campaigns=demo_campaign)

    assert html.count('<details class="chart-table">') == 4
    for group in project_vote(campaign=demo_campaign, as_of=EVE).by_group:
        counts = " ".join(str(group.totals.expected[vote]) for vote in "YNAX")
        assert f"{group.name} {counts}" in projected
    for row in tally_by_group(vote_event=plenary):
        assert f"{row['name']} {row['Y']} {row['N']} {row['A']} {row['X']}" in recorded


def test_the_pages_leave_no_copy_in_the_browsers_storage(manager_client, demo_campaign):
    html = _page(manager_client, demo_campaign)

    assert '"historyCacheSize": 0' in html  # htmx would otherwise keep pages in localStorage
