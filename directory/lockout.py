"""Logins refused after repeated failures (django-axes): who the client is, and what they are told."""

import ipaddress

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import BasicScheme
from rest_framework import exceptions, status
from rest_framework.authentication import BasicAuthentication
from rest_framework.throttling import BaseThrottle


def client_address(request) -> str | None:
    """The address a login attempt is counted against, by django-axes and the API's throttles alike.

    DRF's rule (its NUM_PROXIES setting, from PLENARY_TRUSTED_PROXIES): with no trusted proxy, the
    connection's own address, since anyone can write X-Forwarded-For; behind N proxies, the Nth
    address from the right of that header, the one the outermost proxy wrote. A hop that is not an
    address at all (a misconfigured proxy count) falls back to the connection's address."""
    for candidate in (BaseThrottle().get_ident(request), request.META.get("REMOTE_ADDR")):
        try:
            return str(ipaddress.ip_address((candidate or "").strip()))
        except ValueError:
            continue
    return None


def cool_off_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_message() -> str:
    return _(
        "Too many failed logins for this account or from this address: logins are refused for "
        "%(minutes)d minutes. An administrator can lift the lock sooner."
    ) % {"minutes": cool_off_minutes()}


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """The admin login's answer while locked out: the login page's look, a 429, and no form.

    django-axes's middleware answers this when a login was refused or reached the limit. It never
    replaces an API answer: there axes flags DRF's own request object, not Django's, and
    LockoutAwareBasicAuthentication answers instead."""
    context = {
        **admin.site.each_context(request),
        "title": _("Logins refused for now"),
        "message": lockout_message(),
    }
    response = render(request, "admin/login_locked_out.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


class LoginsRefused(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "throttled"

    def __init__(self):
        super().__init__(lockout_message())
        self.wait = settings.AXES_COOLOFF_TIME.total_seconds()  # DRF sends it as Retry-After


class LockoutAwareBasicAuthentication(BasicAuthentication):
    """HTTP Basic for the API's login. django-axes counts its failures like the admin's (DRF passes
    the request to authenticate()); a login it refuses is a 429 that says why, not a 401 that
    invites the next guess."""

    def authenticate_credentials(self, userid, password, request=None):
        if "\x00" in userid + password:  # PostgreSQL refuses the NUL character in any query
            raise exceptions.AuthenticationFailed(_("Invalid username/password."))
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            if getattr(request, "axes_locked_out", False):
                raise LoginsRefused() from None
            raise


class LockoutAwareBasicScheme(BasicScheme):
    """The schema's security scheme for this class: HTTP Basic's own (`basicAuth`)."""

    target_class = LockoutAwareBasicAuthentication
