"""Refusals at start-up: a web server with debug off never runs on the development secret key,
which is in the source for anyone to read (sessions, password-reset links and signed values
would be forgeable), nor without keys of its own to seal protected identities with."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from core.sealed import MAKE_A_KEY, keyring_of


def refuse_development_key() -> None:
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set: with DJANGO_DEBUG off, Plenary will not serve on the "
            "development key. Set a long random one (python -c 'import secrets; "
            "print(secrets.token_urlsafe(60))')."
        )


def refuse_missing_identity_keys() -> None:
    """With debug off, PLENARY_IDENTITY_KEYS must be set: the development key lies in var/, beside
    the code, and identities sealed under a key made for the occasion would be lost with it."""
    if not settings.DEBUG and settings.IDENTITY_KEYS in ([], settings.DEVELOPMENT_IDENTITY_KEYS):
        raise ImproperlyConfigured(
            "PLENARY_IDENTITY_KEYS is not set: with DJANGO_DEBUG off, Plenary will not serve "
            "without its own key to seal protected identities with. Make one with "
            f"{MAKE_A_KEY}, keep it apart from the database's backups, and set it."
        )
    keyring_of(settings.IDENTITY_KEYS)  # a key that is not a Fernet key is refused now, not at a read
