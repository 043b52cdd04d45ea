"""demo_login prints working credentials, and only the director's login sees survivors' real names."""

import base64
import io
import re

import pytest
from django.contrib import auth
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django_otp.oath import TOTP

from demo.loader import load_demo
from directory.models import User
from directory.two_factor.rules import has_device, verify_code


def authenticate(**credentials):
    # As the login page does: django-axes counts each attempt against the request's address.
    return auth.authenticate(RequestFactory().post("/admin/login/"), **credentials)


def _credentials() -> dict[str, str]:
    output = io.StringIO()
    call_command("demo_login", stdout=output)
    lines = [line.split(":")[0] for line in output.getvalue().splitlines() if not line.startswith(" ")]
    return dict(line.split(" / ") for line in lines)


def test_refuses_before_the_demo_is_loaded(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("demo_login", stdout=io.StringIO())


def test_printed_credentials_log_in_as_nkhr_managers(db):
    load_demo()

    for username, password in _credentials().items():
        user = authenticate(username=username, password=password)
        assert user is not None
        assert (user.role, user.organization.acronym, user.is_staff) == ("manager", "NKHR", True)


def test_only_the_director_sees_protected_identities(db):
    load_demo()
    credentials = _credentials()

    assert not authenticate(username="demo", password=credentials["demo"]).can_see_protected_identities()
    director = authenticate(username="demo-director", password=credentials["demo-director"])
    assert director.can_see_protected_identities()


def test_running_again_replaces_the_passwords(db):
    load_demo()
    first = _credentials()

    second = _credentials()

    assert authenticate(username="demo", password=first["demo"]) is None
    assert authenticate(username="demo", password=second["demo"]) is not None


def test_the_director_gets_a_second_factor_whose_printed_key_gives_codes_that_pass(db):
    load_demo()
    output = io.StringIO()
    call_command("demo_login", stdout=output)

    key = re.search(r"add the key ([A-Z2-7]+) ", output.getvalue()).group(1)
    code = f"{TOTP(base64.b32decode(key)).token():06d}"
    director = User.objects.get(username="demo-director")
    assert verify_code(director, code).user == director
    assert not has_device(User.objects.get(username="demo"))
