"""PreparedFilterSet (core/filters.py): filters and form built once per thread, not per request,
and each request still filtered by its own parameters only."""

import threading

import pytest
from django.http import QueryDict
from django_filters import rest_framework as filters

from core.filters import PreparedFilterSet
from unrecord.models import MemberState, RegionalGroup


class StateFilter(PreparedFilterSet):
    regional_group = filters.ModelChoiceFilter(queryset=RegionalGroup.objects.all(), to_field_name="code")

    class Meta:
        model = MemberState
        fields = ["regional_group", "status"]


class ScopedStateFilter(PreparedFilterSet):
    regional_group = filters.ModelChoiceFilter(queryset=lambda request: RegionalGroup.objects.all())

    class Meta:
        model = MemberState
        fields = ["regional_group"]


def _filtered(filterset_class, query: str):
    filterset = filterset_class(QueryDict(query), queryset=MemberState.objects.order_by("iso3"))
    return filterset, (list(filterset.qs.values_list("iso3", flat=True)) if filterset.is_valid() else None)


def _in_group(code: str) -> list[str]:
    return list(
        MemberState.objects.filter(regional_group__code=code).order_by("iso3").values_list("iso3", flat=True)
    )


@pytest.fixture
def two_groups(db):
    assert _in_group("WEOG") and _in_group("AFRICAN")  # the reference data's groups


def test_each_request_is_filtered_by_its_own_parameters_only(two_groups):
    assert _filtered(StateFilter, "regional_group=WEOG")[1] == _in_group("WEOG")
    invalid, _ = _filtered(StateFilter, "regional_group=NOPE")
    assert "regional_group" in invalid.errors
    assert _filtered(StateFilter, "regional_group=AFRICAN")[1] == _in_group("AFRICAN")
    assert len(_filtered(StateFilter, "")[1]) == MemberState.objects.count()


def test_a_thread_builds_the_filters_and_form_fields_once(two_groups):
    first, _ = _filtered(StateFilter, "regional_group=WEOG")
    second, _ = _filtered(StateFilter, "regional_group=AFRICAN")
    assert first.filters["regional_group"] is second.filters["regional_group"]
    assert first.form.fields["regional_group"] is second.form.fields["regional_group"]
    assert second.filters["regional_group"].parent is second


def test_another_thread_has_filters_of_its_own(two_groups):
    here, _ = _filtered(StateFilter, "")
    there = []
    thread = threading.Thread(target=lambda: there.append(StateFilter(QueryDict(""))))
    thread.start()
    thread.join()
    assert there[0].filters["regional_group"] is not here.filters["regional_group"]


def test_filters_whose_choices_depend_on_the_request_are_built_anew(two_groups):
    first, _ = _filtered(ScopedStateFilter, "")
    second, _ = _filtered(ScopedStateFilter, "")
    assert first.filters["regional_group"] is not second.filters["regional_group"]
