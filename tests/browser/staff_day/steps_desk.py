"""A staff member's day, at their desk: the home (the admin's index) shows their follow-ups and
their next meeting; they subscribe to their calendar feed, fetch it as a calendar application
would, and revoke it. Works at desktop and phone width."""

import icalendar
from playwright.sync_api import expect


def open_home(page, base_url, *, follow_up: str, meeting: str) -> None:
    """Open the home and see `follow_up` among their follow-ups, `meeting` (its states, as the
    home names a meeting) among their next meetings."""
    page.goto(f"{base_url}/admin/")
    expect(page.get_by_role("region", name="Your follow-ups")).to_contain_text(follow_up)
    expect(page.get_by_role("region", name="Your next meetings and side events")).to_contain_text(meeting)


def subscribe_to_calendar(page, base_url, *, expected: list[str]) -> str:
    """Get a calendar URL from the calendar page, fetch it without the session (as a calendar
    application does), check it is iCalendar holding each summary in `expected`; its URL."""
    page.goto(f"{base_url}/desk/calendar/")
    page.get_by_role("button", name="Get a calendar URL").click()
    page.wait_for_url("**/desk/calendar/")
    url = page.get_by_label("Your calendar's URL").input_value()
    assert url.startswith(base_url) and url.endswith(".ics")
    response = page.context.request.get(url, headers={"Cookie": ""})
    assert response.status == 200 and response.headers["content-type"].startswith("text/calendar")
    summaries = {
        str(event["summary"]) for event in icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    }
    assert set(expected) <= summaries, f"{expected} not all in {summaries}"
    return url


def revoke_calendar(page, base_url, *, url: str) -> None:
    """Revoke the feed from its page: the page says so, and its URL answers 404."""
    page.goto(f"{base_url}/desk/calendar/")
    page.get_by_role("button", name="Revoke it").click()
    page.wait_for_url("**/desk/calendar/")
    expect(page.locator("#calendar-feed-status")).to_contain_text("You have no calendar feed.")
    assert page.context.request.get(url).status == 404


def fits_the_screen(page) -> None:
    """Nothing on the page is wider than the screen (a phone's included)."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the screen"
