"""A staff member's day, where dates are typed and where a phone's screen is narrow: a date typed
the user's own way is read as meant and echoed in words before saving, the calendar writes it the
same way, the time-zone warning shows beside times only, and the daily pages never scroll sideways.
Works at desktop and phone width."""

import re

from playwright.sync_api import expect

# The daily admin pages and their lists, as paths (the dashboards' are added by the caller, who
# knows the campaign and state).
DAILY_ADMIN_PAGES = [
    "/admin/advocacy/meeting/",
    "/admin/advocacy/meeting/add/",
    "/admin/advocacy/followup/",
    "/admin/advocacy/followup/add/",
    "/admin/advocacy/sideevent/",
    "/admin/advocacy/sideevent/add/",
    "/admin/advocacy/stance/",
    "/admin/advocacy/stance/add/",
    "/admin/directory/person/",
    "/admin/directory/person/add/",
]


def _date_field(page, name: str):
    return page.locator(f".plenary-date input[name='{name}']")


def _date_read(page, name: str):
    """The date a field reads, in words, beside it (core/dates.py, plenary/locale-date.js)."""
    return page.locator(f".plenary-date:has(input[name='{name}']) + .plenary-date-help .plenary-date-read")


def type_a_date(page, base_url, *, field: str, typed: str, read_as: str, expected_format: str) -> None:
    """On the open admin form, type `typed` into the date `field` and see, before saving, the
    expected format beside it and the date it reads in words (`read_as`, e.g. "5 December 2026")."""
    date = _date_field(page, field)
    date.fill("")
    date.press_sequentially(typed)
    expect(page.locator(f"#{date.get_attribute('id')}_format")).to_contain_text(expected_format)
    expect(_date_read(page, field)).to_contain_text(read_as)


def see_a_wrong_order_refused(page, base_url, *, field: str, typed: str, expected_format: str) -> None:
    """Type a date in the other order of day and month: the echo says it is not a date before
    saving, and saving is refused beside the field with the expected format, nothing saved."""
    date = _date_field(page, field)
    date.fill(typed)
    expect(_date_read(page, field)).to_have_text(f"Not a date written {expected_format}")
    page.locator("button[name=_save], input[name=_save]").click()
    expect(page.get_by_text(f"“{typed}” is not a date written {expected_format}")).to_be_visible()


def pick_a_day_in_the_calendar(page, base_url, *, field: str, day: int, date_pattern: str) -> None:
    """Open Django's calendar beside the date `field`, pick `day` of the month it shows, and see
    it written the user's way (`date_pattern`, a regular expression) and read back in words."""
    page.locator(f".plenary-date:has(input[name='{field}']) .date-icon").click()
    page.locator(".calendarbox:visible td a", has_text=re.compile(rf"^{day}$")).click()
    expect(_date_field(page, field)).to_have_value(re.compile(date_pattern))
    expect(_date_read(page, field)).to_contain_text(str(day))


def see_the_time_zone_warning_beside_times_only(page, base_url) -> None:
    """On a side event's form, which has a date and a start time: Django's warning that the
    browser's clock is some hours off the server's is never shown beside the date; beside the
    time it is shown when the clocks differ."""
    page.goto(f"{base_url}/admin/advocacy/sideevent/add/")
    page.wait_for_load_state("load")  # Django's calendar script adds its links and warnings then
    expect(page.locator(".plenary-date:has(input[name=date]) .datetimeshortcuts")).to_be_attached()
    for warning in page.locator(".plenary-date .timezonewarning").all():
        expect(warning).to_be_hidden()
    clocks_differ = page.evaluate(
        "() => new Date().getTimezoneOffset() * -60 !== Number(document.body.dataset.adminUtcOffset)"
    )
    beside_time = page.locator("div:has(> input[name=starts_at]) > .timezonewarning")
    if clocks_differ:
        expect(beside_time).to_be_visible()
        expect(beside_time).to_contain_text("server time")
    else:
        expect(beside_time).to_have_count(0)


def see_no_sideways_scrolling(page, base_url, *, paths: list[str]) -> None:
    """Open each of `paths`: the page never scrolls sideways (a wide table may scroll inside its
    own frame), whatever the screen's width."""
    width = page.viewport_size["width"]
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response.ok, f"{path}: {response.status}"
        page.wait_for_load_state("load")
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} is {scroll_width}px wide on a {width}px screen"
