"""The two-factor pages, under /admin/two-factor/: set an authenticator app up, pass the second
factor after the password, see or replace the recovery codes, turn it off. Each view checks who
asks and what they typed, then calls one service."""

import io
from base64 import b32encode
from functools import wraps

import django_otp
import segno
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.two_factor import rules, services
from directory.two_factor.forms import CodeForm, SetupForm
from directory.two_factor.middleware import remember

PENDING_KEY = "plenary_2fa_pending_key"  # the secret of the app being set up, until its first code
NEW_CODES = "plenary_2fa_new_codes"  # recovery codes just made, shown once


def _render(request, template: str, title: str, **context):
    context = {**admin.site.each_context(request), "title": title, "next": _next(request), **context}
    return render(request, f"two_factor/{template}", context)


def _next(request) -> str:
    """Where to go once done: the page the user was sent here from, if it is Plenary's."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _with_next(request, name: str) -> str:
    return redirect_to_login(_next(request), reverse(name)).url


def _page(*methods: str, behind_the_code: bool = True):
    """A two-factor page: for a logged-in user, never cached, and (but for the page where the
    code is entered) sending to the code page a user whose second factor this session has not
    passed: nothing here shows or changes one without it."""

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            user = request.user
            if behind_the_code and rules.has_device(user) and not rules.is_verified(user):
                return redirect_to_login(request.get_full_path(), reverse("two_factor:verify"))
            return view(request, *args, **kwargs)

        return never_cache(login_required(require_http_methods(list(methods))(guarded)))

    return decorate


def _passed(request, device) -> None:
    """The session has passed its second factor with `device`: a new session key for the new
    privilege, and django-otp's mark in the session (request.user.is_verified())."""
    request.session.cycle_key()
    django_otp.login(request, device)
    remember(request, must_verify=True)


@_page("GET")
def manage(request):
    return _manage_page(request, CodeForm(user=request.user))


def _manage_page(request, remove_form, status: int = 200):
    user = request.user
    response = _render(
        request,
        "manage.html",
        "Two-factor authentication",
        app=TOTPDevice.objects.filter(user=user, confirmed=True).first(),
        has_device=rules.has_device(user),
        codes_left=rules.recovery_codes_left(user),
        required=rules.required_for(user),
        remove_form=remove_form,
    )
    response.status_code = status
    return response


@_page("GET", "POST")
def setup(request):
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        messages.info(request, "An authenticator app is set up already: turn it off to set up another.")
        return redirect("two_factor:manage")
    key = request.session.setdefault(PENDING_KEY, services.new_key())
    form = SetupForm(request.POST or None, key=key)
    if form.is_valid():
        device, codes = services.enrol(user=request.user, key=key, last_step=form.step)
        del request.session[PENDING_KEY]
        _passed(request, device)
        request.session[NEW_CODES] = codes
        return redirect(_with_next(request, "two_factor:recovery_codes"))
    secret = b32encode(bytes.fromhex(key)).decode()
    return _render(
        request,
        "setup.html",
        "Set up two-factor authentication",
        form=form,
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        required=rules.required_for(request.user),
    )


@_page("GET")
def setup_qr(request):
    """The QR code of the app being set up, as an SVG file of its own: pages may load images
    from Plenary only, never inline (the Content-Security-Policy)."""
    key = request.session.get(PENDING_KEY)
    if key is None:
        raise Http404("No authenticator app is being set up.")
    out = io.BytesIO()
    url = TOTPDevice(user=request.user, key=key).config_url
    segno.make(url, error="m").save(out, kind="svg", scale=5, border=2, dark="#000", light="#fff")
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


@_page("GET", "POST", behind_the_code=False)
def verify(request):
    user = request.user
    if rules.is_verified(user):
        return redirect(_next(request))
    if not rules.has_device(user):
        return redirect(_with_next(request, "two_factor:setup"))
    form = CodeForm(request.POST or None, user=user)
    if form.is_valid():
        _passed(request, form.device)
        if isinstance(form.device, StaticDevice):
            _warn_of_codes_left(request)
        return redirect(_next(request))
    return _render(request, "verify.html", "Two-factor authentication", form=form)


def _warn_of_codes_left(request) -> None:
    left = rules.recovery_codes_left(request.user)
    messages.warning(
        request,
        f"You logged in with a recovery code, which now no longer works; {left} left. "
        "Make new ones under Two-factor authentication in your account's menu if they run low.",
    )


@_page("GET", "POST")
def recovery_codes(request):
    if not rules.has_device(request.user):
        return redirect("two_factor:manage")
    if request.method == "POST":
        request.session[NEW_CODES] = services.new_recovery_codes(user=request.user)
        return redirect(_with_next(request, "two_factor:recovery_codes"))
    return _render(
        request,
        "recovery_codes.html",
        "Recovery codes",
        codes=request.session.pop(NEW_CODES, None),
        codes_left=rules.recovery_codes_left(request.user),
    )


@_page("POST")
def remove(request):
    """Turn two-factor authentication off: only with a code, so that a session left open on
    someone's desk cannot do it."""
    form = CodeForm(request.POST, user=request.user)
    if not form.is_valid():
        return _manage_page(request, form, status=400)
    services.remove_second_factor(user=request.user)
    required = rules.required_for(request.user)
    remember(request, must_verify=required)
    if required:
        messages.warning(
            request, "Two-factor authentication is off. Your account must use it: set it up again."
        )
    else:
        messages.success(request, "Two-factor authentication is off: your password alone logs you in.")
    return redirect("two_factor:manage")
