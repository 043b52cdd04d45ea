"""django-filter FilterSets for the directory's API."""

import django_filters

from directory.models import Organization, Person
from unrecord.models import MemberState


class OrganizationFilter(django_filters.FilterSet):
    state = django_filters.ModelChoiceFilter(
        field_name="state", to_field_name="iso3", queryset=MemberState.objects.all(), label="State (ISO3)"
    )

    # An ordering filter in the FilterSet, not DRF's OrderingFilter: an unknown field is a 400.
    ordering = django_filters.OrderingFilter(fields=("name", "kind"))

    class Meta:
        model = Organization
        fields = ["kind", "state"]


class PersonFilter(django_filters.FilterSet):
    state = django_filters.ModelChoiceFilter(
        field_name="state", to_field_name="iso3", queryset=MemberState.objects.all(), label="State (ISO3)"
    )
    # A plain BooleanFilter quietly ignores "maybe"; a bad value should be an error.
    is_protected = django_filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")], coerce=lambda value: value == "true"
    )

    ordering = django_filters.OrderingFilter(fields=("name", "category"))

    class Meta:
        model = Person
        fields = ["category", "organization", "state", "is_protected"]
