"""Two-factor authentication on the API: its login demands the code from whoever has a second
factor or must have one, and only a token issued after it reads identities."""

import base64

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from directory.two_factor import services
from tests import factories
from tests.directory.conftest import REAL_NAME
from tests.directory.test_two_factor import PASSWORD, code_of

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/login/"


def _basic(user) -> str:
    return "Basic " + base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()


def _login(client, user, **extra):
    data = extra.pop("data", None)
    return client.post(LOGIN, data, content_type="application/json", HTTP_AUTHORIZATION=_basic(user), **extra)


def _identity(client, token, witness):
    return client.get(f"/api/v1/people/{witness.pk}/identity/", HTTP_AUTHORIZATION=f"Token {token}")


@pytest.fixture(autouse=True)
def login_throttle_forgotten():
    """Logins here outnumber what the API lets one address try a minute (API_THROTTLE_LOGIN)."""
    cache.clear()


@pytest.fixture
def director(organization):
    user = factories.UserFactory(organization=organization, role="manager", username="director")
    user.user_permissions.add(Permission.objects.get(codename="view_personidentity"))
    return user


def test_a_user_with_an_app_gets_no_token_without_its_code(client, manager_user):
    services.enrol(user=manager_user, key=services.new_key())

    response = _login(client, manager_user)

    assert response.status_code == 401
    assert "Enter the 6-digit code" in response.json()["detail"]
    assert response.has_header("WWW-Authenticate")


def test_a_wrong_code_gets_no_token(client, manager_user):
    device, _ = services.enrol(user=manager_user, key=services.new_key())

    response = _login(client, manager_user, data={"otp": code_of(device.key, steps=9)})

    assert response.status_code == 401 and "wrong" in response.json()["detail"]
    assert "token" not in response.json()


@pytest.mark.parametrize("where", ["body", "header"])
def test_the_right_code_gets_a_token(client, manager_user, where):
    device, _ = services.enrol(user=manager_user, key=services.new_key())
    code = code_of(device.key)

    if where == "body":
        response = _login(client, manager_user, data={"otp": code})
    else:
        response = _login(client, manager_user, HTTP_X_PLENARY_OTP=code)

    assert response.status_code == 200 and response.json()["token"]


def test_a_recovery_code_gets_a_token_once(client, manager_user):
    _, codes = services.enrol(user=manager_user, key=services.new_key())

    assert _login(client, manager_user, data={"otp": codes[0]}).status_code == 200
    assert _login(client, manager_user, data={"otp": codes[0]}).status_code == 401


def test_whoever_must_use_it_gets_no_token_before_setting_it_up(client, director):
    response = _login(client, director, data={"otp": "123456"})

    assert response.status_code == 401 and "required" in response.json()["detail"]


def test_with_the_setting_every_user_must_set_it_up_first(client, settings, analyst_user):
    assert _login(client, analyst_user).status_code == 200
    settings.PLENARY_2FA_REQUIRED_FOR_ALL = True
    assert _login(client, analyst_user).status_code == 401


def test_a_token_issued_after_the_second_factor_reads_identities(client, director, witness):
    device, _ = services.enrol(user=director, key=services.new_key())
    token = _login(client, director, data={"otp": code_of(device.key)}).json()["token"]

    assert _identity(client, token, witness).json()["real_name"] == REAL_NAME


def test_a_token_issued_before_the_second_factor_reads_no_identity(client, manager_user, witness):
    # A manager's token, taken by password alone; then the identity permission, and an app.
    token = _login(client, manager_user).json()["token"]
    manager_user.user_permissions.add(Permission.objects.get(codename="view_personidentity"))
    services.enrol(user=manager_user, key=services.new_key())

    response = _identity(client, token, witness)

    assert response.status_code == 404 and REAL_NAME not in response.content.decode()
    assert client.get("/api/v1/people/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_a_body_that_is_not_an_object_is_no_500(client, manager_user):
    services.enrol(user=manager_user, key=services.new_key())
    response = _login(client, manager_user, data=["123456"])
    assert response.status_code == 401
