"""Outreach belongs to an organization; a meeting's confidential notes are its owner's alone;
incidents follow their side event and stances their campaign."""

from advocacy.models import FollowUp, Incident, Meeting, SideEvent, Stance
from core.access import declare
from directory.access import OwnedPolicy

declare(Meeting, OwnedPolicy(hidden=("confidential_notes",)))
declare(SideEvent, OwnedPolicy())
declare(Incident, OwnedPolicy(parent="side_event"))
declare(FollowUp, OwnedPolicy())
declare(Stance, OwnedPolicy(parent="campaign"))
