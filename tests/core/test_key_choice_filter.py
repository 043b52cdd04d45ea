"""KeyChoiceFilter (core/filters.py): a choice among a model's rows, checked by one compiled query
for the row's key, and filtering by that key."""

import pytest
from django.http import QueryDict
from django_filters import rest_framework as filters

from core.filters import KeyChoiceFilter
from unrecord.models import MemberState, RegionalGroup

pytestmark = pytest.mark.django_db


class StateFilter(filters.FilterSet):
    regional_group = KeyChoiceFilter(queryset=RegionalGroup.objects.all(), to_field_name="code")
    successor = KeyChoiceFilter(queryset=MemberState.objects.all())

    class Meta:
        model = MemberState
        fields = ["regional_group", "successor"]


def _filtered(query: str) -> StateFilter:
    return StateFilter(QueryDict(query), queryset=MemberState.objects.order_by("iso3"))


def test_a_known_choice_cleans_to_its_key_in_one_query(django_assert_num_queries):
    weog = RegionalGroup.objects.get(code="WEOG")
    filterset = _filtered("regional_group=WEOG")
    with django_assert_num_queries(1):
        assert filterset.is_valid()
    assert filterset.form.cleaned_data["regional_group"] == weog.pk
    expected = MemberState.objects.filter(regional_group=weog).order_by("iso3")
    assert list(filterset.qs) == list(expected) and expected


@pytest.mark.parametrize(
    "query", ["regional_group=NOPE", "successor=999999999", "successor=abc", "successor=1.5"]
)
def test_an_unknown_or_malformed_choice_is_an_error_naming_the_parameter(query):
    filterset = _filtered(query)
    assert not filterset.is_valid()
    name = query.split("=")[0]
    assert list(filterset.errors) == [name]
    assert "Select a valid choice" in filterset.errors[name][0]


def test_no_choice_filters_nothing(django_assert_num_queries):
    filterset = _filtered("")
    with django_assert_num_queries(0):
        assert filterset.is_valid()
    assert filterset.qs.count() == MemberState.objects.count()
