"""Two-factor authentication in a real browser: a director who may see identities logs in, is
made to set up an authenticator app (its QR code shown), keeps the recovery codes, and next time
enters the app's code after the password."""

import base64

import pytest
from django.contrib.auth.models import Permission

from tests import factories
from tests.directory.test_two_factor import code_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"


def _log_in(page):
    page.goto("/admin/login/")
    page.fill("input[name=username]", "director")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def test_a_director_sets_up_an_app_then_logs_in_with_its_code(page, screenshot):
    director = factories.UserFactory(username="director", role="manager")
    director.user_permissions.add(Permission.objects.get(codename="view_personidentity"))

    _log_in(page)
    page.wait_for_url("**/admin/two-factor/setup/?next=/admin/")
    assert page.eval_on_selector("img.plenary-2fa-qr", "img => img.complete && img.naturalWidth") > 100
    screenshot("two-factor-setup")
    key = base64.b32decode(page.inner_text("#two-factor-secret").replace(" ", "")).hex()
    page.fill("input[name=code]", code_of(key))
    page.click("#two-factor-setup-form button[type=submit]")
    page.wait_for_url("**/admin/two-factor/recovery-codes/?next=/admin/")
    assert len(page.locator("#recovery-codes li").all()) == 10
    page.get_by_role("link", name="I have saved them: continue").click()
    page.wait_for_url("**/admin/")

    page.context.clear_cookies()  # another day
    _log_in(page)
    page.wait_for_url("**/admin/two-factor/verify/?next=/admin/")
    page.fill("input[name=code]", code_of(key, steps=1))
    page.click("#two-factor-verify-form button[type=submit]")
    page.wait_for_url("**/admin/")
    assert page.watch.console_errors == []
