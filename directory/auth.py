"""Authentication backend that adds the permissions of a user's role to Django's own."""

from functools import cache

from django.apps import apps
from django.contrib.auth.backends import ModelBackend

from directory.roles import role_permissions


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
