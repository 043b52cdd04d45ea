"""Who a request is: role permissions added to Django's own, and the API's token check."""

import binascii
from functools import cache
from hmac import compare_digest

from django.apps import apps
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox import auth as knox_auth
from knox.crypto import hash_token
from knox.models import get_token_model
from knox.settings import CONSTANTS, knox_settings
from knox.signals import token_expired
from rest_framework import exceptions

from directory.roles import role_permissions
from directory.two_factor.rules import trust_token


@cache
def _granted_by(role: str) -> frozenset[str]:
    # Roles are code, not rows: what one grants is the same for the life of the process.
    return frozenset(role_permissions(role, apps.get_models()))


class RolePermissionBackend(ModelBackend):
    def has_perm(self, user_obj, perm, obj=None):
        # A role's permissions are known without the database, so the API's check on every
        # request asks it nothing; explicit grants (user or group) are still looked up.
        if self._has_role(user_obj, obj) and perm in _granted_by(user_obj.role):
            return True
        return super().has_perm(user_obj, perm, obj)

    def get_group_permissions(self, user_obj, obj=None):
        permissions = set(super().get_group_permissions(user_obj, obj))
        if self._has_role(user_obj, obj):
            permissions |= _granted_by(user_obj.role)
        return permissions

    @staticmethod
    def _has_role(user_obj, obj) -> bool:
        return user_obj.is_active and not user_obj.is_anonymous and obj is None


class TokenAuthentication(knox_auth.TokenAuthentication):
    """knox's token check in one query, the token with its user. knox itself also reads all
    the user's other tokens on every request, to delete those that have expired: here an expired
    token is refused and deleted when it is presented, and a user's other expired tokens are
    deleted when they log in (delete_expired_tokens), not on every request."""

    def authenticate_credentials(self, token: bytes):
        token = token.decode("utf-8")
        now = timezone.now()
        candidates = get_token_model().objects.filter(token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH])
        for auth_token in candidates.select_related("user"):
            if auth_token.expiry is not None and auth_token.expiry < now:
                self._forget_expired(auth_token)
                continue
            try:
                digest = hash_token(token)
            except (TypeError, binascii.Error):
                raise self._invalid() from None
            if compare_digest(digest, auth_token.digest):
                if knox_settings.AUTO_REFRESH and auth_token.expiry:
                    self.renew_token(auth_token)
                return self.validate_user(auth_token)
        raise self._invalid()

    def validate_user(self, auth_token):
        changed = auth_token.user.password_changed_at
        if changed is not None and auth_token.created < changed:
            auth_token.delete()  # issued under a password since changed: never valid again
            raise self._invalid()
        user, auth_token = super().validate_user(auth_token)
        # Whether the token's requests passed a second factor, as OTPMiddleware tells of a session.
        trust_token(user, auth_token)
        return user, auth_token

    def _forget_expired(self, auth_token) -> None:
        username = auth_token.user.get_username()
        auth_token.delete()
        token_expired.send(sender=self.__class__, username=username, source="auth_token")

    @staticmethod
    def _invalid() -> exceptions.AuthenticationFailed:
        return exceptions.AuthenticationFailed(_("Invalid token."))


def delete_expired_tokens(user) -> None:
    """Delete `user`'s expired tokens (they are refused anyway), as knox did on every request."""
    get_token_model().objects.filter(user=user, expiry__lt=timezone.now()).delete()


class TokenScheme(KnoxTokenScheme):
    """The schema's security scheme for this class: knox's own (`knoxApiToken`)."""

    target_class = TokenAuthentication
