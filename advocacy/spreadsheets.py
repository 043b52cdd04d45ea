"""The spreadsheets of outreach: meetings (recorded by advocacy.services.record_meeting, as the
admin and the API record them) and follow-ups. A meeting's confidential notes are exported only to
its owner; a shared record's campaigns and assignee only to who may see them."""

from advocacy import services
from advocacy.models import FollowUp, Meeting
from campaigns.models import Campaign
from core.spreadsheet_columns import ChoiceColumn, DayColumn, RecordColumn, RecordsColumn, YesNoColumn
from core.spreadsheet_resources import PolicyResource, column, id_column
from directory.models import Person, User
from directory.spreadsheets import organization_column
from unrecord.spreadsheets import StateColumn, states_column

SHARING_GUIDE = "shared_with_partners: yes or no (no if empty)."


class MeetingResource(PolicyResource):
    id = id_column()
    date = column("date", DayColumn(), keeps_default=True)
    place = column("place")
    states = column("states", states_column())
    campaigns = column("campaigns", RecordsColumn(RecordColumn(Campaign)))
    representatives = column("representatives", RecordsColumn(RecordColumn(Person, noun="person")))
    attendees = column("attendees", RecordsColumn(RecordColumn(Person, noun="person")))
    partner_organizations = column("partner_organizations", RecordsColumn(organization_column()))
    ask = column("ask")
    commitments = column("commitments")
    summary = column("summary")
    confidential_notes = column("confidential_notes")
    shared_with_partners = column("shared_with_partners", YesNoColumn(), keeps_default=True)

    example = {
        "date": "2026-03-31",
        "place": "Mission of Kenya, New York",
        "states": "Kenya; Botswana",
        "campaigns": "UNGA 69 DPRK resolution",
        "representatives": "Jane Mwangi",
        "ask": "Vote yes on L.28",
        "shared_with_partners": "no",
    }
    guide = (
        "states, campaigns, representatives, attendees, partner_organizations: names separated by "
        "semicolons (Kenya; Botswana). People by the name shown in Plenary, organizations by name "
        f"or acronym. {SHARING_GUIDE}"
    )

    class Meta:
        model = Meeting
        fields = ("id", "date", "place", "states", "campaigns", "representatives", "attendees",
                  "partner_organizations", "ask", "commitments", "summary", "confidential_notes",
                  "shared_with_partners")  # fmt: skip

    def write(self, instance, data: dict) -> None:
        services.record_meeting(author=self.user, record=instance, data=data)


class FollowUpResource(PolicyResource):
    id = id_column()
    description = column("description")
    assignee = column("assignee", RecordColumn(User, names=("username", "email"), noun="colleague"))
    due_on = column("due_on", DayColumn())
    status = column("status", ChoiceColumn(FollowUp.Status.choices), keeps_default=True)
    completed_on = column("completed_on", DayColumn())
    campaign = column("campaign", RecordColumn(Campaign))
    state = column("state", StateColumn())
    shared_with_partners = column("shared_with_partners", YesNoColumn(), keeps_default=True)

    example = {
        "description": "Send the mission our briefing on L.28",
        "assignee": "",
        "due_on": "2026-04-07",
        "status": "Open",
        "campaign": "UNGA 69 DPRK resolution",
        "state": "Kenya",
    }
    guide = (
        "assignee: a colleague's username or email (you, if empty). status: Open, Done or "
        f"Cancelled; a done follow-up gives its completed_on. {SHARING_GUIDE}"
    )

    class Meta:
        model = FollowUp
        fields = ("id", "description", "assignee", "due_on", "status", "completed_on", "campaign", "state",
                  "shared_with_partners")  # fmt: skip

    def fill_defaults(self, instance) -> None:
        if instance.assignee_id is None and self.user is not None:
            instance.assignee = self.user
