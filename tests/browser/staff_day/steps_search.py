"""A staff member's day, at the one search box: type a name, find each kind of record it names,
grouped, each a link to its page. Works at desktop and phone width."""

from playwright.sync_api import expect


def search_for(page, base_url, *, term: str, expected: dict[str, list[str]]) -> None:
    """Search `term` from the search page's box and see, under each kind's heading in
    `expected` ("States", "Meetings"...), a link named by each of its names."""
    page.goto(f"{base_url}/desk/search/")
    box = page.get_by_role("searchbox", name="Search states, organizations, people, meetings and documents")
    box.fill(term)
    box.press("Enter")
    page.wait_for_url(f"**/desk/search/?q={term}")
    expect(page.get_by_role("status")).to_contain_text(f"for “{term}”")
    for kind, names in expected.items():
        found = page.get_by_role("region", name=kind)
        for name in names:
            expect(found.get_by_role("link", name=name).first).to_be_visible()


def open_first_found(page, base_url, *, kind: str, name: str) -> None:
    """Follow the link of `name` under `kind` to the record's page in the admin."""
    page.get_by_role("region", name=kind).get_by_role("link", name=name).first.click()
    page.wait_for_url("**/admin/**/change/")
    expect(page.locator("body")).to_contain_text(name)


def fits_the_screen(page) -> None:
    """Nothing on the results page is wider than the screen (a phone's included)."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the screen"
