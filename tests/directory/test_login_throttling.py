"""Logins throttled: past the failure limit a username is refused from every address and an address
for every username, in the admin and the API alike; X-Forwarded-For is believed only from the
configured proxies; the counts live where every worker sees them."""

import base64
import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from config.settings import cache_settings
from directory.lockout import client_address

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"  # the factories' password
LIMIT = 5  # PLENARY_LOGIN_FAILURE_LIMIT's default
HOME, AWAY = "203.0.113.7", "198.51.100.20"  # documentation addresses: nothing is sent anywhere


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()  # the API's per-minute login throttle: each test starts with none used


def _admin_login(client, username, password, address=HOME):
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post("/admin/login/", data, REMOTE_ADDR=address)


def _api_login(client, username, password, address=HOME, **headers):
    credentials = base64.b64encode(f"{username}:{password}".encode()).decode()
    return client.post(
        "/api/v1/auth/login/", HTTP_AUTHORIZATION=f"Basic {credentials}", REMOTE_ADDR=address, **headers
    )


def _is_lockout_page(response) -> bool:
    content = response.content.decode()
    return (
        response.status_code == 429
        and "Too many failed logins" in content
        and 'name="password"' not in content
        and response["Retry-After"] == str(15 * 60)
    )


def test_a_username_is_locked_out_from_every_address(client, analyst_user):
    answers = [_admin_login(client, "analyst", "guess", address=f"203.0.113.{n}") for n in range(1, LIMIT)]
    assert [answer.status_code for answer in answers] == [200] * (LIMIT - 1)  # the form, with its error

    assert _is_lockout_page(_admin_login(client, "analyst", "guess", address="203.0.113.99"))
    refused = _admin_login(client, "analyst", PASSWORD, address=AWAY)
    assert _is_lockout_page(refused)
    assert "_auth_user_id" not in client.session
    assert (
        sum(AccessAttempt.objects.filter(username="analyst").values_list("failures_since_start", flat=True))
        == LIMIT
    )


def test_an_address_is_locked_out_for_every_username(client, analyst_user, staff_user):
    for n in range(LIMIT):
        _admin_login(client, f"guess-{n}", "guess", address=HOME)

    assert _is_lockout_page(_admin_login(client, "analyst", PASSWORD, address=HOME))
    assert _admin_login(client, "staff", PASSWORD, address=AWAY).status_code == 302  # another address
    assert AccessAttempt.objects.filter(ip_address=HOME).count() == LIMIT


def test_the_lock_lifts_when_the_cool_off_has_passed(client, analyst_user):
    for _ in range(LIMIT):
        _admin_login(client, "analyst", "guess")
    assert _admin_login(client, "analyst", PASSWORD).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )

    assert _admin_login(client, "analyst", PASSWORD).status_code == 302


def test_axes_reset_lifts_every_lock(client, analyst_user):
    for _ in range(LIMIT):
        _admin_login(client, "analyst", "guess")
    assert _admin_login(client, "analyst", PASSWORD).status_code == 429

    call_command("axes_reset", verbosity=0)

    assert _admin_login(client, "analyst", PASSWORD).status_code == 302


def test_an_api_brute_force_is_refused_with_a_json_429(client, analyst_user):
    statuses = [_api_login(client, "analyst", f"guess-{n}").status_code for n in range(LIMIT)]
    assert statuses == [401] * (LIMIT - 1) + [429]

    for address in (HOME, AWAY):  # the right password, from here or elsewhere
        refused = _api_login(client, "analyst", PASSWORD, address=address)
        assert refused.status_code == 429 and refused["Content-Type"] == "application/json"
        assert "Too many failed logins" in refused.json()["detail"]
        assert refused["Retry-After"] == str(15 * 60)


def test_admin_and_api_failures_are_one_count(client, analyst_user):
    for _ in range(LIMIT - 1):
        _admin_login(client, "analyst", "guess")

    assert _api_login(client, "analyst", "guess", address=AWAY).status_code == 429
    assert _is_lockout_page(_admin_login(client, "analyst", PASSWORD, address=AWAY))


def test_credentials_with_a_nul_byte_are_a_401_not_a_500(client, analyst_user):
    assert _api_login(client, "ana\x00lyst", "guess").status_code == 401


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_escape_the_login_throttle(
    client, analyst_user
):
    statuses = [
        _api_login(client, "analyst", PASSWORD, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(11)
    ]
    assert statuses == [200] * 10 + [429]  # API_THROTTLE_LOGIN: 10/minute from one address


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_escape_the_lockout(client, analyst_user):
    statuses = [
        _api_login(client, f"guess-{n}", "guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(LIMIT)
    ]
    assert statuses == [401] * (LIMIT - 1) + [429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {HOME}


@pytest.fixture
def behind_one_proxy(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def test_behind_one_proxy_the_client_is_the_right_most_forwarded_address(behind_one_proxy):
    request = RequestFactory().post(
        "/api/v1/auth/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.20"
    )
    assert client_address(request) == "198.51.100.20"
    forged = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not an address")
    assert client_address(forged) == "10.0.0.2"


def test_behind_one_proxy_the_login_throttle_counts_the_address_the_proxy_saw(
    behind_one_proxy, client, analyst_user
):
    def login(forged: str, seen: str):
        return _api_login(
            client, "analyst", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR=f"{forged}, {seen}"
        )

    statuses = [login(f"192.0.2.{n}", HOME).status_code for n in range(11)]
    assert statuses == [200] * 10 + [429]
    assert login("192.0.2.1", AWAY).status_code == 200  # another client behind the same proxy


def test_behind_one_proxy_lockouts_count_the_address_the_proxy_saw(behind_one_proxy, client, analyst_user):
    _api_login(client, "guess", "guess", address="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.1, {HOME}")

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [HOME]


def test_the_login_throttle_counts_in_the_database(settings, client, analyst_user):
    settings.CACHES = cache_settings("")  # Plenary's cache without CACHE_URL (the suite's is memory)
    _api_login(client, "analyst", PASSWORD)

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM plenary_cache")
        keys = [key for (key,) in cursor.fetchall()]
    assert any(key.endswith(f"throttle_login_{HOME}") for key in keys)


def test_settings_come_from_the_environment():
    environment = {
        key: value for key, value in os.environ.items() if key not in ("CACHE_URL", "PLENARY_TRUSTED_PROXIES")
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.cache import caches; "
        "print(settings.REST_FRAMEWORK['NUM_PROXIES'], settings.AXES_FAILURE_LIMIT, "
        "settings.AXES_COOLOFF_TIME.total_seconds(), type(caches['default']).__name__)"
    )

    def read(**overrides) -> str:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings", **overrides},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert read() == "0 5 900.0 DatabaseCache"
    assert read(
        PLENARY_TRUSTED_PROXIES="2", PLENARY_LOGIN_FAILURE_LIMIT="8", PLENARY_LOGIN_COOLOFF_MINUTES="30"
    ).startswith("2 8 1800.0 ")
