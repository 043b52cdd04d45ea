"""A campaign manager reads the demo campaign's dashboard in a real browser, as a person would: logs
in, opens the campaign, switches the map's colouring, filters by regional group, opens a state; on
a desktop screen and at a phone's width, with axe-core finding no serious accessibility problem."""

import re
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


def _log_in_to_the_dashboard(page):
    page.goto("/dashboard/")
    page.wait_for_url("**/admin/login/?next=/dashboard/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url("**/dashboard/")


def _serious_accessibility_violations(page) -> list[str]:
    """What axe-core (from npm, injected from node_modules) finds serious or critical here."""
    assert AXE.exists(), "node_modules/axe-core is missing: run make install"
    # Evaluated through the DevTools protocol: a <script> tag of its text would be an inline script,
    # which the pages' Content-Security-Policy refuses.
    page.evaluate(AXE.read_text())
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => `${v.id} (${v.impact}): ` + v.nodes.slice(0, 3).map((n) => n.target.join(" ")))"""
    )


def _charts_drawn(page) -> int:
    return page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')].filter((c) => Chart.getChart(c)).length"
    )


def test_a_manager_reads_the_demo_campaign(page, screenshot, demo_campaign):
    _log_in_to_the_dashboard(page)
    assert _serious_accessibility_violations(page) == []
    screenshot("dashboard-list")

    page.get_by_role("link", name=demo_campaign.name).click()
    page.wait_for_url(f"**/dashboard/campaigns/{demo_campaign.pk}/")
    headline = page.locator("section.headline")
    assert "116-20-53" in headline.inner_text()
    assert "Adopted in the GA plenary on 18 Dec 2014" in headline.inner_text()
    votes = page.locator("table", has_text="Draft resolution A/C.3/69/L.28 as a whole.")
    assert "111-19-55" in votes.inner_text() and "40-77" in votes.inner_text()
    assert page.get_by_role("heading", name="Targeted states nobody has met (10)").is_visible()
    assert page.locator("#never-met").get_by_role("link", name="Singapore").is_visible()
    # The first screen, before any scrolling, names the targets nobody has met.
    never_met_now = page.locator("#never-met-now")
    assert never_met_now.get_by_role("link", name="Singapore").is_visible()
    box = never_met_now.bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"]
    assert _charts_drawn(page) == 4
    assert page.locator("svg[role=img] path").count() > 150
    # The thresholds say how many more yes votes each needs; the swing list names the states to
    # look at, each with its reason, and leads to their pages.
    thresholds = page.get_by_role("region", name="Thresholds of success")
    assert thresholds.get_by_role("columnheader", name="More yes votes needed").is_visible()
    assert "none at the expected tally" in thresholds.inner_text()
    swing = page.locator("section.swing")
    assert swing.locator("tbody tr").count() > 0
    assert "Chance it votes otherwise" in swing.inner_text()
    first = swing.locator("tbody th a").first
    assert "/states/" in first.get_attribute("href")
    screenshot("dashboard-campaign")
    page.screenshot(path=str(_artifact("dashboard-campaign-top")))  # what the screen shows first
    assert _serious_accessibility_violations(page) == []

    # Colour the map by what the campaign wants: Viet Nam's ask was an abstention.
    page.get_by_role("radio", name="Target", exact=True).check()
    page.wait_for_url("**colour=target**")
    page.locator(".legend-title", has_text="Target").wait_for()
    assert page.locator("path[data-iso3=VNM]").get_attribute("class") == "v-A"
    assert "Wanted: yes (22)" in page.locator(".legend").inner_text()

    # The keyboard switches it too: the arrow key moves to the next colouring, Stance.
    page.get_by_role("radio", name="Target", exact=True).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**colour=stance**")
    page.locator(".legend-title", has_text="Stance").wait_for()

    # Only the African Group.
    page.select_option("#id_group", "AFRICAN")
    page.wait_for_url("**group=AFRICAN**")
    page.get_by_role("heading", name="Targeted states nobody has met (5)").wait_for()
    assert page.locator("a.tile").count() == 54
    assert "54 states shown of 193 (filtered)" in page.locator("p.shown").inner_text()
    screenshot("dashboard-campaign-african-group")

    # Open Nigeria from its tile, with the keyboard.
    page.locator("a.tile", has_text="NGA").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/states/NGA/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Nigeria"
    assert page.get_by_text(
        "Check with the Mission of Nigeria that its capital confirmed the yes vote"
    ).is_visible()
    assert "Hye Sook Kim" not in page.content()  # survivors appear by pseudonym only
    screenshot("dashboard-state")
    assert _serious_accessibility_violations(page) == []

    # Back to the campaign, keeping the filters; a click on Brazil on the map opens Brazil.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=re.compile("UNGA 69")).click()
    page.wait_for_url("**group=AFRICAN**")
    page.select_option("#id_group", "")
    page.wait_for_url(re.compile(r".*/campaigns/\d+/\?colour=stance$"))
    page.locator("path[data-iso3=BRA]").click()
    page.wait_for_url("**/states/BRA/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Brazil"

    assert page.watch.outside_requests == []
    assert page.watch.console_errors == []


def test_the_campaign_page_works_at_a_phones_width(open_page, demo_campaign):
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    _log_in_to_the_dashboard(page)
    page.goto(f"/dashboard/campaigns/{demo_campaign.pk}/")

    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    map_box = page.locator("svg[role=img]").bounding_box()
    assert 300 < map_box["width"] <= PHONE["width"]
    assert page.locator("a.tile", has_text="MLT").is_visible()  # Malta: too small for the map
    assert _charts_drawn(page) == 4
    page.screenshot(path=str(_artifact("dashboard-campaign-phone")), full_page=True)
    assert _serious_accessibility_violations(page) == []
    assert page.watch.outside_requests == [] and page.watch.console_errors == []


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"
