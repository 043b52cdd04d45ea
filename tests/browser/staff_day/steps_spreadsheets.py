"""A staff member's day, in spreadsheets: import a campaign's targets from a CSV file in the admin
(upload, preview, confirm), see a file with a mistake refused row by row with nothing imported, and
export them again.
Works at desktop and phone width."""

from pathlib import Path

from playwright.sync_api import expect

TARGETS = "/admin/campaigns/target/"


def _upload(page, base_url, *, changelist: str, name: str, content: str) -> None:
    """From the list at `changelist`, open its import page and send a CSV file for a preview."""
    page.goto(f"{base_url}{changelist}")
    import_link = page.locator(f"a[href='{changelist}import/']:visible")
    if import_link.count() == 0:  # at phone width the list's actions sit behind its "more" button
        page.locator("a:has(> span:text-is('more_horiz')):visible").click()
    import_link.first.click()
    expect(page.get_by_role("link", name="Download a template")).to_be_visible()
    page.set_input_files(
        "input[name=import_file]", files=[{"name": name, "mimeType": "text/csv", "buffer": content.encode()}]
    )
    page.select_option("select[name=format]", label="csv")
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()


def import_targets_from_a_csv_file(page, base_url, *, content: str, states: list[str]) -> None:
    """Upload `content` (a CSV of targets), see each of `states` (their short names) previewed as
    new, confirm, and see the import reported and the targets listed."""
    _upload(page, base_url, changelist=TARGETS, name="targets.csv", content=content)
    preview = page.locator(".import-preview-table")
    for state in states:
        expect(preview).to_contain_text(state)
    page.get_by_role("button", name="Confirm import").click()
    expect(page.get_by_text(f"Import finished: {len(states)} new")).to_be_visible()
    for state in states:
        expect(page.locator("#result_list")).to_contain_text(state)


def see_a_file_with_a_mistake_refused(page, base_url, *, content: str, problem: str) -> None:
    """Upload `content`, a CSV of targets with a mistake: the page names the row and what to fix
    (`problem`), offers no confirmation, and nothing is imported."""
    _upload(page, base_url, changelist=TARGETS, name="targets.csv", content=content)
    expect(page.locator(".plenary-import-problems")).to_contain_text("Nothing was imported")
    expect(page.locator(".plenary-import-problem").first).to_contain_text(problem)
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)


def export_targets_as_a_csv_file(page, base_url, *, states: list[str]) -> None:
    """From the targets' export page, download them as CSV: each of `states` is in the file."""
    page.goto(f"{base_url}{TARGETS}export/")
    page.select_option("select[name=format]", label="csv")
    with page.expect_download() as download:
        page.locator("form button[type=submit]").last.click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    for state in states:
        assert state in exported, exported
