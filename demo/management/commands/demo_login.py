"""`manage.py demo_login`: create or reset the demo's two logins and print their credentials.

A new password is generated on every run, so the credentials printed are always the valid ones.
The director, who sees survivors' real names, must use two-factor authentication: for the demo
only, an authenticator app's key is made for them here and printed (a real user sets theirs up
on the two-factor page, and nobody else ever sees it).
"""

import secrets
from base64 import b32encode

from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError

from demo.dataset.directory import ORGANIZATIONS, OWNER
from directory.models import Organization, User
from directory.two_factor import services as two_factor

MANAGER = "demo"
DIRECTOR = "demo-director"


def _identity_permission() -> Permission:
    return Permission.objects.get(codename="view_personidentity", content_type__app_label="directory")


def reset_login(username: str, organization: Organization, *, sees_identities: bool) -> tuple[User, str]:
    """Make `username` an NKHR campaign manager with a fresh password; only the director may see
    survivors' real names, which is never part of a role and so is granted here explicitly."""
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "organization": organization,
            "role": User.Role.MANAGER,
            "is_staff": True,
            "is_active": True,
        },
    )
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    user.save(update_fields=["password"])
    if sees_identities:
        user.user_permissions.add(_identity_permission())
    else:
        user.user_permissions.remove(_identity_permission())
    return user, password


class Command(BaseCommand):
    help = "Create or reset the demo logins (demo, demo-director) with new passwords, and print them."

    def handle(self, *args, **options):
        organization = Organization.objects.filter(name=ORGANIZATIONS[OWNER]["name"]).first()
        if organization is None:
            raise CommandError("The demo campaign is not loaded: run `manage.py load_demo` first.")
        _, password = reset_login(MANAGER, organization, sees_identities=False)
        self.stdout.write(
            f"{MANAGER} / {password}: campaign manager at NKHR; sees survivors by pseudonym only."
        )
        director, password = reset_login(DIRECTOR, organization, sees_identities=True)
        self.stdout.write(
            f"{DIRECTOR} / {password}: campaign manager at NKHR; also sees survivors' real names."
        )
        key = demo_authenticator_key(director)
        self.stdout.write(
            f"    and a second factor, demo only: add the key {key} to an authenticator app "
            f"(or run `oathtool --totp -b {key}`) and enter its code after the password."
        )


def demo_authenticator_key(user: User) -> str:
    """A new authenticator app for `user` (any earlier one ends), its key as apps take it."""
    device, _ = two_factor.enrol(user=user, key=two_factor.new_key())
    return b32encode(device.bin_key).decode()
