"""The FilterSets the API's lists build on: one for an organization's records, whose filters offer
and accept only the records the user may see (an id they may not see is the same 400 as an id that
does not exist, and the browsable API's filter form lists no other organization's names), and one
for lists whose filters are the same for everyone, built once rather than on every request."""

import copy
import datetime
import threading

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django_filters import rest_framework as filters
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import ModelChoiceField

from core.access import policy_for
from core.compiled_query import CompiledQuery, keys_among


class PolicyFilterSet(filters.FilterSet):
    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        for filter_ in self.filters.values():
            choices = getattr(filter_, "queryset", None)
            if choices is not None and not callable(choices) and not policy_for(choices.model).public:
                filter_.queryset = _scoped(choices)


def _scoped(choices):
    def visible_choices(request):
        user = getattr(request, "user", None)
        return policy_for(choices.model).scope(user, choices) if user is not None else choices.none()

    return visible_choices


class PreparedFilterSet(filters.FilterSet):
    """A FilterSet whose filters and form are built once per thread and reused by its later
    requests. django-filter deep-copies every filter on each request, and Django's form every
    field, so that a request may change its own: a fifth of a page of recorded votes' CPU. These
    filters choose among the same rows for everyone and no request changes them; one with choices
    that depend on the request (a callable queryset) makes the FilterSet built anew each time.
    Per thread, because each filter points back at the FilterSet of the request using it."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        prepared = _prepared(type(self))
        if prepared is None:
            super().__init__(data, queryset, request=request, prefix=prefix)
            return
        # BaseFilterSet.__init__, with the thread's filters for a deep copy of the class's.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = prepared.filters
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self

    def filter_queryset(self, queryset):
        return self.filter_by(queryset, self.form.cleaned_data)

    def filter_by(self, queryset, values: dict):
        """`queryset` filtered by `values`, each filter's cleaned value by its name: the request's
        (filter_queryset), or the stand-ins a compiled list compiles its shapes with
        (core/record_api.CompiledList). A FilterSet that filters otherwise overrides this."""
        for name, value in values.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def given(self) -> dict:
        """The filters the request gives a value, with their cleaned values (after is_valid)."""
        return {name: value for name, value in self.form.cleaned_data.items() if value not in EMPTY_VALUES}

    def get_form_class(self):
        prepared = _prepared(type(self))
        if prepared is None:
            return super().get_form_class()
        if prepared.form_class is None:
            prepared.form_class = super().get_form_class()
            prepared.form_class.base_fields = _SharedFields(prepared.form_class.base_fields)
        return prepared.form_class


class _Prepared:
    def __init__(self, filters_: dict):
        self.filters = filters_
        self.form_class = None


_this_thread = threading.local()


def _prepared(filterset_class: type[PreparedFilterSet]) -> _Prepared | None:
    """The thread's filters for `filterset_class`, made on first use; None when they depend on the request."""
    prepared = getattr(_this_thread, "filtersets", None)
    if prepared is None:
        prepared = _this_thread.filtersets = {}
    if filterset_class not in prepared:
        filters_ = copy.deepcopy(filterset_class.base_filters)
        by_request = any(callable(getattr(filter_, "queryset", None)) for filter_ in filters_.values())
        prepared[filterset_class] = None if by_request else _Prepared(filters_)
    return prepared[filterset_class]


class _SharedFields(dict):
    """A form's fields that its instances share, where Django gives each a deep copy of its own."""

    def __deepcopy__(self, memo):
        return dict(self)


class _KeyChoiceField(ModelChoiceField):
    """Django's ModelChoiceField, but the choice is checked by one compiled query for its row's
    primary key, which is what cleans: the ORM fetched and built the whole row, on every request,
    for a filter that needs its key (a fifth of the CPU of a page of recorded votes by roll call)."""

    _keys = None

    def to_python(self, value):
        if value in self.empty_values or (self.null_label is not None and value == self.null_value):
            return super().to_python(value)
        self.validate_no_null_characters(value)
        try:
            rows = self._key_query().rows([self._key_field.to_python(value)])
        except ValidationError:  # not even a value of the field's type ("abc" for an id)
            rows = []
        if not rows:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return rows[0][0]

    @property
    def _key_field(self):
        meta = self.queryset.model._meta
        return meta.pk if self.to_field_name in (None, "pk") else meta.get_field(self.to_field_name)

    def _key_query(self) -> CompiledQuery:
        if self._keys is None:
            self._keys = keys_among(self.queryset, self.to_field_name or "pk")
        return self._keys


class KeyChoiceFilter(filters.ModelChoiceFilter):
    """A ModelChoiceFilter that filters by the chosen row's primary key, checked in one compiled
    query (core/compiled_query.py), for choices the same for everyone (not a queryset that
    depends on the request)."""

    field_class = _KeyChoiceField


WHOLE_NUMBER_STAND_IN = 2**31 - 1


def stand_ins(filterset_class: type[PreparedFilterSet]) -> dict[str, object]:
    """For each filter, a value of the type its form cleans to that no request gives, for a
    compiled list to compile its shapes with (core/compiled_query.CompiledQueryShapes): numbers
    and ids near the top of a 32-bit column's range (in range, or Django drops the lookup: no
    row could match), days in the year 1, text that names nothing."""
    values = {}
    for number, (name, filter_) in enumerate(filterset_class.base_filters.items(), start=1):
        field_class = filter_.field_class
        if _cleans_to_a_whole_number(filter_):
            values[name] = WHOLE_NUMBER_STAND_IN - number
        elif issubclass(field_class, forms.DateField):
            values[name] = datetime.date(1, 1, 1) + datetime.timedelta(days=number)
        elif issubclass(field_class, forms.CharField | forms.ChoiceField) and not issubclass(
            field_class, forms.ModelChoiceField
        ):
            values[name] = f"(a stand-in for {name})"
        else:
            raise TypeError(f"No stand-in for the filter {name!r}, a {type(filter_).__name__}.")
    return values


def _cleans_to_a_whole_number(filter_) -> bool:
    """A number, or a choice of row that cleans to its key (KeyChoiceFilter) when keys are numbers."""
    if issubclass(filter_.field_class, _KeyChoiceField):
        key = filter_.queryset.model._meta.pk.get_internal_type()
        return key in {"AutoField", "BigAutoField", "IntegerField", "BigIntegerField"}
    return issubclass(filter_.field_class, forms.IntegerField)
