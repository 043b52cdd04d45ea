"""Every write of two-factor authentication: setting an authenticator app up, new recovery
codes, turning it off. The pages, the demo and the tests all call these."""

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

RECOVERY_CODES = 10
APP_NAME = "Authenticator app"
CODES_NAME = "Recovery codes"


def new_key() -> str:
    """A secret for an app about to be set up: hex, as TOTPDevice stores it (20 bytes, RFC 4226)."""
    return random_hex(20)


@transaction.atomic
def enrol(*, user, key: str, last_step: int | None = None) -> tuple[TOTPDevice, list[str]]:
    """Give `user` the authenticator app holding `key`, whose code for `last_step` has just
    passed (so that it cannot pass again), and fresh recovery codes; any earlier second factor
    is replaced. Created confirmed, never before: the moment of creation is when the API's login
    began to demand a code (rules.trust_token)."""
    remove_second_factor(user=user)
    device = TOTPDevice.objects.create(
        user=user, name=APP_NAME, key=key, confirmed=True, last_t=-1 if last_step is None else last_step
    )
    return device, new_recovery_codes(user=user)


@transaction.atomic
def new_recovery_codes(*, user) -> list[str]:
    """Replace `user`'s recovery codes with RECOVERY_CODES new ones, shown once by the caller:
    only these work from now on."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=CODES_NAME, defaults={"confirmed": True})
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def remove_second_factor(*, user) -> None:
    """Turn two-factor authentication off for `user`: their app and their recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
