"""Sessions that must pass a second factor reach nothing else until they have: every page sends
them to pass it (or to set one up), and the API answers 403."""

from functools import cache

from django.contrib import auth
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.urls import reverse

from directory.two_factor import rules

SESSION_KEY = "plenary_must_verify"
API_PREFIX = "/api/"  # where config/urls.py mounts the API: it answers JSON, never a redirect


def remember_at_login(sender, request, user, **kwargs) -> None:
    """Decide at each login whether the session must pass a second factor, so that its pages
    ask the database nothing more. (user_logged_in, connected in DirectoryConfig.ready.)"""
    # Only a login to a session: the API's token login sends the signal too, with a request
    # whose session must stay untouched (and unsaved).
    session = getattr(request, "session", None)
    if session is not None and session.get(auth.SESSION_KEY) == str(user.pk):
        session[SESSION_KEY] = rules.must_verify(user)


def remember(request, must_verify: bool) -> None:
    """Keep the session's answer up to date when its user sets a second factor up or removes it."""
    request.session[SESSION_KEY] = must_verify


class SecondFactorMiddleware:
    """After OTPMiddleware (request.user.is_verified) and the messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._refusal(request) or self.get_response(request)

    def _refusal(self, request):
        user = request.user
        if not user.is_authenticated or request.path.startswith(_free_paths()):
            return None
        if not _session_must_verify(request) or rules.is_verified(user):
            return None
        if request.path.startswith(API_PREFIX):
            return JsonResponse({"detail": _api_refusal(user)}, status=403)
        step = "two_factor:verify" if rules.has_device(user) else "two_factor:setup"
        return redirect_to_login(request.get_full_path(), reverse(step))


def _session_must_verify(request) -> bool:
    # Sessions begun before two-factor authentication existed have no answer yet: ask once.
    if SESSION_KEY not in request.session:
        remember(request, rules.must_verify(request.user))
    return request.session[SESSION_KEY]


def _api_refusal(user) -> str:
    if rules.has_device(user):
        return "This session has not passed its second factor: enter your code in Plenary first."
    return "Two-factor authentication is required for this account: set it up in Plenary first."


@cache
def _free_paths() -> tuple[str, ...]:
    """Where such a session may still go: to pass its second factor or set one up, to log in
    again or out; and the API's token endpoints, which read no session."""
    names = ("two_factor:manage", "admin:login", "admin:logout")
    return tuple(reverse(name) for name in (*names, "api-login", "api-logout", "api-logout-everywhere"))
