"""The spreadsheet of a campaign's targets: which state, the vote wanted, how much it matters.
Read and written as core.spreadsheet_resources describes; a target goes only into a campaign the
importing user may change (its service checks the campaign against what they may link to)."""

from campaigns.models import Campaign, Target
from core.spreadsheet_columns import ChoiceColumn, RecordColumn
from core.spreadsheet_resources import PolicyResource, column, id_column
from unrecord.spreadsheets import StateColumn


class TargetResource(PolicyResource):
    id = id_column()
    campaign = column("campaign", RecordColumn(Campaign))
    state = column("state", StateColumn())
    wanted_vote = column(
        "wanted_vote", ChoiceColumn(Target._meta.get_field("wanted_vote").choices), keeps_default=True
    )
    priority = column("priority", ChoiceColumn(Target.Priority.choices), keeps_default=True)
    rationale = column("rationale")

    example = {
        "campaign": "UNGA 69 DPRK resolution",
        "state": "Kenya",
        "wanted_vote": "Yes",
        "priority": "High",
        "rationale": "Voted yes in 2013; new ambassador.",
    }
    guide = (
        "campaign: the campaign's name, one you manage. state: its ISO3 code (KEN) or any of its "
        "names. wanted_vote: Yes, No or Abstain (Yes if empty). priority: High, Medium or Low "
        "(Medium if empty)."
    )

    class Meta:
        model = Target
        fields = ("id", "campaign", "state", "wanted_vote", "priority", "rationale")
