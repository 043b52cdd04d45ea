"""django-filter FilterSets for the directory's API."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.filters import PolicyFilterSet
from directory.models import Organization, Person
from unrecord.filters import by_state


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.TypedChoiceFilter):
    """`true` or `false`, and nothing else: a plain BooleanFilter quietly ignores "maybe"."""

    def __init__(self, **kwargs):
        choices = [("true", "true"), ("false", "false")]
        super().__init__(choices=choices, coerce=lambda value: value == "true", **kwargs)


class OrganizationFilter(PolicyFilterSet):
    state = by_state("state")

    # An ordering filter in the FilterSet, not DRF's OrderingFilter: an unknown field is a 400.
    ordering = django_filters.OrderingFilter(fields=("name", "kind"))

    class Meta:
        model = Organization
        fields = ["kind", "state"]


class PersonFilter(PolicyFilterSet):
    state = by_state("state")
    is_protected = StrictBooleanFilter()

    ordering = django_filters.OrderingFilter(fields=("name", "category"))

    class Meta:
        model = Person
        fields = ["category", "organization", "state", "is_protected"]
