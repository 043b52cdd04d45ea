"""The staff member's day, handing things out: from the campaign page, open the printable brief,
download it as a PDF, and download one of the page's tables as CSV. Each step drives the page and
checks what the person gets; each works on a desktop's screen and at a phone's width."""

import csv
import io
from pathlib import Path


def _campaign_page(page, base_url: str, campaign) -> None:
    if f"/dashboard/campaigns/{campaign.pk}/" not in page.url or "/brief" in page.url:
        page.goto(f"{base_url}/dashboard/campaigns/{campaign.pk}/")


def open_the_printable_brief(page, base_url: str, *, campaign) -> None:
    """From the campaign page, the brief: the campaign, who it is for, its tables and its map."""
    _campaign_page(page, base_url, campaign)
    page.get_by_role("link", name="Printable brief").click()
    page.wait_for_url(f"**/dashboard/campaigns/{campaign.pk}/brief/**")
    assert page.get_by_role("heading", level=1, name=campaign.name).is_visible()
    assert "Prepared for" in page.locator(".brief-header").inner_text()
    for heading in ("Thresholds and the votes needed", "Swing states", "By regional group", "The map"):
        assert page.get_by_role("heading", name=heading).count() == 1, heading
    assert page.locator(".brief-map svg path").count() > 150
    # Nothing wider than the screen: the tables scroll inside the page at a phone's width.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]


def download_the_brief_pdf(page, base_url: str, *, campaign) -> None:
    """From the brief, its PDF: a PDF file named for the campaign."""
    if "/brief/" not in page.url:
        page.goto(f"{base_url}/dashboard/campaigns/{campaign.pk}/brief/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF-") and len(content) > 10_000


def download_a_table_as_csv(page, base_url: str, *, campaign, table: str = "Targets") -> None:
    """From the campaign page, one table (by default the targets) as CSV, with the page's columns."""
    _campaign_page(page, base_url, campaign)
    link = page.get_by_role("link", name=f"{table} as CSV", exact=True)
    link.scroll_into_view_if_needed()
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    columns = page.get_by_role("region", name=table, exact=True).locator("thead th")
    assert rows[0] == columns.evaluate_all("cells => cells.map((cell) => cell.textContent.trim())")
    assert len(rows) > 1
