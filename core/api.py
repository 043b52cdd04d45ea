"""What every REST endpoint shares: who may read and write, pagination, CSV, errors."""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, pagination, permissions
from rest_framework_csv.renderers import PaginatedCSVRenderer as BasePaginatedCSVRenderer


class ReadOrOwnWritePermission(permissions.DjangoModelPermissions):
    """Signed-in users read what their querysets let them see (ownership is applied there);
    they write with the model permission of their role, and only their organization's records."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if getattr(view, "queryset", None) is None and not hasattr(view, "get_queryset"):
            return True  # an aggregate view: its own selectors apply ownership
        return super().has_permission(request, view)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        owner_check = getattr(view, "owns", None)
        return owner_check(request.user, obj) if owner_check else request.user.is_superuser


class ModelValidationMixin:
    """For ModelSerializers: run the model's clean() and its database constraints in Python
    before saving, so a request that would break them is a 400 with the reason, not a 500."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = copy.copy(self.instance) if self.instance is not None else self.Meta.model()
        many_to_many = {field.name for field in self.Meta.model._meta.many_to_many}
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(instance, name, value)
        instance.clean()
        instance.validate_constraints()
        return attrs


class CappedPageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        # An oversized or malformed page size is an error the client should hear about, not a
        # silent cap.
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)


class PaginatedCSVRenderer(BasePaginatedCSVRenderer):
    """`?format=csv` on every list: the page's rows as CSV."""

    format = "csv"


def exception_handler(exc, context):
    """Model validation raised below a serializer becomes a 400 with field errors, not a 500."""
    # Imported here: DRF loads this module while rest_framework.views is still being imported.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)
