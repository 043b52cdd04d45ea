"""What the loader's parts have loaded so far, handed from one part to the next."""

from dataclasses import dataclass, field

from advocacy.models import Meeting, SideEvent
from campaigns.models import Campaign
from directory.models import Organization, Person, User
from unrecord.models import Amendment, Body, MemberState, Resolution, Session, VoteEvent


@dataclass
class Demo:
    """Rows by handle (organizations, people), ISO code (states) or body code, and the single
    rows later parts hang their own on."""

    states: dict[str, MemberState]
    bodies: dict[str, Body]
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    owner: Organization | None = None
    staff: User | None = None
    session: Session | None = None
    resolution: Resolution | None = None
    amendment: Amendment | None = None
    plenary_vote: VoteEvent | None = None
    campaign: Campaign | None = None
    side_event: SideEvent | None = None

    def state(self, iso3: str | None) -> MemberState | None:
        return self.states[iso3] if iso3 else None

    def organization(self, handle: str | None) -> Organization | None:
        return self.organizations[handle] if handle else None

    def person(self, handle: str | None) -> Person | None:
        return self.people[handle] if handle else None
