"""The access matrix of issue 12, declared once: whose records, who asks, what they may do to them."""

# Each resource says how to build one for an owner, where the admin and the API serve it, and who holds
# it; the expected answer of every (role, relation, action) cell comes from this table alone, never
# from the product's own access code, so that the tests judge that code rather than repeat it.

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

import factory
from django.apps import apps
from django.db.models import Model

from advocacy.models import Incident
from directory.models import Organization
from documents.models import Signature
from tests import factories

# -- who asks, about whose record, to do what ----------------------------------------------------------
ANALYST, STAFF, MANAGER = "analyst", "staff", "manager"
KEEPER = "keeper"  # a manager also given the explicit permission to keep the public UN record
ANONYMOUS = "anonymous"
ROLES = (ANALYST, STAFF, MANAGER)

OWN, PARTNER_SHARED, PARTNER_UNSHARED, STRANGERS = "own", "partner-shared", "partner-unshared", "stranger's"
UNOWNED = "unowned"  # the public UN record belongs to no organization
OWNED_RELATIONS = (OWN, PARTNER_SHARED, PARTNER_UNSHARED, STRANGERS)

VIEW, ADD, CHANGE, DELETE, HISTORY, EXPORT = "view", "add under", "change", "delete", "history", "export"
READS = (VIEW, HISTORY, EXPORT)


class Reach(enum.Enum):
    """Whose records they are, which decides who sees and who holds (may write, role permitting)."""

    OWNED = "seen by its organization and, when shared, its partners; held by its organization"
    DIRECTORY = "seen by everyone; held by the organization that recorded it, and by record keepers"
    UN_RECORD = "seen by everyone; held by record keepers only, whatever their role"


# The roles, as the README and issue 12 promise them: analysts read; staff write outreach, documents and
# directory entries; managers also campaigns, their targets and thresholds; only managers delete.
OUTREACH_WRITERS = frozenset({STAFF, MANAGER})
CAMPAIGN_WRITERS = frozenset({MANAGER})
DELETERS = frozenset({MANAGER})
NOBODY = frozenset()


# -- how each relation's record is built ---------------------------------------------------------------
# The text each record carries, so that an export can be searched for it: none is part of another.
MARKERS = {
    OWN: "ours",
    PARTNER_SHARED: "partner-shared",
    PARTNER_UNSHARED: "partner-private",
    STRANGERS: "stranger",
    UNOWNED: "public",
}


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    side_event = factory.SubFactory(factories.SideEventFactory)
    kind = Incident.Kind.PHOTOGRAPHING
    description = "Witnesses photographed from the gallery."


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    document = factory.SubFactory(factories.DocumentFactory)
    organization = factory.SelfAttribute("document.owner")


def campaign(owner, shared, marker):
    return factories.CampaignFactory(owner=owner, shared_with_partners=shared, name=f"Campaign {marker}")


def side_event(owner, shared, marker):
    record = factories.SideEventFactory(
        owner=owner, shared_with_partners=shared, title=f"Side event {marker}"
    )
    record.organizers.set([owner])  # its form requires one
    return record


def document(owner, shared, marker):
    return factories.DocumentFactory(owner=owner, shared_with_partners=shared, title=f"Document {marker}")


def meeting(owner, shared, marker):
    return factories.MeetingFactory(
        owner=owner, shared_with_partners=shared, place=f"Mission {marker}", confidential_notes=secret(marker)
    )


def secret(marker: str) -> str:
    """What a hidden field of the record marked `marker` holds: only its owner may ever read it."""
    return f"The ambassador hinted at a deal ({marker})."


# -- the resources -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Resource:
    name: str  # as the API names it
    admin: str  # "app_label.model_name": the admin's URL names are admin:<app>_<model>_<view>
    reach: Reach
    writers: frozenset[str]  # roles that add and change, where they hold the record
    deleters: frozenset[str]
    build: Callable[[Organization, bool, str], Model]  # (owner, shared, marker) -> a record
    label: Callable[[Model], str]  # the exact text of a column of the admin list that shows the record
    change: dict  # a field the admin form and the API can change, and its new value
    new: Callable[[Model | None], dict]  # an API body creating one (under a parent, for a part)
    parent: str | None = None  # a part (a campaign's target) belongs to the record this field names
    build_parent: Callable[[Organization, bool, str], Model] | None = None
    hidden: tuple[str, ...] = ()  # fields only the owning organization may read
    api_writes: bool = True  # False: the API serves it read-only (writes answer 405)
    relations: tuple[str, ...] = OWNED_RELATIONS
    roles: tuple[str, ...] = ROLES  # anonymous visitors have a test of their own

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.admin)

    @property
    def parent_model(self) -> type[Model]:
        return self.model._meta.get_field(self.parent).related_model

    @property
    def app_label(self) -> str:
        return self.admin.split(".")[0]

    @property
    def model_name(self) -> str:
        return self.admin.split(".")[1]

    def __str__(self):
        return self.name


def _part(build_parent, make):
    """A part's builder: its parent, built for the owner, with the part under it."""
    return lambda owner, shared, marker: make(build_parent(owner, shared, marker))


RESOURCES = [
    Resource(
        "campaigns",
        "campaigns.campaign",
        Reach.OWNED,
        CAMPAIGN_WRITERS,
        DELETERS,
        build=campaign,
        label=lambda record: record.name,
        change={"goal": "A stronger vote"},
        new=lambda parent: {"name": "Another campaign", "goal": "A vote", "starts_on": "2015-09-01"},
    ),
    Resource(
        "targets",
        "campaigns.target",
        Reach.OWNED,
        CAMPAIGN_WRITERS,
        DELETERS,
        build=_part(campaign, lambda parent: factories.TargetFactory(campaign=parent)),
        label=lambda record: str(record.campaign),
        change={"rationale": "Voted yes in 2013."},
        new=lambda parent: {"campaign": parent.pk, "state": "GHA", "wanted_vote": "Y"},
        parent="campaign",
        build_parent=campaign,
    ),
    Resource(
        "thresholds",
        "campaigns.threshold",
        Reach.OWNED,
        CAMPAIGN_WRITERS,
        DELETERS,
        build=_part(campaign, lambda parent: factories.ThresholdFactory(campaign=parent)),
        label=lambda record: str(record.campaign),
        change={"value": 110},
        new=lambda parent: {
            "campaign": parent.pk,
            "kind": "max_no",
            "value": 25,
            "resolution": factories.ResolutionFactory().pk,
        },
        parent="campaign",
        build_parent=campaign,
    ),
    Resource(
        "meetings",
        "advocacy.meeting",
        Reach.OWNED,
        OUTREACH_WRITERS,
        DELETERS,
        build=meeting,
        label=lambda record: record.place,
        change={"summary": "They will consider it."},
        new=lambda parent: {"date": "2014-10-24", "states": ["BWA"]},
        hidden=("confidential_notes",),
    ),
    Resource(
        "side-events",
        "advocacy.sideevent",
        Reach.OWNED,
        OUTREACH_WRITERS,
        DELETERS,
        build=side_event,
        label=lambda record: record.title,
        change={"outcome": "Well attended."},
        new=lambda parent: {"title": "Panel", "date": "2014-10-22", "location": "geneva", "organizers": []},
    ),
    Resource(
        "incidents",
        "advocacy.incident",
        Reach.OWNED,
        OUTREACH_WRITERS,
        DELETERS,
        build=_part(side_event, lambda parent: IncidentFactory(side_event=parent)),
        label=lambda record: str(record.side_event),
        change={"description": "Shouting from the gallery."},
        new=lambda parent: {"side_event": parent.pk, "kind": "disruption", "description": "Shouting."},
        parent="side_event",
        build_parent=side_event,
    ),
    Resource(
        "follow-ups",
        "advocacy.followup",
        Reach.OWNED,
        OUTREACH_WRITERS,
        DELETERS,
        build=lambda owner, shared, marker: factories.FollowUpFactory(
            owner=owner, shared_with_partners=shared, description=f"Follow-up {marker}"
        ),
        label=lambda record: record.description,
        change={"description": "Send the COI summary again"},
        new=lambda parent: {"description": "Send the report", "due_on": "2014-11-01"},
    ),
    Resource(
        "stances",
        "advocacy.stance",
        Reach.OWNED,
        OUTREACH_WRITERS,
        DELETERS,
        build=lambda owner, shared, marker: factories.StanceFactory(owner=owner, shared_with_partners=shared),
        label=lambda record: str(record.resolution),  # each stance is on a resolution of its own
        change={"note": "Said again at the reception."},
        new=lambda parent: {
            "resolution": factories.ResolutionFactory().pk,
            "state": "GHA",
            "position": "leaning_yes",
            "evidence": "judgement",
        },
    ),
    Resource(
        "documents",
        "documents.document",
        Reach.OWNED,
        OUTREACH_WRITERS,
        DELETERS,
        build=document,
        label=lambda record: record.title,
        change={"summary": "Signed by 20 NGOs."},
        new=lambda parent: {"kind": "joint_letter", "title": "Joint letter", "dated": "2014-09-10"},
    ),
    Resource(
        "signatures",
        "documents.signature",
        Reach.OWNED,
        OUTREACH_WRITERS,
        DELETERS,
        build=_part(document, lambda parent: SignatureFactory(document=parent)),
        label=lambda record: str(record.document),
        change={"capacity": "Executive director"},
        new=lambda parent: {"document": parent.pk, "organization": parent.owner_id},
        parent="document",
        build_parent=document,
    ),
    Resource(
        "people",
        "directory.person",
        Reach.DIRECTORY,
        OUTREACH_WRITERS,
        DELETERS,
        build=lambda owner, shared, marker: factories.PersonFactory(
            name=f"Person {marker}", recorded_by=owner
        ),
        label=lambda record: record.name,
        change={"title": "Deputy Permanent Representative"},
        new=lambda parent: {"name": "Another person", "category": "ngo_staff"},
        relations=(OWN, STRANGERS),
        roles=(*ROLES, KEEPER),
    ),
    Resource(
        "organizations",
        "directory.organization",
        Reach.DIRECTORY,
        OUTREACH_WRITERS,
        DELETERS,
        build=lambda owner, shared, marker: factories.OrganizationFactory(
            name=f"Organization {marker}", recorded_by=owner
        ),
        label=lambda record: record.name,
        change={"notes": "Works on detention."},
        new=lambda parent: {"name": "Another organization", "kind": "ngo"},
        relations=(OWN, STRANGERS),
        roles=(*ROLES, KEEPER),
    ),
    Resource(
        "vote-events",
        "unrecord.voteevent",
        Reach.UN_RECORD,
        NOBODY,
        NOBODY,
        build=lambda owner, shared, marker: factories.VoteEventFactory(description=f"Vote {marker}"),
        label=str,
        change={"description": "Recorded vote on the draft as a whole."},
        new=lambda parent: {"date": "2014-12-18", "body": "GA", "result": "adopted"},
        api_writes=False,
        relations=(UNOWNED,),
        roles=(*ROLES, KEEPER),
    ),
]

CASES = [(resource, role) for resource in RESOURCES for role in resource.roles]
CASE_IDS = [f"{resource.name}-{role}" for resource, role in CASES]


# -- the expected answer of every cell, from the declaration above -------------------------------------
def sees(resource: Resource, role: str, relation: str) -> bool:
    if role == ANONYMOUS:
        return False
    return resource.reach is not Reach.OWNED or relation in (OWN, PARTNER_SHARED)


def holds(resource: Resource, role: str, relation: str) -> bool:
    if role == ANONYMOUS:
        return False
    if resource.reach is Reach.UN_RECORD:
        return role == KEEPER
    if resource.reach is Reach.DIRECTORY:
        return relation == OWN or role == KEEPER
    return relation == OWN


def _role_rights(role: str) -> str:
    return MANAGER if role == KEEPER else role  # a keeper is a manager with one more permission


def allowed(resource: Resource, role: str, relation: str, action: str) -> bool:
    """Whether `role`, asking about the record of `relation` (for ADD: the parent of that relation,
    or a new record of one's own), may do `action`."""
    if action in READS:
        return sees(resource, role, relation)
    if resource.reach is Reach.UN_RECORD:
        return holds(resource, role, relation)  # keepers write all of it, whatever their role
    permitted = resource.deleters if action == DELETE else resource.writers
    return _role_rights(role) in permitted and holds(resource, role, relation)


def may_add_any(resource: Resource, role: str) -> bool:
    """Whether `role` may open the add form at all (somewhere to add under, or a record of its own)."""
    return allowed(resource, role, OWN if resource.reach is not Reach.UN_RECORD else UNOWNED, ADD)


def reads_hidden(relation: str) -> bool:
    """Hidden fields are read by the owning organization, whatever the reader's role."""
    return relation == OWN


# -- who asks, and one record for each relation to them ---------------------------------------------
USER_FIXTURES = {  # the fixtures of tests/conftest.py
    ANALYST: "analyst_user",
    STAFF: "staff_user",
    MANAGER: "manager_user",
    KEEPER: "record_keeper",
}


def build(resource: Resource, owners: dict, *, parents: bool = False) -> dict:
    """One record per relation of `resource` (with `parents`: one record to add a part under)."""
    make = resource.build_parent if parents else resource.build
    suffix = " (to add under)" if parents else ""
    return {relation: make(*owners[relation], MARKERS[relation] + suffix) for relation in resource.relations}


def sign_in(client, request, role: str):
    """`client` signed in as `role` of our organization (left signed out for an anonymous one)."""
    if role != ANONYMOUS:
        client.force_login(request.getfixturevalue(USER_FIXTURES[role]))
    return client


# -- a test's verdicts ---------------------------------------------------------------------------------
@dataclass
class Verdicts:
    """Every cell a test checks, so that one failing cell does not hide the others."""

    case: str
    wrong: list[str] = field(default_factory=list)
    checked: int = 0

    def check(self, relation: str, action: str, right: bool, what: str) -> None:
        self.checked += 1
        if not right:
            self.wrong.append(f"{self.case}: {relation} × {action}: {what}")

    def assert_all_right(self) -> None:
        assert self.checked, f"{self.case}: no cell was checked"
        assert not self.wrong, f"{len(self.wrong)} wrong cell(s):\n" + "\n".join(self.wrong)


UNKNOWN = 10**9  # an id no record has


def stored(record, **values) -> bool:
    return type(record)._default_manager.filter(pk=record.pk, **values).exists()


class Room:
    """One room (the admin, the API) asked for one (resource, role): its records by relation,
    the role's client, and the verdicts. Subclasses say how the room answers (`answer`)."""

    room = ""

    def __init__(self, client, resource, role, records, parents):
        self.client, self.resource, self.role = client, resource, role
        self.records, self.parents = records, parents
        self.verdicts = Verdicts(f"{self.room} {resource.name} as {role}")

    @staticmethod
    def answer(response) -> tuple:
        raise NotImplementedError

    def expect(self, relation, action, right, what):
        self.verdicts.check(relation, action, right, what)

    def allowed(self, relation, action):
        return allowed(self.resource, self.role, relation, action)

    def refused(self, relation, action, response, unknown, what):
        """A refusal: 403 for a record one sees, and the unknown id's answer for one one does not."""
        said = self.answer(response)
        if allowed(self.resource, self.role, relation, VIEW):
            self.expect(relation, action, response.status_code == 403, f"{what} answered {said}, not 403")
        else:
            self.expect(
                relation,
                action,
                said == unknown,
                f"{what} answered {said} where an unknown id answers {unknown}",
            )
