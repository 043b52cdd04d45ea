"""Refusals at start-up: a web server with debug off never runs on the development secret key,
which is in the source for anyone to read (sessions, password-reset links and signed values
would be forgeable)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_development_key() -> None:
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set: with DJANGO_DEBUG off, Plenary will not serve on the "
            "development key. Set a long random one (python -c 'import secrets; "
            "print(secrets.token_urlsafe(60))')."
        )
