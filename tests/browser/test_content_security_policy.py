"""Plenary's main pages under its Content-Security-Policy, in a real browser: each one renders with
nothing refused (the `page` fixture fails any test that meets a violation) and its interactive
parts still work: the admin's theme and autocomplete fields, the dashboards' charts, the API's
browsable pages and Swagger UI."""

import pytest

from advocacy.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"


def _log_in(page):
    page.goto("/admin/login/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url("**/admin/")


def _alpine_started(page) -> bool:
    """Alpine.js (the admin theme's) removes x-cloak once it has evaluated the page's expressions."""
    return page.locator("html[x-cloak]").count() == 0 and page.evaluate("() => Boolean(window.Alpine)")


def test_the_admin_works_under_the_policy(page, demo_campaign):
    meeting = Meeting.objects.filter(owner=demo_campaign.owner).first()
    _log_in(page)
    assert _alpine_started(page)

    page.goto("/admin/campaigns/campaign/")
    assert page.get_by_role("link", name=demo_campaign.name).first.is_visible()
    assert _alpine_started(page)

    # A change form with inlines and an autocomplete field: select2 opens and finds a state.
    page.goto(f"/admin/advocacy/meeting/{meeting.pk}/change/")
    assert page.locator("input[name$='-TOTAL_FORMS']").count() >= 1  # its inline formset
    page.click("#id_states + .select2 .select2-selection")
    page.keyboard.type("Botsw")
    page.wait_for_selector(".select2-results__option:has-text('Botswana')")

    # The history page's table takes its layout from static/plenary/admin.css, not style="".
    page.goto(f"/admin/advocacy/meeting/{meeting.pk}/history/")
    cell = page.locator("table.plenary-history-table th").first
    assert cell.evaluate("(th) => getComputedStyle(th).paddingTop") == "6px"
    assert page.watch.console_errors == []


def test_the_dashboards_work_under_the_policy(page, demo_campaign):
    _log_in(page)
    page.goto(f"/dashboard/campaigns/{demo_campaign.pk}/")
    drawn = (
        "() => [...document.querySelectorAll('canvas[data-chart]')].filter((c) => Chart.getChart(c)).length"
    )
    assert page.evaluate(drawn) == 4
    page.select_option("#id_group", "AFRICAN")  # htmx swaps the states' panel
    page.wait_for_url("**group=AFRICAN**")
    page.goto(f"/dashboard/campaigns/{demo_campaign.pk}/states/NGA/")
    assert page.get_by_role("heading", level=1).inner_text() == "Nigeria"
    assert page.watch.console_errors == []


def test_the_api_pages_work_under_the_policy(page, demo_campaign):
    _log_in(page)
    page.goto("/api/v1/")
    assert page.locator(".response-info").is_visible()
    page.goto("/api/v1/campaigns/")
    page.get_by_role("button", name="Filters").click()  # bootstrap's modal, from DRF's own files
    page.locator("#filtersModal input.plenary-search-input").wait_for()

    page.goto("/api/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 20
    page.goto("/api/redoc/")  # Redoc's old address: its bundle drew a logo from a CDN
    page.wait_for_url("**/api/docs/")
