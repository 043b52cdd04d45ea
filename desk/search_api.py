"""GET /api/v1/search/?q=: the search box's results over the API, for the user's token, grouped
by kind (desk/search.py); the same check of what was typed as the page's (a 400 saying what to
fix)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from desk import search
from desk.search_views import SearchForm


class HitSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField(help_text="The record's page in the admin.")
    detail = serializers.CharField()
    snippet = serializers.CharField(
        help_text="HTML: the passage of its text where the words were found, escaped, with them in <mark>."
    )


class GroupSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(search.KINDS))
    label = serializers.CharField()
    hits = HitSerializer(many=True)
    more = serializers.BooleanField(help_text="More were found than shown: ask for this kind alone.")


class SearchView(APIView):
    """States, organizations, people, meetings and documents (their PDFs' text included) that
    you may see, found by any of their names; up to 8 of each kind, or 50 of one kind asked alone."""

    permission_classes = [permissions.IsAuthenticated]
    query_parameters = ("q", "kind")

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="What to search for."),
            OpenApiParameter(
                "kind", str, many=True, enum=list(search.KINDS), description="Only these kinds (repeat it)."
            ),
        ],
        responses=inline_serializer(
            "SearchResults", {"q": serializers.CharField(), "groups": GroupSerializer(many=True)}
        ),
    )
    def get(self, request):
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        groups = form.results(request.user)
        return Response({"q": form.cleaned_data["q"], "groups": GroupSerializer(groups, many=True).data})
