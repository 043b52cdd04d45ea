"""The FilterSet every list of an organization's records builds on: a filter that names a record
offers, and accepts, only the records the user may see, so that an id they may not see is the
same 400 as an id that does not exist, and the browsable API's filter form lists no other
organization's names."""

from django_filters import rest_framework as filters

from core.access import policy_for


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
