"""What the API of an organization's own records shares (campaigns, outreach, documents): reads
scoped by the access policy, writes through the services, references only to records the
writer's organization may link to (directory/access.py says who may do what).

Another organization's unshared record is not found (404), never forbidden: a 403 would tell
that it exists. A partner's shared record can be read but not changed (403)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.filters import SearchFilter

from core.api import JSONTypesMixin, PolicySerializerMixin, ServiceWritesMixin
from core.openapi import FIELD_ERRORS, NOT_FOUND
from core.record_api import RecordView, list_responses

FORBIDDEN = OpenApiResponse(
    {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
    description="Your role may not do this, or the record belongs to a partner organization "
    "(partners read shared records, never change them).",
)


class PolicySerializer(PolicySerializerMixin, JSONTypesMixin, serializers.ModelSerializer):
    """For every model of an organization's records: references limited by the policy, hidden
    fields read null, JSON types checked."""


class OwnedRecordSerializer(PolicySerializer):
    """For OwnedRecord models: the owner is the writer's organization, set by the service."""

    owner = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The owning organization.")
    owner_name = serializers.CharField(source="owner.name", read_only=True)

    OWNED_FIELDS = ["owner", "owner_name", "shared_with_partners", "is_illustrative"]
    TIMESTAMPS = ["created_at", "updated_at"]


def documented(serializer_class):
    """The schema of a read-write resource: every action's body and each error it can answer."""
    item_errors = {403: FORBIDDEN, 404: NOT_FOUND}
    write = {200: serializer_class, 400: FIELD_ERRORS, **item_errors}
    return extend_schema_view(
        list=extend_schema(responses=list_responses(serializer_class)),
        retrieve=extend_schema(responses={200: serializer_class, 404: NOT_FOUND}),
        create=extend_schema(responses={201: serializer_class, 400: FIELD_ERRORS, 403: FORBIDDEN}),
        update=extend_schema(responses=write),
        partial_update=extend_schema(responses=write),
        destroy=extend_schema(responses={204: None, **item_errors}),
    )


class OwnedRecordViewSet(ServiceWritesMixin, RecordView, viewsets.ModelViewSet):
    """Subclasses name their serializer, FilterSet and `selector(user)` returning what the user
    may see (the policy's scope, with what the list shows fetched up front)."""

    selector = None
    # Every resource here has titles or names to search.
    filter_backends = [*RecordView.filter_backends, SearchFilter]

    def get_queryset(self):
        return type(self).selector(self.request.user)
