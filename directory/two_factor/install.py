"""What two-factor authentication hooks into when Django starts (DirectoryConfig.ready)."""

from django.contrib import admin
from django.contrib.auth.signals import user_logged_in
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.two_factor.middleware import remember_at_login


def install() -> None:
    user_logged_in.connect(remember_at_login, dispatch_uid="plenary-two-factor")
    # django-otp's own admin pages show every user's secret and let a device be confirmed after
    # it was created (rules.trust_token counts on the opposite): devices are set up by their
    # users, on Plenary's pages, and nowhere else.
    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
