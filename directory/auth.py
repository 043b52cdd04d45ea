"""Authentication backend that adds the permissions of a user's role to Django's own."""

from django.apps import apps
from django.contrib.auth.backends import ModelBackend

from directory.roles import role_permissions


class RolePermissionBackend(ModelBackend):
    def get_group_permissions(self, user_obj, obj=None):
        permissions = set(super().get_group_permissions(user_obj, obj))
        if user_obj.is_active and not user_obj.is_anonymous and obj is None:
            if not hasattr(user_obj, "_role_perm_cache"):
                user_obj._role_perm_cache = role_permissions(user_obj.role, apps.get_models())
            permissions |= user_obj._role_perm_cache
        return permissions
