"""Strict query parameters: a parameter no endpoint knows is a 400 naming it, where it would be
ignored and the whole list answered (`?stat=ZAF` for `?state=ZAF`). What an endpoint knows is
worked out from what it already declares: its FilterSet's filters (a range filter's two halves
included), its other filter backends' (search, ordering), its pagination's, `format`, and the
`query_parameters` a view or action lists for the parameters it reads itself."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings


def check_query_parameters(request, view) -> None:
    """Raise a 400 naming each query parameter of `request` that `view` does not know."""
    if view is None or not request.query_params:
        return
    known = known_query_parameters(view)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        listed = ", ".join(sorted(known))
        raise exceptions.ValidationError(
            {name: [f"Unknown query parameter. Known: {listed}."] for name in unknown}
        )


def known_query_parameters(view) -> set[str]:
    known = {api_settings.URL_FORMAT_OVERRIDE}
    known |= _declared(getattr(view, "query_parameters", ()))
    known |= _filter_parameters(view)
    paginator = getattr(view, "paginator", None)
    if paginator is not None:
        known |= {parameter["name"] for parameter in paginator.get_schema_operation_parameters(view)}
    return known


def _declared(parameters) -> set[str]:
    """Names, or a query Serializer (validated_query's), whose fields are the names."""
    if isinstance(parameters, type) and issubclass(parameters, serializers.BaseSerializer):
        return set(parameters().fields)
    names = set()
    for parameter in parameters:
        names |= _declared(parameter) if isinstance(parameter, type) else {parameter}
    return names


def _filter_parameters(view) -> set[str]:
    names = set()
    for backend_class in getattr(view, "filter_backends", None) or ():
        backend = backend_class()
        if isinstance(backend, DjangoFilterBackend):
            names |= _filterset_parameters(view)
        else:  # SearchFilter, OrderingFilter: their parameter, when the view has fields for it
            names |= {parameter["name"] for parameter in backend.get_schema_operation_parameters(view)}
    return names


def _filterset_parameters(view) -> set[str]:
    """The FilterSet's form fields; a range's two widgets by their suffixed names (date_after)."""
    # Read from the view, not asked of the backend with the view's queryset: this runs before
    # authentication, and the queryset may be scoped to the user.
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is None:
        return set()
    names = set()
    for name, filter_ in filterset_class.base_filters.items():
        widget = filter_.extra.get("widget") or filter_.field_class.widget
        suffixes = getattr(widget, "suffixes", None) or [None]
        names |= {f"{name}_{suffix}" if suffix else name for suffix in suffixes}
    return names
