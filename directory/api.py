"""REST endpoints for organizations and people. Protected people appear under their pseudonym;
their real identity has its own endpoint, answered only to users with explicit permission."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from core.record_api import StateCodeField, list_responses
from directory import selectors, services
from directory.filters import OrganizationFilter, PersonFilter
from directory.models import IdentityRead, Organization, Person, PersonIdentity
from directory.owned_api import OwnedRecordViewSet, PolicySerializer


class OrganizationSerializer(PolicySerializer):
    state = StateCodeField(required=False, allow_null=True)

    class Meta:
        model = Organization
        fields = ["id", "name", "acronym", "kind", "state", "website", "notes", "recorded_by"]
        read_only_fields = ["recorded_by"]


class PersonSerializer(PolicySerializer):
    state = StateCodeField(required=False, allow_null=True)
    # A method rather than `source="organization.name", default=None`: DRF leaves a field with a
    # default out of a partial update's response, and the schema says it is always there.
    organization_name = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id", "name", "is_protected", "category", "title", "organization", "organization_name",
            "state", "email", "phone", "notes", "is_illustrative", "recorded_by", "protected_by",
        ]  # fmt: skip
        read_only_fields = ["recorded_by", "protected_by"]
        extra_kwargs = {"name": {"help_text": "The name shown everywhere; a pseudonym for protected people."}}

    def get_organization_name(self, person) -> str | None:
        return person.organization.name if person.organization else None


class PersonIdentitySerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonIdentity
        fields = ["person", "real_name", "notes"]


@extend_schema_view(list=extend_schema(responses=list_responses(OrganizationSerializer)))
class OrganizationViewSet(OwnedRecordViewSet):
    """The shared directory: everyone reads it; the organization that recorded an entry (or a
    record keeper) changes it. Ordering lives in each FilterSet, so an unknown field is a 400."""

    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    search_fields = ["name", "acronym"]

    selector = selectors.organizations


@extend_schema_view(list=extend_schema(responses=list_responses(PersonSerializer)))
class PersonViewSet(OwnedRecordViewSet):
    """People of the shared directory; a protected person is changed only by the organization
    that protected them, and only it may unprotect them."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    # The public name and title only: a search by real name must reveal nothing.
    search_fields = ["name", "title"]

    selector = selectors.people

    @extend_schema(
        responses={200: PersonIdentitySerializer},
        description="The real identity behind a protected person's pseudonym. 404 unless you hold "
        "the explicit identity permission and your organization recorded it (or shares it). Every "
        "answer is logged: who read which identity, when (the owning organization's managers read "
        "the log in the admin).",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def identity(self, request, pk=None):
        identity = selectors.identity_visible_to(request.user, person_id=self.get_object().pk)
        if identity is None:
            raise Http404
        services.log_identity_reads(reader=request.user, identities=[identity], room=IdentityRead.Room.API)
        return Response(PersonIdentitySerializer(identity).data)
