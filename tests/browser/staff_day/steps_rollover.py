"""A staff member's day, at the turn of a session: roll a campaign over to next session from its
page (two clicks counted from there), and accept the targets the record suggests, one or all.
Each step drives the page and checks what a person would see. Works at desktop and phone width."""

import re

from playwright.sync_api import expect


def roll_over_the_campaign(page, base_url, *, campaign_id: int, new_name: str) -> int:
    """From the campaign's page: "Roll over to next session", then "Roll over". Lands on the new
    campaign's page with what was carried over said; returns the clicks it took (two)."""
    page.goto(f"{base_url}/admin/campaigns/campaign/{campaign_id}/change/")
    action = page.get_by_role("link", name="Roll over to next session")
    if not action.is_visible():  # at phone width the page's actions sit behind its "more" button
        page.locator("a:has(> span:text-is('more_horiz')):visible").click()
    action.click()
    page.get_by_role("button", name="Roll over", exact=True).click()
    expect(page.get_by_text(f"Rolled over to “{new_name}”")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/campaigns/campaign/\d+/change/$"))
    return 2


def accept_a_suggested_target(page, base_url, *, campaign_id: int, state_name: str, reason: str) -> None:
    """On the campaign's suggested targets, see `state_name` with its `reason` and accept it alone."""
    page.goto(f"{base_url}/admin/campaigns/campaign/{campaign_id}/suggested-targets/")
    row = page.locator("tr", has=page.get_by_role("rowheader", name=state_name, exact=True))
    expect(row).to_contain_text(reason)
    row.get_by_role("button", name=f"Accept {state_name}").click()
    expect(page.get_by_text(f"1 targets added: {state_name}.")).to_be_visible()
    expect(page.get_by_role("rowheader", name=state_name, exact=True)).to_have_count(0)


def accept_all_suggested_targets(page, base_url, *, campaign_id: int) -> None:
    """Accept every remaining suggestion with one click; the page then has none left."""
    page.goto(f"{base_url}/admin/campaigns/campaign/{campaign_id}/suggested-targets/")
    page.get_by_role("button", name=re.compile(r"^Accept all \d+$")).click()
    expect(page.get_by_text(re.compile(r"\d+ targets added: "))).to_be_visible()
    expect(page.get_by_text("Nothing in the series' recent votes suggests another target.")).to_be_visible()


def see_suggestions_fit_the_screen(page, base_url, *, campaign_id: int) -> None:
    """The suggested targets page does not scroll sideways: its table scrolls in its frame."""
    page.goto(f"{base_url}/admin/campaigns/campaign/{campaign_id}/suggested-targets/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"
