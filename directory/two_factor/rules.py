"""Who must pass a second factor, whether a request's user has, and whether a code passes: asked
by the pages' middleware, the identity policy and the API's login."""

import math
import time
from functools import cache, partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import user_has_device
from django_otp.models import VerifyNotAllowed
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_DIGITS = 6  # django-otp's default, and what every authenticator app shows

ENTER_A_CODE = "Enter the 6-digit code from your authenticator app, or one of your recovery codes."
WRONG_CODE = "That code is wrong or has expired (each recovery code works only once)."


class CodeRefused(Exception):
    """A second factor that did not pass; the message says what to do."""


def required_for(user) -> bool:
    """Must `user` use a second factor? Whoever may see protected identities (a superuser holds
    every permission), and everyone when PLENARY_2FA_REQUIRED_FOR_ALL is set."""
    return settings.PLENARY_2FA_REQUIRED_FOR_ALL or user.can_see_protected_identities()


def has_device(user) -> bool:
    """Has `user` set up a second factor: an authenticator app, or recovery codes only (given
    by an operator with `manage.py addstatictoken`)?"""
    return user_has_device(user, confirmed=True)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def must_verify(user) -> bool:
    """Must a session of `user`'s pass a second factor before it reaches anything?"""
    return required_for(user) or has_device(user)


def is_verified(user) -> bool:
    """Has this request's user passed a second factor? OTPMiddleware answers for a session, the
    token check (trust_token) for an API token; a user object from anywhere else has passed none."""
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def trust_token(user, auth_token) -> None:
    """Give `user`, authenticated by `auth_token`, the is_verified() that OTPMiddleware gives a
    session. A token passed a second factor when it was issued after its user's authenticator app
    was set up: from then on the API's login demands its code (check_api_login). Asked lazily, so
    that only a read of an identity pays the query."""
    user.otp_device = None
    user.is_verified = cache(partial(_issued_after_second_factor, auth_token))


def _issued_after_second_factor(auth_token) -> bool:
    # Setting an app up creates its device, confirmed, only once its first code has passed
    # (services.enrol): created_at is the moment from which logins demand a code.
    devices = TOTPDevice.objects.filter(user_id=auth_token.user_id, confirmed=True)
    return devices.filter(created_at__lte=auth_token.created).exists()


def check_api_login(user, code) -> None:
    """Refuse an API login by password alone of a user who has a second factor or must have one."""
    if has_device(user):
        verify_code(user, code)
    elif required_for(user):
        raise CodeRefused(
            "Two-factor authentication is required for this account: set it up in Plenary's admin "
            "(your account's menu, Two-factor authentication), then log in with its code."
        )


def verify_code(user, code) -> TOTPDevice | StaticDevice:
    """The device of `user`'s that accepts `code`: a code of their authenticator app, or one of
    their recovery codes, which is then used up. CodeRefused otherwise. A failure counts against
    that device only, and each one makes the next try wait longer (django-otp's throttling)."""
    code = normalized(code)
    if not code:
        raise CodeRefused(ENTER_A_CODE)
    model = TOTPDevice if code.isdigit() and len(code) == TOTP_DIGITS else StaticDevice
    with transaction.atomic():
        device = model.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        if device is None:
            raise CodeRefused(WRONG_CODE)
        allowed, refusal = device.verify_is_allowed()
        accepted = allowed and device.verify_token(code)  # a failure's count is kept: no raise here
    if not allowed:
        raise CodeRefused(_wait_message(refusal))
    if not accepted:
        raise CodeRefused(WRONG_CODE)
    return device


def normalized(code) -> str:
    """A code as typed, without the spaces or dashes that apps and printouts group it with."""
    return "".join(str(code or "").split()).replace("-", "").lower()


def _wait_message(refusal: dict | None) -> str:
    if refusal and refusal.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
        seconds = math.ceil((refusal["locked_until"] - timezone.now()).total_seconds())
        return f"Too many wrong codes: try again in {max(seconds, 1)} seconds."
    return "This code cannot be checked now: try again in a minute."


def code_matches_key(key: str, code) -> int | None:
    """The time step at which `code` is a code of the hex `key`, not yet saved to a device, as
    the app being set up shows it (one step early or late allowed, as for a device); or None."""
    code = normalized(code)
    if not (code.isdigit() and len(code) == TOTP_DIGITS):
        return None
    totp = TOTP(bytes.fromhex(key), digits=TOTP_DIGITS)
    totp.time = time.time()  # one moment for the check and the step it answers
    return totp.t() if totp.verify(int(code), tolerance=1) else None
