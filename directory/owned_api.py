"""What the API of an organization's own records shares (campaigns, outreach, documents):
reads scoped by `visible_to`, writes only to records the writer's organization owns, and
references that may only point at records it owns.

Another organization's unshared record is not found (404), never forbidden: a 403 would tell
that it exists. A partner's shared record can be read but not changed (403)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, viewsets
from rest_framework.filters import SearchFilter

from unrecord.api.common import FIELD_ERRORS, NOT_FOUND, RecordView, list_responses

FORBIDDEN = OpenApiResponse(
    {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
    description="Your role may not do this, or the record belongs to a partner organization "
    "(partners read shared records, never change them).",
)


class OwnedRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference that may only point at a record the writer's organization owns: a meeting
    can be filed under our campaigns, not under a partner's."""

    def get_queryset(self):
        request = self.context.get("request")
        queryset = super().get_queryset()
        return queryset.owned_by(request.user) if request is not None else queryset.none()


class OwnedRecordSerializer(serializers.ModelSerializer):
    """For OwnedRecord models: the owner is the writer's organization, set by the view."""

    owner = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The owning organization.")
    owner_name = serializers.CharField(source="owner.name", read_only=True)

    OWNED_FIELDS = ["owner", "owner_name", "shared_with_partners", "is_illustrative"]
    TIMESTAMPS = ["created_at", "updated_at"]

    def validate(self, attrs):
        # Before the model's own checks run, which may involve the owner (unique names).
        if self.instance is None:
            attrs["owner"] = self._writers_organization()
        return super().validate(attrs)

    def _writers_organization(self):
        organization = self.context["request"].user.organization
        if organization is None:
            raise exceptions.ValidationError(
                {"owner": ["Your account belongs to no organization: records need one to own them."]}
            )
        return organization


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


class OwnedRecordViewSet(RecordView, viewsets.ModelViewSet):
    """Subclasses name their serializer, FilterSet and `selector(user)` returning what the user
    may see. Records with an `owner` are created for the writer's organization (their serializer
    sees to it); parts of a record (a campaign's targets) belong to the parent their serializer
    only lets the writer choose among their organization's records."""

    selector = None
    # Every resource here has titles or names to search.
    filter_backends = [*RecordView.filter_backends, SearchFilter]

    def get_queryset(self):
        return type(self).selector(self.request.user)

    def owns(self, user, obj) -> bool:
        return type(obj).objects.owned_by(user).filter(pk=obj.pk).exists()
