"""Dates typed in a real browser that asks for British English, and the daily pages at a phone's
width: what is typed is what is stored, and no page scrolls sideways."""

import datetime

import pytest

from advocacy.models import FollowUp, Meeting, SideEvent, Stance
from directory.models import Person
from tests import factories
from tests.browser.staff_day import PHONE, log_in, steps_dates

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# London's clock is hours ahead of the server's (New York), so Django's time-zone warning is due.
BRITISH = {"locale": "en-GB", "timezone_id": "Europe/London"}


def _choose(page, field: str, typed: str, option: str):
    """Pick an option in one of the admin's autocomplete (select2) fields by typing."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.keyboard.type(typed)
    page.wait_for_selector(f".select2-results__option--highlighted:has-text('{option}')")
    page.keyboard.press("Enter")


def test_a_date_typed_in_british_english_is_stored_as_meant(open_page, live_server):
    organization = factories.OrganizationFactory()
    factories.UserFactory(username="logger", organization=organization, role="staff")
    campaign = factories.CampaignFactory(owner=organization, status="active")
    campaign.resolutions.add(factories.ResolutionFactory())
    page = open_page(viewport={"width": 1280, "height": 800}, **BRITISH)
    log_in(page, "logger")
    page.goto(f"{live_server.url}/admin/advocacy/meeting/add/")

    steps_dates.pick_a_day_in_the_calendar(
        page, live_server.url, field="date", day=28, date_pattern=r"^28/\d{2}/\d{4}$"
    )
    steps_dates.type_a_date(
        page,
        live_server.url,
        field="date",
        typed="05/12/2026",
        read_as="5 December 2026",
        expected_format="dd/mm/yyyy",
    )
    # The row of what the state said is filled too: an empty one is refused (its position has no
    # blank choice in the admin).
    _choose(page, "states", "Botsw", "Botswana")
    _choose(page, "stances-0-state", "Botsw", "Botswana")
    page.locator("button[name=_save], input[name=_save]").click()
    page.get_by_text("was added successfully").wait_for()
    assert Meeting.objects.get().date == datetime.date(2026, 12, 5)

    # The other order of day and month is refused, not read the other way round.
    page.goto(f"{live_server.url}/admin/advocacy/followup/add/")
    steps_dates.see_a_wrong_order_refused(
        page, live_server.url, field="due_on", typed="11/30/2026", expected_format="dd/mm/yyyy"
    )
    assert not FollowUp.objects.exists()

    steps_dates.see_the_time_zone_warning_beside_times_only(page, live_server.url)
    assert page.watch.console_errors == []


def test_the_daily_pages_do_not_scroll_sideways_on_a_phone(open_page, live_server, demo_campaign):
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True, **BRITISH)
    log_in(page, "manager")
    owned = {"owner": demo_campaign.owner}
    records = [
        ("advocacy/meeting", Meeting.objects.filter(**owned).first()),
        ("advocacy/followup", FollowUp.objects.filter(**owned).first()),
        ("advocacy/sideevent", SideEvent.objects.filter(**owned).first()),
        ("advocacy/stance", Stance.objects.filter(**owned).first()),
        ("directory/person", Person.objects.first()),
    ]
    change_pages = [f"/admin/{model}/{record.pk}/change/" for model, record in records]
    state = demo_campaign.targets.select_related("state").first().state
    dashboards = [
        f"/dashboard/campaigns/{demo_campaign.pk}/",
        f"/dashboard/campaigns/{demo_campaign.pk}/states/{state.iso3}/",
    ]
    steps_dates.see_no_sideways_scrolling(
        page, live_server.url, paths=[*steps_dates.DAILY_ADMIN_PAGES, *change_pages, *dashboards]
    )

    # A date is typed and read the same way on the phone.
    page.goto(f"{live_server.url}/admin/advocacy/followup/add/")
    steps_dates.type_a_date(
        page,
        live_server.url,
        field="due_on",
        typed="30/11/2026",
        read_as="30 November 2026",
        expected_format="dd/mm/yyyy",
    )
    assert page.watch.console_errors == []
