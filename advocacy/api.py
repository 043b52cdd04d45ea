"""Outreach over the API: meetings, side events and their incidents, follow-ups, stances. Read by
every role of the owning organization (and by partners when shared), written by staff and managers."""

from django.db import transaction
from rest_framework import serializers

from advocacy import filters, selectors, services
from advocacy.models import FollowUp, Incident, Meeting, SideEvent, Stance
from campaigns.api import body_codes, owned_campaign
from core.api import PolicyRelatedField
from core.record_api import StateCodeField
from core.versions import version_of
from directory.models import Organization, Person, User
from directory.owned_api import OwnedRecordSerializer, OwnedRecordViewSet, PolicySerializer, documented

_PEOPLE_HELP = "Person ids; protected people are listed under their pseudonym."


def people(**kwargs) -> PolicyRelatedField:
    return PolicyRelatedField(
        queryset=Person.objects.all(), many=True, required=False, help_text=_PEOPLE_HELP, **kwargs
    )


def organizations(**kwargs) -> PolicyRelatedField:
    return PolicyRelatedField(queryset=Organization.objects.all(), many=True, **kwargs)


def owned(model, **kwargs) -> PolicyRelatedField:
    return PolicyRelatedField(queryset=model.objects.all(), **kwargs)


class StanceSaidSerializer(PolicySerializer):
    state = StateCodeField(help_text="ISO3 code of a state met at the meeting.")

    class Meta:
        model = Stance
        fields = ["id", "state", "position", "confidence", "resolution", "series", "note"]
        extra_kwargs = {
            "resolution": {"help_text": "The resolution it is about; the meeting's own if neither is named."},
        }


class MeetingSerializer(OwnedRecordSerializer):
    states = StateCodeField(many=True, required=False, help_text="ISO3 codes of the states met.")
    stances = StanceSaidSerializer(
        many=True,
        required=False,
        help_text="What each state met said, one stance each (dated and evidenced by the meeting). "
        "Sent, it replaces the stances said at the meeting; left out, they stay as they are.",
    )
    representatives = people()
    attendees = people()
    partner_organizations = organizations(required=False)
    campaigns = owned_campaign(many=True, required=False)
    confidential_notes = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Null unless your organization owns the meeting: partners never see these notes.",
    )

    class Meta:
        model = Meeting
        fields = [
            "id", "date", "place", "states", "representatives", "attendees", "partner_organizations",
            "campaigns", "resolutions", "ask", "stances", "commitments", "summary",
            "confidential_notes", *OwnedRecordSerializer.OWNED_FIELDS, *OwnedRecordSerializer.TIMESTAMPS,
        ]  # fmt: skip

    def validate_confidential_notes(self, value):
        return value or ""


class SideEventSerializer(OwnedRecordSerializer):
    body = body_codes(required=False, allow_null=True, help_text="Body code, e.g. HRC.")
    organizers = organizations(help_text="Organization ids.")
    cosponsors = StateCodeField(
        many=True, required=False, help_text="ISO3 codes; at UN Headquarters at least one is required."
    )
    speakers = people()
    delegations_present = StateCodeField(many=True, required=False, help_text="ISO3 codes.")
    campaigns = owned_campaign(many=True, required=False)

    class Meta:
        model = SideEvent
        fields = [
            "id", "title", "date", "starts_at", "location", "venue", "body", "session", "organizers",
            "cosponsors", "speakers", "delegations_present", "campaigns", "description", "outcome",
            *OwnedRecordSerializer.OWNED_FIELDS, *OwnedRecordSerializer.TIMESTAMPS,
        ]  # fmt: skip


class IncidentSerializer(PolicySerializer):
    side_event = owned(SideEvent, help_text="A side event of your organization.")
    state = StateCodeField(required=False, allow_null=True, help_text="The delegation responsible, if any.")

    class Meta:
        model = Incident
        fields = ["id", "side_event", "kind", "state", "description"]


class FollowUpSerializer(OwnedRecordSerializer):
    assignee = PolicyRelatedField(
        queryset=User.objects.all(),
        default=serializers.CurrentUserDefault(),
        help_text="A user of your organization; you, if not given.",
    )
    assignee_name = serializers.CharField(source="assignee.get_username", read_only=True)
    meeting = owned(Meeting, required=False, allow_null=True)
    side_event = owned(SideEvent, required=False, allow_null=True)
    campaign = owned_campaign(required=False, allow_null=True)
    state = StateCodeField(required=False, allow_null=True)

    class Meta:
        model = FollowUp
        fields = [
            "id", "description", "assignee", "assignee_name", "due_on", "status", "completed_on",
            "meeting", "side_event", "campaign", "state",
            *OwnedRecordSerializer.OWNED_FIELDS, *OwnedRecordSerializer.TIMESTAMPS,
        ]  # fmt: skip


class StanceSerializer(OwnedRecordSerializer):
    state = StateCodeField(help_text="ISO 3166-1 alpha-3, e.g. BWA.")
    state_name = serializers.CharField(source="state.common_name", read_only=True)
    regional_group = serializers.CharField(
        source="state.regional_group.code", read_only=True, allow_null=True, default=None
    )
    meeting = owned(
        Meeting, required=False, allow_null=True, help_text="Required when the evidence is a meeting."
    )
    recorded_by = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Stance
        fields = [
            "id", "state", "state_name", "regional_group", "resolution", "series", "position", "as_of",
            "evidence", "meeting", "vote_event", "source_url", "note", "confidence", "recorded_by",
            *OwnedRecordSerializer.OWNED_FIELDS, *OwnedRecordSerializer.TIMESTAMPS,
        ]  # fmt: skip


@documented(MeetingSerializer)
class MeetingViewSet(OwnedRecordViewSet):
    """Meetings with missions and officials: who, when, what was asked, what they said."""

    serializer_class = MeetingSerializer
    filterset_class = filters.MeetingFilter
    search_fields = ["place", "ask", "summary", "commitments"]
    selector = selectors.meetings_visible_to

    # The meeting and the stances said at it are written together, by one service.
    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        stances = data.pop("stances", None)
        serializer.instance = services.record_meeting(
            author=self.request.user, record=Meeting(), data=data, stances=stances
        )

    @transaction.atomic
    def perform_update(self, serializer):
        self.check_if_match(serializer.instance)
        data = dict(serializer.validated_data)
        stances = data.pop("stances", None)
        meeting = serializer.instance
        services.record_meeting(author=self.request.user, record=meeting, data=data, stances=stances)
        self.version = version_of(serializer.instance)


@documented(SideEventSerializer)
class SideEventViewSet(OwnedRecordViewSet):
    """Side events at the UN, with their co-sponsoring states, speakers and delegations present."""

    serializer_class = SideEventSerializer
    filterset_class = filters.SideEventFilter
    search_fields = ["title", "description", "venue"]
    selector = selectors.side_events_visible_to


@documented(IncidentSerializer)
class IncidentViewSet(OwnedRecordViewSet):
    """What happened at side events that must be on record, e.g. intimidation of witnesses."""

    serializer_class = IncidentSerializer
    filterset_class = filters.IncidentFilter
    search_fields = ["description"]
    selector = selectors.incidents_visible_to


@documented(FollowUpSerializer)
class FollowUpViewSet(OwnedRecordViewSet):
    serializer_class = FollowUpSerializer
    filterset_class = filters.FollowUpFilter
    search_fields = ["description"]
    selector = selectors.follow_ups_visible_to


@documented(StanceSerializer)
class StanceViewSet(OwnedRecordViewSet):
    """States' positions on a resolution or series over time, as each organization recorded them;
    ?campaign= keeps those a campaign sees, ?current=true each state's latest on each subject."""

    serializer_class = StanceSerializer
    filterset_class = filters.StanceFilter
    search_fields = ["state__common_name", "state__iso3", "note"]
    selector = selectors.stances_visible_to
