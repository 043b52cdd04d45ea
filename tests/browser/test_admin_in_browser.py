"""Staff log a meeting in the admin, in a real browser, as a person would."""

import time

import pytest

from advocacy.models import Meeting
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"


def _log_in(page, username):
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url("**/admin/")


def _choose(page, field: str, typed: str, option: str):
    """Pick an option in one of the admin's autocomplete (select2) fields by typing."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.keyboard.type(typed)
    page.wait_for_selector(f".select2-results__option--highlighted:has-text('{option}')")
    page.keyboard.press("Enter")


def test_staff_log_a_meeting_in_under_a_minute(page, screenshot):
    organization = factories.OrganizationFactory(name="Citizens' Alliance for North Korean Human Rights")
    factories.UserFactory(username="logger", organization=organization, role="staff")
    campaign = factories.CampaignFactory(owner=organization, name="UNGA 69 DPRK resolution", status="active")
    campaign.resolutions.add(factories.ResolutionFactory())

    _log_in(page, "logger")
    started = time.monotonic()
    page.goto("/admin/advocacy/meeting/add/")
    _choose(page, "states", "Botsw", "Botswana")
    page.fill("#id_ask", "Vote yes on L.28 and against the Cuban amendment")
    _choose(page, "stances-0-state", "Botsw", "Botswana")  # what Botswana said, in the same form
    page.select_option("#id_stances-0-position", "leaning_yes")
    page.click("input[name=_save], button[name=_save]")
    page.get_by_text("was added successfully").wait_for()
    elapsed = time.monotonic() - started
    screenshot("admin-meeting-logged")

    meeting = Meeting.objects.get()
    assert [state.iso3 for state in meeting.states.all()] == ["BWA"]
    assert meeting.owner == organization
    assert [campaign.name for campaign in meeting.campaigns.all()] == ["UNGA 69 DPRK resolution"]
    said = meeting.stances.get()
    assert (said.state.iso3, said.position) == ("BWA", "leaning_yes")
    assert said.resolution == campaign.resolutions.get()
    assert elapsed < 60
    assert page.watch.outside_requests == []
    assert page.watch.console_errors == []
