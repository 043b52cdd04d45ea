"""Things to hand out: the campaign brief (HTML to print, and a PDF), every table of the campaign and
state pages as CSV, the map as SVG; each shows what the page shows the user, and no more."""

import csv
import io
import re
from html import unescape
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from dashboards.legend import MODES
from dashboards.map_image import OUTSIDE
from dashboards.tables import CAMPAIGN_TABLES, STATE_TABLES
from tests import factories
from tests.dashboards.conftest import section
from tests.dashboards.test_query_counts import LARGE, SMALL
from tests.dashboards.test_query_counts import _campaign as campaign_with_outreach

SVG = "{http://www.w3.org/2000/svg}"
CSV_LINK = re.compile(r'<a class="csv-link" href="([^"]+)"')


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.content.decode())))


def _column_headers(html: str) -> list[list[str]]:
    """Every table's column headers on the page, in order."""
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r'<th scope="col">(.*?)</th>', head)
        ]
        for head in re.findall(r"<thead>(.*?)</thead>", html, re.S)
    ]


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# The brief --------------------------------------------------------------------------------------


def test_the_brief_pdf_is_a_pdf_of_the_campaign_for_its_reader(manager_client, demo_campaign, demo_manager):
    response = manager_client.get(f"/dashboard/campaigns/{demo_campaign.pk}/brief.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="unga-69-')
    text = re.sub(r"\s+", " ", _pdf_text(response.content))
    assert "accountability for crimes against humanity in the DPRK" in text
    assert f"Prepared for {demo_manager.username}" in text
    assert "Thresholds and the votes needed" in text and "Swing states" in text
    assert "116-20-53" in text  # the plenary's recorded vote


def test_the_brief_page_is_printable_and_carries_its_map_inline(manager_client, demo_campaign):
    response = manager_client.get(f"/dashboard/campaigns/{demo_campaign.pk}/brief/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<link rel="stylesheet" href="/static/dashboards/brief.css">' in html
    assert " style=" not in html and "<style" not in html  # the Content-Security-Policy refuses both
    assert html.count("<path ") > 150 and 'fill="#2166ac"' in html
    assert "Targets (" in html and "By regional group" in html and "Singapore" in html


def test_the_campaign_page_links_to_the_handouts_with_its_filters(client, organization, manager_user):
    campaign = factories.CampaignFactory(owner=organization)
    client.force_login(manager_user)

    html = client.get(f"/dashboard/campaigns/{campaign.pk}/", {"group": "AFRICAN"}).content.decode()

    for handout in ("brief/", "brief.pdf", "map.svg"):
        link = f"/dashboard/campaigns/{campaign.pk}/{handout}?colour=projection&amp;group=AFRICAN"
        assert f'href="{link}"' in html


# The tables as CSV ------------------------------------------------------------------------------


def test_every_table_of_the_campaign_page_downloads_with_the_pages_columns(manager_client, demo_campaign):
    html = manager_client.get(f"/dashboard/campaigns/{demo_campaign.pk}/").content.decode()
    links = [unescape(link) for link in CSV_LINK.findall(html)]
    headers_on_page = _column_headers(html)

    assert {link.split("/tables/")[1].split(".csv")[0] for link in links} == set(CAMPAIGN_TABLES)
    for link in links:
        assert _csv(manager_client.get(link))[0] in headers_on_page, link
    # The rows too: the targets, as the page lists them, high priority first.
    targets = section(html, "targets-heading").split("</table>")[0]
    page_targets = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a><br>', targets)
    rows = _csv(manager_client.get(f"/dashboard/campaigns/{demo_campaign.pk}/tables/targets.csv"))
    assert [row[0] for row in rows[1:]] == [unescape(name) for name in page_targets]
    assert rows[1][1] == "High" and rows[1][2] in ("Yes", "No", "Abstain")


def test_the_state_pages_tables_download_with_the_pages_columns_and_rows(manager_client, demo_campaign):
    html = manager_client.get(f"/dashboard/campaigns/{demo_campaign.pk}/states/PRK/").content.decode()
    links = [unescape(link) for link in CSV_LINK.findall(html)]

    assert {link.split("/tables/")[1].split(".csv")[0] for link in links} <= set(STATE_TABLES)
    series = _csv(
        manager_client.get(f"/dashboard/campaigns/{demo_campaign.pk}/states/PRK/tables/series-votes.csv")
    )
    assert series[0] in _column_headers(html)
    assert series[1][4] == "No" and "A/RES/69/188" in series[1][3]  # the DPRK voted against it


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted(client, organization, manager_user):
    campaign = factories.CampaignFactory(owner=organization)
    factories.StanceFactory(campaign=campaign, state=factories.state("BWA"), note='=HYPERLINK("http://x")')
    client.force_login(manager_user)

    rows = _csv(client.get(f"/dashboard/campaigns/{campaign.pk}/states/BWA/tables/stances.csv"))

    assert rows[1][-1].startswith("'=HYPERLINK")


def test_an_unknown_table_is_a_404_and_a_bad_filter_a_400_naming_it(client, organization, manager_user):
    campaign = factories.CampaignFactory(owner=organization)
    client.force_login(manager_user)

    assert client.get(f"/dashboard/campaigns/{campaign.pk}/tables/budget.csv").status_code == 404
    response = client.get(f"/dashboard/campaigns/{campaign.pk}/tables/targets.csv", {"as_of": "soon"})
    assert response.status_code == 400 and "As of" in response.content.decode()


# The map ----------------------------------------------------------------------------------------


def test_the_map_is_an_svg_coloured_as_the_page_with_its_legend(manager_client, demo_campaign):
    page = manager_client.get(
        f"/dashboard/campaigns/{demo_campaign.pk}/", {"colour": "target"}
    ).content.decode()
    response = manager_client.get(f"/dashboard/campaigns/{demo_campaign.pk}/map.svg", {"colour": "target"})

    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = ElementTree.fromstring(response.content)
    fills = [path.get("fill") for path in svg.iter(f"{SVG}path")]
    colour_of = {value.css: value.colour for value in MODES["target"].values} | {"v-outside": OUTSIDE}
    page_classes = re.findall(r'<path d="[^"]+" class="([^" ]+)', page)
    assert len(fills) > 150 and fills == [colour_of[css] for css in page_classes]
    wanted_yes = re.search(r"Wanted: yes <span class=\"count\">\((\d+)\)", page)[1]
    assert f"Wanted: yes ({wanted_yes})" in [text.text for text in svg.iter(f"{SVG}text")]


# Who sees what ----------------------------------------------------------------------------------

HANDOUTS = ["brief/", "brief.pdf", "map.svg", "tables/targets.csv", "states/BWA/tables/stances.csv"]


@pytest.mark.parametrize("handout", HANDOUTS)
def test_another_organizations_campaign_hands_out_nothing(client, outsider_user, organization, handout):
    campaign = factories.CampaignFactory(owner=organization, shared_with_partners=True)
    client.force_login(outsider_user)

    assert client.get(f"/dashboard/campaigns/{campaign.pk}/{handout}").status_code == 404


@pytest.mark.parametrize("handout", HANDOUTS)
def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(client, organization, handout):
    campaign = factories.CampaignFactory(owner=organization)

    assert client.get(f"/dashboard/campaigns/{campaign.pk}/{handout}").status_code == 302


def test_a_partner_gets_the_figures_from_the_shared_stances_only(
    client, organization, manager_user, partner_user
):
    campaign = factories.CampaignFactory(owner=organization, shared_with_partners=True, name="Shared")
    for iso3, position, shared in (("BWA", "opposes", False), ("PAN", "supports", True)):
        state = factories.state(iso3)
        factories.TargetFactory(campaign=campaign, state=state)
        factories.StanceFactory(
            campaign=campaign,
            state=state,
            position=position,
            shared_with_partners=shared,
            note=f"{iso3}'s note",
        )
    stances = {}
    for user in (manager_user, partner_user):
        client.force_login(user)
        rows = _csv(client.get(f"/dashboard/campaigns/{campaign.pk}/tables/targets.csv"))
        stances[user.username] = {row[0]: row[3].split(" (")[0] for row in rows[1:]}
        brief = client.get(f"/dashboard/campaigns/{campaign.pk}/brief/").content.decode()
        assert ("As a partner of" in brief) is (user == partner_user)
        notes = client.get(
            f"/dashboard/campaigns/{campaign.pk}/states/BWA/tables/stances.csv"
        ).content.decode()
        assert ("BWA&#x27;s note" in notes or "BWA's note" in notes) is (user == manager_user)

    assert stances["manager"] == {"Botswana": "Opposes", "Panama": "Supports"}
    assert stances["partner"] == {"Botswana": "—", "Panama": "Supports"}


# Queries ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("iso3s", [SMALL, LARGE], ids=["2 states", "14 states"])
@pytest.mark.parametrize(
    ("handout", "queries"),
    [
        # 2 session and user, 1 campaign, 1 the filters' groups, 3 the resolution and its votes, 1 the
        # cache's key and 9 the scoreboard, 4 overdue follow-ups and recent meetings, 4 the coverage,
        # then: the brief 1 the thresholds, 2 their outcomes, 1 the vote by group, 1 the reader's
        # organization; the map nothing more.
        ("brief/", 30),
        ("map.svg", 25),
        ("tables/targets.csv", 25),
        # the votes: the campaign, the groups and the resolution's votes only
        ("tables/votes.csv", 7),
        # 2 session and user, 1 campaign, 1 state, 10 the scoreboard, 1 the target, 1 the stances,
        # 3 the series' votes and decisions, 4 meetings, 1 follow-ups: as the state page.
        ("states/BWA/tables/stances.csv", 24),
    ],
)
def test_a_handouts_query_count_is_flat(
    client, manager_user, organization, iso3s, handout, queries, django_assert_num_queries
):
    campaign = campaign_with_outreach(organization, manager_user, iso3s)
    client.force_login(manager_user)

    with django_assert_num_queries(queries):
        assert client.get(f"/dashboard/campaigns/{campaign.pk}/{handout}").status_code == 200
