"""A staff member's day, in words: an empty list says what to do next, adding someone already in
the directory warns with a link to them (and saves anyway when told), and a history names what
changed. Works at desktop and phone width."""

from playwright.sync_api import expect


def see_an_empty_list_say_what_to_do_next(page, base_url: str, *, path: str, words: str) -> None:
    page.goto(f"{base_url}{path}")
    empty = page.locator(".plenary-empty-list")
    expect(empty).to_contain_text(words)
    expect(empty.get_by_role("link", name="Add")).to_be_visible()


def add_a_person_like_one_recorded(page, base_url: str, *, name: str, look_alike: str) -> None:
    """Add `name`, be warned that `look_alike` is already recorded, open nothing, save anyway."""
    page.goto(f"{base_url}/admin/directory/person/add/")
    page.fill("#id_name", name)
    page.select_option("#id_category", "ngo_staff")
    page.click("button[name=_save]")
    warning = page.locator(".errornote", has_text="already recorded")
    expect(warning).to_contain_text("This looks like")
    expect(warning.get_by_role("link", name=look_alike)).to_be_visible()
    page.check("#id_save_anyway")
    page.click("button[name=_save]")
    expect(page.get_by_text(name).first).to_be_visible()
    expect(page.locator(".errornote")).to_have_count(0)


def read_a_history_in_names(page, base_url: str, *, path: str, names: list[str]) -> None:
    page.goto(f"{base_url}{path}")
    table = page.locator(".plenary-history-table")
    for name in names:
        expect(table).to_contain_text(name)
