"""/api/docs/ in a real browser: Swagger UI renders the guide and the operations grouped by
resource from this machine's files alone (the `page` fixture fails the test on any request that
leaves it, or on anything the Content-Security-Policy refuses)."""

import pytest

from core.openapi import RESOURCE_GROUPS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_docs_show_the_guide_then_the_operations_by_group_and_name(page, screenshot):
    page.goto("/api/docs/")
    page.locator("h3.opblock-tag").first.wait_for()

    guide = page.locator(".information-container .description")
    headings = guide.locator("h2").all_inner_texts()
    assert headings[0] == "Signing in" and headings[-1] == "Recipes"
    assert guide.locator("pre code").count() >= 8  # the curl and pandas examples, as code
    assert guide.locator("table tr").count() == 9  # the errors' table: a header and 8 statuses

    groups = page.locator("h3.opblock-tag").evaluate_all("(tags) => tags.map((tag) => tag.dataset.tag)")
    assert groups == [group.tag for group in RESOURCE_GROUPS]
    screenshot("api-docs")
    # Each operation under its group, by its name: the page's own link to it.
    listing = page.locator("#operations-Recorded_votes-listRecordedVotes")
    assert "List recorded votes" in listing.inner_text()
    log_in = page.locator("#operations-Authentication-logIn .opblock-summary-operation-id")
    assert log_in.inner_text() == "logIn"

    page.fill(".operation-filter-input", "Member states")  # the filter narrows the page to a group
    page.locator("h3.opblock-tag").nth(1).wait_for(state="detached")
    assert page.locator("h3.opblock-tag").all_inner_texts()[0].startswith("Member states")
    assert page.watch.console_errors == []
