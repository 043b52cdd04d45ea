"""Outreach belongs to an organization; a meeting's confidential notes are its owner's alone;
incidents follow their side event. A stance belongs to the organization that recorded it (one
stance serves all its campaigns on that resolution), and is shared with partners as it says."""

from advocacy.models import FollowUp, Incident, Meeting, SideEvent, Stance
from core.access import declare
from directory.access import OwnedPolicy

declare(Meeting, OwnedPolicy(hidden=("confidential_notes",)))
declare(SideEvent, OwnedPolicy())
declare(Incident, OwnedPolicy(parent="side_event"))
declare(FollowUp, OwnedPolicy())
declare(Stance, OwnedPolicy())
