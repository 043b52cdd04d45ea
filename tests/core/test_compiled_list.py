"""CompiledList (core/record_api.py): a FilterSet list's page query compiled once per shape, each
request's filters validated by the FilterSet's form and applied by its own filters."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django_filters import rest_framework as filters
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from advocacy.models import Meeting
from core.filters import KeyChoiceFilter, PreparedFilterSet, stand_ins
from core.record_api import CompiledList
from unrecord.models import MemberState, RegionalGroup

pytestmark = pytest.mark.django_db


class StateFilter(PreparedFilterSet):
    regional_group = KeyChoiceFilter(queryset=RegionalGroup.objects.all(), to_field_name="code")
    name = filters.CharFilter(field_name="common_name", lookup_expr="iexact")
    admitted_after = filters.DateFilter(field_name="admitted_on", lookup_expr="gte")
    status = filters.ChoiceFilter(choices=MemberState.Status.choices)

    class Meta:
        model = MemberState
        fields = ["regional_group", "name", "admitted_after", "status"]


def _list(built: list) -> CompiledList:
    def rows(states):
        built.append(states.query)
        return states.values_list("pk", "iso3")

    return CompiledList(StateFilter, base=MemberState.objects.all, rows=rows, ordered_by="pk")


def _request(**params) -> Request:
    return Request(APIRequestFactory().get("/", params))


def _codes(rows) -> list[str]:
    return [code for _, code in rows]


def test_each_shape_compiles_once_and_each_request_reads_its_own_values():
    built = []
    states = _list(built)
    asked = [
        ({"regional_group": "WEOG"}, MemberState.objects.filter(regional_group__code="WEOG")),
        ({"regional_group": "EEG"}, MemberState.objects.filter(regional_group__code="EEG")),
        ({"name": "france"}, MemberState.objects.filter(iso3="FRA")),
        ({"name": "japan"}, MemberState.objects.filter(iso3="JPN")),
        (
            {"regional_group": "ASIA_PACIFIC", "admitted_after": "1991-01-01"},
            MemberState.objects.filter(
                regional_group__code="ASIA_PACIFIC", admitted_on__gte=datetime.date(1991, 1, 1)
            ),
        ),
        ({}, MemberState.objects.all()),
    ]
    for params, expected in asked:
        rows = states.pages(_request(**params)).order_by("pk")[0:500]
        assert _codes(rows) == list(expected.order_by("pk").values_list("iso3", flat=True)) and rows, params
    assert len(built) == 4  # group; name; group and date; nothing


def test_a_page_after_a_position_and_a_page_before_it_are_shapes_of_their_own():
    states = _list([])
    weog = list(
        MemberState.objects.filter(regional_group__code="WEOG").order_by("pk").values_list("pk", "iso3")
    )
    pages = states.pages(_request(regional_group="WEOG"))
    middle = weog[5][0]
    assert pages.order_by("pk").filter(pk__gt=str(middle))[0:3] == weog[6:9]
    assert pages.order_by("-pk").filter(pk__lt=str(middle))[0:2] == weog[3:5][::-1]


def test_bad_filters_are_the_filtersets_400():
    with pytest.raises(ValidationError) as refused:
        _list([]).pages(_request(regional_group="NOPE", admitted_after="2014-13-45"))
    assert set(refused.value.detail) == {"regional_group", "admitted_after"}


def test_each_filter_has_a_stand_in_of_the_type_its_form_cleans_to():
    values = stand_ins(StateFilter)
    assert {name: type(value) for name, value in values.items()} == {
        "regional_group": int,
        "name": str,
        "admitted_after": datetime.date,
        "status": str,
    }
    assert len(set(values.values())) == len(values)


def _filterset(model, **declared) -> type[PreparedFilterSet]:
    """A FilterSet of `model` with the filters `declared`, for one test."""
    meta = type("Meta", (), {"model": model, "fields": list(declared)})
    return type(f"{model.__name__}Filter", (PreparedFilterSet,), {**declared, "Meta": meta})


def test_a_filter_with_no_stand_in_is_refused():
    flagged = _filterset(MemberState, observer=filters.BooleanFilter(field_name="is_observer"))
    with pytest.raises(TypeError, match="No stand-in for the filter 'observer'"):
        stand_ins(flagged)


def test_a_filter_that_computes_with_its_value_is_refused_when_its_shape_compiles():
    containing = _filterset(  # icontains hands the ORM "%value%"
        MemberState, name=filters.CharFilter(field_name="common_name", lookup_expr="icontains")
    )
    states = CompiledList(
        containing, base=MemberState.objects.all, rows=lambda s: s.values_list("pk"), ordered_by="pk"
    )
    with pytest.raises(ValueError, match="'name' does not reach the SQL as given"):
        states.pages(_request(name="kor")).order_by("pk")[0:10]


def test_a_list_whose_rows_depend_on_who_asks_is_never_compiled():
    meetings_filter = _filterset(Meeting, held_after=filters.DateFilter(field_name="date", lookup_expr="gte"))
    meetings = CompiledList(
        meetings_filter, base=Meeting.objects.all, rows=lambda m: m.values_list("pk"), ordered_by="pk"
    )
    with pytest.raises(ImproperlyConfigured, match="depend on who asks"):
        meetings.pages(_request(held_after="2014-12-01")).order_by("pk")[0:10]
