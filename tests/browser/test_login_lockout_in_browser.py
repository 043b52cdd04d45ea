"""The admin login's lockout page in a real browser: after the failure limit it says why logins are
refused, in the login page's look, with nothing refused by the Content-Security-Policy."""

import pytest

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LIMIT = 5  # PLENARY_LOGIN_FAILURE_LIMIT's default


def _try(page, password: str):
    page.goto("/admin/login/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", password)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state()


def test_the_lockout_page_says_why_the_right_password_is_refused(page, screenshot):
    factories.UserFactory(username="manager")
    for attempt in range(LIMIT):
        _try(page, f"guess {attempt}")

    _try(page, "correct horse battery staple")

    message = page.locator("#login-locked-out")
    assert "Too many failed logins" in message.inner_text()
    assert page.locator("input[name=password]").count() == 0
    assert page.url.endswith("/admin/login/")  # not let in
    screenshot("login-locked-out")
