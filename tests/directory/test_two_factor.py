"""Two-factor authentication on Plenary's pages: setting an authenticator app up, the code after
the password, recovery codes, and who must use it. A password alone reaches no identity."""

import base64
import time

import pytest
from django.contrib.auth.models import Permission
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.two_factor import services
from directory.two_factor.views import PENDING_KEY
from tests import factories
from tests.conftest import verified_login
from tests.directory.conftest import REAL_NAME

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
SETUP = "/admin/two-factor/setup/"
VERIFY = "/admin/two-factor/verify/"
CODES = "/admin/two-factor/recovery-codes/"
REMOVE = "/admin/two-factor/remove/"


def code_of(key: str, steps: int = 0) -> str:
    """The code an authenticator app holding the hex `key` shows now (or `steps` periods on)."""
    totp = TOTP(bytes.fromhex(key))
    totp.time = time.time() + steps * totp.step
    return f"{totp.token():06d}"


def _enrolled(user) -> tuple[TOTPDevice, list[str]]:
    return services.enrol(user=user, key=services.new_key())


def _grant_identities(user):
    user.user_permissions.add(Permission.objects.get(codename="view_personidentity"))


@pytest.fixture
def director(organization):
    user = factories.UserFactory(organization=organization, role="manager", username="director")
    _grant_identities(user)
    return user


def _log_in_with_password(client, user):
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302, "the password was refused"


# -- Setting it up ------------------------------------------------------------------------------


def test_a_user_sets_up_an_app_and_is_shown_ten_recovery_codes_once(client, manager_user):
    client.force_login(manager_user)

    page = client.get(SETUP)
    assert page.status_code == 200
    key = client.session[PENDING_KEY]
    secret = page.context["secret"]
    assert secret in page.content.decode()
    assert base64.b32decode(secret.replace(" ", "")) == bytes.fromhex(key)  # for typing it in
    qr = client.get("/admin/two-factor/setup/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content

    response = client.post(SETUP, {"code": code_of(key), "next": "/dashboard/"})
    assert response.status_code == 302 and response["Location"].startswith(CODES)
    shown = client.get(response["Location"])
    codes = shown.context["codes"]
    assert len(codes) == 10 and all(code in shown.content.decode() for code in codes)
    assert 'href="/dashboard/"' in shown.content.decode()
    assert client.get(CODES).context["codes"] is None  # shown once only

    device = TOTPDevice.objects.get(user=manager_user)
    assert device.confirmed and device.key == key
    assert sorted(
        StaticToken.objects.filter(device__user=manager_user).values_list("token", flat=True)
    ) == sorted(codes)
    assert client.get("/admin/").status_code == 200  # the session passed with the app's first code


def test_a_wrong_first_code_sets_nothing_up(client, manager_user):
    client.force_login(manager_user)
    client.get(SETUP)
    key = client.session[PENDING_KEY]

    page = client.post(SETUP, {"code": code_of(key, steps=5)})

    assert page.status_code == 200
    assert "not the app's current code" in page.context["form"].errors["code"][0]
    assert not TOTPDevice.objects.filter(user=manager_user).exists()
    assert not StaticDevice.objects.filter(user=manager_user).exists()


def test_the_admins_account_menu_links_to_two_factor_authentication(client, manager_user):
    client.force_login(manager_user)
    page = client.get("/admin/").content.decode()
    assert 'href="/admin/two-factor/"' in page and "Two-factor authentication" in page


# -- Logging in with it -------------------------------------------------------------------------


def test_after_the_password_a_user_with_an_app_is_asked_for_its_code(client, manager_user):
    device, _ = _enrolled(manager_user)
    _log_in_with_password(client, manager_user)

    for page in ["/admin/", "/dashboard/", "/admin/advocacy/meeting/"]:
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith(f"{VERIFY}?next=")

    response = client.post(VERIFY, {"code": code_of(device.key), "next": "/dashboard/"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_message_and_no_login(client, manager_user):
    device, _ = _enrolled(manager_user)
    _log_in_with_password(client, manager_user)

    page = client.post(VERIFY, {"code": code_of(device.key, steps=9)})

    assert page.status_code == 200
    assert "That code is wrong or has expired" in page.content.decode()
    assert client.get("/admin/").status_code == 302


def test_after_a_wrong_code_the_next_try_must_wait(client, manager_user):
    device, _ = _enrolled(manager_user)
    _log_in_with_password(client, manager_user)
    client.post(VERIFY, {"code": code_of(device.key, steps=9)})

    page = client.post(VERIFY, {"code": code_of(device.key)})

    assert "Too many wrong codes: try again in" in page.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_code_works_once(client, manager_user):
    device, _ = _enrolled(manager_user)
    code = code_of(device.key)
    _log_in_with_password(client, manager_user)
    assert client.post(VERIFY, {"code": code}).status_code == 302

    client.logout()
    _log_in_with_password(client, manager_user)
    assert client.post(VERIFY, {"code": code}).status_code == 200  # refused
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_in_place_of_the_apps_once(client, manager_user):
    _, codes = _enrolled(manager_user)
    _log_in_with_password(client, manager_user)

    response = client.post(VERIFY, {"code": codes[3].upper()}, follow=True)
    assert response.redirect_chain[0][0] == "/admin/"
    assert "9 left" in response.content.decode()
    assert client.get("/admin/").status_code == 200

    client.logout()
    _log_in_with_password(client, manager_user)
    assert "That code is wrong" in client.post(VERIFY, {"code": codes[3]}).content.decode()
    assert client.get("/admin/").status_code == 302


def test_new_recovery_codes_replace_the_old(client, settings, manager_user):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # a wrong code would make the next try wait
    _, old = _enrolled(manager_user)
    verified_login(client, manager_user)

    response = client.post(CODES, follow=True)
    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)

    client.logout()
    _log_in_with_password(client, manager_user)
    assert client.post(VERIFY, {"code": old[0]}).status_code == 200  # refused
    assert client.post(VERIFY, {"code": new[0]}).status_code == 302


def test_the_two_factor_pages_ask_for_the_code_first(client, manager_user):
    _enrolled(manager_user)
    client.force_login(manager_user)
    for response in [client.get("/admin/two-factor/"), client.get(CODES), client.post(CODES)]:
        assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.post(REMOVE, {"code": "whatever"})["Location"].startswith(VERIFY)


def test_turning_it_off_takes_a_current_code(client, manager_user):
    device, _ = _enrolled(manager_user)
    verified_login(client, manager_user)

    refused = client.post(REMOVE, {"code": ""})
    assert refused.status_code == 400 and "Enter the 6-digit code" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=manager_user).exists()

    assert client.post(REMOVE, {"code": code_of(device.key, steps=1)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=manager_user).exists()
    assert not StaticDevice.objects.filter(user=manager_user).exists()
    client.logout()
    _log_in_with_password(client, manager_user)
    assert client.get("/admin/").status_code == 200  # the password alone again


# -- Who must use it ----------------------------------------------------------------------------


def test_a_user_without_the_requirement_and_without_an_app_logs_in_as_before(client, staff_user):
    _log_in_with_password(client, staff_user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/api/v1/people/").status_code == 200


def test_whoever_may_see_identities_must_set_it_up_before_anything_else(client, director):
    _log_in_with_password(client, director)

    for page in ["/admin/", "/dashboard/", "/admin/directory/personidentity/"]:
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith(f"{SETUP}?next=")
    api = client.get("/api/v1/people/")
    assert api.status_code == 403 and "required" in api.json()["detail"]
    assert client.get(SETUP).status_code == 200


def test_superusers_must_set_it_up_too(client, organization):
    root = factories.UserFactory(username="root", organization=organization, is_superuser=True)
    _log_in_with_password(client, root)
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_with_the_setting_every_user_must_set_it_up(client, settings, staff_user):
    settings.PLENARY_2FA_REQUIRED_FOR_ALL = True
    _log_in_with_password(client, staff_user)

    assert client.get("/dashboard/")["Location"].startswith(f"{SETUP}?next=")
    client.get(SETUP)
    client.post(SETUP, {"code": code_of(client.session[PENDING_KEY])})
    assert client.get("/dashboard/").status_code == 200


def test_turning_it_off_when_required_sends_the_user_back_to_set_it_up(client, director):
    device, _ = _enrolled(director)
    verified_login(client, director)

    client.post(REMOVE, {"code": code_of(device.key, steps=1)})

    assert client.get("/admin/")["Location"].startswith(SETUP)


# -- A stolen password sees no identity -----------------------------------------------------------


def _identity_pages(client, witness) -> list:
    return [
        client.get("/admin/directory/personidentity/"),
        client.get(f"/admin/directory/person/{witness.pk}/change/"),
        client.get(f"/admin/directory/person/{witness.pk}/history/"),
        client.get(f"/api/v1/people/{witness.pk}/identity/"),
        client.get(f"/api/v1/people/{witness.pk}/"),
    ]


def test_a_password_without_the_second_factor_sees_no_identity_anywhere(client, director, witness):
    _enrolled(director)
    _log_in_with_password(client, director)

    for response in _identity_pages(client, witness):
        assert response.status_code in (302, 403)
        assert REAL_NAME not in response.content.decode()


def test_even_past_the_pages_guard_the_identity_policy_wants_the_second_factor(
    client, settings, director, witness
):
    # Belt and braces: were the middleware gone, the identity policy alone still says no.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("SecondFactorMiddleware")]
    _enrolled(director)
    _log_in_with_password(client, director)

    pages = _identity_pages(client, witness)

    assert [page.status_code for page in pages] == [403, 200, 200, 404, 200]
    assert all(REAL_NAME not in page.content.decode() for page in pages)


def test_with_the_second_factor_the_identity_is_there(client, director, witness):
    device, _ = _enrolled(director)
    _log_in_with_password(client, director)
    client.post(VERIFY, {"code": code_of(device.key)})

    assert REAL_NAME in client.get(f"/admin/directory/person/{witness.pk}/change/").content.decode()
    assert client.get(f"/api/v1/people/{witness.pk}/identity/").json()["real_name"] == REAL_NAME
