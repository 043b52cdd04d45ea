"""A manager opening the demo campaign (A/RES/69/188) sees the votes where they belong, the
projection and its reasons, the map and its tables, and which targeted states nobody has met."""

import datetime
import re
from html import unescape

import pytest

from intelligence.coverage import outreach_coverage
from intelligence.projection import project_vote
from intelligence.selectors import campaign_scoreboard
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

    assert f"{expected['Y']}-{expected['N']}-{expected['A']}" in _text(section(html, "headline-heading"))
    assert "the eve of the vote" in html
    table = _text(section(html, "targets-heading"))
    assert len(targets) == 23
    for row in targets:
        assert row.projected_reason in table, row.iso3
    assert "At least 100 yes (GA plenary)" in _text(section(html, "headline-heading"))


def test_a_manager_tells_at_once_which_targets_nobody_has_met(manager_client, demo_campaign, demo_manager):
    html = _page(manager_client, demo_campaign)
    never_met = _text(section(html, "never-met-heading"))
    expected = outreach_coverage(campaign=demo_campaign, user=demo_manager).never_met

    assert "Targeted states nobody has met (13)" in never_met
    assert len(expected) == 13
    for target in expected:
        assert target.name in never_met
    assert "Singapore" in never_met and "Nigeria" not in never_met  # Nigeria was met on 23 Oct
    assert "13 of 23" in _text(section(html, "headline-heading"))


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
    # High priority first: Brazil is the one high-priority target nobody has met.
    assert re.findall(r"(\w+) priority:", _text(top)) == ["High", "Medium", "Low"]
    assert _text(top).index("High priority: Brazil") < _text(top).index("Medium priority:")


def test_the_others_table_gives_every_states_projection_and_its_reason(manager_client, demo_campaign):
    html = _page(manager_client, demo_campaign, as_of="2014-11-17")
    others = _text(html[html.index('<details class="others">') :].split("</details>")[0])
    rows = campaign_scoreboard(campaign=demo_campaign, as_of=datetime.date(2014, 11, 17), all_states=True)

    assert len(rows) == 193
    assert {row.projected_basis for row in rows} <= {"stance", "history"}  # no state without data
    for row in rows:
        if not row.is_target:
            assert row.projected_reason in others, row.iso3
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
    assert "Targeted states nobody has met (6)" in never_met and "Brazil" not in never_met
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
    assert f"{expected['Y']}-{expected['N']}-{expected['A']}" in headline
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
